//! 德能勤绩廉评分: people, ratings by role, the combined scores and "如何计算".
//!
//! The page only shows what `domain::rating` computes: [`rate_department`] gives every person's
//! result from the stored people, ratings and settings, each time the data changes; nothing derived
//! is stored. Entering ratings is in `rating_entry`, the settings form in `rating_settings`, the chart
//! in `radar`.

use std::cmp::Ordering;

use leptos::prelude::*;

use super::derived::{flag, invalid_if, text, ErrorLine};
use super::radar::RadarChart;
use super::rating_entry::RatingEntry;
use super::rating_settings::num_text;
use super::state::{use_app, AppState};
use crate::browser::location;
use crate::route::Route;
use zrz_domain::number::fmt1;
use zrz_domain::record::FieldError;
use zrz_domain::record::{check_people, Grade, Person, RaterRole, ResponsibilityLevel};
use zrz_domain::scoring::{excellent_share, rate_department, PersonResult, VetoKind};
use zrz_domain::Dimension;

pub use super::rating_settings::RatingSettingsSection;

#[component]
pub fn RatingPage() -> impl IntoView {
    let app = use_app();
    let results = Memo::new(move |_| {
        let template = app.template.get();
        app.data.with(|d| rate_department(&d.assessment, &template))
    });
    let people = Memo::new(move |_| app.data.with(|d| d.assessment.people.clone()));
    let selected = RwSignal::new(None::<String>);
    // The person being rated: the one chosen, or else the first.
    let current = Memo::new(move |_| {
        people.with(|ps| {
            selected
                .get()
                .filter(|id| ps.iter().any(|p| &p.id == id))
                .or_else(|| ps.first().map(|p| p.id.clone()))
        })
    });
    view! {
        <section class="page rating" data-testid="rating">
            <h1>"德能勤绩廉评分"</h1>
            <p class="hint">
                "按方案四（一）5，把意识形态工作情况纳入“德能勤绩廉”干部考核：对本单位每位领导干部，按德、能、勤、绩、廉五个维度，由本人自评、同事互评、党组上级评价，加权合成总分并评定等次。每项评分旁列出方案中的考核指标和本单位自查的落实情况，便于对照事实评分。评分随填随存。"
            </p>
            <SettingsSummary/>
            <PeopleSection people=people selected=selected/>
            <SummaryTable results=results selected=selected/>
            <h2 id="person-rating">"逐人评分"</h2>
            {move || people.with(Vec::is_empty).then(|| view! { <p class="hint">"请先在上方添加参评人员。"</p> })}
            <div class="person-picker" role="group" aria-label="选择评分对象">
                {move || people.get().into_iter().map(|p| {
                    let id = p.id.clone();
                    let pressed = text(move || (current.get().as_deref() == Some(id.as_str())).to_string());
                    view! {
                        <button type="button" aria-pressed=pressed on:click=move |_| selected.set(Some(p.id.clone()))>
                            {p.name.clone()}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || current.get().map(|id| view! { <PersonPanel person_id=id results=results/> })}
        </section>
    }
}

/// The settings in force, in one line, with the way to change them.
#[component]
fn SettingsSummary() -> impl IntoView {
    let app = use_app();
    let summary = text(move || {
        app.data.with(|d| {
            let s = &d.assessment.rating_settings;
            let dims: Vec<String> = Dimension::ALL
                .iter()
                .map(|x| format!("{} {}%", x.label(), num_text(s.dimension_weights.get(*x))))
                .collect();
            let roles: Vec<String> = RaterRole::ALL
                .iter()
                .map(|x| format!("{} {}%", x.label(), num_text(s.role_weights.get(*x))))
                .collect();
            format!(
                "当前评分设置：维度权重 {}；评价主体权重 {}；优秀比例上限 {}%。",
                dims.join("、"),
                roles.join("、"),
                num_text(s.excellent_share_max)
            )
        })
    });
    view! {
        <p class="settings-summary" data-testid="settings-summary">
            {summary} " " <a href=Route::Settings.href()>"修改评分设置"</a>
        </p>
    }
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/// The smallest "p{n}" not used by a person or by a rating (so stray ratings never attach to a
/// new person).
fn next_person_id(app: AppState) -> String {
    app.data.with_untracked(|d| {
        let used = d
            .assessment
            .people
            .iter()
            .map(|p| p.id.as_str())
            .chain(d.assessment.ratings.iter().map(|r| r.person_id.as_str()));
        let max = used
            .filter_map(|id| id.strip_prefix('p')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("p{}", max + 1)
    })
}

/// Adds `person` (empty id) or replaces the person with its id, if the list stays valid. Returns
/// the person's id.
fn save_person(app: AppState, mut person: Person) -> Result<String, FieldError> {
    person.name = person.name.trim().to_string();
    person.post = person.post.trim().to_string();
    let mut people = app.data.with_untracked(|d| d.assessment.people.clone());
    if person.id.is_empty() {
        person.id = next_person_id(app);
        people.push(person.clone());
    } else {
        match people.iter_mut().find(|p| p.id == person.id) {
            Some(p) if *p == person => return Ok(person.id),
            Some(p) => *p = person.clone(),
            None => people.push(person.clone()),
        }
    }
    check_people(&people).map_err(|(_, e)| e)?;
    app.data.update(|d| {
        d.assessment.people = people;
        d.changes_since_export += 1;
    });
    Ok(person.id)
}

/// Removes a person and every rating of them.
fn remove_person(app: AppState, id: &str) {
    app.data.update(|d| {
        d.assessment.people.retain(|p| p.id != id);
        d.assessment.ratings.retain(|r| r.person_id != id);
        d.changes_since_export += 1;
    });
}

fn rating_count(app: AppState, id: &str) -> usize {
    app.data.with(|d| {
        d.assessment
            .ratings
            .iter()
            .filter(|r| r.person_id == id)
            .count()
    })
}

fn level_text(level: ResponsibilityLevel) -> String {
    format!("{}（{}）", level.label(), level.holder())
}

#[component]
fn PeopleSection(people: Memo<Vec<Person>>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = use_app();
    let editing = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<String>);
    let add = Callback::new(move |person: Person| -> Result<(), FieldError> {
        let id = save_person(app, person)?;
        selected.set(Some(id));
        Ok(())
    });
    view! {
        <h2>"参评人员"</h2>
        <p class="hint">"本单位参加考核的领导干部及其在方案第三部分中的责任层级。负第一责任等层级（见“设置”）的人员，以及在已发生红线中被列为责任人的人员，等次受红线封顶。"</p>
        <div class="table-wrap">
            <table class="people-table">
                <thead>
                    <tr><th scope="col">"姓名"</th><th scope="col">"职务"</th><th scope="col">"责任层级"</th><th scope="col">"评分"</th><th scope="col">"操作"</th></tr>
                </thead>
                <tbody>
                    {move || people.get().into_iter().map(|p| {
                        let id = StoredValue::new(p.id.clone());
                        let is_editing = editing.with(|e| e.as_deref() == Some(p.id.as_str()));
                        if is_editing {
                            let save = Callback::new(move |person: Person| -> Result<(), FieldError> {
                                save_person(app, person)?;
                                editing.set(None);
                                Ok(())
                            });
                            let label = format!("修改{}的信息", p.name);
                            view! {
                                <tr class="editing">
                                    <td colspan="5">
                                        <PersonForm form_label=label submit_label="保存" person=p on_save=save on_cancel=Callback::new(move |_| editing.set(None))/>
                                    </td>
                                </tr>
                            }.into_any()
                        } else {
                            let count = move || id.with_value(|id| rating_count(app, id));
                            let name = p.name.clone();
                            view! {
                                <tr data-testid=format!("person-{}", p.name)>
                                    <th scope="row">{p.name.clone()}</th>
                                    <td>{p.post.clone()}</td>
                                    <td>{p.level.label()}</td>
                                    <td class="num">{text(move || format!("{} 条", count()))}</td>
                                    <td class="actions">
                                        {move || if confirming.get().as_deref() == Some(id.get_value().as_str()) {
                                            view! {
                                                <span class="confirm" role="group" aria-label="确认删除">
                                                    {format!("删除“{}”将同时删除其 {} 条评分，确定吗？", name, count())}
                                                    <button type="button" class="danger" on:click=move |_| { confirming.set(None); id.with_value(|id| remove_person(app, id)) }>"确认删除"</button>
                                                    <button type="button" on:click=move |_| confirming.set(None)>"取消"</button>
                                                </span>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <button type="button" on:click=move |_| { confirming.set(None); editing.set(Some(id.get_value())) }>"修改"</button>
                                                <button type="button" on:click=move |_| {
                                                    let id = id.get_value();
                                                    if app.data.with_untracked(|d| d.assessment.ratings.iter().any(|r| r.person_id == id)) {
                                                        confirming.set(Some(id));
                                                    } else {
                                                        remove_person(app, &id);
                                                    }
                                                }>"删除"</button>
                                            }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }.into_any()
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <PersonForm form_label="添加参评人员" submit_label="添加人员" person=Person::default() on_save=add/>
    }
}

/// Name, post and level of one person; `on_save` stores them or says what to fix.
#[component]
fn PersonForm(
    #[prop(into)] form_label: String,
    #[prop(into)] submit_label: String,
    person: Person,
    on_save: Callback<Person, Result<(), FieldError>>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let is_new = person.id.is_empty();
    let prefix = if is_new {
        "person-new".to_string()
    } else {
        format!("person-{}", person.id)
    };
    let id = StoredValue::new(person.id.clone());
    let name = RwSignal::new(person.name.clone());
    let post = RwSignal::new(person.post.clone());
    let level = RwSignal::new(person.level);
    let error = RwSignal::new(None::<(String, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let candidate = Person {
            id: id.get_value(),
            name: name.get_untracked(),
            post: post.get_untracked(),
            level: level.get_untracked(),
        };
        match on_save.run(candidate) {
            Ok(()) => {
                error.set(None);
                if is_new {
                    name.set(String::new());
                    post.set(String::new());
                    level.set(ResponsibilityLevel::default());
                }
            }
            Err(e) => error.set(Some((e.field.to_string(), e.message))),
        }
    };
    let name_invalid =
        invalid_if(move || error.with(|e| e.as_ref().is_some_and(|(f, _)| f == "name")));
    let message = Signal::derive(move || error.get().map(|(_, message)| message));
    view! {
        <form class="person-form" on:submit=submit novalidate aria-label=form_label>
            <label for=format!("{prefix}-name")>"姓名"</label>
            <input id=format!("{prefix}-name") type="text" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) aria-invalid=name_invalid/>
            <label for=format!("{prefix}-post")>"职务"</label>
            <input id=format!("{prefix}-post") type="text" placeholder="例如：党组书记、局长" prop:value=post on:input=move |ev| post.set(event_target_value(&ev))/>
            <label for=format!("{prefix}-level")>"责任层级"</label>
            <select id=format!("{prefix}-level") on:change=move |ev| {
                if let Some(l) = ResponsibilityLevel::from_key(&event_target_value(&ev)) { level.set(l) }
            }>
                {ResponsibilityLevel::ALL.into_iter().map(|l| view! {
                    <option value=l.key() prop:selected=flag(move || level.get() == l)>{level_text(l)}</option>
                }).collect_view()}
            </select>
            <div class="form-actions">
                <button type="submit" class="primary">{submit_label}</button>
                {on_cancel.map(|cancel| view! { <button type="button" on:click=move |_| cancel.run(())>"取消"</button> })}
            </div>
            <ErrorLine message=message/>
        </form>
    }
}

// ---------------------------------------------------------------------------------------------
// All people: the sortable table and the share of 优秀
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum SortKey {
    /// As entered.
    Entered,
    Name,
    Level,
    Dimension(Dimension),
    Total,
    Grade,
}

impl SortKey {
    /// Names and levels first sort A→Z; figures and grades best first.
    fn starts_descending(self) -> bool {
        !matches!(self, SortKey::Entered | SortKey::Name | SortKey::Level)
    }
}

/// Compares two results by `key`; a missing figure sorts last whichever way round.
fn compare(a: &PersonResult, b: &PersonResult, key: SortKey, descending: bool) -> Ordering {
    fn figures(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.total_cmp(&y);
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let plain = |o: Ordering| if descending { o.reverse() } else { o };
    match key {
        SortKey::Entered => Ordering::Equal,
        SortKey::Name => plain(a.name.cmp(&b.name)),
        SortKey::Level => plain(a.level.cmp(&b.level)),
        SortKey::Dimension(d) => figures(a.dimension(d).score, b.dimension(d).score, descending),
        SortKey::Total => figures(a.total, b.total, descending),
        SortKey::Grade => {
            let goodness = |g: Option<Grade>| g.map(|g| (Grade::ALL.len() - g.rank()) as f64);
            figures(goodness(a.grade), goodness(b.grade), descending)
        }
    }
}

fn veto_short(kind: &VetoKind) -> String {
    match kind {
        VetoKind::LianIncompetent => "廉不称职".to_string(),
        VetoKind::RedLine { item_id } => format!("红线 {item_id}"),
    }
}

fn score_text(score: Option<f64>) -> String {
    score.map_or("—".to_string(), fmt1)
}

fn grade_text(grade: Option<Grade>) -> &'static str {
    grade.map_or("未定", Grade::label)
}

#[component]
fn SummaryTable(
    results: Memo<Vec<PersonResult>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let sort = RwSignal::new((SortKey::Entered, false));
    let rows = move || {
        let (key, descending) = sort.get();
        let mut rows = results.get();
        rows.sort_by(|a, b| compare(a, b, key, descending));
        rows
    };
    let share = move || {
        app.data
            .with(|d| results.with(|r| excellent_share(r, &d.assessment.rating_settings)))
    };
    let header = move |key: SortKey, label: String, numeric: bool| {
        let aria_sort = move || {
            let (k, descending) = sort.get();
            if k != key {
                "none"
            } else if descending {
                "descending"
            } else {
                "ascending"
            }
        };
        let click = move |_| {
            sort.update(|(k, descending)| {
                if *k == key {
                    *descending = !*descending;
                } else {
                    *k = key;
                    *descending = key.starts_descending();
                }
            })
        };
        view! {
            <th scope="col" class:num=numeric aria-sort=aria_sort>
                <button type="button" class="sort" on:click=click>{label}</button>
            </th>
        }
    };
    view! {
        <h2>"评分结果一览"</h2>
        <p class="hint">"点击表头可排序（再次点击反向）；点击姓名查看其评分与计算过程。"</p>
        <div class="table-wrap">
            <table class="summary-table" data-testid="summary-table">
                <thead>
                    <tr>
                        {header(SortKey::Name, "姓名".into(), false)}
                        <th scope="col">"职务"</th>
                        {header(SortKey::Level, "责任层级".into(), false)}
                        {Dimension::ALL.into_iter().map(|d| header(SortKey::Dimension(d), d.label().into(), true)).collect_view()}
                        {header(SortKey::Total, "总分".into(), true)}
                        {header(SortKey::Grade, "等次".into(), false)}
                        <th scope="col">"一票否决"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows().into_iter().map(|r| {
                        let id = r.person_id.clone();
                        let vetoes: Vec<String> = r.vetoes.iter().map(|v| veto_short(&v.kind)).collect();
                        view! {
                            <tr data-testid=format!("row-{}", r.name.trim())>
                                <th scope="row">
                                    <button type="button" class="link" on:click=move |_| { selected.set(Some(id.clone())); location::reveal("person-rating") }>{r.name.clone()}</button>
                                </th>
                                <td>{r.post.clone()}</td>
                                <td>{r.level.label()}</td>
                                {Dimension::ALL.into_iter().map(|d| view! {
                                    <td class="num" data-testid=format!("dim-{}", d.key())>{score_text(r.dimension(d).score)}</td>
                                }).collect_view()}
                                <td class="num" data-testid="total">{score_text(r.total)}</td>
                                <td data-testid="grade" class=grade_class(r.grade)>{grade_text(r.grade)}</td>
                                <td data-testid="vetoes">{vetoes.join("、")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || {
            let s = share();
            (s.people > 0).then(|| {
                let pending = s.graded < s.people;
                view! {
                    <p class="share" class:notice=s.exceeded class:notice-error=s.exceeded role=if s.exceeded { "alert" } else { "status" } data-testid="excellent-share">
                        {if s.exceeded { "优秀比例超限：" } else { "" }}
                        {s.summary()}
                        {if s.exceeded { "。请复核等次，或按规定调整优秀人数。" } else { "" }}
                        {pending.then_some("（等次未定的人员也计入参评人数。）")}
                    </p>
                }
            })
        }}
    }
}

fn grade_class(grade: Option<Grade>) -> &'static str {
    match grade {
        Some(Grade::Excellent) => "grade excellent",
        Some(Grade::Competent) => "grade competent",
        Some(Grade::BasicallyCompetent) => "grade basic",
        Some(Grade::Incompetent) => "grade incompetent",
        None => "grade open",
    }
}

// ---------------------------------------------------------------------------------------------
// One person: the result and the rating entry
// ---------------------------------------------------------------------------------------------

#[component]
fn PersonPanel(person_id: String, results: Memo<Vec<PersonResult>>) -> impl IntoView {
    let id = StoredValue::new(person_id.clone());
    let result = Memo::new(move |_| {
        results.with(|rs| id.with_value(|id| rs.iter().find(|r| &r.person_id == id).cloned()))
    });
    view! {
        <div class="person-panel">
            <ResultCard result=result/>
            <h3>"评分录入"</h3>
            <p class="hint">"每格选择等次，或选“按分数”后填写 0–100 的分数；选“未评”即删除该项评分。"</p>
            <RatingEntry person_id=person_id result=result/>
        </div>
    }
}

#[component]
fn ResultCard(result: Memo<Option<PersonResult>>) -> impl IntoView {
    let field = move |f: fn(&PersonResult) -> String| {
        move || result.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let heading = text(field(|r| {
        let post = if r.post.is_empty() {
            String::new()
        } else {
            format!("{}，", r.post)
        };
        format!("{}（{}{}）的评分结果", r.name, post, r.level.label())
    }));
    let scores = Signal::derive(move || {
        result.with(|r| {
            Dimension::ALL
                .iter()
                .map(|d| (*d, r.as_ref().and_then(|r| r.dimension(*d).score)))
                .collect::<Vec<_>>()
        })
    });
    let grade_line = move || {
        result.with(|r| {
            let r = r.as_ref()?;
            match (r.grade, r.grade_before_vetoes) {
                (Some(g), Some(before)) if g != before => Some(format!(
                    "总分对应{}，因一票否决定为{}",
                    before.label(),
                    g.label()
                )),
                _ => None,
            }
        })
    };
    let vetoes = move || result.with(|r| r.as_ref().map(|r| r.vetoes.clone()).unwrap_or_default());
    let notices = move || {
        result.with(|r| {
            let Some(r) = r.as_ref() else {
                return Vec::new();
            };
            let mut out = Vec::new();
            if let Some(e) = &r.settings_error {
                out.push(format!(
                    "评分设置有误（{}），请到“设置”中修正；暂不计算。",
                    e.message
                ));
                return out;
            }
            if !r.missing_dimensions.is_empty() {
                let names: Vec<&str> = r.missing_dimensions.iter().map(|d| d.label()).collect();
                out.push(format!(
                    "缺少 {} 的评分，总分和等次暂不计算；请补齐评分。",
                    names.join("、")
                ));
            }
            let renormalised: Vec<String> = r
                .dimensions
                .iter()
                .filter(|d| d.renormalised)
                .map(|d| {
                    let missing: Vec<&str> = d.missing_roles.iter().map(|x| x.label()).collect();
                    format!("{}（缺{}）", d.dimension.label(), missing.join("、"))
                })
                .collect();
            if !renormalised.is_empty() {
                out.push(format!(
                    "部分评价主体尚未评分，这些维度的权重已按已有评价主体折算为 100%：{}。",
                    renormalised.join("；")
                ));
            }
            for ignored in &r.ignored {
                let rater = ignored.rating.rater.trim();
                let rater = if rater.is_empty() {
                    String::new()
                } else {
                    format!("（{rater}）")
                };
                out.push(format!(
                    "未计入：{}·{}{}——{}",
                    ignored.rating.dimension.label(),
                    ignored.rating.role.label(),
                    rater,
                    ignored.reason
                ));
            }
            out
        })
    };
    let steps = move || {
        result.with(|r| {
            r.as_ref()
                .map(|r| r.steps.iter().map(|s| s.text.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="result-card" aria-label="评分结果" data-testid="result-card">
            <h3>{heading}</h3>
            <div class="result-main">
                <div class="result-figures">
                    <div class="table-wrap">
                        <table class="result-table">
                            <thead><tr>
                                {Dimension::ALL.map(|d| view! { <th scope="col">{d.label()}</th> }).into_iter().collect_view()}
                                <th scope="col">"总分"</th>
                                <th scope="col">"等次"</th>
                            </tr></thead>
                            <tbody><tr>
                                {Dimension::ALL.map(|d| view! {
                                    <td class="num">
                                        {text(move || result.with(|r| score_text(r.as_ref().and_then(|r| r.dimension(d).score))))}
                                    </td>
                                }).into_iter().collect_view()}
                                <td class="num total" data-testid="result-total">{text(move || result.with(|r| score_text(r.as_ref().and_then(|r| r.total))))}</td>
                                <td data-testid="result-grade" class=text(move || result.with(|r| grade_class(r.as_ref().and_then(|r| r.grade)).to_string()))>
                                    {text(move || result.with(|r| grade_text(r.as_ref().and_then(|r| r.grade)).to_string()))}
                                </td>
                            </tr></tbody>
                        </table>
                    </div>
                    {move || grade_line().map(|t| view! { <p class="grade-note">{t}</p> })}
                    {move || {
                        let vetoes = vetoes();
                        (!vetoes.is_empty()).then(|| view! {
                            <div class="notice notice-error vetoes" data-testid="result-vetoes">
                                <strong>"一票否决"</strong>
                                <ul>{vetoes.into_iter().map(|v| view! { <li>{v.reason}</li> }).collect_view()}</ul>
                            </div>
                        })
                    }}
                    {move || notices().into_iter().map(|n| view! { <p class="notice result-notice">{n}</p> }).collect_view()}
                </div>
                <RadarChart scores=scores/>
            </div>
            <details class="how">
                <summary>"如何计算"</summary>
                <ol class="steps" data-testid="steps">
                    {move || steps().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ol>
            </details>
        </section>
    }
}
