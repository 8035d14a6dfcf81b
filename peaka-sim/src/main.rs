//! peaka-sim: a local simulator of Peaka's cache API, written from
//! `../shared/` and sharing no code with `peaka`.

mod http;
mod routes;
mod scenario;
mod state;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;

use crate::scenario::Scenario;
use crate::state::{Options, World};

/// A local simulator of Peaka's cache API. Prints its base URL as the first
/// line on stdout, then serves until Ctrl-C.
#[derive(Parser, Debug)]
#[command(name = "peaka-sim", version)]
struct Args {
    /// Port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 0)]
    port: u16,

    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,

    /// Allow --bind to name an address that is not loopback
    #[arg(long)]
    allow_non_loopback: bool,

    /// Scenario file (TOML); without one, the demo scenario
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,

    /// Latency added to every answer, e.g. 20ms
    #[arg(long, value_name = "DURATION")]
    latency: Option<String>,

    /// Delay between a cancel and the execution turning CANCELLED, e.g. 3s
    #[arg(long, value_name = "DURATION")]
    cancel_delay: Option<String>,

    /// How long a started execution runs before it completes, e.g. 10m
    #[arg(long, value_name = "DURATION", default_value = "10m")]
    run_for: String,

    /// Executions complete before a cancel lands
    #[arg(long)]
    too_late: bool,

    /// A new execution starts right after a cancel lands
    #[arg(long)]
    restart_after_cancel: bool,

    /// Inject a fault, e.g. endpoint=cancelFullRefreshCache,kind=status,status=503,count=2
    /// (keys: endpoint, kind, status, count, retry_after, stall); repeatable
    #[arg(long, value_name = "SPEC")]
    fault: Vec<String>,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("peaka-sim: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    if !args.bind.is_loopback() && !args.allow_non_loopback {
        return Err(format!(
            "{} is not a loopback address; pass --allow-non-loopback to listen there",
            args.bind
        ));
    }
    let scenario = match &args.scenario {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Scenario::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Scenario::parse(scenario::DEFAULT)?,
    };
    let pick = |flag: &Option<String>,
                file: &Option<String>,
                default: Duration|
     -> Result<Duration, String> {
        match flag.as_ref().or(file.as_ref()) {
            Some(text) => scenario::duration(text),
            None => Ok(default),
        }
    };
    let options = Options {
        latency: pick(&args.latency, &scenario.latency, Duration::ZERO)?,
        cancel_delay: pick(
            &args.cancel_delay,
            &scenario.cancel_delay,
            Duration::from_secs(2),
        )?,
        run_for: scenario::duration(&args.run_for)?,
        too_late: args.too_late || scenario.too_late,
        restart_after_cancel: args.restart_after_cancel || scenario.restart_after_cancel,
        records_per_second: scenario.records_per_second.unwrap_or(1500),
    };
    let mut faults = scenario.faults.clone();
    for text in &args.fault {
        faults.push(scenario::FaultSpec::parse_flag(text)?);
    }
    let world = World::new(&scenario, options, Instant::now())?;
    let sim = routes::Sim {
        world: Mutex::new(world),
        keys: scenario.keys.clone(),
        faults: Mutex::new(faults.into_iter().map(|f| (f, 0)).collect()),
    };
    let listener = TcpListener::bind(SocketAddr::new(args.bind, args.port))
        .map_err(|e| format!("cannot listen: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    println!("http://{host}:{}/api/v1", addr.port());
    eprintln!(
        "peaka-sim: serving {} cache(s), {} key(s); Ctrl-C stops",
        scenario.caches.len(),
        scenario.keys.len()
    );

    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let handler: Arc<dyn http::Handler> = Arc::new(sim);
    std::thread::spawn(move || http::serve(listener, handler));
    let _ = stopped.recv();
    eprintln!("peaka-sim: stopped");
    Ok(())
}
