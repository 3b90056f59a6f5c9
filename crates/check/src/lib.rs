//! Check: findings over extracted items.
#![deny(missing_docs)]
