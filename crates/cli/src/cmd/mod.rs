//! One module per subcommand: parse flags, call the library, render.
pub mod add;
pub mod check;
pub mod extract;
pub mod ingest;
pub mod ledger;
pub mod link;
pub mod progress;
pub mod read;
pub mod restore;
pub mod status;
