//! Store: the ledger of documents, items, progress, findings and the audit log.
#![deny(missing_docs)]
