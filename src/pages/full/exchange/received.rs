//! A sanitised (脱敏) file opened read only: its record held in a store without a sink
//! (`Store::received`), shown item by item and never merged into anyone's record.

use std::sync::Arc;

use leptos::prelude::*;

use super::importer::{Importer, Loaded, HEADING_ID};
use super::preview::{short, FileSummary};
use crate::components::PLAN_LANG;
use crate::i18n::t;
use crate::state::Store;
use zrz_exchange::store::Meta;

#[component]
pub fn ReadOnlyView(importer: Importer, loaded: Arc<Loaded>) -> impl IntoView {
    let x = &t().exchange;
    let Some((assessment, _)) = loaded.imported.record() else {
        return view! {
            <div class="preview" data-testid="read-only-view">
                <h3 id=HEADING_ID tabindex="-1">{(x.read_only_title)(&loaded.name)}</h3>
                <FileSummary loaded=loaded.clone()/>
                <p class="notice notice-warn">{x.read_only_note}</p>
                <button type="button" on:click=move |_| importer.cancel()>{t().common.close}</button>
            </div>
        }
        .into_any();
    };
    let meta = Meta {
        template: None,
        ..Meta::default()
    };
    let store = Store::received(assessment.clone(), meta);
    let template = importer.app().store.template.get_untracked();
    let rows = template
        .items()
        .filter_map(|item| {
            let answer = store.answers.get_untracked(&item.id)?;
            let response = answer
                .response
                .map(|r| (t().common.response)(r).to_string())
                .unwrap_or_else(|| x.unanswered.to_string());
            Some(view! {
                <tr>
                    <td class="key">{item.id.clone()}</td>
                    <td lang=PLAN_LANG>{short(&item.text, 40)}</td>
                    <td>{response}</td>
                </tr>
            })
        })
        .collect_view();
    let answered = store.answers.entries_untracked().len();
    let people = store.people.entries_untracked().len();
    let ratings = store.ratings.entries_untracked().len();
    let ledger = store.ledger.entries_untracked().len();
    view! {
        <div class="preview" data-testid="read-only-view">
            <h3 id=HEADING_ID tabindex="-1">{(x.read_only_title)(&loaded.name)}</h3>
            <p class="notice notice-warn" role="note">{x.read_only_note}</p>
            <FileSummary loaded=loaded.clone()/>
            <p class="counts" data-testid="read-only-counts">{(x.read_only_counts)(answered, people, ratings, ledger)}</p>
            <table class="preview-table">
                <caption>{x.read_only_caption}</caption>
                <thead><tr><th scope="col">{x.col_item}</th><th scope="col">{x.col_text}</th><th scope="col">{x.col_response}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="form-actions">
                <button type="button" on:click=move |_| importer.cancel()>{t().common.close}</button>
            </div>
        </div>
    }
    .into_any()
}
