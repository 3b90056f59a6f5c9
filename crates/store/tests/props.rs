//! Property test: any text extraction can produce is stored and read back NFC-equal, or refused
//! with an error — never a panic, never altered.

mod common;

use common::*;
use proptest::prelude::*;
use theodoi_core::*;
use theodoi_store::Store;

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

/// Two connections write progress to one target concurrently; every row and audit entry is kept.
async fn race(pg: bool, n1: u32, n2: u32) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(store) = fresh(pg, &dir).await else {
        return Ok(());
    };
    let doc = "r.txt";
    store.add(&import(doc, "h", action_program(doc, 8.0))).await.expect("add");
    let item = ItemRef { doc: doc.into(), kind: ItemKind::Target, id: "T10".into() };
    let mut handles = Vec::new();
    for (w, n) in [(0u32, n1), (1, n2)] {
        let s = Store::open_with(store.location(), 1).await.expect("connection");
        let item = item.clone();
        handles.push(tokio::spawn(async move {
            for i in 0..n {
                let p = ProgressUpdate {
                    item: item.clone(),
                    value: Some(f64::from(w * 1000 + i)),
                    done: false,
                    date: "2027-01-01".into(),
                    note: None,
                    user: Some(format!("w{w}")),
                    evidence: None,
                };
                s.add_progress(&p).await.expect("progress");
            }
        }));
    }
    for h in handles {
        h.await.expect("join");
    }
    let rows = store.progress().await.expect("progress");
    prop_assert_eq!(rows.len() as u32, n1 + n2);
    for (w, n) in [(0u32, n1), (1, n2)] {
        let mut mine: Vec<f64> =
            rows.iter().filter(|r| r.user.as_deref() == Some(&format!("w{w}"))).filter_map(|r| r.value).collect();
        mine.sort_by(f64::total_cmp);
        let want: Vec<f64> = (0..n).map(|i| f64::from(w * 1000 + i)).collect();
        prop_assert_eq!(mine, want);
    }
    let audit = store.audit_log().await.expect("audit");
    prop_assert_eq!(audit.iter().filter(|a| a.action == "progress").count() as u32, n1 + n2);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]
    #[test]
    fn concurrent_progress_keeps_every_row(n1 in 1u32..12, n2 in 1u32..12) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        rt.block_on(race(false, n1, n2))?;
        rt.block_on(race(true, n1, n2))?;
    }
}
