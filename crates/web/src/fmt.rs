//! Numbers and dates as Vietnamese readers write them: "13,7", "1.100", "15/12/2025".

pub use theodoi_text::{vi_date as date, vi_number as num};

/// A date a person typed — "30/6/2026" or "2026-06-30" — as a date.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let iso = theodoi_text::parse_date(s).unwrap_or_else(|| s.trim().to_string());
    chrono::NaiveDate::parse_from_str(&iso, "%Y-%m-%d").ok()
}

/// A value a person typed: "13,7" → 13.7, "1.100" → 1100, "-2,5" → -2.5.
pub fn parse_value(s: &str) -> Option<f64> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let v = theodoi_text::parse_number(body)?;
    v.is_finite().then_some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(num(13.7), "13,7");
        assert_eq!(num(1100.0), "1.100");
        assert_eq!(num(1234567.25), "1.234.567,25");
        assert_eq!(num(-2.5), "-2,5");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(100.0), "100");
        assert_eq!(parse_value("13,7"), Some(13.7));
        assert_eq!(parse_value("1.100"), Some(1100.0));
        assert_eq!(parse_value("-2,5"), Some(-2.5));
        assert_eq!(parse_value("abc"), None);
    }

    #[test]
    fn vietnamese_dates() {
        assert_eq!(date("2025-12-15"), "15/12/2025");
        assert_eq!(date("2025-12"), "12/2025");
        assert_eq!(date("2030"), "2030");
        assert_eq!(parse_date("30/6/2026"), chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
        assert_eq!(parse_date("2026-06-30"), chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
        assert_eq!(parse_date("31/2/2026"), None);
    }
}
