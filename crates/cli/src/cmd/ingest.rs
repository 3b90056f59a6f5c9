//! `theodoi ingest`: read documents and print their structure.

use std::io::Write;

use theodoi_core::{BlockKind, Document};

/// Flags of `theodoi ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(required = true, help = crate::msg::tr("Các tệp đầu vào (txt UTF-8/UTF-16/Windows-1258/TCVN3/VNI, DOCX, PDF, PNG/JPEG/TIFF).", "Input files (txt in UTF-8/UTF-16/Windows-1258/TCVN3/VNI, DOCX, PDF, PNG/JPEG/TIFF)."))]
    pub files: Vec<std::path::PathBuf>,
    #[arg(long, help = crate::msg::tr("In mỗi văn bản dưới dạng JSON (mỗi dòng một đối tượng; lược đồ: `theodoi_core::Document`).", "Print each document as JSON (one object per line; schema: `theodoi_core::Document`)."))]
    pub json: bool,
    #[arg(long, requires = "json", help = crate::msg::tr("Với --json: thụt lề cho dễ đọc.", "With --json: indent the output."))]
    pub pretty: bool,
    #[command(flatten)]
    pub read: super::read::ReadArgs,
}

/// Run the command: every file is read; exit code 1 if any could not be.
pub fn run(args: Args) -> anyhow::Result<()> {
    let opts = args.read.options();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    for path in &args.files {
        match super::read::read_document(path, &opts) {
            Ok(doc) => {
                if args.json {
                    if args.pretty {
                        serde_json::to_writer_pretty(&mut out, &doc)?;
                    } else {
                        serde_json::to_writer(&mut out, &doc)?;
                    }
                    writeln!(out)?;
                } else {
                    print_summary(&mut out, &doc)?;
                }
            }
            Err(e) => {
                failed += 1;
                tracing::debug!(?e, "ingest failed");
                if args.files.len() > 1 {
                    eprintln!("theodoi: {} {}", crate::msg::tr("lỗi:", "error:"), crate::exit::ingest_error(&e));
                } else {
                    return Err(e.into());
                }
            }
        }
    }
    if failed > 0 {
        let total = args.files.len();
        anyhow::bail!(
            crate::msg!(vi: "không đọc được {failed}/{total} tệp", en: "{failed} of {total} files could not be read")
        );
    }
    Ok(())
}

fn print_summary(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    let s = &doc.source;
    let m = &doc.meta;
    writeln!(
        out,
        "{}  ({:?}, {}, {} bytes, {} lines)",
        doc.id,
        s.format,
        s.encoding.as_deref().unwrap_or("-"),
        s.bytes,
        doc.lines.len()
    )?;
    writeln!(
        out,
        "  type: {:?}   org: {}   parent: {}",
        m.doc_type,
        m.org.as_deref().unwrap_or("-"),
        m.parent_org.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "  number: {}   date: {}   term: {}   draft: {}   signer: {}",
        m.number.as_deref().unwrap_or("-"),
        m.date.as_deref().unwrap_or("-"),
        m.term.as_deref().unwrap_or("-"),
        m.draft,
        m.signer.as_deref().unwrap_or("-")
    )?;
    if let Some(t) = &m.title {
        writeln!(out, "  title: {t}")?;
    }
    for (i, p) in doc.parts.iter().enumerate() {
        writeln!(out, "  part {}: lines {}-{} {:?} {}", i + 1, p.span.start, p.span.end, p.doc_type, p.title)?;
    }
    for pg in &s.pages {
        let conf = pg.ocr_confidence.map(|c| format!(" ocr {c:.1}%")).unwrap_or_default();
        let span = pg.span.map(|sp| format!("lines {}-{}", sp.start, sp.end)).unwrap_or_else(|| "no text".into());
        writeln!(out, "  page {}: {span}{conf}", pg.no)?;
    }
    let count = |k: BlockKind| doc.blocks.iter().filter(|b| b.kind == k).count();
    writeln!(
        out,
        "  blocks: {} ({} headings, {} paragraphs, {} list items), {} footnotes, {} tables, {} diagnostics",
        doc.blocks.len(),
        count(BlockKind::Heading),
        count(BlockKind::Paragraph),
        count(BlockKind::ListItem),
        doc.footnotes.len(),
        doc.tables.len(),
        doc.diagnostics.len()
    )?;
    writeln!(out, "  structure:")?;
    for b in &doc.blocks {
        let span = if b.span.start == b.span.end {
            format!("{}", b.span.start)
        } else {
            format!("{}-{}", b.span.start, b.span.end)
        };
        let label = match (&b.kind, &b.heading) {
            (BlockKind::Heading, Some(h)) => {
                format!("{}{} {}", "  ".repeat(usize::from(h.level.saturating_sub(1))), h.numbering, h.title)
            }
            (BlockKind::ListItem, Some(h)) => format!(
                "{}{} {}",
                "  ".repeat(usize::from(h.level.saturating_sub(1))),
                h.numbering,
                short(&h.title, 70)
            ),
            (BlockKind::Footnote, _) => {
                let f = b.index.and_then(|i| doc.footnotes.get(i));
                let refs = f
                    .map(|f| f.refs.iter().map(|r| r.line.to_string()).collect::<Vec<_>>().join(","))
                    .unwrap_or_default();
                format!("[{}] {} (mark at line {refs})", f.map_or("?", |f| f.mark.as_str()), short(&b.text, 60))
            }
            (BlockKind::Table, _) => {
                let t = b.index.and_then(|i| doc.tables.get(i));
                format!(
                    "table: {} ({} rows)",
                    t.and_then(|t| t.title.as_deref()).unwrap_or(""),
                    t.map_or(0, |t| t.rows.len())
                )
            }
            _ => short(&b.text, 80),
        };
        writeln!(out, "    {span:>9} {:<9} {label}", format!("{:?}", b.kind).to_lowercase())?;
    }
    for d in &doc.diagnostics {
        writeln!(out, "  {:?} line {}: {}", d.severity, d.line.map_or("-".into(), |l| l.to_string()), d.message)?;
    }
    Ok(())
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}
