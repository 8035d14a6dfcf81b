//! The JSON Schema of every document `peaka` prints, made from the
//! documents' types as the registry lists the commands (test builds only).
//! `PEAKA_WRITE_SCHEMA=1 cargo test` writes the checked-in file anew.

use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

use crate::action::Action;
use crate::document::{Envelope, OutcomeDocument, StatusEvent, SCHEMA_VERSION};

use super::{auth, cache, cli, config};

/// Every action's name, from the commands with none below them.
fn action_names() -> Vec<String> {
    fn leaves(command: &clap::Command, path: Vec<String>, out: &mut Vec<String>) {
        let subs: Vec<_> = command
            .get_subcommands()
            .filter(|c| c.get_name() != "help")
            .collect();
        if subs.is_empty() {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            out.push(Action::named(&path).name().to_string());
        }
        for sub in subs {
            let mut next = path.clone();
            next.push(sub.get_name().to_string());
            leaves(sub, next, out);
        }
    }
    let mut names = Vec::new();
    leaves(&cli(), Vec::new(), &mut names);
    names
}

pub fn schema() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    // Any command's failure is an outcome document.
    let mut branches = vec![generator.subschema_for::<Envelope<OutcomeDocument>>()];
    branches.extend(cache::Commands::schemas(&mut generator));
    branches.extend(config::Commands::schemas(&mut generator));
    branches.extend(auth::Commands::schemas(&mut generator));
    branches.push(generator.subschema_for::<StatusEvent>());
    let mut unique = Vec::new();
    for branch in branches {
        if !unique.contains(&branch) {
            unique.push(branch);
        }
    }
    let mut defs = generator.take_definitions(true);
    for def in defs.values_mut() {
        // Every document of this contract says `schemaVersion: 1`.
        if let Some(version) = def.pointer_mut("/properties/schemaVersion") {
            *version = json!({ "const": SCHEMA_VERSION });
        }
    }
    let mut names = action_names();
    names.push(Action::USAGE.name().to_string());
    defs.insert("Action".into(), json!({ "type": "string", "enum": names }));
    json!({
        "$defs": defs,
        "description": "Every JSON document peaka prints (-o json), and every line it prints with -o ndjson.",
        "title": "peaka output",
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        // Each document matches exactly one branch.
        "oneOf": unique,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECKED_IN: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/peaka-output.schema.json"
    );

    /// `PEAKA_WRITE_SCHEMA=1 cargo test` writes the file anew.
    #[test]
    fn the_checked_in_schema_is_the_generated_one() {
        let generated = format!("{}\n", serde_json::to_string_pretty(&schema()).unwrap());
        if std::env::var_os("PEAKA_WRITE_SCHEMA").is_some() {
            std::fs::write(CHECKED_IN, &generated).unwrap();
        }
        let kept = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
        assert!(
            kept == generated,
            "schema/peaka-output.schema.json is stale: run PEAKA_WRITE_SCHEMA=1 cargo test"
        );
    }

    #[test]
    fn every_action_is_named_once() {
        let names = action_names();
        for name in [
            "list",
            "cancel-full-refresh",
            "cancel-incremental",
            "schedule-show",
            "schedule-set",
            "config-show",
            "auth-logout",
            "completions",
        ] {
            assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}");
        }
        assert_eq!(names.len(), 17, "{names:?}");
    }
}
