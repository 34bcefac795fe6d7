//! Deterministic demo data for the Wildside backend.
//!
//! Independent of the backend's domain types; generators arrive with the sample-data issue.
