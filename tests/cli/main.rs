//! Drives the `peaka` binary from a scrubbed environment against local
//! servers, asserting exit codes, stdout and stderr.

mod auth;
mod bounds;
mod bulk;
mod cancel;
mod commands;
mod common;
mod complete;
mod config;
mod contract;
mod create;
mod data;
mod delete;
mod files;
mod fresh;
mod help;
mod hostile;
mod leaks;
mod names;
mod output;
mod progress;
mod requests;
mod robust;
mod schedule;
mod signals;
mod sim;
mod tables;
mod tls;
mod wait;
