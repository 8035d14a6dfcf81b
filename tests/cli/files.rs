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
    let added =
        "\r\n[profiles.ci]\r\napi_key_file = \"peaka-api-key-ci\" # set by peaka auth login\r\n";
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
