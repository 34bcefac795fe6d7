-- Users and the descriptor catalogue (interest themes, safety toggles and presets, tags,
-- badges) that routes, POIs and preferences refer to.

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION set_updated_at() IS 'Trigger function: stamps updated_at on every UPDATE.';

CREATE TYPE unit_system AS ENUM ('metric', 'imperial');
COMMENT ON TYPE unit_system IS 'How distances are shown to a user.';

CREATE TABLE users (
    id uuid PRIMARY KEY,
    display_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_display_name_format CHECK (
        char_length(display_name) BETWEEN 3 AND 32
        AND display_name ~ '^[A-Za-z0-9_ ]+$'
        AND btrim(display_name) <> ''
    )
);
COMMENT ON TABLE users IS 'People who walk routes; identity lives elsewhere, this is the profile.';
COMMENT ON COLUMN users.display_name IS '3-32 letters, digits, spaces or underscores; not blank.';
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE interest_themes (
    id uuid PRIMARY KEY,
    slug text NOT NULL,
    name text NOT NULL,
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT interest_themes_slug_key UNIQUE (slug),
    CONSTRAINT interest_themes_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT interest_themes_name_not_blank CHECK (btrim(name) <> '')
);
COMMENT ON TABLE interest_themes IS 'What a walker cares about (history, street art, ...); drives route suggestions.';

CREATE TABLE safety_toggles (
    id uuid PRIMARY KEY,
    slug text NOT NULL,
    name text NOT NULL,
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT safety_toggles_slug_key UNIQUE (slug),
    CONSTRAINT safety_toggles_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT safety_toggles_name_not_blank CHECK (btrim(name) <> '')
);
COMMENT ON TABLE safety_toggles IS 'A single safety preference a walker can switch on (well lit, step free, ...).';

CREATE TABLE safety_presets (
    id uuid PRIMARY KEY,
    slug text NOT NULL,
    name text NOT NULL,
    safety_toggle_ids uuid[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT safety_presets_slug_key UNIQUE (slug),
    CONSTRAINT safety_presets_toggles_not_empty CHECK (cardinality(safety_toggle_ids) > 0)
);
COMMENT ON TABLE safety_presets IS 'A named bundle of safety toggles offered as a one-tap choice.';
COMMENT ON COLUMN safety_presets.safety_toggle_ids IS 'Ids of safety_toggles rows, in display order.';

CREATE TABLE tags (
    id uuid PRIMARY KEY,
    slug text NOT NULL,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_slug_key UNIQUE (slug),
    CONSTRAINT tags_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
COMMENT ON TABLE tags IS 'Free-form labels for routes ("dog friendly", "riverside").';

CREATE TABLE badges (
    id uuid PRIMARY KEY,
    slug text NOT NULL,
    name text NOT NULL,
    icon_key text NOT NULL,
    criteria jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT badges_slug_key UNIQUE (slug),
    CONSTRAINT badges_criteria_is_object CHECK (jsonb_typeof(criteria) = 'object')
);
COMMENT ON TABLE badges IS 'Achievements a walker can earn; criteria is evaluated by the badge service.';
