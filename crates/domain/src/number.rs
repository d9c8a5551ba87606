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
    }
}
