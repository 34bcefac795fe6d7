//! The committed SVGs draw in any viewer: no HTML `<foreignObject>`, and parsed as resvg parses
//! them (usvg, with only the vendored font), every table and column name of the sibling `.mmd`
//! is laid-out text inside the drawing's bounds.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rstest::rstest;

fn diagrams_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagrams/er")
}

fn committed_svgs() -> Vec<PathBuf> {
    let mut svgs: Vec<PathBuf> = std::fs::read_dir(diagrams_dir())
        .expect("read docs/diagrams/er")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "svg"))
        .collect();
    svgs.sort();
    svgs
}

/// Entity names and attribute names declared in a generated `.mmd`.
fn declared_names(mermaid: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in mermaid.lines() {
        if let Some(entity) = line.strip_prefix("    ").and_then(|l| l.strip_suffix(" {")) {
            names.push(entity.trim_matches('"').to_owned());
        } else if let Some(attribute) = line.strip_prefix("        ")
            && let Some(name) = attribute.split_whitespace().nth(1)
        {
            names.push(name.to_owned());
        }
    }
    names
}

fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    let font =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/DejaVuSans.ttf"))
            .expect("vendored font");
    Arc::make_mut(&mut options.fontdb).load_font_data(font);
    options
}

fn collect_text(group: &usvg::Group, out: &mut Vec<(String, usvg::Rect)>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(child) => collect_text(child, out),
            usvg::Node::Text(text) => {
                let content: String = text.chunks().iter().map(usvg::TextChunk::text).collect();
                out.push((content, text.abs_bounding_box()));
            }
            _ => {}
        }
    }
}

#[rstest]
fn every_committed_svg_draws_its_names_as_text() {
    let svgs = committed_svgs();
    assert!(!svgs.is_empty(), "no SVG under docs/diagrams/er");
    let options = options();
    for svg_path in svgs {
        let svg = std::fs::read_to_string(&svg_path).expect("read svg");
        let shown = svg_path.display();
        assert!(
            !svg.contains("foreignObject"),
            "{shown} still has <foreignObject>"
        );
        let tree = usvg::Tree::from_str(&svg, &options)
            .unwrap_or_else(|error| panic!("{shown}: usvg rejects it: {error}"));
        let (width, height) = (tree.size().width(), tree.size().height());
        let mut texts = Vec::new();
        collect_text(tree.root(), &mut texts);
        let mermaid =
            std::fs::read_to_string(svg_path.with_extension("mmd")).expect("sibling .mmd");
        let names = declared_names(&mermaid);
        assert!(!names.is_empty(), "{shown}: no names in the .mmd");
        let inside = |bounds: &usvg::Rect| {
            bounds.left() >= -0.5
                && bounds.top() >= -0.5
                && bounds.right() <= width + 0.5
                && bounds.bottom() <= height + 0.5
        };
        for name in names {
            // A name also used as a relationship label may appear more than once; one
            // occurrence inside the drawing is what makes it readable.
            let drawn: Vec<&usvg::Rect> = texts
                .iter()
                .filter(|(text, _)| text == &name)
                .map(|(_, bounds)| bounds)
                .collect();
            assert!(!drawn.is_empty(), "{shown}: {name:?} is not drawn as text");
            assert!(
                drawn.iter().any(|bounds| inside(bounds)),
                "{shown}: {name:?} at {drawn:?} lies outside {width}x{height}"
            );
        }
    }
}
