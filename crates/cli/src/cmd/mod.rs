//! One module per subcommand: parse flags, call the library, render.
pub mod add;
pub mod backup;
pub mod check;
pub mod extract;
pub mod finding;
pub mod ingest;
pub mod ledger;
pub mod link;
pub mod list;
pub mod progress;
pub mod read;
pub mod restore;
pub mod show;
pub mod status;
pub mod view;
