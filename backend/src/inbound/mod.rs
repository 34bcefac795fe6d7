//! Inbound adapters: command-line and HTTP entry points that drive the domain.

pub mod cli;
pub mod http;
