//! What an import would do, shown before anything is applied, in words a clerk reads: names, the
//! plan's item numbers and the start of their text, only the fields that change (before → after),
//! grouped by kind of record, the unchanged ones folded away. Conflicts are chosen entry by entry;
//! "全部采用较新的一方" is offered only where both sides' edit times are known. Everything from the
//! file is rendered as text.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;

use super::importer::{Importer, Loaded, HEADING_ID};
use crate::browser::clock;
use crate::components::{Icon, IconKind, PLAN_LANG};
use crate::i18n::t;
use zrz_domain::number::fmt1;
use zrz_domain::plan::Template;
use zrz_domain::record::{
    Assessment, Evidence, Person, Rating, RatingValue, RecordKey, RecordKind, Response,
    ResponsibilityLevel,
};
use zrz_domain::scoring::RatingSettings;
use zrz_exchange::extras::Extras;
use zrz_exchange::merge::{FieldChoices, RestoreChange, RestorePlan};
use zrz_exchange::state::StoredState;
use zrz_exchange::store::split;
use zrz_exchange::{
    AnnualPlanUpdate, Change, FindingsUpdate, MergeEntry, MergePlan, OfficeReviewChange, Side,
    Version,
};

/// At most `max` characters, with "…" when cut.
pub fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// What the preview knows to name records: the template, people by id, the settings' level names.
pub struct Names {
    pub template: Arc<Template>,
    pub people: BTreeMap<String, String>,
    pub settings: RatingSettings,
    /// Every record of both sides, to name an entry the plan gives no version of (an unchanged one).
    known: BTreeMap<RecordKey, Version>,
}

impl Names {
    pub fn new(
        template: Arc<Template>,
        local: &Assessment,
        incoming: Option<&Assessment>,
    ) -> Names {
        let mut people = BTreeMap::new();
        for p in incoming
            .into_iter()
            .flat_map(|a| a.people.iter())
            .chain(local.people.iter())
        {
            if !p.name.trim().is_empty() {
                people.insert(p.id.clone(), p.name.trim().to_string());
            }
        }
        let mut known = BTreeMap::new();
        for a in incoming.into_iter().chain(std::iter::once(local)) {
            for (key, value) in split(a, &Extras::default()) {
                known.insert(
                    key,
                    Version {
                        value,
                        updated_at: None,
                    },
                );
            }
        }
        Names {
            template,
            people,
            settings: local.rating_settings.clone(),
            known,
        }
    }

    fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .cloned()
            .unwrap_or_else(|| t().exchange.unnamed_person.to_string())
    }

    /// "4.1.2 开展意识形态工作专题学习…", "张三（办公室主任）", "张三 · 德 · 互评（王五）".
    pub fn title(&self, key: &RecordKey, sample: Option<&Version>) -> String {
        let x = &t().exchange;
        let sample = sample.or_else(|| self.known.get(key));
        match key.kind {
            RecordKind::Profile => (x.profile_field)(&key.id).to_string(),
            RecordKind::RatingSettings | RecordKind::OfficeReview => {
                (x.kind_label)(key.kind).to_string()
            }
            RecordKind::Answer => match self.template.item(&key.id) {
                Some(item) => format!("{} {}", item.id, short(&item.text, 30)),
                None => (x.item_not_in_plan)(&key.id),
            },
            RecordKind::Person => match sample.and_then(|v| v.typed::<Person>()) {
                Some(p) if !p.post.trim().is_empty() => {
                    format!("{}（{}）", p.name.trim(), p.post.trim())
                }
                Some(p) => p.name.trim().to_string(),
                None => self.person(&key.id),
            },
            RecordKind::Rating => match sample.and_then(|v| v.typed::<Rating>()) {
                Some(r) => {
                    let mut out = format!(
                        "{} · {} · {}",
                        self.person(&r.person_id),
                        (t().common.dimension)(r.dimension),
                        (t().common.role)(r.role)
                    );
                    if !r.rater.trim().is_empty() {
                        out.push_str(&format!("（{}）", r.rater.trim()));
                    }
                    out
                }
                None => (x.kind_label)(key.kind).to_string(),
            },
            RecordKind::Entry => sample
                .map(|v| {
                    let s = |k: &str| v.value.get(k).and_then(Value::as_str).unwrap_or("");
                    format!("{} {}", s("date"), short(s("title"), 30))
                })
                .unwrap_or_default(),
            RecordKind::Task => sample
                .map(|v| {
                    let s = |k: &str| v.value.get(k).and_then(Value::as_str).unwrap_or("");
                    format!("{} {}", s("item_id"), short(s("measure"), 30))
                })
                .unwrap_or_default(),
            RecordKind::Finding => sample
                .and_then(|v| v.value.get("item_id").and_then(Value::as_str))
                .map(|id| match self.template.item(id) {
                    Some(item) => format!("{} {}", item.id, short(&item.text, 30)),
                    None => id.to_string(),
                })
                .unwrap_or_default(),
        }
    }

    /// One field's value in words; `None` (absent) and blanks are "（空）".
    pub fn value(&self, kind: RecordKind, field: &str, v: Option<&Value>) -> String {
        let x = &t().exchange;
        let v = match v {
            None | Some(Value::Null) => return x.empty.to_string(),
            Some(Value::String(s)) if s.trim().is_empty() => return x.empty.to_string(),
            Some(Value::Array(a)) if a.is_empty() => return x.empty.to_string(),
            Some(v) => v,
        };
        let typed = |v: &Value| serde_json::from_value::<Response>(v.clone()).ok();
        match (kind, field, v) {
            (_, "response" | "found", v) if typed(v).is_some() => typed(v)
                .map(|r| (t().common.response)(r).to_string())
                .unwrap_or_default(),
            (RecordKind::Person, "level", v) => {
                match serde_json::from_value::<ResponsibilityLevel>(v.clone()) {
                    Ok(level) => self.settings.level_label(level).to_string(),
                    Err(_) => v.to_string(),
                }
            }
            (RecordKind::Rating, "value", v) => {
                match serde_json::from_value::<RatingValue>(v.clone()) {
                    Ok(RatingValue::Grade(g)) => (t().common.grade)(g).to_string(),
                    Ok(RatingValue::Score(s)) => zrz_domain::number::fmt1(s),
                    Err(_) => x.changed_value.to_string(),
                }
            }
            (RecordKind::Answer, "evidence", Value::Array(items)) => items
                .iter()
                .filter_map(|e| serde_json::from_value::<Evidence>(e.clone()).ok())
                .filter(|e| !e.is_empty())
                .map(|e| {
                    [e.what.trim(), e.doc_no.trim()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join(t().common.list_sep),
            (_, _, Value::String(s)) => short(s, 60),
            (_, _, Value::Bool(b)) => if *b { t().common.yes } else { t().common.no }.to_string(),
            (_, _, Value::Number(n)) => n.to_string(),
            (_, _, Value::Array(a)) => (x.n_entries)(a.len()),
            _ => x.changed_value.to_string(),
        }
    }
}

/// One changed field: its name, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub label: String,
    pub before: String,
    pub after: String,
}

/// The fields of a record that change, in words.
pub fn field_changes(
    names: &Names,
    kind: RecordKind,
    fields: &[String],
    before: Option<&Version>,
    after: Option<&Version>,
) -> Vec<FieldChange> {
    let x = &t().exchange;
    let get = |v: Option<&Version>, f: &str| -> Option<Value> {
        let v = v?;
        if f.is_empty() || kind == RecordKind::Profile {
            Some(v.value.clone())
        } else {
            v.value.get(f).cloned()
        }
    };
    fields
        .iter()
        .map(|f| {
            let label = if kind == RecordKind::Profile {
                x.value_word.to_string()
            } else {
                (x.field_label)(kind, f)
            };
            FieldChange {
                label,
                before: names.value(kind, f, get(before, f).as_ref()),
                after: names.value(kind, f, get(after, f).as_ref()),
            }
        })
        .collect()
}

fn when(v: &Version) -> String {
    v.updated_at
        .map(clock::local_datetime)
        .unwrap_or_else(|| t().exchange.time_unknown.to_string())
}

fn row_testid(key: &RecordKey) -> String {
    format!("row-{}-{}", key.kind.key(), key.id)
}

/// The header of the file: what, from whom, when, by which version.
#[component]
pub fn FileSummary(loaded: Arc<Loaded>) -> impl IntoView {
    let x = &t().exchange;
    let h = &loaded.imported.header;
    let year = if h.year == 0 {
        x.year_unset.to_string()
    } else {
        h.year.to_string()
    };
    let mut version = (x.format_version)(h.format_version);
    if !loaded.imported.migrations.is_empty() {
        version.push_str(x.migrated);
    }
    let rows: Vec<(&'static str, String)> = vec![
        (x.h_file, loaded.name.clone()),
        (x.h_kind, (x.file_kind)(h.kind).to_string()),
        (x.h_unit, h.unit.clone()),
        (x.h_department, h.department.clone()),
        (x.h_year, year),
        (
            x.h_template,
            format!("{}（{}）", h.template.id, h.template.version),
        ),
        (x.h_exported_at, clock::local_datetime(h.exported_at)),
        (x.h_app, h.app_version.clone()),
        (x.h_format, version),
        (
            x.h_sanitized,
            if h.sanitized {
                t().common.yes
            } else {
                t().common.no
            }
            .to_string(),
        ),
    ];
    let warnings: Vec<String> = loaded
        .imported
        .warnings
        .iter()
        .map(t().errors.warning)
        .collect();
    view! {
        <dl class="file-summary" data-testid="file-summary">
            {rows.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
        {(!warnings.is_empty()).then(|| view! {
            <div class="warnings">
                <p>{x.warnings}</p>
                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
    }
}

/// The apply and cancel buttons, with the reason the apply button is disabled.
#[component]
fn Actions(
    importer: Importer,
    label: &'static str,
    /// `Some(reason)` while applying is not possible.
    blocked: Signal<Option<String>>,
) -> impl IntoView {
    let x = &t().exchange;
    view! {
        <div class="form-actions apply-actions">
            <button
                type="button"
                class="primary"
                disabled=move || blocked.get().is_some() || importer.busy.get()
                aria-describedby="apply-reason"
                on:click=move |_| importer.apply()
            >
                {label}
            </button>
            <button type="button" on:click=move |_| importer.cancel()>{x.cancel_import}</button>
        </div>
        <p id="apply-reason" class="hint" data-testid="apply-reason">{move || blocked.get()}</p>
        {move || importer.apply_error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="apply-error">{e}</p> })}
    }
}

fn change_label(change: &Change) -> (&'static str, &'static str) {
    let x = &t().exchange;
    match change {
        Change::Added { .. } => (x.added, "added"),
        Change::Changed { .. } => (x.changed, "changed"),
        Change::Unchanged => (x.unchanged, "unchanged"),
        Change::Conflict { .. } => (x.conflict, "conflict"),
    }
}

/// A table of changed fields: 项目 / 字段 / 本机 / 导入后.
fn fields_view(fields: Vec<FieldChange>) -> impl IntoView {
    view! {
        <ul class="field-changes">
            {fields.into_iter().map(|f| view! {
                <li>
                    <span class="field-name">{f.label}</span>{t().common.colon}
                    <span class="before">{f.before}</span>
                    " → "
                    <span class="after">{f.after}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn MergePreview(
    importer: Importer,
    loaded: Arc<Loaded>,
    plan: MergePlan,
    local: Assessment,
) -> impl IntoView {
    let x = &t().exchange;
    let template = importer.app().store.template.get_untracked();
    let incoming = loaded.imported.record().map(|(a, _)| a.clone());
    let names = Arc::new(Names::new(template, &local, incoming.as_ref()));
    let counts = plan.counts();
    let noop = plan.is_noop();
    let newer_known = plan.newer_side_known();
    let template_note = loaded
        .imported
        .template_match
        .as_ref()
        .and_then(t().errors.template_match);
    // Groups in the plan's kind order.
    let mut groups: Vec<(RecordKind, Vec<MergeEntry>)> = Vec::new();
    for entry in &plan.entries {
        match groups.last_mut() {
            Some((kind, list)) if *kind == entry.key.kind => list.push(entry.clone()),
            _ => groups.push((entry.key.kind, vec![entry.clone()])),
        }
    }
    let total_conflicts = counts.conflicts;
    let plan = StoredValue::new(plan);
    let choose_all = move |side: Option<Side>| {
        plan.with_value(|plan| {
            let suggested = plan.suggested_choices();
            let choices: FieldChoices = plan
                .conflicts()
                .map(|e| {
                    let side = side
                        .or_else(|| suggested.get(&e.key).copied())
                        .unwrap_or(Side::Local);
                    let fields = e.changed_fields().into_iter().map(|f| (f, side)).collect();
                    (e.key.clone(), fields)
                })
                .collect();
            importer.choices.set(choices);
        });
    };
    let blocked = Signal::derive(move || {
        let undecided = plan.with_value(|p| importer.undecided(p));
        (undecided > 0).then(|| (x.undecided_of)(undecided, total_conflicts))
    });
    let mut conflict_index = 0usize;
    let group_views = groups
        .into_iter()
        .map(|(kind, entries)| {
            let (unchanged, changes): (Vec<_>, Vec<_>) = entries
                .into_iter()
                .partition(|e| e.change == Change::Unchanged);
            let heading = (x.group_heading)((x.kind_label)(kind), changes.len(), unchanged.len());
            let rows = changes
                .into_iter()
                .map(|entry| {
                    let names = names.clone();
                    let (label, class) = change_label(&entry.change);
                    let fields = entry.changed_fields();
                    match entry.change.clone() {
                        Change::Added { incoming } => {
                            let title = names.title(&entry.key, Some(&incoming));
                            let changes = field_changes(&names, kind, &fields, None, Some(&incoming));
                            view! {
                                <li class=class data-testid=row_testid(&entry.key)>
                                    <span class="change">{label}</span> " "
                                    <span class="what" lang=PLAN_LANG>{title}</span>
                                    {fields_view(changes)}
                                </li>
                            }
                            .into_any()
                        }
                        Change::Changed { local, incoming } => {
                            let title = names.title(&entry.key, Some(&incoming));
                            let changes =
                                field_changes(&names, kind, &fields, Some(&local), Some(&incoming));
                            view! {
                                <li class=class data-testid=row_testid(&entry.key)>
                                    <span class="change">{label}</span> " "
                                    <span class="what" lang=PLAN_LANG>{title}</span>
                                    {fields_view(changes)}
                                </li>
                            }
                            .into_any()
                        }
                        Change::Conflict { local, incoming, newer } => {
                            conflict_index += 1;
                            view! {
                                <li class=class data-testid=row_testid(&entry.key)>
                                    <ConflictChoice
                                        importer=importer
                                        index=conflict_index
                                        key=entry.key.clone()
                                        fields=fields
                                        local=local
                                        incoming=incoming
                                        newer=newer
                                        names=names
                                    />
                                </li>
                            }
                            .into_any()
                        }
                        Change::Unchanged => ().into_any(),
                    }
                })
                .collect_view();
            let folded = (!unchanged.is_empty()).then(|| {
                let titles: Vec<String> = unchanged
                    .iter()
                    .map(|e| names.title(&e.key, None))
                    .collect();
                let count = titles.len();
                view! {
                    <details class="unchanged" data-testid=format!("unchanged-{}", kind.key())>
                        <summary>{(x.unchanged_folded)(count)}</summary>
                        <ul>{titles.into_iter().map(|t| view! { <li lang=PLAN_LANG>{t}</li> }).collect_view()}</ul>
                    </details>
                }
            });
            view! {
                <section class="preview-group" data-testid=format!("group-{}", kind.key())>
                    <h4>{heading}</h4>
                    <ul class="preview-rows">{rows}</ul>
                    {folded}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="preview" data-testid="merge-preview">
            <h3 id=HEADING_ID tabindex="-1">{(x.preview_title)(&loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            {template_note.map(|t| view! { <p class="notice notice-warn">{t}</p> })}
            <p class="counts" data-testid="merge-counts">
                {(x.merge_counts)(counts.added, counts.changed, counts.unchanged, counts.conflicts)}
                {noop.then_some(x.nothing_to_merge)}
            </p>
            <p class="hint">{x.merge_rule}</p>
            {(total_conflicts > 0).then(|| view! {
                <div class="choose-all" role="group" aria-label=x.choose_all_label>
                    <button type="button" on:click=move |_| choose_all(Some(Side::Local))>{x.all_local}</button>
                    <button type="button" on:click=move |_| choose_all(Some(Side::Incoming))>{x.all_incoming}</button>
                    {newer_known.then(|| view! {
                        <button type="button" on:click=move |_| choose_all(None)>{x.all_newer}</button>
                    })}
                </div>
            })}
            {group_views}
            <Actions importer=importer label=x.apply_import blocked=blocked/>
        </div>
    }
}

/// One conflict: the fields that differ, both sides' values and edit times, a choice for the whole
/// record, and (where more than one field differs) a choice per field.
#[component]
#[allow(clippy::too_many_arguments)]
fn ConflictChoice(
    importer: Importer,
    index: usize,
    key: RecordKey,
    fields: Vec<String>,
    local: Version,
    incoming: Version,
    newer: Option<Side>,
    names: Arc<Names>,
) -> impl IntoView {
    let x = &t().exchange;
    let kind = key.kind;
    let title = names.title(&key, Some(&incoming));
    let changes = field_changes(&names, kind, &fields, Some(&local), Some(&incoming));
    let key = StoredValue::new(key);
    let fields = StoredValue::new(fields);
    // The side of the whole record, when every field has the same one.
    let chosen = move || {
        importer.choices.with(|c| {
            key.with_value(|k| {
                let picks = c.get(k)?;
                let sides: Vec<Side> =
                    fields.with_value(|f| f.iter().filter_map(|f| picks.get(f).copied()).collect());
                let first = *sides.first()?;
                (sides.len() == fields.with_value(Vec::len) && sides.iter().all(|s| *s == first))
                    .then_some(first)
            })
        })
    };
    let choose_all = move |side: Side| {
        importer.choices.update(|c| {
            let picks = fields.with_value(|f| f.iter().map(|f| (f.clone(), side)).collect());
            c.insert(key.get_value(), picks);
        })
    };
    let field_side = move |field: &str| {
        importer
            .choices
            .with(|c| key.with_value(|k| c.get(k).and_then(|p| p.get(field).copied())))
    };
    let group = format!("conflict-{index}");
    let field_changes_list = changes.clone();
    let side = move |side: Side, version: &Version| {
        let (title, button) = match side {
            Side::Local => (x.side_local, x.take_local),
            Side::Incoming => (x.side_incoming, x.take_incoming),
        };
        let id = format!(
            "{group}-{}",
            if side == Side::Local {
                "local"
            } else {
                "incoming"
            }
        );
        let values: Vec<(String, String)> = changes
            .iter()
            .map(|c| {
                let v = if side == Side::Local {
                    &c.before
                } else {
                    &c.after
                };
                (c.label.clone(), v.clone())
            })
            .collect();
        let newer_note = (newer == Some(side)).then_some(x.newer);
        let time = when(version);
        view! {
            <div class="side" class:chosen=move || chosen() == Some(side)>
                <h5>{title}</h5>
                <dl>
                    {values.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                    <div><dt>{x.edited_at}</dt><dd>{time} {newer_note}</dd></div>
                </dl>
                <p class="choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=group.clone()
                        prop:checked=move || chosen() == Some(side)
                        on:change=move |_| choose_all(side)
                    />
                    <label for=id>{button}</label>
                </p>
            </div>
        }
    };
    let local_side = side(Side::Local, &local);
    let incoming_side = side(Side::Incoming, &incoming);
    let per_field = (field_changes_list.len() > 1).then(|| {
        let rows = fields
            .get_value()
            .into_iter()
            .zip(field_changes_list)
            .enumerate()
            .map(|(i, (field, change))| {
                let name = format!("conflict-{index}-field-{i}");
                let option = move |side: Side, value: String| {
                    let id = format!("{name}-{}", if side == Side::Local { "local" } else { "incoming" });
                    let word = if side == Side::Local { x.side_local } else { x.side_incoming };
                    let field = field.clone();
                    let field_for_check = field.clone();
                    view! {
                        <span class="field-option">
                            <input
                                type="radio"
                                id=id.clone()
                                name=name.clone()
                                prop:checked=move || field_side(&field_for_check) == Some(side)
                                on:change=move |_| importer.choices.update(|c| {
                                    c.entry(key.get_value()).or_default().insert(field.clone(), side);
                                })
                            />
                            <label for=id>{format!("{word}：{value}")}</label>
                        </span>
                    }
                };
                view! {
                    <fieldset class="field-choice">
                        <legend>{change.label.clone()}</legend>
                        {option(Side::Local, change.before.clone())}
                        " "
                        {option(Side::Incoming, change.after.clone())}
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <details class="per-field">
                <summary>{x.per_field}</summary>
                {rows}
            </details>
        }
    });
    view! {
        <fieldset class="conflict" data-testid=key.with_value(|k| format!("conflict-{}-{}", k.kind.key(), k.id))>
            <legend><span class="change">{x.conflict}</span> " " <span lang=PLAN_LANG>{title}</span></legend>
            <div class="sides">
                {local_side}
                {incoming_side}
            </div>
            {per_field}
        </fieldset>
    }
}

#[component]
pub fn AnnualPlanPreview(
    importer: Importer,
    loaded: Arc<Loaded>,
    update: AnnualPlanUpdate,
) -> impl IntoView {
    let x = &t().exchange;
    let current = importer.app().store.template.get_untracked();
    let change = if update.previous == update.next {
        (x.plan_same)(&update.next.version)
    } else {
        (x.plan_change)(
            &update.previous.id,
            &update.previous.version,
            &update.next.id,
            &update.next.version,
        )
    };
    let settings = if update.settings_replaced {
        x.plan_settings_replaced
    } else {
        x.plan_settings_same
    };
    let set_aside: Vec<(String, String)> = update
        .set_aside
        .iter()
        .map(|id| {
            let text = current
                .item(id)
                .map(|i| short(&i.text, 40))
                .unwrap_or_default();
            (id.clone(), text)
        })
        .collect();
    let kept = update.kept.len();
    let aside_count = set_aside.len();
    view! {
        <div class="preview" data-testid="plan-preview">
            <h3 id=HEADING_ID tabindex="-1">{(x.preview_title)(&loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            <ul class="plan-changes">
                <li>{change}</li>
                <li>{settings}</li>
                <li data-testid="plan-kept">{(x.plan_kept)(kept)}</li>
                <li data-testid="plan-set-aside">{(x.plan_set_aside)(aside_count)}</li>
            </ul>
            {(!set_aside.is_empty()).then(|| view! {
                <table class="preview-table">
                    <caption>{x.plan_set_aside_caption}</caption>
                    <thead><tr><th scope="col">{x.col_item}</th><th scope="col">{x.col_text}</th></tr></thead>
                    <tbody>
                        {set_aside.into_iter().map(|(id, text)| view! { <tr><td class="key">{id}</td><td lang=PLAN_LANG>{text}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
            <Actions importer=importer label=x.apply_plan blocked=Signal::derive(|| None)/>
        </div>
    }
}

fn restore_label(c: RestoreChange) -> (&'static str, &'static str) {
    let x = &t().exchange;
    match c {
        RestoreChange::Added => (x.added, "added"),
        RestoreChange::Changed => (x.changed, "changed"),
        RestoreChange::Unchanged => (x.unchanged, "unchanged"),
        RestoreChange::Removed => (x.removed, "removed"),
    }
}

#[component]
pub fn RestorePreview(
    importer: Importer,
    loaded: Arc<Loaded>,
    plan: RestorePlan,
    state: Box<StoredState>,
) -> impl IntoView {
    let x = &t().exchange;
    let store = importer.app().store;
    let local = store.snapshot();
    let names = Names::new(
        store.template.get_untracked(),
        &local,
        Some(&state.assessment),
    );
    let count = |c: RestoreChange| plan.rows.iter().filter(|r| r.change == c).count();
    let summary = (x.restore_counts)(
        count(RestoreChange::Added),
        count(RestoreChange::Changed),
        count(RestoreChange::Unchanged),
        count(RestoreChange::Removed),
    );
    let mut groups: Vec<(RecordKind, Vec<zrz_exchange::RestoreRow>)> = Vec::new();
    for row in &plan.rows {
        match groups.last_mut() {
            Some((kind, list)) if *kind == row.key.kind => list.push(row.clone()),
            _ => groups.push((row.key.kind, vec![row.clone()])),
        }
    }
    let group_views = groups
        .into_iter()
        .map(|(kind, rows)| {
            let (unchanged, changes): (Vec<_>, Vec<_>) = rows
                .into_iter()
                .partition(|r| r.change == RestoreChange::Unchanged);
            let heading = (x.group_heading)((x.kind_label)(kind), changes.len(), unchanged.len());
            let rows = changes
                .into_iter()
                .map(|row| {
                    let (label, class) = restore_label(row.change);
                    let sample = row.backup.as_ref().or(row.local.as_ref());
                    let title = names.title(&row.key, sample);
                    let fields = field_changes(
                        &names,
                        kind,
                        &row.changed_fields,
                        row.local.as_ref(),
                        row.backup.as_ref(),
                    );
                    view! {
                        <li class=class data-testid=row_testid(&row.key)>
                            <span class="change">{label}</span> " "
                            <span class="what" lang=PLAN_LANG>{title}</span>
                            {fields_view(fields)}
                        </li>
                    }
                })
                .collect_view();
            let folded = (!unchanged.is_empty()).then(|| {
                let titles: Vec<String> = unchanged
                    .iter()
                    .map(|r| names.title(&r.key, r.backup.as_ref()))
                    .collect();
                let count = titles.len();
                view! {
                    <details class="unchanged">
                        <summary>{(x.unchanged_folded)(count)}</summary>
                        <ul>{titles.into_iter().map(|t| view! { <li lang=PLAN_LANG>{t}</li> }).collect_view()}</ul>
                    </details>
                }
            });
            view! {
                <section class="preview-group">
                    <h4>{heading}</h4>
                    <ul class="preview-rows">{rows}</ul>
                    {folded}
                </section>
            }
        })
        .collect_view();
    let blocked = Signal::derive(move || {
        (!importer.acknowledged.get()).then(|| x.restore_acknowledge_first.to_string())
    });
    view! {
        <div class="preview" data-testid="restore-preview">
            <h3 id=HEADING_ID tabindex="-1">{(x.restore_title)(&loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            <p class="notice notice-warn">{x.restore_warning}</p>
            <p class="counts" data-testid="restore-counts">{summary}</p>
            {group_views}
            <p class="acknowledge">
                <input
                    id="restore-acknowledge"
                    type="checkbox"
                    prop:checked=move || importer.acknowledged.get()
                    on:change=move |ev| importer.acknowledged.set(event_target_checked(&ev))
                />
                <label for="restore-acknowledge">{x.restore_acknowledge}</label>
            </p>
            <Actions importer=importer label=x.apply_restore blocked=blocked/>
        </div>
    }
}

#[component]
pub fn FindingsPreview(
    importer: Importer,
    loaded: Arc<Loaded>,
    update: FindingsUpdate,
) -> impl IntoView {
    let x = &t().exchange;
    let template = importer.app().store.template.get_untracked();
    let describe = |id: &String| {
        let finding = update.assessment.findings.iter().find(|f| &f.id == id);
        let item = finding.map(|f| f.item_id.clone()).unwrap_or_default();
        let text = template
            .item(&item)
            .map(|i| format!("{} {}", i.id, short(&i.text, 30)))
            .unwrap_or(item);
        let note = finding.map(|f| short(&f.note, 60)).unwrap_or_default();
        (text, note)
    };
    let list = |ids: &[String], label: &'static str| {
        ids.iter()
            .map(|id| {
                let (text, note) = describe(id);
                view! {
                    <li>
                        <span class="change">{label}</span> " "
                        <span lang=PLAN_LANG>{text}</span>
                        {(!note.is_empty()).then(|| view! { <span class="hint">{format!("{}{note}", t().common.colon)}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    let added = list(&update.added, x.added);
    let updated = list(&update.updated, x.changed);
    let noop = update.is_noop();
    let r = &t().review;
    let office_line = match update.office_review {
        OfficeReviewChange::Same => None,
        OfficeReviewChange::Taken => Some((r.findings_office_taken)(
            update.assessment.office_review.accountability.len(),
            update
                .assessment
                .office_review
                .scores
                .verified_score
                .map(fmt1)
                .as_deref(),
        )),
        OfficeReviewChange::KeptNewer => Some(r.findings_office_kept_newer.to_string()),
    };
    let changed = (!update.changed_since.is_empty())
        .then(|| (r.findings_changed_since)(update.changed_since.len()));
    let counts = (x.findings_counts)(
        update.added.len(),
        update.updated.len(),
        update.unchanged.len(),
    );
    view! {
        <div class="preview" data-testid="findings-preview">
            <h3 id=HEADING_ID tabindex="-1">{(x.preview_title)(&loaded.name)}</h3>
            <FileSummary loaded=loaded.clone()/>
            <p class="counts" data-testid="findings-counts">
                {counts}
                {noop.then_some(x.findings_noop)}
            </p>
            {office_line.map(|line| view! { <p data-testid="findings-office-review">{line}</p> })}
            {changed.map(|line| view! { <p class="notice notice-warn" data-testid="findings-changed-since"><Icon kind=IconKind::Info/> " " {line}</p> })}
            <ul class="preview-rows">{added}{updated}</ul>
            <Actions importer=importer label=x.apply_findings blocked=Signal::derive(|| None)/>
        </div>
    }
}
