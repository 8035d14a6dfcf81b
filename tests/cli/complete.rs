//! Completion as people meet it: bash, zsh and fish load `peaka completions
//! SHELL` and complete a line; the values come from the API (peaka-sim),
//! then from the cache file, and from nothing when the server is dead.
//! A test whose shell is missing fails under CI and is skipped elsewhere.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::sim;

const PARTNER: &str = "sim-partner-key";
const ORDERS: &str = "960bd651-7b3c-4511-9a88-18e14ac7742a";
const CUSTOMERS: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";

/// A shell that drives completion, found on PATH.
#[derive(Clone, Copy, Debug)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Shell {
    fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
        }
    }

    /// The shell's path; `None` (with a note) when it is missing outside CI.
    pub fn find(self) -> Option<PathBuf> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let found = std::env::split_paths(&path)
            .map(|dir| dir.join(self.name()))
            .find(|p| p.is_file());
        if found.is_none() {
            let name = self.name();
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
            assert!(
                !ci,
                "{name} is missing: .ci/run installs bash, zsh and fish"
            );
            eprintln!("note: {name} is not installed: its completion test is skipped");
        }
        found
    }
}

/// What a shell offered: each value and its description (bash shows none).
#[derive(Debug)]
pub struct Offered {
    pub values: Vec<(String, String)>,
    pub stderr: String,
    pub took: Duration,
}

impl Offered {
    pub fn names(&self) -> Vec<&str> {
        self.values.iter().map(|(v, _)| v.as_str()).collect()
    }

    fn help(&self, value: &str) -> &str {
        let found = self.values.iter().find(|(v, _)| v == value);
        found.map_or_else(|| panic!("{value} not offered: {self:?}"), |(_, h)| h)
    }
}

/// Sources `peaka completions bash` and calls its function as bash's
/// `complete -F` would, the words, cursor word and line set.
const BASH: &str = r#"source <(peaka completions bash)
read -ra COMP_WORDS <<< "$1"
[[ $1 == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$1
COMP_POINT=${#1}
_clap_complete_peaka peaka "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
(( ${#COMPREPLY[@]} )) && printf '%s\n' "${COMPREPLY[@]}"
exit 0
"#;

const FISH: &str = "peaka completions fish | source; complete -C $argv[1]";

/// The interactive zsh that zpty drives: compinit, TAB bound to
/// complete-word, and compadd wrapped to print each match zsh would offer
/// with its description, between two marks; then the shell ends.
const ZSH_RC: &str = r#"PROMPT= RPROMPT= PS2=
# Wide enough that no description is cut to fit.
stty cols 400 2>/dev/null
autoload -Uz compinit && compinit -u -D
bindkey '^I' complete-word
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
peaka_mark() { print -r -- '<<peaka-mark>>' }
compprefuncs=(peaka_mark)
comppostfuncs=(peaka_mark exit)
compadd() {
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"; return $?
    fi
    typeset -a __hits __dscr
    if (( $@[(I)-d] )); then
        local __name=${@[$(( ${@[(i)-d]} + 1 ))]}
        if [[ $__name == \(* ]]; then eval "__dscr=$__name"; else __dscr=("${(@P)__name}"); fi
    fi
    builtin compadd -A __hits -D __dscr "$@"
    local i
    for i in {1..$#__hits}; do
        print -r -- "<<peaka-hit>>${__hits[$i]}"$'\t'"${__dscr[$i]}"
    done
}
source <(peaka completions zsh)
print -r -- '<<peaka-ready>>'
"#;

/// Types the line and TAB into the interactive zsh, prints what it offers.
const ZSH_DRIVE: &str = r#"zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source ${(q)1}"
local line
while zpty -r z line; do
    [[ $line == *'<<peaka-ready>>'* && $line != *print* ]] && break
done
zpty -n -w z "$2"$'\t'
local seen=0
while zpty -r z line; do
    line=${line//$'\r'/}
    line=${line%$'\n'}
    if [[ $line == *'<<peaka-mark>>'* ]]; then
        (( seen++ )) && break
    elif [[ $line == *'<<peaka-hit>>'* ]]; then
        print -r -- "${line#*<<peaka-hit>>}"
    fi
done
zpty -d z
"#;

/// Completes `line` (the cursor at its end) in `shell`, in the sandbox's
/// scrubbed environment with `peaka` on PATH; `None` if the shell is missing.
pub fn complete(shell: Shell, sb: &Sandbox, line: &str, envs: &[(&str, &str)]) -> Option<Offered> {
    let program = shell.find()?;
    let peaka = assert_cmd::cargo::cargo_bin("peaka");
    let bin = peaka.parent().unwrap().display().to_string();
    let mut cmd = assert_cmd::Command::new(program);
    cmd.env_clear()
        .env("PATH", format!("{bin}:/usr/bin:/bin"))
        .env("HOME", sb.path())
        .env("XDG_CONFIG_HOME", sb.path().join("xdg"))
        .env("XDG_DATA_HOME", sb.path().join("data"))
        .env("XDG_CACHE_HOME", cache_home(sb))
        .env("PEAKA_CONFIG", sb.config_path())
        .envs(envs.iter().copied())
        .timeout(Duration::from_secs(20));
    match shell {
        Shell::Bash => cmd.args(["--norc", "--noprofile", "-c", BASH, "bash", line]),
        Shell::Fish => cmd.args(["--no-config", "-c", FISH, line]),
        Shell::Zsh => {
            let (rc, drive) = (sb.path().join("rc.zsh"), sb.path().join("drive.zsh"));
            std::fs::write(&rc, ZSH_RC).unwrap();
            std::fs::write(&drive, ZSH_DRIVE).unwrap();
            cmd.arg("-f").arg(drive).arg(rc).arg(line)
        }
    };
    let started = Instant::now();
    let out = cmd.output().unwrap();
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{shell:?}: {stdout}\n{stderr}");
    for text in [&stdout, &stderr] {
        assert_no_run_of_key("a completion", text);
    }
    let values = stdout
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('\t') {
            Some((value, help)) => (value.to_string(), described(help, value)),
            None => (l.to_string(), String::new()),
        })
        .collect();
    Some(Offered {
        values,
        stderr,
        took,
    })
}

/// zsh's `_describe` shows `value  -- help`; fish's `help` as it is.
fn described(help: &str, value: &str) -> String {
    let help = help.strip_prefix(value).unwrap_or(help).trim_start();
    help.strip_prefix("-- ").unwrap_or(help).trim().to_string()
}

pub fn cache_home(sb: &Sandbox) -> PathBuf {
    sb.path().join("cache")
}

/// The completion cache files under the sandbox's cache directory.
pub fn cache_files(sb: &Sandbox) -> Vec<PathBuf> {
    let dir = cache_home(sb).join("peaka");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files
}

fn lists(sim: &sim::Sim) -> u64 {
    sim.stats()["byOperation"]["getCacheStatusByProject"]
        .as_u64()
        .unwrap_or(0)
}

/// From the API, then from the cache file with the server gone: names
/// first, then IDs, with table and status where the shell shows them.
fn from_the_api_then_the_file(shell: Shell) {
    let sb = Sandbox::new();
    let sim = sim::start(&[]);
    let line = format!(
        "peaka --base-url {} cache status -p demo --cache ",
        sim.base
    );
    let key = [("PEAKA_API_KEY", PARTNER)];
    let Some(offered) = complete(shell, &sb, &line, &key) else {
        return;
    };
    let all = ["public.customers", "public.orders", CUSTOMERS, ORDERS];
    assert_eq!(offered.names(), all, "{offered:?}");
    assert!(offered.stderr.is_empty(), "{}", offered.stderr);
    if !matches!(shell, Shell::Bash) {
        assert_eq!(
            offered.help("public.orders"),
            "postgres1/public.orders, RUNNING"
        );
        assert_eq!(
            offered.help(CUSTOMERS),
            "postgres1/public.customers, COMPLETED"
        );
    }
    assert_eq!(lists(&sim), 1, "one list read");
    let base = sim.base.clone();
    drop(sim);
    let line = format!("peaka --base-url {base} cache status -p demo --cache public.o");
    let offered = complete(shell, &sb, &line, &key).unwrap();
    assert_eq!(
        offered.names(),
        ["public.orders"],
        "from the file: {offered:?}"
    );
}

#[test]
fn bash_completes_caches_from_the_api_then_from_the_file() {
    from_the_api_then_the_file(Shell::Bash);
}

#[test]
fn zsh_completes_caches_from_the_api_then_from_the_file() {
    from_the_api_then_the_file(Shell::Zsh);
}

#[test]
fn fish_completes_caches_from_the_api_then_from_the_file() {
    from_the_api_then_the_file(Shell::Fish);
}

/// A server that takes connections and never answers; counts them.
fn silent_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    (base, count)
}

/// Each shell, side by side, against a server that never answers: nothing
/// offered, nothing on stderr, done within the 2 s bound (and the shell's
/// start), after one connection; then peaka alone, timed.
#[test]
fn a_dead_server_offers_nothing_quietly_within_two_seconds() {
    let (base, connections) = silent_server();
    let shells = [Shell::Bash, Shell::Zsh, Shell::Fish];
    let runs: Vec<_> = shells
        .into_iter()
        .map(|shell| {
            let line = format!("peaka --base-url {base} cache status -p demo --cache ");
            std::thread::spawn(move || {
                let sb = Sandbox::new();
                let offered = complete(shell, &sb, &line, &[("PEAKA_API_KEY", KEY)]);
                (shell, offered, cache_files(&sb))
            })
        })
        .collect();
    // peaka alone, as the scripts call it, beside them: the 2 s bound and
    // its start.
    let words = [
        "peaka",
        "--base-url",
        &base,
        "cache",
        "status",
        "-p",
        "demo",
        "--cache",
        "",
    ];
    let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    let alone = std::thread::spawn(move || {
        let sb = Sandbox::new();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let started = Instant::now();
        let done = engine(&sb, &words, &[("PEAKA_API_KEY", KEY)]).expect(0);
        (started.elapsed(), done.stdout, done.stderr)
    });
    let mut ran = 0;
    for run in runs {
        let (shell, offered, files) = run.join().unwrap();
        let Some(offered) = offered else { continue };
        ran += 1;
        assert!(offered.values.is_empty(), "{shell:?}: {offered:?}");
        assert!(offered.stderr.is_empty(), "{shell:?}: {}", offered.stderr);
        // The shell's own start (compinit) on a busy machine comes on top.
        assert!(
            offered.took < Duration::from_secs(6),
            "{shell:?}: {offered:?}"
        );
        assert!(files.is_empty(), "{shell:?}: nothing is kept of a failure");
    }
    let (took, out, err) = alone.join().unwrap();
    assert!(took < Duration::from_millis(2800), "{took:?}");
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
    assert_eq!(connections.load(Ordering::SeqCst), ran + 1, "one try each");
}

/// The engine's own protocol, as the scripts call it: `COMPLETE=fish
/// peaka -- WORDS…` prints `value\thelp` lines.
fn engine(sb: &Sandbox, words: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut cmd = sb.cmd();
    cmd.env("COMPLETE", "fish")
        .env("XDG_CACHE_HOME", cache_home(sb))
        .envs(envs.iter().copied())
        .arg("--")
        .args(words);
    run(&mut cmd)
}

fn values(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(l))
        .collect()
}

#[test]
fn project_profile_and_base_url_come_from_the_line_else_env_and_config() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let config = format!(
        "project = \"other\"\n[profiles.work]\nproject = \"demo\"\nbase_url = \"{}\"\n[profiles.ci]\n",
        sim.base
    );
    sb.write_config(&config, 0o600);
    let key = [("PEAKA_API_KEY", PARTNER)];
    let words = ["peaka", "cache", "status", "--cache", ""];
    // The profile typed names the project and the base URL.
    let run = engine(
        &sb,
        &[&["peaka", "--profile", "work"], &words[1..]].concat(),
        &key,
    );
    assert_eq!(
        values(&run),
        ["public.customers", "public.orders", CUSTOMERS, ORDERS]
    );
    // The profile from the environment; the project typed wins over it.
    let env = [("PEAKA_API_KEY", PARTNER), ("PEAKA_PROFILE", "work")];
    let run = engine(
        &sb,
        &["peaka", "cache", "wait", "-p", "other", "-c", ""],
        &env,
    );
    assert_eq!(
        values(&run),
        ["public.invoices", "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"]
    );
    // Projects and profiles from the config file, with where each is named.
    let run = engine(&sb, &["peaka", "cache", "list", "--project", ""], &[]);
    assert_eq!(run.stdout, "demo\tprofile work\nother\tconfig file\n");
    let run = engine(&sb, &["peaka", "--profile", "w"], &[]);
    assert_eq!(run.stdout, "work\tproject demo\n");
    // Catalogs and schemas from the list (the file now holds it).
    let list = ["peaka", "--profile", "work", "cache", "list"];
    let run = engine(&sb, &[&list[..], &["--catalog", ""]].concat(), &key);
    assert_eq!(run.stdout, "postgres1\t2 caches\n");
    let run = engine(
        &sb,
        &[&list[..], &["--catalog", "postgres1", "--schema", ""]].concat(),
        &key,
    );
    assert_eq!(run.stdout, "public\t2 caches\n");
    assert_eq!(lists(&sim), 2, "one list read per project, then the file");
}

/// The engine's own failures (here a call without the word's index) end
/// the completion without a word: nothing lands in the line being edited.
#[test]
fn a_completion_that_fails_prints_nothing() {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.env("COMPLETE", "bash").args(["--", "peaka", "cache"]);
    let failed = run(&mut cmd).expect(1);
    assert_eq!((failed.stdout.as_str(), failed.stderr.as_str()), ("", ""));
    // Not completing: asked for the script of a shell it does not know.
    let mut cmd = sb.cmd();
    let failed = run(cmd.env("COMPLETE", "tcsh")).expect(2);
    assert!(failed.stderr.contains("unknown shell"), "{}", failed.stderr);
}

#[test]
fn a_key_from_stdin_offers_nothing_and_reads_nothing() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let line = ["peaka", "--base-url", &sim.base, "--api-key-file", "-"];
    let line = [&line[..], &["cache", "status", "-p", "demo", "--cache", ""]].concat();
    // stdin stays open and unwritten: reading it would hang.
    let mut child = sb.spawn(&[&["--"][..], &line].concat(), &[("COMPLETE", "fish")]);
    let status = child.wait().unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    assert!(status.success() && out.is_empty(), "{out}");
    assert_eq!(lists(&sim), 0);
}

#[test]
fn the_cache_file_is_private_keyless_and_read_while_under_a_minute_old() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let key = [("PEAKA_API_KEY", PARTNER)];
    let words = [
        "peaka",
        "--base-url",
        &sim.base,
        "cache",
        "history",
        "-p",
        "demo",
        "--cache",
        "",
    ];
    engine(&sb, &words, &key);
    engine(&sb, &words, &key);
    assert_eq!(lists(&sim), 1, "the second from the file");
    let files = cache_files(&sb);
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!text.contains(PARTNER), "{text}");
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(mode(files[0].parent().unwrap()), 0o700);
    // Older than a minute: read again, and the file replaced.
    let mut stored: serde_json::Value = serde_json::from_str(&text).unwrap();
    let saved = stored["savedAtMs"].as_u64().unwrap();
    stored["savedAtMs"] = (saved - 61_000).into();
    std::fs::write(&files[0], stored.to_string()).unwrap();
    engine(&sb, &words, &key);
    assert_eq!(lists(&sim), 2);
    // Another project has a file of its own.
    let other = [
        "peaka",
        "--base-url",
        &sim.base,
        "cache",
        "status",
        "-p",
        "other",
        "-c",
        "",
    ];
    engine(&sb, &other, &key);
    assert_eq!((lists(&sim), cache_files(&sb).len()), (3, 2));
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A server that echoes the key in a table name: that cache is neither
/// offered nor kept; names that would need quotes are offered by ID only.
#[test]
fn server_text_with_the_key_or_odd_characters_is_not_offered_or_kept() {
    let (mut server, base) = server();
    let listed = serde_json::json!([
        {"id": CACHE, "catalogId": "c1", "schemaName": "public", "tableName": format!("t_{KEY}"), "status": "RUNNING"},
        {"id": ORDERS, "catalogId": "c1", "schemaName": "my.schema", "tableName": "orders", "status": "IDLE"},
        {"id": CUSTOMERS, "catalogId": "c1", "schemaName": "public", "tableName": "a b\n$(x)", "status": "IDLE"},
        {"catalogId": "c1", "schemaName": "public", "tableName": "no_id"},
    ]);
    let _list = server
        .mock(
            "GET",
            format!("/api/v1/data/projects/{PROJECT}/cache/status").as_str(),
        )
        .with_body(listed.to_string())
        .create();
    let sb = Sandbox::new();
    let words = [
        "peaka",
        "--base-url",
        &base,
        "cache",
        "status",
        "-p",
        PROJECT,
        "--cache",
        "",
    ];
    let run = engine(&sb, &words, &[("PEAKA_API_KEY", KEY)]);
    assert_eq!(values(&run), [CUSTOMERS, ORDERS], "{}", run.stdout);
    let text = std::fs::read_to_string(&cache_files(&sb)[0]).unwrap();
    assert_no_run_of_key("the cache file", &text);
}

/// The positional cache completes as `--cache` does; an action never takes
/// a name from the cache file: here the file says `public.orders` is
/// another cache, and the run still reads the list and finds the right one.
#[test]
fn the_positional_completes_and_an_action_never_resolves_from_the_file() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let key = [("PEAKA_API_KEY", PARTNER)];
    let words = [
        "peaka",
        "--base-url",
        &sim.base,
        "cache",
        "status",
        "-p",
        "demo",
        "public.o",
    ];
    let offered = engine(&sb, &words, &key);
    assert_eq!(values(&offered), ["public.orders"]);
    let file = &cache_files(&sb)[0];
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(
        file,
        text.replace(ORDERS, "0b7e1c52-0000-4000-8000-000000000000"),
    )
    .unwrap();
    assert_eq!(
        values(&engine(&sb, &words, &key)),
        ["public.orders"],
        "the file answers"
    );
    assert_eq!(lists(&sim), 1);
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", PARTNER)
        .env("XDG_CACHE_HOME", cache_home(&sb))
        .args([
            "--base-url",
            &sim.base,
            "-o",
            "json",
            "cache",
            "status",
            "-p",
            "demo",
            "public.orders",
        ]);
    let doc = run(&mut cmd).expect(0).json();
    assert_eq!(doc["cacheId"], ORDERS);
    assert_eq!(lists(&sim), 2, "the run read the list itself");
}
