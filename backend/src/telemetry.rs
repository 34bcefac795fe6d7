//! Logging for every binary: one `tracing` subscriber writing to stderr, filtered by
//! `RUST_LOG`, human-readable by default and JSON with `--log-format json` or `LOG_FORMAT=json`.

use std::str::FromStr;

use tracing_subscriber::EnvFilter;

/// The environment variable that picks the format when no flag does.
pub const LOG_FORMAT_VAR: &str = "LOG_FORMAT";

/// How log events are written to stderr.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// A `LOG_FORMAT` value that is neither `text` nor `json`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{LOG_FORMAT_VAR}={value:?} is not a log format; expected text or json")]
pub struct LogFormatError {
    /// The rejected value.
    pub value: String,
}

impl FromStr for LogFormat {
    type Err = LogFormatError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "text" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            _ => Err(LogFormatError {
                value: value.to_owned(),
            }),
        }
    }
}

impl LogFormat {
    /// The flag when given, else `LOG_FORMAT`, else text.
    ///
    /// # Errors
    /// [`LogFormatError`] when `LOG_FORMAT` is set to something else than `text` or `json`.
    pub fn resolve(flag: Option<Self>) -> Result<Self, LogFormatError> {
        match (flag, std::env::var(LOG_FORMAT_VAR)) {
            (Some(format), _) => Ok(format),
            (None, Ok(value)) if !value.is_empty() => value.parse(),
            (None, _) => Ok(Self::default()),
        }
    }
}

/// Installs the process's subscriber: events at `default_level` and above unless `RUST_LOG`
/// says otherwise, written to stderr so that stdout stays the command's report.
///
/// A second call (a test that runs two commands in one process) keeps the first subscriber.
pub fn init(format: LogFormat, default_level: tracing::Level) {
    // pg-embed-setup-unpriv narrates its bootstrap at info; only its warnings matter here.
    let filter = match std::env::var(EnvFilter::DEFAULT_ENV) {
        Ok(directives) if !directives.trim().is_empty() => EnvFilter::builder()
            .with_default_directive(default_level.into())
            .parse_lossy(directives),
        _ => EnvFilter::new(format!(
            "{},pg_embed=warn",
            default_level.as_str().to_ascii_lowercase()
        )),
    };
    // Colour codes only for a terminal: a log file or a pipe gets plain text.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    // Err means a subscriber is already installed, which is fine.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::LogFormat;

    #[rstest]
    #[case("text", Some(LogFormat::Text))]
    #[case("json", Some(LogFormat::Json))]
    #[case("JSON", None)]
    #[case("yaml", None)]
    fn parses_the_two_formats(#[case] value: &str, #[case] expected: Option<LogFormat>) {
        assert_eq!(value.parse::<LogFormat>().ok(), expected);
    }

    #[rstest]
    fn a_flag_wins_over_the_environment() {
        assert_eq!(
            LogFormat::resolve(Some(LogFormat::Json)).expect("flag"),
            LogFormat::Json
        );
    }
}
