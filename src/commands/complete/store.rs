//! The completion cache: the caches of one project as one list read found
//! them, in a small file under the user's cache directory
//! (`$XDG_CACHE_HOME/peaka/` on Linux), one file per base URL, profile and
//! project, mode 0600, written whole (temp, sync, rename). It holds IDs,
//! names and statuses, never the key. Only completion reads it: a name in
//! an action is always resolved from a list read of that run.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::files;

/// How long a file answers completions before the list is read again.
pub const FRESH: Duration = Duration::from_secs(60);

/// The largest file read: a project of 50,000 caches takes about 8 MB.
const MOST: u64 = 64 << 20;

/// What a file answers for.
#[derive(Serialize, Deserialize, PartialEq, Eq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    pub base_url: String,
    pub profile: String,
    pub project: String,
}

/// One cache, as completion shows it.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Cached {
    pub id: String,
    pub catalog: String,
    pub schema: String,
    pub table: String,
    pub status: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    version: u32,
    #[serde(flatten)]
    slot: Slot,
    saved_at_ms: u64,
    caches: Vec<Cached>,
}

const VERSION: u32 = 1;

impl Slot {
    /// `<cache dir>/peaka/complete-<hash>.json`: the hash of the slot, so
    /// that its name says nothing of the project; the file holds the slot
    /// itself, checked when read.
    pub fn path(&self) -> Option<PathBuf> {
        let dir = dirs::cache_dir()?.join("peaka");
        Some(dir.join(format!("complete-{:016x}.json", self.hash())))
    }

    /// FNV-1a: stable from one build to the next, unlike std's hasher.
    fn hash(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [&self.base_url, &self.profile, &self.project] {
            for byte in part.bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }

    /// The caches the file holds for this slot, if it was written less
    /// than `FRESH` before `now` (a time ahead of `now` is not fresh).
    pub fn fresh(&self, now: SystemTime) -> Option<Vec<Cached>> {
        let path = self.path()?;
        if std::fs::metadata(&path).ok()?.len() > MOST {
            return None;
        }
        let stored: Stored = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
        let age = millis(now).checked_sub(stored.saved_at_ms)?;
        let fresh =
            stored.version == VERSION && stored.slot == *self && Duration::from_millis(age) < FRESH;
        fresh.then_some(stored.caches)
    }

    /// Writes the file whole, its directory made private if new. A failure
    /// is no one's business: the next completion reads the list again.
    pub fn save(&self, caches: Vec<Cached>, now: SystemTime) {
        let Some(path) = self.path() else {
            return;
        };
        if !private_dir(files::dir_of(&path)) {
            return;
        }
        let stored = Stored {
            version: VERSION,
            slot: self.clone(),
            saved_at_ms: millis(now),
            caches,
        };
        let Ok(bytes) = serde_json::to_vec(&stored) else {
            return;
        };
        let _ = files::write_all(&[files::Write {
            path: &path,
            bytes: &bytes,
            private: true,
        }]);
    }
}

fn millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Makes `dir` (and its parents) if missing, the last one mode 0700.
fn private_dir(dir: &std::path::Path) -> bool {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(project: &str) -> Slot {
        Slot {
            base_url: "https://partner.peaka.studio/api/v1".into(),
            profile: String::new(),
            project: project.into(),
        }
    }

    #[test]
    fn each_slot_has_its_own_stable_file() {
        assert_eq!(slot("a").hash(), slot("a").hash());
        assert_ne!(slot("a").hash(), slot("b").hash());
        let mut moved = slot("a");
        (moved.base_url, moved.profile) = ("https://partner.peaka.studio/api/v".into(), "1".into());
        assert_ne!(slot("a").hash(), moved.hash(), "parts are kept apart");
        assert_eq!(millis(UNIX_EPOCH + Duration::from_millis(1500)), 1500);
    }
}
