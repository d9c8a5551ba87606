//! First-run setup and the 设置 page: who is filling in, for which unit and year.

use leptos::prelude::*;

use super::state::use_app;
use crate::browser::{download, storage};
use zrz_domain::record::Profile;

/// The form shared by setup and 设置. Saves only a valid profile; otherwise says which field to fix.
#[component]
fn ProfileForm(
    #[prop(into)] submit_label: String,
    #[prop(optional)] on_saved: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    let current = app.profile();
    let initial_year = if current.year == 0 {
        Profile::for_year_of(app.today).year
    } else {
        current.year
    };
    let unit = RwSignal::new(current.unit);
    let department = RwSignal::new(current.department);
    let filled_by = RwSignal::new(current.filled_by);
    let year = RwSignal::new(initial_year.to_string());
    let error = RwSignal::new(None::<(String, String)>);
    let saved = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Ok(year_value) = year.get_untracked().trim().parse::<i32>() else {
            error.set(Some((
                "year".into(),
                "评估年度应为四位数字年份，例如 2024".into(),
            )));
            return;
        };
        let profile = Profile {
            unit: unit.get_untracked().trim().to_string(),
            department: department.get_untracked().trim().to_string(),
            filled_by: filled_by.get_untracked().trim().to_string(),
            year: year_value,
        };
        match profile.validate() {
            Ok(()) => {
                error.set(None);
                app.set_profile(profile);
                saved.set(true);
                if let Some(cb) = on_saved {
                    cb.run(());
                }
            }
            Err(e) => error.set(Some((e.field.to_string(), e.message))),
        }
    };
    let invalid = move |field: &'static str| {
        move || error.with(|e| e.as_ref().is_some_and(|(f, _)| f == field))
    };
    let text_field = move |id: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           hint: &'static str| {
        view! {
            <label for=format!("profile-{id}")>{label}</label>
            <input
                id=format!("profile-{id}")
                name=id
                type="text"
                placeholder=hint
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || invalid(id)().then_some("true")
            />
        }
    };
    view! {
        <form class="form profile-form" on:submit=submit novalidate>
            {text_field("unit", "单位名称", unit, "例如：县文化广播影视局")}
            {text_field("department", "科室/直属单位", department, "例如：办公室")}
            {text_field("filled_by", "填报人", filled_by, "姓名")}
            <label for="profile-year">"评估年度"</label>
            <input
                id="profile-year"
                name="year"
                type="number"
                min="2000"
                max="2100"
                prop:value=move || year.get()
                on:input=move |ev| year.set(event_target_value(&ev))
                aria-invalid=move || invalid("year")().then_some("true")
            />
            <div class="form-actions">
                <button type="submit" class="primary">{submit_label}</button>
            </div>
            {move || error.get().map(|(_, message)| view! { <p class="field-error" role="alert">{message}</p> })}
            {move || saved.get().then(|| view! { <p class="field-ok" role="status">"已保存"</p> })}
        </form>
    }
}

#[component]
pub fn Setup() -> impl IntoView {
    view! {
        <section class="page setup" data-testid="setup">
            <h1>"开始使用"</h1>
            <p>
                "请先填写本单位信息。这些信息会写入导出的自评文件，便于局党组办公室汇总；以后可在“设置”中修改。"
            </p>
            <ProfileForm submit_label="开始自查"/>
        </section>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    let quarantined = storage::quarantined_keys();
    let persisted = move || {
        match app.persisted.get() {
        Some(true) => "浏览器已同意持久保存本站数据：存储空间紧张时不会自动清除。",
        Some(false) => "浏览器未同意持久保存本站数据：存储空间紧张或清理浏览器时数据可能被清除，请定期导出备份。",
        None => "浏览器未回答是否持久保存本站数据（可能不支持）：请定期导出备份。",
    }
    };
    view! {
        <section class="page" data-testid="settings">
            <h1>"设置"</h1>
            <h2>"单位信息"</h2>
            <ProfileForm submit_label="保存单位信息"/>
            <super::rating::RatingSettingsSection/>
            <h2>"数据存放"</h2>
            <p>
                "所有数据只保存在本电脑的这个浏览器中，不会上传到任何服务器。更换电脑或清除浏览器数据前，请先在“导入导出”中导出文件。"
            </p>
            <p data-testid="persistence">{persisted}</p>
            {(!quarantined.is_empty()).then(|| view! {
                <div class="notice notice-error" data-testid="quarantined">
                    <p>"以下是启动时无法读取的旧数据，已原样另存，没有删除。可下载后交信息化人员检查："</p>
                    <ul>
                        {quarantined.into_iter().map(|key| {
                            let file_name = format!("{}.json", key.replace([':', '.'], "_"));
                            let download_key = key.clone();
                            let download = move |_| {
                                if let Ok(Some(text)) = storage::read(&download_key) {
                                    let _ = download::download_text(&file_name, &text, "application/json");
                                }
                            };
                            view! {
                                <li>
                                    {key.clone()} " "
                                    <button type="button" on:click=download>"下载原始数据"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </section>
    }
}
