DROP TABLE badges;
DROP TABLE tags;
DROP TABLE safety_presets;
DROP TABLE safety_toggles;
DROP TABLE interest_themes;
DROP TABLE users;
DROP TYPE unit_system;
DROP FUNCTION set_updated_at();
