//! Vietnamese text primitives shared by every stage of theodoi.
//!
//! Everything inside theodoi is NFC ([`nfc`]); the diacritic-folded form
//! ([`fold`]) is only for matching what users type without marks.
//!
//! ```
//! use theodoi_text::{fold, nfc};
//! assert_eq!(fold("Đảng bộ"), "dang bo");
//! assert_eq!(nfc("Đa\u{309}ng"), "Đảng");
//! ```
#![deny(missing_docs)]

mod case;
mod deadline;
mod display;
mod fast;
mod fold;
mod lexicon;
mod news;
mod value;

pub use case::is_upper_text;
pub use deadline::{
    find_deadline, find_deadlines, recurring_time, task_deadline, task_deadlines, time_cell, Deadline, TaskTime,
    RECURRING,
};
pub use display::{format_number, vi_date, vi_number};
pub use fast::{fold_fast, fold_lower_into, fold_map};
pub use fold::{fold, fold_char, fold_keep_case, nfc};
pub use lexicon::{doc_kinds, doc_kinds_folded, starts_body, BodyRole, KindRole};
pub use news::{news_frame, news_page};
pub use value::{
    count_unit_at, find_dates, find_quantities, find_term, is_annual, parse_date, parse_fraction, parse_number,
    parse_value, unit_at, valid_date, Cmp, DateMatch, Quantity,
};
