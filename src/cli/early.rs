//! A command line read leniently, even when it does not parse: the global
//! options clap could read and the action it names, for the failure
//! document; and clap's own error, cut to what a document needs.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgMatches, FromArgMatches};

use super::Global;
use crate::action::Action;

/// What a command line says even when it does not parse: the global
/// options clap could read and the action it names, for the failure document.
pub struct Early {
    pub global: Global,
    pub action: Action,
    /// What clap read of the line, leniently: a completer reads the flags
    /// of the command being typed from it.
    pub matches: Option<ArgMatches>,
}

impl Early {
    /// `cli` is the whole command line's definition.
    pub fn parse(cli: &clap::Command, args: &[OsString]) -> Early {
        let mut command = cli.clone();
        command.build();
        // Options that no command on the line's path knows are dropped in
        // one pass, so that the options after them are still read, in time
        // linear in the line's length.
        let mut args = known_only(&command, args);
        // What the pass let through (an option known but misplaced): a few
        // more rounds dropping what clap names, then a lenient parse.
        let mut rounds = 0;
        let matches = loop {
            let err = match cli.clone().try_get_matches_from(&args) {
                Ok(matches) => break Some(matches),
                Err(err) => err,
            };
            rounds += 1;
            match unknown_position(&err, &args).filter(|_| rounds <= EARLY_ROUNDS) {
                Some(at) => {
                    args.remove(at);
                }
                None => {
                    break cli
                        .clone()
                        .ignore_errors(true)
                        .try_get_matches_from(&args)
                        .ok()
                }
            }
        };
        Early {
            global: matches
                .as_ref()
                .and_then(|m| Global::from_arg_matches(m).ok())
                .unwrap_or_default(),
            action: matches
                .as_ref()
                .map_or(Action::USAGE, |m| action_of(&command, m)),
            matches,
        }
    }
}

/// How many unknown arguments the early parse drops one by one.
const EARLY_ROUNDS: usize = 8;

/// Where the argument that clap found unknown is.
fn unknown_position(err: &clap::Error, args: &[OsString]) -> Option<usize> {
    match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(bad)) if err.kind() == ErrorKind::UnknownArgument => {
            let with_value = format!("{bad}=");
            args.iter().position(|a| {
                let a = a.to_string_lossy();
                a == bad.as_str() || a.starts_with(&with_value)
            })
        }
        _ => None,
    }
}

/// The command line without the options that the command it names (and
/// the commands above it) do not know; values and everything after `--`
/// are kept as they are. One pass.
fn known_only(root: &clap::Command, args: &[OsString]) -> Vec<OsString> {
    let mut kept = Vec::with_capacity(args.len());
    // The commands named so far, the root first.
    let mut path = vec![root];
    // The program's name, then: is the next argument a value, or after `--`?
    let (mut value_next, mut verbatim) = (true, false);
    for arg in args {
        let text = arg.to_string_lossy();
        let known = if value_next || verbatim {
            value_next = false;
            Some(false)
        } else if text == "--" {
            verbatim = true;
            Some(false)
        } else if let Some(long) = text.strip_prefix("--") {
            known_long(&path, long)
        } else if let Some(shorts) = text.strip_prefix('-').filter(|s| !s.is_empty()) {
            known_shorts(&path, shorts)
        } else {
            let current = path[path.len() - 1];
            if let Some(sub) = current.find_subcommand(text.as_ref()) {
                path.push(sub);
            }
            Some(false)
        };
        if let Some(takes_next) = known {
            value_next = takes_next;
            kept.push(arg.clone());
        }
    }
    kept
}

/// The option `matches` finds: the current command's own, or a global
/// one of a command above it.
fn find_arg<'a>(
    path: &[&'a clap::Command],
    matches: impl Fn(&clap::Arg) -> bool,
) -> Option<&'a clap::Arg> {
    let (current, above) = path.split_last()?;
    current.get_arguments().find(|a| matches(a)).or_else(|| {
        above
            .iter()
            .flat_map(|c| c.get_arguments())
            .find(|a| a.is_global_set() && matches(a))
    })
}

/// `--name` or `--name=value`: `None` when unknown, else whether the next
/// argument is its value.
fn known_long(path: &[&clap::Command], long: &str) -> Option<bool> {
    let (name, inline) = match long.split_once('=') {
        Some((name, _)) => (name, true),
        None => (long, false),
    };
    let arg = find_arg(path, |a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|v| v.contains(&name))
    })?;
    Some(!inline && arg.get_action().takes_values())
}

/// `-abc` or `-ovalue`: `None` when a letter is unknown, else whether the
/// next argument is the value of the last one.
fn known_shorts(path: &[&clap::Command], shorts: &str) -> Option<bool> {
    for (at, c) in shorts.char_indices() {
        let arg = find_arg(path, |a| {
            a.get_short() == Some(c) || a.get_all_short_aliases().is_some_and(|v| v.contains(&c))
        })?;
        if arg.get_action().takes_values() {
            return Some(at + c.len_utf8() == shorts.len());
        }
    }
    Some(false)
}

/// The action a command line names, by its subcommands: only a command
/// with none below it is an action.
pub fn action_of(cli: &clap::Command, matches: &ArgMatches) -> Action {
    let (mut names, mut command) = (Vec::new(), cli);
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        let Some(next) = command.find_subcommand(name) else {
            return Action::USAGE;
        };
        names.push(name);
        (command, current) = (next, sub);
    }
    match command.has_subcommands() {
        true => Action::USAGE,
        false => Action::named(&names),
    }
}

/// Splits clap's rendered error (without its `error: `) into the message,
/// every line of it but the usage block and the `--help` pointer, and the
/// tip, if clap gave one.
pub fn split_usage_error(text: &str) -> (String, Option<String>) {
    let mut message = Vec::new();
    let mut tips = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("Usage:") || trimmed.starts_with("For more information") {
            break;
        }
        match trimmed.strip_prefix("tip:") {
            Some(tip) => tips.push(tip.trim().to_string()),
            None if trimmed.is_empty() => {}
            None => message.push(trimmed.to_string()),
        }
    }
    let hint = (!tips.is_empty()).then(|| tips.join("; "));
    (message.join(" "), hint)
}
