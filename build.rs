//! Names the build for `--version`: the git commit when built from a
//! checkout, and the target triple.

use std::process::Command;

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let build = match commit {
        Some(commit) => format!("{commit} {target}"),
        None => target,
    };
    println!("cargo:rustc-env=PEAKA_BUILD={build}");
    // A new commit changes the version text; nothing else here does.
    for path in [".git/HEAD", ".git/refs/heads"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
