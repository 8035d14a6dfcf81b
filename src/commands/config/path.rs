//! `peaka config path`.

use std::io::{self, Write};

use serde::Serialize;

use crate::commands::{Exec, Failed, Run};
use crate::config;
use crate::output::{Document, Report, Style};

/// The config file that would be read
#[derive(clap::Args, Debug, Clone)]
#[command(
    after_help = "Examples:\n  peaka config path\n  \"${EDITOR:-vi}\" \"$(peaka config path)\""
)]
pub struct Args {}

impl Exec for Args {
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let (path, _) = config::locate(run.global.config.as_deref(), run.env)
            .ok_or_else(config::no_config_dir)?;
        let document = ConfigPathDocument {
            exists: path.value.is_file(),
            path: path.value.display().to_string(),
            source: path.source.to_string(),
        };
        Ok(Report::new(run.action, document))
    }

    fn reads_config(&self) -> bool {
        false
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![generator.subschema_for::<crate::document::Envelope<ConfigPathDocument>>()]
    }
}

/// `peaka config path`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigPathDocument {
    path: String,
    source: String,
    exists: bool,
}

impl Document for ConfigPathDocument {
    /// The path alone on stdout, for `"$(peaka config path)"`; whether the
    /// file is there, for people, on stderr.
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.path)?;
        if !style.quiet {
            let note = match self.exists {
                true => "(exists)",
                false => "(does not exist)",
            };
            writeln!(err, "{note}")?;
        }
        Ok(())
    }
}
