//! The one list of what `peaka` can be asked to do: each action's name in
//! JSON documents and the subcommands that name it.

use serde::Serialize;

use crate::api::ExecutionKind;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    List,
    History,
    Refresh,
    Wait,
    CancelFullRefresh,
    CancelIncremental,
    Status,
    ConfigShow,
    ConfigPath,
    AuthLogin,
    AuthStatus,
    AuthLogout,
    Completions,
    /// A command line that names no action.
    #[default]
    Usage,
}

impl Action {
    const NAMED: [Action; 13] = [
        Action::List,
        Action::History,
        Action::Refresh,
        Action::Wait,
        Action::CancelFullRefresh,
        Action::CancelIncremental,
        Action::Status,
        Action::ConfigShow,
        Action::ConfigPath,
        Action::AuthLogin,
        Action::AuthStatus,
        Action::AuthLogout,
        Action::Completions,
    ];

    /// The subcommands that name it.
    fn path(self) -> &'static [&'static str] {
        match self {
            Action::List => &["cache", "list"],
            Action::History => &["cache", "history"],
            Action::Refresh => &["cache", "refresh"],
            Action::Wait => &["cache", "wait"],
            Action::CancelFullRefresh => &["cache", "cancel-full-refresh"],
            Action::CancelIncremental => &["cache", "cancel-incremental"],
            Action::Status => &["cache", "status"],
            Action::ConfigShow => &["config", "show"],
            Action::ConfigPath => &["config", "path"],
            Action::AuthLogin => &["auth", "login"],
            Action::AuthStatus => &["auth", "status"],
            Action::AuthLogout => &["auth", "logout"],
            Action::Completions => &["completions"],
            Action::Usage => &[],
        }
    }

    /// The action that a chain of subcommands names, if any.
    pub fn named(subcommands: &[&str]) -> Action {
        Action::NAMED
            .into_iter()
            .find(|a| subcommands.starts_with(a.path()))
            .unwrap_or_default()
    }

    /// The kind of execution a cancel acts on.
    pub fn cancelled_kind(self) -> Option<ExecutionKind> {
        match self {
            Action::CancelFullRefresh => Some(ExecutionKind::Full),
            Action::CancelIncremental => Some(ExecutionKind::Incremental),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every leaf subcommand of the CLI is one action, and every action a
    /// subcommand: a command added without its action fails here.
    #[test]
    fn every_subcommand_is_exactly_one_action() {
        fn leaves(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
            let subs: Vec<_> = cmd.get_subcommands().collect();
            if subs.is_empty() {
                out.push(path);
                return;
            }
            for sub in subs {
                let mut next = path.clone();
                next.push(sub.get_name().to_string());
                leaves(sub, next, out);
            }
        }
        let mut found = Vec::new();
        leaves(&crate::cli::Cli::command(), Vec::new(), &mut found);
        let mut actions = Vec::new();
        for path in &found {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let action = Action::named(&path);
            assert_ne!(action, Action::Usage, "{path:?} has no action");
            assert_eq!(action.path(), &path[..]);
            actions.push(action);
        }
        for action in Action::NAMED {
            assert!(actions.contains(&action), "{action:?} names no subcommand");
        }
        let name = |a| serde_json::to_value(a).unwrap();
        assert_eq!(name(Action::ConfigShow), "config-show");
        assert_eq!(name(Action::CancelFullRefresh), "cancel-full-refresh");
    }
}
