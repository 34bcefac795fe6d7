//! The backend's one integration-test binary: one embedded cluster per test process (the
//! crate's `test-support` feature), modules per feature.

mod api;
mod er_diagram;
mod er_review;
mod er_snapshots;
mod er_snapshots_cache;
mod er_svg_portable;
mod example_data;
mod schema_baseline;
mod server;
mod support;
