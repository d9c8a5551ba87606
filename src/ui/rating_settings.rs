//! 评分设置, the block of 设置 that edits [`RatingSettings`]: weights, grade scores, bands, vetoes,
//! who bears red lines, the share of 优秀.
//!
//! The form edits a text draft. "保存评分设置" turns it into settings and stores them only if
//! [`RatingSettings::validate`] accepts them; otherwise the message says what to fix, the field is
//! marked, and the last valid settings stay in force. Weights that must sum to 100 can't be saved one
//! field at a time, which is why this form saves on submit and the rating cells save on every edit.

use leptos::prelude::*;

use super::derived::{flag, invalid_if, text};
use super::state::{use_app, AppState};
use zrz_domain::record::{Grade, RaterRole, ResponsibilityLevel};
use zrz_domain::scoring::{GradeBand, RatingSettings, MAX_EXCELLENT_SHARE};
use zrz_domain::Dimension;

/// The form's content: every number as the user typed it.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    dimension_weights: [String; 5],
    role_weights: [String; 3],
    grade_scores: [String; 4],
    /// (下限, 上限) per grade, best first.
    bands: [(String, String); 4],
    lian_veto: bool,
    red_line_cap: Option<Grade>,
    /// One per [`ResponsibilityLevel::ALL`].
    levels: [bool; 4],
    excellent_share_max: String,
}

/// A number the way it was configured: "15", "37.5".
pub fn num_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

impl Draft {
    fn from_settings(s: &RatingSettings) -> Draft {
        Draft {
            dimension_weights: Dimension::ALL.map(|d| num_text(s.dimension_weights.get(d))),
            role_weights: RaterRole::ALL.map(|r| num_text(s.role_weights.get(r))),
            grade_scores: Grade::ALL.map(|g| num_text(s.grade_scores.get(g))),
            bands: Grade::ALL.map(|g| {
                s.band(g)
                    .map(|b| (num_text(b.min), num_text(b.max)))
                    .unwrap_or_default()
            }),
            lian_veto: s.vetoes.lian_incompetent,
            red_line_cap: s.vetoes.red_line_cap,
            levels: ResponsibilityLevel::ALL.map(|l| s.red_line_responsible_levels.contains(&l)),
            excellent_share_max: num_text(s.excellent_share_max),
        }
    }

    /// The settings the draft describes, validated. The error is `(field path, message)`, with the
    /// field paths of [`RatingSettings::validate`] (`dimension_weights.de`, `grade_bands[1].max` …).
    fn to_settings(&self) -> Result<RatingSettings, (String, String)> {
        let mut s = RatingSettings::default();
        for (i, d) in Dimension::ALL.into_iter().enumerate() {
            let field = format!("dimension_weights.{}", d.key());
            let what = format!("“{}”的权重", d.label());
            s.dimension_weights
                .set(d, number(&self.dimension_weights[i], &field, &what)?);
        }
        for (i, r) in RaterRole::ALL.into_iter().enumerate() {
            let field = format!("role_weights.{}", r.key());
            let what = format!("“{}”的权重", r.label());
            s.role_weights
                .set(r, number(&self.role_weights[i], &field, &what)?);
        }
        for (i, g) in Grade::ALL.into_iter().enumerate() {
            let field = format!("grade_scores.{}", g.key());
            let what = format!("“{}”对应分", g.label());
            s.grade_scores
                .set(g, number(&self.grade_scores[i], &field, &what)?);
        }
        let mut bands = Vec::new();
        for (i, g) in Grade::ALL.into_iter().enumerate() {
            let (min, max) = &self.bands[i];
            let min = number(
                min,
                &format!("grade_bands[{i}].min"),
                &format!("{}档下限", g.label()),
            )?;
            let max = number(
                max,
                &format!("grade_bands[{i}].max"),
                &format!("{}档上限", g.label()),
            )?;
            bands.push(GradeBand { grade: g, min, max });
        }
        s.grade_bands = bands;
        s.vetoes.lian_incompetent = self.lian_veto;
        s.vetoes.red_line_cap = self.red_line_cap;
        s.red_line_responsible_levels = ResponsibilityLevel::ALL
            .into_iter()
            .zip(self.levels)
            .filter_map(|(l, on)| on.then_some(l))
            .collect();
        s.excellent_share_max = number(
            &self.excellent_share_max,
            "excellent_share_max",
            "优秀比例上限",
        )?;
        s.validate().map_err(|e| (e.field, e.message))?;
        Ok(s)
    }
}

fn number(text: &str, field: &str, what: &str) -> Result<f64, (String, String)> {
    let t = text.trim();
    if t.is_empty() {
        return Err((field.to_string(), format!("请填写{what}")));
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err((
            field.to_string(),
            format!("{what}“{t}”不是数字，请填写 0 到 100 之间的数"),
        )),
    }
}

/// The DOM id of the input for a settings field path: `grade_bands[1].max` → `rs-grade_bands-1-max`.
fn input_id(field: &str) -> String {
    let mut id = String::from("rs-");
    for c in field.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// Whether an error on `error_field` concerns the input of `field`: the field itself, or a group
/// it belongs to (`dimension_weights` for a sum that is not 100).
fn concerns(error_field: &str, field: &str) -> bool {
    field == error_field
        || field
            .strip_prefix(error_field)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

fn store_settings(app: AppState, settings: RatingSettings) {
    app.data.update(|d| {
        d.assessment.rating_settings = settings;
        d.changes_since_export += 1;
    });
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    None,
    Saved,
    Unchanged,
    DefaultsFilled,
    Reverted,
    Refused(String, String),
}

/// The rating settings block of 设置.
#[component]
pub fn RatingSettingsSection() -> impl IntoView {
    let app = use_app();
    let stored = Memo::new(move |_| app.data.with(|d| d.assessment.rating_settings.clone()));
    let draft = RwSignal::new(Draft::from_settings(&stored.get_untracked()));
    let status = RwSignal::new(Status::None);
    let dirty = move || draft.with(|d| *d != Draft::from_settings(&stored.get()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(Draft::to_settings) {
            Ok(settings) => {
                if settings == stored.get_untracked() {
                    status.set(Status::Unchanged);
                } else {
                    store_settings(app, settings.clone());
                    status.set(Status::Saved);
                }
                draft.set(Draft::from_settings(&settings));
            }
            Err((field, message)) => status.set(Status::Refused(field, message)),
        }
    };
    let defaults = move |_| {
        draft.set(Draft::from_settings(&RatingSettings::default()));
        status.set(Status::DefaultsFilled);
    };
    let revert = move |_| {
        draft.set(Draft::from_settings(&stored.get_untracked()));
        status.set(Status::Reverted);
    };
    let stored_invalid = move || stored.with(|s| s.validate().err());

    // One numeric input bound to a field of the draft.
    let input = move |field: String,
                      label: String,
                      get: fn(&Draft, usize) -> String,
                      set: fn(&mut Draft, usize, String),
                      index: usize| {
        let id = input_id(&field);
        let label_for = id.clone();
        let field_for_invalid = field.clone();
        view! {
            <label class="setting" for=label_for>
                <span>{label}</span>
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    prop:value=text(move || draft.with(|d| get(d, index)))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| set(d, index, v));
                    }
                    aria-invalid=invalid_if(move || status.with(|s| matches!(s, Status::Refused(f, _) if concerns(f, &field_for_invalid))))
                />
            </label>
        }
    };
    let sum_of = move |values: fn(&Draft) -> Vec<String>| {
        move || {
            let parsed: Option<f64> =
                draft.with(|d| values(d).iter().map(|t| t.trim().parse::<f64>().ok()).sum());
            match parsed {
                Some(sum) => format!("合计 {}", num_text((sum * 10.0).round() / 10.0)),
                None => "合计 —".to_string(),
            }
        }
    };
    let sum_off = move |values: fn(&Draft) -> Vec<String>| {
        move || {
            draft.with(|d| {
                let parsed: Option<f64> =
                    values(d).iter().map(|t| t.trim().parse::<f64>().ok()).sum();
                parsed.is_none_or(|s| (s - 100.0).abs() > 1e-6)
            })
        }
    };
    let dims_of = |d: &Draft| d.dimension_weights.to_vec();
    let roles_of = |d: &Draft| d.role_weights.to_vec();

    view! {
        <h2 id="rating-settings">"评分设置（德能勤绩廉）"</h2>
        <p class="hint">
            "以下设置决定各维度、各评价主体的分数如何合成总分和等次。修改后点击“保存评分设置”：设置有误时不会保存，并提示应修改之处，评分仍按上次保存的设置计算。"
        </p>
        {move || stored_invalid().map(|e| view! {
            <p class="notice notice-error" role="alert">"当前保存的评分设置有误，评分暂不计算：" {e.message}</p>
        })}
        <form class="rating-settings" on:submit=submit novalidate aria-labelledby="rating-settings">
            <fieldset class="settings-group">
                <legend>"维度权重（%，合计应为 100）"</legend>
                {Dimension::ALL.into_iter().enumerate().map(|(i, d)| input(
                    format!("dimension_weights.{}", d.key()),
                    d.label().to_string(),
                    |dr, i| dr.dimension_weights[i].clone(),
                    |dr, i, v| dr.dimension_weights[i] = v,
                    i,
                )).collect_view()}
                <span class="sum" class:sum-off=flag(sum_off(dims_of)) data-testid="dimension-weight-sum">{text(sum_of(dims_of))}</span>
            </fieldset>
            <fieldset class="settings-group">
                <legend>"评价主体权重（%，合计应为 100；互评先在评价人之间平均）"</legend>
                {RaterRole::ALL.into_iter().enumerate().map(|(i, r)| input(
                    format!("role_weights.{}", r.key()),
                    r.label().to_string(),
                    |dr, i| dr.role_weights[i].clone(),
                    |dr, i, v| dr.role_weights[i] = v,
                    i,
                )).collect_view()}
                <span class="sum" class:sum-off=flag(sum_off(roles_of))>{text(sum_of(roles_of))}</span>
            </fieldset>
            <fieldset class="settings-group">
                <legend>"等次对应分（按等次评价时计入的分数）"</legend>
                {Grade::ALL.into_iter().enumerate().map(|(i, g)| input(
                    format!("grade_scores.{}", g.key()),
                    g.label().to_string(),
                    |dr, i| dr.grade_scores[i].clone(),
                    |dr, i, v| dr.grade_scores[i] = v,
                    i,
                )).collect_view()}
            </fieldset>
            <fieldset class="settings-group bands">
                <legend>"总分等次分数段（下限 ≤ 总分 < 上限；优秀档含 100）"</legend>
                {Grade::ALL.into_iter().enumerate().map(|(i, g)| view! {
                    <div class="band-row">
                        {input(format!("grade_bands[{i}].min"), format!("{}档下限", g.label()), |dr, i| dr.bands[i].0.clone(), |dr, i, v| dr.bands[i].0 = v, i)}
                        {input(format!("grade_bands[{i}].max"), format!("{}档上限", g.label()), |dr, i| dr.bands[i].1.clone(), |dr, i, v| dr.bands[i].1 = v, i)}
                    </div>
                }).collect_view()}
            </fieldset>
            <VetoFields draft=draft status=status/>
            <fieldset class="settings-group">
                <legend>"优秀比例"</legend>
                {input(
                    "excellent_share_max".to_string(),
                    format!("优秀比例上限（%，不超过 {}）", num_text(MAX_EXCELLENT_SHARE)),
                    |dr, _| dr.excellent_share_max.clone(),
                    |dr, _, v| dr.excellent_share_max = v,
                    0,
                )}
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="primary">"保存评分设置"</button>
                <button type="button" on:click=defaults>"恢复默认"</button>
                <Show when=dirty>
                    <button type="button" on:click=revert>"放弃修改"</button>
                    <span class="dirty" data-testid="settings-dirty">"有未保存的修改"</span>
                </Show>
            </div>
            {move || match status.get() {
                Status::None => None,
                Status::Saved => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">"评分设置已保存，评分结果已按新设置重新计算。"</p> }.into_any()),
                Status::Unchanged => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">"评分设置没有变化。"</p> }.into_any()),
                Status::DefaultsFilled => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">"已填入默认设置，点击“保存评分设置”后生效。"</p> }.into_any()),
                Status::Reverted => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">"已恢复为当前生效的设置。"</p> }.into_any()),
                Status::Refused(_, message) => Some(view! {
                    <p class="field-error" role="alert" data-testid="settings-error">
                        "评分设置未保存：" {message} "。评分仍按上次保存的设置计算。"
                    </p>
                }.into_any()),
            }}
        </form>
    }
}

/// 一票否决 and who bears red lines: checkboxes and a select, bound to the draft.
#[component]
fn VetoFields(draft: RwSignal<Draft>, status: RwSignal<Status>) -> impl IntoView {
    let cap_key = move || {
        draft.with(|d| {
            d.red_line_cap
                .map_or("off".to_string(), |g| g.key().to_string())
        })
    };
    let cap_invalid = invalid_if(move || {
        status.with(|s| matches!(s, Status::Refused(f, _) if f == "vetoes.red_line_cap"))
    });
    view! {
        <fieldset class="settings-group vetoes">
            <legend>"一票否决"</legend>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=flag(move || draft.with(|d| d.lian_veto))
                    on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| d.lian_veto = v) }
                />
                "“廉”维度得分属不称职档时，等次定为不称职"
            </label>
            <label class="setting" for=input_id("vetoes.red_line_cap")>
                <span>"发生责任追究情形（第七部分红线）时，相关责任人等次最高为"</span>
                <select
                    id=input_id("vetoes.red_line_cap")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.red_line_cap = Grade::from_key(&v));
                    }
                    aria-invalid=cap_invalid
                >
                    <option value="off" prop:selected=flag(move || cap_key() == "off")>"不封顶（关闭）"</option>
                    {Grade::ALL.into_iter().map(|g| view! {
                        <option value=g.key() prop:selected=flag(move || cap_key() == g.key())>{g.label()}</option>
                    }).collect_view()}
                </select>
            </label>
        </fieldset>
        <fieldset class="settings-group">
            <legend>"对每一项已发生的红线负责的责任层级（另加该项所列责任人）"</legend>
            {ResponsibilityLevel::ALL.into_iter().enumerate().map(|(i, level)| view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=flag(move || draft.with(|d| d.levels[i]))
                        on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| d.levels[i] = v) }
                    />
                    {format!("{}（{}）", level.label(), level.holder())}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_draft_round_trips() {
        let defaults = RatingSettings::default();
        let draft = Draft::from_settings(&defaults);
        assert_eq!(draft.dimension_weights[0], "15");
        assert_eq!(draft.to_settings(), Ok(defaults));
    }

    #[test]
    fn bad_numbers_name_their_field() {
        let mut draft = Draft::from_settings(&RatingSettings::default());
        draft.dimension_weights[2] = "三十".into();
        let (field, message) = draft.to_settings().unwrap_err();
        assert_eq!(field, "dimension_weights.qin");
        assert!(message.contains("不是数字"), "{message}");
        draft.dimension_weights[2] = "40".into();
        let (field, message) = draft.to_settings().unwrap_err();
        assert_eq!(field, "dimension_weights");
        assert!(message.contains("之和为 110"), "{message}");
        assert!(concerns(&field, "dimension_weights.de"));
        assert!(!concerns(&field, "role_weights.self"));
        assert_eq!(input_id("grade_bands[1].max"), "rs-grade_bands-1-max");
    }
}
