//! Caches by name, against the simulator: the grammar, quoting, ID
//! prefixes, ambiguity and suggestions, one list read per run, the
//! positional forms, bulk cancels and the dry run.

use serde_json::Value;

use crate::common::*;
use crate::sim::{self, Sim};

const PARTNER: &str = "sim-partner-key";
const ORDERS: &str = CACHE;
const CUSTOMERS: &str = "960bd651-0000-4000-8000-000000000001";
const INVOICES: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";
const EVENTS: &str = "1d000000-0000-4000-8000-000000000002";
const ODD: &str = "1e000000-0000-4000-8000-000000000003";
const SALES_CUSTOMERS: &str = "1f000000-0000-4000-8000-000000000004";

/// Two catalogs; `orders`, `invoices` and `Events` have a full refresh
/// running; `customers` is in two schemas; the first two IDs share their
/// first eight hex digits.
const SCENARIO: &str = r#"
[[keys]]
key = "sim-partner-key"

[[caches]]
project = "demo"
id = "960bd651-7b3c-4511-9a88-18e14ac7742a"
catalog = "pg1"
schema = "public"
table = "orders"
full_refresh = { status = "RUNNING", duration = "10h" }

[[caches]]
project = "demo"
id = "960bd651-0000-4000-8000-000000000001"
catalog = "pg1"
schema = "public"
table = "customers"
full_refresh = { status = "COMPLETED" }

[[caches]]
project = "demo"
id = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11"
catalog = "pg2"
schema = "sales"
table = "invoices"
full_refresh = { status = "RUNNING", duration = "10h" }

[[caches]]
project = "demo"
id = "1d000000-0000-4000-8000-000000000002"
catalog = "pg2"
schema = "sales"
table = "Events"
full_refresh = { status = "RUNNING", duration = "10h" }

[[caches]]
project = "demo"
id = "1e000000-0000-4000-8000-000000000003"
catalog = "pg1"
schema = "my.schema"
table = "a/b"

[[caches]]
project = "demo"
id = "1f000000-0000-4000-8000-000000000004"
catalog = "pg2"
schema = "sales"
table = "customers"
"#;

struct World {
    sb: Sandbox,
    sim: Sim,
}

fn world() -> World {
    let sb = Sandbox::new();
    let file = sb.path().join("names.toml");
    std::fs::write(&file, SCENARIO).unwrap();
    let sim = sim::start(&["--scenario", file.to_str().unwrap(), "--cancel-delay", "1h"]);
    World { sb, sim }
}

impl World {
    /// `peaka cache WORDS… -p demo`, with the key, against the simulator.
    fn peaka(&self, words: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        cmd.env("PEAKA_API_KEY", PARTNER)
            .args(["--base-url", &self.sim.base, "cache"])
            .args(words)
            .args(["-p", "demo"]);
        cmd
    }

    /// What the run printed on stderr, expecting an exit code.
    fn stderr(&self, words: &[&str], code: i32) -> String {
        run(&mut self.peaka(words)).expect(code).stderr
    }

    fn json(&self, words: &[&str], code: i32) -> Value {
        run(self.peaka(words).args(["-o", "json"]))
            .expect(code)
            .json()
    }

    /// How many requests of an operation the simulator has served.
    fn served(&self, operation: &str) -> u64 {
        self.sim.stats()["byOperation"][operation]
            .as_u64()
            .unwrap_or(0)
    }

    fn requests(&self) -> u64 {
        self.sim.stats()["requests"].as_u64().unwrap_or(0)
    }
}

const BY_PROJECT: &str = "getCacheStatusByProject";
const BY_SCHEMA: &str = "getCacheStatusBySchema";

#[test]
fn a_table_schema_or_catalog_name_finds_its_cache_with_one_list_read() {
    let w = world();
    for (typed, id, list) in [
        ("orders", ORDERS, BY_PROJECT),
        ("public.orders", ORDERS, BY_PROJECT),
        ("pg1/public.orders", ORDERS, BY_SCHEMA),
        ("events", EVENTS, BY_PROJECT),
        ("SALES.INVOICES", INVOICES, BY_PROJECT),
    ] {
        let (lists, requests) = (w.served(list), w.requests());
        let doc = w.json(&["status", "-c", typed], 0);
        assert_eq!(doc["cacheId"], id, "{typed}");
        assert_eq!(doc["cacheRef"], typed);
        assert_eq!(doc["status"]["id"], id);
        assert_eq!(w.served(list), lists + 1, "{typed}: one list read");
        assert_eq!(
            w.requests(),
            requests + 2,
            "{typed}: the list, then the status"
        );
    }
    let doc = w.json(&["status", "orders"], 0);
    assert_eq!(doc["cacheName"], "public.orders");
    // A catalog and schema that name nothing as typed: the project's list.
    let (by_schema, by_project) = (w.served(BY_SCHEMA), w.served(BY_PROJECT));
    let doc = w.json(&["status", "PG1/PUBLIC.ORDERS"], 0);
    assert_eq!(doc["cacheId"], ORDERS);
    assert_eq!(
        (w.served(BY_SCHEMA), w.served(BY_PROJECT)),
        (by_schema + 1, by_project + 1)
    );
    // An ID costs no list read; its status still names it.
    let requests = w.requests();
    let doc = w.json(&["status", ORDERS], 0);
    assert_eq!(
        (w.requests(), &doc["cacheId"]),
        (requests + 1, &Value::from(ORDERS))
    );
    assert!(doc.get("cacheRef").is_none(), "{doc}");
    assert_eq!(doc["cacheName"], "public.orders");
}

#[test]
fn quotes_hold_dots_and_slashes_and_an_open_quote_is_a_usage_error() {
    let w = world();
    for typed in [r#""my.schema"."a/b""#, r#"pg1/"my.schema"."a/b""#] {
        let doc = w.json(&["history", "-c", typed], 0);
        assert_eq!(doc["cacheId"], ODD, "{typed}");
        assert_eq!(doc["cacheName"], r#""my.schema"."a/b""#);
    }
    let doc = w.json(&["status", "-c", r#""my.schema.a/b"#], 2);
    assert_eq!(doc["error"]["kind"], "usage");
    assert_eq!(doc["cacheRef"], r#""my.schema.a/b"#);
    assert_eq!(doc["cacheId"], Value::Null);
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not closed"));
    assert_eq!(
        w.requests(),
        4,
        "two runs of a list and a page; none for the usage error"
    );
}

#[test]
fn a_unique_start_of_an_id_names_its_cache() {
    let w = world();
    let doc = w.json(&["status", "-c", "960BD651-7b3c"], 0);
    assert_eq!(
        (&doc["cacheId"], &doc["cacheRef"]),
        (&Value::from(ORDERS), &Value::from("960BD651-7b3c"))
    );
    assert_eq!(w.json(&["status", "0b7e1c52"], 0)["cacheId"], INVOICES);
    // Two IDs start so: exit 2, naming both.
    let stderr = w.stderr(&["status", "-c", "960bd651"], 2);
    assert!(
        stderr.contains(ORDERS) && stderr.contains(CUSTOMERS),
        "{}",
        stderr
    );
    // Seven digits are no prefix, and no name either.
    let stderr = w.stderr(&["status", "-c", "960bd65"], 5);
    assert!(stderr.contains("at least 8 hex digits"), "{}", stderr);
}

#[test]
fn a_name_of_several_caches_is_exit_2_listing_each() {
    let w = world();
    let stderr = w.stderr(&["refresh", "--full", "-c", "customers"], 2);
    for line in [
        format!("catalog pg1  schema public  table customers  ID {CUSTOMERS}"),
        format!("catalog pg2  schema sales  table customers  ID {SALES_CUSTOMERS}"),
    ] {
        assert!(stderr.contains(&line), "{line}\n{}", stderr);
    }
    assert!(
        stderr.contains("pg1/public.customers"),
        "the hint shows a way: {}",
        stderr
    );
    let doc = w.json(&["refresh", "--full", "customers"], 2);
    assert_eq!(doc["cacheRef"], "customers");
    assert_eq!(doc["cacheId"], Value::Null);
    assert_eq!(
        w.requests(),
        w.served(BY_PROJECT),
        "only the lists were read"
    );
    assert_eq!(
        w.json(&["status", "public.customers"], 0)["cacheId"],
        CUSTOMERS
    );
}

#[test]
fn an_unknown_name_is_exit_5_with_the_closest_names() {
    let w = world();
    let stderr = w.stderr(&["wait", "--for", "finished", "-c", "ordrs"], 5);
    assert!(
        stderr.contains("no cache named \"ordrs\" in project demo; did you mean public.orders?"),
        "{}",
        stderr
    );
    let doc = w.json(&["cancel-full-refresh", "nothing_like_it"], 5);
    assert_eq!(doc["error"]["kind"], "not_found");
    assert_eq!(doc["cacheRef"], "nothing_like_it");
    assert_eq!(doc["cacheId"], Value::Null);
    assert_eq!(doc["cancelSent"], false);
    assert_eq!(w.served("cancelFullRefreshCache"), 0);
}

#[test]
fn every_name_of_a_bulk_cancel_is_resolved_with_one_list_read_before_anything_is_sent() {
    let w = world();
    let doc = w.json(
        &[
            "cancel-full-refresh",
            "--cache",
            "orders",
            "--cache",
            "pg2/sales.invoices",
            EVENTS,
            ORDERS,
        ],
        0,
    );
    assert_eq!(w.served(BY_PROJECT), 1);
    assert_eq!(w.served("cancelFullRefreshCache"), 3, "orders once: {doc}");
    let results = doc["results"].as_array().unwrap();
    let of = |id: &str| results.iter().find(|r| r["cacheId"] == id).unwrap().clone();
    assert_eq!(of(ORDERS)["cacheRef"], "orders");
    assert_eq!(of(ORDERS)["cacheName"], "public.orders");
    assert_eq!(of(INVOICES)["cacheRef"], "pg2/sales.invoices");
    assert!(of(EVENTS).get("cacheRef").is_none(), "{doc}");
    // Names from standard input too; one unknown fails the whole run.
    let input = format!("# running\ninvoices\n\"sales\".\"Events\"  # quoted\n{ORDERS}\n");
    let doc = run(w
        .peaka(&["cancel-full-refresh", "--cache", "-", "-o", "json"])
        .write_stdin(input))
    .expect(0)
    .json();
    assert_eq!(doc["summary"]["cancel_requested"], 3, "{doc}");
    assert_eq!(w.served(BY_PROJECT), 2);
    let stderr = run(w
        .peaka(&["cancel-full-refresh", "--cache", "-", "orders"])
        .write_stdin("invoice\n"))
    .expect(5)
    .stderr;
    assert!(
        stderr.contains("did you mean sales.invoices?"),
        "{}",
        stderr
    );
    assert_eq!(
        w.served("cancelFullRefreshCache"),
        6,
        "nothing sent by the failed run"
    );
}

#[test]
fn the_positional_takes_the_place_of_the_flag() {
    let w = world();
    let doc = w.json(&["refresh", "events", "--incremental"], 0);
    assert_eq!(
        (&doc["cacheId"], &doc["outcome"]),
        (&Value::from(EVENTS), &Value::from("refresh_requested"))
    );
    let stderr = w.stderr(&["status", "orders", "-c", "orders"], 2);
    assert!(stderr.contains("cannot be used with"), "{}", stderr);
    let stderr = w.stderr(&["history"], 2);
    assert!(stderr.contains("<--cache <CACHE>|CACHE>"), "{}", stderr);
    let stderr = w.stderr(
        &["cancel-incremental", "orders", "--all-running", "--yes"],
        2,
    );
    assert!(stderr.contains("cannot be used with"), "{}", stderr);
    assert_eq!(
        w.requests(),
        4,
        "for the refresh: the list, the status, the trigger, the status"
    );
}

#[test]
fn a_dry_run_reads_the_list_to_resolve_a_name_and_sends_nothing_else() {
    let w = world();
    let doc = w.json(&["refresh", "--full", "--dry-run", "pg1/public.orders"], 0);
    assert_eq!(doc["cacheId"], ORDERS);
    assert_eq!(doc["cacheRef"], "pg1/public.orders");
    assert_eq!(doc["cacheName"], "public.orders");
    let shown: Vec<String> = doc["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["url"].as_str().unwrap()
            )
        })
        .collect();
    let base = &w.sim.base;
    let on = |tail: &str| format!("{base}/data/projects/demo/{tail}");
    assert_eq!(
        shown,
        [
            format!("GET {}", on("catalog/pg1/schema/public/cache/status")),
            format!(
                "GET {}",
                on(&format!("cache/{ORDERS}/status?excludeLogs=true"))
            ),
            format!("POST {}", on(&format!("cache/{ORDERS}/fullRefreshUpdate"))),
        ]
    );
    assert_eq!(
        (w.requests(), w.served(BY_SCHEMA)),
        (1, 1),
        "only the list was read"
    );
    let human = run(&mut w.peaka(&["status", "--dry-run", ORDERS])).expect(0);
    assert!(
        human
            .stdout
            .starts_with("Would send (dry run, nothing sent):"),
        "{}",
        human.stdout
    );
    assert_eq!(w.requests(), 1, "an ID: no list read");
}

#[test]
fn people_see_the_name_first_on_a_terminal_and_pipes_keep_their_shape() {
    let w = world();
    let piped = run(&mut w.peaka(&["cancel-full-refresh", "orders"])).expect(0);
    assert!(
        piped.stdout.starts_with(&format!(
            "Cancel requested for the full refresh of cache {ORDERS} (project demo)"
        )),
        "{}",
        piped.stdout
    );
    let piped =
        run(&mut w.peaka(&["cancel-full-refresh", "orders", "invoices", "--if-running"])).expect(0);
    let line = |id: &str| {
        piped
            .stdout
            .lines()
            .any(|l| l.starts_with(&format!("{id}  ")))
    };
    assert!(line(ORDERS) && line(INVOICES), "{}", piped.stdout);
    let args = format!(
        "--base-url {} cache cancel-full-refresh -p demo invoices",
        w.sim.base
    );
    let child = on_a_terminal(&w.sb, &args, Some(PARTNER));
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains(&format!(
            "of cache sales.invoices ({INVOICES}) (project demo)"
        )),
        "{screen}"
    );
}
