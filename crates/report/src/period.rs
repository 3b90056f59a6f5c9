//! The period a review report covers (kỳ báo cáo): half a year, a year, or a term.

use chrono::NaiveDate;

use crate::ReportError;

/// A reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Six months: `2026-H1` (first half) or `2026-H2`.
    Half {
        /// Year.
        year: i32,
        /// 1 or 2.
        half: u8,
    },
    /// A year: `2026`.
    Year(i32),
    /// A term: `2025-2030`.
    Term(i32, i32),
}

impl Period {
    /// Read `2026-H1`, `2026-h2`, `2026`, `2025-2030`.
    pub fn parse(s: &str) -> Result<Period, ReportError> {
        let t = s.trim();
        let bad = || {
            ReportError::Invalid(format!(
                "kỳ báo cáo `{s}`: cần dạng 2026-H1 (6 tháng đầu năm), 2026-H2, 2026 (cả năm) hoặc 2025-2030 (nhiệm kỳ)"
            ))
        };
        let year = |y: &str| y.parse::<i32>().ok().filter(|y| (1945..=2200).contains(y));
        if let Some((y, rest)) = t.split_once('-') {
            let rest_up = rest.to_ascii_uppercase();
            if let Some(h) = rest_up.strip_prefix('H') {
                let half = match h {
                    "1" => 1,
                    "2" => 2,
                    _ => return Err(bad()),
                };
                return Ok(Period::Half { year: year(y).ok_or_else(bad)?, half });
            }
            let (a, b) = (year(y).ok_or_else(bad)?, year(rest).ok_or_else(bad)?);
            if b <= a {
                return Err(bad());
            }
            return Ok(Period::Term(a, b));
        }
        Ok(Period::Year(year(t).ok_or_else(bad)?))
    }

    /// First and last day.
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN);
        match self {
            Period::Half { year, half: 1 } => (d(year, 1, 1), d(year, 6, 30)),
            Period::Half { year, .. } => (d(year, 7, 1), d(year, 12, 31)),
            Period::Year(y) => (d(y, 1, 1), d(y, 12, 31)),
            Period::Term(a, b) => (d(a, 1, 1), d(b, 12, 31)),
        }
    }

    /// Whether it is a mid-period review (sơ kết) rather than a closing one (tổng kết).
    pub fn is_interim(self) -> bool {
        matches!(self, Period::Half { .. })
    }

    /// "sơ kết 6 tháng đầu năm 2026", "tổng kết năm 2026", "tổng kết nhiệm kỳ 2025 - 2030".
    pub fn title(self) -> String {
        match self {
            Period::Half { year, half: 1 } => format!("sơ kết 6 tháng đầu năm {year}"),
            Period::Half { year, .. } => format!("tổng kết 6 tháng cuối năm {year}"),
            Period::Year(y) => format!("tổng kết năm {y}"),
            Period::Term(a, b) => format!("tổng kết nhiệm kỳ {a} - {b}"),
        }
    }

    /// Whether an ISO date or deadline (`2026`, `2026-06`, `2026-06-30`) falls in the period.
    pub fn holds(self, iso: &str) -> bool {
        let (from, to) = self.days();
        match theodoi_check::deadline_date(iso) {
            Some(d) => d >= from && d <= to,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_offices_name_them() {
        assert_eq!(Period::parse("2026-H1").ok(), Some(Period::Half { year: 2026, half: 1 }));
        assert_eq!(Period::parse("2026-h2").ok(), Some(Period::Half { year: 2026, half: 2 }));
        assert_eq!(Period::parse("2026").ok(), Some(Period::Year(2026)));
        assert_eq!(Period::parse("2025-2030").ok(), Some(Period::Term(2025, 2030)));
        for bad in ["2026-H3", "H1", "2030-2025", "", "năm nay"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        let h1 = Period::Half { year: 2026, half: 1 };
        assert!(h1.holds("2026-03") && h1.holds("2026-06-30") && !h1.holds("2026-07-01"));
        assert_eq!(h1.title(), "sơ kết 6 tháng đầu năm 2026");
    }
}
