//! The config and key files under `auth login`/`logout`: written whole or
//! not at all (a full disk, a signal, a config that cannot take the
//! setting), serialized by the lock, and kept as they were (a symlink, a
//! BOM, CRLF, the mode).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// The names in `dir`, sorted: a temporary file left behind shows here.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Writes the key to a spawned login and closes its stdin.
fn give_key(child: &mut Child, key: &str) {
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, key.as_bytes()).unwrap();
}

const BEFORE: &str = "# mine\nzone = \"us\"\napi_key_file = \"peaka-api-key\"\n";
const OLD_KEY: &str = "the-old-key-0000\n";

/// The config and key file as they were, and beside them only the lock.
fn assert_untouched(dir: &Path) {
    assert_eq!(
        names_in(dir),
        ["config.toml", "config.toml.lock", "peaka-api-key"]
    );
    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    assert_eq!(config, BEFORE);
    let key = std::fs::read_to_string(dir.join("peaka-api-key")).unwrap();
    assert_eq!(key, OLD_KEY);
}

/// `auth login` on a full disk: a 64 KiB tmpfs of its own (in a mount
/// namespace, where the test may make one) with room for the key's
/// temporary file and not the config's; elsewhere a file size limit of 0.
/// Returns the run and the directory holding the files as it left them.
fn login_on_a_full_disk(sb: &Sandbox) -> (std::process::Output, std::path::PathBuf) {
    let seed = sb.path().join("seed");
    let disk = sb.path().join("disk");
    let saved = sb.path().join("saved");
    for dir in [&seed, &disk, &saved] {
        std::fs::create_dir(dir).unwrap();
    }
    std::fs::write(seed.join("config.toml"), BEFORE).unwrap();
    std::fs::write(seed.join("peaka-api-key"), OLD_KEY).unwrap();
    let peaka = assert_cmd::cargo::cargo_bin("peaka");
    let run = |script: &str| {
        let mut child = Command::new("sh")
            .args(["-c", script])
            .arg(&peaka)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", sb.path())
            .env("PEAKA_CONFIG", disk.join("config.toml"))
            .env("SEED", &seed)
            .env("DISK", &disk)
            .env("SAVED", &saved)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        give_key(&mut child, "the-new-key-1111\n");
        child.wait_with_output().unwrap()
    };
    // Pages of 4 KiB are filled until none is left, then one is freed.
    let tmpfs = r#"unshare -m true 2>/dev/null || exit 97
        unshare -m sh -c '
        mount -t tmpfs -o size=64k tmpfs "$DISK" || exit 97
        cp "$SEED"/* "$DISK"/ || exit 98
        i=0; while dd if=/dev/zero of="$DISK/fill$i" bs=4096 count=1 2>/dev/null; do i=$((i+1)); done
        rm -f "$DISK"/fill0 "$DISK/fill$i"
        "$0" auth login; code=$?
        rm -f "$DISK"/fill*; cp -a "$DISK"/. "$SAVED"/; exit $code' "$0""#;
    let out = run(tmpfs);
    if !matches!(out.status.code(), Some(97 | 98) | None) {
        return (out, saved);
    }
    // A file size limit of 0: any write fails (EFBIG, SIGXFSZ ignored).
    let limited = r#"cp "$SEED"/* "$DISK"/ && ulimit -f 0 && trap '' XFSZ && exec "$0" auth login"#;
    (run(limited), disk)
}

#[test]
fn a_full_disk_changes_nothing() {
    let sb = Sandbox::new();
    let (out, dir) = login_on_a_full_disk(&sb);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("nothing was saved"),
        "{stderr}"
    );
    assert!(!stderr.contains("the-new-key"), "{stderr}");
    assert_untouched(&dir);
}

/// A config whose profile cannot take the marked setting (an inline table)
/// is refused before anything is written.
#[test]
fn a_config_that_cannot_take_the_setting_changes_nothing() {
    let sb = Sandbox::new();
    let before = "profiles = { ci = { zone = \"eu\" } }\n";
    let config = sb.write_config(before, 0o600);
    let out = run(sb
        .cmd()
        .args(["--profile", "ci", "auth", "login"])
        .write_stdin("the-new-key-1111"))
    .expect(3);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
    assert_eq!(names_in(sb.path()), ["config.toml"]);
    assert!(
        out.stderr.contains("inline table") && out.stderr.contains("nothing was saved"),
        "{}",
        out.stderr
    );
}

/// A symlinked config with a BOM and CRLF line ends, mode 0640: the link
/// stays, the target keeps its BOM, its CRLF (added lines too) and its
/// mode; the lock file is beside the target; logout restores every byte.
#[test]
fn a_symlinked_bom_crlf_config_keeps_its_form() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let dotfiles = sb.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    let real = dotfiles.join("peaka.toml");
    let before = "\u{feff}# mine\r\nzone = \"us\"\r\n\r\n[profiles.other]\r\nzone = \"eu\"\r\n";
    std::fs::write(&real, before).unwrap();
    set_mode(&real, 0o640);
    std::os::unix::fs::symlink("dotfiles/peaka.toml", sb.config_path()).unwrap();
    let mode = || std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777;
    let is_link = || {
        let meta = std::fs::symlink_metadata(sb.config_path()).unwrap();
        meta.file_type().is_symlink()
    };

    run(sb
        .cmd()
        .args(["--profile", "ci", "auth", "login"])
        .write_stdin("the-ci-key-2222"))
    .expect(0);
    assert!(is_link());
    let after = std::fs::read_to_string(&real).unwrap();
    // Reached through a link, the key file is named by its whole path.
    let key_file = std::fs::canonicalize(sb.path())
        .unwrap()
        .join("peaka-api-key-ci");
    let added = format!(
        "\r\n[profiles.ci]\r\napi_key_file = \"{}\" # set by peaka auth login\r\n",
        key_file.display()
    );
    assert_eq!(after, format!("{before}{added}"));
    assert_eq!(mode(), 0o640);
    assert_eq!(names_in(&dotfiles), ["peaka.toml", "peaka.toml.lock"]);
    let key = std::fs::read_to_string(sb.path().join("peaka-api-key-ci")).unwrap();
    assert_eq!(key, "the-ci-key-2222\n");

    run(sb.cmd().args(["--profile", "ci", "auth", "logout"])).expect(0);
    assert!(is_link());
    assert_eq!(std::fs::read_to_string(&real).unwrap(), before);
    assert_eq!(mode(), 0o640);
    assert!(!sb.path().join("peaka-api-key-ci").exists());
}

/// Many logins at once, each its own profile and a few the same one: every
/// profile's setting is there, each key file holds one whole key, and a
/// reader never sees the config empty or unparsable.
#[test]
fn concurrent_logins_lose_nothing_and_mix_nothing() {
    let sb = Sandbox::new();
    let config = sb.write_config("# shared\nzone = \"us\"\n", 0o600);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (done, config) = (done.clone(), config.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
                let text = std::fs::read_to_string(&config).unwrap();
                assert!(text.starts_with("# shared\n"), "{text:?}");
                text.parse::<toml::Table>()
                    .unwrap_or_else(|e| panic!("{e}: {text:?}"));
                reads += 1;
            }
            reads
        })
    };
    let own: Vec<(String, String)> = (0..14)
        .map(|i| (format!("p{i}"), format!("own-key-{i:04}")))
        .collect();
    let shared: Vec<String> = (0..6).map(|i| format!("shared-key-{i:04}")).collect();
    let runs = own
        .iter()
        .map(|(profile, key)| (profile.as_str(), key.as_str()))
        .chain(shared.iter().map(|key| ("shared", key.as_str())));
    let mut children = Vec::new();
    for (profile, key) in runs {
        let mut child = sb.spawn(&["--profile", profile, "auth", "login"], &[]);
        give_key(&mut child, key);
        children.push(child);
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(reader.join().unwrap() > 0);

    let table: toml::Table = std::fs::read_to_string(&config).unwrap().parse().unwrap();
    let profiles = table["profiles"].as_table().unwrap();
    for (profile, key) in &own {
        let file = format!("peaka-api-key-{profile}");
        assert_eq!(profiles[profile]["api_key_file"].as_str(), Some(&*file));
        let text = std::fs::read_to_string(sb.path().join(&file)).unwrap();
        assert_eq!(text, format!("{key}\n"));
    }
    let text = std::fs::read_to_string(sb.path().join("peaka-api-key-shared")).unwrap();
    assert!(
        shared.iter().any(|key| text == format!("{key}\n")),
        "{text:?}"
    );
    assert_eq!(profiles.len(), own.len() + 1);
    let files = names_in(sb.path());
    assert_eq!(files.len(), own.len() + 3, "{files:?}");
}

/// Waits until `child` has `path` open (it is waiting for the lock); fails
/// if it ends first.
fn wait_until_open(child: &mut Child, path: &Path) {
    let end = Instant::now() + Duration::from_secs(20);
    loop {
        let fds = std::fs::read_dir(format!("/proc/{}/fd", child.id()));
        let open = fds
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == path));
        if open {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ended ({status}) without waiting for the lock");
        }
        assert!(Instant::now() < end, "never opened {}", path.display());
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// While the test holds the lock: a login waits; a signal ends the wait
/// with nothing written; a login waiting when the lock is released goes
/// on; one that waits 10 s gives up, exit 3, naming the lock file.
#[test]
fn logins_wait_for_the_lock_and_give_up_after_10s() {
    let sb = Sandbox::new();
    let dir = sb.path();
    std::fs::write(dir.join("peaka-api-key"), OLD_KEY).unwrap();
    sb.write_config(BEFORE, 0o600);
    let lock_path = dir.join("config.toml.lock");
    let hold = || {
        let file = std::fs::File::create(&lock_path).unwrap();
        fs4::FileExt::try_lock(&file).unwrap();
        file
    };
    let login = || {
        let mut child = sb.spawn(&["auth", "login"], &[]);
        give_key(&mut child, "the-new-key-1111\n");
        child
    };

    let held = hold();
    // As /proc shows it.
    let lock_path = std::fs::canonicalize(&lock_path).unwrap();
    let mut child = login();
    wait_until_open(&mut child, &lock_path);
    send_signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("nothing was saved"), "{stderr}");
    assert_untouched(dir);

    let mut child = login();
    wait_until_open(&mut child, &lock_path);
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let key = std::fs::read_to_string(dir.join("peaka-api-key")).unwrap();
    assert_eq!(key, "the-new-key-1111\n");

    let _held = hold();
    let started = Instant::now();
    let out = login().wait_with_output().unwrap();
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!("the lock on {}", lock_path.display())),
        "{stderr}"
    );
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(15),
        "{waited:?}"
    );
}

/// Logs in with `key` piped, with `args` before `auth login`.
fn login_with(sb: &Sandbox, args: &[&str], key: &str) -> Run {
    run(sb.cmd().args(args).args(["auth", "login"]).write_stdin(key))
}

/// `auth status -o json` with `args`: the key's last four characters.
fn key_seen(sb: &Sandbox, args: &[&str]) -> String {
    let doc = run(sb.cmd().args(args).args(["auth", "status", "-o", "json"]))
        .expect(0)
        .json();
    doc["key"].as_str().unwrap().to_string()
}

/// Two config files in one directory, the same profile in each: each has a
/// key file of its own, and the logout of one leaves the other's. A config
/// file named like a key file is refused, nothing written.
#[test]
fn config_files_side_by_side_never_share_a_key_file() {
    let sb = Sandbox::new();
    let dir = sb.path().join("configs");
    std::fs::create_dir(&dir).unwrap();
    let (prod, staging) = (dir.join("prod.toml"), dir.join("staging.toml"));
    let prod_args = ["--config", prod.to_str().unwrap(), "--profile", "main"];
    let staging_args = ["--config", staging.to_str().unwrap(), "--profile", "main"];
    for path in [&prod, &staging] {
        std::fs::write(path, "zone = \"us\"\n").unwrap();
    }
    login_with(&sb, &prod_args, "prod-key-1234").expect(0);
    login_with(&sb, &staging_args, "staging-key-9999").expect(0);
    assert_eq!(key_seen(&sb, &prod_args), "***1234");
    assert_eq!(key_seen(&sb, &staging_args), "***9999");
    let prod_key = dir.join("peaka-api-key-main@prod.toml");
    assert_eq!(
        std::fs::read_to_string(&prod_key).unwrap(),
        "prod-key-1234\n"
    );
    run(sb.cmd().args(staging_args).args(["auth", "logout"])).expect(0);
    assert!(!dir.join("peaka-api-key-main@staging.toml").exists());
    assert_eq!(key_seen(&sb, &prod_args), "***1234");

    let named_like_a_key = dir.join("peaka-api-key");
    std::fs::write(&named_like_a_key, "zone = \"us\"\n").unwrap();
    let before = names_in(&dir);
    let out = login_with(
        &sb,
        &["--config", named_like_a_key.to_str().unwrap()],
        "the-new-key-1111",
    )
    .expect(3);
    assert!(
        out.stderr.contains("named like a key file") && out.stderr.contains("nothing was saved"),
        "{}",
        out.stderr
    );
    assert_eq!(names_in(&dir), before);
    let text = std::fs::read_to_string(&named_like_a_key).unwrap();
    assert_eq!(text, "zone = \"us\"\n");
}

/// A config reached through a symlink into another directory names its key
/// file so that the target, the link and another link all find it; logout
/// through the target removes it.
#[test]
fn a_symlinked_config_s_key_file_is_found_through_every_path() {
    let sb = Sandbox::new();
    let (links, real_dir) = (sb.path().join("links"), sb.path().join("real"));
    for dir in [&links, &real_dir] {
        std::fs::create_dir(dir).unwrap();
    }
    let real = real_dir.join("peaka.toml");
    std::fs::write(&real, "zone = \"us\"\n").unwrap();
    let link = links.join("config.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let other = sb.path().join("other.toml");
    std::os::unix::fs::symlink("real/peaka.toml", &other).unwrap();
    let args = |path: &Path| ["--config".to_string(), path.to_str().unwrap().to_string()];

    login_with(
        &sb,
        &["--config", link.to_str().unwrap()],
        "linked-key-4321",
    )
    .expect(0);
    for path in [&link, &real, &other] {
        let seen = key_seen(&sb, &["--config", path.to_str().unwrap()]);
        assert_eq!(seen, "***4321", "through {}", path.display());
    }
    let key_file = std::fs::canonicalize(&links).unwrap().join("peaka-api-key");
    assert!(key_file.exists());
    let out = run(sb.cmd().args(args(&real)).args(["auth", "logout"])).expect(0);
    assert!(
        out.stdout
            .contains(&format!("removed {}", key_file.display())),
        "{}",
        out.stdout
    );
    assert!(!key_file.exists());
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "zone = \"us\"\n");
}

/// Login replaces a key setting where it stands, the comments above it
/// kept, at the top and in a profile.
#[test]
fn login_replaces_a_setting_in_place() {
    let sb = Sandbox::new();
    let config = sb.write_config(
        "# comment\napi_key = \"x\" # old\nzone = \"us\"\n\n[profiles.ci]\n# ci's key\napi_key = \"y\"\nzone = \"eu\"\n",
        0o600,
    );
    login_with(&sb, &[], "the-top-key-1111").expect(0);
    login_with(&sb, &["--profile", "ci"], "the-ci-key-2222").expect(0);
    let mark = "# set by peaka auth login";
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        format!("# comment\napi_key_file = \"peaka-api-key\" {mark}\nzone = \"us\"\n\n[profiles.ci]\n# ci's key\napi_key_file = \"peaka-api-key-ci\" {mark}\nzone = \"eu\"\n")
    );
}

/// Logout takes out only the setting's line, the comments above it kept,
/// at the top and in a profile; an inline table keeps its spacing.
#[test]
fn logout_takes_out_only_the_setting() {
    let sb = Sandbox::new();
    let mark = "# set by peaka auth login";
    let config = sb.write_config(
        &format!("# comment\n# about the key\napi_key_file = \"peaka-api-key\" {mark}\nzone = \"us\"\n\n[profiles.ci]\n# ci's key\napi_key = \"y\"\nzone = \"eu\"\n"),
        0o600,
    );
    std::fs::write(sb.path().join("peaka-api-key"), OLD_KEY).unwrap();
    run(sb.cmd().args(["auth", "logout"])).expect(0);
    run(sb.cmd().args(["--profile", "ci", "auth", "logout"])).expect(0);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "# comment\n# about the key\nzone = \"us\"\n\n[profiles.ci]\n# ci's key\nzone = \"eu\"\n"
    );
    assert!(!sb.path().join("peaka-api-key").exists());

    std::fs::write(
        &config,
        "[profiles]\nci = { zone = \"eu\", api_key_file = \"my-key\" }\n",
    )
    .unwrap();
    run(sb.cmd().args(["--profile", "ci", "auth", "logout"])).expect(0);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "[profiles]\nci = { zone = \"eu\" }\n"
    );
}

/// A config file that the setting would make larger than peaka reads is
/// refused before anything is written, naming the limit.
#[test]
fn a_config_the_setting_would_make_too_large_is_refused() {
    let sb = Sandbox::new();
    let line = format!("# {}\n", "x".repeat(98));
    let mut text = line.repeat(65536 / line.len());
    text.push_str(&"#".repeat(65536 - text.len() - 1));
    text.push('\n');
    let config = sb.write_config(&text, 0o600);
    let out = login_with(&sb, &[], "the-new-key-1111").expect(3);
    assert!(
        out.stderr.contains("64 KiB") && out.stderr.contains("nothing was saved"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);
    assert_eq!(names_in(sb.path()), ["config.toml"]);
}

/// `auth login` of `the-new-key-1111` over `BEFORE` and `OLD_KEY`, run by
/// strace, which injects `inject` into its renames; `None` (the test
/// skipped) where strace cannot trace.
fn login_under_strace(sb: &Sandbox, inject: &str) -> Option<Child> {
    let strace = Command::new("strace")
        .args(["-qq", "-o", "/dev/null", "true"])
        .status();
    if !strace.is_ok_and(|s| s.success()) {
        eprintln!("skipped: strace cannot trace here");
        return None;
    }
    std::fs::write(sb.path().join("peaka-api-key"), OLD_KEY).unwrap();
    sb.write_config(BEFORE, 0o600);
    let renames = "rename,renameat,renameat2";
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={renames}"))
        .arg("-e")
        .arg(format!("inject={renames}:{inject}"))
        .arg(assert_cmd::cargo::cargo_bin("peaka"))
        .args(["auth", "login"])
        .env_clear()
        .env("HOME", sb.path())
        .env("PEAKA_CONFIG", sb.config_path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    give_key(&mut child, "the-new-key-1111\n");
    Some(child)
}

/// The config file's rename fails, and so does putting the key file back:
/// the error says the key file was replaced, never that nothing was saved.
#[test]
fn a_key_file_that_cannot_be_put_back_is_told() {
    let sb = Sandbox::new();
    let Some(child) = login_under_strace(&sb, "error=EIO:when=2+") else {
        return;
    };
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let key_file = sb.path().join("peaka-api-key");
    assert!(
        stderr.contains(&format!(
            "{} was already replaced and cannot be put back",
            key_file.display()
        )) && !stderr.contains("nothing was saved"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        "the-new-key-1111\n"
    );
    assert_eq!(std::fs::read_to_string(sb.config_path()).unwrap(), BEFORE);
}

/// SIGINT then SIGTERM while login renames its files (strace holds the
/// first rename for a second): the second signal does not cut the commit,
/// so both files are new, the run reports it, and no temporary file is
/// left. (Where the test cannot tell that the rename is held, the signals
/// may come before it: then both files are as they were.)
#[test]
fn a_second_signal_never_cuts_the_commit() {
    let sb = Sandbox::new();
    let dir = sb.path();
    let Some(child) = login_under_strace(&sb, "delay_enter=1000000:when=1") else {
        return;
    };
    // Once its temporary files are there and it is in the held rename.
    let end = Instant::now() + Duration::from_secs(20);
    let peaka = loop {
        let staged = names_in(dir).iter().any(|n| n.ends_with(".tmp"));
        let peaka = descendant(child.id(), "peaka");
        if let Some(pid) = peaka.filter(|&pid| staged && in_a_rename(pid)) {
            break pid;
        }
        assert!(Instant::now() < end, "never renamed: {:?}", names_in(dir));
        std::thread::sleep(Duration::from_millis(2));
    };
    send_signal(peaka, "INT");
    send_signal(peaka, "TERM");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let key = std::fs::read_to_string(dir.join("peaka-api-key")).unwrap();
    let config = std::fs::read_to_string(sb.config_path()).unwrap();
    match out.status.code() {
        Some(130 | 143) if rename_numbers().is_none() => {
            assert!(stderr.contains("nothing was saved"), "{stderr}");
            assert_untouched(dir);
        }
        Some(0) => {
            assert_eq!(key, "the-new-key-1111\n");
            assert!(config.contains(MARK_LINE), "{config}");
            let names = names_in(dir);
            assert_eq!(names, ["config.toml", "config.toml.lock", "peaka-api-key"]);
        }
        code => panic!(
            "exit {code:?}: key {key:?}, config {config:?}, files {:?}: {stderr}",
            names_in(dir)
        ),
    }
}

/// The numbers of the rename system calls, where they are known.
fn rename_numbers() -> Option<&'static [&'static str]> {
    if cfg!(target_arch = "x86_64") {
        Some(&["82", "264", "316"])
    } else if cfg!(target_arch = "aarch64") {
        Some(&["38", "276"])
    } else {
        None
    }
}

/// Whether process `pid` is in a rename system call, from Linux's /proc
/// (where the numbers are known; elsewhere, any time).
fn in_a_rename(pid: u32) -> bool {
    let Some(renames) = rename_numbers() else {
        return true;
    };
    let call = std::fs::read_to_string(format!("/proc/{pid}/syscall")).unwrap_or_default();
    renames.contains(&call.split(' ').next().unwrap_or_default())
}

const MARK_LINE: &str = "api_key_file = \"peaka-api-key\" # set by peaka auth login";

/// Run as a user who owns the config file (mode 0664, group root, of which
/// that user is no member): the mode stays 0664, and a warning, not with
/// `-q`, says the group changed. Needs root to set it up.
#[test]
fn the_mode_is_kept_and_a_group_that_cannot_be_is_told() {
    use std::os::unix::fs::{chown, MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: only root can give the config file to another user");
        return;
    }
    let nobody = 65534;
    let sb = Sandbox::new();
    set_mode(sb.path(), 0o755);
    let home = sb.path().join("home");
    std::fs::create_dir(&home).unwrap();
    chown(&home, Some(nobody), Some(nobody)).unwrap();
    let config = home.join("config.toml");
    let login = |quiet: bool| {
        std::fs::write(&config, "zone = \"us\"\n").unwrap();
        chown(&config, Some(nobody), Some(0)).unwrap();
        set_mode(&config, 0o664);
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("peaka"));
        cmd.uid(nobody)
            .gid(nobody)
            .env_clear()
            .env("HOME", &home)
            .env("PEAKA_CONFIG", &config)
            .args(["auth", "login"])
            .args(quiet.then_some("-q"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        give_key(&mut child, "the-new-key-1111\n");
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        let meta = std::fs::metadata(&config).unwrap();
        assert_eq!(meta.permissions().mode() & 0o7777, 0o664);
        assert_eq!((meta.uid(), meta.gid()), (nobody, nobody));
        stderr
    };
    let stderr = login(false);
    let told = format!(
        "warning: the group of {} changed from root (0) to ",
        config.display()
    );
    assert!(
        stderr.contains(&told) && stderr.contains("0664"),
        "{stderr}"
    );
    assert_eq!(login(true), "");
}

/// Logging out of a profile with nothing saved, its table already gone, is
/// no error.
#[test]
fn logging_out_twice_says_no_key_was_saved() {
    let sb = Sandbox::new();
    sb.write_config("zone = \"us\"\n", 0o600);
    login_with(&sb, &["--profile", "ci"], "the-ci-key-2222").expect(0);
    let logout = || run(sb.cmd().args(["--profile", "ci", "auth", "logout"])).expect(0);
    logout();
    let out = logout();
    assert!(
        out.stdout.contains("no key was saved in [profiles.ci]"),
        "{}",
        out.stdout
    );
}
