//! What an execution is: its mode (full refresh or incremental) and the
//! statuses the simulator gives it, with their names in the API.

use serde::{Deserialize, Serialize};

/// An execution's `executionMode`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExecutionMode {
    Full,
    Incremental,
}

impl ExecutionMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionMode::Full => "FULL_REFRESH",
            ExecutionMode::Incremental => "INCREMENTAL",
        }
    }
}

/// The statuses the simulator gives an execution.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExecutionStatus {
    #[default]
    Running,
    Completed,
    Failed,
    Cancelled,
}

impl ExecutionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionStatus::Running => "RUNNING",
            ExecutionStatus::Completed => "COMPLETED",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::Cancelled => "CANCELLED",
        }
    }
}
