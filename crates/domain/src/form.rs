//! Reading what was typed into a form field: dates and counts. The ledger entry, the rectification
//! task and the accountability decision all take dates as text, and each must refuse the same
//! impossible input in the same way, so the reading lives here once. Results are typed
//! ([`TextError`]); the forms wrap them in their own problem enums, which name the field.

use chrono::NaiveDate;

use crate::record::YEAR_RANGE;

/// Why a field's text was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Not a date at all, or a day that does not exist ("2025-02-30").
    NotADate,
    /// A real date whose year is outside [`YEAR_RANGE`]: a typing mistake ("0225-03-01").
    YearOutOfRange { year: i32 },
    /// Not a whole number.
    NotANumber,
    /// A number below zero.
    Negative,
    /// A number too large to be a count of people.
    TooLarge,
}

impl TextError {
    pub fn code(&self) -> &'static str {
        match self {
            TextError::NotADate => "not_a_date",
            TextError::YearOutOfRange { .. } => "year_out_of_range",
            TextError::NotANumber => "not_a_number",
            TextError::Negative => "negative",
            TextError::TooLarge => "too_large",
        }
    }
}

/// Full-width digits and punctuation (an input method left in full width) read as ASCII.
fn half_width(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A date as typed: `2025-03-01` (what a date input gives), also `2025/3/1`, `2025.3.1` and
/// `2025年3月1日`. Empty text is `Ok(None)` (not filled in); anything else that is not a real day of
/// a year in [`YEAR_RANGE`] is refused.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, TextError> {
    let text = half_width(text);
    if text.is_empty() {
        return Ok(None);
    }
    let body = text.strip_suffix('日').unwrap_or(&text);
    let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(TextError::NotADate);
    };
    let digits = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return Err(TextError::NotADate);
    };
    let year = y as i32;
    let date = NaiveDate::from_ymd_opt(year, m, d).ok_or(TextError::NotADate)?;
    if !YEAR_RANGE.contains(&year) {
        return Err(TextError::YearOutOfRange { year });
    }
    Ok(Some(date))
}

/// A count as typed: empty is `Ok(None)` (not recorded); otherwise a whole number from 0.
pub fn parse_count(text: &str) -> Result<Option<u32>, TextError> {
    let text = half_width(text);
    if text.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TextError::NotANumber);
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err(TextError::Negative);
    }
    digits
        .parse::<u32>()
        .map(Some)
        .map_err(|_| TextError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_as_typed() {
        for (text, expected) in [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("2025-03-01", Ok(d(2025, 3, 1))),
            ("2025/3/1", Ok(d(2025, 3, 1))),
            ("2025.03.01", Ok(d(2025, 3, 1))),
            ("2025年3月1日", Ok(d(2025, 3, 1))),
            ("２０２５－０３－０１", Ok(d(2025, 3, 1))),
            ("2024-02-29", Ok(d(2024, 2, 29))),
            ("2025-02-29", Err(TextError::NotADate)),
            ("2025-02-30", Err(TextError::NotADate)),
            ("2025-13-01", Err(TextError::NotADate)),
            ("2025-00-10", Err(TextError::NotADate)),
            ("2025-03", Err(TextError::NotADate)),
            ("2025-03-01-02", Err(TextError::NotADate)),
            ("yesterday", Err(TextError::NotADate)),
            ("2025-3-1x", Err(TextError::NotADate)),
            ("+2025-03-01", Err(TextError::NotADate)),
            ("0225-03-01", Err(TextError::YearOutOfRange { year: 225 })),
            ("2101-01-01", Err(TextError::YearOutOfRange { year: 2101 })),
        ] {
            assert_eq!(parse_date(text), expected, "{text:?}");
        }
    }

    #[test]
    fn codes_are_distinct() {
        let codes = [
            TextError::NotADate,
            TextError::YearOutOfRange { year: 1 },
            TextError::NotANumber,
            TextError::Negative,
            TextError::TooLarge,
        ]
        .map(|e| e.code());
        let unique: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
        assert_eq!(codes[1], "year_out_of_range");
    }

    #[test]
    fn counts_as_typed() {
        for (text, expected) in [
            ("", Ok(None)),
            ("0", Ok(Some(0))),
            (" 12 ", Ok(Some(12))),
            ("１２", Ok(Some(12))),
            ("+3", Ok(Some(3))),
            ("-0", Ok(Some(0))),
            ("-3", Err(TextError::Negative)),
            ("- 3", Err(TextError::Negative)),
            ("12人", Err(TextError::NotANumber)),
            ("1.5", Err(TextError::NotANumber)),
            ("abc", Err(TextError::NotANumber)),
            ("-", Err(TextError::NotANumber)),
            ("99999999999", Err(TextError::TooLarge)),
        ] {
            assert_eq!(parse_count(text), expected, "{text:?}");
        }
    }
}
