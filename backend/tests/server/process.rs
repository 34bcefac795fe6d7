//! A real `backend` process for tests: JSON log lines collected from stderr and stdout, its
//! port read from the "listening" event, signals sent with `kill`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Every variable the backend's settings read, removed from the inherited environment so
/// that a developer's own settings cannot change a test.
const SETTINGS_VARIABLES: &[&str] = &[
    "HOST",
    "PORT",
    "DATABASE_URL",
    "BACKEND_DATA_DIR",
    "BACKEND_EPHEMERAL",
    "BACKEND_RUN_MIGRATIONS",
    "BACKEND_POOL_SIZE",
    "EXAMPLE_DATA_IS_ENABLED",
    "EXAMPLE_DATA_SEED_NAME",
    "EXAMPLE_DATA_USER_COUNT",
    "EXAMPLE_DATA_REGISTRY_PATH",
    "BACKEND_API_TOKEN",
    "LOG_FORMAT",
    "BACKEND_CONFIG_PATH",
];

/// A `backend` command with a clean settings environment, JSON logs and port 0, run in `dir`
/// (where a `.backend.toml` would be looked for).
pub fn command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_backend"));
    for name in SETTINGS_VARIABLES {
        command.env_remove(name);
    }
    command
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info,pg_embed=warn")
        .env("PORT", "0")
        // The default registry is found from the working directory, which is not a checkout.
        .env(
            "EXAMPLE_DATA_REGISTRY_PATH",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/example-data/seeds.json"
            ),
        )
        .current_dir(dir);
    command
}

/// A running `backend`; killed with SIGKILL if still running when dropped.
pub struct Backend {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Backend {
    /// Starts `command` with its output collected.
    pub fn spawn(mut command: Command) -> Self {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the backend binary starts");
        let lines = Arc::new(Mutex::new(Vec::new()));
        if let Some(out) = child.stdout.take() {
            collect(out, &lines);
        }
        if let Some(err) = child.stderr.take() {
            collect(err, &lines);
        }
        Self { child, lines }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Every line so far, joined.
    pub fn output(&self) -> String {
        self.lines.lock().expect("lines").join("\n")
    }

    /// The JSON log events so far.
    pub fn events(&self) -> Vec<Value> {
        self.lines
            .lock()
            .expect("lines")
            .iter()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    /// Waits for an event whose `field` equals `value`; panics with the output on timeout or
    /// when the process exits first.
    pub fn wait_for(&mut self, field: &str, value: &str, timeout: Duration) -> Value {
        self.wait_until(&format!("{field}={value}"), timeout, |event| {
            event[field].as_str() == Some(value)
        })
    }

    /// Waits for an event matching `matches` (described by `what` in a failure).
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        matches: impl Fn(&Value) -> bool,
    ) -> Value {
        let began = Instant::now();
        loop {
            let exited = self.child.try_wait().expect("try_wait");
            if exited.is_some() {
                // Let the readers drain what was written before the exit.
                std::thread::sleep(Duration::from_millis(100));
            }
            if let Some(event) = self.events().into_iter().find(|event| matches(event)) {
                return event;
            }
            if let Some(status) = exited {
                panic!(
                    "backend exited ({status}) before {what}:\n{}",
                    self.output()
                );
            }
            assert!(
                began.elapsed() < timeout,
                "no {what} within {timeout:?}:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the server listens and returns its port.
    pub fn wait_listening(&mut self, timeout: Duration) -> u16 {
        let event = self.wait_until("the listening event", timeout, |event| {
            event["message"]
                .as_str()
                .is_some_and(|message| message.starts_with("listening"))
        });
        let address = event["address"].as_str().expect("address field");
        address
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .expect("a port in the address")
    }

    /// Sends `signal` (`TERM`, `INT`, `KILL`) with `kill`.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args(["-s", signal, &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -s {signal} failed");
    }

    /// Waits for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let began = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                began.elapsed() < timeout,
                "backend still running after {timeout:?}:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn collect(stream: impl Read + Send + 'static, lines: &Arc<Mutex<Vec<String>>>) {
    let lines = Arc::clone(lines);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            lines.lock().expect("lines").push(line);
        }
    });
}

/// A plain HTTP/1.1 GET on 127.0.0.1, returning the status code and the body.
pub fn get(port: u16, path: &str) -> (u16, String) {
    get_with(port, path, None)
}

/// As [`get`], with an optional `Authorization` header value.
pub fn get_with(port: u16, path: &str, authorization: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let header =
        authorization.map_or_else(String::new, |value| format!("Authorization: {value}\r\n"));
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}Connection: close\r\n\r\n"
    )
    .expect("request written");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}
