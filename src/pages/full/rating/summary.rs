//! 评分结果一览: every person's dimension scores, total, grade and vetoes, sortable by any column,
//! with the share of 优秀 against its cap. Headers and names are buttons on screen and plain text on
//! paper (`print-text`), so a printed table keeps them.

use leptos::prelude::*;

use super::{ctx, grade_class, grade_text, level_label, score_text};
use crate::browser::location;
use crate::i18n::t;
use zrz_domain::scoring::{excellent_share, sort_results, ResultColumn};
use zrz_domain::Dimension;

#[component]
pub fn SummaryTable() -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let sort = RwSignal::new((ResultColumn::Entered, false));
    let rows = move || {
        let (column, descending) = sort.get();
        let mut rows = ctx.results.get();
        sort_results(&mut rows, column, descending);
        rows
    };
    let share = Memo::new(move |_| {
        ctx.store
            .settings
            .with(|s| ctx.results.with(|r| excellent_share(r, s)))
    });
    let header = move |column: ResultColumn, label: String, numeric: bool| {
        let aria_sort = move || {
            let (c, descending) = sort.get();
            if c != column {
                "none"
            } else if descending {
                "descending"
            } else {
                "ascending"
            }
        };
        let click = move |_| {
            sort.update(|(c, descending)| {
                if *c == column {
                    *descending = !*descending;
                } else {
                    *c = column;
                    *descending = column.starts_descending();
                }
            })
        };
        view! {
            <th scope="col" class:num=numeric aria-sort=aria_sort>
                <button type="button" class="sort print-text" on:click=click>{label}</button>
            </th>
        }
    };
    let body = move || {
        ctx.store.settings.with(|settings| {
            rows().into_iter().map(|row| {
                let id = row.person_id.clone();
                let vetoes: Vec<String> = row.vetoes.iter().map(|v| (r.veto_short)(&v.kind)).collect();
                view! {
                    <tr data-testid=format!("row-{}", row.name.trim())>
                        <th scope="row">
                            <button type="button" class="link print-text" on:click=move |_| {
                                ctx.selected.set(Some(id.clone()));
                                location::reveal("person-rating");
                            }>{row.name.clone()}</button>
                        </th>
                        <td>{row.post.clone()}</td>
                        <td>{level_label(settings, row.level)}</td>
                        {Dimension::ALL.into_iter().map(|d| view! {
                            <td class="num" data-testid=format!("dim-{}", d.key())>{score_text(row.dimension(d).score)}</td>
                        }).collect_view()}
                        <td class="num" data-testid="total">{score_text(row.total)}</td>
                        <td data-testid="grade" class=grade_class(row.grade)>{grade_text(row.grade)}</td>
                        <td data-testid="vetoes">{vetoes.join(t().common.list_sep)}</td>
                    </tr>
                }
            }).collect_view()
        })
    };
    let share_line = move || {
        let s = share.get();
        (s.people > 0).then(|| {
            let pending = s.graded < s.people;
            view! {
                <p class="share" class:notice=s.exceeded class:notice-error=s.exceeded
                    role=if s.exceeded { "alert" } else { "status" } data-testid="excellent-share">
                    {if s.exceeded { r.share_exceeded_lead } else { "" }}
                    {(r.share)(&s)}
                    {if s.exceeded { r.share_exceeded_tail } else { "" }}
                    {pending.then_some(r.share_pending)}
                </p>
            }
        })
    };
    view! {
        <h2>{r.summary_title}</h2>
        <p class="hint no-print">{r.summary_hint}</p>
        <div class="table-wrap">
            <table class="summary-table" data-testid="summary-table">
                <thead>
                    <tr>
                        {header(ResultColumn::Name, r.col_name.into(), false)}
                        <th scope="col">{r.col_post}</th>
                        {header(ResultColumn::Level, r.col_level.into(), false)}
                        {Dimension::ALL.into_iter().map(|d| header(ResultColumn::Dimension(d), (t().common.dimension)(d).into(), true)).collect_view()}
                        {header(ResultColumn::Total, r.col_total.into(), true)}
                        {header(ResultColumn::Grade, r.col_grade.into(), false)}
                        <th scope="col">{r.col_vetoes}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {share_line}
    }
}
