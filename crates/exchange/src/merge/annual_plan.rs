//! Applying a 年度方案: the template and the year's rating settings replaced, every answer kept.

use crate::envelope::AnnualPlan;
use crate::error::ImportError;
use crate::state::StoredState;
use zrz_domain::plan::{Template, TemplateRef};

/// What importing a 年度方案 does, for the preview and the report afterwards.
#[derive(Debug, Clone)]
pub struct AnnualPlanUpdate {
    /// The state to save once the user confirms: new template and settings, every answer kept.
    pub state: StoredState,
    pub previous: TemplateRef,
    pub next: TemplateRef,
    /// Answers whose item the new template still has.
    pub kept: Vec<String>,
    /// Answers whose item the new template no longer has: still in `answers`, kept aside (shown as
    /// such, and used again if a later template brings the item back). Never deleted.
    pub set_aside: Vec<String>,
    /// The plan carried rating settings and they replaced the local ones.
    pub settings_replaced: bool,
}

/// Applies a 年度方案 to the local state: template (its JSON as received) and rating settings
/// replaced, answers untouched.
pub fn apply_annual_plan(
    state: &StoredState,
    current: &Template,
    plan: &AnnualPlan,
) -> Result<AnnualPlanUpdate, ImportError> {
    let template = Template::from_value(&plan.template).map_err(ImportError::InvalidTemplate)?;
    let next = template.reference();
    let mut new_state = state.clone();
    new_state.template = Some(plan.template.clone());
    let mut settings_replaced = false;
    if let Some(rules) = &plan.rating_settings {
        // The office's rules, with the department's own names for its levels and raters kept.
        let settings = state.assessment.rating_settings.with_rules_of(rules);
        settings_replaced = settings != state.assessment.rating_settings;
        new_state.assessment.rating_settings = settings;
    }
    let (kept, set_aside) = state
        .assessment
        .answers
        .keys()
        .cloned()
        .partition(|id| template.item(id).is_some());
    Ok(AnnualPlanUpdate {
        state: new_state,
        previous: current.reference(),
        next,
        kept,
        set_aside,
        settings_replaced,
    })
}
