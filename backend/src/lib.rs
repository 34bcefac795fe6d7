//! Wildside backend: a hexagonal module tree.
//!
//! `domain` holds pure types and ports, `outbound` the adapters that implement them,
//! `inbound` the adapters that drive the domain.

pub mod config;
pub mod domain;
pub mod inbound;
pub mod outbound;
