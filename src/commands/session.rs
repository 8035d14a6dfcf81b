//! What every command on caches does before its own work: the settings,
//! the project, the key, then either the dry run (the requests it would
//! send, as the same values the client sends) or a client.

use std::io::Write;

use crate::api::{self, Request};
use crate::client::{self, Client, Options};
use crate::config::{self, Settings};
use crate::document::{OutcomeName, RequestDocument, RequestHeaders, SettingsDocument};
use crate::exit::{usage, Failure, Kind};
use crate::output::{table, Document, Outcome, Report, Style};
use crate::secret::ApiKey;

use super::config::show::settings_document;
use super::names::{self, Listed, Reference, Target};
use super::words::{worded, Edge};
use super::{About, Failed, Run};
use crate::cli::CacheTarget;

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
    /// `None` for a run on many caches: its requests are all in `before`,
    /// and the first that changes something stands for them.
    pub main: Option<Request>,
}

impl Planned {
    pub fn one(main: Request) -> Planned {
        Planned {
            before: Vec::new(),
            main: Some(main),
        }
    }

    /// A run on many caches: each cache's requests in turn (none when no
    /// cache was found).
    pub fn many(requests: Vec<Request>) -> Planned {
        Planned {
            before: requests,
            main: None,
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
            cache: None,
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

    /// The requests a command would send (after the list reads that
    /// resolved its names or chose its caches, if any), and the settings,
    /// sending nothing else. `request` is the main one; for many caches,
    /// the first that changes something, else the last read.
    pub fn dry_run(
        &self,
        run: &Run,
        key: &ApiKey,
        cache: Option<&Target>,
        listed: (Vec<Request>, Read),
        planned: Planned,
    ) -> Report {
        let (listed, read) = listed;
        let read = (!listed.is_empty()).then_some(read);
        let mut requests = listed;
        requests.extend(planned.before);
        requests.extend(planned.main.clone());
        // A run on many caches stands for its first write (else its last
        // read); none when it would send nothing at all.
        let main = planned.main.or_else(|| {
            let write = requests.iter().find(|r| r.method().as_str() != "GET");
            write.or(requests.last()).cloned()
        });
        let [authorization, accept, user_agent] = client::headers(key, false).map(|(_, v)| v);
        let headers = RequestHeaders {
            authorization,
            accept,
            user_agent,
        };
        let shown = |request: &Request| RequestDocument {
            method: request.method().to_string(),
            url: request.url(&self.settings.base_url.value).to_string(),
            headers: headers.clone(),
            body: request.body.clone(),
        };
        let outcome = Outcome {
            project: Some(self.project.clone()),
            outcome: Some(OutcomeName::DryRun),
            ..cache.map_or_else(Outcome::default, |t| t.outcome(&self.project))
        };
        Report::new(
            run.action,
            DryRun {
                outcome,
                request: main.as_ref().map(shown),
                requests: requests.iter().map(shown).collect(),
                headers: headers.clone(),
                settings: settings_document(&self.settings, key.hint()),
                read,
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
    /// `None` when nothing at all would be sent (no cache given).
    request: Option<RequestDocument>,
    /// Every request sent before any that depends on an answer.
    requests: Vec<RequestDocument>,
    /// Sent with every request.
    headers: RequestHeaders,
    settings: SettingsDocument,
    /// Why the first requests were sent, when they were: the list read.
    read: Option<Read>,
}

/// Why a dry run read the list.
#[derive(Clone, Copy, Debug)]
pub enum Read {
    /// To resolve the names typed.
    Names,
    /// To find the caches a run chooses (`--all-running`).
    Select,
}

impl serde::Serialize for DryRun {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = crate::document::OutcomeDocument {
            request: self.request.clone(),
            requests: Some(self.requests.clone()),
            settings: Some(self.settings.clone()),
            ..self.outcome.document()
        };
        document.serialize(serializer)
    }
}

impl Document for DryRun {
    fn human(&self, _: &Style, out: &mut dyn Write, _: &mut dyn Write) -> std::io::Result<()> {
        match self.read {
            Some(Read::Names) => writeln!(
                out,
                "Would send (dry run: only the list was read, to resolve the name):"
            )?,
            Some(Read::Select) => writeln!(
                out,
                "Would send (dry run: only the list was read, to find the caches):"
            )?,
            None => writeln!(out, "Would send (dry run, nothing sent):")?,
        }
        for sent in &self.requests {
            writeln!(out, "  {} {}", sent.method, sent.url)?;
            if let Some(body) = &sent.body {
                writeln!(out, "    {}", crate::sanitize::message(&body.to_string()))?;
            }
        }
        let headers = &self.headers;
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
    /// The caches the command line named, resolved, in order.
    pub caches: &'c [Target],
}

impl<'c> Connected<'c> {
    /// The one cache a command on one cache works on.
    pub fn target(&self) -> &'c Target {
        first(self.caches)
    }

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

/// A command's requests, for the dry run: of the project and the caches.
pub type Plan<'f> = dyn Fn(&str, &[Target]) -> Result<Planned, Failure> + 'f;

/// How a command that chooses its caches from the list (`--all-running`)
/// chooses them: the caches, and the requests that read the list.
pub type Select<'f> = dyn Fn(&api::ProjectRef) -> Result<(Vec<Target>, Vec<Request>), Failure> + 'f;

/// The first cache named (a command on one cache names exactly one).
pub fn first(caches: &[Target]) -> &Target {
    static NONE: Target = Target {
        id: String::new(),
        typed: None,
        name: None,
    };
    caches.first().unwrap_or(&NONE)
}

/// What every command on one cache says of it before it runs.
impl CacheTarget {
    /// For a failure's document: the project flag, and the cache as typed.
    pub fn about(&self) -> About<'_> {
        About {
            project: self.project(),
            cache: Some(self.typed()),
        }
    }

    /// The one cache named, read while the flags are checked.
    pub fn references(&self) -> Result<Vec<Reference>, Failure> {
        Ok(vec![names::parse(self.typed())?])
    }
}

/// How every command on caches runs: the settings and project, then the
/// command's own checks of its flags, which give the caches it names
/// (before the key is read or anything is sent), the key, then the names
/// resolved with one list read, then the dry run (`plan`) or the command
/// (`body`). A run that names only IDs reads no list.
pub struct Flow<'f> {
    pub project_flag: Option<&'f str>,
    pub check: &'f mut dyn FnMut(&mut Run) -> Result<Vec<Reference>, Failure>,
    pub plan: &'f Plan<'f>,
    pub body: &'f mut dyn FnMut(&mut Run, &Connected) -> Result<Report, Failure>,
}

impl Flow<'_> {
    pub fn run(self, run: &mut Run) -> Result<Report, Failed> {
        self.run_with(run, None, false)
    }

    /// `run`, keeping a name that matches no cache as an absent target
    /// rather than failing the run (`delete --if-exists`).
    pub fn run_allowing_absent(self, run: &mut Run) -> Result<Report, Failed> {
        self.run_with(run, None, true)
    }

    /// `run`, for a command whose caches are chosen by `select` from the
    /// list (read in the dry run too: it is what tells which caches) rather
    /// than named.
    pub fn run_selected(self, run: &mut Run, select: Option<&Select>) -> Result<Report, Failed> {
        self.run_with(run, select, false)
    }

    fn run_with(
        self,
        run: &mut Run,
        select: Option<&Select>,
        absent_ok: bool,
    ) -> Result<Report, Failed> {
        let session = Session::open(run, self.project_flag)?;
        let edge = Edge::of(&session.settings);
        let failed = |f| session.failed(worded(f, &edge));
        let named = (self.check)(run).map_err(failed)?;
        let key = session.key(run).map_err(failed)?;
        let direct: Option<Vec<Target>> = match select {
            Some(_) => None,
            None => named.iter().map(Reference::id).collect(),
        };
        if let (true, Some(caches)) = (run.global.dry_run, &direct) {
            let planned = (self.plan)(&session.project, caches).map_err(failed)?;
            let listed = (Vec::new(), Read::Names);
            return Ok(session.dry_run(run, &key, one(caches), listed, planned));
        }
        let log = run.diagnostics();
        let options = session.options().map_err(failed)?;
        let client = Client::new(options.clone(), &key, run.clock, &log).map_err(failed)?;
        let project = api::ProjectRef {
            client: &client,
            project: &session.project,
        };
        let (caches, read) = match (select, direct) {
            (Some(select), _) => select(&project).map_err(failed)?,
            (None, Some(caches)) => (caches, Vec::new()),
            (None, None) => resolve(&named, &project, absent_ok).map_err(failed)?,
        };
        let failed = |f| Failed {
            cache: one(&caches).cloned().map(Box::new),
            ..session.failed(worded(f, &edge))
        };
        if run.global.dry_run {
            let planned = (self.plan)(&session.project, &caches).map_err(failed)?;
            let why = select.map_or(Read::Names, |_| Read::Select);
            return Ok(session.dry_run(run, &key, one(&caches), (read, why), planned));
        }
        let connected = Connected {
            project: &session.project,
            edge: &edge,
            client: &client,
            options: &options,
            key: &key,
            caches: &caches,
        };
        (self.body)(run, &connected).map_err(failed)
    }
}

/// The one cache a run names, when it names exactly one.
fn one(caches: &[Target]) -> Option<&Target> {
    match caches {
        [one] => Some(one),
        _ => None,
    }
}

/// Every reference's cache, from one list read: the schema's, when every
/// name gives the same catalog and schema, else the project's. When the
/// schema's list holds no cache at all (the catalog or schema as typed
/// names nothing, e.g. in another case), the project's is read instead.
/// Returns the caches and the requests that read the lists.
fn resolve(
    named: &[Reference],
    project: &api::ProjectRef,
    absent_ok: bool,
) -> Result<(Vec<Target>, Vec<Request>), Failure> {
    let mut scope = names::scope(named);
    let list = |scope: Option<(&str, &str)>| {
        let (catalog, schema) = (scope.map(|s| s.0), scope.map(|s| s.1));
        let read = api::request::list(project.project, catalog, schema);
        (project.list(catalog, schema), read)
    };
    let (mut listing, read) = list(scope);
    let mut reads = vec![read];
    let nothing = match &listing {
        Ok(listing) => listing.items.is_empty(),
        Err(failure) => failure.kind == Kind::NotFound,
    };
    if scope.is_some() && nothing {
        scope = None;
        let read;
        (listing, read) = list(None);
        reads.push(read);
    }
    let listing = listing?;
    let caches: Vec<&api::ListedCache> = listing.items.iter().map(|(_, c)| c).collect();
    let listed = Listed {
        project: project.project,
        scope,
    };
    let targets = match absent_ok {
        true => names::resolve_allowing_absent(named, &caches, &listed)?,
        false => names::resolve(named, &caches, &listed)?,
    };
    Ok((targets, reads))
}
