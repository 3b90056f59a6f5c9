//! `theodoi ingest`.

/// Flags of `theodoi ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
}

/// Run the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`theodoi ingest` is not built yet")
}
