//! Extract: from a [`theodoi_core::Document`], the items a Party office tracks —
//! targets and results, tasks, citations, organisation facts and declared counts —
//! each with its [`theodoi_core::Evidence`] (document, 1-based line span, verbatim text).
//!
//! ```
//! let doc = theodoi_extract::document_from_text(
//!     "x.txt",
//!     "2.1. Nhiệm vụ\n\n(1). Hằng năm, thu ngân sách tăng bình quân trên 08%/năm.\n",
//! );
//! let ex = theodoi_extract::extract(&doc);
//! assert_eq!(ex.targets[0].value, Some(8.0));
//! assert_eq!(ex.targets[0].unit.as_deref(), Some("%/năm"));
//! assert_eq!(ex.targets[0].evidence[0].span.start, 3);
//! ```
//!
//! The rules read the language of the documents (comparator words, "Phân công
//! thực hiện", "Cơ quan chủ trì", number grammar of cited documents), never the
//! lines of particular files. How it reads:
//!
//! - `units`: the lines re-joined into headings, list points and paragraphs (page-break
//!   and double-spacing aware) with a byte map back to every line, so each match is
//!   grounded to its exact lines; each unit knows its heading path.
//! - `targets`: a unit is *forward* (goals: "phương hướng", "nhiệm vụ", "giải pháp",
//!   "chỉ tiêu", a programme) or *backward* (a report: "kết quả", "đánh giá"; a
//!   self-review throughout) by its heading path and part. Forward clauses give one
//!   target per figure (comparator, range, unit, deadline, frequency, term); backward
//!   text gives results only where a figure is set against a chỉ tiêu.
//! - `appendix`: PHỤ LỤC tables of targets and of results (with unit_org and verdict)
//!   read from flattened text; a target stated in body and appendix is merged.
//! - `tasks`: "Phân công …" blocks, field blocks ("Cơ quan chủ trì: …"), points of
//!   "TỔ CHỨC THỰC HIỆN", unit-led directives, deliverables with a deadline.
//! - `citations`, `facts` (org facts and declared counts).
//!
//! [`to_eval`] gives the answer-key form of `shared/gold/SCHEMA.md`.
#![deny(missing_docs)]

mod appendix;
mod citations;
mod eval;
mod facts;
mod names;
mod targets;
mod tasks;
mod units;

use theodoi_core::{DocType, Document, Extraction, Line, Part};
use theodoi_text::{find_term, fold_fast as fold, nfc};

pub use eval::to_eval;

/// Build a [`Document`] from plain text (one [`Line`] per line, NFC), for tests and
/// for callers that have text but no ingest stage. Nothing of its structure is read: its
/// kind, date, parts and header are ingest's to read (`theodoi_ingest::from_text`), so such a
/// document is of kind [`DocType::Other`] and dated nowhere.
pub fn document_from_text(id: &str, text: &str) -> Document {
    let text = nfc(text);
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| Line { no: i as u32 + 1, text: l.trim_end_matches('\r').to_string(), ..Default::default() })
        .collect::<Vec<_>>();
    // a final newline does not open an extra line
    let mut lines = lines;
    if lines.len() > 1 && lines.last().is_some_and(|l| l.text.is_empty()) && text.ends_with('\n') {
        lines.pop();
    }
    Document { id: id.to_string(), lines, ..Default::default() }
}

/// Documents held in one file, as ingest read them (one owner: crates/ingest meta); a document
/// built without ingest is one part of its own kind.
fn parts_of(doc: &Document, first: DocType) -> Vec<Part> {
    if !doc.parts.is_empty() {
        return doc.parts.clone();
    }
    let n = u32::try_from(doc.lines.len()).unwrap_or(u32::MAX).max(1);
    vec![Part {
        title: doc.meta.title.clone().unwrap_or_default(),
        span: theodoi_core::LineSpan::new(1, n),
        doc_type: first,
    }]
}

/// The issuing ward ("Phường Nam Đồng") and its city ("Thành phố Hải Phòng"): the
/// names most often written after "phường"/"xã" and "thành phố"/"tỉnh" (a vote, so a
/// neighbouring ward named once does not win).
fn detect_org(doc: &Document) -> (Option<String>, Option<String>) {
    if doc.meta.org.is_some() && !doc.source.restored {
        return (doc.meta.org.clone(), doc.meta.parent_org.clone());
    }
    static ORG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i:(phường|xã))[ ]+(\p{Lu}\p{L}*(?:[ ]\p{Lu}\p{L}*){0,2})").expect("static regex")
    });
    static CITY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i:(thành phố|tỉnh))[ ]+(\p{Lu}\p{L}*(?:[ ]\p{Lu}\p{L}*){0,2})").expect("static regex")
    });
    // a name is written with single spaces on one line: it never runs across a column's gap
    // ("TỈNH THANH HÓA      CỘNG HÒA …") or into the next line's committee ("… Bắc Lâm" | "Đảng ủy …")
    let all: String = doc.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join("\n");
    let vote = |re: &regex::Regex, kinds: [(&str, &str); 2]| -> Option<String> {
        let mut counts: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
        for c in re.captures_iter(&all) {
            let (Some(k), Some(n)) = (c.get(1), c.get(2)) else { continue };
            // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (the State motto) and "Hợp tác xã …" name no commune
            let before: String =
                all[..k.start()].chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
            let before = fold(&before);
            if fold(n.as_str()).starts_with("hoi chu nghia") || before.trim_end().ends_with("hop tac") {
                continue;
            }
            let kind = if fold(k.as_str()) == fold(kinds[0].0) { kinds[0].1 } else { kinds[1].1 };
            // title case, so "LÊ ÍCH MỘC" and "Lê Ích Mộc" vote together
            let name = n
                .as_str()
                .split_whitespace()
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|f| f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            *counts.entry((kind.to_string(), name)).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(a.0 .1.len().cmp(&b.0 .1.len())))
            .map(|((k, n), _)| format!("{k} {n}"))
    };
    let org = vote(&ORG, [("phường", "Phường"), ("xã", "Xã")]);
    let parent = vote(&CITY, [("thành phố", "Thành phố"), ("tỉnh", "Tỉnh")]);
    (org, parent)
}

/// Extract every item from a document. Never panics; a document with nothing to
/// extract gives empty lists.
pub fn extract(doc: &Document) -> Extraction {
    // the kind is ingest's reading of the header, title and closing (one owner: crates/ingest meta)
    let doc_type = doc.meta.doc_type;
    // a news page's frame (trail, date line, captions, byline, related links) is no text to read
    let framed;
    let doc = if doc_type == DocType::TinBai {
        let frame = theodoi_text::news_frame(doc.lines.iter().map(|l| l.text.as_str()));
        let mut d = doc.clone();
        for (l, f) in d.lines.iter_mut().zip(frame) {
            if f {
                l.text.clear();
            }
        }
        framed = d;
        &framed
    } else {
        doc
    };
    let units = units::units(doc);
    let term = doc.meta.term.clone().or_else(|| {
        let head: String = doc.lines.iter().take(60).map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
        find_term(&head).map(|(a, b)| format!("{a}-{b}"))
    });
    let (org, parent_org) = detect_org(doc);
    let parts = parts_of(doc, doc_type);
    // each unit reads with its own part's kind (a self-review after a political report)
    let mut units = units;
    for u in units.iter_mut() {
        u.doc_type = parts.iter().find(|p| p.span.contains(u.start())).map(|p| p.doc_type).unwrap_or(doc_type);
    }
    let cx = targets::Ctx { doc, doc_type, term };
    let (mut targets, mut apps) = appendix::appendices(doc, cx.term.as_deref());
    let (more, read) = appendix::table_targets(doc, &apps, cx.term.as_deref());
    targets.extend(more);
    apps.extend(read);
    // appendix lines are read as tables, not as running text
    // (a table's title may open the unit just above its header)
    let in_app = |u: &units::Unit| {
        apps.iter().any(|a| a.span.contains(u.start()) || u.start() + 3 >= a.span.start && a.span.contains(u.end()))
            // a delimited table's rows ("| … |", tabs) are cells, never running text
            || doc.tables.iter().any(|t| {
                t.span.contains(u.start()) && doc.lines.get(u.start() as usize - 1).is_some_and(|l| l.text.contains(['|', '\t']))
            })
    };
    // tables of assignments (rebuilt by ingest): their cells are neither goals nor running text
    let (mut tasks, task_tables) = tasks::table_tasks(doc);
    let prose: Vec<units::Unit> =
        units.iter().filter(|u| !in_app(u) && !task_tables.iter().any(|s| s.contains(u.start()))).cloned().collect();
    let mut body_targets = targets::targets(&cx, &prose);
    for t in body_targets.iter_mut().chain(targets.iter_mut()) {
        t.name = names::tidy(&t.name, t.deadline.as_deref());
    }
    targets = targets::merge(body_targets, targets);
    tasks.extend(tasks::tasks(doc, &prose, doc_type));
    tasks.sort_by_key(|t| t.evidence.first().map(|e| e.span.start).unwrap_or(0));
    for (i, t) in tasks.iter_mut().enumerate() {
        t.id = format!("K{}", i + 1);
    }
    Extraction {
        doc: doc.id.clone(),
        doc_type,
        parts,
        org,
        parent_org,
        targets,
        tasks,
        citations: citations::citations(doc, &units),
        facts: facts::facts(doc, &units),
        declared_counts: facts::declared_counts(doc, &prose),
    }
}
