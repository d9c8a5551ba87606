//! Small pieces the pages share: derived text and flags, error lines, icons, progress bars, fields,
//! the line a printed page starts with.

pub mod derived;
pub mod fields;
pub mod icon;
pub mod print;

pub use derived::{flag, invalid_if, text, ErrorLine};
pub use fields::{date_text, parse_date, ProgressBar};
pub use icon::{Icon, IconKind};
pub use print::PrintHeader;
