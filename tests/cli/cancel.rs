//! The cancel request: what reaches the server, and every answer's exit code.

use mockito::Matcher;

use crate::common::*;

fn cancel(sb: &Sandbox, base: &str) -> assert_cmd::Command {
    let mut cmd = sb.api(base);
    cmd.args(CANCEL);
    cmd
}

#[test]
fn sends_the_exact_request_and_reports_cancel_requested() {
    let (mut server, base) = server();
    let mock = server
        .mock("POST", cancel_path().as_str())
        .match_header("authorization", format!("Bearer {KEY}").as_str())
        .match_header("accept", "application/json")
        .match_header(
            "user-agent",
            Matcher::Regex(r"^peaka-cli/\d+\.\d+\.\d+$".into()),
        )
        .match_header("referer", Matcher::Missing)
        .match_body("")
        .with_status(200)
        .create();
    let run = run(&mut cancel(&sb_new(), &base)).expect(0);
    mock.assert();
    assert!(run.stdout.contains("Cancel requested"), "{}", run.stdout);
    assert_eq!(run.stderr, "");
}

fn sb_new() -> Sandbox {
    Sandbox::new()
}

#[test]
fn json_success_document() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .with_header("content-type", "*/*")
        .create();
    let doc = run(cancel(&sb_new(), &base).args(["-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["schemaVersion"], 1);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["action"], "cancel-full-refresh");
    assert_eq!(doc["projectId"], PROJECT);
    assert_eq!(doc["cacheId"], CACHE);
    assert_eq!(doc["outcome"], "cancel_requested");
}

#[test]
fn not_found_when_the_status_says_404() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(404)
        .create();
    let status = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::UrlEncoded("excludeLogs".into(), "true".into()))
        .with_status(404)
        .create();
    let run = run(cancel(&sb_new(), &base).args(["-o", "json"])).expect(5);
    status.assert();
    let doc = run.json();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["error"]["kind"], "not_found");
    assert_eq!(doc["error"]["httpStatus"], 404);
    assert_eq!(doc["exitCode"], 5);
}

#[test]
fn not_running_when_the_cache_exists() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(404)
        .create();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(200)
        .with_body(running_status("exec-1", "COMPLETED"))
        .create();
    let sb = sb_new();
    let run = run(&mut cancel(&sb, &base)).expect(6);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("no full refresh is running"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("exec-1") && run.stderr.contains("COMPLETED"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2026-11-29T10:06:00Z"),
        "{}",
        run.stderr
    );

    let doc = crate::common::run(cancel(&sb, &base).args(["-o", "json"]))
        .expect(6)
        .json();
    assert_eq!(doc["error"]["kind"], "not_running");
    assert_eq!(doc["outcome"], "not_running");

    let run = crate::common::run(cancel(&sb, &base).arg("--if-running")).expect(0);
    assert!(run.stdout.contains("Nothing to cancel"), "{}", run.stdout);
    let doc = crate::common::run(cancel(&sb, &base).args(["--if-running", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["outcome"], "not_running");
}

#[test]
fn auth_refusals_exit_4_with_a_hint() {
    for status in [401, 403] {
        let (mut server, base) = server();
        server
            .mock("POST", cancel_path().as_str())
            .with_status(status)
            .with_header("content-type", "application/problem+json")
            .with_body(r#"{"title":"Forbidden","detail":"key not valid for project"}"#)
            .create();
        let run = run(&mut cancel(&sb_new(), &base)).expect(4);
        assert!(
            run.stderr.contains("key not valid for project"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("project API key"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("hint: the API key came from env PEAKA_API_KEY"),
            "{}",
            run.stderr
        );
        let doc = crate::common::run(cancel(&sb_new(), &base).args(["-o", "json"]))
            .expect(4)
            .json();
        assert_eq!(doc["error"]["kind"], "auth");
        assert_eq!(doc["error"]["httpStatus"], status);
    }
}

#[test]
fn other_statuses_are_api_errors_with_the_servers_words() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(400)
        .with_body(r#"{"message":"bad things"}"#)
        .create();
    let run = run(&mut cancel(&sb_new(), &base)).expect(10);
    assert!(
        run.stderr.contains("400") && run.stderr.contains("bad things"),
        "{}",
        run.stderr
    );
}

#[test]
fn html_error_pages_are_never_printed() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(418)
        .with_header("content-type", "text/html")
        .with_body("<html><body><script>evil()</script></body></html>")
        .create();
    let run = run(&mut cancel(&sb_new(), &base)).expect(10);
    assert!(!run.stderr.contains("script"), "{}", run.stderr);
}

#[test]
fn redirects_are_not_followed() {
    let (mut server, base) = server();
    let elsewhere = server
        .mock("GET", "/elsewhere")
        .with_status(200)
        .expect(0)
        .create();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(302)
        .with_header("location", &format!("{}/elsewhere", server.url()))
        .create();
    let run = run(cancel(&sb_new(), &base).args(["-o", "json"])).expect(10);
    elsewhere.assert();
    let doc = run.json();
    assert_eq!(doc["error"]["kind"], "api");
    assert_eq!(doc["error"]["httpStatus"], 302);
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("/elsewhere"));
}

#[test]
fn nothing_listening_is_a_network_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let run = run(cancel(&sb_new(), &base).args(["--retries", "0", "-o", "json"])).expect(9);
    assert_eq!(run.json()["error"]["kind"], "network");
}

#[test]
fn invalid_ids_are_usage_errors_and_send_nothing() {
    let (mut server, base) = server();
    let any = server.mock("POST", Matcher::Any).expect(0).create();
    let hostile_projects = [
        "../x",
        "a/b",
        "a?b=c",
        "a#b",
        "..",
        ".",
        "",
        "a b",
        &"p".repeat(129),
    ];
    for project in hostile_projects {
        let mut cmd = sb_new().api(&base);
        cmd.args([
            "cache",
            "cancel-full-refresh",
            "--project",
            project,
            "--cache",
            CACHE,
        ]);
        let run = run(&mut cmd).expect(2);
        assert!(
            run.stderr.contains("project ID"),
            "{project}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("mtKDhe1U"),
            "shows the allowed form: {}",
            run.stderr
        );
    }
    // A cache that is not a UUID is a name, looked up in the list, never
    // put in a path; one that is not even a name is a usage error.
    let list = server
        .mock(
            "GET",
            format!("/api/v1/data/projects/{PROJECT}/cache/status").as_str(),
        )
        .with_body("[]")
        .expect(2)
        .create();
    for (cache, code) in [
        ("not-a-uuid", 5),
        ("../960bd651-7b3c-4511-9a88-18e14ac7742a", 2),
        ("960bd651-7b3c-4511-9a88-18e14ac7742a/..", 2),
        ("960bd651-7b3c-4511-9a88-18e14ac7742a?x=1", 5),
    ] {
        let mut cmd = sb_new().api(&base);
        cmd.args([
            "cache",
            "cancel-full-refresh",
            "--project",
            PROJECT,
            "--cache",
            cache,
        ]);
        let run = run(&mut cmd).expect(code);
        let words = if code == 2 {
            "invalid cache"
        } else {
            "no cache named"
        };
        assert!(run.stderr.contains(words), "{cache}: {}", run.stderr);
    }
    any.assert();
    list.assert();
}

#[test]
fn ids_from_the_environment_are_checked_too() {
    let (mut server, base) = server();
    let any = server.mock("POST", Matcher::Any).expect(0).create();
    let mut cmd = sb_new().api(&base);
    cmd.env("PEAKA_PROJECT", "../../admin").args([
        "cache",
        "cancel-full-refresh",
        "--cache",
        CACHE,
    ]);
    run(&mut cmd).expect(2);
    any.assert();
}

#[test]
fn project_from_env_reaches_the_exact_path() {
    let (mut server, base) = server();
    let mock = server
        .mock("POST", "/api/v1/data/projects/Env_Proj-1/cache/960bd651-7b3c-4511-9a88-18e14ac7742a/cancelFullRefreshUpdate")
        .with_status(200)
        .create();
    let mut cmd = sb_new().api(&base);
    cmd.env("PEAKA_PROJECT_ID", "Env_Proj-1")
        .args(["cache", "cancel-full-refresh", "-c", CACHE]);
    run(&mut cmd).expect(0);
    mock.assert();
}

#[test]
fn dry_run_sends_nothing_and_redacts_the_key() {
    let (mut server, base) = server();
    let post = server.mock("POST", Matcher::Any).expect(0).create();
    let get = server.mock("GET", Matcher::Any).expect(0).create();
    let run = run(cancel(&sb_new(), &base).arg("--dry-run")).expect(0);
    post.assert();
    get.assert();
    assert!(
        run.stdout.contains(&format!(
            "POST {base}/data/projects/{PROJECT}/cache/{CACHE}/cancelFullRefreshUpdate"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Authorization: Bearer ***"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("env PEAKA_API_KEY"), "{}", run.stdout);
    let doc = crate::common::run(cancel(&sb_new(), &base).args(["--dry-run", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["request"]["method"], "POST");
    assert_eq!(doc["settings"]["baseUrl"]["source"], "flag --base-url");
}

#[test]
fn dry_run_with_the_key_on_stdin_shows_its_last_four() {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.args([
        "--base-url",
        "http://127.0.0.1:9/api/v1",
        "--api-key-file",
        "-",
        "--dry-run",
    ])
    .args(CANCEL)
    .write_stdin(format!("{KEY}\n"));
    let run = run(&mut cmd).expect(0);
    assert!(run.stdout.contains("***3a9c"), "{}", run.stdout);
}

#[test]
fn verbose_prints_one_line_per_exchange() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .create();
    let run = run(cancel(&sb_new(), &base).arg("-v")).expect(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with(&format!("POST {base}/data/projects/")),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(" 200 ") && lines[0].ends_with(" ms)"),
        "{}",
        lines[0]
    );
}

#[test]
fn global_options_work_after_the_subcommand() {
    let (mut server, base) = server();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .create();
    let mut cmd = sb_new().cmd();
    cmd.env("PEAKA_API_KEY", KEY)
        .args(CANCEL)
        .args(["--base-url", &base, "-o", "json"]);
    assert_eq!(
        run(&mut cmd).expect(0).json()["outcome"],
        "cancel_requested"
    );
}

#[test]
fn retries_a_503_then_succeeds() {
    let (mut server, base) = server();
    let flaky = server
        .mock("POST", cancel_path().as_str())
        .with_status(503)
        .expect(2)
        .create();
    let ok = server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .expect(1)
        .create();
    run(&mut cancel(&sb_new(), &base)).expect(0);
    flaky.assert();
    ok.assert();
}

#[test]
fn a_503_that_never_ends_is_an_api_error_naming_the_tries() {
    let (mut server, base) = server();
    let mock = server
        .mock("POST", cancel_path().as_str())
        .with_status(503)
        .expect(3)
        .create();
    let run = run(cancel(&sb_new(), &base).args(["--retries", "2"])).expect(10);
    mock.assert();
    assert!(run.stderr.contains("after 3 tries"), "{}", run.stderr);
}

#[test]
fn honours_retry_after_on_429() {
    let (mut server, base) = server();
    let limited = server
        .mock("POST", cancel_path().as_str())
        .with_status(429)
        .with_header("retry-after", "1")
        .expect(1)
        .create();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .create();
    let started = std::time::Instant::now();
    // A pause of a second or more is told without -v.
    let run = run(&mut cancel(&sb_new(), &base)).expect(0);
    limited.assert();
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!(
        run.stderr, "rate limited (429); retrying in 1s (try 2 of 4)\n",
        "{}",
        run.stderr
    );
}

#[test]
fn other_4xx_are_never_retried() {
    let (mut server, base) = server();
    let mock = server
        .mock("POST", cancel_path().as_str())
        .with_status(400)
        .expect(1)
        .create();
    run(&mut cancel(&sb_new(), &base)).expect(10);
    mock.assert();
}

#[test]
fn cancel_incremental_is_the_same_contract_for_the_other_kind() {
    let (mut server, base) = server();
    let accepted = server
        .mock("POST", path("cancelIncrementalUpdate").as_str())
        .with_status(200)
        .create();
    let full = server
        .mock("POST", cancel_path().as_str())
        .expect(0)
        .create();
    let incremental = ["cache", "cancel-incremental", "-p", PROJECT, "-c", CACHE];
    let sb = sb_new();
    let doc = run(sb.api(&base).args(incremental).args(["-o", "json"]))
        .expect(0)
        .json();
    accepted.assert();
    full.assert();
    assert_eq!(doc["action"], "cancel-incremental");
    assert_eq!(doc["outcome"], "cancel_requested");
    assert_eq!(doc["cancelSent"], true);

    let (mut server, base) = crate::common::server();
    server
        .mock("POST", path("cancelIncrementalUpdate").as_str())
        .with_status(404)
        .create();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(200)
        .with_body(
            serde_json::json!({"id": CACHE, "lastIncrementalCacheExecution": {"id": "i7", "status": "COMPLETED"}})
                .to_string(),
        )
        .create();
    let run = run(sb.api(&base).args(incremental)).expect(6);
    assert!(
        run.stderr
            .starts_with("error: no incremental sync is running for cache")
            && run.stderr.contains("(i7) ended COMPLETED"),
        "{}",
        run.stderr
    );
}
