//! Restore: turn badly OCR'd Vietnamese back into correct Vietnamese.
#![deny(missing_docs)]
