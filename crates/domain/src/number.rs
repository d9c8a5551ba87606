//! How numbers are rounded and written: one rule, used by every screen and every file.
//!
//! Scores are computed at full precision and rounded once, to one decimal, half away from zero
//! ([`round1`]). Shown figures always have one decimal ([`fmt1`]: "84.0"); configured numbers such as
//! weights drop a needless ".0" ([`fmt_num`]: "15", "37.5").

/// Rounds to one decimal, half away from zero. Every score shown or exported goes through this one
/// function so the same number never reads differently on two screens.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A figure with one decimal: "84.0".
pub fn fmt1(x: f64) -> String {
    format!("{:.1}", round1(x))
}

/// A configured number without a needless ".0": "15", "37.5".
pub fn fmt_num(x: f64) -> String {
    let r = round1(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A number as exact as it is up to three decimals, without trailing zeros: "0.45", "1.5", "4",
/// "0.875". For a figure before rounding (how a cap was arrived at), and for a number the user
/// typed, shown back as typed.
pub fn fmt_exact(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    let text = format!("{r:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_writing() {
        for (x, rounded, one, plain) in [
            (84.0, 84.0, "84.0", "84"),
            (89.95, 90.0, "90.0", "90"),
            (37.5, 37.5, "37.5", "37.5"),
            (0.05, 0.1, "0.1", "0.1"),
            (-0.05, -0.1, "-0.1", "-0.1"),
            (12.34, 12.3, "12.3", "12.3"),
        ] {
            assert_eq!(round1(x), rounded, "round1({x})");
            assert_eq!(fmt1(x), one, "fmt1({x})");
            assert_eq!(fmt_num(x), plain, "fmt_num({x})");
        }
        for (x, exact) in [
            (0.45, "0.45"),
            (1.5, "1.5"),
            (4.0, "4"),
            (0.875, "0.875"),
            (0.0, "0"),
            (7.0 * 15.0 / 100.0, "1.05"),
            (13.0 * 15.0 / 100.0, "1.95"),
        ] {
            assert_eq!(fmt_exact(x), exact, "fmt_exact({x})");
        }
    }
}
