//! Table-driven folding: the same result as [`crate::fold`], several times faster on
//! Vietnamese text, for stages that fold every line of every document.
//!
//! Hand-written because `fold` decomposes each non-ASCII character through NFD; a
//! lookup table over the scripts Vietnamese uses (below U+2000) gives the same key.

use std::sync::LazyLock;

const NONE: u32 = u32::MAX;
const SLOW: u32 = u32::MAX - 1;
const LIMIT: usize = 0x2000;

static TABLE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    (0..LIMIT as u32)
        .map(|u| match char::from_u32(u) {
            None => NONE,
            Some(c) => match crate::fold::fold_char(c) {
                None => NONE,
                Some(f) => {
                    let mut l = f.to_lowercase();
                    match (l.next(), l.next()) {
                        (Some(x), None) => x as u32,
                        _ => SLOW,
                    }
                }
            },
        })
        .collect()
});

/// Fold one character and lower-case it, appending to `out` (marks dropped, đ→d).
#[inline]
pub fn fold_lower_into(c: char, out: &mut String) {
    let u = c as usize;
    if u < 0x80 {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if u < LIMIT {
        match TABLE[u] {
            NONE => return,
            SLOW => {}
            v => {
                if let Some(x) = char::from_u32(v) {
                    out.push(x);
                }
                return;
            }
        }
    }
    if let Some(f) = crate::fold::fold_char(c) {
        out.extend(f.to_lowercase());
    }
}

/// One character folded and lower-cased when that is a single character (the common
/// case); `Err(())` when the slow path must run, `Ok(None)` when it folds away.
#[inline]
fn fold_one(c: char) -> Result<Option<char>, ()> {
    let u = c as usize;
    if u < 0x80 {
        return Ok(Some(c.to_ascii_lowercase()));
    }
    if u < LIMIT {
        return match TABLE[u] {
            NONE => Ok(None),
            SLOW => Err(()),
            v => Ok(char::from_u32(v)),
        };
    }
    Err(())
}

/// The same key as [`crate::fold`] (folded, lower case, whitespace collapsed, trimmed).
pub fn fold_fast(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut push = |f: char, out: &mut String| {
        if f.is_whitespace() {
            space = true;
            return;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(f);
    };
    for c in s.chars() {
        match fold_one(c) {
            Ok(Some(f)) => push(f, &mut out),
            Ok(None) => {}
            Err(()) => {
                let mut buf = String::new();
                fold_lower_into(c, &mut buf);
                for f in buf.chars() {
                    push(f, &mut out);
                }
            }
        }
    }
    out
}

/// Lower-case folded text keeping spacing as is, and for each byte of it the byte of
/// `s` it came from (plus one entry for the end): match on the folded text, cut the original.
pub fn fold_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = out.len();
        fold_lower_into(c, &mut out);
        for _ in before..out.len() {
            map.push(i);
        }
    }
    map.push(s.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_fold() {
        for s in ["Đảng ủy phường Nam Đồng", "  ưu   tiên ", "NGHỊ QUYẾT số 57-NQ/TW", "Thành ủy", "İstanbul ǅ"]
        {
            assert_eq!(fold_fast(s), crate::fold(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn always_same_as_fold(s in "\\PC{0,60}") {
            proptest::prop_assert_eq!(fold_fast(&s), crate::fold(&s));
        }

        #[test]
        fn map_points_into_the_source(s in "\\PC{0,40}") {
            let (f, m) = fold_map(&s);
            proptest::prop_assert_eq!(m.len(), f.len() + 1);
            for &b in &m {
                proptest::prop_assert!(s.is_char_boundary(b));
            }
        }
    }
}
