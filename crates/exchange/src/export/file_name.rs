//! File names people can read and sort in a mail attachment list or on a USB stick:
//! `意识形态责任制自评_{单位}_{科室}_{年度}_{YYYYMMDD}.json`, `年度方案_{年度}_{YYYYMMDD}.json`,
//! `备份_{YYYYMMDD-HHMM}.json`, `核查意见_{单位}_{科室}_{年度}_{YYYYMMDD}.json`,
//! `汇总工作区_{单位}_{YYYYMMDD-HHMM}.json`. Dates are on the user's clock (`ExportMeta::local_offset`).

use crate::envelope::ExportMeta;
use zrz_domain::record::{DepartmentKey, Profile, YEAR_RANGE};

/// Longest part taken from user input, in characters: keeps whole names well under Windows' 255.
const MAX_PART_CHARS: usize = 40;

/// Added before `.json` when names and free text were left out, so the two files are never confused.
pub const SANITIZED_SUFFIX: &str = "_脱敏";

/// Unicode format characters (general category Cf: bidi overrides and isolates such as U+202E,
/// zero-width spaces and joiners, the byte-order mark, invisible operators, tags …) and the few
/// invisible fillers that are not Cf. `char::is_control` knows none of them; in a file name they
/// hide or reverse what the user reads ("abc\u{202E}nosj.exe").
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// One part of a file name from user input: characters Windows refuses (`<>:"/\|?*`), control
/// characters and invisible format characters ([`is_invisible_format`]) are dropped, whitespace
/// runs become one space, leading/trailing spaces and dots are trimmed, `_` (our separator) becomes
/// `-`, and the result is cut to 40 characters and trimmed again (the cut may end on a space or a
/// dot). Empty input gives `placeholder`.
pub fn file_name_part(input: &str, placeholder: &str) -> String {
    let mut out = String::new();
    let mut last_space = false;
    for c in input.chars() {
        if matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
            || c.is_control()
            || is_invisible_format(c)
        {
            continue;
        }
        if c.is_whitespace() {
            if !last_space && !out.is_empty() {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.push(if c == '_' { '-' } else { c });
    }
    let trimmed: String = out
        .trim_matches(|c: char| c == ' ' || c == '.')
        .chars()
        .take(MAX_PART_CHARS)
        .collect();
    let trimmed = trimmed.trim_end_matches([' ', '.']).to_string();
    if trimmed.is_empty() {
        placeholder.to_string()
    } else {
        trimmed
    }
}

fn year_part(year: i32) -> String {
    if YEAR_RANGE.contains(&year) {
        year.to_string()
    } else {
        "未填年度".into()
    }
}

fn suffix(meta: &ExportMeta) -> &'static str {
    if meta.sanitized {
        SANITIZED_SUFFIX
    } else {
        ""
    }
}

/// `意识形态责任制自评_县文广局_办公室_2025_20250314.json`
pub fn assessment_file_name(profile: &Profile, meta: &ExportMeta) -> String {
    format!(
        "意识形态责任制自评_{}_{}_{}_{}{}.json",
        file_name_part(&profile.unit, "未填单位"),
        file_name_part(&profile.department, "未填科室"),
        year_part(profile.year),
        meta.local_time().format("%Y%m%d"),
        suffix(meta)
    )
}

/// `年度方案_2025_20250105.json`
pub fn annual_plan_file_name(year: i32, meta: &ExportMeta) -> String {
    format!(
        "年度方案_{}_{}.json",
        year_part(year),
        meta.local_time().format("%Y%m%d")
    )
}

/// `备份_20250314-1630.json`
pub fn backup_file_name(meta: &ExportMeta) -> String {
    format!(
        "备份_{}{}.json",
        meta.local_time().format("%Y%m%d-%H%M"),
        suffix(meta)
    )
}

/// `核查意见_县文广局_办公室_2025_20250320.json`: named after the department it is sent to.
pub fn findings_file_name(department: &DepartmentKey, meta: &ExportMeta) -> String {
    format!(
        "核查意见_{}_{}_{}_{}{}.json",
        file_name_part(&department.unit, "未填单位"),
        file_name_part(&department.department, "未填科室"),
        year_part(department.year),
        meta.local_time().format("%Y%m%d"),
        suffix(meta)
    )
}

/// `汇总工作区_县文广局_20250320-1015.json`: named after the office's unit.
pub fn workspace_file_name(office: &Profile, meta: &ExportMeta) -> String {
    format!(
        "汇总工作区_{}_{}{}.json",
        file_name_part(&office.unit, "未填单位"),
        meta.local_time().format("%Y%m%d-%H%M"),
        suffix(meta)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn meta() -> ExportMeta {
        // 2025-03-14 08:30 UTC is 16:30 in Beijing.
        ExportMeta::new(
            Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
            "0.1.0",
        )
    }

    #[test]
    fn names_follow_the_patterns_on_beijing_time() {
        let profile = Profile {
            unit: "县文化广播影视局".into(),
            department: "办公室".into(),
            filled_by: "张三".into(),
            year: 2025,
        };
        assert_eq!(
            assessment_file_name(&profile, &meta()),
            "意识形态责任制自评_县文化广播影视局_办公室_2025_20250314.json"
        );
        assert_eq!(
            annual_plan_file_name(2025, &meta()),
            "年度方案_2025_20250314.json"
        );
        assert_eq!(backup_file_name(&meta()), "备份_20250314-1630.json");
        assert_eq!(
            backup_file_name(&meta().sanitized()),
            "备份_20250314-1630_脱敏.json"
        );
        let late = ExportMeta::new(
            Utc.with_ymd_and_hms(2025, 12, 31, 17, 0, 0).unwrap(),
            "0.1.0",
        );
        assert_eq!(
            annual_plan_file_name(2026, &late),
            "年度方案_2026_20260101.json"
        );
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_stripped() {
        // "办公室" then a right-to-left override that would show "…nosj.exe" reversed.
        assert_eq!(
            file_name_part("办公\u{202E}室exe.json", "x"),
            "办公室exe.json"
        );
        assert_eq!(
            file_name_part(
                "\u{200B}宣\u{200D}传\u{FEFF}科\u{2066}\u{2069}\u{00AD}",
                "x"
            ),
            "宣传科"
        );
        assert_eq!(
            file_name_part("\u{200B}\u{202E}\u{E0041}", "未填科室"),
            "未填科室"
        );
        assert!(!is_invisible_format('办') && !is_invisible_format('a'));
        for c in [
            '\u{061C}',
            '\u{180E}',
            '\u{2060}',
            '\u{3164}',
            '\u{1D173}',
            '\u{E007F}',
        ] {
            assert!(is_invisible_format(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn illegal_characters_are_stripped_and_empty_parts_named() {
        assert_eq!(
            file_name_part("  a<b>c:d\"e/f\\g|h?i*j\u{7}  ", "x"),
            "abcdefghij"
        );
        assert_eq!(file_name_part("宣传 \t 科_一组.", "x"), "宣传 科-一组");
        assert_eq!(file_name_part(" ..?? ", "未填单位"), "未填单位");
        assert_eq!(file_name_part(&"长".repeat(60), "x").chars().count(), 40);
        // Cut at 40, then trimmed: no trailing space or dot from the cut.
        let cut_on_space = format!("{} 尾", "长".repeat(39));
        assert_eq!(file_name_part(&cut_on_space, "x"), "长".repeat(39));
        let cut_on_dot = format!("{}.尾", "长".repeat(39));
        assert_eq!(file_name_part(&cut_on_dot, "x"), "长".repeat(39));
        let blank = Profile::default();
        assert_eq!(
            assessment_file_name(&blank, &meta()),
            "意识形态责任制自评_未填单位_未填科室_未填年度_20250314.json"
        );
    }
}
