-- Per-user state: preferences, followed interests, notes and progress on routes.

CREATE TABLE user_preferences (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    interest_theme_ids uuid[] NOT NULL DEFAULT '{}',
    safety_toggle_ids uuid[] NOT NULL DEFAULT '{}',
    unit_system unit_system NOT NULL DEFAULT 'metric',
    revision integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_preferences_revision_positive CHECK (revision >= 1)
);
COMMENT ON TABLE user_preferences IS 'One row per user: interests, safety toggles and units; revision guards concurrent edits.';
COMMENT ON COLUMN user_preferences.revision IS 'Optimistic-concurrency counter, bumped on every write.';
CREATE TRIGGER user_preferences_set_updated_at BEFORE UPDATE ON user_preferences
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE user_interest_themes (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    interest_theme_id uuid NOT NULL REFERENCES interest_themes (id) ON DELETE CASCADE,
    followed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, interest_theme_id)
);
COMMENT ON TABLE user_interest_themes IS 'Interest themes a user follows (many-to-many users <-> interest_themes).';

CREATE TABLE route_notes (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    poi_source text,
    poi_external_id text,
    body text NOT NULL,
    revision integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (poi_source, poi_external_id) REFERENCES pois (source, external_id) ON DELETE SET NULL,
    CONSTRAINT route_notes_poi_both_or_neither CHECK ((poi_source IS NULL) = (poi_external_id IS NULL)),
    CONSTRAINT route_notes_body_length CHECK (char_length(body) BETWEEN 1 AND 2000),
    CONSTRAINT route_notes_revision_positive CHECK (revision >= 1)
);
COMMENT ON TABLE route_notes IS 'A walker''s private notes on a route, optionally pinned to one of its POIs.';
CREATE TRIGGER route_notes_set_updated_at BEFORE UPDATE ON route_notes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE route_progress (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'not_started',
    visited_positions integer[] NOT NULL DEFAULT '{}',
    revision integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, route_id),
    CONSTRAINT route_progress_status_known CHECK (status IN ('not_started', 'in_progress', 'completed')),
    CONSTRAINT route_progress_revision_positive CHECK (revision >= 1)
);
COMMENT ON TABLE route_progress IS 'How far a walker has got along a route: stops visited and overall status.';
COMMENT ON COLUMN route_progress.visited_positions IS 'route_pois.position values already visited.';
CREATE TRIGGER route_progress_set_updated_at BEFORE UPDATE ON route_progress
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
