//! Which action a run is: a name derived from the subcommands that name it,
//! so that the registry of commands is the only list of them.

use serde::Serialize;

/// An action's name in JSON documents: the subcommands without a leading
/// `cache`, joined with `-` (`list`, `cancel-full-refresh`, `config-show`),
/// or `usage` for a command line that names none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Action(&'static str);

impl Default for Action {
    fn default() -> Action {
        Action::USAGE
    }
}

impl Action {
    /// A command line that names no action.
    pub const USAGE: Action = Action("usage");

    /// The action that a chain of subcommands (down to a command that has
    /// none below it) names.
    pub fn named(subcommands: &[&str]) -> Action {
        let names = match subcommands {
            [] => return Action::USAGE,
            ["cache", rest @ ..] if !rest.is_empty() => rest,
            all => all,
        };
        // Once a run: a name lives as long as the process.
        Action(Box::leak(names.join("-").into_boxed_str()))
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// Whether the action sends a cancel (its documents say whether it was
    /// sent): the cancel commands are named `cancel-…`.
    pub fn cancels(self) -> bool {
        self.0.starts_with("cancel-")
    }
}

#[cfg(test)]
impl schemars::JsonSchema for Action {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Action".into()
    }

    /// Every name is filled in from the registry when the schema is made.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_subcommands() {
        let name = |path: &[&str]| Action::named(path).name();
        assert_eq!(
            name(&["cache", "cancel-full-refresh"]),
            "cancel-full-refresh"
        );
        assert_eq!(name(&["config", "show"]), "config-show");
        assert_eq!(name(&["completions"]), "completions");
        assert_eq!(name(&[]), "usage");
        let json = serde_json::to_value(Action::named(&["auth", "login"])).unwrap();
        assert_eq!(json, "auth-login");
    }
}
