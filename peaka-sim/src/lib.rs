//! peaka-sim: a local simulator of Peaka's cache API, written from
//! `docs/api/` and sharing no code with `peaka`. A library, so that tests
//! start it in-process on a free port and stop it when they are done; the
//! `peaka-sim` binary is a thin `main` around it.

mod durations;
mod execution;
mod faults;
mod handlers;
mod http;
mod render;
mod routes;
mod scenario;
mod schedule;
mod simulator;
mod state;
mod ticks;

use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;

use crate::faults::Fault;
use crate::scenario::Scenario;
use crate::simulator::Simulator;
use crate::state::{Backend, Behaviour};

/// A local simulator of Peaka's cache API. Prints its base URL as the first
/// line on stdout, then serves until Ctrl-C.
#[derive(Parser, Debug)]
#[command(name = "peaka-sim", version)]
pub struct Args {
    /// Port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Allow --bind to name an address that is not loopback
    #[arg(long)]
    allow_non_loopback: bool,

    /// Scenario file (TOML); without one, the demo scenario
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,

    /// Latency added to every answer, e.g. 20ms
    #[arg(long, value_name = "DURATION", value_parser = durations::parse)]
    latency: Option<Duration>,

    /// Delay between a cancel and the execution turning CANCELLED, e.g. 3s
    #[arg(long, value_name = "DURATION", value_parser = durations::parse)]
    cancel_delay: Option<Duration>,

    /// Delay between a trigger and its new execution showing, e.g. 500ms
    #[arg(long, value_name = "DURATION", value_parser = durations::parse)]
    start_delay: Option<Duration>,

    /// How long a started execution runs before it completes, e.g. 10m (of
    /// simulated time: see --time-scale)
    #[arg(long, value_name = "DURATION", value_parser = durations::parse, default_value = "10m")]
    run_for: Duration,

    /// The simulated clock runs N times faster for schedules and execution
    /// durations (at 900, PT15M fires every second); 1 to 86400
    #[arg(long, value_name = "N", value_parser = durations::time_scale)]
    time_scale: Option<u32>,

    /// Executions complete before a cancel lands
    #[arg(long)]
    too_late: bool,

    /// A new execution starts right after a cancel lands
    #[arg(long)]
    restart_after_cancel: bool,

    /// Inject a fault, e.g. endpoint=cancelFullRefreshCache,kind=status,status=503,count=2
    /// (keys: endpoint, kind, status, count, retry_after, stall; see docs/simulator.md); repeatable
    #[arg(long, value_name = "SPEC")]
    fault: Vec<Fault>,
}

/// A running simulator; dropping it stops it.
pub struct Server {
    base_url: String,
    addr: SocketAddr,
    sim: Arc<Simulator>,
    stopped: Arc<AtomicBool>,
    caches: usize,
    keys: usize,
}

/// Starts a simulator with the binary's flags (without the program name),
/// e.g. `start(&["--cancel-delay", "600ms"])`.
pub fn start(args: &[&str]) -> Result<Server, String> {
    let args = Args::try_parse_from(std::iter::once("peaka-sim").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    start_with(args)
}

pub fn start_with(args: Args) -> Result<Server, String> {
    if !args.bind.is_loopback() && !args.allow_non_loopback {
        return Err(format!(
            "{} is not a loopback address; pass --allow-non-loopback to listen there",
            args.bind
        ));
    }
    let scenario = load_scenario(&args)?;
    let sim = simulator(&args, &scenario).map_err(|e| match &args.scenario {
        Some(path) => format!("{}: {e}", path.display()),
        None => e,
    })?;
    let sim = Arc::new(sim);
    let listener = TcpListener::bind(SocketAddr::new(args.bind, args.port))
        .map_err(|e| format!("cannot listen: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let stopped = Arc::new(AtomicBool::new(false));
    let handler: Arc<dyn http::Handler> = sim.clone();
    let flag = stopped.clone();
    std::thread::spawn(move || http::serve(listener, handler, flag));
    Ok(Server {
        base_url: format!("http://{host}:{}/api/v1", addr.port()),
        addr,
        sim,
        stopped,
        caches: scenario.caches.len(),
        keys: scenario.keys.len(),
    })
}

fn load_scenario(args: &Args) -> Result<Scenario, String> {
    match &args.scenario {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Scenario::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => Scenario::parse(scenario::DEFAULT),
    }
}

fn simulator(args: &Args, scenario: &Scenario) -> Result<Simulator, String> {
    let behaviour = Behaviour {
        latency: args.latency.or(scenario.latency).unwrap_or_default(),
        cancel_delay: (args.cancel_delay.or(scenario.cancel_delay))
            .unwrap_or(Duration::from_secs(2)),
        start_delay: (args.start_delay.or(scenario.start_delay))
            .unwrap_or(Duration::from_millis(500)),
        run_for: args.run_for,
        too_late: args.too_late || scenario.too_late,
        restart_after_cancel: args.restart_after_cancel || scenario.restart_after_cancel,
        records_per_second: scenario.records_per_second.unwrap_or(1500),
        time_scale: args.time_scale.or(scenario.time_scale).unwrap_or(1),
    };
    for cache in &scenario.caches {
        for (key, schedule) in [
            ("full_schedule", &cache.full_schedule),
            ("incremental_schedule", &cache.incremental_schedule),
        ] {
            behaviour
                .check(schedule)
                .map_err(|e| format!("cache `{}`: {key} {e}", cache.id))?;
        }
    }
    let faults = scenario.faults.iter().chain(&args.fault);
    Ok(Simulator {
        backend: Mutex::new(Backend::new(scenario, behaviour, Instant::now())),
        keys: scenario.keys.clone(),
        faults: Mutex::new(faults.map(|f| (*f, 0)).collect()),
    })
}

impl Server {
    /// `http://127.0.0.1:PORT/api/v1`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// What `GET /_sim/stats` answers: requests and connections served, per
    /// operation, and when each cancel landed.
    pub fn stats(&self) -> serde_json::Value {
        self.sim.stats()
    }

    /// How many caches and keys its scenario has.
    pub fn size(&self) -> (usize, usize) {
        (self.caches, self.keys)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}
