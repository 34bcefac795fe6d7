//! Deterministic demo users for the Wildside backend, drawn from a named-seed registry.
//!
//! Independent of the backend's domain types: the seeder maps [`ExampleUser`] onto its rows.
//!
//! ```no_run
//! use example_data::{Registry, generate_users};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let registry = Registry::load("backend/fixtures/example-data/seeds.json".as_ref())?;
//! let seed = registry.seed("mossy-owl").ok_or("unknown seed")?;
//! for user in generate_users(&registry, seed) {
//!     println!("{} {}", user.id, user.display_name);
//! }
//! # Ok(())
//! # }
//! ```

mod atomic_io;
mod descriptor;
mod display_name;
mod error;
mod generator;
mod locate;
mod names;
mod registry;
mod rng;
mod seed;

pub use descriptor::{Descriptor, Slug, SlugError};
pub use display_name::{DisplayName, DisplayNameError};
pub use error::{FieldError, RegistryError};
pub use generator::{ExamplePreferences, ExampleUser, ExampleUsers, UnitSystem, generate_users};
pub use locate::{LocateError, find_default_registry};
pub use names::{NameLength, memorable_name, suggest_name};
pub use registry::{
    DEFAULT_LOCK_WAIT, DEFAULT_REGISTRY_PATH, DuplicateSeedError, LockedRegistry, REGISTRY_VERSION,
    Registry, registry_lock_path,
};
pub use seed::{
    NamedSeed, SeedName, SeedNameError, SeedValue, SeedValueError, UserCount, UserCountError,
};
