//! `theodoi finding review ID --state confirmed|dismissed --note …`: review a finding.

use std::io::Write;

use super::ledger::{block_on, open_existing, DbArgs};

/// Flags of `theodoi finding`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with findings.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Confirm or dismiss a finding (a dismissed finding stays dismissed when checks run again).
    Review {
        /// The finding's id as `check` prints it (PH12).
        id: String,
        /// confirmed or dismissed.
        #[arg(long, value_parser = ["confirmed", "dismissed"])]
        state: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// Who reviews (recorded in the audit log).
        #[arg(long, default_value = "cli")]
        user: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let Action::Review { id, state, note, user, db } = args.action;
    block_on(async move {
        let store = open_existing(&db).await?;
        let result = store.review_finding(&id, &state, note.as_deref(), &user).await;
        store.close().await;
        let f = result?;
        let message = match crate::msg::lang() {
            crate::msg::Lang::Vi => &f.finding.message_vi,
            crate::msg::Lang::En => &f.finding.message_en,
        };
        writeln!(
            std::io::stdout().lock(),
            "{} {} → {} ({user}): {message}",
            f.code,
            theodoi_check::kind_label(&f.finding.kind, crate::msg::lang() == crate::msg::Lang::Vi),
            f.state
        )?;
        anyhow::Ok(())
    })?
}
