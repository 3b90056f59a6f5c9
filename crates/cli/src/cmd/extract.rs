//! `theodoi extract`.

/// Flags of `theodoi extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
}

/// Run the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`theodoi extract` is not built yet")
}
