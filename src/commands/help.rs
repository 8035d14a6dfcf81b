//! How help reads, as gh's does: a command's own options in full, then the
//! options every command takes, one line each under "Global options"; the
//! examples (and exit codes) in `--help` only, so that `-h` stays short.
//! All of it comes from the clap definitions; the man pages are made from
//! the definitions as they are, every option's help in full.

use clap::{Arg, Command};

use crate::cli::GLOBAL;

/// The command line as `-h` and `--help` show it: the global options
/// listed once by the template, not by clap under each command.
pub fn shaped(cli: Command) -> Command {
    let template = template(&cli);
    let cli = cli.mut_args(|arg| match arg.is_global_set() {
        true => arg.hide_short_help(true).hide_long_help(true),
        false => arg,
    });
    shape(cli, &template)
}

/// This command and every one below it: the template, and the text after
/// the options moved to `--help`.
fn shape(command: Command, template: &str) -> Command {
    let command = match (command.get_after_help(), command.get_after_long_help()) {
        (Some(after), None) => {
            let after = after.clone();
            command.after_help(None).after_long_help(after)
        }
        _ => command,
    };
    command
        .help_template(template.to_string())
        .mut_subcommands(|sub| shape(sub, template))
}

/// clap's default template with the global options after the command's own.
fn template(cli: &Command) -> String {
    let globals: Vec<&Arg> = cli.get_arguments().filter(|a| a.is_global_set()).collect();
    format!(
        "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{{all-args}}\n\n{GLOBAL}:\n{}{{after-help}}",
        // A `{` would open a tag of the template.
        lines(&globals).replace('{', "(").replace('}', ")")
    )
}

/// One line per option: its names, then its short help, aligned.
fn lines(args: &[&Arg]) -> String {
    let names: Vec<String> = args.iter().map(|a| names(a)).collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for (arg, names) in args.iter().zip(&names) {
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let pad = width - names.chars().count();
        text.push_str(&format!("  {names}{}  {help}\n", " ".repeat(pad)));
    }
    text.trim_end().to_string()
}

/// `-o, --output <FORMAT>`, as clap writes an option.
fn names(arg: &Arg) -> String {
    let short = arg.get_short().map_or("    ".into(), |s| format!("-{s}, "));
    let long = arg.get_long().map_or(String::new(), |l| format!("--{l}"));
    let value = match arg.get_action().takes_values() {
        true => arg
            .get_value_names()
            .unwrap_or_default()
            .iter()
            .map(|v| format!(" <{v}>"))
            .collect(),
        false => String::new(),
    };
    format!("{short}{long}{value}")
}
