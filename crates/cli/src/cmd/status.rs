//! `theodoi status [--org X]`: targets by status, tasks due soon and overdue, open findings.

use std::collections::BTreeMap;
use std::io::Write;

use theodoi_core::{ItemKind, TargetKind, TargetStatus, TaskStatus};

use super::ledger::{all_progress, block_on, open, today, DbArgs};

/// Flags of `theodoi status`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only documents of this organisation (diacritics optional).
    #[arg(long)]
    pub org: Option<String>,
    /// Report as of this date instead of today.
    #[arg(long)]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

fn label(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Achieved => "đạt / achieved",
        TargetStatus::OnTrack => "đúng tiến độ / on track",
        TargetStatus::AtRisk => "có nguy cơ / at risk",
        TargetStatus::OffTrack => "chậm / off track",
        TargetStatus::Overdue => "quá hạn / overdue",
        TargetStatus::NoData => "chưa có số liệu / no data",
    }
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(run_async(args))?
}

async fn run_async(args: Args) -> anyhow::Result<()> {
    let store = open(&args.db).await?;
    let today = today(args.today.as_deref())?;
    let docs = store.documents(args.org.as_deref()).await?;
    let (progress, _) = all_progress(&store, &docs).await?;
    let mut by_status: BTreeMap<TargetStatus, usize> = BTreeMap::new();
    let mut due = Vec::new();
    let mut overdue = Vec::new();
    let mut behind = Vec::new();
    for d in &docs {
        for t in d.extraction.targets.iter().filter(|t| t.kind == TargetKind::Target) {
            let ups: Vec<_> = progress
                .iter()
                .filter(|u| u.item.doc == d.file && u.item.kind == ItemKind::Target && u.item.id == t.id)
                .collect();
            let track = theodoi_check::target_status(t, &ups, today);
            *by_status.entry(track.status).or_default() += 1;
            if matches!(track.status, TargetStatus::AtRisk | TargetStatus::OffTrack | TargetStatus::Overdue) {
                behind.push((track.status, d.file.as_str(), t, track.last));
            }
        }
        for k in &d.extraction.tasks {
            let ups: Vec<_> = progress
                .iter()
                .filter(|u| u.item.doc == d.file && u.item.kind == ItemKind::Task && u.item.id == k.id)
                .collect();
            let dl = k.deadline.as_deref().and_then(theodoi_check::deadline_date);
            match theodoi_check::task_status(k.deadline.as_deref(), &ups, today) {
                TaskStatus::Overdue => overdue.push((dl, d.file.as_str(), k)),
                TaskStatus::Open if dl.is_some_and(|x| (x - today).num_days() <= 30) => {
                    due.push((dl, d.file.as_str(), k))
                }
                _ => {}
            }
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "Sổ theo dõi / ledger: {} — {} documents, as of {today}", store.location(), docs.len())?;
    writeln!(out, "\nChỉ tiêu theo tình trạng / targets by status:")?;
    if by_status.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for (s, n) in &by_status {
        writeln!(out, "  {n:>4}  {}", label(*s))?;
    }
    behind.sort_by_key(|(s, f, t, _)| (std::cmp::Reverse(*s), f.to_string(), t.id.clone()));
    for (s, f, t, last) in behind.iter().take(15) {
        let name: String = t.name.chars().take(70).collect();
        let last = last.map(|v| format!("{v}")).unwrap_or_else(|| "—".into());
        writeln!(
            out,
            "    {}:{}  {name}: {last} / {}  [{}]",
            f,
            t.id,
            t.target_text.as_deref().unwrap_or(""),
            label(*s)
        )?;
    }
    show(&mut out, "Nhiệm vụ đến hạn trong 30 ngày / tasks due within 30 days", &mut due)?;
    show(&mut out, "Nhiệm vụ quá hạn / overdue tasks", &mut overdue)?;
    let findings = store.open_findings().await?;
    let errors = findings.iter().filter(|f| f.finding.severity == theodoi_core::Severity::Error).count();
    writeln!(
        out,
        "\nPhát hiện chưa xử lý / open findings: {} ({errors} errors) — `theodoi check` for details",
        findings.len()
    )?;
    Ok(())
}

type TaskLine<'a> = (Option<chrono::NaiveDate>, &'a str, &'a theodoi_core::Task);

fn show(out: &mut impl Write, title: &str, list: &mut [TaskLine]) -> std::io::Result<()> {
    list.sort_by_key(|(d, f, _)| (*d, f.to_string()));
    writeln!(out, "\n{title}: {}", list.len())?;
    for (d, f, k) in list.iter().take(20) {
        let what: String = k.what.chars().take(80).collect();
        let dl = d.map(|x| x.to_string()).unwrap_or_default();
        writeln!(out, "  {dl}  {f}:{}  {what} — {}", k.id, k.lead.as_deref().unwrap_or("?"))?;
    }
    if list.len() > 20 {
        writeln!(out, "  … {} more", list.len() - 20)?;
    }
    Ok(())
}
