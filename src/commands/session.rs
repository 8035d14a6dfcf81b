//! What every command on caches does before its own work: the settings,
//! the project, the key, then either the dry run (the requests it would
//! send, as the same values the client sends) or a client.

use std::io::Write;

use crate::api::{self, Request};
use crate::client::{self, Client, Options};
use crate::config::{self, Settings};
use crate::document::{OutcomeName, RequestDocument, RequestHeaders, SettingsDocument};
use crate::exit::{usage, Failure};
use crate::output::{table, Document, Outcome, Report, Style};
use crate::secret::ApiKey;

use super::config::show::settings_document;
use super::words::{worded, Edge};
use super::{Failed, Run};

/// The settings of a run on caches, and its project, checked.
pub struct Session {
    pub settings: Settings,
    pub project: String,
}

/// The requests a command sends before any polling or any request that
/// depends on an answer: the reads before, in the order sent, then the one
/// that changes something (else the read).
pub struct Planned {
    pub before: Vec<Request>,
    pub main: Request,
}

impl Planned {
    pub fn one(main: Request) -> Planned {
        Planned {
            before: Vec::new(),
            main,
        }
    }
}

impl Session {
    /// The settings, and the project from wherever it came, checked before
    /// anything is sent.
    pub fn open(run: &Run, project_flag: Option<&str>) -> Result<Session, Failed> {
        let settings = run.settings(project_flag)?;
        let project = settings.project.as_ref().ok_or_else(|| {
            usage("no project given")
                .hint("pass --project ID, set PEAKA_PROJECT, or set project in the config file")
        })?;
        let project = project.value.clone();
        let session = Session { settings, project };
        api::check_project_id(&session.project).map_err(|f| session.failed(f))?;
        Ok(session)
    }

    /// A failure from here on, with the project the settings named.
    pub fn failed(&self, failure: Failure) -> Failed {
        Failed {
            failure,
            project: Some(self.project.clone()),
        }
    }

    /// The key, read from wherever the settings say.
    pub fn key(&self, run: &mut Run) -> Result<ApiKey, Failure> {
        let key = self
            .settings
            .key
            .as_ref()
            .ok_or_else(|| config::no_key(&self.settings))?;
        config::read_key(key, run.stdin)
    }

    pub fn options(&self) -> Result<Options, Failure> {
        client_options(&self.settings)
    }

    /// The requests a command would send, and the settings, sending nothing.
    pub fn dry_run(
        &self,
        run: &Run,
        key: &ApiKey,
        cache: Option<&str>,
        planned: Planned,
    ) -> Report {
        let [authorization, accept, user_agent] = client::headers(key, false).map(|(_, v)| v);
        let shown = |request: &Request| RequestDocument {
            method: request.method().to_string(),
            url: request.url(&self.settings.base_url.value).to_string(),
            headers: RequestHeaders {
                authorization: authorization.clone(),
                accept: accept.clone(),
                user_agent: user_agent.clone(),
            },
        };
        let requests = planned.before.iter().chain([&planned.main]);
        let outcome = Outcome {
            project: Some(self.project.clone()),
            cache: cache.map(str::to_string),
            outcome: Some(OutcomeName::DryRun),
            ..Outcome::default()
        };
        Report::new(
            run.action,
            DryRun {
                outcome,
                request: shown(&planned.main),
                requests: requests.map(shown).collect(),
                settings: settings_document(&self.settings, key.hint()),
            },
        )
    }
}

/// What the HTTP client takes from the settings (the CA file read here).
pub fn client_options(settings: &Settings) -> Result<Options, Failure> {
    Ok(Options {
        base: settings.base_url.value.clone(),
        request_timeout: settings.request_timeout.value,
        retries: settings.retries.value,
        ca_pem: settings
            .ca_cert
            .as_ref()
            .map(config::read_ca_cert)
            .transpose()?,
    })
}

/// `--dry-run`: what would be sent, and every setting.
struct DryRun {
    outcome: Outcome,
    request: RequestDocument,
    /// Every request sent before any that depends on an answer.
    requests: Vec<RequestDocument>,
    settings: SettingsDocument,
}

impl serde::Serialize for DryRun {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = crate::document::OutcomeDocument {
            request: Some(self.request.clone()),
            requests: Some(self.requests.clone()),
            settings: Some(self.settings.clone()),
            ..self.outcome.document()
        };
        document.serialize(serializer)
    }
}

impl Document for DryRun {
    fn human(&self, _: &Style, out: &mut dyn Write, _: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "Would send (dry run, nothing sent):")?;
        for sent in &self.requests {
            writeln!(out, "  {} {}", sent.method, sent.url)?;
        }
        let headers = &self.request.headers;
        writeln!(out, "  Authorization: {}", headers.authorization)?;
        writeln!(out, "  Accept: {}", headers.accept)?;
        writeln!(out, "  User-Agent: {}", headers.user_agent)?;
        writeln!(out)?;
        writeln!(out, "Settings:")?;
        table(&self.settings, out)
    }
}

/// A command on caches, connected: the project, the client, and what a
/// worker of a bulk cancel needs to connect on its own.
pub struct Connected<'c> {
    pub project: &'c str,
    /// For the words of failures, chosen before they are shown.
    pub edge: &'c Edge,
    pub client: &'c Client<'c>,
    pub options: &'c Options,
    pub key: &'c ApiKey,
}

impl<'c> Connected<'c> {
    pub fn project(&self) -> api::ProjectRef<'c> {
        api::ProjectRef {
            client: self.client,
            project: self.project,
        }
    }

    pub fn cache(&self, cache: &'c str) -> api::CacheRef<'c> {
        api::CacheRef {
            client: self.client,
            project: self.project,
            cache,
        }
    }
}

/// How every command on caches runs: the settings and project, then the
/// command's own checks of its flags (before the key is read or anything
/// is sent), the key, then the dry run (`plan`) or the command (`body`).
pub struct Flow<'f> {
    pub project_flag: Option<&'f str>,
    /// The one cache named, for the dry run's document.
    pub cache: Option<&'f str>,
    pub check: &'f mut dyn FnMut(&mut Run) -> Result<(), Failure>,
    pub plan: &'f dyn Fn(&str) -> Result<Planned, Failure>,
    pub body: &'f mut dyn FnMut(&mut Run, &Connected) -> Result<Report, Failure>,
}

impl Flow<'_> {
    pub fn run(self, run: &mut Run) -> Result<Report, Failed> {
        let session = Session::open(run, self.project_flag)?;
        let edge = Edge::of(&session.settings);
        let failed = |f| session.failed(worded(f, &edge));
        (self.check)(run).map_err(failed)?;
        let key = session.key(run).map_err(failed)?;
        if run.global.dry_run {
            let planned = (self.plan)(&session.project).map_err(failed)?;
            return Ok(session.dry_run(run, &key, self.cache, planned));
        }
        let log = run.diagnostics();
        let options = session.options().map_err(failed)?;
        let client = Client::new(options.clone(), &key, run.clock, &log).map_err(failed)?;
        let connected = Connected {
            project: &session.project,
            edge: &edge,
            client: &client,
            options: &options,
            key: &key,
        };
        (self.body)(run, &connected).map_err(failed)
    }
}
