-- The route catalogue: categories, themes, routes, points of interest and the curated and
-- trending views over them.

CREATE TABLE route_categories (
    id uuid PRIMARY KEY,
    parent_id uuid REFERENCES route_categories (id) ON DELETE SET NULL,
    slug text NOT NULL,
    name text NOT NULL,
    position integer NOT NULL DEFAULT 0,
    CONSTRAINT route_categories_slug_key UNIQUE (slug),
    CONSTRAINT route_categories_position_non_negative CHECK (position >= 0),
    CONSTRAINT route_categories_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
COMMENT ON TABLE route_categories IS 'A tree of route categories; a NULL parent is a top-level category.';

CREATE TABLE themes (
    id uuid PRIMARY KEY,
    interest_theme_id uuid REFERENCES interest_themes (id) ON DELETE SET NULL,
    slug text NOT NULL,
    name text NOT NULL,
    hero_image_url text,
    CONSTRAINT themes_slug_key UNIQUE (slug),
    CONSTRAINT themes_hero_image_https CHECK (hero_image_url IS NULL OR hero_image_url LIKE 'https://%')
);
COMMENT ON TABLE themes IS 'Editorial themes that group routes for discovery, optionally tied to an interest.';

CREATE TABLE routes (
    id uuid PRIMARY KEY,
    category_id uuid NOT NULL REFERENCES route_categories (id),
    theme_id uuid REFERENCES themes (id) ON DELETE SET NULL,
    slug text NOT NULL,
    title text NOT NULL,
    distance_metres integer NOT NULL,
    duration_minutes integer NOT NULL,
    difficulty text NOT NULL DEFAULT 'easy',
    tag_ids uuid[] NOT NULL DEFAULT '{}',
    path jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT routes_slug_key UNIQUE (slug),
    CONSTRAINT routes_distance_positive CHECK (distance_metres > 0),
    CONSTRAINT routes_duration_positive CHECK (duration_minutes > 0),
    CONSTRAINT routes_difficulty_known CHECK (difficulty IN ('easy', 'moderate', 'challenging')),
    CONSTRAINT routes_path_is_line_string CHECK (path ->> 'type' = 'LineString')
);
COMMENT ON TABLE routes IS 'A walkable route: its geometry, length, difficulty and place in the catalogue.';
COMMENT ON COLUMN routes.path IS 'GeoJSON LineString of the walk, WGS 84.';
COMMENT ON COLUMN routes.tag_ids IS 'Ids of tags rows.';
CREATE TRIGGER routes_set_updated_at BEFORE UPDATE ON routes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE pois (
    source text NOT NULL,
    external_id text NOT NULL,
    name text NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    properties jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, external_id),
    CONSTRAINT pois_source_known CHECK (source IN ('osm', 'wikidata', 'curated')),
    CONSTRAINT pois_latitude_range CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT pois_longitude_range CHECK (longitude BETWEEN -180 AND 180)
);
COMMENT ON TABLE pois IS 'Points of interest, keyed by the source that owns them and its own id.';
COMMENT ON COLUMN pois.external_id IS 'The id within the source, e.g. "node/123" for OpenStreetMap.';
CREATE TRIGGER pois_set_updated_at BEFORE UPDATE ON pois
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE route_pois (
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    poi_source text NOT NULL,
    poi_external_id text NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (route_id, poi_source, poi_external_id),
    FOREIGN KEY (poi_source, poi_external_id) REFERENCES pois (source, external_id) ON DELETE CASCADE,
    CONSTRAINT route_pois_route_position_key UNIQUE (route_id, position),
    CONSTRAINT route_pois_position_non_negative CHECK (position >= 0)
);
COMMENT ON TABLE route_pois IS 'The stops of a route, in walking order (many-to-many routes <-> pois).';

CREATE TABLE poi_interest_themes (
    poi_source text NOT NULL,
    poi_external_id text NOT NULL,
    interest_theme_id uuid NOT NULL REFERENCES interest_themes (id) ON DELETE CASCADE,
    PRIMARY KEY (poi_source, poi_external_id, interest_theme_id),
    FOREIGN KEY (poi_source, poi_external_id) REFERENCES pois (source, external_id) ON DELETE CASCADE
);
COMMENT ON TABLE poi_interest_themes IS 'Which interests a POI serves (many-to-many pois <-> interest_themes).';

CREATE TABLE route_summaries (
    id uuid PRIMARY KEY,
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    headline text NOT NULL,
    body text NOT NULL,
    highlights text[] NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT route_summaries_route_id_key UNIQUE (route_id),
    CONSTRAINT route_summaries_headline_length CHECK (char_length(headline) BETWEEN 1 AND 120)
);
COMMENT ON TABLE route_summaries IS 'The editorial summary of a route; at most one per route.';
CREATE TRIGGER route_summaries_set_updated_at BEFORE UPDATE ON route_summaries
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE route_collections (
    id uuid PRIMARY KEY,
    slug text NOT NULL,
    title text NOT NULL,
    description text,
    route_ids uuid[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT route_collections_slug_key UNIQUE (slug)
);
COMMENT ON TABLE route_collections IS 'A curated, ordered list of routes ("Rainy day walks").';
COMMENT ON COLUMN route_collections.route_ids IS 'Ids of routes rows, in display order.';
CREATE TRIGGER route_collections_set_updated_at BEFORE UPDATE ON route_collections
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE trending_route_highlights (
    id uuid PRIMARY KEY,
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    highlighted_on date NOT NULL,
    rank integer NOT NULL,
    score numeric(8, 3) NOT NULL DEFAULT 0,
    CONSTRAINT trending_route_highlights_day_rank_key UNIQUE (highlighted_on, rank),
    CONSTRAINT trending_route_highlights_route_day_key UNIQUE (route_id, highlighted_on),
    CONSTRAINT trending_route_highlights_rank_range CHECK (rank BETWEEN 1 AND 100)
);
COMMENT ON TABLE trending_route_highlights IS 'The daily trending list: one rank per route per day.';

CREATE TABLE community_picks (
    id uuid PRIMARY KEY,
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    picked_by uuid REFERENCES users (id) ON DELETE SET NULL,
    note text,
    picked_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT community_picks_note_length CHECK (note IS NULL OR char_length(note) <= 500)
);
COMMENT ON TABLE community_picks IS 'Routes recommended by walkers; picked_by is NULL once the walker is gone.';
