//! What a run hands every command: the action, the global options, how
//! output looks, and the world it touches (passed in, so that tests and
//! `main` choose it). Nothing here is written by a command for later.

use std::cell::RefCell;
use std::io::{Read, Write};

use crate::action::Action;
use crate::cli::Global;
use crate::clock::Clock;
use crate::config::{self, Settings};
use crate::exit::Failure;
use crate::output::{self, Sink, Style};
use crate::progress::Diagnostics;

pub struct Run<'a> {
    pub action: Action,
    pub global: &'a Global,
    pub style: Style,
    pub env: &'a dyn Fn(&str) -> Option<String>,
    pub stdin: &'a mut dyn Read,
    /// Everything a command shows before its end goes here.
    pub sink: Sink<'a>,
    /// Shared by the progress line and the client's notes.
    pub stderr: &'a RefCell<dyn Write + 'a>,
    pub clock: &'a (dyn Clock + Sync),
}

impl<'a> Run<'a> {
    pub fn warn(&self, text: &str) {
        output::warn(&self.style, &mut *self.stderr.borrow_mut(), text);
    }

    /// Where the client tells of retries, and `-v` lines.
    pub fn diagnostics(&self) -> Diagnostics<'a, 'a> {
        Diagnostics {
            style: self.style,
            verbose: self.global.verbose,
            err: self.stderr,
        }
    }

    /// Reads the config file and decides every setting; warnings go to
    /// stderr.
    pub fn settings(&self, project_flag: Option<&str>) -> Result<Settings, Failure> {
        let global = self.global;
        let (config_path, file) = config::open(global.config.as_deref(), self.env)?;
        for warning in &file.warnings {
            self.warn(warning);
        }
        if global.api_key.is_some() {
            self.warn("--api-key is visible to other local users in the process list; prefer PEAKA_API_KEY or --api-key-file");
        }
        config::resolve(&global.flags(), project_flag, self.env, config_path, &file)
    }
}
