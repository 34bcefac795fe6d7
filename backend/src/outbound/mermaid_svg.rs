//! SVG renderer adapter over the `merman` crate: in-process, no browser.
//!
//! Labels are measured with one fixed font (vendored `DejaVu Sans` unless overridden) and drawn
//! as SVG `<text>`, so `rsvg-convert`, resvg and image previewers show them as browsers do.

use std::path::Path;

use merman::svg::SvgPipeline;
use merman::svg::export::{NativeFontContext, NativeFontLimits};
use merman::{OperationControl, RenderOutput, RenderRequest, Renderer, SvgEnvironment, SvgRequest};

use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};

/// The vendored font: `DejaVu Sans` 2.37 (see `backend/assets/fonts/`).
const EMBEDDED_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Font family the vendored font declares; the Mermaid front matter must name the same one.
pub const EMBEDDED_FONT_FAMILY: &str = "DejaVu Sans";

const RENDERER: &str = "merman";

/// Renders Mermaid to SVG with merman, deterministically, measuring text with a fixed font.
#[derive(Debug)]
pub struct MermanSvgRenderer {
    renderer: Renderer,
    request: SvgRequest,
}

impl MermanSvgRenderer {
    /// A renderer measuring with the vendored `DejaVu Sans`.
    ///
    /// # Errors
    ///
    /// [`DiagramRenderError::Unavailable`] if the embedded font is rejected (a build defect).
    pub fn with_embedded_font() -> Result<Self, DiagramRenderError> {
        Self::from_font_bytes(EMBEDDED_FONT.to_vec(), "embedded DejaVu Sans")
    }

    /// A renderer measuring with the font in `path` (TrueType or OpenType).
    ///
    /// The Mermaid source must then name that font's family in `fontFamily`.
    ///
    /// # Errors
    ///
    /// [`DiagramRenderError::Unavailable`] naming `path` if it cannot be read or is no font.
    pub fn with_font_file(path: &Path) -> Result<Self, DiagramRenderError> {
        // Reading the font is the adapter's own I/O; merman then receives only bytes.
        let bytes = std::fs::read(path).map_err(|source| DiagramRenderError::Unavailable {
            renderer: RENDERER,
            detail: format!("cannot read font file {}", path.display()),
            source: Box::new(source),
        })?;
        Self::from_font_bytes(bytes, &format!("font file {}", path.display()))
    }

    fn from_font_bytes(bytes: Vec<u8>, origin: &str) -> Result<Self, DiagramRenderError> {
        let unavailable =
            |source: Box<dyn std::error::Error + Send + Sync>| DiagramRenderError::Unavailable {
                renderer: RENDERER,
                detail: format!("cannot load {origin}"),
                source,
            };
        let context = NativeFontContext::from_font_bytes(
            [bytes],
            NativeFontLimits::default(),
            &OperationControl::new(),
        )
        .map_err(|error| unavailable(Box::new(error)))?;
        let environment = SvgEnvironment::deterministic()
            .with_native_font_context(context)
            .map_err(|error| unavailable(Box::new(error)))?;
        Ok(Self {
            renderer: Renderer::new(),
            request: SvgRequest {
                environment,
                // Text-only output: strips any HTML label and CSS that librsvg or resvg cannot draw.
                pipeline: Some(SvgPipeline::resvg_safe()),
                ..SvgRequest::default()
            },
        })
    }
}

impl DiagramRenderer for MermanSvgRenderer {
    fn render_svg(&self, diagram: &str, mermaid: &str) -> Result<String, DiagramRenderError> {
        let failed = |source: Box<dyn std::error::Error + Send + Sync>| {
            DiagramRenderError::failed(RENDERER, diagram, source)
        };
        let output = self
            .renderer
            .render(RenderRequest::svg(
                mermaid,
                OperationControl::new(),
                self.request.clone(),
            ))
            .map_err(|error| failed(Box::new(error)))?;
        match output {
            RenderOutput::Svg(Some(svg)) => {
                let mut text = preserve_word_spaces(svg.into_parts().0);
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                Ok(text)
            }
            _ => Err(failed("no Mermaid diagram detected".into())),
        }
    }
}

/// Labels are one `<tspan>` per word, each after the first starting with a space; with the
/// default `xml:space` librsvg drops those spaces (`Theidwithin...`), so the root asks for
/// `preserve`. The output has no other whitespace-only text to be affected.
fn preserve_word_spaces(svg: String) -> String {
    match svg.strip_prefix("<svg ") {
        Some(rest) if !svg.contains("xml:space=") => format!("<svg xml:space=\"preserve\" {rest}"),
        _ => svg,
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::{EMBEDDED_FONT_FAMILY, MermanSvgRenderer};
    use crate::domain::er_diagram::fixture_schema::generated_schema;
    use crate::domain::er_diagram::{
        DiagramGroups, MAX_MERMAID_SOURCE_CHARS, normalise, plan_diagrams,
    };
    use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};

    const WALKS: &str = include_str!("../../tests/golden/er_diagram/walks.mmd");
    const EMPTY: &str = include_str!("../../tests/golden/er_diagram/empty.mmd");

    #[rstest]
    fn renders_golden_model_deterministically() {
        let renderer = MermanSvgRenderer::with_embedded_font().expect("embedded font loads");
        let svg = renderer.render_svg("walks", WALKS).expect("renders");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        // SVG-text labels are one <tspan> per word; later words keep their leading space.
        for label in [
            ">route_points<",
            ">order<",
            "> items<",
            ">class<",
            ">users<",
        ] {
            assert!(svg.contains(label), "{label}");
        }
        assert!(
            [">weird'name<", ">weird&#39;name<", ">weird&apos;name<"]
                .iter()
                .any(|label| svg.contains(label)),
            "a double quote in a name is drawn as a single quote"
        );
        assert!(!svg.contains("foreignObject"), "labels are SVG text");
        assert!(
            svg.starts_with("<svg xml:space=\"preserve\" "),
            "word spaces kept"
        );
        assert!(svg.contains("DejaVu Sans"), "measured font named first");
        assert!(svg.contains("sans-serif"), "generic fallback present");
        let again = MermanSvgRenderer::with_embedded_font()
            .and_then(|renderer| renderer.render_svg("walks", WALKS))
            .expect("renders again");
        assert_eq!(svg, again);
    }

    /// `(width, height)` from the root `viewBox`.
    fn view_box_size(svg: &str) -> (f64, f64) {
        let start = svg.find("viewBox=\"").expect("viewBox") + "viewBox=\"".len();
        let end = start + svg[start..].find('"').expect("closing quote");
        let numbers: Vec<f64> = svg[start..end]
            .split_whitespace()
            .map(|n| n.parse().expect("number"))
            .collect();
        (numbers[2], numbers[3])
    }

    #[rstest]
    fn sixty_tables_draw_no_wider_than_three_times_their_height() {
        let schema = normalise(generated_schema(60, 70));
        let diagrams = plan_diagrams(
            &schema,
            &DiagramGroups::default(),
            Some(EMBEDDED_FONT_FAMILY),
        )
        .expect("plan");
        assert_eq!(
            diagrams.len(),
            1,
            "60 tables fit in one whole-schema diagram"
        );
        assert!(diagrams[0].mermaid.chars().count() < MAX_MERMAID_SOURCE_CHARS);
        let renderer = MermanSvgRenderer::with_embedded_font().expect("embedded font loads");
        let svg = renderer
            .render_svg(&diagrams[0].stem, &diagrams[0].mermaid)
            .expect("renders");
        assert!(!svg.contains("foreignObject"));
        let (width, height) = view_box_size(&svg);
        assert!(
            width <= 3.0 * height,
            "{width} x {height} is wider than 3:1"
        );
    }

    #[rstest]
    fn renders_empty_schema() {
        let renderer = MermanSvgRenderer::with_embedded_font().expect("embedded font loads");
        assert!(
            renderer
                .render_svg("empty", EMPTY)
                .expect("renders")
                .starts_with("<svg")
        );
    }

    #[rstest]
    fn rejects_invalid_mermaid_naming_the_diagram() {
        let renderer = MermanSvgRenderer::with_embedded_font().expect("embedded font loads");
        let error = renderer
            .render_svg("broken", "erDiagram\n    a ||--o{\n")
            .expect_err("invalid source");
        assert!(
            matches!(&error, DiagramRenderError::Failed { diagram, .. } if diagram == "broken")
        );
    }

    #[rstest]
    fn font_that_is_not_a_font_is_unavailable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("not-a-font.ttf");
        std::fs::write(&path, b"plain text").expect("write");
        let error = MermanSvgRenderer::with_font_file(&path).expect_err("not a font");
        assert!(matches!(error, DiagramRenderError::Unavailable { .. }));
        assert!(error.to_string().contains("not-a-font.ttf"), "{error}");
        let missing = MermanSvgRenderer::with_font_file(&dir.path().join("absent.ttf"))
            .expect_err("missing font");
        assert!(missing.to_string().contains("absent.ttf"), "{missing}");
    }
}
