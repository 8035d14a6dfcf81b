#!/usr/bin/env bash
# One-command demo: builds peaka and peaka-sim, starts the simulator and stops
# it at the end.
#   scripts/demo.sh         act one: a full refresh running, cancelled with --wait.
#   scripts/demo.sh --hold  act two: on a schedule, a refresh cancelled without
#                           --hold starts again at the next tick; with --hold it
#                           stays stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"

act=one
case "${1:-}" in
    "") ;;
    --hold) act=two ;;
    *) echo "usage: scripts/demo.sh [--hold]" >&2; exit 2 ;;
esac

echo "Building peaka and peaka-sim (the first build takes a few minutes)..."
cargo build --workspace

work=$(mktemp -d)
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ]; then
        kill -INT "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Starts peaka-sim with the given flags; sets $base.
start_sim() {
    "$target/debug/peaka-sim" --port 0 "$@" >"$work/sim.out" 2>"$work/sim.err" &
    sim_pid=$!
    for _ in $(seq 100); do
        [ -s "$work/sim.out" ] && break
        sleep 0.1
    done
    base=$(head -n 1 "$work/sim.out")
    [ -n "$base" ] || { echo "peaka-sim did not start:" >&2; cat "$work/sim.err" >&2; exit 1; }
}

peaka() {
    env PEAKA_API_KEY=sim-partner-key PEAKA_CONFIG="$work/no-config.toml" \
        "$target/debug/peaka" --base-url "$base" "$@"
}

cache=960bd651-7b3c-4511-9a88-18e14ac7742a

act_one() {
    start_sim --cancel-delay 4s
    echo "peaka-sim serves $base; project demo has a full refresh running on cache $cache."
    echo
    echo "\$ peaka cache cancel-full-refresh --project demo --cache $cache --wait"
    code=0
    peaka cache cancel-full-refresh --project demo --cache "$cache" --wait || code=$?
    echo
    echo "peaka exited with $code ($( [ "$code" = 0 ] && echo "cancelled" || echo "see the exit-code table" ))."
    exit "$code"
}

# "ID STATUS" of the cache's last full refresh, from `peaka cache status -o json`.
last_full() {
    local json fragment id status
    json=$(peaka cache status --project demo --cache "$cache" --output json)
    fragment=${json#*\"lastFullRefreshCacheExecution\":}
    id=$(printf '%s' "$fragment" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d '"' -f 4)
    status=$(printf '%s' "$fragment" | grep -o '"status":"[^"]*"' | head -n 1 | cut -d '"' -f 4)
    echo "$id $status"
}

# Runs a cancel (with the flags given), echoing it; exits when it fails.
cancel() {
    echo "\$ peaka cache cancel-full-refresh --project demo --cache orders${*:+ $*} --wait"
    code=0
    peaka cache cancel-full-refresh --project demo --cache orders "$@" --wait || code=$?
    [ "$code" = 0 ] || { echo "peaka exited with $code (see the exit-code table)." >&2; exit "$code"; }
}

act_two() {
    if ! "$target/debug/peaka" cache cancel-full-refresh --help | grep -q -- '--hold'; then
        echo >&2
        echo "This peaka has no \`cache cancel-full-refresh --hold\` yet (issue 18, part 1, is" >&2
        echo "being built), and act two shows it. \`scripts/demo.sh\` plays act one." >&2
        exit 3
    fi
    start_sim --scenario peaka-sim/scenarios/schedules.toml --run-for 2h
    echo "peaka-sim serves $base at time scale 900: the full refresh of demo's orders"
    echo "($cache) runs every 15 minutes, a tick a second, and one is running now."
    echo
    echo "Scene 1: cancelled without --hold."
    cancel
    read -r cancelled _ <<<"$(last_full)"
    echo "Waiting for the schedule's next tick..."
    local id status
    for _ in $(seq 50); do
        read -r id status <<<"$(last_full)"
        [ "$id" != "$cancelled" ] && [ "$status" = RUNNING ] && break
        sleep 0.2
    done
    if [ "$id" = "$cancelled" ]; then
        echo "No new full refresh started in 10 s: the schedule did not fire." >&2
        exit 1
    fi
    echo "The schedule started full refresh $id ($status): a cancel alone does not stop it."
    echo
    echo "Scene 2: cancelled with --hold (its schedule is set to NONE first)."
    cancel --hold
    read -r cancelled _ <<<"$(last_full)"
    echo "Watching three ticks go by..."
    sleep 3.5
    read -r id status <<<"$(last_full)"
    if [ "$id" != "$cancelled" ]; then
        echo "A new full refresh $id ($status) started: the hold did not hold." >&2
        exit 1
    fi
    echo "Still $status: held. \`peaka cache schedule set\` puts the schedule back."
}

if [ "$act" = one ]; then act_one; else act_two; fi
