//! Drives the `peaka` binary from a scrubbed environment against local
//! servers, asserting exit codes, stdout and stderr.

mod cancel;
mod common;
mod config;
mod output;
mod sim;
mod wait;
