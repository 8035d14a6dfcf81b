//! Helpers: a scrubbed environment, a recognisable key that must never be
//! printed, and a mock API.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const KEY: &str = "pk_test_SUPERSECRET_7f3a9c";
pub const PROJECT: &str = "mtKDhe1U";
pub const CACHE: &str = "960bd651-7b3c-4511-9a88-18e14ac7742a";

/// `cache cancel-full-refresh` of the test cache.
pub const CANCEL: [&str; 6] = ["cache", "cancel-full-refresh", "-p", PROJECT, "-c", CACHE];

pub fn path(tail: &str) -> String {
    format!("/api/v1/data/projects/{PROJECT}/cache/{CACHE}/{tail}")
}

pub fn cancel_path() -> String {
    path("cancelFullRefreshUpdate")
}

/// A temp home; every command runs with only it for an environment.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `peaka` with HOME, XDG_CONFIG_HOME and PEAKA_CONFIG in the sandbox.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("peaka").unwrap();
        cmd.env_clear()
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("xdg"))
            .env("PEAKA_CONFIG", self.config_path())
            .timeout(std::time::Duration::from_secs(30));
        cmd
    }

    /// `peaka` with the key in the environment, pointed at `base`.
    pub fn api(&self, base: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.env("PEAKA_API_KEY", KEY).args(["--base-url", base]);
        cmd
    }

    /// The same scrubbed environment for a child the test drives itself
    /// (signals, closed pipes).
    pub fn spawn(&self, args: &[&str], envs: &[(&str, &str)]) -> std::process::Child {
        let program = Command::cargo_bin("peaka")
            .unwrap()
            .get_program()
            .to_owned();
        std::process::Command::new(program)
            .env_clear()
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("xdg"))
            .env("PEAKA_CONFIG", self.config_path())
            .envs(envs.iter().copied())
            .args(args)
            // Open and unwritten until the test writes or drops it.
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }

    pub fn config_path(&self) -> PathBuf {
        self.path().join("config.toml")
    }

    pub fn write_config(&self, text: &str, mode: u32) -> PathBuf {
        let path = self.config_path();
        std::fs::write(&path, text).unwrap();
        set_mode(&path, mode);
        path
    }
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// What a run printed, checked for the key on the way.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", self.stdout))
    }

    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The published schema of every document, compiled once.
fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schema/peaka-output.schema.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
    })
}

/// Fails unless every JSON document on stdout (the one document, or each
/// NDJSON line) is valid against the published schema.
pub fn check_documents(stdout: &str) {
    for doc in documents(stdout).iter().filter(|d| d.is_object()) {
        let errors: Vec<String> = schema().iter_errors(doc).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "not valid against the schema: {errors:?}\n{doc:#}"
        );
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert_no_run_of_key(name, text);
        assert!(!text.contains("panicked"), "a panic on {name}:\n{text}");
    }
    for doc in documents(&run.stdout) {
        for text in strings_of(&doc) {
            assert_no_run_of_key("a JSON string of stdout", &text);
        }
    }
    check_documents(&run.stdout);
    run
}

/// The shortest run of the key that must never be shown.
pub const RUN: usize = 8;

/// Fails if `text` holds `RUN` consecutive characters of the key, also once
/// the characters a terminal does not show (controls, zero-width and bidi
/// characters) are taken out.
pub fn assert_no_run_of_key(name: &str, text: &str) {
    let shown: String = text
        .chars()
        .filter(|&c| {
            c == '\n'
                || !(c.is_control()
                    || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'))
        })
        .collect();
    for from in 0..=KEY.len() - RUN {
        let run = &KEY[from..from + RUN];
        assert!(
            !shown.contains(run),
            "{run:?}, {RUN} characters of the key, on {name}:\n{text}"
        );
    }
}

/// The JSON documents on stdout: the one document, or each NDJSON line.
pub fn documents(stdout: &str) -> Vec<Value> {
    match serde_json::from_str(stdout) {
        Ok(doc) => vec![doc],
        Err(_) => stdout
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect(),
    }
}

/// Every string of a JSON value, object keys included.
pub fn strings_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings_of).collect(),
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| std::iter::once(k.clone()).chain(strings_of(v)))
            .collect(),
        _ => Vec::new(),
    }
}

pub fn server() -> (mockito::ServerGuard, String) {
    let server = mockito::Server::new();
    let base = format!("{}/api/v1", server.url());
    (server, base)
}

pub fn running_status(exec_id: &str, status: &str) -> String {
    serde_json::json!({
        "id": CACHE, "projectId": PROJECT, "catalogId": "cat1", "schemaName": "public", "tableName": "orders",
        "status": "RUNNING",
        "lastFullRefreshCacheExecution": {
            "id": exec_id, "executionMode": "FULL_REFRESH", "status": status,
            "progress": {"numberOfCachedRecords": 120, "numberOfInsertedRecords": 100, "numberOfUpdatedRecords": 15, "numberOfDeletedRecords": 5},
            "createdAt": "2026-11-29T10:00:00Z", "updatedAt": "2026-11-29T10:05:00Z",
            "finishedAt": if status == "RUNNING" { Value::Null } else { Value::from("2026-11-29T10:06:00Z") }
        },
        "lastIncrementalCacheExecution": {"id": "inc-1", "status": "RUNNING"}
    })
    .to_string()
}

/// Runs `peaka ARGS…` on a pseudo-terminal (util-linux `script` makes one)
/// in the sandbox's scrubbed environment, with `PEAKA_API_KEY` if given.
/// Returns the child, its stdin and stdout for the caller to drive.
pub fn on_a_terminal(sb: &Sandbox, args: &str, key: Option<&str>) -> std::process::Child {
    on_a_terminal_with(sb, "", args, key)
}

/// `on_a_terminal`, with shell words before peaka's (`stty cols 40; exec`).
pub fn on_a_terminal_with(
    sb: &Sandbox,
    before: &str,
    args: &str,
    key: Option<&str>,
) -> std::process::Child {
    let peaka = assert_cmd::cargo::cargo_bin("peaka");
    let line = format!("{before} {} {args}", peaka.display());
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sb.path())
        .env("PEAKA_CONFIG", sb.config_path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    if let Some(key) = key {
        cmd.env("PEAKA_API_KEY", key);
    }
    cmd.spawn()
        .expect("util-linux script runs the command on a pseudo-terminal")
}

/// The first process below `pid` whose name is `name`, from Linux's /proc.
pub fn descendant(pid: u32, name: &str) -> Option<u32> {
    let mut parents = vec![pid];
    while let Some(parent) = parents.pop() {
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
                continue;
            };
            // pid (comm) state ppid …; comm may hold spaces and parentheses.
            let Some((comm, rest)) = stat.split_once(" (").and_then(|(_, r)| r.rsplit_once(") "))
            else {
                continue;
            };
            if rest.split(' ').nth(1) != Some(&parent.to_string()) {
                continue;
            }
            if comm == name {
                return Some(child);
            }
            parents.push(child);
        }
    }
    None
}

/// Sends `SIG{name}` (INT, TERM or HUP) to `pid` with a system call from
/// this process, so that the time it takes to end counts from the signal.
pub fn send_signal(pid: u32, name: &str) {
    use rustix::process::{kill_process, Pid, Signal};
    let signal = match name {
        "INT" => Signal::INT,
        "TERM" => Signal::TERM,
        "HUP" => Signal::HUP,
        other => panic!("no signal {other} in the tests"),
    };
    let pid = Pid::from_raw(i32::try_from(pid).unwrap()).unwrap();
    kill_process(pid, signal).unwrap();
}

/// Waits until process `pid` has a thread named `name` (from /proc).
pub fn wait_for_thread(pid: u32, name: &str) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let named = std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|task| {
                std::fs::read_to_string(task.path().join("comm"))
                    .is_ok_and(|comm| comm.trim_end() == name)
            });
        if named {
            return;
        }
        assert!(std::time::Instant::now() < end, "no thread {name} in {pid}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
