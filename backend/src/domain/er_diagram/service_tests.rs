//! Unit tests of the snapshot service with in-memory doubles of its three ports.

use std::cell::RefCell;

use rstest::rstest;

use super::{SnapshotOptions, SnapshotService, SnapshotServiceError};
use crate::domain::er_diagram::{
    Column, DiagramGroup, DiagramGroups, GroupName, LayoutDirection, OutputFormat, SchemaGraph,
    SchemaName, SnapshotSet, Table, TableGlob,
};
use crate::domain::ports::diagram_renderer::{
    DiagramRenderError, DiagramRenderer, FailingRenderer,
};
use crate::domain::ports::schema_introspector::{SchemaIntrospectionError, SchemaIntrospector};
use crate::domain::ports::snapshot_store::{ReplaceReport, SnapshotStore, SnapshotStoreError};

/// Returns a fixed graph, or fails as a missing schema.
struct Introspector(Option<SchemaGraph>);

impl SchemaIntrospector for Introspector {
    fn introspect(&mut self, schema: &SchemaName) -> Result<SchemaGraph, SchemaIntrospectionError> {
        self.0
            .clone()
            .ok_or_else(|| SchemaIntrospectionError::MissingSchema {
                schema: schema.to_string(),
            })
    }
}

/// Renders every diagram as an SVG naming it.
struct Echo;

impl DiagramRenderer for Echo {
    fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
        Ok(format!("<svg id=\"{diagram}\"/>"))
    }
}

/// An in-memory store; `broken` makes every call fail.
#[derive(Default)]
struct Store {
    files: RefCell<SnapshotSet>,
    broken: bool,
}

impl Store {
    fn failure(action: &'static str) -> SnapshotStoreError {
        SnapshotStoreError::File {
            action,
            path: "memory".into(),
            source: "store is broken".into(),
        }
    }
}

impl SnapshotStore for &Store {
    fn load(&self) -> Result<SnapshotSet, SnapshotStoreError> {
        if self.broken {
            return Err(Store::failure("read"));
        }
        Ok(self.files.borrow().clone())
    }

    fn replace(&self, set: &SnapshotSet) -> Result<ReplaceReport, SnapshotStoreError> {
        if self.broken {
            return Err(Store::failure("replace"));
        }
        *self.files.borrow_mut() = set.clone();
        Ok(ReplaceReport {
            written: set.iter().map(|(name, _)| name.to_owned()).collect(),
            ..ReplaceReport::default()
        })
    }
}

fn graph() -> SchemaGraph {
    let table = |name: &str| Table {
        name: name.to_owned(),
        columns: vec![Column {
            name: "id".to_owned(),
            position: 1,
            data_type: "uuid".to_owned(),
            nullable: false,
            default: None,
            comment: None,
        }],
        primary_key: vec!["id".to_owned()],
        ..Table::default()
    };
    SchemaGraph {
        tables: vec![
            table("users"),
            table("routes"),
            table("__diesel_schema_migrations"),
        ],
        enums: Vec::new(),
        views: Vec::new(),
    }
}

fn groups(glob: &str) -> DiagramGroups {
    DiagramGroups::try_from(vec![DiagramGroup {
        name: GroupName::try_from("walks").expect("name"),
        title: "Walks".to_owned(),
        tables: vec![TableGlob::try_from(glob).expect("glob")],
        direction: LayoutDirection::TopToBottom,
    }])
    .expect("groups")
}

fn options(glob: &str) -> SnapshotOptions {
    SnapshotOptions {
        schema: SchemaName::default(),
        include_migrations_table: false,
        groups: groups(glob),
        format: OutputFormat::Both,
        font_family: "DejaVu Sans".to_owned(),
    }
}

fn names(set: &SnapshotSet) -> Vec<&str> {
    set.iter().map(|(name, _)| name).collect()
}

#[rstest]
fn generates_the_whole_schema_and_each_group_without_the_migrations_table() {
    let store = Store::default();
    let mut service =
        SnapshotService::new(Introspector(Some(graph())), Echo, &store, options("rout*"));
    let generated = service.generate().expect("generates");
    assert_eq!(
        names(&generated.snapshots),
        [
            "schema-baseline.mmd",
            "schema-baseline.svg",
            "schema.md",
            "walks.mmd",
            "walks.svg"
        ]
    );
    let whole =
        String::from_utf8_lossy(generated.snapshots.get("schema-baseline.mmd").expect("mmd"))
            .into_owned();
    assert!(
        whole.contains("users") && !whole.contains("__diesel_schema_migrations"),
        "{whole}"
    );
    assert!(store.files.borrow().is_empty(), "generate writes nothing");
}

#[rstest]
fn write_replaces_then_check_finds_no_drift() {
    let store = Store::default();
    let mut service =
        SnapshotService::new(Introspector(Some(graph())), Echo, &store, options("users"));
    let (generated, report) = service.write().expect("writes");
    assert_eq!(report.written, names(&generated.snapshots));
    let (_, drift) = service.check().expect("checks");
    assert!(drift.is_clean(), "{}", drift.report);
}

#[rstest]
fn check_reports_drift_and_writes_nothing() {
    let store = Store::default();
    store.files.borrow_mut().insert("stale.mmd", "erDiagram\n");
    let mut service =
        SnapshotService::new(Introspector(Some(graph())), Echo, &store, options("users"));
    let (_, drift) = service.check().expect("checks");
    assert!(!drift.is_clean());
    assert!(drift.report.contains("stale.mmd"), "{}", drift.report);
    assert_eq!(names(&store.files.borrow()), ["stale.mmd"]);
}

#[rstest]
fn an_introspection_failure_is_reported_with_its_cause() {
    let store = Store::default();
    let mut service = SnapshotService::new(Introspector(None), Echo, &store, options("users"));
    let error = service.write().expect_err("fails");
    assert!(
        matches!(error, SnapshotServiceError::Introspection(_)),
        "{error:?}"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert!(store.files.borrow().is_empty());
}

#[rstest]
fn a_glob_matching_no_table_is_a_group_error() {
    let store = Store::default();
    let mut service =
        SnapshotService::new(Introspector(Some(graph())), Echo, &store, options("pois*"));
    let error = service.check().expect_err("fails");
    assert!(matches!(error, SnapshotServiceError::Group(_)), "{error:?}");
    let cause = std::error::Error::source(&error)
        .expect("cause")
        .to_string();
    assert!(cause.contains("pois*"), "{cause}");
}

#[rstest]
fn a_render_failure_writes_nothing() {
    let store = Store::default();
    let mut service = SnapshotService::new(
        Introspector(Some(graph())),
        FailingRenderer,
        &store,
        options("users"),
    );
    let error = service.write().expect_err("fails");
    assert!(
        matches!(error, SnapshotServiceError::Render(_)),
        "{error:?}"
    );
    assert!(store.files.borrow().is_empty());
}

#[rstest]
fn mermaid_only_never_calls_the_renderer() {
    let store = Store::default();
    let mut options = options("users");
    options.format = OutputFormat::Mermaid;
    let mut service = SnapshotService::new(
        Introspector(Some(graph())),
        FailingRenderer,
        &store,
        options,
    );
    let generated = service.generate().expect("no SVG needed");
    assert_eq!(
        names(&generated.snapshots),
        ["schema-baseline.mmd", "schema.md", "walks.mmd"]
    );
}

#[rstest]
#[case::load(true)]
#[case::replace(false)]
fn a_store_failure_is_reported(#[case] checking: bool) {
    let store = Store {
        broken: true,
        ..Store::default()
    };
    let mut service =
        SnapshotService::new(Introspector(Some(graph())), Echo, &store, options("users"));
    let error = if checking {
        service.check().map(|_| ()).expect_err("load fails")
    } else {
        service.write().map(|_| ()).expect_err("replace fails")
    };
    assert!(matches!(error, SnapshotServiceError::Store(_)), "{error:?}");
}
