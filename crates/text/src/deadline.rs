//! Deadlines as Party documents write them: "trước ngày 15/12/2025", "trong tháng 11/2025",
//! "Quý I/2026", "đến năm 2030".

use crate::fast::fold_map;
use crate::value::find_dates;

fn roman(s: &str) -> Option<u32> {
    Some(match s.to_ascii_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        "IV" | "4" => 4,
        _ => return None,
    })
}

/// A deadline found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// ISO: "2025-12-15", "2025-11", "2026-03-31" (end of a quarter), "2030".
    pub iso: String,
    /// Byte range of the phrase ("trước ngày 15/12/2025", "trong tháng 11/2025").
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// The first deadline in `s`: "trước ngày 15/12/2025", "trong tháng 11/2025",
/// "tháng 01/2026", "Quý I/2026", "đến năm 2030", "vào năm 2030", "trong năm 2026".
pub fn find_deadline(s: &str) -> Option<Deadline> {
    find_deadlines(s).into_iter().next()
}

/// Every deadline phrase in `s`, in order.
pub fn find_deadlines(s: &str) -> Vec<Deadline> {
    let (f, map) = fold_map(s);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(s.len());
    let mut out = Vec::new();
    let fb = f.as_bytes();
    let mut k = 0;
    while k < f.len() {
        if !f.is_char_boundary(k) {
            k += 1;
            continue;
        }
        let rest = &f[k..];
        let boundary = k == 0 || !fb[k - 1].is_ascii_alphanumeric();
        if !boundary {
            k += 1;
            continue;
        }
        // phrase prefixes we keep in the evidence
        // bare "ngày …", "tháng …" and "năm …" are dates or start points, not deadlines
        let prefixes = [
            "hoan thanh truoc ngay ",
            "truoc ngay ",
            "cham nhat ngay ",
            "den ngay ",
            "trong thang ",
            "truoc thang ",
            "den thang ",
            "trong quy ",
            "quy ",
            "den nam ",
            "vao nam ",
            "trong nam ",
            "truoc nam ",
            "hoan thanh nam ",
            // the bare forms last, after the longer ones they begin
            "cham nhat ",
            "truoc ",
        ];
        let mut hit = None;
        for p in prefixes {
            if let Some(r) = rest.strip_prefix(p) {
                hit = Some((p, r));
                break;
            }
        }
        let Some((p, r)) = hit else {
            k += 1;
            continue;
        };
        let base = k + p.len();
        let digits_end =
            |t: &str| t.bytes().take_while(|c| c.is_ascii_digit() || matches!(c, b'/' | b'-' | b'.')).count();
        // "trước 31/12/2025", "chậm nhất 15/01/2026": a full date right after
        let found: Option<(String, usize)> = if p.ends_with("ngay ") || p == "truoc " || p == "cham nhat " {
            let n = digits_end(r);
            find_dates(&r[..n]).first().filter(|d| d.start == 0).map(|d| (d.iso.clone(), base + d.end))
        } else if p.ends_with("thang ") {
            let n = digits_end(r);
            let t = &r[..n];
            t.split_once('/').and_then(|(m, y)| {
                let m: u32 = m.parse().ok()?;
                let y: u32 = y.trim_end_matches(['.', '-']).parse().ok()?;
                ((1..=12).contains(&m) && (1900..=2200).contains(&y) && y.to_string().len() == 4)
                    .then(|| (format!("{y:04}-{m:02}"), base + t.trim_end_matches(['.', '-']).len()))
            })
        } else if p.ends_with("quy ") {
            let n = r.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'/').count();
            r[..n].split_once('/').and_then(|(q, y)| {
                let q = roman(q)?;
                let y: i32 = y.parse().ok()?;
                let (m, d) = match q {
                    1 => (3, 31),
                    2 => (6, 30),
                    3 => (9, 30),
                    _ => (12, 31),
                };
                (1900..=2200).contains(&y).then(|| (format!("{y:04}-{m:02}-{d:02}"), base + n))
            })
        } else {
            let n = r.bytes().take_while(|c| c.is_ascii_digit()).count();
            let y: Option<u32> = r[..n].parse().ok();
            // "giai đoạn 2026 - 2030" / "năm 2025 - 2030" is a term, not a deadline
            let after = r[n..].trim_start();
            y.filter(|y| n == 4 && (1945..=2100).contains(y) && !after.starts_with('-'))
                .map(|y| (format!("{y:04}"), base + n))
        };
        if let Some((iso, fe)) = found {
            // bare "năm 2025" is a deadline only when led by đến/vào/trong/trước
            out.push(Deadline { iso, start: src(k), end: src(fe) });
            k = fe;
        } else {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        let d = |s: &str| find_deadline(s).map(|d| (d.iso, s[d.start..d.end].to_string()));
        assert_eq!(
            d("Hoàn thành trước ngày 15/12/2025."),
            Some(("2025-12-15".into(), "Hoàn thành trước ngày 15/12/2025".into()))
        );
        assert_eq!(d("Hoàn thành trong tháng 11/2025.").unwrap().0, "2025-11");
        assert_eq!(d("trong tháng 01/2026").unwrap().0, "2026-01");
        assert_eq!(d("Quý I/2026").unwrap().0, "2026-03-31");
        assert_eq!(d("quý IV/2025").unwrap().0, "2025-12-31");
        assert_eq!(d("Đến năm 2030, tỷ lệ").unwrap().0, "2030");
        assert_eq!(d("giai đoạn 2026 - 2030"), None);
        assert_eq!(d("Thời hạn: trước 31/12/2025.").unwrap().0, "2025-12-31");
        assert_eq!(d("chậm nhất ngày 15/01/2026").unwrap().0, "2026-01-15");
        assert_eq!(d("Thời gian hoàn thành: trong Quý II/2026").unwrap().0, "2026-06-30");
        assert_eq!(d("trước tháng 6/2026").unwrap().0, "2026-06");
        assert_eq!(d("Từ tháng 12/2025 và các năm tiếp theo"), None, "a start is not a deadline");
        assert_eq!(d("trước ngày 31/02/2025"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = find_deadlines(&s);
        }

        #[test]
        fn never_panics_on_number_soup(s in "[0-9.,/ %()-]{0,30}(trên|dưới|từ|ngày|tháng|Quý|năm)?[0-9.,/ %]{0,12}") {
            let _ = find_deadlines(&s);
        }
    }
}
