//! [`DescriptorCatalogue`] over PostgreSQL through Diesel and the r2d2 pool; every list is
//! ordered by slug.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use uuid::Uuid;

use super::read_errors::ReadFailure;
use super::schema::{interest_themes, safety_toggles};
use crate::domain::descriptor::{
    Descriptor, DescriptorError, DescriptorName, InterestTheme, InterestThemeId, SafetyToggle,
    SafetyToggleId, Slug,
};
use crate::domain::ports::descriptor_catalogue::{DescriptorCatalogue, DescriptorCatalogueError};

type DbPool = Pool<ConnectionManager<PgConnection>>;

/// Reads the descriptor catalogue through a connection pool.
#[derive(Clone)]
pub struct DieselDescriptorCatalogue {
    pool: DbPool,
}

impl DieselDescriptorCatalogue {
    /// A catalogue over `pool`.
    pub const fn new(pool: DbPool) -> Self {
        Self { pool }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = interest_themes, check_for_backend(Pg))]
struct InterestThemeRow {
    id: Uuid,
    slug: String,
    name: String,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = safety_toggles, check_for_backend(Pg))]
struct SafetyToggleRow {
    id: Uuid,
    slug: String,
    name: String,
}

fn descriptor<Id: Copy>(
    what: &'static str,
    id: Id,
    slug: &str,
    name: &str,
) -> Result<Descriptor<Id>, DescriptorCatalogueError> {
    let invalid = |e| DescriptorCatalogueError::InvalidRow {
        what,
        source: Box::new(e),
    };
    Ok(Descriptor::new(
        id,
        Slug::try_from(slug)
            .map_err(DescriptorError::from)
            .map_err(invalid)?,
        DescriptorName::try_from(name).map_err(invalid)?,
    ))
}

fn failed(what: &'static str, error: impl Into<ReadFailure>) -> DescriptorCatalogueError {
    match error.into() {
        ReadFailure::Unavailable(source) => DescriptorCatalogueError::Unavailable(source),
        ReadFailure::Query(source) => DescriptorCatalogueError::Query { what, source },
    }
}

impl DescriptorCatalogue for DieselDescriptorCatalogue {
    fn interest_themes(&self) -> Result<Vec<InterestTheme>, DescriptorCatalogueError> {
        const WHAT: &str = "interest themes";
        let mut conn = self.pool.get().map_err(|e| failed(WHAT, e))?;
        interest_themes::table
            .select(InterestThemeRow::as_select())
            .order(interest_themes::slug.asc())
            .load(&mut conn)
            .map_err(|e| failed(WHAT, e))?
            .into_iter()
            .map(|r| descriptor(WHAT, InterestThemeId::new(r.id), &r.slug, &r.name))
            .collect()
    }

    fn safety_toggles(&self) -> Result<Vec<SafetyToggle>, DescriptorCatalogueError> {
        const WHAT: &str = "safety toggles";
        let mut conn = self.pool.get().map_err(|e| failed(WHAT, e))?;
        safety_toggles::table
            .select(SafetyToggleRow::as_select())
            .order(safety_toggles::slug.asc())
            .load(&mut conn)
            .map_err(|e| failed(WHAT, e))?
            .into_iter()
            .map(|r| descriptor(WHAT, SafetyToggleId::new(r.id), &r.slug, &r.name))
            .collect()
    }
}
