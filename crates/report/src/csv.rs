//! Every entity with its evidence as one CSV table (UTF-8 with a byte-order mark, so Excel reads the
//! Vietnamese letters): targets, results, tasks, citations, facts, declared counts, findings — one row
//! each, with the document, the lines and the words it is read from. Figures are written as offices
//! write them ("13,7", "1.100"); the `--format json` export carries them as numbers.

use crate::{
    category_vi, target_status_vi, task_status_vi, verdict_vi, vi_date, vi_num, ReportError, Snapshot, Source,
};

/// The columns, in order.
pub const HEADER: [&str; 15] = [
    "loai",
    "ma",
    "van_ban",
    "ten_noi_dung",
    "linh_vuc",
    "muc_tieu",
    "gia_tri",
    "don_vi",
    "thuc_hien",
    "danh_gia",
    "chu_tri",
    "phoi_hop",
    "thoi_han",
    "dong",
    "nguyen_van",
];

/// Write the table of `snap` to `out`.
pub fn write_to(snap: &Snapshot, out: impl std::io::Write) -> Result<(), ReportError> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes()).map_err(|source| ReportError::Io { path: "csv".into(), source })?;
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    let rows = snap.rows();
    let n = |v: Option<f64>| v.map(vi_num).unwrap_or_default();
    let d = |v: &Option<String>| v.as_deref().map(vi_date).unwrap_or_default();
    let rec = |w: &mut ::csv::Writer<_>, f: [&str; 12], s: &Source| -> Result<(), ::csv::Error> {
        let lines = s.lines();
        let mut r: Vec<&str> = vec![f[0], f[1], &s.doc];
        r.extend_from_slice(&f[2..]);
        r.push(&lines);
        r.push(s.text());
        w.write_record(&r)
    };
    for t in &rows.targets {
        let latest = t.latest.as_ref().map(|l| vi_num(l.0)).unwrap_or_default();
        let dl = d(&t.deadline);
        rec(
            &mut w,
            [
                "chi_tieu",
                &t.code,
                &t.name,
                category_vi(&t.category),
                &t.target_text,
                &n(t.value),
                &t.unit,
                &latest,
                target_status_vi(t.status),
                "",
                "",
                &dl,
            ],
            &t.source,
        )?;
    }
    for r in &rows.results {
        let verdict = r.verdict.or(r.implied).map(verdict_vi).unwrap_or("");
        rec(
            &mut w,
            [
                "ket_qua",
                &r.code,
                &r.name,
                category_vi(&r.category),
                &r.target_text,
                &n(r.value),
                &r.unit,
                &n(r.achieved),
                verdict,
                "",
                "",
                "",
            ],
            &r.source,
        )?;
    }
    for k in &rows.tasks {
        let dl = d(&k.deadline);
        rec(
            &mut w,
            // a task's goal (muc_tieu) is the result or product it must deliver
            [
                "nhiem_vu",
                &k.code,
                &k.what,
                "",
                &k.product,
                "",
                "",
                "",
                task_status_vi(k.status),
                &k.lead,
                &k.partners,
                &dl,
            ],
            &k.source,
        )?;
    }
    for c in &rows.citations {
        let date = d(&c.date);
        let name = format!("{} {}", c.kind, c.number).trim().to_string();
        rec(&mut w, ["van_ban_dan", &c.number, &name, "", "", "", "", "", "", &c.issuer, "", &date], &c.source)?;
    }
    for doc in &snap.docs {
        for f in &doc.extraction.facts {
            let s = Source { doc: doc.file.clone(), evidence: vec![f.evidence.clone()] };
            let as_of = d(&f.as_of);
            rec(
                &mut w,
                [
                    "so_lieu",
                    "",
                    &f.fact,
                    "",
                    "",
                    &vi_num(f.value),
                    "",
                    "",
                    "",
                    f.unit_org.as_deref().unwrap_or(""),
                    "",
                    &as_of,
                ],
                &s,
            )?;
        }
        for c in &doc.extraction.declared_counts {
            let s = Source { doc: doc.file.clone(), evidence: vec![c.evidence.clone()] };
            rec(&mut w, ["so_dem", "", &c.what, "", &n(c.of), &vi_num(c.value), "", "", "", "", "", ""], &s)?;
        }
    }
    for f in &rows.findings {
        for (i, e) in f.evidence.iter().enumerate() {
            let s = Source { doc: e.doc.clone(), evidence: vec![e.clone()] };
            let code = if i == 0 { f.code.clone() } else { format!("{} ({})", f.code, i + 1) };
            rec(&mut w, ["phat_hien", &code, &f.message, "", "", "", "", "", f.state, f.severity, &f.review, ""], &s)?;
        }
    }
    w.flush().map_err(|source| ReportError::Io { path: "csv".into(), source })?;
    Ok(())
}
