-- Keyset pagination of users: `(created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT n`
-- reads this index from the position on, so every page costs the same as the first.

CREATE INDEX users_created_at_id_idx ON users (created_at, id);
COMMENT ON INDEX users_created_at_id_idx IS 'Serves the users list: keyset order (created_at, id).';
