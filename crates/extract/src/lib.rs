//! Extract: from a [`theodoi_core::Document`], the items a Party office tracks.
#![deny(missing_docs)]
