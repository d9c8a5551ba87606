//! A radar chart of the five dimension scores: plain SVG, no chart library. The chart is an image
//! to assistive technology, and its label lists the five scores, so it adds nothing the page does
//! not also say in text.

use leptos::prelude::*;

use crate::components::text;
use crate::i18n::t;
use zrz_domain::number::fmt1;
use zrz_domain::Dimension;

/// Wide enough for the longest axis label ("Performance 95.0") on either side.
const WIDTH: f64 = 380.0;
const HEIGHT: f64 = 250.0;
const CX: f64 = WIDTH / 2.0;
const CY: f64 = 128.0;
/// Radius of the 100-point ring; the rest of the box holds the axis labels.
const RADIUS: f64 = 90.0;
/// Where the axis labels sit.
const LABEL_RADIUS: f64 = 104.0;
const RINGS: [f64; 5] = [20.0, 40.0, 60.0, 80.0, 100.0];

/// (cos, sin) of −90°, −18°, 54°, 126° and 198°: the five axes, written out so that the wasm carries
/// no trigonometry.
const AXES: [(f64, f64); 5] = [
    (0.0, -1.0),
    (0.951_056_516_3, -0.309_016_994_4),
    (0.587_785_252_3, 0.809_016_994_4),
    (-0.587_785_252_3, 0.809_016_994_4),
    (-0.951_056_516_3, -0.309_016_994_4),
];

fn at_radius(index: usize, r: f64) -> (f64, f64) {
    let (cos, sin) = AXES[index % 5];
    (CX + r * cos, CY + r * sin)
}

/// The point at `score` (0–100) on the axis of the `index`th dimension; 德 points straight up and
/// the others follow clockwise.
fn point(index: usize, score: f64) -> (f64, f64) {
    at_radius(index, RADIUS * score.clamp(0.0, 100.0) / 100.0)
}

fn polygon(scores: impl Iterator<Item = f64>) -> String {
    scores
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = point(i, s);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `scores` in [`Dimension::ALL`] order; a dimension without a score is drawn at 0 and labelled "—".
#[component]
pub fn RadarChart(#[prop(into)] scores: Signal<Vec<(Dimension, Option<f64>)>>) -> impl IntoView {
    let rings = RINGS
        .iter()
        .map(|ring| {
            let points = polygon(std::iter::repeat_n(*ring, 5));
            view! { <polygon class="radar-ring" points=points></polygon> }
        })
        .collect_view();
    let axes = (0..5)
        .map(|i| {
            let (x, y) = point(i, 100.0);
            view! { <line class="radar-axis" x1=CX.to_string() y1=CY.to_string() x2=format!("{x:.1}") y2=format!("{y:.1}")></line> }
        })
        .collect_view();
    let shape = text(move || scores.with(|s| polygon(s.iter().map(|(_, v)| v.unwrap_or(0.0)))));
    let labels = move || {
        scores.with(|s| {
            s.iter()
                .enumerate()
                .map(|(i, (d, v))| {
                    let (x, y) = at_radius(i, LABEL_RADIUS);
                    let label = format!(
                        "{} {}",
                        (t().common.dimension)(*d),
                        v.map_or_else(|| t().rating.no_figure.to_string(), fmt1)
                    );
                    let anchor = if (x - CX).abs() < 1.0 {
                        "middle"
                    } else if x > CX {
                        "start"
                    } else {
                        "end"
                    };
                    view! {
                        <text class="radar-label" x=format!("{x:.1}") y=format!("{:.1}", y + 5.0) text-anchor=anchor>{label}</text>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <svg
            class="radar"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            width=WIDTH.to_string()
            height=HEIGHT.to_string()
            role="img"
            aria-label=text(move || scores.with(|s| (t().rating.radar_label)(s)))
        >
            {rings}
            {axes}
            <polygon class="radar-shape" points=shape></polygon>
            {labels}
        </svg>
    }
}
