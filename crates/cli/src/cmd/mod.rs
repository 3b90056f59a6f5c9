//! One module per subcommand: parse flags, call the library, render.
pub mod extract;
pub mod ingest;
pub mod restore;
