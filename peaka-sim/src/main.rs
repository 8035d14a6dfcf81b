//! The `peaka-sim` binary: start the simulator, print its base URL as the
//! first line on stdout, serve until Ctrl-C.

use std::process::ExitCode;
use std::sync::mpsc;

use clap::Parser;

fn main() -> ExitCode {
    match run(peaka_sim::Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("peaka-sim: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: peaka_sim::Args) -> Result<(), String> {
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let server = peaka_sim::start_with(args)?;
    println!("{}", server.base_url());
    let (caches, keys) = server.size();
    eprintln!("peaka-sim: serving {caches} cache(s), {keys} key(s); Ctrl-C stops");
    let _ = stopped.recv();
    drop(server);
    eprintln!("peaka-sim: stopped");
    Ok(())
}
