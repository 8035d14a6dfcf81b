//! `auth login` → `auth status` → a cancel → `auth logout`, against the
//! simulator, with the key piped in.

use crate::common::*;
use crate::sim;

const CONFIG: &str = "# my settings\nzone = \"us\"  # kept\nproject = \"demo\"\n";

fn peaka(sb: &Sandbox, sim: &sim::Sim) -> assert_cmd::Command {
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_BASE_URL", &sim.base);
    cmd
}

#[test]
fn login_status_cancel_logout() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let config = sb.write_config(CONFIG, 0o644);
    let key_file = sb.path().join("peaka-api-key");

    let refused = run(peaka(&sb, &sim)
        .args(["auth", "login"])
        .write_stdin("not-the-key\n"))
    .expect(4);
    assert!(
        refused.stderr.contains("nothing was saved"),
        "{}",
        refused.stderr
    );
    assert!(!key_file.exists());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), CONFIG);

    let login = run(peaka(&sb, &sim)
        .args(["auth", "login", "-o", "json"])
        .write_stdin("sim-partner-key\n"))
    .expect(0)
    .json();
    assert_eq!(
        (login["action"].as_str(), login["accepted"].as_bool()),
        (Some("auth-login"), Some(true))
    );
    assert_eq!(login["key"], "***-key");
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        "sim-partner-key\n"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with(CONFIG), "the rest kept as it was:\n{text}");
    assert!(
        text.ends_with("api_key_file = \"peaka-api-key\"\n"),
        "{text}"
    );

    let status = run(peaka(&sb, &sim).args(["auth", "status"])).expect(0);
    assert!(
        status.stdout.contains("***-key") && status.stdout.contains("accepts"),
        "{}",
        status.stdout
    );
    assert!(!status.stdout.contains("sim-partner"), "{}", status.stdout);
    run(peaka(&sb, &sim).args(["cache", "cancel-full-refresh", "-c", CACHE])).expect(0);

    run(peaka(&sb, &sim).args(["auth", "logout"])).expect(0);
    assert!(!key_file.exists());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), CONFIG);
    let none = run(peaka(&sb, &sim).args(["auth", "status"])).expect(3);
    assert!(none.stderr.contains("peaka auth login"), "{}", none.stderr);
}

#[test]
fn login_into_a_profile_without_a_project_is_not_checked() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let config = sb.write_config("# top\nzone = \"us\"\n", 0o600);
    let login = run(peaka(&sb, &sim)
        .args(["--profile", "ci", "auth", "login", "-o", "json"])
        .write_stdin("sim-project-key"))
    .expect(0)
    .json();
    assert_eq!(login["accepted"], serde_json::Value::Null);
    let text = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        text,
        "# top\nzone = \"us\"\n\n[profiles.ci]\napi_key_file = \"peaka-api-key-ci\"\n"
    );
    assert_eq!(sim.stats()["requests"], 0);
    let status =
        run(peaka(&sb, &sim).args(["--profile", "ci", "auth", "status", "-p", "demo"])).expect(0);
    assert!(status.stdout.contains("profile ci"), "{}", status.stdout);
}

/// `auth login` on a terminal (util-linux `script` gives one), acting on
/// it once the prompt shows: the exit code and what the terminal showed.
fn login_on_a_terminal(
    sb: &Sandbox,
    sim: &sim::Sim,
    act: impl FnOnce(&std::process::Child, &mut std::process::ChildStdin),
) -> (Option<i32>, String) {
    sb.write_config(CONFIG, 0o600);
    let args = format!("--base-url {} auth login", sim.base);
    let mut child = on_a_terminal(sb, &args, None);
    let mut stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 256];
        while let Ok(n) = std::io::Read::read(&mut stdout, &mut chunk) {
            if n == 0 || send.send(chunk[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = String::new();
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !screen.contains("API key: ") {
        let chunk = receive
            .recv_timeout(end.saturating_duration_since(std::time::Instant::now()))
            .unwrap_or_else(|_| panic!("no prompt: {screen}"));
        screen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let mut stdin = child.stdin.take().unwrap();
    act(&child, &mut stdin);
    // The terminal closes when the run ends; a run that waits on is a failure.
    loop {
        match receive.recv_timeout(end.saturating_duration_since(std::time::Instant::now())) {
            Ok(chunk) => screen.push_str(&String::from_utf8_lossy(&chunk)),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                panic!("still running: {screen}");
            }
        }
    }
    let status = child.wait().unwrap();
    drop(stdin);
    (status.code(), screen)
}

fn typing(keys: &[u8]) -> impl FnOnce(&std::process::Child, &mut std::process::ChildStdin) + '_ {
    |_, stdin| std::io::Write::write_all(stdin, keys).unwrap()
}

/// The key is asked for and never echoed, even typed the moment the prompt
/// shows.
#[test]
fn on_a_terminal_the_key_is_read_without_echo() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let (code, screen) = login_on_a_terminal(&sb, &sim, typing(b"sim-partner-key\n"));
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("Developer > Partner API Key"), "{screen}");
    assert!(!screen.contains("sim-partner-key"), "echoed: {screen}");
    assert_eq!(
        std::fs::read_to_string(sb.path().join("peaka-api-key")).unwrap(),
        "sim-partner-key\n"
    );
}

/// Ctrl-C at the prompt is an interruption (130), and nothing is saved.
#[test]
fn ctrl_c_at_the_prompt_saves_nothing() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let (code, screen) = login_on_a_terminal(&sb, &sim, typing(b"sim-partner\x03"));
    assert_eq!(code, Some(130), "{screen}");
    assert!(
        screen.contains("error: interrupted by SIGINT; nothing was saved"),
        "{screen}"
    );
    assert!(!screen.contains("sim-partner"), "echoed: {screen}");
    assert!(!sb.path().join("peaka-api-key").exists());
    assert_eq!(std::fs::read_to_string(sb.config_path()).unwrap(), CONFIG);
    assert_eq!(sim.stats()["requests"], 0);
}

/// SIGTERM while the prompt waits ends the run within a second (143), the
/// terminal's line closed and nothing saved.
#[test]
fn a_signal_at_the_prompt_ends_the_run() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let mut took = std::time::Duration::ZERO;
    let (code, screen) = login_on_a_terminal(&sb, &sim, |script, _| {
        let peaka = descendant(script.id(), "peaka").expect("peaka under script");
        send_signal(peaka, "TERM");
        let sent = std::time::Instant::now();
        while descendant(script.id(), "peaka").is_some() {
            assert!(
                sent.elapsed() < std::time::Duration::from_secs(5),
                "still running"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        took = sent.elapsed();
    });
    assert!(took < std::time::Duration::from_secs(1), "took {took:?}");
    assert_eq!(code, Some(143), "{screen}");
    assert!(
        screen.contains("API key: \r\nerror: interrupted by SIGTERM; nothing was saved"),
        "{screen:?}"
    );
    assert!(!sb.path().join("peaka-api-key").exists());
    assert_eq!(std::fs::read_to_string(sb.config_path()).unwrap(), CONFIG);
}
