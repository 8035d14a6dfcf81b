//! The user's files, never half-written, never lost, never clobbered. Each
//! write goes to a temporary file beside the file it replaces, is synced,
//! then renamed over it; several files are all staged before the first
//! rename. Also the advisory lock `auth login` and `logout` take, and what
//! toml_edit does not keep of a text file's form (a BOM, CRLF line ends).

use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tempfile::NamedTempFile;

use crate::exit::{config, Failure};
use crate::signal;

/// How long a run waits for another to release the lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// A file to write whole.
pub struct Write<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
    /// Mode 0600 even over a file of another mode; otherwise the replaced
    /// file's mode is kept (0600 for a new file).
    pub private: bool,
}

/// The path a chain of symlinks ends at, or `path` itself: a file is
/// replaced there, so that a link to it stays a link.
pub fn target(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // As many links as Linux follows; a loop fails later, when opened.
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(next) => path = dir_of(&path).join(next),
            Err(_) => break,
        }
    }
    path
}

/// Writes every file whole, or none. All are staged first; a signal caught
/// by then stops here; then each is renamed over its file in order, and if
/// a rename fails, the files renamed before it are put back as they were.
pub fn write_all(writes: &[Write]) -> Result<(), Failure> {
    let targets: Vec<PathBuf> = writes.iter().map(|w| target(w.path)).collect();
    let mut staged = Vec::new();
    for (write, target) in writes.iter().zip(&targets) {
        let temp = stage(target, write.bytes, write.private);
        staged.push(temp.map_err(|e| cannot_write(write.path, e))?);
    }
    // Every file but the last, as it is, to put back should a later rename
    // fail.
    let mut backups = Vec::new();
    for (write, target) in writes.iter().zip(&targets).rev().skip(1).rev() {
        backups.push(backup(target).map_err(|e| cannot_write(write.path, e))?);
    }
    if let Some(signal) = signal::caught() {
        return Err(Failure::interrupted(
            signal,
            format!("interrupted by {}", signal.name()),
        ));
    }
    for (i, temp) in staged.into_iter().enumerate() {
        if let Err(e) = temp.persist(&targets[i]) {
            for (backup, target) in backups.into_iter().zip(&targets).take(i).rev() {
                backup.restore(target);
            }
            return Err(cannot_write(writes[i].path, e.error));
        }
    }
    for target in &targets {
        sync_dir(dir_of(target));
    }
    Ok(())
}

fn cannot_write(path: &Path, e: io::Error) -> Failure {
    config(format!("cannot write {}: {e}", path.display()))
}

/// `bytes` in a synced temporary file beside `target`, with the owner and
/// mode it is to have. It is removed when dropped unless renamed.
fn stage(target: &Path, bytes: &[u8], private: bool) -> io::Result<NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir_of(target))?;
    keep_owner_and_mode(temp.as_file(), target, private)?;
    // The file's own writes: the temporary path adds nothing to an error.
    temp.as_file_mut().write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// A file as it was before a rename replaced it.
enum Backup {
    Absent,
    Copy(NamedTempFile),
}

fn backup(target: &Path) -> io::Result<Backup> {
    match std::fs::read(target) {
        Ok(bytes) => Ok(Backup::Copy(stage(target, &bytes, false)?)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Backup::Absent),
        Err(e) => Err(e),
    }
}

impl Backup {
    /// Best effort: this runs only after a rename has already failed.
    fn restore(self, target: &Path) {
        let _ = match self {
            Backup::Absent => std::fs::remove_file(target),
            Backup::Copy(temp) => temp.persist(target).map(drop).map_err(|e| e.error),
        };
    }
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, target: &Path, private: bool) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let old = std::fs::metadata(target).ok();
    // Only root can give a file away, or a member a file to its group; when
    // that fails, the mode's group and other bits would apply to another
    // group than the file's, so they are dropped.
    let owned = old.as_ref().is_none_or(|old| {
        std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_ok()
    });
    let mode = match &old {
        Some(old) if !private => old.permissions().mode() & 0o7777,
        _ => 0o600,
    };
    let mode = if owned { mode } else { mode & 0o700 };
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(_: &File, _: &Path, _: bool) -> io::Result<()> {
    Ok(())
}

/// A rename is durable once its directory is synced too; where a directory
/// cannot be opened (Windows), the rename is all there is.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The directory `path` is in; `.` for a bare file name.
pub fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// An advisory lock on the lock file beside a config file's target, held
/// until dropped. The lock file stays: removing it would let two runs lock
/// two different files of the same name.
pub struct Lock {
    _file: File,
}

/// Waits at most `LOCK_WAIT` for the lock of the config file at `config`,
/// making its directory if need be; a signal ends the wait.
pub fn lock(config_file: &Path) -> Result<Lock, Failure> {
    let target = target(config_file);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = target.with_file_name(format!("{name}.lock"));
    let failed = |e: io::Error| config(format!("cannot lock {}: {e}", path.display()));
    std::fs::create_dir_all(dir_of(&path)).map_err(failed)?;
    let file = open_lock_file(&path).map_err(failed)?;
    let start = Instant::now();
    loop {
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs4::TryLockError::WouldBlock) => {}
            Err(fs4::TryLockError::Error(e)) => return Err(failed(e)),
        }
        if let Some(signal) = signal::caught() {
            return Err(Failure::interrupted(
                signal,
                format!(
                    "interrupted by {} while waiting for the lock on {}",
                    signal.name(),
                    path.display()
                ),
            ));
        }
        if start.elapsed() >= LOCK_WAIT {
            return Err(config(format!(
                "gave up after {}s waiting for the lock on {}: another `peaka auth login` or `logout` is changing {}",
                LOCK_WAIT.as_secs(),
                path.display(),
                config_file.display()
            ))
            .hint("try again once it has ended; the lock goes with the process that holds it"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// What toml_edit does not keep of a text file's form: a leading UTF-8 BOM,
/// and CRLF line ends when every line has one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    bom: bool,
    crlf: bool,
}

impl Layout {
    /// The layout of `text`, and the text without its BOM.
    pub fn of(text: &str) -> (Layout, &str) {
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(body) => (true, body),
            None => (false, text),
        };
        let ends = body.matches('\n').count();
        let crlf = ends > 0 && body.matches("\r\n").count() == ends;
        (Layout { bom, crlf }, body)
    }

    /// `text` laid out the same way: the BOM back, and every line end CRLF
    /// when every one was, those of added lines included.
    pub fn apply(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        match self.crlf {
            true => out.push_str(&text.replace("\r\n", "\n").replace('\n', "\r\n")),
            false => out.push_str(text),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_and_crlf_are_kept_and_mixed_ends_left_alone() {
        let (layout, body) = Layout::of("\u{feff}a = 1\r\nb = 2\r\n");
        assert_eq!(body, "a = 1\r\nb = 2\r\n");
        assert_eq!(
            layout.apply("a = 1\nb = 2\nc = 3\n"),
            "\u{feff}a = 1\r\nb = 2\r\nc = 3\r\n"
        );
        let (layout, body) = Layout::of("a = 1\r\nb = 2\n");
        assert_eq!((layout, body), (Layout::default(), "a = 1\r\nb = 2\n"));
        assert_eq!(Layout::of("").0, Layout::default());
        assert_eq!(Layout::of("a = 1").0, Layout::default());
    }

    #[test]
    fn all_are_written_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("one");
        std::fs::write(&one, "old one").unwrap();
        // A directory in the way: the second rename fails, the first is
        // undone, no temporary file is left.
        let two = dir.path().join("two");
        std::fs::create_dir(&two).unwrap();
        std::fs::write(two.join("x"), "").unwrap();
        let writes = [
            Write {
                path: &one,
                bytes: b"new one",
                private: true,
            },
            Write {
                path: &two,
                bytes: b"new two",
                private: false,
            },
        ];
        let err = write_all(&writes).unwrap_err();
        assert!(err.message.contains("two"), "{}", err.message);
        assert_eq!(std::fs::read_to_string(&one).unwrap(), "old one");
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["one", "two"]);

        std::fs::remove_dir_all(&two).unwrap();
        write_all(&writes).unwrap();
        assert_eq!(std::fs::read_to_string(&two).unwrap(), "new two");
        assert_eq!(std::fs::read_to_string(&one).unwrap(), "new one");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_the_mode_is_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("real.toml", &link).unwrap();
        assert_eq!(target(&link), real);
        let write = Write {
            path: &link,
            bytes: b"new",
            private: false,
        };
        write_all(&[write]).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = real.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
