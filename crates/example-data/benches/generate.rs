//! Users generated per second, beside a baseline that only draws each user's id bytes
//! from `ChaCha8` and builds the UUID, so the figure can be read as a ratio.
//!
//! Run with `cargo bench -p example-data --bench generate`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use example_data::{ExampleUsers, Registry, SeedValue, UserCount};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use uuid::Builder;

const USERS: u32 = 10_000;

fn registry() -> Registry {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registry.json");
    Registry::load(&path).expect("fixture registry loads")
}

fn generate(c: &mut Criterion) {
    let registry = registry();
    let seed = SeedValue::try_from(2026_i64).expect("valid seed");
    let count = UserCount::try_from(u64::from(USERS)).expect("valid count");
    let mut group = c.benchmark_group("generate");
    group.throughput(Throughput::Elements(u64::from(USERS)));
    group.bench_function("users", |b| {
        b.iter(|| {
            for user in ExampleUsers::new(&registry, black_box(seed), count) {
                black_box(user);
            }
        });
    });
    group.bench_function("baseline_uuid_only", |b| {
        b.iter(|| {
            let mut rng = ChaCha8Rng::from_seed(black_box([7; 32]));
            for _ in 0..USERS {
                let mut bytes = [0_u8; 16];
                bytes[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
                bytes[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
                black_box(Builder::from_random_bytes(bytes).into_uuid());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
