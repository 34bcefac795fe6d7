DROP TABLE route_progress;
DROP TABLE route_notes;
DROP TABLE user_interest_themes;
DROP TABLE user_preferences;
