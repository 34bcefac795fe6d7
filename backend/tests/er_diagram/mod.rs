//! Golden-file tests for the Mermaid ER renderer and the normalise step.
//!
//! Regenerate on purpose with `UPDATE_GOLDEN=1 cargo test -p backend --test main er_diagram`.

use std::path::PathBuf;

use backend::domain::er_diagram::{
    CheckConstraint, Column, DIESEL_MIGRATIONS_TABLE, DiagramGroup, DiagramGroups, EnumType,
    ForeignKey, GroupName, Index, LayoutDirection, MermaidOptions, ReviewSides, SchemaGraph,
    SchemaName, Table, TableGlob, UniqueConstraint, View, ViewKind, diff_schemas, normalise,
    plan_diagrams, render_data_dictionary, render_mermaid, render_review,
};
use rstest::{fixture, rstest};

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/er_diagram")
        .join(name)
}

fn assert_golden(name: &str, actual: &str) {
    crate::support::golden::assert_golden(&golden_path(name), actual);
}

fn column(position: u32, name: &str, data_type: &str, nullable: bool) -> Column {
    Column {
        name: name.to_owned(),
        position,
        data_type: data_type.to_owned(),
        nullable,
        default: None,
        comment: None,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

fn fk(name: &str, columns: &[&str], parent: &str, parent_columns: &[&str]) -> ForeignKey {
    ForeignKey {
        name: name.to_owned(),
        columns: strings(columns),
        referenced_table: parent.to_owned(),
        referenced_columns: strings(parent_columns),
    }
}

fn table(name: &str, columns: Vec<Column>, primary_key: &[&str]) -> Table {
    Table {
        name: name.to_owned(),
        columns,
        primary_key: strings(primary_key),
        ..Table::default()
    }
}

/// A schema exercising every rendering rule; built in canonical order.
#[fixture]
fn walks_schema() -> SchemaGraph {
    let mut users = table(
        "users",
        vec![
            column(1, "id", "uuid", false),
            column(2, "email", "text", false),
            Column {
                comment: Some("Shown as \"name\"\nin the app".to_owned()),
                ..column(3, "display_name", "character varying(64)", true)
            },
            Column {
                default: Some("now()".to_owned()),
                ..column(4, "created_at", "timestamp with time zone", false)
            },
        ],
        &["id"],
    );
    users.comment = Some("Registered walkers.".to_owned());
    users.unique_constraints = vec![UniqueConstraint {
        name: "users_email_key".to_owned(),
        columns: strings(&["email"]),
    }];
    let mut routes = table(
        "routes",
        vec![
            column(1, "id", "uuid", false),
            column(2, "owner_id", "uuid", true),
            column(3, "parent_route_id", "uuid", true),
            column(4, "status", "route_status", false),
            column(5, "length_m", "numeric(10,2)", false),
        ],
        &["id"],
    );
    routes.foreign_keys = vec![
        fk("routes_owner_id_fkey", &["owner_id"], "users", &["id"]),
        fk(
            "routes_parent_route_id_fkey",
            &["parent_route_id"],
            "routes",
            &["id"],
        ),
    ];
    routes.check_constraints = vec![CheckConstraint {
        name: "routes_length_m_check".to_owned(),
        expression: "CHECK ((length_m >= (0)::numeric))".to_owned(),
    }];
    routes.indexes = vec![
        Index {
            name: "routes_pkey".to_owned(),
            method: "btree".to_owned(),
            unique: true,
            primary: true,
            columns: strings(&["id"]),
            predicate: None,
        },
        Index {
            name: "routes_published_owner_idx".to_owned(),
            method: "btree".to_owned(),
            unique: false,
            primary: false,
            columns: strings(&["owner_id", "lower((status)::text)"]),
            predicate: Some("status = 'published'::route_status".to_owned()),
        },
    ];
    let mut route_points = table(
        "route_points",
        vec![
            column(1, "route_id", "uuid", false),
            column(2, "seq", "integer", false),
            column(3, "label", "text", true),
        ],
        &["route_id", "seq"],
    );
    route_points.foreign_keys = vec![fk(
        "route_points_route_id_fkey",
        &["route_id"],
        "routes",
        &["id"],
    )];
    let mut point_notes = table(
        "point_notes",
        vec![
            column(1, "id", "bigint", false),
            column(2, "route_id", "uuid", false),
            column(3, "seq", "integer", false),
        ],
        &["id"],
    );
    point_notes.foreign_keys = vec![fk(
        "point_notes_point_fkey",
        &["route_id", "seq"],
        "route_points",
        &["route_id", "seq"],
    )];
    let tags = {
        let mut tags = table(
            "tags",
            vec![
                column(1, "id", "bigint", false),
                column(2, "name", "text", false),
            ],
            &["id"],
        );
        tags.unique_constraints = vec![UniqueConstraint {
            name: "tags_name_key".to_owned(),
            columns: strings(&["name"]),
        }];
        tags
    };
    let mut route_tags = table(
        "route_tags",
        vec![
            column(1, "route_id", "uuid", false),
            column(2, "tag_id", "bigint", false),
        ],
        &["route_id", "tag_id"],
    );
    route_tags.foreign_keys = vec![
        fk("route_tags_route_id_fkey", &["route_id"], "routes", &["id"]),
        fk("route_tags_tag_id_fkey", &["tag_id"], "tags", &["id"]),
    ];
    let mut user_settings = table(
        "user_settings",
        vec![
            column(1, "user_id", "uuid", false),
            column(2, "units", "text", false),
        ],
        &["user_id"],
    );
    user_settings.foreign_keys = vec![fk(
        "user_settings_user_id_fkey",
        &["user_id"],
        "users",
        &["id"],
    )];
    let mut profiles = table(
        "profiles",
        vec![
            column(1, "id", "uuid", false),
            column(2, "user_id", "uuid", false),
        ],
        &["id"],
    );
    profiles.unique_constraints = vec![UniqueConstraint {
        name: "profiles_user_id_key".to_owned(),
        columns: strings(&["user_id"]),
    }];
    profiles.foreign_keys = vec![fk("profiles_user_id_fkey", &["user_id"], "users", &["id"])];
    let mut spaced = table(
        "order items",
        vec![column(1, "id", "integer", false)],
        &["id"],
    );
    spaced.comment = Some("A name with a space".to_owned());
    let keyword = table("class", vec![column(1, "id", "integer", false)], &["id"]);
    let mut awkward = table(
        "weird\"name",
        vec![
            column(1, "id", "integer", false),
            Column {
                comment: Some("50% \"off\"".to_owned()),
                ..column(2, "my col", "text", true)
            },
        ],
        &["id"],
    );
    awkward.foreign_keys = vec![fk("weird_class_fkey", &["id"], "class", &["id"])];
    let migrations = table(
        DIESEL_MIGRATIONS_TABLE,
        vec![column(1, "version", "character varying(50)", false)],
        &["version"],
    );
    SchemaGraph {
        tables: vec![
            keyword,
            spaced,
            point_notes,
            profiles,
            route_points,
            route_tags,
            routes,
            tags,
            user_settings,
            users,
            awkward,
            migrations,
        ],
        enums: vec![EnumType {
            name: "route_status".to_owned(),
            labels: strings(&["draft", "published", "archived"]),
        }],
        views: vec![View {
            name: "route_lengths".to_owned(),
            kind: ViewKind::Materialized,
            comment: Some("Length per route | refreshed nightly <by cron>.".to_owned()),
            columns: vec![
                column(1, "route_id", "uuid", true),
                column(2, "length_m", "numeric", true),
            ],
        }],
    }
}

/// Reverses and rotates every list: a deterministic, thorough reshuffle.
fn shuffled(mut graph: SchemaGraph) -> SchemaGraph {
    for table in &mut graph.tables {
        table.columns.reverse();
        table.unique_constraints.reverse();
        table.foreign_keys.reverse();
        table.check_constraints.reverse();
    }
    graph.tables.reverse();
    graph.tables.rotate_left(3);
    graph.enums.reverse();
    graph
}

const OPTIONS: MermaidOptions<'static> = MermaidOptions {
    title: "Walks \"test\" schema",
    font_family: Some("DejaVu Sans"),
    direction: LayoutDirection::TopToBottom,
};

#[rstest]
fn renders_fixed_model(walks_schema: SchemaGraph) {
    let schema = normalise(walks_schema.without_tables(&[DIESEL_MIGRATIONS_TABLE]));
    assert_golden("walks.mmd", &render_mermaid(&schema, &OPTIONS));
}

#[rstest]
fn keeps_migrations_table_when_asked(walks_schema: SchemaGraph) {
    let rendered = render_mermaid(&normalise(walks_schema), &OPTIONS);
    assert!(rendered.contains("__diesel_schema_migrations {"));
}

#[rstest]
fn renders_empty_schema() {
    let options = MermaidOptions {
        title: "Empty",
        font_family: None,
        direction: LayoutDirection::LeftToRight,
    };
    assert_golden(
        "empty.mmd",
        &render_mermaid(&normalise(SchemaGraph::default()), &options),
    );
}

#[rstest]
fn shuffled_input_normalises_identically(walks_schema: SchemaGraph) {
    let expected = normalise(walks_schema.clone());
    let actual = normalise(shuffled(walks_schema));
    assert_eq!(expected, actual);
    assert_eq!(
        render_mermaid(&expected, &OPTIONS),
        render_mermaid(&actual, &OPTIONS)
    );
}

#[rstest]
fn renders_group_with_external_parents(walks_schema: SchemaGraph) {
    let group = DiagramGroup {
        name: GroupName::try_from("routes").expect("valid name"),
        title: "Routes".to_owned(),
        tables: vec![TableGlob::try_from("route*").expect("valid glob")],
        direction: LayoutDirection::RightToLeft,
    };
    let groups = DiagramGroups::try_from(vec![group]).expect("valid groups");
    let schema = normalise(walks_schema.without_tables(&[DIESEL_MIGRATIONS_TABLE]));
    let diagrams = plan_diagrams(&schema, &groups, Some("DejaVu Sans")).expect("plan");
    let stems: Vec<&str> = diagrams
        .iter()
        .map(|diagram| diagram.stem.as_str())
        .collect();
    assert_eq!(stems, ["schema-baseline", "routes"]);
    assert_golden("walks-routes-group.mmd", &diagrams[1].mermaid);
}

#[rstest]
fn renders_data_dictionary(walks_schema: SchemaGraph) {
    let schema = normalise(walks_schema.without_tables(&[DIESEL_MIGRATIONS_TABLE]));
    assert_golden(
        "walks-dictionary.md",
        &render_data_dictionary(&schema, &SchemaName::default()),
    );
}

#[rstest]
fn dictionary_ignores_introspection_order(walks_schema: SchemaGraph) {
    let name = SchemaName::default();
    assert_eq!(
        render_data_dictionary(&normalise(walks_schema.clone()), &name),
        render_data_dictionary(&normalise(shuffled(walks_schema)), &name)
    );
}

/// The walks schema after a migration adding a column, a table and an index, dropping a table
/// and tightening a column.
fn walks_changed(mut graph: SchemaGraph) -> SchemaGraph {
    let users = graph
        .tables
        .iter_mut()
        .find(|table| table.name == "users")
        .expect("users");
    users.columns.push(Column {
        comment: Some("Shown on the leaderboard".to_owned()),
        ..column(5, "nickname", "text", true)
    });
    users.columns[2].nullable = false;
    users.indexes.push(Index {
        name: "users_nickname_idx".to_owned(),
        method: "btree".to_owned(),
        columns: strings(&["nickname"]),
        ..Index::default()
    });
    graph.tables.retain(|table| table.name != "profiles");
    let mut photos = table(
        "walk_photos",
        vec![
            column(1, "id", "uuid", false),
            column(2, "route_id", "uuid", false),
        ],
        &["id"],
    );
    photos.foreign_keys = vec![fk(
        "walk_photos_route_id_fkey",
        &["route_id"],
        "routes",
        &["id"],
    )];
    graph.tables.push(photos);
    graph
}

#[rstest]
fn renders_review_report(walks_schema: SchemaGraph) {
    let before = normalise(
        walks_schema
            .clone()
            .without_tables(&[DIESEL_MIGRATIONS_TABLE]),
    );
    let after = normalise(walks_changed(walks_schema).without_tables(&[DIESEL_MIGRATIONS_TABLE]));
    let sides = ReviewSides {
        base: "main",
        head: "the working tree",
    };
    let report = render_review(&diff_schemas(&before, &after), &before, &after, sides);
    assert_golden("walks-review.md", &report);
}
