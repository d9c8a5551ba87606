//! Form pieces: dates as the date input shows them (it is read by `zrz_domain::iso::parse_date`, the
//! one reading of dates), and a progress bar that also prints.

use chrono::NaiveDate;
use leptos::prelude::*;
use zrz_domain::number::{fmt0, fmt1};

/// A date as the date input shows it; empty for none. `NaiveDate`'s own `Display` is ISO.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A bar with its figure in words beside it. The fill is drawn with a border as well as a background,
/// so it prints even where the browser leaves backgrounds out of print.
#[component]
pub fn ProgressBar(
    #[prop(into)] percent: Signal<f64>,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! {
        <div class="bar" role="progressbar" aria-label=label aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=move || fmt0(percent.get())>
            <div class="bar-fill" style:width=move || format!("{}%", fmt1(percent.get().clamp(0.0, 100.0)))></div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zrz_domain::iso::parse_date;

    #[test]
    fn dates_read_and_write_as_the_date_input_does() {
        assert_eq!(
            parse_date(" 2025-03-14 "),
            NaiveDate::from_ymd_opt(2025, 3, 14)
        );
        assert_eq!(parse_date("2025-02-30"), None);
        // One reading with the importer's (`iso::parse_date`): a browser without a date picker
        // shows a text field, where a month or day of one digit is meant as it reads.
        assert_eq!(parse_date("2025-2-3"), NaiveDate::from_ymd_opt(2025, 2, 3));
        assert_eq!(parse_date("+2025-02-03"), None);
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(parse_date(""), None);
        assert_eq!(date_text(NaiveDate::from_ymd_opt(2025, 3, 4)), "2025-03-04");
        assert_eq!(date_text(None), "");
    }
}
