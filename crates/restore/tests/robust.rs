//! No input makes the restorer panic, and lines stay one to one.
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn any_text_keeps_line_count(s in "\\PC{0,80}(\n\\PC{0,40}){0,3}") {
        let out = theodoi_restore::restore_text(&s);
        prop_assert_eq!(out.split('\n').count(), s.split('\n').count());
        let _ = theodoi_restore::damage(&s);
    }

    #[test]
    fn any_bytes_lossy(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        let s = String::from_utf8_lossy(&b);
        let out = theodoi_restore::restore_text(&s);
        prop_assert_eq!(out.split('\n').count(), s.split('\n').count());
    }
}
