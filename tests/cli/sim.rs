//! End to end: `peaka` against a running `peaka-sim` with real state changes.

use serde_json::Value;

use crate::common::*;

const IDLE_CACHE: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";
const OTHER_CACHE: &str = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/// A simulator started in-process on a free port; stopped when dropped.
pub struct Sim {
    server: peaka_sim::Server,
    pub base: String,
}

pub fn start(args: &[&str]) -> Sim {
    let server = peaka_sim::start(args).unwrap();
    Sim {
        base: server.base_url().to_string(),
        server,
    }
}

fn scenario(name: &str) -> String {
    format!(
        "{}/peaka-sim/scenarios/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

impl Sim {
    /// The simulator's own counters.
    pub fn stats(&self) -> Value {
        self.server.stats()
    }

    /// `--wait` on the demo cache, as JSON, expecting an exit code.
    fn wait_doc(&self, code: i32) -> Value {
        let wait = ["--wait", "--interval", "300ms", "-o", "json"];
        self.cancel(PARTNER, "demo", CACHE, &wait)
            .expect(code)
            .json()
    }

    fn cancel(&self, key: &str, project: &str, cache: &str, extra: &[&str]) -> Run {
        let sb = Sandbox::new();
        let mut cmd = sb.cmd();
        cmd.env("PEAKA_API_KEY", key)
            .args([
                "--base-url",
                &self.base,
                "cache",
                "cancel-full-refresh",
                "-p",
                project,
                "-c",
                cache,
            ])
            .args(extra);
        run(&mut cmd)
    }
}

const PARTNER: &str = "sim-partner-key";

#[test]
fn cancel_and_wait_until_cancelled_over_one_connection() {
    let sim = start(&["--cancel-delay", "600ms"]);
    let doc = sim.wait_doc(0);
    assert_eq!(doc["outcome"], "cancelled");
    assert_eq!(doc["execution"]["status"], "CANCELLED");
    assert!(doc["waitedMs"].as_u64().unwrap() >= 500);
    let stats = sim.stats();
    assert_eq!(
        stats["connections"], 1,
        "one kept-alive connection per run: {stats}"
    );
    assert_eq!(stats["byOperation"]["cancelFullRefreshCache"], 1);
    assert_eq!(
        stats["requests"],
        doc["polls"].as_u64().unwrap() + 2,
        "status before, cancel, then the polls"
    );
}

#[test]
fn too_late_is_exit_8() {
    let sim = start(&["--scenario", &scenario("too-late")]);
    let doc = sim.wait_doc(8);
    assert_eq!(doc["outcome"], "completed");
    assert_eq!(doc["error"]["kind"], "too_late");
}

#[test]
fn superseded_by_a_new_execution_is_resolved_from_the_history() {
    let sim = start(&["--scenario", &scenario("superseded")]);
    let doc = sim.wait_doc(0);
    assert_eq!(doc["outcome"], "cancelled");
    assert_eq!(doc["execution"]["status"], "CANCELLED");
    assert!(doc["supersededBy"].is_string(), "{doc}");
    assert_ne!(doc["supersededBy"], doc["execution"]["id"]);
    assert_eq!(sim.stats()["byOperation"]["getCacheExecutionHistory"], 1);
}

#[test]
fn retries_absorb_a_flaky_api() {
    let sim = start(&["--scenario", &scenario("flaky")]);
    let run = sim
        .cancel(
            PARTNER,
            "demo",
            CACHE,
            &["--wait", "--interval", "300ms", "-v"],
        )
        .expect(0);
    assert!(run.stdout.starts_with("Cancelled"), "{}", run.stdout);
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    let stats = sim.stats();
    assert_eq!(stats["byOperation"]["cancelFullRefreshCache"], 3);
}

#[test]
fn a_broken_api_is_exit_10_without_its_html() {
    let sim = start(&["--scenario", &scenario("broken")]);
    let run = sim
        .cancel(PARTNER, "demo", CACHE, &["--retries", "1"])
        .expect(10);
    assert!(
        run.stderr.contains("502") && run.stderr.contains("after 2 tries"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("<"), "{}", run.stderr);
}

#[test]
fn auth_scopes_401_and_403() {
    let sim = start(&[]);
    let doc = sim
        .cancel("not-a-key", "demo", CACHE, &["-o", "json"])
        .expect(4)
        .json();
    assert_eq!(doc["error"]["httpStatus"], 401);
    let doc = sim
        .cancel("sim-project-key", "other", OTHER_CACHE, &["-o", "json"])
        .expect(4)
        .json();
    assert_eq!(doc["error"]["httpStatus"], 403);
    sim.cancel("sim-project-key", "demo", CACHE, &[]).expect(0);
}

#[test]
fn nothing_running_and_no_such_cache() {
    let sim = start(&[]);
    let run = sim.cancel(PARTNER, "demo", IDLE_CACHE, &[]).expect(6);
    assert!(run.stderr.contains("COMPLETED"), "{}", run.stderr);
    sim.cancel(PARTNER, "demo", IDLE_CACHE, &["--if-running"])
        .expect(0);
    sim.cancel(PARTNER, "demo", "00000000-0000-4000-8000-000000000000", &[])
        .expect(5);
}
