//! `theodoi link [list|confirm ID|reject ID]`: review the links proposed between documents.

use std::io::Write;
use theodoi_core::LinkState;

use super::ledger::{block_on, open_existing, DbArgs};

/// Flags of `theodoi link`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(default_value = "list", help = crate::msg::tr("`list` (mặc định: liệt kê), `confirm` (xác nhận) hoặc `reject` (bác bỏ).", "`list` (default), `confirm`, or `reject`."))]
    pub action: String,
    #[arg(help = crate::msg::tr("Mã liên kết, cho confirm/reject.", "Link id, for confirm/reject."))]
    pub id: Option<i64>,
    #[arg(long, default_value = "cli", help = crate::msg::tr("Người quyết định.", "Who decides."))]
    pub user: String,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(async move {
        let store = open_existing(&args.db).await?;
        let result = run_on(&store, &args).await;
        store.close().await;
        result
    })?
}

async fn run_on(store: &theodoi_store::Store, args: &Args) -> anyhow::Result<()> {
    {
        let mut out = std::io::stdout().lock();
        let state = match args.action.as_str() {
            "list" => None,
            "confirm" => Some(LinkState::Confirmed),
            "reject" => Some(LinkState::Rejected),
            other => anyhow::bail!("link action `{other}`: expected list, confirm ID or reject ID"),
        };
        if let Some(state) = state {
            let id = args.id.ok_or_else(|| anyhow::anyhow!("give the link id: theodoi link {} ID", args.action))?;
            store.decide_link(id, state, &args.user).await?;
            writeln!(out, "link {id}: {}", args.action)?;
            return Ok(());
        }
        for l in store.links().await? {
            let k = &l.link;
            writeln!(
                out,
                "{:>4}  {:?}  {:.2}  {}:{} → {}:{}  {:?}",
                l.id, k.state, k.confidence, k.from.doc, k.from.id, k.to.doc, k.to.id, k.relation
            )?;
        }
        Ok(())
    }
}
