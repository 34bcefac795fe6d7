//! Diesel's view of the schema in `backend/migrations`: one `table!` per table.
//!
//! Written to match `diesel print-schema`, except that array columns are `Array<T>`: every
//! array in the schema is `NOT NULL` and holds no NULL elements by construction.

/// Custom SQL types of the schema.
pub mod sql_types {
    /// The `unit_system` enum: `metric` or `imperial`.
    #[derive(Debug, Clone, Copy, diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "unit_system"))]
    pub struct UnitSystem;
}

diesel::table! {
    /// People who walk routes.
    users (id) {
        /// Primary key.
        id -> Uuid,
        /// 3-32 letters, digits, spaces or underscores.
        display_name -> Text,
        /// When the row was inserted.
        created_at -> Timestamptz,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// What a walker cares about.
    interest_themes (id) {
        /// Primary key.
        id -> Uuid,
        /// Unique kebab-case slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// Optional longer text.
        description -> Nullable<Text>,
        /// When the row was inserted.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// A safety preference a walker can switch on.
    safety_toggles (id) {
        /// Primary key.
        id -> Uuid,
        /// Unique kebab-case slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// Optional longer text.
        description -> Nullable<Text>,
        /// When the row was inserted.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// A named bundle of safety toggles.
    safety_presets (id) {
        /// Primary key.
        id -> Uuid,
        /// Unique slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// Ids of `safety_toggles` rows, in display order.
        safety_toggle_ids -> Array<Uuid>,
        /// When the row was inserted.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Free-form labels for routes.
    tags (id) {
        /// Primary key.
        id -> Uuid,
        /// Unique kebab-case slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// When the row was inserted.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Achievements a walker can earn.
    badges (id) {
        /// Primary key.
        id -> Uuid,
        /// Unique slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// Key of the badge's icon.
        icon_key -> Text,
        /// A JSON object evaluated by the badge service.
        criteria -> Jsonb,
        /// When the row was inserted.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// A tree of route categories.
    route_categories (id) {
        /// Primary key.
        id -> Uuid,
        /// The parent category; NULL at the top level.
        parent_id -> Nullable<Uuid>,
        /// Unique slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// Order among siblings.
        position -> Int4,
    }
}

diesel::table! {
    /// Editorial themes that group routes.
    themes (id) {
        /// Primary key.
        id -> Uuid,
        /// The interest theme this theme serves, if any.
        interest_theme_id -> Nullable<Uuid>,
        /// Unique slug.
        slug -> Text,
        /// Display name.
        name -> Text,
        /// An `https://` image URL.
        hero_image_url -> Nullable<Text>,
    }
}

diesel::table! {
    /// A walkable route.
    routes (id) {
        /// Primary key.
        id -> Uuid,
        /// The route's category.
        category_id -> Uuid,
        /// The route's editorial theme, if any.
        theme_id -> Nullable<Uuid>,
        /// Unique slug.
        slug -> Text,
        /// Display title.
        title -> Text,
        /// Length in metres.
        distance_metres -> Int4,
        /// Walking time in minutes.
        duration_minutes -> Int4,
        /// `easy`, `moderate` or `challenging`.
        difficulty -> Text,
        /// Ids of `tags` rows.
        tag_ids -> Array<Uuid>,
        /// A `GeoJSON` `LineString`, WGS 84.
        path -> Jsonb,
        /// When the row was inserted.
        created_at -> Timestamptz,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// Points of interest, keyed by their source and its id.
    pois (source, external_id) {
        /// `osm`, `wikidata` or `curated`.
        source -> Text,
        /// The id within the source.
        external_id -> Text,
        /// Display name.
        name -> Text,
        /// Degrees north.
        latitude -> Float8,
        /// Degrees east.
        longitude -> Float8,
        /// Free-form JSON properties.
        properties -> Jsonb,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// The stops of a route, in walking order.
    route_pois (route_id, poi_source, poi_external_id) {
        /// The route.
        route_id -> Uuid,
        /// The POI's source.
        poi_source -> Text,
        /// The POI's id within its source.
        poi_external_id -> Text,
        /// Position along the route.
        position -> Int4,
    }
}

diesel::table! {
    /// Which interests a POI serves.
    poi_interest_themes (poi_source, poi_external_id, interest_theme_id) {
        /// The POI's source.
        poi_source -> Text,
        /// The POI's id within its source.
        poi_external_id -> Text,
        /// The interest theme.
        interest_theme_id -> Uuid,
    }
}

diesel::table! {
    /// The editorial summary of a route.
    route_summaries (id) {
        /// Primary key.
        id -> Uuid,
        /// The route (unique).
        route_id -> Uuid,
        /// 1-120 characters.
        headline -> Text,
        /// Body text.
        body -> Text,
        /// Short highlight lines.
        highlights -> Array<Text>,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// A curated, ordered list of routes.
    route_collections (id) {
        /// Primary key.
        id -> Uuid,
        /// Unique slug.
        slug -> Text,
        /// Display title.
        title -> Text,
        /// Optional longer text.
        description -> Nullable<Text>,
        /// Ids of `routes` rows, in display order.
        route_ids -> Array<Uuid>,
        /// When the row was inserted.
        created_at -> Timestamptz,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// The daily trending list.
    trending_route_highlights (id) {
        /// Primary key.
        id -> Uuid,
        /// The route.
        route_id -> Uuid,
        /// The day of the list.
        highlighted_on -> Date,
        /// 1-100, unique per day.
        rank -> Int4,
        /// `numeric(8, 3)`.
        score -> Numeric,
    }
}

diesel::table! {
    /// Routes recommended by walkers.
    community_picks (id) {
        /// Primary key.
        id -> Uuid,
        /// The route.
        route_id -> Uuid,
        /// The walker; NULL once the walker is gone.
        picked_by -> Nullable<Uuid>,
        /// At most 500 characters.
        note -> Nullable<Text>,
        /// When the pick was made.
        picked_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Int4, Timestamptz, Uuid};
    use super::sql_types::UnitSystem;

    /// One row per user: interests, safety toggles and units.
    user_preferences (user_id) {
        /// The user (primary key).
        user_id -> Uuid,
        /// Ids of `interest_themes` rows.
        interest_theme_ids -> Array<Uuid>,
        /// Ids of `safety_toggles` rows.
        safety_toggle_ids -> Array<Uuid>,
        /// `metric` or `imperial`.
        unit_system -> UnitSystem,
        /// Optimistic-concurrency counter, at least 1.
        revision -> Int4,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// Interest themes a user follows.
    user_interest_themes (user_id, interest_theme_id) {
        /// The user.
        user_id -> Uuid,
        /// The interest theme.
        interest_theme_id -> Uuid,
        /// When the user followed it.
        followed_at -> Timestamptz,
    }
}

diesel::table! {
    /// A walker's private notes on a route.
    route_notes (id) {
        /// Primary key.
        id -> Uuid,
        /// The author.
        user_id -> Uuid,
        /// The route.
        route_id -> Uuid,
        /// The pinned POI's source, with `poi_external_id`.
        poi_source -> Nullable<Text>,
        /// The pinned POI's id, with `poi_source`.
        poi_external_id -> Nullable<Text>,
        /// 1-2000 characters.
        body -> Text,
        /// Optimistic-concurrency counter, at least 1.
        revision -> Int4,
        /// When the row was inserted.
        created_at -> Timestamptz,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// How far a walker has got along a route.
    route_progress (user_id, route_id) {
        /// The walker.
        user_id -> Uuid,
        /// The route.
        route_id -> Uuid,
        /// `not_started`, `in_progress` or `completed`.
        status -> Text,
        /// `route_pois.position` values already visited.
        visited_positions -> Array<Int4>,
        /// Optimistic-concurrency counter, at least 1.
        revision -> Int4,
        /// Stamped by trigger on every update.
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// Named example-data seeds already applied.
    example_data_runs (seed_key) {
        /// The seed's registry name.
        seed_key -> Text,
        /// The RNG seed, `0..=i64::MAX`.
        seed -> Int8,
        /// How many users were seeded.
        user_count -> Int4,
        /// SHA-256 (hex) of the registry entry and its descriptors.
        registry_digest -> Text,
        /// When the seed was applied.
        seeded_at -> Timestamptz,
    }
}

diesel::joinable!(themes -> interest_themes (interest_theme_id));
diesel::joinable!(routes -> route_categories (category_id));
diesel::joinable!(routes -> themes (theme_id));
diesel::joinable!(route_pois -> routes (route_id));
diesel::joinable!(poi_interest_themes -> interest_themes (interest_theme_id));
diesel::joinable!(route_summaries -> routes (route_id));
diesel::joinable!(trending_route_highlights -> routes (route_id));
diesel::joinable!(community_picks -> routes (route_id));
diesel::joinable!(community_picks -> users (picked_by));
diesel::joinable!(user_preferences -> users (user_id));
diesel::joinable!(user_interest_themes -> users (user_id));
diesel::joinable!(user_interest_themes -> interest_themes (interest_theme_id));
diesel::joinable!(route_notes -> users (user_id));
diesel::joinable!(route_notes -> routes (route_id));
diesel::joinable!(route_progress -> users (user_id));
diesel::joinable!(route_progress -> routes (route_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    interest_themes,
    safety_toggles,
    safety_presets,
    tags,
    badges,
    route_categories,
    themes,
    routes,
    pois,
    route_pois,
    poi_interest_themes,
    route_summaries,
    route_collections,
    trending_route_highlights,
    community_picks,
    user_preferences,
    user_interest_themes,
    route_notes,
    route_progress,
    example_data_runs,
);
