//! Receiving many files: pick, pick a folder, or drop; a progress bar; a result per file.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::{crypto, files};
use crate::components::{Icon, IconKind, ProgressBar};
use crate::i18n::t;
use crate::state::workspace::{use_workspace, Accepted, ReceiveOutcome, Refused};
use zrz_exchange::merge::Receipt;
use zrz_exchange::MAX_FILE_BYTES;

/// Files read and received together: one change of the summary per slice.
const SLICE: usize = 10;

/// One line of the results.
#[derive(Clone)]
struct Line {
    id: usize,
    outcome: ReceiveOutcome,
}

#[component]
pub fn ReceiveSection() -> impl IntoView {
    let ws = use_workspace();
    let x = &t().summary;
    let progress = RwSignal::new(None::<(usize, usize)>);
    let lines = RwSignal::new(Vec::<Line>::new());
    let dragging = RwSignal::new(false);
    let take_with = move |chosen: Vec<files::ChosenFile>, skipped: Vec<files::Skipped>| {
        if (chosen.is_empty() && skipped.is_empty()) || progress.get_untracked().is_some() {
            return;
        }
        let total = chosen.len();
        progress.set(Some((0, total)));
        // What a dropped folder held besides exchange files, listed first.
        let skipped_lines: Vec<Line> = skipped
            .into_iter()
            .enumerate()
            .map(|(k, s)| Line {
                id: usize::MAX - k,
                outcome: ReceiveOutcome {
                    file_name: s.path,
                    result: Err(Refused::Skipped(s.why)),
                },
            })
            .collect();
        lines.set(skipped_lines);
        leptos::task::spawn_local(async move {
            // In slices of a few files: read them, receive them (one change of the summary per
            // slice), show their results.
            let mut done = 0;
            let mut chosen = chosen.into_iter().peekable();
            while chosen.peek().is_some() {
                let slice: Vec<files::ChosenFile> = chosen.by_ref().take(SLICE).collect();
                let mut readable = Vec::new();
                let mut outcomes: Vec<Option<ReceiveOutcome>> = Vec::new();
                for file in slice {
                    let name = file.name();
                    match files::read_bytes(&file, MAX_FILE_BYTES).await {
                        Ok(bytes) => {
                            readable.push((name, bytes));
                            outcomes.push(None);
                        }
                        Err(files::ReadFault::TooLarge { size, limit }) => {
                            outcomes.push(Some(ReceiveOutcome {
                                file_name: name,
                                result: Err(Refused::Unreadable(
                                    zrz_exchange::ImportError::TooLarge { size, limit },
                                )),
                            }))
                        }
                        Err(e) => outcomes.push(Some(ReceiveOutcome {
                            file_name: name,
                            result: Err(Refused::ReadFailed((t().errors.read)(&e))),
                        })),
                    }
                }
                let base = done;
                let unreadable = outcomes.iter().filter(|o| o.is_some()).count();
                let received = ws
                    .receive(readable, |n| {
                        progress.set(Some((base + unreadable + n, total)));
                    })
                    .await;
                let mut received = received.into_iter();
                let slice_lines: Vec<Line> = outcomes
                    .into_iter()
                    .filter_map(|o| o.or_else(|| received.next()))
                    .enumerate()
                    .map(|(k, outcome)| Line {
                        id: base + k,
                        outcome,
                    })
                    .collect();
                done += slice_lines.len();
                lines.update(|l| l.extend(slice_lines));
                progress.set(Some((done, total)));
            }
            progress.set(None);
        });
    };
    let take = move |chosen: Vec<files::ChosenFile>| take_with(chosen, Vec::new());
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        // Taken now: the browser empties the drop once its event is over.
        let dropped = files::dropped_items(&ev);
        leptos::task::spawn_local(async move {
            let (chosen, skipped) = files::files_of_drop(dropped).await;
            take_with(chosen, skipped);
        });
    };
    view! {
        <section class="summary-receive no-print" aria-labelledby="receive-title">
            <h2 id="receive-title">{x.receive_title}</h2>
            <div class="drop-zone" class:dragging=move || dragging.get() data-testid="drop-zone"
                on:dragover=move |ev: web_sys::DragEvent| {
                    if files::drag_has_files(&ev) {
                        ev.prevent_default();
                        files::show_copy_cursor(&ev);
                        dragging.set(true);
                    }
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label class="button" for="receive-files">{x.choose_files}</label>
                <input id="receive-files" class="visually-hidden" type="file" multiple accept=".json,application/json"
                    data-testid="receive-files"
                    on:change=move |ev| take(files::all_from_input_event(&ev))/>
                " "
                <label class="button" for="receive-folder">{x.choose_folder}</label>
                <input id="receive-folder" class="visually-hidden" type="file" multiple prop:webkitdirectory=true
                    data-testid="receive-folder"
                    on:change=move |ev| take(files::all_from_input_event(&ev))/>
                <p class="hint">{x.drop_here}</p>
            </div>
            {move || progress.get().map(|(done, total)| {
                let percent = Signal::derive(move || {
                    progress.get().map_or(100.0, |(d, t)| 100.0 * d as f64 / t.max(1) as f64)
                });
                view! {
                    <div data-testid="receive-progress">
                        <p role="status">{(x.receiving)(done, total)}</p>
                        <ProgressBar percent=percent label=x.progress_label.to_string()/>
                    </div>
                }
            })}
            {move || {
                let n = lines.with(Vec::len);
                (n > 0).then(|| view! {
                    <h3 id="receive-results">{(x.results_title)(n)}</h3>
                    <ul class="receive-results" aria-labelledby="receive-results" data-testid="receive-results">
                        <For each=move || lines.get() key=|l| (l.id, outcome_code(&l.outcome)) let:line>
                            <ResultLine line=line lines=lines/>
                        </For>
                    </ul>
                })
            }}
        </section>
    }
}

fn outcome_code(o: &ReceiveOutcome) -> &'static str {
    match &o.result {
        Ok(a) => match a.receipt {
            Receipt::New => "added",
            Receipt::Replaced => "replaced",
            Receipt::KeptAsOlder => "kept_older",
            Receipt::AlreadyHeld => "already_held",
        },
        Err(Refused::Encrypted(_)) => "encrypted",
        Err(Refused::Skipped(_)) => "skipped",
        Err(_) => "refused",
    }
}

fn accepted_text(a: &Accepted) -> String {
    let x = &t().summary;
    let d = format!(
        "{} {} {}",
        a.department.unit, a.department.department, a.department.year
    );
    match a.receipt {
        Receipt::New => (x.added)(&d),
        Receipt::Replaced => (x.replaced)(&d),
        Receipt::KeptAsOlder => (x.kept_older)(&d),
        Receipt::AlreadyHeld => (x.already_held)(&d),
    }
}

#[component]
fn ResultLine(line: Line, lines: RwSignal<Vec<Line>>) -> impl IntoView {
    let x = &t().summary;
    let ws = use_workspace();
    let code = outcome_code(&line.outcome);
    let name = line.outcome.file_name.clone();
    let shown_name = name.clone();
    let body = match &line.outcome.result {
        Ok(a) => {
            let template = a.template.as_ref().map(|m| {
                let join = |v: &[String]| v.join("、");
                let items = (x.template_items)(
                    &join(&m.changed),
                    &join(&m.only_in_file),
                    &join(&m.only_local),
                );
                view! {
                    <p class="field-warning" data-testid="template-differs">
                        <Icon kind=IconKind::Info/>" "
                        {(x.template_note)(&m.file.version, &m.local.version)}
                        {(!items.is_empty()).then(|| format!("（{items}）"))}
                    </p>
                }
            });
            view! {
                <p><Icon kind=IconKind::Done/>" "{accepted_text(a)}</p>
                {a.sanitized.then(|| view! { <p class="hint" data-testid="sanitized-note">{x.sanitized_note}</p> })}
                {a.checksum_mismatch.then(|| view! { <p class="field-warning"><Icon kind=IconKind::Warning/>" "{x.checksum_note}</p> })}
                {template}
            }
            .into_any()
        }
        Err(Refused::Encrypted(bytes)) => {
            let bytes: Arc<Vec<u8>> = bytes.clone();
            let passphrase = RwSignal::new(String::new());
            let error = RwSignal::new(None::<String>);
            let input_id = format!("passphrase-{}", line.id);
            let id = line.id;
            let file_name = name.clone();
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let bytes = bytes.clone();
                let file_name = file_name.clone();
                let pass = passphrase.get_untracked();
                leptos::task::spawn_local(async move {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    match crypto::decrypt(&pass, &text).await {
                        Ok(plain) => {
                            let outcome = ws
                                .receive(vec![(file_name, plain.into_bytes())], |_| ())
                                .await
                                .pop()
                                .expect("one outcome");
                            lines.update(|l| {
                                if let Some(line) = l.iter_mut().find(|l| l.id == id) {
                                    line.outcome = outcome;
                                }
                            });
                        }
                        Err(e) => error.set(Some((t().errors.crypto)(&e))),
                    }
                });
            };
            view! {
                <p><Icon kind=IconKind::Info/>" "{x.encrypted}</p>
                <form class="inline-form" on:submit=submit>
                    <label for=input_id.clone()>{x.passphrase}</label>" "
                    <input id=input_id type="password" autocomplete="off" data-testid="passphrase"
                        on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    " "
                    <button type="submit">{x.decrypt}</button>
                </form>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            }
            .into_any()
        }
        Err(refused) => {
            let why = match refused {
                Refused::Unreadable(e) => (t().errors.import)(e),
                Refused::ReadFailed(e) => e.clone(),
                Refused::NotAnAssessment(k) => (x.not_assessment)((t().errors.kind)(*k)),
                Refused::Storage(crate::browser::idb::IdbFault::QuotaExceeded) => {
                    x.storage_full.to_string()
                }
                Refused::Storage(e) => (x.storage_failed)(&e.to_string()),
                Refused::Skipped(files::SkipWhy::NotJson) => x.skipped_not_json.to_string(),
                Refused::Skipped(files::SkipWhy::Unreadable(e)) => (x.skipped_unreadable)(e),
                Refused::Encrypted(_) => unreachable!("handled above"),
            };
            view! {
                <p class="field-error"><Icon kind=IconKind::Warning/>" "<strong>{x.refused}</strong>{t().common.colon}{why}</p>
            }
            .into_any()
        }
    };
    view! {
        <li data-testid="receive-result" data-result=code data-file=name.clone()>
            <strong class="file-name">{shown_name}</strong>
            {body}
        </li>
    }
}
