-- Markers for applied example-data seeds: one row per named seed, inserted first in the
-- seeding transaction so that a seed is applied exactly once, however many servers start.

CREATE TABLE example_data_runs (
    seed_key text PRIMARY KEY,
    seed bigint NOT NULL,
    user_count integer NOT NULL,
    registry_digest text NOT NULL,
    seeded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT example_data_runs_seed_key_format CHECK (
        char_length(seed_key) <= 64 AND seed_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'
    ),
    CONSTRAINT example_data_runs_seed_non_negative CHECK (seed >= 0),
    CONSTRAINT example_data_runs_user_count_positive CHECK (user_count > 0),
    CONSTRAINT example_data_runs_registry_digest_sha256 CHECK (registry_digest ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE example_data_runs IS 'Named example-data seeds already applied; the row commits with the seeded rows.';
COMMENT ON COLUMN example_data_runs.seed_key IS 'The seed''s registry name, e.g. mossy-owl.';
COMMENT ON COLUMN example_data_runs.seed IS 'The RNG seed the users were generated from.';
COMMENT ON COLUMN example_data_runs.registry_digest IS 'SHA-256 (hex) of the registry entry applied and the descriptors it draws from.';
COMMENT ON COLUMN example_data_runs.user_count IS 'How many users the seed wrote.';
COMMENT ON COLUMN example_data_runs.seeded_at IS 'When the seeding transaction ran.';
