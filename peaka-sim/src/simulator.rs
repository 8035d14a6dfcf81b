//! One request's way through the simulator: routed, counted, hit by a fault
//! or delayed by the latency, checked against the keys, then answered.

use std::sync::Mutex;
use std::time::Instant;

use serde_json::Value;

use crate::faults::{Effect, Fault};
use crate::handlers;
use crate::http::{Handler, Reply, Request, Response};
use crate::routes::{self, Call, Operation, Route, Unrouted};
use crate::scenario::KeySpec;
use crate::state::Backend;

pub struct Simulator {
    pub backend: Mutex<Backend>,
    pub keys: Vec<KeySpec>,
    /// Each fault with the requests it has hit so far.
    pub faults: Mutex<Vec<(Fault, u32)>>,
}

impl Handler for Simulator {
    fn handle(&self, request: Request, first: bool) -> Reply {
        let call = match routes::route(&request.method, &request.path) {
            // Reading the stats is not counted, nor delayed, nor faulted.
            Ok(Route::Stats) => return Reply::Send(Response::json(200, &self.stats())),
            Ok(Route::Api(call)) => Ok(call),
            Err(unrouted) => Err(unrouted),
        };
        let operation = call.as_ref().ok().map(Call::operation);
        let Some(latency) = self.count(operation, first) else {
            return Reply::Drop;
        };
        let reply = match operation.and_then(|op| self.fault(op).map(|e| (op, e))) {
            Some((op, effect)) => effect.reply(op),
            None => {
                if !latency.is_zero() {
                    std::thread::sleep(latency);
                }
                Reply::Send(match call {
                    Ok(call) => self.answer(&request, call),
                    Err(unrouted) => refusal(unrouted),
                })
            }
        };
        if let Ok(mut b) = self.backend.lock() {
            b.stats.in_flight = b.stats.in_flight.saturating_sub(1);
        }
        reply
    }
}

fn refusal(unrouted: Unrouted) -> Response {
    match unrouted {
        Unrouted::NotFound => Response::problem(404, "Not Found", "no such endpoint"),
        Unrouted::MethodNotAllowed => {
            Response::problem(405, "Method Not Allowed", "method not allowed here")
        }
        Unrouted::BadPath => Response::problem(
            400,
            "Bad Request",
            "the path is not UTF-8 once percent-decoded",
        ),
    }
}

impl Simulator {
    /// What `GET /_sim/stats` answers.
    pub fn stats(&self) -> Value {
        self.backend.lock().map_or(Value::Null, |b| b.stats_json())
    }

    /// Counts a request as it starts; returns the latency to add, or `None`
    /// when the backend is unusable.
    fn count(&self, operation: Option<Operation>, first: bool) -> Option<std::time::Duration> {
        let mut b = self.backend.lock().ok()?;
        let stats = &mut b.stats;
        stats.connections += u64::from(first);
        stats.requests += 1;
        stats.in_flight += 1;
        stats.most_in_flight = stats.most_in_flight.max(stats.in_flight);
        let name = operation.map_or("unknown", Operation::id);
        *stats.by_operation.entry(name).or_default() += 1;
        Some(b.behaviour.latency)
    }

    /// The effect of the first fault on `op` that still has hits left.
    fn fault(&self, op: Operation) -> Option<Effect> {
        let mut faults = self.faults.lock().ok()?;
        let (fault, hits) = faults
            .iter_mut()
            .find(|(f, hits)| f.target.hits(op) && f.count.is_none_or(|n| *hits < n))?;
        *hits += 1;
        Some(fault.effect)
    }

    fn authorize(&self, request: &Request, project: &str) -> Result<(), Response> {
        let token = request
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(key) = token.and_then(|t| self.keys.iter().find(|k| k.key == t)) else {
            return Err(Response::problem(
                401,
                "Unauthorized",
                "a valid API key is required",
            ));
        };
        match &key.project {
            Some(own) if own != project => Err(Response::problem(
                403,
                "Forbidden",
                "this project API key does not reach that project",
            )),
            _ => Ok(()),
        }
    }

    fn answer(&self, request: &Request, call: Call) -> Response {
        if let Err(refused) = self.authorize(request, call.project()) {
            return refused;
        }
        let Ok(mut b) = self.backend.lock() else {
            return Response::empty(500);
        };
        let now = Instant::now();
        b.advance(now);
        handlers::answer(&mut b, call, request, now)
    }
}
