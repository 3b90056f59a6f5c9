//! Property test: any text extraction can produce is stored and read back NFC-equal, or refused
//! with an error — never a panic, never altered.

mod common;

use common::*;
use proptest::prelude::*;
use theodoi_core::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn any_text_round_trips_or_is_refused(name in any::<String>(), text in any::<String>(), value in any::<f64>()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let dir = tempfile::tempdir().expect("temp dir");
        rt.block_on(async {
            let store = fresh(false, &dir).await.expect("sqlite");
            let doc = "p.txt";
            let mut x = action_program(doc, 8.0);
            x.targets[0].name = name.clone();
            x.targets[0].value = Some(value);
            x.targets[0].evidence[0].text = text.clone();
            x.facts[0].value = value;
            match store.add(&import(doc, "h", x.clone())).await {
                Ok(_) => {
                    let back = store.documents(None).await.expect("read back");
                    prop_assert_eq!(back.len(), 1);
                    let t = &back[0].extraction.targets[0];
                    prop_assert_eq!(&t.name, &theodoi_text::nfc(&name));
                    prop_assert_eq!(&t.evidence[0].text, &theodoi_text::nfc(&text));
                    if value.is_finite() {
                        prop_assert_eq!(t.value, Some(value));
                    }
                }
                Err(e) => {
                    prop_assert!(name.contains('\0') || text.contains('\0') || !value.is_finite(), "refused valid input: {}", e);
                    prop_assert!(store.documents(None).await.expect("read").is_empty(), "a refused add leaves nothing");
                }
            }
            Ok(())
        })?;
    }
}
