//! Wiring of `er-snapshots review`: the git-and-embedded-cluster `RevisionSchemas` adapter
//! handed to the domain's `review_schema_change`.

use std::path::Path;

use crate::domain::er_diagram::{GitRef, Review, SchemaName, review_schema_change};
use crate::domain::ports::revision_schemas::RevisionSchemaError;
use crate::outbound::revision_schemas::GitRevisionSchemas;

/// Reviews what the migrations in `migrations_dir` changed in `schema` since `base`.
///
/// # Errors
/// [`RevisionSchemaError`] naming the revision (and the ref or migration at fault).
pub fn review(
    migrations_dir: &Path,
    schema: &SchemaName,
    base: &GitRef,
) -> Result<Review, RevisionSchemaError> {
    let mut schemas = GitRevisionSchemas::new(migrations_dir, schema.clone())?;
    review_schema_change(&mut schemas, base)
}
