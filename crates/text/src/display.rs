//! Figures and dates as Vietnamese readers write them — "13,7", "1.100", "15/12/2025" — for every
//! place that shows them (CLI, reports, web pages), so they cannot drift apart.

/// A figure with the given decimal mark and thousands separator, at most two decimals, trailing
/// zeros dropped; offices group from four digits on ("1.100"). Not a number → "—".
pub fn format_number(v: f64, decimal: char, group: char) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if v < 0.0 && (int != "0" || !frac.is_empty()) {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// A figure as Vietnamese documents write it: 13.7 → "13,7", 1100 → "1.100", -2.5 → "-2,5".
pub fn vi_number(v: f64) -> String {
    format_number(v, ',', '.')
}

/// An ISO date, month or year as written in Vietnamese: "2025-12-15" → "15/12/2025",
/// "2025-12" → "12/2025", "2030" → "2030"; anything else is returned trimmed, unchanged.
pub fn vi_date(iso: &str) -> String {
    let p: Vec<&str> = iso.trim().split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match p.as_slice() {
        [y, m, d] if y.len() == 4 && digits(y) && digits(m) && digits(d) => format!("{d}/{m}/{y}"),
        [y, m] if y.len() == 4 && digits(y) && digits(m) => format!("{m}/{y}"),
        _ => iso.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_dates() {
        for (v, want) in [
            (13.7, "13,7"),
            (1100.0, "1.100"),
            (1234567.891, "1.234.567,89"),
            (-0.5, "-0,5"),
            (8.0, "8"),
            (-0.001, "0"),
            (f64::NAN, "—"),
        ] {
            assert_eq!(vi_number(v), want, "{v}");
        }
        assert_eq!(format_number(1100.5, '.', ','), "1,100.5");
        for (iso, want) in [
            ("2025-12-15", "15/12/2025"),
            ("2026-06", "06/2026"),
            ("2030", "2030"),
            (" Quý I/2026 ", "Quý I/2026"),
            ("26-06", "26-06"),
        ] {
            assert_eq!(vi_date(iso), want, "{iso}");
        }
    }
}
