//! `theodoi backup PATH`: a consistent copy of the whole ledger in one file.

use std::io::Write;

use super::ledger::{block_on, open_existing, DbArgs};

/// Flags of `theodoi backup`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(help = crate::msg::tr("Tệp mới để ghi bản sao (chưa có).", "The new file to write (must not exist)."))]
    pub path: String,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(async move {
        let store = open_existing(&args.db).await?;
        let result = store.backup(&args.path).await;
        store.close().await;
        result?;
        let path = &args.path;
        writeln!(
            std::io::stdout().lock(),
            "{}",
            crate::msg!(vi: "đã sao lưu sổ theo dõi vào {path}", en: "ledger backed up to {path}")
        )?;
        anyhow::Ok(())
    })?
}
