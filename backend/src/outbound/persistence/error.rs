//! The one module where Diesel's errors become the errors of ports and adapters, keeping
//! Diesel's error as the `#[source]`.

use diesel::ConnectionError;
use diesel::result::Error as DieselError;

use crate::domain::er_diagram::SchemaName;
use crate::domain::ports::schema_introspector::SchemaIntrospectionError;

/// A catalogue query of the schema introspector failed.
pub fn introspection_query(
    schema: &SchemaName,
    what: &'static str,
    source: DieselError,
) -> SchemaIntrospectionError {
    SchemaIntrospectionError::Query {
        schema: schema.to_string(),
        what,
        source: Box::new(source),
    }
}

/// The schema introspector could not connect.
pub fn introspection_connection(
    schema: &SchemaName,
    source: ConnectionError,
) -> SchemaIntrospectionError {
    SchemaIntrospectionError::Connection {
        schema: schema.to_string(),
        source: Box::new(source),
    }
}

/// Whether `error` is a unique-constraint violation (a row that exists already).
pub fn is_unique_violation(error: &DieselError) -> bool {
    matches!(
        error,
        DieselError::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    fn a_query_failure_keeps_diesel_as_its_source() {
        let error = introspection_query(&SchemaName::default(), "tables", DieselError::NotFound);
        let message = error.to_string();
        assert!(
            message.contains("tables") && message.contains("public"),
            "{message}"
        );
        let source = std::error::Error::source(&error).expect("source kept");
        assert_eq!(source.to_string(), DieselError::NotFound.to_string());
    }

    #[rstest]
    fn not_found_is_not_a_unique_violation() {
        assert!(!is_unique_violation(&DieselError::NotFound));
    }
}
