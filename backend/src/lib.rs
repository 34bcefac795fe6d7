//! Wildside backend: a hexagonal module tree.
//!
//! `domain` holds pure types and ports, `outbound` the adapters that implement them,
//! `inbound` the adapters that drive the domain, `startup` the composition root between them
//! and `telemetry` the logging every binary sets up.

pub mod config;
pub mod domain;
pub mod inbound;
pub mod outbound;
pub mod shutdown;
pub mod startup;
pub mod telemetry;
#[cfg(feature = "test-support")]
pub mod test_support;
