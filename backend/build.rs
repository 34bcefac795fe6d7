//! Hashes `migrations/` for the embedded migration source and rebuilds when a migration changes.

#[path = "src/outbound/persistence/migrations_hash.rs"]
mod migrations_hash;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let dir = std::path::Path::new("migrations");
    match migrations_hash::hash_migrations_dir(dir) {
        Ok(hash) => println!("cargo:rustc-env=WILDSIDE_EMBEDDED_MIGRATIONS_HASH={hash}"),
        Err((path, error)) => panic!("cannot hash {}: {error}", path.display()),
    }
}
