//! Where an execution (or a cache) is in its life, as its status text says.
//! The one place a status is read: case-insensitively, and tolerantly (a
//! status we do not know is kept as sent and is not final).

/// One status, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    Running,
    /// A cancel was accepted; not final yet.
    Cancelling,
    Completed,
    Failed,
    Cancelled,
    /// A cache's top-level status once it is gone.
    Deleted,
    /// A status we do not know (or `-` when none was given), as sent.
    Other(String),
}

impl Stage {
    pub fn of(status: &str) -> Stage {
        match status.to_ascii_uppercase().as_str() {
            "RUNNING" => Stage::Running,
            "CANCELLING" => Stage::Cancelling,
            "COMPLETED" => Stage::Completed,
            "FAILED" => Stage::Failed,
            "CANCELLED" | "CANCELED" => Stage::Cancelled,
            "DELETED" => Stage::Deleted,
            _ => Stage::Other(status.to_string()),
        }
    }

    /// Completed, failed or cancelled: an execution goes nowhere after.
    /// (`Deleted` is the cache's, not an execution's: not judged here.)
    pub fn is_final(&self) -> bool {
        matches!(self, Stage::Completed | Stage::Failed | Stage::Cancelled)
    }

    /// Cancelled, or on its way there.
    pub fn is_cancelling(&self) -> bool {
        matches!(self, Stage::Cancelled | Stage::Cancelling)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages() {
        assert_eq!(Stage::of("CANCELLED"), Stage::Cancelled);
        assert_eq!(Stage::of("canceled"), Stage::Cancelled);
        assert_eq!(Stage::of("completed"), Stage::Completed);
        assert_eq!(Stage::of("FAILED"), Stage::Failed);
        assert_eq!(Stage::of("Running"), Stage::Running);
        assert_eq!(Stage::of("cancelling"), Stage::Cancelling);
        assert_eq!(Stage::of("deleted"), Stage::Deleted);
        assert_eq!(
            Stage::of("SOMETHING_NEW"),
            Stage::Other("SOMETHING_NEW".into())
        );
        let finals = ["COMPLETED", "failed", "Cancelled"];
        assert!(finals.iter().all(|s| Stage::of(s).is_final()));
        let open = ["RUNNING", "CANCELLING", "DELETED", "PAUSED", "-"];
        assert!(open.iter().all(|s| !Stage::of(s).is_final()));
    }
}
