//! The row-value comparison `(a, b) > (x, y)` as a Diesel expression.
//!
//! PostgreSQL turns it into an index range condition on an `(a, b)` index, so a page after
//! any position costs the same as the first; Diesel's DSL has no row values, and an `sql()`
//! fragment would disable the prepared-statement cache.

use diesel::QueryResult;
use diesel::backend::Backend;
use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::Bool;

/// `(first, second) > (after_first, after_second)`.
#[derive(Debug, Clone, Copy, QueryId, ValidGrouping)]
pub struct RowAfter<A, B, X, Y> {
    first: A,
    second: B,
    after_first: X,
    after_second: Y,
}

/// The rows whose `(first, second)` sorts strictly after `(after_first, after_second)`.
pub const fn row_after<A, B, X, Y>(
    first: A,
    second: B,
    after_first: X,
    after_second: Y,
) -> RowAfter<A, B, X, Y> {
    RowAfter {
        first,
        second,
        after_first,
        after_second,
    }
}

impl<A, B, X, Y> Expression for RowAfter<A, B, X, Y>
where
    A: Expression,
    B: Expression,
    X: Expression<SqlType = A::SqlType>,
    Y: Expression<SqlType = B::SqlType>,
{
    type SqlType = Bool;
}

impl<QS, A, B, X, Y> AppearsOnTable<QS> for RowAfter<A, B, X, Y>
where
    Self: Expression,
    A: AppearsOnTable<QS>,
    B: AppearsOnTable<QS>,
    X: AppearsOnTable<QS>,
    Y: AppearsOnTable<QS>,
{
}

impl<DB, A, B, X, Y> QueryFragment<DB> for RowAfter<A, B, X, Y>
where
    DB: Backend,
    A: QueryFragment<DB>,
    B: QueryFragment<DB>,
    X: QueryFragment<DB>,
    Y: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql("(");
        self.first.walk_ast(out.reborrow())?;
        out.push_sql(", ");
        self.second.walk_ast(out.reborrow())?;
        out.push_sql(") > (");
        self.after_first.walk_ast(out.reborrow())?;
        out.push_sql(", ");
        self.after_second.walk_ast(out.reborrow())?;
        out.push_sql(")");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use diesel::pg::Pg;
    use diesel::prelude::*;
    use diesel::query_builder::QueryId;
    use diesel::sql_types::Integer;

    use super::row_after;

    diesel::table! {
        items (id) {
            id -> Integer,
            rank -> Integer,
        }
    }

    fn static_id<Q: QueryId>(_: &Q) -> bool {
        Q::HAS_STATIC_QUERY_ID
    }

    #[test]
    fn renders_a_cacheable_row_value_comparison() {
        let query = items::table.select(items::id).filter(row_after(
            items::rank,
            items::id,
            5.into_sql::<Integer>(),
            7.into_sql::<Integer>(),
        ));
        let sql = diesel::debug_query::<Pg, _>(&query).to_string();
        assert!(
            sql.contains(r#"WHERE ("items"."rank", "items"."id") > ($1, $2)"#),
            "{sql}"
        );
        assert!(static_id(&query), "Diesel caches the prepared statement");
    }
}
