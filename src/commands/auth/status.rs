//! `peaka auth status`.

use crate::cli::ProjectArg;
use crate::commands::{words, Exec, Failed, Run};
use crate::config::{self, KeyRef, Settings};
use crate::exit::{Failure, Kind};
use crate::output::Report;

use super::{check, start, Auth, AuthDocument};

/// Where the API key comes from, and whether the API accepts it
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = "Examples:\n  peaka auth status\n  peaka auth status -p mtKDhe1U -o json")]
pub struct Args {
    #[command(flatten)]
    project: ProjectArg,
}

impl Exec for Args {
    /// A failure names the project only once the settings named it.
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let (path, profile) = start(run)?;
        let settings = run.settings(self.project.project.as_deref())?;
        let mut document = AuthDocument::new(profile, &path);
        let project = settings.project.as_ref().map(|p| p.value.clone());
        let message = status(&settings, run, &mut document).map_err(|failure| Failed {
            failure,
            project,
            cache: None,
        })?;
        Ok(Report::new(run.action, Auth { document, message }))
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        super::schemas(generator)
    }
}

fn status(settings: &Settings, run: &mut Run, doc: &mut AuthDocument) -> Result<String, Failure> {
    let key_ref = settings
        .key
        .as_ref()
        .ok_or_else(|| config::no_key(settings))?;
    // Its errors name where it came from.
    let key = config::read_key(key_ref, run.stdin)?;
    let origin = config::key_origin(key_ref);
    doc.key = Some(key.hint());
    doc.source = Some(origin.clone());
    if let KeyRef::File(path) = &key_ref.value {
        doc.key_file = Some(path.display().to_string());
    }
    let verdict = match &settings.project {
        Some(project) => {
            let edge = words::Edge::of(settings);
            let checked = check(&key, &project.value, settings, run);
            let checked = checked.map_err(|f| words::worded(f, &edge));
            checked.map_err(|mut failure| {
                if !matches!(failure.kind, Kind::Auth | Kind::Interrupted(_)) {
                    let said = failure
                        .hint
                        .take()
                        .map(|h| format!("{h}; "))
                        .unwrap_or_default();
                    failure.hint = Some(format!("{said}the API key comes from {origin}"));
                }
                failure
            })?;
            doc.accepted = Some(true);
            format!("the API accepts it for project {}", project.value)
        }
        None => "not checked: no project configured (pass --project)".to_string(),
    };
    Ok(format!("API key {} from {origin}; {verdict}.", key.hint()))
}
