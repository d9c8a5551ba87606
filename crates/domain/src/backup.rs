//! When to urge the user to export a backup. The browser's storage can be cleared by the user, by
//! a cleaning tool or by the browser itself; an exported file is the only other copy.

use chrono::{DateTime, Utc};

/// Urge an export once this many days have passed since the last one…
pub const REMIND_AFTER_DAYS: i64 = 7;
/// …or once this many changes have been made since.
pub const REMIND_AFTER_CHANGES: u32 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupAdvice {
    /// Nothing to say: no data yet, or a recent export.
    UpToDate,
    /// Changes exist and nothing was ever exported.
    NeverExported { changes: u32 },
    /// Too long or too many changes since the last export.
    Overdue { days: i64, changes: u32 },
}

pub fn backup_advice(
    last_export_at: Option<DateTime<Utc>>,
    changes_since_export: u32,
    now: DateTime<Utc>,
) -> BackupAdvice {
    match last_export_at {
        None if changes_since_export == 0 => BackupAdvice::UpToDate,
        None => BackupAdvice::NeverExported {
            changes: changes_since_export,
        },
        Some(at) => {
            let days = (now - at).num_days();
            if changes_since_export > 0
                && (days >= REMIND_AFTER_DAYS || changes_since_export >= REMIND_AFTER_CHANGES)
            {
                BackupAdvice::Overdue {
                    days,
                    changes: changes_since_export,
                }
            } else {
                BackupAdvice::UpToDate
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn advice_by_age_and_changes() {
        let now = Utc.with_ymd_and_hms(2024, 6, 30, 12, 0, 0).unwrap();
        let days_ago = |d: i64| Some(now - chrono::Duration::days(d));
        let cases = [
            (None, 0, BackupAdvice::UpToDate),
            (None, 1, BackupAdvice::NeverExported { changes: 1 }),
            (days_ago(1), 5, BackupAdvice::UpToDate),
            (days_ago(6), 29, BackupAdvice::UpToDate),
            (
                days_ago(7),
                1,
                BackupAdvice::Overdue {
                    days: 7,
                    changes: 1,
                },
            ),
            (
                days_ago(1),
                30,
                BackupAdvice::Overdue {
                    days: 1,
                    changes: 30,
                },
            ),
            (days_ago(100), 0, BackupAdvice::UpToDate),
        ];
        for (last, changes, expected) in cases {
            assert_eq!(
                backup_advice(last, changes, now),
                expected,
                "last {last:?} changes {changes}"
            );
        }
    }
}
