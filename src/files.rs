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

/// Why `write_all` wrote nothing, or, when putting a file back failed too,
/// what it left changed.
#[derive(Debug)]
pub struct Unwritten {
    pub failure: Failure,
    /// Every file is as it was: false only when a file already renamed
    /// over could not be put back.
    pub undone: bool,
}

impl From<Failure> for Unwritten {
    fn from(failure: Failure) -> Unwritten {
        Unwritten {
            failure,
            undone: true,
        }
    }
}

/// Writes every file whole, or none. All are staged first; a signal caught
/// by then stops here; then each is renamed over its file in order, and if
/// a rename fails, the files renamed before it are put back as they were.
/// No signal cuts it: the staged files are renamed or removed, never left.
/// Returns what people should be told: a file whose owner or group could
/// not be kept.
pub fn write_all(writes: &[Write]) -> Result<Vec<String>, Unwritten> {
    signal::uncut(|| commit(writes))
}

fn commit(writes: &[Write]) -> Result<Vec<String>, Unwritten> {
    let targets: Vec<PathBuf> = writes.iter().map(|w| target(w.path)).collect();
    let mut staged = Vec::new();
    let mut notes = Vec::new();
    for (write, target) in writes.iter().zip(&targets) {
        let (temp, changed) =
            stage(target, write.bytes, write.private).map_err(|e| cannot_write(write.path, e))?;
        notes.extend(changed.map(|c| c.note(write.path)));
        staged.push(temp);
    }
    // Every file but the last, as it is, to put back should a later rename
    // fail.
    let mut backups = Vec::new();
    for (write, target) in writes.iter().zip(&targets).rev().skip(1).rev() {
        backups.push(backup(target).map_err(|e| cannot_write(write.path, e))?);
    }
    if let Some(signal) = signal::caught() {
        return Err(
            Failure::interrupted(signal, format!("interrupted by {}", signal.name())).into(),
        );
    }
    for (i, temp) in staged.into_iter().enumerate() {
        if let Err(e) = temp.persist(&targets[i]) {
            let mut failure = cannot_write(writes[i].path, e.error);
            let mut undone = true;
            let renamed = backups.into_iter().zip(writes).take(i).rev();
            for (backup, write) in renamed {
                if let Err(e) = backup.restore(&target(write.path)) {
                    undone = false;
                    failure.message = format!(
                        "{}; {} was already replaced and cannot be put back as it was: {e}",
                        failure.message,
                        write.path.display()
                    );
                }
            }
            return Err(Unwritten { failure, undone });
        }
    }
    for target in &targets {
        sync_dir(dir_of(target));
    }
    Ok(notes)
}

fn cannot_write(path: &Path, e: io::Error) -> Failure {
    config(format!("cannot write {}: {e}", path.display()))
}

/// `bytes` in a synced temporary file beside `target`, with the owner and
/// mode it is to have, and what of the owner could not be kept. It is
/// removed when dropped unless renamed.
fn stage(
    target: &Path,
    bytes: &[u8],
    private: bool,
) -> io::Result<(NamedTempFile, Option<Changed>)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir_of(target))?;
    let changed = keep_owner_and_mode(temp.as_file(), target, private)?;
    // The file's own writes: the temporary path adds nothing to an error.
    temp.as_file_mut().write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok((temp, changed))
}

/// A file as it was before a rename replaced it.
enum Backup {
    Absent,
    Copy(NamedTempFile),
}

fn backup(target: &Path) -> io::Result<Backup> {
    match std::fs::read(target) {
        Ok(bytes) => Ok(Backup::Copy(stage(target, &bytes, false)?.0)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Backup::Absent),
        Err(e) => Err(e),
    }
}

impl Backup {
    /// This runs only after a rename has already failed.
    fn restore(self, target: &Path) -> io::Result<()> {
        #[cfg(test)]
        if tests::FAIL_RESTORE.with(|fail| fail.get()) {
            return Err(io::Error::other("refused by the test"));
        }
        match self {
            Backup::Absent => match std::fs::remove_file(target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            Backup::Copy(temp) => temp.persist(target).map(drop).map_err(|e| e.error),
        }
    }
}

/// An owner or group a replaced file had and its new copy could not keep:
/// only root can give a file away, and only a member of a group give a file
/// to it.
#[derive(Debug)]
#[cfg_attr(not(unix), allow(dead_code))]
struct Changed {
    what: &'static str,
    from: String,
    to: String,
    mode: u32,
}

impl Changed {
    fn note(&self, path: &Path) -> String {
        let who = match self.what {
            "group" => format!(
                "only root or a member of {} can give a file to it",
                self.from
            ),
            _ => "only root can give a file away".to_string(),
        };
        format!(
            "the {} of {} changed from {} to {}: {who}; its mode {:04o} is kept",
            self.what,
            path.display(),
            self.from,
            self.to,
            self.mode
        )
    }
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, target: &Path, private: bool) -> io::Result<Option<Changed>> {
    use std::os::unix::fs::{fchown, MetadataExt, PermissionsExt};
    let Ok(old) = std::fs::metadata(target) else {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        return Ok(None);
    };
    if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        // Not root: the copy is ours; its group is kept if we are a member.
        let _ = fchown(file, None, Some(old.gid()));
    }
    // After the owner, which may clear the set-id bits.
    let mode = match private {
        true => 0o600,
        false => old.permissions().mode() & 0o7777,
    };
    file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    let new = file.metadata()?;
    let changed = if private {
        None
    } else if new.uid() != old.uid() {
        Some(("owner", "/etc/passwd", old.uid(), new.uid()))
    } else if new.gid() != old.gid() {
        Some(("group", "/etc/group", old.gid(), new.gid()))
    } else {
        None
    };
    Ok(changed.map(|(what, names, from, to)| Changed {
        what,
        from: account(names, from),
        to: account(names, to),
        mode,
    }))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(_: &File, _: &Path, _: bool) -> io::Result<Option<Changed>> {
    Ok(None)
}

/// `name (id)` from `/etc/passwd` or `/etc/group`, or the id alone.
#[cfg(unix)]
fn account(names: &str, id: u32) -> String {
    use std::io::BufRead;
    let id = id.to_string();
    let name = File::open(names).ok().and_then(|file| {
        io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                let mut fields = line.split(':');
                let name = fields.next()?;
                (fields.nth(1)? == id).then(|| name.to_string())
            })
    });
    match name {
        Some(name) => format!("{name} ({id})"),
        None => id,
    }
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

    thread_local! {
        /// Makes putting a file back fail, as a full disk might.
        pub static FAIL_RESTORE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

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
        assert!(
            err.failure.message.contains("two"),
            "{}",
            err.failure.message
        );
        assert!(err.undone);
        assert_eq!(std::fs::read_to_string(&one).unwrap(), "old one");
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["one", "two"]);

        // Putting the first back fails too: the failure says so, and that
        // not everything is as it was.
        FAIL_RESTORE.with(|fail| fail.set(true));
        let err = write_all(&writes).unwrap_err();
        FAIL_RESTORE.with(|fail| fail.set(false));
        assert!(!err.undone);
        let message = err.failure.message;
        assert!(
            message.contains(&format!(
                "{} was already replaced and cannot be put back",
                one.display()
            )),
            "{message}"
        );
        assert_eq!(std::fs::read_to_string(&one).unwrap(), "new one");
        std::fs::write(&one, "old one").unwrap();

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
