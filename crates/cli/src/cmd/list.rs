//! `theodoi list targets|tasks|citations|findings|documents|units`: the ledger as aligned tables that
//! fit the terminal, or `--json`.

use serde_json::{json, Value};
use std::io::Write;

use super::ledger::{block_on, open_existing, today, DbArgs};
use super::view::{category_matches, items, parse_days, stem, Item, What};
use crate::layout::{table, terminal_width, Align};
use crate::msg::{self, tr};

/// What to list.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    #[value(help = tr("Chỉ tiêu và kết quả.", "Targets and results."))]
    Targets,
    #[value(help = tr("Nhiệm vụ.", "Tasks."))]
    Tasks,
    #[value(help = tr("Văn bản được dẫn.", "Cited documents."))]
    Citations,
    #[value(help = tr("Phát hiện chưa xử lý của lần kiểm tra gần nhất.", "Open findings of the last check."))]
    Findings,
    #[value(help = tr("Văn bản trong sổ.", "Documents in the ledger."))]
    Documents,
    #[value(help = tr(
        "Mọi xã, phường của tỉnh, thành phố (--org \"Hải Phòng\"; mặc định: các tỉnh, thành phố có văn bản trong sổ), kể cả đơn vị chưa gửi văn bản.",
        "Every commune and ward of a province or city (--org \"Hải Phòng\"; default: those the ledger's documents belong to), including those that sent no document."
    ))]
    Units,
}

/// Flags of `theodoi list`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_enum, help = tr("Cần liệt kê gì.", "What to list."))]
    pub what: Kind,
    #[arg(long, help = tr(
        "Chỉ các văn bản của tổ chức này (có thể gõ không dấu: \"Dong Son Ha\").",
        "Only documents of this organisation (diacritics optional: \"Dong Son Ha\")."
    ))]
    pub org: Option<String>,
    #[arg(long, help = tr(
        "Chỉ mục có tình trạng này: \"quá hạn\", \"đúng tiến độ\", \"chưa có số liệu\", \"hoàn thành\"… (hoặc tiếng Anh).",
        "Only items with this status: overdue, on_track, at_risk, no_data, open, done, result."
    ))]
    pub status: Option<String>,
    #[arg(long, value_name = "30d", help = tr(
        "Chỉ mục đến hạn trong khoảng này kể từ hôm nay: 30d, 2 tuần, 3 tháng.",
        "Only items due within this period from today: 30d, 2w, 3m."
    ))]
    pub due_within: Option<String>,
    #[arg(long, help = tr(
        "Chỉ chỉ tiêu thuộc lĩnh vực này: \"kinh tế\", \"xây dựng Đảng\", economy, party…",
        "Only targets of this category: economy, party, culture_society, urban, admin_reform…"
    ))]
    pub category: Option<String>,
    #[arg(long, help = tr(
        "In mảng JSON (mỗi mục: id, name, value, unit, deadline, status, latest_value, document, lines).",
        "Print a JSON array (each item: id, name, value, unit, deadline, status, latest_value, document, lines)."
    ))]
    pub json: bool,
    #[arg(long, help = tr(
        "Tính tình trạng đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Compute statuses as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(run_async(args))?
}

/// "doc:31" or "doc:22-26".
pub fn source(doc: &str, lines: Option<(u32, u32)>) -> String {
    match lines {
        Some(_) => format!("{}:{}", stem(doc), span(lines)),
        None => stem(doc).to_string(),
    }
}

/// "31" or "22-26".
pub fn span(lines: Option<(u32, u32)>) -> String {
    match lines {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
        None => String::new(),
    }
}

/// A value with its unit: "13,7 %", "1.100 đảng viên".
pub fn figure(v: Option<f64>, unit: Option<&str>) -> String {
    match (v, unit) {
        (Some(v), Some(u)) if u.starts_with('%') => format!("{}{u}", msg::num(v)),
        (Some(v), Some(u)) => format!("{} {u}", msg::num(v)),
        (Some(v), None) => msg::num(v),
        (None, _) => String::new(),
    }
}

fn lines_json(lines: Option<(u32, u32)>) -> Value {
    match lines {
        Some((a, b)) => json!([a, b]),
        None => Value::Null,
    }
}

async fn run_async(args: Args) -> anyhow::Result<()> {
    let store = open_existing(&args.db).await?;
    let today = today(args.today.as_deref())?;
    let due_days = args.due_within.as_deref().map(parse_days).transpose()?;
    let width = terminal_width();
    let mut out = std::io::stdout().lock();
    let cap = 28;
    match args.what {
        Kind::Targets | Kind::Tasks => {
            // The items without their evidence (the versions' summaries), each with where it is
            // first read: what the list shows, without parsing every extraction in full.
            let mut docs = store.tracked(args.org.as_deref()).await?;
            let first = store.first_evidence().await?;
            for d in &mut docs {
                let at = |kind, id: &str| {
                    let key = theodoi_core::ItemRef { doc: d.file.clone(), kind, id: id.to_string() };
                    first.get(&key).cloned().into_iter().collect::<Vec<_>>()
                };
                for t in &mut d.extraction.targets {
                    t.evidence = at(theodoi_core::ItemKind::Target, &t.id);
                }
                for k in &mut d.extraction.tasks {
                    k.evidence = at(theodoi_core::ItemKind::Task, &k.id);
                }
            }
            let (progress, _) = store.all_progress(&docs).await?;
            let codes = super::view::codes(&store).await?;
            let all = items(&docs, &progress, &codes);
            let want_task = args.what == Kind::Tasks;
            let chosen: Vec<&Item> = all
                .iter()
                .filter(|i| matches!(i.what, What::Task(_)) == want_task)
                .filter(|i| args.status.as_deref().is_none_or(|s| i.status(today).matches(s)))
                .filter(|i| {
                    due_days
                        .is_none_or(|n| i.deadline_date().is_some_and(|d| d >= today && (d - today).num_days() <= n))
                })
                .filter(|i| match (&args.category, &i.what) {
                    (None, _) => true,
                    (Some(c), What::Target(t)) => category_matches(t.category.as_deref(), c),
                    (Some(_), What::Task(_)) => false,
                })
                .collect();
            if args.json {
                let v: Vec<Value> = chosen.iter().map(|i| item_json(i, today)).collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                return Ok(());
            }
            if chosen.is_empty() {
                writeln!(out, "{}", tr("(không có mục nào)", "(nothing to list)"))?;
                return Ok(());
            }
            let text = if want_task {
                let rows: Vec<Vec<String>> = chosen
                    .iter()
                    .map(|i| {
                        let What::Task(k) = i.what else { return vec![] };
                        // the expected result (kết quả/sản phẩm) under the task it belongs to: a
                        // column of its own would leave the task a narrow strip at 100 columns
                        let what = match &k.product {
                            Some(p) => format!("{} → {} {p}", k.what, tr("sản phẩm:", "product:")),
                            None => k.what.clone(),
                        };
                        vec![
                            i.id.clone(),
                            what,
                            k.lead.clone().unwrap_or_default(),
                            i.deadline().map(msg::date).unwrap_or_default(),
                            i.status(today).label().to_string(),
                            span(i.lines()),
                        ]
                    })
                    .collect();
                let h = [
                    tr("MÃ", "ID"),
                    tr("NHIỆM VỤ", "TASK"),
                    tr("CHỦ TRÌ", "LEAD"),
                    tr("HẠN", "DUE"),
                    tr("TÌNH TRẠNG", "STATUS"),
                    tr("DÒNG", "LINES"),
                ];
                table(&h, &[Align::Left; 6], &rows, 1, width, cap, &[3, 4, 5])
            } else {
                let rows: Vec<Vec<String>> = chosen
                    .iter()
                    .map(|i| {
                        let What::Target(t) = i.what else { return vec![] };
                        let goal = t.target_text.clone().unwrap_or_else(|| figure(t.value, t.unit.as_deref()));
                        vec![
                            i.id.clone(),
                            t.name.clone(),
                            goal,
                            i.deadline().map(msg::date).unwrap_or_default(),
                            i.latest_value().map(msg::num).unwrap_or_default(),
                            i.status(today).label().to_string(),
                            span(i.lines()),
                        ]
                    })
                    .collect();
                let h = [
                    tr("MÃ", "ID"),
                    tr("CHỈ TIÊU", "TARGET"),
                    tr("MỤC TIÊU", "GOAL"),
                    tr("HẠN", "DUE"),
                    tr("MỚI NHẤT", "LATEST"),
                    tr("TÌNH TRẠNG", "STATUS"),
                    tr("DÒNG", "LINES"),
                ];
                use Align::*;
                table(&h, &[Left, Left, Left, Left, Right, Left, Left], &rows, 1, width, cap, &[3, 4, 5, 6])
            };
            write!(out, "{text}")?;
            writeln!(out, "{}", msg::counted(chosen.len(), "mục", "item", "items"))?;
        }
        Kind::Citations => {
            let docs = store.documents(args.org.as_deref()).await?;
            let mut rows = Vec::new();
            let mut js = Vec::new();
            for d in &docs {
                for c in &d.extraction.citations {
                    let lines = c.evidence.first().map(|e| (e.span.start, e.span.end));
                    js.push(json!({
                        "id": c.number, "name": c.kind.as_deref().map(|k| format!("{k} {}", c.number)).unwrap_or(c.number.clone()),
                        "value": null, "unit": null, "deadline": null, "status": null, "latest_value": null,
                        "kind": c.kind, "date": c.date, "issuer": c.issuer, "occurrences": c.evidence.len(),
                        "document": d.file, "lines": lines_json(lines),
                    }));
                    rows.push(vec![
                        c.number.clone(),
                        c.kind.clone().unwrap_or_default(),
                        c.date.as_deref().map(msg::date).unwrap_or_default(),
                        c.issuer.clone().unwrap_or_default(),
                        source(&d.file, lines),
                    ]);
                }
            }
            if args.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&js)?)?;
                return Ok(());
            }
            let h = [
                tr("SỐ", "NUMBER"),
                tr("LOẠI", "KIND"),
                tr("NGÀY", "DATE"),
                tr("CƠ QUAN BAN HÀNH", "ISSUER"),
                tr("NGUỒN", "SOURCE"),
            ];
            write!(out, "{}", table(&h, &[Align::Left; 5], &rows, 3, width, cap, &[0, 2]))?;
            writeln!(out, "{}", msg::counted(rows.len(), "văn bản được dẫn", "citation", "citations"))?;
        }
        Kind::Findings => {
            let names = store.document_names(args.org.as_deref()).await?;
            let files: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
            let found: Vec<_> = store
                .open_findings()
                .await?
                .into_iter()
                .filter(|f| f.finding.evidence.iter().any(|e| files.contains(e.doc.as_str())))
                .collect();
            if args.json {
                let js: Vec<Value> = found
                    .iter()
                    .map(|f| {
                        let e = f.finding.evidence.first();
                        json!({
                            "id": theodoi_store::finding_code(f.id), "name": msg::finding(&f.finding), "kind": f.finding.kind,
                            "severity": f.finding.severity, "value": null, "unit": null, "deadline": null,
                            "status": f.state, "latest_value": null, "first_seen": f.first_seen,
                            "document": e.map(|e| e.doc.clone()), "lines": lines_json(e.map(|e| (e.span.start, e.span.end))),
                        })
                    })
                    .collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&js)?)?;
                return Ok(());
            }
            let rows: Vec<Vec<String>> = found
                .iter()
                .map(|f| {
                    let e = f.finding.evidence.first();
                    vec![
                        theodoi_store::finding_code(f.id),
                        msg::severity(f.finding.severity).to_string(),
                        msg::finding(&f.finding).to_string(),
                        e.map(|e| source(&e.doc, Some((e.span.start, e.span.end)))).unwrap_or_default(),
                    ]
                })
                .collect();
            if rows.is_empty() {
                writeln!(
                    out,
                    "{}",
                    tr(
                        "Không có phát hiện nào chưa xử lý (chạy `theodoi check`).",
                        "No open findings (run `theodoi check`)."
                    )
                )?;
                return Ok(());
            }
            let h = [tr("MÃ", "ID"), tr("MỨC", "LEVEL"), tr("NỘI DUNG", "FINDING"), tr("NGUỒN", "SOURCE")];
            write!(out, "{}", table(&h, &[Align::Left; 4], &rows, 2, width, cap, &[0, 1]))?;
            writeln!(out, "{}", msg::counted(rows.len(), "phát hiện", "finding", "findings"))?;
        }
        Kind::Units => units(&mut out, &store, &args, width).await?,
        Kind::Documents => {
            // Each document's summary (organisation, kind, targets and tasks) and its citations
            // counted: no extraction parsed in full.
            let docs = store.tracked(args.org.as_deref()).await?;
            let cited = store.citation_counts().await?;
            let citations = |d: &theodoi_core::LedgerDocument| cited.get(&d.file).copied().unwrap_or(0);
            if args.json {
                let js: Vec<Value> = docs
                    .iter()
                    .map(|d| {
                        let x = &d.extraction;
                        json!({
                            "id": stem(&d.file), "name": d.file, "value": null, "unit": null, "deadline": null,
                            "status": null, "latest_value": null, "document": d.file, "lines": null,
                            "doc_type": x.doc_type, "org": x.org, "parent_org": x.parent_org, "date": d.date,
                            "version": d.version, "restored": d.restored, "targets": x.targets.len(), "tasks": x.tasks.len(),
                            "citations": citations(d),
                            // The unit as the ledger keeps it: the official list's, or a clerk's mapping.
                            "unit_code": d.org_key.as_deref().and_then(|k| k.strip_prefix("unit:")),
                        })
                    })
                    .collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&js)?)?;
                return Ok(());
            }
            let rows: Vec<Vec<String>> = docs
                .iter()
                .map(|d| {
                    let x = &d.extraction;
                    vec![
                        d.file.clone(),
                        x.org.clone().unwrap_or_default(),
                        d.date.as_deref().map(msg::date).unwrap_or_default(),
                        d.version.to_string(),
                        msg::num(x.targets.len() as f64),
                        msg::num(x.tasks.len() as f64),
                        msg::num(citations(d) as f64),
                    ]
                })
                .collect();
            let h = [
                tr("TỆP", "FILE"),
                tr("TỔ CHỨC", "ORGANISATION"),
                tr("NGÀY", "DATE"),
                tr("PHIÊN BẢN", "VERSION"),
                tr("CHỈ TIÊU", "TARGETS"),
                tr("NHIỆM VỤ", "TASKS"),
                tr("DẪN", "CITED"),
            ];
            use Align::*;
            write!(
                out,
                "{}",
                table(&h, &[Left, Left, Left, Right, Right, Right, Right], &rows, 1, width, 40, &[0, 2, 3, 4, 5, 6])
            )?;
            writeln!(out, "{}", msg::counted(rows.len(), "văn bản", "document", "documents"))?;
            super::status::unmatched(&mut out, &store, args.org.as_deref(), width).await?;
        }
    }
    Ok(())
}

/// `list units [--org CITY]`: every commune and ward of the city on the official list — of each
/// city the ledger's documents belong to, without `--org` — with how many documents each sent.
async fn units(out: &mut impl Write, store: &theodoi_store::Store, args: &Args, width: usize) -> anyhow::Result<()> {
    let city_of = |c: &str| {
        theodoi_units::by_code(c).or_else(|| theodoi_units::lookup(c).unit()).filter(|u| u.kind.is_province_level())
    };
    let cities: Vec<&'static theodoi_units::Unit> = match args.org.as_deref() {
        Some(c) => match city_of(c) {
            Some(u) => vec![u],
            None => anyhow::bail!(crate::msg!(
                vi: "\"{c}\" không phải tỉnh, thành phố trong danh mục đơn vị hành chính 2025 (ví dụ: --org \"Hải Phòng\", --org 31)",
                en: "\"{c}\" is not a province or city of the 2025 list of administrative units (e.g. --org \"Hải Phòng\", --org 31)"
            )),
        },
        None => {
            let mut codes: Vec<String> =
                store.organisations().await?.into_iter().filter_map(|o| o.unit_code).filter(|c| c.len() == 2).collect();
            codes.sort();
            codes.dedup();
            codes.iter().filter_map(|c| theodoi_units::by_code(c)).collect()
        }
    };
    let mut js = Vec::new();
    for (i, city) in cities.iter().enumerate() {
        let units = store.units_of_city(city.code).await?;
        if args.json {
            js.extend(units.iter().map(|u| {
                json!({
                    "id": u.code, "name": u.name, "kind": u.kind, "province": city.name, "province_code": city.code,
                    "organisation": u.organisation, "documents": u.documents,
                })
            }));
            continue;
        }
        let sent = units.iter().filter(|u| u.documents > 0).count();
        let (name, code, n, none) = (city.name, city.code, units.len(), units.len() - sent);
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}",
            crate::msg!(
                vi: "{name} ({code}): {n} xã, phường, đặc khu — {sent} đã gửi văn bản, {none} chưa gửi",
                en: "{name} ({code}): {n} communes, wards and special zones — {sent} sent documents, {none} sent none"
            )
        )?;
        let rows: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                let docs = if u.documents > 0 { msg::num(u.documents as f64) } else { "—".to_string() };
                vec![u.code.clone(), u.name.clone(), docs]
            })
            .collect();
        let h = [tr("MÃ", "CODE"), tr("ĐƠN VỊ", "UNIT"), tr("VĂN BẢN", "DOCUMENTS")];
        write!(out, "{}", table(&h, &[Align::Left, Align::Left, Align::Right], &rows, 1, width, 40, &[0, 2]))?;
    }
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&js)?)?;
    } else if cities.is_empty() {
        writeln!(
            out,
            "{}",
            tr(
                "Sổ chưa có văn bản của đơn vị nào trong danh mục đơn vị hành chính; xem một tỉnh, thành phố: --org \"Hải Phòng\".",
                "No document in the ledger belongs to a unit of the list of administrative units; see a province or city with --org \"Hải Phòng\"."
            )
        )?;
    }
    Ok(())
}

/// One target, result or task as JSON.
pub fn item_json(i: &Item, today: chrono::NaiveDate) -> Value {
    let st = i.status(today);
    let mut v = json!({
        "id": i.id, "kind": match i.what { What::Target(t) if t.kind == theodoi_core::TargetKind::Result => "result", What::Target(t) if t.kind == theodoi_core::TargetKind::Reading => "reading", What::Target(_) => "target", What::Task(_) => "task" },
        "name": i.name(), "deadline": i.deadline(), "status": st.key(), "status_label": st.label(),
        "latest_value": i.latest_value(), "document": i.doc.file, "position": i.position(), "lines": lines_json(i.lines()),
        "org": i.doc.extraction.org,
    });
    match i.what {
        What::Target(t) => {
            v["value"] = json!(t.value);
            v["value_max"] = json!(t.value_max);
            v["unit"] = json!(t.unit);
            v["comparator"] = json!(t.comparator);
            v["target_text"] = json!(t.target_text);
            v["category"] = json!(t.category);
            v["term"] = json!(t.term);
            v["achieved"] = json!(t.achieved);
        }
        What::Task(k) => {
            v["value"] = Value::Null;
            v["unit"] = Value::Null;
            v["lead"] = json!(k.lead);
            v["partners"] = json!(k.partners);
            v["deadline_text"] = json!(k.deadline_text);
            v["product"] = json!(k.product);
        }
    }
    v
}
