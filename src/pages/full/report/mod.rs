//! 自查报告: the department's draft report (`report::self_report`), on screen, printed, and as a
//! .docx to edit in Word or WPS. One draft, one wording ([`document`]) for all three.

pub mod document;

use leptos::prelude::*;

use crate::browser::{dom, download};
use crate::components::PrintHeader;
use crate::i18n::t;
use crate::state::{use_app, use_store};
use zrz_domain::report::{has_material, self_report};
use zrz_exchange::export::file_name_part;

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[component]
pub fn ReportPage() -> impl IntoView {
    let app = use_app();
    let store = use_store();
    let s = &t().review;
    let report = Memo::new(move |_| {
        // Read every record the report draws on, so the draft follows each edit.
        store.answers.entries();
        store.ledger.ids();
        store.tasks.values();
        store.findings.ids();
        store.people.values();
        store.ratings.ids();
        store.settings.track();
        store.profile.track();
        let template = store.template.get();
        self_report(&template, &store.snapshot(), app.today)
    });
    let empty = Memo::new(move |_| {
        report.track();
        !has_material(&store.snapshot())
    });
    let title = Memo::new(move |_| {
        store
            .profile
            .with(|p| (s.report_heading)(&p.unit, &p.department, p.year))
    });
    // The office's accountability decisions and 核定分, as its last findings file gave them.
    let office = Memo::new(move |_| {
        store.office_review.with(|r| document::FromOffice {
            verified_score: r.scores.verified_score,
            accountability: r.accountability.clone(),
        })
    });
    let failed = RwSignal::new(None::<String>);
    let download_docx = move |_| {
        let template = store.template.get_untracked();
        let bytes = office.with_untracked(|a| {
            document::report_docx(
                &report.get_untracked(),
                s,
                &template,
                a,
                &title.get_untracked(),
            )
        });
        let name = store.profile.with_untracked(|p| {
            format!(
                "自查报告_{}_{}_{}.docx",
                file_name_part(&p.unit, "未填单位"),
                file_name_part(&p.department, "未填科室"),
                p.year
            )
        });
        failed.set(
            download::download_bytes(&name, &bytes, DOCX_MIME)
                .err()
                .map(|e| (s.download_failed)(&String::from(e))),
        );
    };
    view! {
        <section class="page report" data-testid="report">
            <PrintHeader/>
            <p class="lead no-print">{s.report_lead}</p>
            {move || empty.get().then(|| view! {
                <p class="notice notice-info" role="status" data-testid="report-empty">{s.report_empty}</p>
            })}
            <div class="form-actions no-print">
                <button type="button" on:click=move |_| dom::print()>{s.print}</button>
                <button type="button" on:click=download_docx data-testid="download-docx">{s.download_docx}</button>
            </div>
            {move || failed.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <article class="report-text">
                <h1 data-testid="report-title">{move || title.get()}</h1>
                {move || {
                    let template = store.template.get();
                    report.with(|r| office.with(|a| document::report_text(r, s, &template, a))).into_iter().map(|(heading, paragraphs)| view! {
                        <h2>{heading}</h2>
                        {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    }).collect_view()
                }}
            </article>
        </section>
    }
}
