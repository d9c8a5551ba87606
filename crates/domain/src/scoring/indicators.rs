//! Indicators: what each dimension looks at, with the checklist items that evidence it.

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;

use crate::plan::Template;
use crate::record::{Answer, Assessment, Response};
use crate::Dimension;

/// The indicators compiled into the app; checked against the shipped template by the tests.
pub const SHIPPED_INDICATORS_JSON: &str = include_str!("../plan/indicators.json");

/// An assessment indicator of one dimension, drawn from the plan's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Stable id, e.g. "de.discipline".
    pub id: String,
    pub dimension: Dimension,
    pub name: String,
    /// Where in the plan, e.g. "四（二）2".
    pub source: String,
    /// Verbatim excerpts of the plan.
    pub quotes: Vec<String>,
    /// Template item ids whose answers evidence the indicator.
    pub items: Vec<String>,
}

/// An indicator file refused: `indicator` is the id of the indicator at fault (empty where the
/// problem is the file's or no id was given), `problem` what is wrong (worded by the app).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorError {
    pub indicator: String,
    pub problem: IndicatorProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorProblem {
    /// Not valid indicator JSON; `error` is serde's (English) message.
    NotJson {
        line: usize,
        column: usize,
        error: String,
    },
    /// The indicator called `name` has no id.
    MissingId {
        name: String,
    },
    DuplicateId,
    /// A dimension key other than de/neng/qin/ji/lian.
    UnknownDimension {
        found: String,
    },
    MissingName,
    /// No checklist item evidences the indicator.
    NoItems,
    /// An item the template (`template` `version`) does not have.
    UnknownItem {
        item: String,
        template: String,
        version: String,
    },
    /// A dimension without any indicator.
    DimensionWithout {
        dimension: Dimension,
    },
}

impl fmt::Display for IndicatorError {
    /// For logs and tests; the app words the problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.indicator, self.problem)
    }
}

impl std::error::Error for IndicatorError {}

#[derive(Deserialize)]
struct RawIndicators {
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
struct RawIndicator {
    id: String,
    dimension: String,
    name: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    quotes: Vec<String>,
    items: Vec<String>,
}

/// Reads an indicator file and checks it against `template`: known dimensions, unique ids, at least
/// one indicator per dimension, and every item id present in the template.
pub fn parse_indicators(json: &str, template: &Template) -> Result<Vec<Indicator>, IndicatorError> {
    let raw: RawIndicators = serde_json::from_str(json).map_err(|e| IndicatorError {
        indicator: String::new(),
        problem: IndicatorProblem::NotJson {
            line: e.line(),
            column: e.column(),
            error: e.to_string(),
        },
    })?;
    let fail = |indicator: &str, problem: IndicatorProblem| {
        Err(IndicatorError {
            indicator: indicator.to_string(),
            problem,
        })
    };
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for r in raw.indicators {
        let at = r.id.as_str();
        if r.id.trim().is_empty() {
            return fail("", IndicatorProblem::MissingId { name: r.name });
        }
        if !ids.insert(r.id.clone()) {
            return fail(at, IndicatorProblem::DuplicateId);
        }
        let Some(dimension) = Dimension::from_key(&r.dimension) else {
            return fail(
                at,
                IndicatorProblem::UnknownDimension {
                    found: r.dimension.clone(),
                },
            );
        };
        if r.name.trim().is_empty() {
            return fail(at, IndicatorProblem::MissingName);
        }
        if r.items.is_empty() {
            return fail(at, IndicatorProblem::NoItems);
        }
        for item in &r.items {
            if template.item(item).is_none() {
                return fail(
                    at,
                    IndicatorProblem::UnknownItem {
                        item: item.clone(),
                        template: template.id.clone(),
                        version: template.version.clone(),
                    },
                );
            }
        }
        out.push(Indicator {
            id: r.id,
            dimension,
            name: r.name,
            source: r.source,
            quotes: r.quotes,
            items: r.items,
        });
    }
    for d in Dimension::ALL {
        if !out.iter().any(|i| i.dimension == d) {
            return fail("", IndicatorProblem::DimensionWithout { dimension: d });
        }
    }
    Ok(out)
}

/// The shipped indicators, checked against `template` (an imported 年度方案 may lack an item).
pub fn shipped_indicators(template: &Template) -> Result<Vec<Indicator>, IndicatorError> {
    parse_indicators(SHIPPED_INDICATORS_JSON, template)
}

/// The answer to one evidencing item, for showing beside a rating.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemEvidence {
    pub item_id: String,
    /// The item's text; empty when the template has no such item.
    pub text: String,
    pub in_template: bool,
    pub is_red_line: bool,
    pub response: Option<Response>,
    /// Number of 佐证材料 recorded.
    pub evidence_count: usize,
    /// 责任人
    pub owner: String,
    pub flagged: bool,
}

/// How far the checklist supports an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceStatus {
    /// A red line among the items is 已发生.
    RedLineOccurred,
    /// Some applicable item is not answered yet.
    Incomplete,
    /// Every applicable item 已落实 / 未发生.
    Met,
    /// Every applicable item 未落实.
    NotMet,
    /// A mix of 已落实, 部分落实 and 未落实.
    PartlyMet,
    /// Every item 不适用.
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorEvidence {
    pub indicator: Indicator,
    pub items: Vec<ItemEvidence>,
    pub status: EvidenceStatus,
    /// Items answered (any response).
    pub answered: usize,
}

/// The indicators of `dimension` with the answers that evidence them, in file order, so the rating
/// screen can show the facts beside the rating.
pub fn indicator_evidence(
    indicators: &[Indicator],
    dimension: Dimension,
    template: &Template,
    assessment: &Assessment,
) -> Vec<IndicatorEvidence> {
    indicators
        .iter()
        .filter(|i| i.dimension == dimension)
        .map(|indicator| {
            let items: Vec<ItemEvidence> = indicator
                .items
                .iter()
                .map(|id| item_evidence(id, template, assessment.answer(id)))
                .collect();
            let answered = items.iter().filter(|i| i.response.is_some()).count();
            IndicatorEvidence {
                status: evidence_status(&items),
                indicator: indicator.clone(),
                items,
                answered,
            }
        })
        .collect()
}

fn item_evidence(item_id: &str, template: &Template, answer: Option<&Answer>) -> ItemEvidence {
    let item = template.item(item_id);
    ItemEvidence {
        item_id: item_id.to_string(),
        text: item.map(|i| i.text.clone()).unwrap_or_default(),
        in_template: item.is_some(),
        is_red_line: item.is_some_and(|i| i.kind.is_red_line()),
        response: answer.and_then(|a| a.response),
        evidence_count: answer.map_or(0, |a| a.evidence.iter().filter(|e| !e.is_empty()).count()),
        owner: answer.map(|a| a.owner.clone()).unwrap_or_default(),
        flagged: answer.is_some_and(|a| a.flagged),
    }
}

fn evidence_status(items: &[ItemEvidence]) -> EvidenceStatus {
    if items.iter().any(|i| i.response == Some(Response::Occurred)) {
        return EvidenceStatus::RedLineOccurred;
    }
    let applicable: Vec<Option<Response>> = items
        .iter()
        .map(|i| i.response)
        .filter(|r| *r != Some(Response::NotApplicable))
        .collect();
    if applicable.is_empty() {
        return EvidenceStatus::NotApplicable;
    }
    if applicable.iter().any(Option::is_none) {
        return EvidenceStatus::Incomplete;
    }
    let met =
        |r: &Option<Response>| matches!(r, Some(Response::Implemented | Response::NotOccurred));
    if applicable.iter().all(met) {
        EvidenceStatus::Met
    } else if applicable
        .iter()
        .all(|r| *r == Some(Response::NotImplemented))
    {
        EvidenceStatus::NotMet
    } else {
        EvidenceStatus::PartlyMet
    }
}
