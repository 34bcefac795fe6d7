//! SVG renderer adapter running the Mermaid CLI (`mmdc`) as a child process.
//!
//! Optional: needs Node.js, `@mermaid-js/mermaid-cli` and a browser; no test depends on it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::domain::ports::diagram_renderer::{DiagramRenderError, DiagramRenderer};

const RENDERER: &str = "mmdc";

/// Renders by running `mmdc -i <tmp>.mmd -o <tmp>.svg` for each diagram.
#[derive(Debug, Clone)]
pub struct MmdcRenderer {
    program: PathBuf,
    puppeteer_config: Option<PathBuf>,
}

impl MmdcRenderer {
    /// A renderer running `program` (a path or a name looked up on `PATH`).
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            puppeteer_config: None,
        }
    }

    /// Passes `--puppeteerConfigFile` (e.g. `{"args": ["--no-sandbox"]}` when running as root).
    #[must_use]
    pub fn with_puppeteer_config(mut self, path: impl Into<PathBuf>) -> Self {
        self.puppeteer_config = Some(path.into());
        self
    }
}

impl DiagramRenderer for MmdcRenderer {
    fn render_svg(&self, diagram: &str, mermaid: &str) -> Result<String, DiagramRenderError> {
        let failed = |source: Box<dyn std::error::Error + Send + Sync>| {
            DiagramRenderError::failed(RENDERER, diagram, source)
        };
        let scratch = tempfile::tempdir().map_err(|error| failed(Box::new(error)))?;
        let input = scratch.path().join("diagram.mmd");
        let output = scratch.path().join("diagram.svg");
        std::fs::write(&input, mermaid).map_err(|error| failed(Box::new(error)))?;
        let mut command = Command::new(&self.program);
        command
            .arg("--quiet")
            .arg("--input")
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .stdin(Stdio::null());
        if let Some(config) = &self.puppeteer_config {
            command.arg("--puppeteerConfigFile").arg(config);
        }
        let result = command
            .output()
            .map_err(|error| DiagramRenderError::Unavailable {
                renderer: RENDERER,
                detail: format!("cannot run {}", self.program.display()),
                source: Box::new(error),
            })?;
        if !result.status.success() {
            let stderr = String::from_utf8_lossy(&result.stderr);
            return Err(failed(
                format!(
                    "{} exited with {}: {}",
                    self.program.display(),
                    result.status,
                    stderr.trim()
                )
                .into(),
            ));
        }
        std::fs::read_to_string(&output).map_err(|error| failed(Box::new(error)))
    }
}
