//! 评分设置, the block of 设置 that edits [`RatingSettings`]: weights, grade scores, bands, vetoes,
//! who bears red lines, the share of 优秀 and how its cap rounds, and what the department calls its
//! levels and its 上级评价 rater.
//!
//! The form edits a text draft. "保存评分设置" turns it into settings and stores them only if
//! [`RatingSettings::validate`] accepts them; otherwise the message says what to fix, the field is
//! marked, and the last valid settings stay in force. Weights that must sum to 100 can't be saved one
//! field at a time, which is why this form saves on submit and the rating cells save on every edit.
//! The draft is laid over the settings stored at the moment of saving, so what the form does not
//! edit (the 互评 raters, listed on the rating page) is never overwritten with an older copy.

use leptos::prelude::*;

use crate::components::{flag, invalid_if, text};
use crate::i18n::t;
use crate::state::use_app;
use zrz_domain::number::{fmt_exact, round1};
use zrz_domain::record::{Grade, RaterRole, ResponsibilityLevel};
use zrz_domain::scoring::{
    CapRounding, GradeBand, RatingSettings, SettingsError, MAX_EXCELLENT_SHARE,
};
use zrz_domain::Dimension;

/// The form's content: every number as the user typed it, every name as typed (empty: the plan's).
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    dimension_weights: [String; 5],
    role_weights: [String; 3],
    grade_scores: [String; 4],
    /// (下限, 上限) per grade, best first.
    bands: [(String, String); 4],
    lian_veto: bool,
    red_line_cap: Option<Grade>,
    /// One per [`ResponsibilityLevel::ALL`].
    levels: [bool; 4],
    excellent_share_max: String,
    cap_rounding: CapRounding,
    /// One per [`ResponsibilityLevel::ALL`].
    level_labels: [String; 4],
    level_holders: [String; 4],
    superior_rater: String,
}

/// Why the draft was refused: the field path (as [`RatingSettings::validate`] names fields) and
/// what is wrong.
#[derive(Debug, Clone, PartialEq)]
struct Refusal {
    field: String,
    problem: Problem,
}

#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// A number left empty; the field's name in messages.
    Empty(String),
    /// Not a number: the field's name, and what was typed.
    NotANumber(String, String),
    /// The settings the draft describes break a rule.
    Settings(SettingsError),
}

impl Refusal {
    fn message(&self) -> String {
        let s = &t().settings;
        match &self.problem {
            Problem::Empty(what) => (s.number_empty)(what),
            Problem::NotANumber(what, typed) => (s.number_not_a_number)(what, typed),
            Problem::Settings(e) => (s.settings_error)(e),
        }
    }
}

fn name_text(name: &Option<String>) -> String {
    name.as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string()
}

fn name_of(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

impl Draft {
    fn from_settings(s: &RatingSettings) -> Draft {
        Draft {
            dimension_weights: Dimension::ALL.map(|d| fmt_exact(s.dimension_weights.get(d))),
            role_weights: RaterRole::ALL.map(|r| fmt_exact(s.role_weights.get(r))),
            grade_scores: Grade::ALL.map(|g| fmt_exact(s.grade_scores.get(g))),
            bands: Grade::ALL.map(|g| {
                s.band(g)
                    .map(|b| (fmt_exact(b.min), fmt_exact(b.max)))
                    .unwrap_or_default()
            }),
            lian_veto: s.vetoes.lian_incompetent,
            red_line_cap: s.vetoes.red_line_cap,
            levels: ResponsibilityLevel::ALL.map(|l| s.red_line_responsible_levels.contains(&l)),
            excellent_share_max: fmt_exact(s.excellent_share_max),
            cap_rounding: s.excellent_cap_rounding,
            level_labels: ResponsibilityLevel::ALL.map(|l| name_text(&s.level_names.get(l).label)),
            level_holders: ResponsibilityLevel::ALL
                .map(|l| name_text(&s.level_names.get(l).holder)),
            superior_rater: name_text(&s.superior_rater),
        }
    }

    /// The settings the draft describes over `base` (the stored settings: what the form does not
    /// edit comes from there), validated.
    fn to_settings(&self, base: &RatingSettings) -> Result<RatingSettings, Refusal> {
        let st = &t().settings;
        let mut s = base.clone();
        for (i, d) in Dimension::ALL.into_iter().enumerate() {
            let field = format!("dimension_weights.{}", d.key());
            let what = (st.weight_of)((t().common.dimension)(d));
            s.dimension_weights
                .set(d, number(&self.dimension_weights[i], &field, &what)?);
        }
        for (i, r) in RaterRole::ALL.into_iter().enumerate() {
            let field = format!("role_weights.{}", r.key());
            let what = (st.weight_of)((t().common.role)(r));
            s.role_weights
                .set(r, number(&self.role_weights[i], &field, &what)?);
        }
        for (i, g) in Grade::ALL.into_iter().enumerate() {
            let field = format!("grade_scores.{}", g.key());
            s.grade_scores.set(
                g,
                number(&self.grade_scores[i], &field, &(st.grade_score_of)(g))?,
            );
        }
        let mut bands = Vec::new();
        for (i, g) in Grade::ALL.into_iter().enumerate() {
            let (min, max) = &self.bands[i];
            let min = number(min, &format!("grade_bands[{i}].min"), &(st.band_min)(g))?;
            let max = number(max, &format!("grade_bands[{i}].max"), &(st.band_max)(g))?;
            bands.push(GradeBand { grade: g, min, max });
        }
        s.grade_bands = bands;
        s.vetoes.lian_incompetent = self.lian_veto;
        s.vetoes.red_line_cap = self.red_line_cap;
        s.red_line_responsible_levels = ResponsibilityLevel::ALL
            .into_iter()
            .zip(self.levels)
            .filter_map(|(l, on)| on.then_some(l))
            .collect();
        s.excellent_share_max = number(
            &self.excellent_share_max,
            "excellent_share_max",
            st.share_max_name,
        )?;
        s.excellent_cap_rounding = self.cap_rounding;
        for (i, l) in ResponsibilityLevel::ALL.into_iter().enumerate() {
            let names = s.level_names.get_mut(l);
            names.label = name_of(&self.level_labels[i]);
            names.holder = name_of(&self.level_holders[i]);
        }
        s.superior_rater = name_of(&self.superior_rater);
        s.validate().map_err(|e| Refusal {
            field: e.field.clone(),
            problem: Problem::Settings(e),
        })?;
        Ok(s)
    }
}

fn number(text: &str, field: &str, what: &str) -> Result<f64, Refusal> {
    let trimmed = text.trim();
    let refuse = |problem| Refusal {
        field: field.to_string(),
        problem,
    };
    if trimmed.is_empty() {
        return Err(refuse(Problem::Empty(what.to_string())));
    }
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(refuse(Problem::NotANumber(
            what.to_string(),
            trimmed.to_string(),
        ))),
    }
}

/// The DOM id of the input for a settings field path: `grade_bands[1].max` → `rs-grade_bands-1-max`.
fn input_id(field: &str) -> String {
    let mut id = String::from("rs-");
    for c in field.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// Whether an error on `error_field` concerns the input of `field`: the field itself, or a group
/// it belongs to (`dimension_weights` for a sum that is not 100).
fn concerns(error_field: &str, field: &str) -> bool {
    field == error_field
        || field
            .strip_prefix(error_field)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    None,
    Saved,
    Unchanged,
    DefaultsFilled,
    Reverted,
    Refused(Refusal),
}

/// The rating settings block of 设置.
#[component]
pub fn RatingSettingsSection() -> impl IntoView {
    let app = use_app();
    let s = &t().settings;
    let store = app.store;
    let writable = store.writable() && !app.read_only();
    let stored = Memo::new(move |_| store.settings.get());
    let draft = RwSignal::new(Draft::from_settings(&stored.get_untracked()));
    let status = RwSignal::new(Status::None);
    // Settings changed elsewhere (another tab, an import) replace a draft nobody has touched; a
    // draft being edited stays as typed.
    let shown = StoredValue::new(draft.get_untracked());
    Effect::new(move |_| {
        let fresh = Draft::from_settings(&stored.get());
        if draft.with_untracked(|d| shown.with_value(|s| d == s)) {
            draft.set(fresh.clone());
        }
        shown.set_value(fresh);
    });
    let dirty = move || draft.with(|d| *d != Draft::from_settings(&stored.get()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !writable {
            return;
        }
        let base = stored.get_untracked();
        match draft.with_untracked(|d| d.to_settings(&base)) {
            Ok(settings) => {
                if settings == base {
                    status.set(Status::Unchanged);
                } else {
                    store.set_settings(settings.clone());
                    status.set(Status::Saved);
                }
                draft.set(Draft::from_settings(&settings));
            }
            Err(refusal) => status.set(Status::Refused(refusal)),
        }
    };
    let defaults = move |_| {
        draft.set(Draft::from_settings(&RatingSettings::default()));
        status.set(Status::DefaultsFilled);
    };
    let revert = move |_| {
        draft.set(Draft::from_settings(&stored.get_untracked()));
        status.set(Status::Reverted);
    };
    let stored_invalid = move || stored.with(|s| s.validate().err());
    let is_refused = move |field: &str| {
        status.with(|st| matches!(st, Status::Refused(r) if concerns(&r.field, field)))
    };

    // One text input bound to a field of the draft.
    let input = move |field: String,
                      label: String,
                      get: fn(&Draft, usize) -> String,
                      set: fn(&mut Draft, usize, String),
                      index: usize,
                      placeholder: Option<String>| {
        let id = input_id(&field);
        let label_for = id.clone();
        let numeric = placeholder.is_none();
        view! {
            <label class="setting" class:name-setting=!numeric for=label_for>
                <span>{label}</span>
                <input
                    id=id
                    type="text"
                    inputmode=numeric.then_some("decimal")
                    placeholder=placeholder
                    disabled=!writable
                    prop:value=text(move || draft.with(|d| get(d, index)))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| set(d, index, v));
                    }
                    aria-invalid=invalid_if(move || is_refused(&field))
                />
            </label>
        }
    };
    let number_input =
        move |field: String,
              label: String,
              get: fn(&Draft, usize) -> String,
              set: fn(&mut Draft, usize, String),
              index: usize| input(field, label, get, set, index, None);
    let sum_of = move |values: fn(&Draft) -> Vec<String>| {
        move || {
            let parsed: Option<f64> =
                draft.with(|d| values(d).iter().map(|t| t.trim().parse::<f64>().ok()).sum());
            match parsed {
                Some(sum) => (s.sum)(&fmt_exact(round1(sum))),
                None => s.sum_unknown.to_string(),
            }
        }
    };
    let sum_off = move |values: fn(&Draft) -> Vec<String>| {
        move || {
            draft.with(|d| {
                let parsed: Option<f64> =
                    values(d).iter().map(|t| t.trim().parse::<f64>().ok()).sum();
                parsed.is_none_or(|s| (s - 100.0).abs() > 1e-6)
            })
        }
    };
    let dims_of = |d: &Draft| d.dimension_weights.to_vec();
    let roles_of = |d: &Draft| d.role_weights.to_vec();
    let rl = &t().rating;

    view! {
        <h2 id="rating-settings">{s.rating_title}</h2>
        <p class="hint">{s.rating_hint}</p>
        {move || stored_invalid().map(|e| view! {
            <p class="notice notice-error" role="alert">{(s.stored_invalid)(&(s.settings_error)(&e))}</p>
        })}
        <form class="rating-settings" on:submit=submit novalidate aria-labelledby="rating-settings">
            <fieldset class="settings-group">
                <legend>{s.dimension_weights}</legend>
                {Dimension::ALL.into_iter().enumerate().map(|(i, d)| number_input(
                    format!("dimension_weights.{}", d.key()),
                    (t().common.dimension)(d).to_string(),
                    |dr, i| dr.dimension_weights[i].clone(),
                    |dr, i, v| dr.dimension_weights[i] = v,
                    i,
                )).collect_view()}
                <span class="sum" class:sum-off=flag(sum_off(dims_of)) data-testid="dimension-weight-sum">{text(sum_of(dims_of))}</span>
            </fieldset>
            <fieldset class="settings-group">
                <legend>{s.role_weights}</legend>
                {RaterRole::ALL.into_iter().enumerate().map(|(i, r)| number_input(
                    format!("role_weights.{}", r.key()),
                    (t().common.role)(r).to_string(),
                    |dr, i| dr.role_weights[i].clone(),
                    |dr, i, v| dr.role_weights[i] = v,
                    i,
                )).collect_view()}
                <span class="sum" class:sum-off=flag(sum_off(roles_of))>{text(sum_of(roles_of))}</span>
            </fieldset>
            <fieldset class="settings-group">
                <legend>{s.grade_scores}</legend>
                {Grade::ALL.into_iter().enumerate().map(|(i, g)| number_input(
                    format!("grade_scores.{}", g.key()),
                    (t().common.grade)(g).to_string(),
                    |dr, i| dr.grade_scores[i].clone(),
                    |dr, i, v| dr.grade_scores[i] = v,
                    i,
                )).collect_view()}
            </fieldset>
            <fieldset class="settings-group bands">
                <legend>{s.bands}</legend>
                {Grade::ALL.into_iter().enumerate().map(|(i, g)| view! {
                    <div class="band-row">
                        {number_input(format!("grade_bands[{i}].min"), (s.band_min)(g), |dr, i| dr.bands[i].0.clone(), |dr, i, v| dr.bands[i].0 = v, i)}
                        {number_input(format!("grade_bands[{i}].max"), (s.band_max)(g), |dr, i| dr.bands[i].1.clone(), |dr, i, v| dr.bands[i].1 = v, i)}
                    </div>
                }).collect_view()}
            </fieldset>
            <VetoFields draft=draft status=status writable=writable/>
            <fieldset class="settings-group">
                <legend>{s.share_title}</legend>
                {number_input(
                    "excellent_share_max".to_string(),
                    (s.share_max)(&fmt_exact(MAX_EXCELLENT_SHARE)),
                    |dr, _| dr.excellent_share_max.clone(),
                    |dr, _, v| dr.excellent_share_max = v,
                    0,
                )}
                <fieldset class="choices" disabled=!writable>
                    <legend>{s.cap_rounding}</legend>
                    {CapRounding::ALL.into_iter().map(|rounding| view! {
                        <label class="check">
                            <input
                                type="radio"
                                name="cap-rounding"
                                value=rounding.key()
                                prop:checked=flag(move || draft.with(|d| d.cap_rounding == rounding))
                                on:change=move |_| draft.update(|d| d.cap_rounding = rounding)
                            />
                            {(s.rounding)(rounding)}
                        </label>
                    }).collect_view()}
                </fieldset>
            </fieldset>
            <fieldset class="settings-group names">
                <legend>{s.names_title}</legend>
                <p class="hint">{s.names_hint}</p>
                {ResponsibilityLevel::ALL.into_iter().enumerate().map(|(i, level)| view! {
                    <div class="band-row">
                        {input(
                            format!("level_names.{}.label", level.key()),
                            (s.level_label)((rl.level_default_label)(level)),
                            |dr, i| dr.level_labels[i].clone(),
                            |dr, i, v| dr.level_labels[i] = v,
                            i,
                            Some((rl.level_default_label)(level).to_string()),
                        )}
                        {input(
                            format!("level_names.{}.holder", level.key()),
                            (s.level_holder)((rl.level_default_label)(level)),
                            |dr, i| dr.level_holders[i].clone(),
                            |dr, i, v| dr.level_holders[i] = v,
                            i,
                            Some((rl.level_default_holder)(level).to_string()),
                        )}
                    </div>
                }).collect_view()}
                {input(
                    "superior_rater".to_string(),
                    s.superior_rater.to_string(),
                    |dr, _| dr.superior_rater.clone(),
                    |dr, _, v| dr.superior_rater = v,
                    0,
                    Some(rl.superior_default.to_string()),
                )}
            </fieldset>
            {writable.then(|| view! {
                <div class="form-actions">
                    <button type="submit" class="primary">{s.save}</button>
                    <button type="button" on:click=defaults>{s.defaults}</button>
                    <Show when=dirty>
                        <button type="button" on:click=revert>{s.revert}</button>
                        <span class="dirty" data-testid="settings-dirty">{s.dirty}</span>
                    </Show>
                </div>
            })}
            {move || match status.get() {
                Status::None => None,
                Status::Saved => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">{s.saved}</p> }.into_any()),
                Status::Unchanged => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">{s.unchanged}</p> }.into_any()),
                Status::DefaultsFilled => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">{s.defaults_filled}</p> }.into_any()),
                Status::Reverted => Some(view! { <p class="field-ok" role="status" data-testid="settings-status">{s.reverted}</p> }.into_any()),
                Status::Refused(refusal) => Some(view! {
                    <p class="field-error" role="alert" data-testid="settings-error">{(s.refused)(&refusal.message())}</p>
                }.into_any()),
            }}
        </form>
    }
}

/// 一票否决 and who bears red lines: checkboxes and a select, bound to the draft.
#[component]
fn VetoFields(draft: RwSignal<Draft>, status: RwSignal<Status>, writable: bool) -> impl IntoView {
    let s = &t().settings;
    let cap_key = move || {
        draft.with(|d| {
            d.red_line_cap
                .map_or("off".to_string(), |g| g.key().to_string())
        })
    };
    let cap_invalid = invalid_if(move || {
        status.with(|s| matches!(s, Status::Refused(r) if r.field == "vetoes.red_line_cap"))
    });
    let app = use_app();
    let level_name = move |level: ResponsibilityLevel| {
        text(move || {
            app.store.settings.with(|settings| {
                (t().rating.level_option)(
                    &super::level_label(settings, level),
                    &super::level_holder(settings, level),
                )
            })
        })
    };
    view! {
        <fieldset class="settings-group vetoes" disabled=!writable>
            <legend>{s.vetoes}</legend>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=flag(move || draft.with(|d| d.lian_veto))
                    on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| d.lian_veto = v) }
                />
                {s.lian_veto}
            </label>
            <label class="setting" for=input_id("vetoes.red_line_cap")>
                <span>{s.red_line_cap}</span>
                <select
                    id=input_id("vetoes.red_line_cap")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.red_line_cap = Grade::from_key(&v));
                    }
                    aria-invalid=cap_invalid
                >
                    <option value="off" prop:selected=flag(move || cap_key() == "off")>{s.cap_off}</option>
                    {Grade::ALL.into_iter().map(|g| view! {
                        <option value=g.key() prop:selected=flag(move || cap_key() == g.key())>{(t().common.grade)(g)}</option>
                    }).collect_view()}
                </select>
            </label>
        </fieldset>
        <fieldset class="settings-group" disabled=!writable>
            <legend>{s.responsible_levels}</legend>
            {ResponsibilityLevel::ALL.into_iter().enumerate().map(|(i, level)| view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=flag(move || draft.with(|d| d.levels[i]))
                        on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| d.levels[i] = v) }
                    />
                    {level_name(level)}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_draft_round_trips() {
        let defaults = RatingSettings::default();
        let draft = Draft::from_settings(&defaults);
        assert_eq!(draft.dimension_weights[0], "15");
        assert_eq!(draft.level_labels[0], "", "the plan's name: empty");
        assert_eq!(draft.to_settings(&defaults), Ok(defaults));
    }

    #[test]
    fn names_and_rounding_are_edited_and_raters_kept() {
        let stored = RatingSettings {
            peer_raters: vec!["王五".into()],
            ..RatingSettings::default()
        };
        let mut draft = Draft::from_settings(&stored);
        draft.level_labels[1] = " 第一责任人 ".into();
        draft.level_holders[1] = "科长".into();
        draft.superior_rater = "分管局领导".into();
        draft.cap_rounding = CapRounding::Down;
        let saved = draft.to_settings(&stored).unwrap();
        assert_eq!(saved.level_label(ResponsibilityLevel::First), "第一责任人");
        assert_eq!(saved.level_holder(ResponsibilityLevel::First), "科长");
        assert_eq!(saved.superior_rater(), "分管局领导");
        assert_eq!(saved.excellent_cap_rounding, CapRounding::Down);
        assert_eq!(
            saved.peer_raters,
            ["王五"],
            "raters come from the stored settings"
        );
        // Emptied names go back to the plan's.
        let mut back = Draft::from_settings(&saved);
        back.level_labels[1] = "  ".into();
        back.superior_rater = String::new();
        let saved = back.to_settings(&saved).unwrap();
        assert_eq!(saved.level_names.first.label, None);
        assert_eq!(saved.superior_rater, None);
    }

    #[test]
    fn bad_numbers_name_their_field() {
        let base = RatingSettings::default();
        let mut draft = Draft::from_settings(&base);
        draft.dimension_weights[2] = "三十".into();
        let refusal = draft.to_settings(&base).unwrap_err();
        assert_eq!(refusal.field, "dimension_weights.qin");
        assert!(
            refusal.message().contains("不是数字"),
            "{}",
            refusal.message()
        );
        draft.dimension_weights[2] = "40".into();
        let refusal = draft.to_settings(&base).unwrap_err();
        assert_eq!(refusal.field, "dimension_weights");
        assert!(
            refusal.message().contains("之和为 110"),
            "{}",
            refusal.message()
        );
        assert!(concerns(&refusal.field, "dimension_weights.de"));
        assert!(!concerns(&refusal.field, "role_weights.self"));
        assert_eq!(input_id("grade_bands[1].max"), "rs-grade_bands-1-max");
        draft.dimension_weights[2] = "30".into();
        draft.level_labels[3] = "第一责任".into();
        let refusal = draft.to_settings(&base).unwrap_err();
        assert_eq!(refusal.field, "level_names.leadership.label");
    }
}
