//! `Store::status_report` reads only the items with progress and those it lists; it must give the
//! figures and lists of computing every item's status from the whole ledger (the oracle below:
//! what `theodoi status` did before), on SQLite and PostgreSQL.

#[macro_use]
mod common;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use common::*;
use theodoi_core::*;
use theodoi_store::{StatusReport, Store, DUE_DAYS};

/// Every target and task of the whole ledger through the tracking rules, sorted as shown.
async fn oracle(store: &Store, org: Option<&str>, today: NaiveDate, nt: usize, nk: usize) -> StatusReport {
    let docs = store.tracked_from_extractions(org).await.expect("tracked");
    let (progress, _) = store.all_progress(&docs).await.expect("progress");
    let mut by_item: HashMap<(&str, ItemKind, &str), Vec<&ProgressUpdate>> = HashMap::new();
    for u in &progress {
        by_item.entry((u.item.doc.as_str(), u.item.kind, u.item.id.as_str())).or_default().push(u);
    }
    let none = Vec::new();
    let mut out = StatusReport { documents: docs.len(), ..Default::default() };
    let (mut behind, mut due, mut overdue) = (Vec::new(), Vec::new(), Vec::new());
    for d in &docs {
        for t in d.extraction.targets.iter().filter(|t| t.kind == TargetKind::Target) {
            let ups = by_item.get(&(d.file.as_str(), ItemKind::Target, t.id.as_str())).unwrap_or(&none);
            let track = theodoi_check::target_status(t, ups, today);
            *out.by_status.entry(track.status).or_default() += 1;
            if matches!(track.status, TargetStatus::AtRisk | TargetStatus::OffTrack | TargetStatus::Overdue) {
                behind.push((track.status, d.file.clone(), t.clone(), track.last));
            }
        }
        for k in &d.extraction.tasks {
            let ups = by_item.get(&(d.file.as_str(), ItemKind::Task, k.id.as_str())).unwrap_or(&none);
            let dl = k.deadline.as_deref().and_then(theodoi_check::deadline_date);
            match theodoi_check::task_status(k.deadline.as_deref(), ups, today) {
                TaskStatus::Overdue => overdue.push((dl, d.file.clone(), k.clone())),
                TaskStatus::Open if dl.is_some_and(|x| (x - today).num_days() <= DUE_DAYS) => {
                    due.push((dl, d.file.clone(), k.clone()))
                }
                _ => {}
            }
        }
    }
    behind.sort_by_key(|(s, f, t, _)| (std::cmp::Reverse(*s), f.clone(), t.id.clone()));
    due.sort_by_key(|(d, f, _)| (*d, f.clone()));
    overdue.sort_by_key(|(d, f, _)| (*d, f.clone()));
    out.behind_total = behind.len();
    out.due_total = due.len();
    out.overdue_total = overdue.len();
    let code = |doc: &str, kind: ItemKind, id: &str| {
        let item = [ItemRef { doc: doc.into(), kind, id: id.into() }];
        async move { store.item_codes(&item).await.expect("codes").into_values().next() }
    };
    for (status, doc, target, last) in behind.into_iter().take(nt) {
        let code = code(&doc, ItemKind::Target, &target.id).await;
        out.behind.push(theodoi_store::ShownTarget { doc, code, target, status, last });
    }
    for (list, into) in [(due, &mut out.due), (overdue, &mut out.overdue)] {
        for (deadline, doc, task) in list.into_iter().take(nk) {
            let code = code(&doc, ItemKind::Task, &task.id).await;
            into.push(theodoi_store::ShownTask { doc, code, task, deadline });
        }
    }
    out
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Wards' documents with goals, results and tasks of many deadlines; progress on some (values,
/// done, superseded), results reporting on goals through links (trusted, proposed too weakly,
/// rejected), and a revision that moves positions.
async fn city(store: &Store) {
    let wards = ["Phường Nam Đồng", "Xã Tân Lạc", "Phường Hòa Bình"];
    let deadlines =
        [None, Some("2025"), Some("2025-12"), Some("2025-12-15"), Some("2026-07"), Some("2026-07-10"), Some("2030")];
    for i in 0..12usize {
        let file = format!("d{i:02}.txt");
        let mut x = action_program(&file, 8.0 + i as f64);
        x.org = Some(wards[i % 3].to_string());
        x.doc_type = if i < 3 { DocType::NghiQuyet } else { DocType::ChuongTrinhHanhDong };
        for j in 0..6usize {
            let mut t = target(
                &file,
                &format!("T{}", 30 + j),
                &format!("Chỉ tiêu số {j} về {}", i % 4),
                Comparator::Ge,
                Some(50.0 + j as f64),
                "%",
                400 + j as u32,
            );
            t.frequency = Some(Frequency::ByDeadline);
            t.deadline = deadlines[(i + j) % deadlines.len()].map(str::to_string);
            if j == 0 {
                // Figures that decimals cannot write exactly: they must read back bit for bit.
                t.value = Some(50.0 + i as f64 / 3.0);
                t.value_max = Some(0.1 + 0.2 + i as f64);
            }
            if j == 5 {
                t.comparator = Comparator::Qualitative;
                t.value = None;
            }
            if i >= 9 && j < 2 {
                t.kind = TargetKind::Result;
                t.achieved = Some(40.0 + j as f64);
            }
            x.targets.push(t);
        }
        for j in 0..5usize {
            let mut k = x.tasks[0].clone();
            k.id = format!("K{}", 2 + j);
            k.what = format!("Nhiệm vụ {j} của văn bản {i}");
            k.deadline = deadlines[(i * 3 + j) % deadlines.len()].map(str::to_string);
            x.tasks.push(k);
        }
        store.add(&import(&file, &format!("s{i}"), x)).await.expect("add");
    }
    // A revision that drops a target: positions of the current version are what count.
    let mut x = action_program("d05.txt", 13.0);
    x.org = Some(wards[2].to_string());
    x.targets.remove(0);
    store.add(&import("d05.txt", "s5b", x)).await.expect("revise");
    let up = |doc: &str, kind, id: &str, value: Option<f64>, done: bool, date: &str| ProgressUpdate {
        item: ItemRef { doc: doc.into(), kind, id: id.into() },
        value,
        done,
        date: date.into(),
        note: None,
        user: Some("t".into()),
        evidence: None,
    };
    let ups = [
        up("d03.txt", ItemKind::Target, "T30", Some(45.0), false, "2025-06-30"),
        up("d03.txt", ItemKind::Target, "T30", Some(49.0), false, "2026-01-31"),
        up("d04.txt", ItemKind::Target, "T31", Some(60.0), false, "2026-01-31"),
        up("d04.txt", ItemKind::Target, "T35", None, true, "2026-01-31"),
        up("d06.txt", ItemKind::Target, "T10", Some(2.0), false, "2026-01-31"),
        up("d07.txt", ItemKind::Target, "T33", Some(10.0), false, "2025-03-01"),
        up("d07.txt", ItemKind::Target, "T33", Some(20.0), false, "2026-03-01"),
        up("d08.txt", ItemKind::Target, "T34", Some(1.0), false, "2026-03-01"),
        up("d02.txt", ItemKind::Target, "T34", Some(10.0), false, "2025-01-01"),
        up("d02.txt", ItemKind::Target, "T34", Some(40.0), false, "2026-01-01"),
        up("d03.txt", ItemKind::Task, "K2", None, true, "2026-01-31"),
        up("d04.txt", ItemKind::Task, "K3", None, true, "2026-01-31"),
        up("d10.txt", ItemKind::Task, "K1", None, true, "2026-01-31"),
        up("d11.txt", ItemKind::Task, "K4", None, false, "2026-01-31"),
        // On a result: read with the goals, no status of its own.
        up("d09.txt", ItemKind::Target, "T30", Some(41.0), false, "2026-01-31"),
    ];
    for u in &ups {
        store.add_progress(u).await.expect("progress");
    }
    // A correction supersedes the earlier entry of its date.
    store
        .add_progress_with(&up("d08.txt", ItemKind::Target, "T34", Some(99.0), false, "2026-03-01"), None, Some(true))
        .await
        .expect("replace");
    // Results of d09-d11 report on the resolutions' goals.
    let link = |from: &str, fid: &str, to: &str, tid: &str, confidence: f64| Link {
        from: ItemRef { doc: from.into(), kind: ItemKind::Target, id: fid.into() },
        to: ItemRef { doc: to.into(), kind: ItemKind::Target, id: tid.into() },
        relation: LinkRelation::ReportsOn,
        confidence,
        state: LinkState::Proposed,
    };
    let links = [
        link("d09.txt", "T30", "d00.txt", "T30", 0.9),
        link("d10.txt", "T30", "d01.txt", "T31", 0.6),
        link("d11.txt", "T31", "d02.txt", "T32", 0.95),
        link("d10.txt", "T31", "d01.txt", "T33", 0.85),
    ];
    store.propose_links(&links, "t").await.expect("links");
    let stored = store.links().await.expect("links");
    let weak = stored.iter().find(|l| l.link.confidence < 0.8).expect("the weak link");
    store.decide_link(weak.id, LinkState::Confirmed, "t").await.expect("confirm");
    let rejected = stored.iter().find(|l| l.link.from.doc == "d11.txt").expect("d11's link");
    store.decide_link(rejected.id, LinkState::Rejected, "t").await.expect("reject");
}

both!(status_report_is_what_every_item_tracked_gives, status_report);
async fn status_report(store: Store) {
    city(&store).await;
    let mut seen = BTreeMap::new();
    for today in ["2025-11-30", "2026-06-30", "2031-01-01"] {
        for org in [None, Some("tan lac"), Some("Phường Hòa Bình"), Some("không có")] {
            for (nt, nk) in [(15, 20), (2, 1), (0, 0), (100, 100)] {
                let today = day(today);
                let want = oracle(&store, org, today, nt, nk).await;
                let got = store.status_report(org, today, nt, nk).await.expect("status");
                assert_eq!(got, want, "today {today}, org {org:?}, shown {nt}/{nk}");
                for (s, n) in &got.by_status {
                    *seen.entry(format!("{s:?}")).or_insert(0) += n;
                }
                *seen.entry("due".into()).or_insert(0) += got.due_total;
                *seen.entry("overdue tasks".into()).or_insert(0) += got.overdue_total;
                *seen.entry("listed with an id".into()).or_insert(0) +=
                    got.behind.iter().filter(|t| t.code.is_some()).count();
            }
        }
    }
    // The ledger reaches every status, due and overdue tasks, and ids for what is listed.
    for k in
        ["Achieved", "OnTrack", "AtRisk", "OffTrack", "Overdue", "NoData", "due", "overdue tasks", "listed with an id"]
    {
        assert!(seen.get(k).is_some_and(|n| *n > 0), "{k}: {seen:?}");
    }
}

both!(checks_one_organisation_at_a_time_find_what_the_whole_ledger_gives, checks_by_organisation);
/// `Store::run_checks` reads one organisation's documents at a time and compares citations across
/// the ledger at the end: its findings must be those of `theodoi_check::run` over every document
/// at once — with documents naming no organisation whose results report on a ward's goals (and a
/// ward's results on theirs), a restored document, citations of one number across wards.
async fn checks_by_organisation(store: Store) {
    city(&store).await;
    // Documents naming no organisation: a result reporting on d00's goal, a goal d04 reports on.
    for (i, file) in ["n00.txt", "n01.txt"].iter().enumerate() {
        let mut x = action_program(file, 20.0 + i as f64);
        x.org = None;
        x.doc_type = if i == 0 { DocType::BaoCaoSoKet } else { DocType::NghiQuyet };
        if i == 0 {
            x.targets[0].kind = TargetKind::Result;
            x.targets[0].achieved = Some(1.0);
        }
        x.citations[0].date = Some(format!("2024-0{}-01", i + 3));
        store.add(&import(file, &format!("n{i}"), x)).await.expect("add");
    }
    let mut restored = import("r00.txt", "r0", action_program("r00.txt", 30.0));
    restored.extraction.org = Some("Phường Nam Đồng".into());
    restored.restored = true;
    store.add(&restored).await.expect("add restored");
    let link = |from: &str, fid: &str, to: &str, tid: &str| Link {
        from: ItemRef { doc: from.into(), kind: ItemKind::Target, id: fid.into() },
        to: ItemRef { doc: to.into(), kind: ItemKind::Target, id: tid.into() },
        relation: LinkRelation::ReportsOn,
        confidence: 0.95,
        state: LinkState::Proposed,
    };
    let links = [link("n00.txt", "T10", "d00.txt", "T10"), link("d09.txt", "T31", "n01.txt", "T10")];
    store.propose_links(&links, "t").await.expect("links");
    let mut kinds = BTreeMap::new();
    for today in ["2025-11-30", "2026-06-30", "2031-01-01"] {
        for org in [None, Some("tan lac"), Some("Phường Nam Đồng"), Some("không có")] {
            let docs = store.documents(org).await.expect("documents");
            let (progress, links) = store.all_progress(&docs).await.expect("progress");
            let want = theodoi_check::run(&theodoi_check::Input {
                docs: &docs,
                progress: &progress,
                links: &links,
                today: Some(today),
            });
            let got = store.run_checks(org, today).await.expect("run checks");
            assert_eq!(got.findings, want, "today {today}, org {org:?}");
            let mut names: Vec<String> = docs.iter().map(|d| d.file.clone()).collect();
            names.sort();
            assert_eq!(got.documents, names, "org {org:?}");
            for f in &got.findings {
                *kinds.entry(f.kind.clone()).or_insert(0) += 1;
            }
        }
    }
    // The ledger reaches the checks that cross documents: citations across wards, goals off
    // track by what results report, overdue tasks.
    for k in ["citation_conflict", "target_off_track", "task_overdue"] {
        assert!(kinds.get(k).is_some_and(|n| *n > 0), "{k}: {kinds:?}");
    }
}
