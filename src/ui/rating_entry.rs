//! Rating one person: the 互评 raters, then per dimension the indicators with their checklist evidence
//! beside one cell per rater (自评, 上级评价, each 互评 rater).
//!
//! A cell is a grade or a score. Like an item of 各章自查, a cell stores its value as soon as it is
//! valid; while it is not (a score outside 0–100, not a number), it says what to fix and the value
//! stored before stays in force.

use leptos::prelude::*;

use super::derived::{flag, invalid_if, text, ErrorLine};
use super::overview::short;
use super::rating_settings::num_text;
use super::state::{use_app, AppState};
use crate::browser::clock;
use crate::route::Route;
use zrz_domain::number::fmt1;
use zrz_domain::record::Response;
use zrz_domain::record::{Grade, RaterRole, Rating, RatingValue};
use zrz_domain::scoring::{
    indicator_evidence, shipped_indicators, EvidenceStatus, IndicatorEvidence, PersonResult,
};
use zrz_domain::Dimension;

/// The rater recorded for 上级评价.
const SUPERIOR_RATER: &str = "党组";

/// One place a rating goes: a person, a dimension, a role and (for 互评) a rater.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    person_id: String,
    dimension: Dimension,
    role: RaterRole,
    /// The 互评 rater's name; for the other roles the rater written with a new rating.
    rater: String,
}

impl Cell {
    /// Whether `r` is shown in this cell. 自评 and 上级评价 are one cell each whatever the rater is
    /// called (an imported file may name them); 互评 has a cell per rater.
    fn holds(&self, r: &Rating) -> bool {
        r.person_id == self.person_id
            && r.dimension == self.dimension
            && r.role == self.role
            && (self.role != RaterRole::Peer || r.rater.trim() == self.rater.trim())
    }

    /// The value in force: the newest rating in the cell (on a tie, the later one).
    fn value(&self, ratings: &[Rating]) -> Option<RatingValue> {
        let mut newest: Option<&Rating> = None;
        for r in ratings.iter().filter(|r| self.holds(r)) {
            if newest.is_none_or(|n| r.updated_at >= n.updated_at) {
                newest = Some(r);
            }
        }
        newest.map(|r| r.value)
    }

    fn label(&self) -> String {
        match self.role {
            RaterRole::Peer => format!("{}·互评·{}", self.dimension.label(), self.rater),
            role => format!("{}·{}", self.dimension.label(), role.label()),
        }
    }
}

/// Stores `value` in `cell` (`None` clears it). The rating already in the cell is replaced where it
/// stands, so the order of raters in "如何计算" does not change with every edit.
fn put_cell(app: AppState, cell: &Cell, value: Option<RatingValue>) {
    let (current, count) = app.data.with_untracked(|d| {
        let ratings = &d.assessment.ratings;
        (
            cell.value(ratings),
            ratings.iter().filter(|r| cell.holds(r)).count(),
        )
    });
    if current == value && count <= 1 {
        return;
    }
    let new = value.map(|value| Rating {
        person_id: cell.person_id.clone(),
        dimension: cell.dimension,
        role: cell.role,
        rater: cell.rater.trim().to_string(),
        value,
        updated_at: Some(clock::now()),
    });
    app.data.update(|d| {
        let mut placed = new.is_none();
        d.assessment.ratings.retain_mut(|r| {
            if !cell.holds(r) {
                return true;
            }
            match (&new, placed) {
                (Some(new), false) => {
                    *r = new.clone();
                    placed = true;
                    true
                }
                _ => false,
            }
        });
        if let (Some(new), false) = (new, placed) {
            d.assessment.ratings.push(new);
        }
        d.changes_since_export += 1;
    });
}

/// 互评 raters of a person, in the order they first appear in the ratings.
fn stored_peers(ratings: &[Rating], person_id: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in ratings
        .iter()
        .filter(|r| r.person_id == person_id && r.role == RaterRole::Peer)
    {
        let name = r.rater.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// "85" → 85.0, with a message that says what to fix otherwise.
fn parse_score(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("请填写 0 到 100 之间的分数".into());
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("“{t}”不是数字，请填写 0 到 100 之间的分数")),
    }
}

/// Everything to rate one person.
#[component]
pub fn RatingEntry(person_id: String, result: Memo<Option<PersonResult>>) -> impl IntoView {
    let app = use_app();
    let pid = StoredValue::new(person_id);
    // Raters added here but not yet rating anything (a rater is stored only with a rating).
    let added = RwSignal::new(Vec::<String>::new());
    let peers = Memo::new(move |_| {
        let mut names = app
            .data
            .with(|d| pid.with_value(|id| stored_peers(&d.assessment.ratings, id)));
        added.with(|a| {
            for n in a {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        });
        names
    });
    let template = app.template.get_untracked();
    let (indicators, indicator_error) = match shipped_indicators(&template) {
        Ok(list) => (list, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    let evidence: Vec<(Dimension, Vec<IndicatorEvidence>)> = app.data.with_untracked(|d| {
        Dimension::ALL
            .into_iter()
            .map(|dim| {
                (
                    dim,
                    indicator_evidence(&indicators, dim, &template, &d.assessment),
                )
            })
            .collect()
    });
    view! {
        <PeerRaters person_id=pid.get_value() peers=peers added=added/>
        {indicator_error.map(|e| view! {
            <p class="notice notice-error">"考核指标与当前方案模板不一致，暂不显示佐证：" {e}</p>
        })}
        {evidence.into_iter().map(|(dimension, evidence)| view! {
            <DimensionBlock person_id=pid.get_value() dimension=dimension evidence=evidence peers=peers result=result/>
        }).collect_view()}
    }
}

/// The 互评 raters of one person: add, rename, remove.
#[component]
fn PeerRaters(
    person_id: String,
    peers: Memo<Vec<String>>,
    added: RwSignal<Vec<String>>,
) -> impl IntoView {
    let app = use_app();
    let pid = StoredValue::new(person_id);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let person_name = move || {
        app.data.with_untracked(|d| {
            pid.with_value(|id| {
                d.assessment
                    .people
                    .iter()
                    .find(|p| &p.id == id)
                    .map(|p| p.name.trim().to_string())
                    .unwrap_or_default()
            })
        })
    };
    let check = move |candidate: &str, except: Option<&str>| -> Result<(), String> {
        if candidate.is_empty() {
            return Err("请填写互评人姓名".into());
        }
        if candidate == person_name() {
            return Err("互评不能评价本人，本人评价请在“自评”中填写".into());
        }
        if Some(candidate) != except && peers.with_untracked(|p| p.iter().any(|n| n == candidate)) {
            return Err(format!("已有互评人“{candidate}”"));
        }
        Ok(())
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let candidate = name.get_untracked().trim().to_string();
        match check(&candidate, None) {
            Ok(()) => {
                added.update(|a| a.push(candidate));
                name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let others = move || {
        app.data.with(|d| {
            pid.with_value(|id| {
                d.assessment
                    .people
                    .iter()
                    .filter(|p| &p.id != id)
                    .map(|p| p.name.trim().to_string())
                    .collect::<Vec<_>>()
            })
        })
    };
    let list_id = pid.with_value(|id| format!("peer-names-{id}"));
    let input_id = pid.with_value(|id| format!("peer-new-{id}"));
    view! {
        <section class="peer-raters" aria-label="互评人">
            <h4>"互评人"</h4>
            <p class="hint">"互评按评价人分别记录，同一维度先在互评人之间平均，再与自评、上级评价加权。"</p>
            <ul class="peer-list">
                <For each=move || peers.get() key=|n| n.clone() let:rater>
                    <PeerRow person_id=pid.get_value() rater=rater added=added check=check/>
                </For>
            </ul>
            <form class="inline-form" on:submit=add aria-label="添加互评人">
                <label for=input_id.clone()>"互评人姓名"</label>
                <input
                    id=input_id
                    type="text"
                    list=list_id.clone()
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=invalid_if(move || error.with(Option::is_some))
                />
                <datalist id=list_id>
                    {move || others().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                </datalist>
                <button type="submit">"添加互评人"</button>
            </form>
            <ErrorLine message=error/>
        </section>
    }
}

/// One 互评 rater: the name (renamed on change, across all their ratings of this person) and removal,
/// which asks first when it would delete ratings.
#[component]
fn PeerRow(
    person_id: String,
    rater: String,
    added: RwSignal<Vec<String>>,
    check: impl Fn(&str, Option<&str>) -> Result<(), String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = use_app();
    let pid = StoredValue::new(person_id);
    let current = StoredValue::new(rater.clone());
    let name = RwSignal::new(rater.clone());
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let holds = move |r: &Rating| {
        pid.with_value(|id| &r.person_id == id)
            && r.role == RaterRole::Peer
            && current.with_value(|c| r.rater.trim() == c)
    };
    let count = move || {
        app.data
            .with(|d| d.assessment.ratings.iter().filter(|r| holds(r)).count())
    };
    let count_now = move || {
        app.data
            .with_untracked(|d| d.assessment.ratings.iter().filter(|r| holds(r)).count())
    };
    let rename = move |_| {
        let new = name.get_untracked().trim().to_string();
        let old = current.get_value();
        if new == old {
            error.set(None);
            return;
        }
        if let Err(e) = check(&new, Some(&old)) {
            error.set(Some(e));
            return;
        }
        error.set(None);
        added.update(|a| {
            a.iter_mut()
                .filter(|n| **n == old)
                .for_each(|n| n.clone_from(&new))
        });
        if count_now() > 0 {
            let now = clock::now();
            app.data.update(|d| {
                for r in d.assessment.ratings.iter_mut().filter(|r| holds(r)) {
                    r.rater.clone_from(&new);
                    r.updated_at = Some(now);
                }
                d.changes_since_export += 1;
            });
        }
    };
    let remove = move || {
        added.update(|a| a.retain(|n| *n != current.get_value()));
        if count_now() > 0 {
            app.data.update(|d| {
                d.assessment.ratings.retain(|r| !holds(r));
                d.changes_since_export += 1;
            });
        }
    };
    let input_id = pid.with_value(|id| format!("peer-{id}-{rater}"));
    view! {
        <li class="peer-row">
            <label class="sr-only" for=input_id.clone()>{format!("互评人“{rater}”的姓名")}</label>
            <input
                id=input_id
                type="text"
                class="peer-name"
                prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))
                on:change=rename
                aria-invalid=invalid_if(move || error.with(Option::is_some))
            />
            <span class="peer-count">{text(move || format!("{} 条评分", count()))}</span>
            {move || if confirming.get() {
                view! {
                    <span class="confirm">
                        {format!("删除互评人“{}”及其 {} 条评分？", current.get_value(), count())}
                        <button type="button" class="danger" on:click=move |_| { confirming.set(false); remove() }>"确认删除"</button>
                        <button type="button" on:click=move |_| confirming.set(false)>"取消"</button>
                    </span>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="link" on:click=move |_| { if count_now() > 0 { confirming.set(true) } else { remove() } }>
                        {format!("删除互评人“{}”", current.get_value())}
                    </button>
                }.into_any()
            }}
            <ErrorLine message=error/>
        </li>
    }
}

/// One dimension: its indicators with their evidence beside the cells that rate it.
#[component]
fn DimensionBlock(
    person_id: String,
    dimension: Dimension,
    evidence: Vec<IndicatorEvidence>,
    peers: Memo<Vec<String>>,
    result: Memo<Option<PersonResult>>,
) -> impl IntoView {
    let app = use_app();
    let pid = StoredValue::new(person_id);
    let weight = move || {
        app.data.with(|d| {
            num_text(
                d.assessment
                    .rating_settings
                    .dimension_weights
                    .get(dimension),
            )
        })
    };
    let score = move || {
        result.with(|r| {
            r.as_ref()
                .and_then(|r| r.dimension(dimension).score)
                .map_or("—".to_string(), fmt1)
        })
    };
    let role_note = move |role: RaterRole| {
        move || {
            result
                .with(|r| {
                    let r = r.as_ref()?;
                    let role = r
                        .dimension(dimension)
                        .roles
                        .iter()
                        .find(|x| x.role == role)?;
                    let avg = role.average?;
                    let weight = role.effective_weight.unwrap_or(role.weight);
                    Some(format!(
                        "{}平均 {}，计权 {}%",
                        role.role.label(),
                        fmt1(avg),
                        num_text(weight)
                    ))
                })
                .unwrap_or_default()
        }
    };
    let cell = move |role: RaterRole, rater: String| Cell {
        person_id: pid.get_value(),
        dimension,
        role,
        rater,
    };
    view! {
        <section class="dimension-block" aria-label=format!("{} 维度评分", dimension.label()) data-testid=format!("dimension-{}", dimension.key())>
            <h4>
                <span class="dimension-name">{dimension.label()}</span>
                <span class="dimension-weight">{text(move || format!("权重 {}%", weight()))}</span>
                <span class="dimension-score">"维度得分 " <span data-testid="dimension-score">{text(score)}</span></span>
            </h4>
            <div class="dimension-body">
                <Indicators evidence=evidence/>
                <div class="cells">
                    <RatingCell cell=cell(RaterRole::SelfReview, String::new())/>
                    <RatingCell cell=cell(RaterRole::Superior, SUPERIOR_RATER.to_string())/>
                    <For each=move || peers.get() key=|n| n.clone() let:rater>
                        <RatingCell cell=cell(RaterRole::Peer, rater)/>
                    </For>
                    {move || peers.with(Vec::is_empty).then(|| view! { <p class="hint">"尚未添加互评人。"</p> })}
                    <p class="role-notes">
                        {RaterRole::ALL.map(|role| view! { <span>{text(role_note(role))}</span> }).into_iter().collect_view()}
                    </p>
                </div>
            </div>
        </section>
    }
}

fn status_class(status: EvidenceStatus) -> &'static str {
    match status {
        EvidenceStatus::RedLineOccurred | EvidenceStatus::NotMet => "status danger",
        EvidenceStatus::Incomplete => "status muted",
        EvidenceStatus::Met => "status ok",
        EvidenceStatus::PartlyMet => "status warn",
        EvidenceStatus::NotApplicable => "status muted",
    }
}

fn response_text(response: Option<Response>) -> &'static str {
    response.map_or("未填", Response::label)
}

/// The indicators of a dimension, each with its status and the checklist items behind it.
#[component]
fn Indicators(evidence: Vec<IndicatorEvidence>) -> impl IntoView {
    let app = use_app();
    let template = app.template.get_untracked();
    view! {
        <div class="indicators">
            <h5>"考核指标与自查佐证（点击指标查看方案原文和对应检查项）"</h5>
            <ul>
                {evidence.into_iter().map(|ev| {
                    let status = ev.status;
                    let total = ev.items.len();
                    let quotes = ev.indicator.quotes.join("；");
                    let items = ev.items.into_iter().map(|item| {
                        let chapter = template.chapter_of(&item.item_id).map(|c| c.id.clone());
                        let href = Route::Checklist { chapter, item: Some(item.item_id.clone()) }.href();
                        let mut facts = vec![response_text(item.response).to_string()];
                        if item.evidence_count > 0 {
                            facts.push(format!("佐证材料 {} 份", item.evidence_count));
                        }
                        if !item.owner.trim().is_empty() {
                            facts.push(format!("责任人 {}", item.owner.trim()));
                        }
                        if item.flagged {
                            facts.push("待核实".into());
                        }
                        if !item.in_template {
                            facts.push("方案模板中没有此项".into());
                        }
                        view! {
                            <li class:occurred=item.response == Some(Response::Occurred)>
                                <a href=href>{item.item_id.clone()}</a>
                                " " {short(&item.text)} "：" {facts.join("，")}
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <li>
                            <details class="indicator">
                                <summary>
                                    <span class=status_class(status)>{status.label()}</span>
                                    " " <strong>{ev.indicator.name.clone()}</strong>
                                    <span class="source">{format!("（方案{}；已填 {}/{}）", ev.indicator.source, ev.answered, total)}</span>
                                </summary>
                                {(!quotes.is_empty()).then(|| view! { <p class="quote">{quotes}</p> })}
                                <ul class="evidence-items">{items}</ul>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The choice of a cell: nothing, a grade, or a score typed in.
fn mode_of(value: Option<RatingValue>) -> (String, String) {
    match value {
        None => (String::new(), String::new()),
        Some(RatingValue::Grade(g)) => (g.key().to_string(), String::new()),
        Some(RatingValue::Score(s)) => ("score".to_string(), num_text(s)),
    }
}

/// One rating: a select (未评 / a grade / 按分数) and, for a score, a text field.
#[component]
fn RatingCell(cell: Cell) -> impl IntoView {
    let app = use_app();
    let cell = StoredValue::new(cell);
    let stored = move || {
        app.data
            .with(|d| cell.with_value(|c| c.value(&d.assessment.ratings)))
    };
    let (initial_mode, initial_score) = mode_of(
        app.data
            .with_untracked(|d| cell.with_value(|c| c.value(&d.assessment.ratings))),
    );
    let mode = RwSignal::new(initial_mode);
    let score_text = RwSignal::new(initial_score);
    let error = RwSignal::new(None::<String>);
    let commit = move || {
        let value = match mode.get_untracked().as_str() {
            "" => None,
            "score" => match parse_score(&score_text.get_untracked()) {
                Ok(v) => Some(RatingValue::Score(v)),
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            },
            key => Grade::from_key(key).map(RatingValue::Grade),
        };
        if let Some(value) = value {
            let candidate = cell.with_value(|c| Rating {
                person_id: c.person_id.clone(),
                dimension: c.dimension,
                role: c.role,
                rater: c.rater.clone(),
                value,
                updated_at: None,
            });
            if let Err(e) = candidate.validate() {
                error.set(Some(e.message));
                return;
            }
        }
        error.set(None);
        cell.with_value(|c| put_cell(app, c, value));
    };
    let label = cell.with_value(Cell::label);
    let key = cell.with_value(|c| {
        format!(
            "{}-{}-{}-{}",
            c.person_id,
            c.dimension.key(),
            c.role.key(),
            c.rater
        )
    });
    let select_id = format!("cell-{key}");
    let score_id = format!("score-{key}");
    let role_text = cell.with_value(|c| match c.role {
        RaterRole::Peer => format!("互评·{}", c.rater),
        role => role.label().to_string(),
    });
    let dim_prefix = cell.with_value(|c| format!("{}·", c.dimension.label()));
    // Figures as "如何计算" prints them: one decimal.
    let grade_score = move |g: Grade| {
        app.data
            .with(|d| fmt1(d.assessment.rating_settings.grade_scores.get(g)))
    };
    let in_force = move || {
        let value = stored();
        app.data.with(|d| {
            value.map_or("未评".to_string(), |v| {
                v.describe(&d.assessment.rating_settings)
            })
        })
    };
    let by_score = flag(move || mode.with(|m| m == "score"));
    let invalid = invalid_if(move || error.with(Option::is_some));
    let message = Signal::derive(move || {
        error
            .get()
            .map(|e| format!("{e}（尚未保存；当前计入：{}）", in_force()))
    });
    view! {
        <div class="rating-cell" class:rated=flag(move || stored().is_some())>
            <label for=select_id.clone()><span class="sr-only">{dim_prefix}</span>{role_text}</label>
            <select
                id=select_id
                on:change=move |ev| { mode.set(event_target_value(&ev)); commit() }
                aria-invalid=invalid
            >
                <option value="" prop:selected=flag(move || mode.with(String::is_empty))>"未评"</option>
                {Grade::ALL.into_iter().map(|g| view! {
                    <option value=g.key() prop:selected=flag(move || mode.with(|m| m == g.key()))>
                        {text(move || format!("{}（{}）", g.label(), grade_score(g)))}
                    </option>
                }).collect_view()}
                <option value="score" prop:selected=by_score>"按分数"</option>
            </select>
            <Show when=move || by_score.get()>
                <label class="sr-only" for=score_id.clone()>{format!("{label} 分数")}</label>
                <input
                    id=score_id.clone()
                    class="score-input"
                    type="text"
                    inputmode="decimal"
                    placeholder="0–100"
                    prop:value=score_text
                    on:input=move |ev| { score_text.set(event_target_value(&ev)); commit() }
                    aria-invalid=invalid
                />
            </Show>
            <ErrorLine message=message/>
        </div>
    }
}
