//! The SVG renderer one `er-snapshots` run asks for: merman with the vendored or a given font,
//! the Mermaid CLI, or none when only Mermaid text is written.

use super::RendererChoice;
use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};
use crate::outbound::mermaid_svg::MermanSvgRenderer;
use crate::outbound::mmdc::MmdcRenderer;

/// Stands in when `--format mermaid` asks for no SVG; never called in that case.
struct NoSvg;

impl DiagramRenderer for NoSvg {
    fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
        Err(DiagramRenderError::failed(
            "none",
            diagram,
            "SVG output was not requested",
        ))
    }
}

/// Whether the run draws SVGs with the vendored font: the one renderer that cannot fail.
pub(super) const fn loads_vendored_font(choice: &RendererChoice, needed: bool) -> bool {
    needed && matches!(choice, RendererChoice::Merman { font: None })
}

pub(super) fn build_renderer(
    choice: &RendererChoice,
    needed: bool,
) -> Result<Box<dyn DiagramRenderer + Send>, DiagramRenderError> {
    Ok(match choice {
        // Loading a font or finding a binary only matters when SVGs are drawn.
        _ if !needed => Box::new(NoSvg),
        RendererChoice::Merman { font: None } => Box::new(MermanSvgRenderer::with_embedded_font()?),
        RendererChoice::Merman {
            font: Some((path, _)),
        } => Box::new(MermanSvgRenderer::with_font_file(path)?),
        RendererChoice::Mmdc {
            program,
            puppeteer_config,
        } => {
            let renderer = MmdcRenderer::new(program);
            Box::new(match puppeteer_config {
                Some(config) => renderer.with_puppeteer_config(config),
                None => renderer,
            })
        }
    })
}
