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
    let (negative, whole, tenth) = tenths(x);
    format!("{}{whole}.{tenth}", if negative { "-" } else { "" })
}

/// A configured number without a needless ".0": "15", "37.5".
pub fn fmt_num(x: f64) -> String {
    let (negative, whole, tenth) = tenths(x);
    let sign = if negative { "-" } else { "" };
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

/// A whole number of percent or people: "12", half away from zero like [`round1`].
pub fn fmt0(x: f64) -> String {
    let r = x.round();
    if r == 0.0 {
        "0".into()
    } else {
        format!("{}", r as i64)
    }
}

/// `x` rounded by [`round1`] as sign, whole part and tenth, in integers: written with integer
/// formatting only, which keeps the float formatter (and its tables) out of the wasm.
fn tenths(x: f64) -> (bool, u64, u64) {
    if !x.is_finite() {
        return (false, 0, 0);
    }
    let scaled = (x * 10.0).round();
    let negative = scaled < 0.0;
    let n = scaled.abs() as u64;
    (negative, n / 10, n % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_and_odd_inputs() {
        assert_eq!(fmt0(12.4), "12");
        assert_eq!(fmt0(12.5), "13");
        assert_eq!(fmt0(-0.4), "0");
        assert_eq!(fmt1(f64::NAN), "0.0");
        assert_eq!(
            fmt1(-0.04),
            "0.0",
            "a figure that rounds to zero has no minus sign"
        );
        assert_eq!(fmt1(100.0), "100.0");
        assert_eq!(fmt_num(1e6), "1000000");
    }

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
