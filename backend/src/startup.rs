//! The composition root: turns validated settings into adapters and hands them to the domain.
//!
//! Inbound adapters (the CLIs, the HTTP server) call only this module and the domain; it is
//! the one place that names the outbound adapters.

pub mod cached_cluster;
pub mod database;
pub mod er_review;
pub mod er_snapshots;
pub mod migrate_check;
pub mod read_api;
pub mod release_after_read;
pub mod seeding;
pub mod server;

pub use crate::outbound::embedded_postgres::EmbeddedOptions;
pub use crate::outbound::persistence::database_url::{DatabaseUrl, DatabaseUrlError};
pub use crate::outbound::persistence::pool::DbPool;
pub use crate::outbound::provision::DatabaseSource;
