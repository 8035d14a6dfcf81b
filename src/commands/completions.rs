//! `peaka completions`: the shell's completion script, generated from the
//! registry.

use crate::commands::{cli, Exec, Failed, Run};
use crate::output::Report;

/// Print a shell completion script
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka completions bash > ~/.local/share/bash-completion/completions/peaka\n",
    "  peaka completions zsh > \"${fpath[1]}/_peaka\""
))]
pub struct Args {
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

impl Exec for Args {
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut cli(), "peaka", &mut script);
        Ok(Report::text(
            run.action,
            String::from_utf8_lossy(&script).into_owned(),
        ))
    }
}
