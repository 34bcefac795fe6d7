//! The registry file's JSON shape: parsed as written, then validated by `validate`.
//!
//! Writing goes through [`Document`], whose field order fixes the file's key order.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::descriptor::Descriptor;
use crate::seed::NamedSeed;

/// The whole file, before validation; `version` is checked before this is built.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawRegistry {
    #[serde(rename = "version")]
    _version: IgnoredAny,
    pub(super) interest_themes: Vec<RawDescriptor>,
    pub(super) safety_toggles: Vec<RawDescriptor>,
    pub(super) seeds: Vec<RawSeed>,
}

/// One catalogue entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDescriptor {
    pub(super) id: String,
    pub(super) slug: String,
    pub(super) name: String,
}

/// One named seed as written; numbers stay raw so range errors can name their path.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawSeed {
    pub(super) name: String,
    pub(super) seed: serde_json::Number,
    pub(super) user_count: serde_json::Number,
}

/// The file as written back: key order follows field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Document<'a> {
    pub(super) version: u32,
    pub(super) interest_themes: &'a [Descriptor],
    pub(super) safety_toggles: &'a [Descriptor],
    pub(super) seeds: &'a [NamedSeed],
}
