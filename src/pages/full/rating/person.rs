//! One person: the result card (scores, total, grade, vetoes, what is missing, the radar chart and
//! "如何计算") above the rating entry.

use leptos::prelude::*;

use super::entry::RatingEntry;
use super::radar::RadarChart;
use super::{ctx, grade_class, grade_text, level_label, score_text, superior_name};
use crate::components::text;
use crate::i18n::t;
use zrz_domain::scoring::PersonResult;
use zrz_domain::Dimension;

#[component]
pub fn PersonPanel(person_id: String) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let id = StoredValue::new(person_id.clone());
    let result = Memo::new(move |_| {
        ctx.results
            .with(|rs| id.with_value(|id| rs.iter().find(|r| &r.person_id == id).cloned()))
    });
    let hint = text(move || {
        let superior = ctx.store.settings.with(superior_name);
        format!("{}{}", r.entry_hint, (r.superior_by)(&superior))
    });
    view! {
        <div class="person-panel">
            <ResultCard result=result/>
            <h3>{r.entry_title}</h3>
            <p class="hint">{hint}</p>
            <RatingEntry person_id=person_id result=result/>
        </div>
    }
}

#[component]
fn ResultCard(result: Memo<Option<PersonResult>>) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let sep = t().common.list_sep;
    let heading = text(move || {
        result.with(|res| {
            res.as_ref()
                .map(|res| {
                    let level = ctx.store.settings.with(|s| level_label(s, res.level));
                    (r.result_heading)(&res.name, &res.post, &level)
                })
                .unwrap_or_default()
        })
    });
    let scores = Signal::derive(move || {
        result.with(|res| {
            Dimension::ALL
                .iter()
                .map(|d| (*d, res.as_ref().and_then(|res| res.dimension(*d).score)))
                .collect::<Vec<_>>()
        })
    });
    let grade_line = move || {
        result.with(|res| {
            let res = res.as_ref()?;
            match (res.grade, res.grade_before_vetoes) {
                (Some(g), Some(before)) if g != before => Some((r.grade_changed)(before, g)),
                _ => None,
            }
        })
    };
    let vetoes = move || {
        result.with(|res| {
            res.as_ref()
                .map(|res| {
                    res.vetoes
                        .iter()
                        .map(|v| (r.veto_text)(v))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let notices = move || {
        result.with(|res| {
            let Some(res) = res.as_ref() else {
                return Vec::new();
            };
            let mut out = Vec::new();
            if let Some(e) = &res.settings_error {
                out.push((r.settings_invalid)(&(t().settings.settings_error)(e)));
                return out;
            }
            if !res.missing_dimensions.is_empty() {
                let names: Vec<&str> = res
                    .missing_dimensions
                    .iter()
                    .map(|d| (t().common.dimension)(*d))
                    .collect();
                out.push((r.missing_dimensions)(&names.join(sep)));
            }
            let renormalised: Vec<String> = res
                .dimensions
                .iter()
                .filter(|d| d.renormalised)
                .map(|d| {
                    let missing: Vec<&str> = d
                        .missing_roles
                        .iter()
                        .map(|x| (t().common.role)(*x))
                        .collect();
                    (r.renormalised_item)(d.dimension, &missing.join(sep))
                })
                .collect();
            if !renormalised.is_empty() {
                out.push((r.renormalised)(&renormalised.join(t().common.clause_sep)));
            }
            for ignored in &res.ignored {
                out.push((r.ignored)(
                    ignored.rating.dimension,
                    ignored.rating.role,
                    ignored.rating.rater.trim(),
                    &(r.ignored_reason)(ignored),
                ));
            }
            out
        })
    };
    let steps = move || {
        result.with(|res| {
            res.as_ref()
                .map(|res| {
                    res.steps
                        .iter()
                        .map(|s| (r.step_text)(s))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let figure = move |f: fn(&PersonResult) -> Option<f64>| {
        text(move || result.with(|res| score_text(res.as_ref().and_then(f))))
    };
    view! {
        <section class="result-card" aria-label=r.result_label data-testid="result-card">
            <h3>{heading}</h3>
            <div class="result-main">
                <div class="result-figures">
                    <div class="table-wrap">
                        <table class="result-table">
                            <thead><tr>
                                {Dimension::ALL.map(|d| view! { <th scope="col">{(t().common.dimension)(d)}</th> }).into_iter().collect_view()}
                                <th scope="col">{r.col_total}</th>
                                <th scope="col">{r.col_grade}</th>
                            </tr></thead>
                            <tbody><tr>
                                {Dimension::ALL.map(|d| view! {
                                    <td class="num">
                                        {text(move || result.with(|res| score_text(res.as_ref().and_then(|res| res.dimension(d).score))))}
                                    </td>
                                }).into_iter().collect_view()}
                                <td class="num total" data-testid="result-total">{figure(|res| res.total)}</td>
                                <td data-testid="result-grade" class=text(move || result.with(|res| grade_class(res.as_ref().and_then(|res| res.grade)).to_string()))>
                                    {text(move || result.with(|res| grade_text(res.as_ref().and_then(|res| res.grade)).to_string()))}
                                </td>
                            </tr></tbody>
                        </table>
                    </div>
                    {move || grade_line().map(|line| view! { <p class="grade-note">{line}</p> })}
                    {move || {
                        let vetoes = vetoes();
                        (!vetoes.is_empty()).then(|| view! {
                            <div class="notice notice-error vetoes" data-testid="result-vetoes">
                                <strong>{r.vetoes_title}</strong>
                                <ul>{vetoes.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul>
                            </div>
                        })
                    }}
                    {move || notices().into_iter().map(|n| view! { <p class="notice result-notice">{n}</p> }).collect_view()}
                </div>
                <RadarChart scores=scores/>
            </div>
            <details class="how">
                <summary>{r.how}</summary>
                <ol class="steps" data-testid="steps">
                    {move || steps().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ol>
            </details>
        </section>
    }
}
