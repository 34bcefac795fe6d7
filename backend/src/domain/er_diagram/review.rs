//! The schema-change review: migrated schema at a base revision against the working tree's,
//! as one Markdown report.
//!
//! Generic over [`RevisionSchemas`], so unit tests use in-memory schemas.

use super::git_ref::GitRef;
use super::model::DIESEL_MIGRATIONS_TABLE;
use super::normalise::normalise;
use super::review_report::{ReviewSides, render_review};
use super::schema_diff::diff_schemas;
use crate::domain::ports::revision_schemas::{Revision, RevisionSchemaError, RevisionSchemas};

/// A finished review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The Markdown report (one line when nothing changed).
    pub report: String,
    /// Whether the schemas differ.
    pub changed: bool,
}

/// Builds both schemas through `schemas` (base first) and reports what changed.
///
/// # Errors
///
/// [`RevisionSchemaError`] from the port, naming the revision that failed.
pub fn review_schema_change(
    schemas: &mut impl RevisionSchemas,
    base: &GitRef,
) -> Result<Review, RevisionSchemaError> {
    let excluded = [DIESEL_MIGRATIONS_TABLE];
    let before = normalise(
        schemas
            .schema_at(&Revision::Base(base.clone()))?
            .without_tables(&excluded),
    );
    let after = normalise(
        schemas
            .schema_at(&Revision::WorkingTree)?
            .without_tables(&excluded),
    );
    let diff = diff_schemas(&before, &after);
    let sides = ReviewSides {
        base: base.as_str(),
        head: "the working tree",
    };
    Ok(Review {
        report: render_review(&diff, &before, &after, sides),
        changed: !diff.is_empty(),
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::review_schema_change;
    use crate::domain::er_diagram::fixture_schema::generated_schema;
    use crate::domain::er_diagram::{GitRef, SchemaGraph};
    use crate::domain::ports::revision_schemas::{Revision, RevisionSchemaError, RevisionSchemas};

    /// In-memory port: a schema per side, or a failure for the base.
    struct Fixed {
        base: Option<SchemaGraph>,
        head: SchemaGraph,
        asked: Vec<Revision>,
    }

    impl RevisionSchemas for Fixed {
        fn schema_at(&mut self, revision: &Revision) -> Result<SchemaGraph, RevisionSchemaError> {
            self.asked.push(revision.clone());
            match revision {
                Revision::WorkingTree => Ok(self.head.clone()),
                Revision::Base(_) => self.base.clone().ok_or_else(|| RevisionSchemaError::Read {
                    revision: revision.to_string(),
                    source: "unknown revision".into(),
                }),
            }
        }
    }

    fn main_ref() -> GitRef {
        GitRef::try_from("main").expect("valid")
    }

    #[rstest]
    fn unchanged_schema_is_one_line() {
        let mut port = Fixed {
            base: Some(generated_schema(5, 4)),
            head: generated_schema(5, 4),
            asked: Vec::new(),
        };
        let review = review_schema_change(&mut port, &main_ref()).expect("review");
        assert!(!review.changed);
        assert_eq!(review.report.lines().count(), 1);
        assert_eq!(
            port.asked,
            [Revision::Base(main_ref()), Revision::WorkingTree]
        );
    }

    #[rstest]
    fn a_new_table_is_reported() {
        let mut port = Fixed {
            base: Some(generated_schema(5, 4)),
            head: generated_schema(6, 5),
            asked: Vec::new(),
        };
        let review = review_schema_change(&mut port, &main_ref()).expect("review");
        assert!(review.changed);
        assert!(review.report.contains("1 table added"), "{}", review.report);
    }

    #[rstest]
    fn a_failing_base_names_the_ref() {
        let mut port = Fixed {
            base: None,
            head: generated_schema(2, 1),
            asked: Vec::new(),
        };
        let error = review_schema_change(&mut port, &main_ref()).expect_err("base fails");
        assert!(error.to_string().contains("\"main\""), "{error}");
        assert_eq!(
            port.asked.len(),
            1,
            "the working tree is not built after a failure"
        );
    }
}
