//! `peaka completions`: the shell's registration script. It calls `peaka`
//! back (`COMPLETE=SHELL peaka -- WORDS…`) for every completion, so that
//! values come from the API and the config file (see `complete/`).

use clap_complete::env::Shells;

use crate::commands::{Exec, Failed, Run};
use crate::exit::{Failure, Kind};
use crate::output::Report;

/// Print the shell code that registers peaka's completions
///
/// The script asks peaka itself for each completion: cache names and IDs
/// come from the API (kept 60 s in the user cache directory), profiles and
/// projects from the config file.
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  echo 'source <(peaka completions bash)' >> ~/.bashrc\n",
    "  echo 'source <(peaka completions zsh)' >> ~/.zshrc    # after compinit\n",
    "  peaka completions fish > ~/.config/fish/completions/peaka.fish"
))]
pub struct Args {
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

impl Exec for Args {
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let name = self.shell.to_string();
        let internal = |what: &str| Failure::new(Kind::Internal, what.to_string());
        let shells = Shells::builtins();
        let shell = shells
            .completer(&name)
            .ok_or_else(|| internal(&format!("no completion engine for {name}")))?;
        let mut script = Vec::new();
        // `peaka` as found on PATH, whatever path ran this: the script is
        // the same everywhere (completions/ holds it).
        shell
            .write_registration("COMPLETE", "peaka", "peaka", "peaka", &mut script)
            .map_err(|e| internal(&format!("cannot write the script: {e}")))?;
        Ok(Report::text(
            run.action,
            String::from_utf8_lossy(&script).into_owned(),
        ))
    }
}
