//! Ingest: any document a ward office has becomes one [`theodoi_core::Document`].
#![deny(missing_docs)]
