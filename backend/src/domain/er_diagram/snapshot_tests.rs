//! Unit tests of snapshot sets: formats, assembly, parallel rendering and its errors.

use rstest::rstest;

use super::{Diagram, OutputFormat, assemble_snapshots, is_snapshot_file};
use crate::domain::ports::diagram_renderer::{
    DiagramRenderError, DiagramRenderer, FailingRenderer,
};

struct Echo;

impl DiagramRenderer for Echo {
    fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
        Ok(format!("<svg id=\"{diagram}\"/>"))
    }
}

fn diagrams() -> Vec<Diagram> {
    ["schema-baseline", "catalogue"]
        .into_iter()
        .map(|stem| Diagram {
            stem: stem.to_owned(),
            mermaid: format!("erDiagram\n%% {stem}\n"),
            note: None,
        })
        .collect()
}

#[rstest]
#[case("mermaid", OutputFormat::Mermaid)]
#[case("svg", OutputFormat::Svg)]
#[case("both", OutputFormat::Both)]
fn parses_formats(#[case] value: &str, #[case] expected: OutputFormat) {
    assert_eq!(OutputFormat::try_from(value), Ok(expected));
}

#[rstest]
fn rejects_unknown_format() {
    let error = OutputFormat::try_from("png").expect_err("png is not supported");
    assert!(error.to_string().contains("\"png\""));
}

#[rstest]
#[case(OutputFormat::Both, &["catalogue.mmd", "catalogue.svg", "schema-baseline.mmd", "schema-baseline.svg"])]
#[case(OutputFormat::Mermaid, &["catalogue.mmd", "schema-baseline.mmd"])]
#[case(OutputFormat::Svg, &["catalogue.svg", "schema-baseline.svg"])]
fn assembles_requested_files(#[case] format: OutputFormat, #[case] expected: &[&str]) {
    let set = assemble_snapshots(&diagrams(), format, &Echo).expect("assemble");
    let names: Vec<&str> = set.iter().map(|(name, _)| name).collect();
    assert_eq!(names, expected);
}

#[rstest]
fn renderer_failure_yields_no_set() {
    let error = assemble_snapshots(&diagrams(), OutputFormat::Both, &FailingRenderer)
        .expect_err("renderer fails");
    assert!(error.to_string().contains("schema-baseline"));
    assert!(std::error::Error::source(&error).is_some(), "cause is kept");
}

fn numbered(count: usize) -> Vec<Diagram> {
    (0..count)
        .map(|index| Diagram {
            stem: format!("d{index:02}"),
            mermaid: format!("erDiagram\n%% d{index:02}\n"),
            note: None,
        })
        .collect()
}

/// [`Echo`], taking long enough per diagram that the threads interleave.
struct SlowEcho;

impl DiagramRenderer for SlowEcho {
    fn render_svg(&self, diagram: &str, mermaid: &str) -> Result<String, DiagramRenderError> {
        std::thread::sleep(std::time::Duration::from_millis(3));
        Echo.render_svg(diagram, mermaid)
    }
}

#[rstest]
fn every_svg_belongs_to_its_own_diagram_when_rendered_in_parallel() {
    let set = assemble_snapshots(&numbered(23), OutputFormat::Svg, &SlowEcho).expect("assemble");
    assert_eq!(set.iter().count(), 23);
    for (name, svg) in set.iter() {
        let stem = name.strip_suffix(".svg").expect("svg");
        assert_eq!(svg, format!("<svg id=\"{stem}\"/>").as_bytes());
    }
}

/// Fails `d05` slowly and `d09` at once: the error must still be `d05`'s, the first in
/// diagram order, whatever thread finishes first.
struct FailsTwice;

impl DiagramRenderer for FailsTwice {
    fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
        match diagram {
            "d05" => {
                std::thread::sleep(std::time::Duration::from_millis(30));
                Err(DiagramRenderError::failed("test", diagram, "slow failure"))
            }
            "d09" => Err(DiagramRenderError::failed("test", diagram, "fast failure")),
            _ => SlowEcho.render_svg(diagram, ""),
        }
    }
}

#[rstest]
fn the_first_failing_diagram_in_order_is_the_one_reported() {
    let error = assemble_snapshots(&numbered(12), OutputFormat::Both, &FailsTwice)
        .expect_err("two diagrams fail");
    assert!(
        matches!(&error, DiagramRenderError::Failed { diagram, .. } if diagram == "d05"),
        "{error}"
    );
}

#[rstest]
#[case("a.mmd", true)]
#[case("a.svg", true)]
#[case("README.md", false)]
#[case("schema.md", true)]
#[case("groups.toml", false)]
#[case(".hidden.svg", false)]
#[case(".svg", false)]
fn owns_only_snapshot_files(#[case] name: &str, #[case] owned: bool) {
    assert_eq!(is_snapshot_file(name), owned);
}
