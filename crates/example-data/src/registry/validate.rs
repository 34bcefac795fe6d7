//! Turns a [`RawRegistry`] into a [`Registry`], or names the first field that breaks a
//! rule by its JSON path.

use std::collections::HashMap;

use uuid::Uuid;

use super::Registry;
use super::raw::{RawDescriptor, RawRegistry, RawSeed};
use crate::descriptor::{Descriptor, Slug};
use crate::error::FieldError;
use crate::seed::{NamedSeed, SeedName, SeedValue, UserCount};

/// A rule broken at a JSON path.
pub(super) type Located = (String, FieldError);

/// Validates every field of `raw`, in document order.
pub(super) fn validate(raw: RawRegistry) -> Result<Registry, Located> {
    let mut ids = HashMap::new();
    let interest_themes = descriptors(raw.interest_themes, "interestThemes", &mut ids)?;
    let safety_toggles = descriptors(raw.safety_toggles, "safetyToggles", &mut ids)?;
    let seeds = seeds(raw.seeds)?;
    Ok(Registry {
        interest_themes,
        safety_toggles,
        seeds,
    })
}

/// Ids are unique across both catalogues; slugs within one list.
fn descriptors(
    list: Vec<RawDescriptor>,
    field: &str,
    ids: &mut HashMap<Uuid, String>,
) -> Result<Vec<Descriptor>, Located> {
    if list.is_empty() {
        return Err((field.to_owned(), FieldError::EmptyList));
    }
    let mut slugs: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for (index, raw) in list.into_iter().enumerate() {
        let at = |key: &str| format!("{field}[{index}].{key}");
        let id = Uuid::parse_str(&raw.id).map_err(|source| {
            let value = raw.id.clone();
            (at("id"), FieldError::Uuid { value, source })
        })?;
        if let Some(first) = ids.get(&id) {
            let first = first.clone();
            return Err((at("id"), FieldError::DuplicateId { id, first }));
        }
        ids.insert(id, at("id"));
        let slug = Slug::try_from(raw.slug.as_str()).map_err(|e| (at("slug"), e.into()))?;
        if let Some(first) = slugs.get(slug.as_str()) {
            let first = first.clone();
            let slug = raw.slug;
            return Err((at("slug"), FieldError::DuplicateSlug { slug, first }));
        }
        slugs.insert(raw.slug, at("slug"));
        if raw.name.trim().is_empty() {
            return Err((at("name"), FieldError::BlankName));
        }
        out.push(Descriptor::new(id, slug, raw.name));
    }
    Ok(out)
}

fn seeds(list: Vec<RawSeed>) -> Result<Vec<NamedSeed>, Located> {
    if list.is_empty() {
        return Err(("seeds".to_owned(), FieldError::EmptyList));
    }
    let mut names: HashMap<SeedName, String> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for (index, raw) in list.into_iter().enumerate() {
        let at = |key: &str| format!("seeds[{index}].{key}");
        let name = SeedName::try_from(raw.name).map_err(|e| (at("name"), e.into()))?;
        if let Some(first) = names.get(&name) {
            let first = first.clone();
            let name = name.to_string();
            return Err((at("name"), FieldError::DuplicateName { name, first }));
        }
        names.insert(name.clone(), at("name"));
        let seed = SeedValue::try_from(&raw.seed).map_err(|e| (at("seed"), e.into()))?;
        let count =
            UserCount::try_from(&raw.user_count).map_err(|e| (at("userCount"), e.into()))?;
        out.push(NamedSeed::new(name, seed, count));
    }
    Ok(out)
}
