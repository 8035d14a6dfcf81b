#!/usr/bin/env bash
# One-command demo: builds peaka and peaka-sim, starts the simulator with a
# full refresh running, cancels it with --wait, and stops the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"

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

"$target/debug/peaka-sim" --port 0 --cancel-delay 4s >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 100); do
    [ -s "$work/sim.out" ] && break
    sleep 0.1
done
base=$(head -n 1 "$work/sim.out")
[ -n "$base" ] || { echo "peaka-sim did not start:" >&2; cat "$work/sim.err" >&2; exit 1; }

cache=960bd651-7b3c-4511-9a88-18e14ac7742a
echo "peaka-sim serves $base; project demo has a full refresh running on cache $cache."
echo
echo "\$ peaka cache cancel-full-refresh --project demo --cache $cache --wait"
code=0
env PEAKA_API_KEY=sim-partner-key PEAKA_CONFIG="$work/no-config.toml" \
    "$target/debug/peaka" --base-url "$base" \
    cache cancel-full-refresh --project demo --cache "$cache" --wait || code=$?
echo
echo "peaka exited with $code ($( [ "$code" = 0 ] && echo "cancelled" || echo "see the exit-code table" ))."
exit "$code"
