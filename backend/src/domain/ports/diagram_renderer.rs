//! Port: turns Mermaid source into SVG (in-process or via an external tool).
//!
//! Implemented by `outbound::mermaid_svg` (merman) and `outbound::mmdc` (Mermaid CLI).

use std::error::Error as StdError;

/// Why a diagram could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DiagramRenderError {
    /// The renderer could not be set up (missing binary, unreadable or invalid font).
    #[error("{renderer} renderer is unavailable: {detail}")]
    Unavailable {
        /// Renderer name, e.g. `merman` or `mmdc`.
        renderer: &'static str,
        /// What was being set up, naming the input (path, binary).
        detail: String,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// Rendering one diagram failed.
    #[error("{renderer} failed to render diagram {diagram:?}")]
    Failed {
        /// Renderer name.
        renderer: &'static str,
        /// Diagram file stem.
        diagram: String,
        /// Underlying cause.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

impl DiagramRenderError {
    /// A [`DiagramRenderError::Failed`] for `diagram`, keeping `source` as the cause.
    pub fn failed(
        renderer: &'static str,
        diagram: &str,
        source: impl Into<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        Self::Failed {
            renderer,
            diagram: diagram.to_owned(),
            source: source.into(),
        }
    }
}

/// Renders Mermaid source to a complete SVG document.
///
/// `Sync` because a snapshot run renders its diagrams on several threads at once.
pub trait DiagramRenderer: Sync {
    /// Renders one diagram; `diagram` (its file stem) only names it in errors.
    ///
    /// # Errors
    ///
    /// [`DiagramRenderError`] when the renderer is unavailable or rejects the source.
    fn render_svg(&self, diagram: &str, mermaid: &str) -> Result<String, DiagramRenderError>;
}

impl<T: DiagramRenderer + ?Sized> DiagramRenderer for Box<T> {
    fn render_svg(&self, diagram: &str, mermaid: &str) -> Result<String, DiagramRenderError> {
        (**self).render_svg(diagram, mermaid)
    }
}

/// A renderer that fails every diagram, for unit tests of what must happen on failure.
#[cfg(test)]
pub(crate) struct FailingRenderer;

#[cfg(test)]
impl DiagramRenderer for FailingRenderer {
    fn render_svg(&self, diagram: &str, _: &str) -> Result<String, DiagramRenderError> {
        Err(DiagramRenderError::failed("broken", diagram, "boom"))
    }
}
