//! 德能勤绩廉评分: the people rated, the 互评 raters, all results in one table, and one person's
//! ratings beside the plan's indicators with the result and "如何计算".
//!
//! The page shows what `zrz_domain::scoring` computes from the records of [`use_store`]: every
//! person's result from the people, ratings and settings, each time one of them changes; nothing
//! derived is stored. A cell writes its one rating with [`Store::put_rating`] under its
//! [`RatingKey`](zrz_domain::record::RatingKey); edits of people and raters are domain functions on
//! the whole record, run through [`Store::update`]. A received department's record (no sink) is shown
//! with every input disabled.

mod entry;
mod people;
mod person;
mod radar;
mod raters;
mod settings_form;
mod summary;

use leptos::prelude::*;

pub use settings_form::RatingSettingsSection;

use crate::components::text;
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, use_store, Store};
use zrz_domain::number::{fmt1, fmt_num};
use zrz_domain::record::{
    peer_raters, sort_people, Assessment, EditError, Grade, PeerRater, Person, RaterRole, Rating,
    ResponsibilityLevel,
};
use zrz_domain::scoring::{compute_person, occurred_red_lines, PersonResult, RatingSettings};
use zrz_domain::Dimension;

/// What every part of the page reads: the record, whether it may be changed, and the figures
/// derived from it.
#[derive(Clone, Copy)]
struct Ctx {
    store: Store,
    /// False for a received department's file (and while stored data is from a newer version).
    writable: bool,
    /// In list order.
    people: Memo<Vec<Person>>,
    ratings: Memo<Vec<Rating>>,
    results: Memo<Vec<PersonResult>>,
    raters: Memo<Vec<PeerRater>>,
    /// The person whose ratings are shown (else the first).
    selected: RwSignal<Option<String>>,
}

fn ctx() -> Ctx {
    use_context::<Ctx>().expect("the rating page provides its context")
}

impl Ctx {
    fn new() -> Ctx {
        let app = use_app();
        let store = use_store();
        let people = Memo::new(move |_| {
            let mut people = store.people.values();
            sort_people(&mut people);
            people
        });
        let ratings = Memo::new(move |_| store.ratings.values());
        let red_lines = Memo::new(move |_| {
            let template = store.template.get();
            let answers = Assessment {
                answers: store.answers.to_map(),
                ..Assessment::default()
            };
            occurred_red_lines(&answers, &template)
        });
        let results = Memo::new(move |_| {
            store.settings.with(|settings| {
                ratings.with(|ratings| {
                    red_lines.with(|lines| {
                        people.with(|people| {
                            people
                                .iter()
                                .map(|p| compute_person(p, ratings, settings, lines))
                                .collect()
                        })
                    })
                })
            })
        });
        let raters = Memo::new(move |_| {
            store
                .settings
                .with(|s| people.with(|p| ratings.with(|r| peer_raters(p, r, s))))
        });
        Ctx {
            store,
            writable: store.writable() && !app.read_only(),
            people,
            ratings,
            results,
            raters,
            selected: RwSignal::new(None),
        }
    }

    /// Runs a domain edit on the whole record and stores what it changed; the domain changes
    /// nothing when it refuses.
    fn edit<T>(
        &self,
        f: impl FnOnce(&mut Assessment) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let mut out = None;
        self.store.update(|a| out = Some(f(a)));
        out.expect("Store::update runs its closure")
    }
}

/// What the department calls a level ("主体责任", or its own name).
fn level_label(settings: &RatingSettings, level: ResponsibilityLevel) -> String {
    match settings
        .level_names
        .get(level)
        .label
        .as_deref()
        .map(str::trim)
    {
        Some(l) if !l.is_empty() => l.to_string(),
        _ => (t().rating.level_default_label)(level).to_string(),
    }
}

/// Who carries a level in the department ("局领导班子", or its own words).
fn level_holder(settings: &RatingSettings, level: ResponsibilityLevel) -> String {
    match settings
        .level_names
        .get(level)
        .holder
        .as_deref()
        .map(str::trim)
    {
        Some(h) if !h.is_empty() => h.to_string(),
        _ => (t().rating.level_default_holder)(level).to_string(),
    }
}

/// Who gives 上级评价 ("党组", or the department's own).
fn superior_name(settings: &RatingSettings) -> String {
    match settings.superior_rater.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => r.to_string(),
        _ => t().rating.superior_default.to_string(),
    }
}

fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| t().rating.no_figure.to_string(), fmt1)
}

fn grade_text(grade: Option<Grade>) -> &'static str {
    grade.map_or(t().rating.grade_open, t().common.grade)
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

#[component]
pub fn RatingPage() -> impl IntoView {
    let ctx = Ctx::new();
    provide_context(ctx);
    let r = &t().rating;
    let lead = text(move || ctx.store.settings.with(|s| (r.lead)(&superior_name(s))));
    // The person being rated: the one chosen, or else the first.
    let current = Memo::new(move |_| {
        ctx.people.with(|ps| {
            ctx.selected
                .get()
                .filter(|id| ps.iter().any(|p| &p.id == id))
                .or_else(|| ps.first().map(|p| p.id.clone()))
        })
    });
    view! {
        <section class="page rating" data-testid="rating">
            <h1>{r.title}</h1>
            <p class="hint">{lead}</p>
            {(!ctx.writable).then(|| view! { <p class="notice notice-info" role="status">{r.read_only}</p> })}
            <SettingsSummary/>
            <people::PeopleSection/>
            <raters::RatersSection/>
            <summary::SummaryTable/>
            <h2 id="person-rating" tabindex="-1">{r.per_person_title}</h2>
            {move || ctx.people.with(Vec::is_empty).then(|| view! { <p class="hint">{r.no_people}</p> })}
            <PersonPicker current=current/>
            {move || current.get().map(|id| view! { <person::PersonPanel person_id=id/> })}
        </section>
    }
}

/// The settings in force, in one line, with the way to change them.
#[component]
fn SettingsSummary() -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let summary = text(move || {
        ctx.store.settings.with(|s| {
            let sep = t().common.list_sep;
            let dims: Vec<String> = Dimension::ALL
                .iter()
                .map(|d| {
                    (r.weight_part)(
                        (t().common.dimension)(*d),
                        &fmt_num(s.dimension_weights.get(*d)),
                    )
                })
                .collect();
            let roles: Vec<String> = RaterRole::ALL
                .iter()
                .map(|x| (r.weight_part)((t().common.role)(*x), &fmt_num(s.role_weights.get(*x))))
                .collect();
            (r.settings_summary)(
                &dims.join(sep),
                &roles.join(sep),
                &fmt_num(s.excellent_share_max),
                s.excellent_cap_rounding,
                &superior_name(s),
            )
        })
    });
    view! {
        <p class="settings-summary" data-testid="settings-summary">
            {summary} " " <a class="no-print" href=Route::Settings.href()>{r.change_settings}</a>
        </p>
    }
}

/// Buttons to choose whose ratings are shown.
#[component]
fn PersonPicker(current: Memo<Option<String>>) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="person-picker no-print" role="group" aria-label=t().rating.picker>
            {move || ctx.people.get().into_iter().map(|p| {
                let id = p.id.clone();
                let pressed = text(move || (current.get().as_deref() == Some(id.as_str())).to_string());
                view! {
                    <button type="button" aria-pressed=pressed on:click=move |_| ctx.selected.set(Some(p.id.clone()))>
                        {p.name.clone()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
