//! Rating one person: per dimension, the plan's indicators with the checklist's evidence beside one
//! cell per rater (自评, 上级评价, each 互评 rater of the department but the person).
//!
//! A cell is a grade or a score and is one rating, under its [`RatingKey`]. Like an item of 各章自查,
//! it stores its value as soon as it is valid; while it is not (a score outside 0–100, not a
//! number), it says what to fix and the value stored before stays in force.

use leptos::prelude::*;

use super::ctx;
use crate::browser::clock;
use crate::components::{flag, invalid_if, quoting_plan, text, ErrorLine, PLAN_LANG};
use crate::i18n::t;
use crate::pages::overview::short;
use crate::route::Route;
use zrz_domain::number::{fmt1, fmt_exact, fmt_num};
use zrz_domain::record::{
    peer_raters_of, Assessment, Grade, RaterRole, Rating, RatingKey, RatingValue, Response,
};
use zrz_domain::scoring::{
    indicator_evidence, shipped_indicators, EvidenceStatus, IndicatorEvidence, PersonResult,
};
use zrz_domain::Dimension;

/// Everything to rate one person.
#[component]
pub fn RatingEntry(person_id: String, result: Memo<Option<PersonResult>>) -> impl IntoView {
    let ctx = ctx();
    let pid = StoredValue::new(person_id);
    let peers = Memo::new(move |_| {
        let person = ctx
            .people
            .with(|ps| pid.with_value(|id| ps.iter().find(|p| &p.id == id).cloned()));
        let Some(person) = person else {
            return Vec::new();
        };
        ctx.raters.with(|rs| {
            peer_raters_of(rs, &person)
                .map(|r| r.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let indicators = Memo::new(move |_| {
        let template = ctx.store.template.get();
        shipped_indicators(&template).map_err(|e| (t().rating.indicator_error)(&e))
    });
    let answers = Memo::new(move |_| Assessment {
        answers: ctx.store.answers.to_map(),
        ..Assessment::default()
    });
    let mismatch = move || {
        indicators.with(|i| {
            i.as_ref()
                .err()
                .map(|e| view! { <p class="notice notice-error">{(t().rating.indicators_mismatch)(e)}</p> })
        })
    };
    view! {
        {mismatch}
        {Dimension::ALL.into_iter().map(|dimension| {
            let evidence = Memo::new(move |_| {
                let template = ctx.store.template.get();
                indicators.with(|list| {
                    let list = list.as_deref().unwrap_or(&[]);
                    answers.with(|a| indicator_evidence(list, dimension, &template, a))
                })
            });
            view! {
                <DimensionBlock person_id=pid.get_value() dimension=dimension evidence=evidence peers=peers result=result/>
            }
        }).collect_view()}
    }
}

/// One dimension: its indicators with their evidence beside the cells that rate it.
#[component]
fn DimensionBlock(
    person_id: String,
    dimension: Dimension,
    evidence: Memo<Vec<IndicatorEvidence>>,
    peers: Memo<Vec<String>>,
    result: Memo<Option<PersonResult>>,
) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let pid = StoredValue::new(person_id);
    let weight = text(move || {
        ctx.store
            .settings
            .with(|s| (r.weight)(&fmt_num(s.dimension_weights.get(dimension))))
    });
    let score = text(move || {
        result.with(|res| {
            super::score_text(res.as_ref().and_then(|res| res.dimension(dimension).score))
        })
    });
    let role_note = move |role: RaterRole| {
        text(move || {
            result
                .with(|res| {
                    let res = res.as_ref()?;
                    let role = res
                        .dimension(dimension)
                        .roles
                        .iter()
                        .find(|x| x.role == role)?;
                    let average = role.average?;
                    let weight = role.effective_weight.unwrap_or(role.weight);
                    Some((r.role_note)(role.role, &fmt1(average), &fmt_num(weight)))
                })
                .unwrap_or_default()
        })
    };
    let key = move |role: RaterRole, rater: &str| {
        pid.with_value(|id| RatingKey::new(id, dimension, role, rater))
    };
    view! {
        <section class="dimension-block" aria-label=(r.dimension_block)(dimension) data-testid=format!("dimension-{}", dimension.key())>
            <h4>
                <span class="dimension-name">{(t().common.dimension)(dimension)}</span>
                <span class="dimension-weight">{weight}</span>
                <span class="dimension-score">{r.dimension_score} " " <span data-testid="dimension-score">{score}</span></span>
            </h4>
            <div class="dimension-body">
                <Indicators evidence=evidence/>
                <div class="cells">
                    <RatingCell key=key(RaterRole::SelfReview, "") rater=String::new()/>
                    <RatingCell key=key(RaterRole::Superior, "") rater=String::new()/>
                    <For each=move || peers.get() key=|n| n.clone() let:rater>
                        <RatingCell key=key(RaterRole::Peer, &rater) rater=rater.clone()/>
                    </For>
                    {move || peers.with(Vec::is_empty).then(|| view! { <p class="hint">{r.no_peers}</p> })}
                    <p class="role-notes">
                        {RaterRole::ALL.map(|role| view! { <span>{role_note(role)}</span> }).into_iter().collect_view()}
                    </p>
                </div>
            </div>
        </section>
    }
}

fn status_class(status: EvidenceStatus) -> &'static str {
    match status {
        EvidenceStatus::RedLineOccurred | EvidenceStatus::NotMet => "status danger",
        EvidenceStatus::Incomplete | EvidenceStatus::NotApplicable => "status muted",
        EvidenceStatus::Met => "status ok",
        EvidenceStatus::PartlyMet => "status warn",
    }
}

/// The indicators of a dimension, each with its status and the checklist items behind it.
#[component]
fn Indicators(evidence: Memo<Vec<IndicatorEvidence>>) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let list = move || {
        let template = ctx.store.template.get();
        evidence.get().into_iter().map(|ev| {
            let status = ev.status;
            let total = ev.items.len();
            let quotes = ev.indicator.quotes.join("；");
            let items = ev.items.into_iter().map(|item| {
                let chapter = template.chapter_of(&item.item_id).map(|c| c.id.clone());
                let href = Route::Checklist { chapter, item: Some(item.item_id.clone()) }.href();
                let mut facts = vec![item.response.map_or(r.unanswered, t().common.response).to_string()];
                if item.evidence_count > 0 {
                    facts.push((r.evidence_count)(item.evidence_count));
                }
                if !item.owner.trim().is_empty() {
                    facts.push((r.owner_is)(item.owner.trim()));
                }
                if item.flagged {
                    facts.push(r.flagged.into());
                }
                if !item.in_template {
                    facts.push(r.not_in_template.into());
                }
                view! {
                    <li class:occurred=item.response == Some(Response::Occurred)>
                        <a href=href>{item.item_id.clone()}</a>
                        " " <span lang=PLAN_LANG>{short(&item.text)}</span> {t().common.colon} {facts.join(t().common.list_sep)}
                    </li>
                }
            }).collect_view();
            view! {
                <li>
                    <details class="indicator">
                        <summary>
                            <span class=status_class(status)>{(r.evidence_status)(status)}</span>
                            " " <strong lang=PLAN_LANG>{ev.indicator.name.clone()}</strong>
                            <span class="source">{quoting_plan((r.indicator_source)(&ev.indicator.source, ev.answered, total), ev.indicator.source.clone())}</span>
                        </summary>
                        {(!quotes.is_empty()).then(|| view! { <p class="quote" lang=PLAN_LANG>{quotes}</p> })}
                        <ul class="evidence-items">{items}</ul>
                    </details>
                </li>
            }
        }).collect_view()
    };
    view! {
        <div class="indicators">
            <h5>{r.indicators_title}</h5>
            <ul>{list}</ul>
        </div>
    }
}

/// The choice of a cell: nothing, a grade, or a score typed in.
fn mode_of(value: Option<RatingValue>) -> (String, String) {
    match value {
        None => (String::new(), String::new()),
        Some(RatingValue::Grade(g)) => (g.key().to_string(), String::new()),
        Some(RatingValue::Score(s)) => ("score".to_string(), fmt_exact(s)),
    }
}

/// "85" → 85.0, with the message that says what to fix otherwise.
fn parse_score(text: &str) -> Result<f64, String> {
    let r = &t().rating;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(r.score_empty.into());
    }
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err((r.score_not_a_number)(trimmed)),
    }
}

/// What a cell's draft would store: `Ok(None)` for 未评.
fn draft_value(mode: &str, score: &str) -> Result<Option<RatingValue>, String> {
    match mode {
        "" => Ok(None),
        "score" => parse_score(score).map(|v| Some(RatingValue::Score(v))),
        key => Ok(Grade::from_key(key).map(RatingValue::Grade)),
    }
}

/// One rating: a select (未评 / a grade / 按分数) and, for a score, a text field.
#[component]
fn RatingCell(key: RatingKey, rater: String) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let store = ctx.store;
    let id = StoredValue::new(key.to_id());
    let key = StoredValue::new(key);
    let stored = move || id.with_value(|id| store.ratings.with(id, |x| x.map(|x| x.value)));
    let (initial_mode, initial_score) = mode_of(
        id.with_value(|id| store.ratings.get_untracked(id))
            .map(|x| x.value),
    );
    let mode = RwSignal::new(initial_mode);
    let score = RwSignal::new(initial_score);
    let error = RwSignal::new(None::<String>);
    // Another tab, an import or a rename may change the stored rating: show it, unless the draft
    // already says the same (a score being typed, "8." for 8) or is refused and pending.
    Effect::new(move |_| {
        let value = stored();
        let pending = error.with_untracked(Option::is_some);
        let same =
            mode.with_untracked(|m| score.with_untracked(|s| draft_value(m, s))) == Ok(value);
        if !pending && !same {
            let (m, s) = mode_of(value);
            mode.set(m);
            score.set(s);
        }
    });
    let commit = move || {
        if !ctx.writable {
            return;
        }
        let value = match draft_value(&mode.get_untracked(), &score.get_untracked()) {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let rating = value.map(|value| {
            key.with_value(|k| Rating {
                person_id: k.person_id.clone(),
                dimension: k.dimension,
                role: k.role,
                rater: match k.role {
                    RaterRole::Peer => k.rater.clone(),
                    RaterRole::Superior => store
                        .settings
                        .with_untracked(|s| s.superior_rater().to_string()),
                    RaterRole::SelfReview => String::new(),
                },
                value,
                updated_at: Some(clock::now()),
            })
        });
        if let Some(rating) = &rating {
            if let Err(e) = rating.validate() {
                error.set(Some((t().errors.field)(&e)));
                return;
            }
        }
        error.set(None);
        if stored() != rating.as_ref().map(|x| x.value) {
            key.with_value(|k| store.put_rating(k, rating));
        }
    };
    let (dimension, role) = key.with_value(|k| (k.dimension, k.role));
    let role_text = match role {
        RaterRole::Peer => (r.cell_peer)(&rater),
        role => (t().common.role)(role).to_string(),
    };
    let dim_prefix = format!("{}·", (t().common.dimension)(dimension));
    let label = format!("{dim_prefix}{role_text}");
    let dom_key = id.with_value(|id| id.replace('/', "-"));
    let select_id = format!("cell-{dom_key}");
    let score_id = format!("score-{dom_key}");
    // Figures as "如何计算" prints them: one decimal.
    let grade_score = move |g: Grade| store.settings.with(|s| fmt1(s.grade_scores.get(g)));
    let in_force = move || match stored() {
        None => r.not_rated.to_string(),
        Some(RatingValue::Grade(g)) => (r.grade_option)(g, &grade_score(g)),
        Some(RatingValue::Score(s)) => fmt1(s),
    };
    let by_score = flag(move || mode.with(|m| m == "score"));
    let invalid = invalid_if(move || error.with(Option::is_some));
    let message =
        Signal::derive(move || error.get().map(|e| (r.not_saved_in_force)(&e, &in_force())));
    view! {
        <div class="rating-cell" class:rated=flag(move || stored().is_some())>
            <label for=select_id.clone()><span class="sr-only">{dim_prefix}</span>{role_text}</label>
            <select
                id=select_id
                disabled=!ctx.writable
                on:change=move |ev| { mode.set(event_target_value(&ev)); commit() }
                aria-invalid=invalid
            >
                <option value="" prop:selected=flag(move || mode.with(String::is_empty))>{r.not_rated}</option>
                {Grade::ALL.into_iter().map(|g| view! {
                    <option value=g.key() prop:selected=flag(move || mode.with(|m| m == g.key()))>
                        {text(move || (r.grade_option)(g, &grade_score(g)))}
                    </option>
                }).collect_view()}
                <option value="score" prop:selected=by_score>{r.by_score}</option>
            </select>
            <Show when=move || by_score.get()>
                <label class="sr-only" for=score_id.clone()>{(r.score_of)(&label)}</label>
                <input
                    id=score_id.clone()
                    class="score-input"
                    type="text"
                    inputmode="decimal"
                    disabled=!ctx.writable
                    placeholder=r.score_placeholder
                    prop:value=score
                    on:input=move |ev| { score.set(event_target_value(&ev)); commit() }
                    aria-invalid=invalid
                />
            </Show>
            <ErrorLine message=message/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cells_draft_reads_as_the_value_it_would_store() {
        assert_eq!(draft_value("", "12"), Ok(None));
        assert_eq!(
            draft_value("competent", ""),
            Ok(Some(RatingValue::Grade(Grade::Competent)))
        );
        assert_eq!(
            draft_value("score", " 87.5 "),
            Ok(Some(RatingValue::Score(87.5)))
        );
        assert_eq!(
            draft_value("score", "8."),
            Ok(Some(RatingValue::Score(8.0)))
        );
        assert!(draft_value("score", "").is_err());
        assert!(draft_value("score", "八十")
            .unwrap_err()
            .contains("不是数字"));
        assert_eq!(
            mode_of(Some(RatingValue::Score(70.0))),
            ("score".into(), "70".into())
        );
        assert_eq!(
            mode_of(Some(RatingValue::Score(87.25))),
            ("score".into(), "87.25".into())
        );
    }
}
