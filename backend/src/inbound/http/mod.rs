//! HTTP adapter (Actix Web): the read API under `/api/v1`, its access rule, error envelope
//! and OpenAPI document.

pub mod access;
pub mod cursor;
pub mod error;
pub mod openapi;
pub mod page_query;
