//! Outbound adapters: implementations of domain ports over infrastructure.

pub mod persistence;
