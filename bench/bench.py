#!/usr/bin/env python3
"""peaka beside curl, against the same running peaka-sim, in one run.

Run with bench/run (it builds the release binaries first). Prints a table and
writes the same figures to bench/results.json. Standard library only; uses
hyperfine for the timing rows where it is installed.
"""

import http.server
import json
import os
import shlex
import signal
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
PEAKA = os.path.join(TARGET, "release", "peaka")
SIM = os.path.join(TARGET, "release", "peaka-sim")
KEY = "sim-partner-key"
PROJECT = "demo"
SCENARIO = os.path.join(ROOT, "peaka-sim", "scenarios", "bench.toml")
# Caches of the bench scenario, whose cancels land after 1 h, 3 s and 20 s.
TIMING = "11111111-1111-4111-8111-111111111111"
DETECTION = "22222222-2222-4222-8222-222222222222"
LONG_WAIT = "33333333-3333-4333-8333-333333333333"
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
WAIT_SECONDS = 20
# The bulk row: this many running caches, this latency per request.
BULK_CACHES = 500
BULK_LATENCY_MS = 20
BULK_CONCURRENCY = 8
# The large list: this many caches (about 1 KB each), every LIST_RUNNING-th
# with a full refresh RUNNING; runs per timing row.
LIST_CACHES = 50_000
LIST_RUNNING = 1000
LIST_RUNS = int(os.environ.get("BENCH_LIST_RUNS", "10"))
# The completion rows: projects of these many caches (each offered by name
# and ID); the target is the first's, the second shows how it grows.
COMPLETION_CACHES = (1_000, 5_000)


class Sim:
    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [SIM, "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        self.base = self.proc.stdout.readline().strip()
        self.root = self.base[: -len("/api/v1")]

    def stats(self):
        with urllib.request.urlopen(self.root + "/_sim/stats") as r:
            return json.load(r)

    def post(self, cache, tail):
        url = f"{self.base}/data/projects/{PROJECT}/cache/{cache}/{tail}"
        req = urllib.request.Request(url, method="POST", headers={"Authorization": f"Bearer {KEY}"})
        urllib.request.urlopen(req).read()

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait()


def env():
    scratch = tempfile.mkdtemp()
    return {"PATH": os.environ.get("PATH", ""), "HOME": scratch, "PEAKA_CONFIG": os.path.join(scratch, "none.toml"),
            "PEAKA_API_KEY": KEY}


def median_ms(argv, runs=RUNS, environment=None):
    """Median wall time of a command, in ms: hyperfine if present, else a loop."""
    cmd = shlex.join(argv)
    environment = environment or env()
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                ["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", out.name, cmd],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
            )
            return json.load(open(out.name))["results"][0]["median"] * 1000
    times = []
    for i in range(runs + 3):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment, check=True)
        if i >= 3:
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def wait_run(sim, cache, rss=False):
    """Runs `peaka … --wait`; returns (exit unix ms, peak RSS in KiB if asked, exit code)."""
    proc = subprocess.Popen(
        [PEAKA, "--base-url", sim.base, "cache", "cancel-full-refresh", "-p", PROJECT, "-c", cache,
         "--wait", "-q", "--timeout", "2m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(),
    )
    # VmHWM is the peak RSS of the program itself; ru_maxrss would also count
    # the moments before exec, when the child was still a copy of Python.
    peak_kib = 0
    while rss and proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak_kib = max(peak_kib, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError):
            pass
        time.sleep(0.02)
    proc.wait()
    ended = time.time() * 1000
    return ended, peak_kib, proc.returncode


def bulk_scenario(path):
    """A scenario with BULK_CACHES caches whose full refreshes stay RUNNING."""
    ids = [f"{n:08x}-0000-4000-8000-{n:012x}" for n in range(1, BULK_CACHES + 1)]
    lines = [f'latency = "{BULK_LATENCY_MS}ms"', 'cancel_delay = "1h"', "", "[[keys]]", f'key = "{KEY}"']
    for n, cache in enumerate(ids):
        lines += ["", "[[caches]]", f'project = "{PROJECT}"', f'id = "{cache}"', f'table = "t{n}"',
                  'full_refresh = { status = "RUNNING", duration = "10h" }']
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return ids


def bulk(results, curl):
    """500 cancels: peaka --concurrency 8 against curl one after another."""
    with tempfile.TemporaryDirectory() as scratch:
        ids = bulk_scenario(os.path.join(scratch, "bulk.toml"))
        sim = Sim("--scenario", os.path.join(scratch, "bulk.toml"))
        try:
            start = time.perf_counter()
            done = subprocess.run(
                [PEAKA, "--base-url", sim.base, "cache", "cancel-full-refresh", "-p", PROJECT, "--cache", "-",
                 "--concurrency", str(BULK_CONCURRENCY), "-q", "-o", "json"],
                input="\n".join(ids) + "\n", text=True, capture_output=True, env=env(),
            )
            results["bulk_peaka_ms"] = (time.perf_counter() - start) * 1000
            assert done.returncode == 0, done.stderr
            summary = json.loads(done.stdout)["summary"]
            assert summary == {"cancel_requested": BULK_CACHES}, summary
            stats = sim.stats()
            results["bulk_most_in_flight"] = stats["mostInFlight"]
            results["bulk_connections"] = stats["connections"]
            script = "".join(
                f"curl -sS -o /dev/null -X POST -H 'Authorization: Bearer {KEY}' "
                f"{sim.base}/data/projects/{PROJECT}/cache/{cache}/cancelFullRefreshUpdate\n"
                for cache in ids
            )
            start = time.perf_counter()
            subprocess.run(["bash", "-c", script], check=True, env=env())
            results["bulk_curl_ms"] = (time.perf_counter() - start) * 1000
        finally:
            sim.stop()
    results["bulk_ideal_ms"] = BULK_CACHES / BULK_CONCURRENCY * BULK_LATENCY_MS


def list_answer(count=LIST_CACHES):
    """`count` cache statuses as the API sends them, about 1 KB each."""
    caches = []
    for n in range(count):
        state = "RUNNING" if n % LIST_RUNNING == 0 else "COMPLETED"
        finished = None if state == "RUNNING" else "2026-11-29T10:06:00.123Z"
        execution = {
            "id": f"{n:08x}-1111-4111-8111-{n:012x}", "executionMode": "FULL_REFRESH", "status": state,
            "error": None,
            "progress": {"numberOfCachedRecords": 120000 + n, "numberOfInsertedRecords": 100000,
                         "numberOfUpdatedRecords": 15000, "numberOfDeletedRecords": 5000,
                         "lastOffset": f"{n * 7919}", "lastCacheTxId": f"tx-{n}"},
            "createdAt": "2026-11-29T10:00:00.123Z", "updatedAt": "2026-11-29T10:05:00.123Z", "finishedAt": finished,
        }
        incremental = dict(execution, id=f"{n:08x}-2222-4222-8222-{n:012x}", executionMode="INCREMENTAL",
                           status="COMPLETED", finishedAt="2026-11-29T10:06:00.123Z")
        caches.append({
            "id": f"{n:08x}-0000-4000-8000-{n:012x}", "projectId": PROJECT, "catalogId": f"catalog{n % 40}",
            "schemaName": "public", "tableName": f"table_{n}", "status": state,
            "lastFullRefreshCacheExecution": execution, "lastIncrementalCacheExecution": incremental,
        })
    return json.dumps(caches).encode()


class StaticAnswer:
    """Serves one body to every GET, and 200 to every POST (the cancels)."""

    def __init__(self, body):
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                self.reply(body)

            def do_POST(self):
                self.reply(b"")

            def reply(self, payload):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def stop(self):
        self.server.shutdown()


def peak_rss_kib(argv):
    """Runs argv to the end; its peak RSS in KiB. GNU time forks from a small
    process, so its figure is the program's own; else VmHWM, polled."""
    if os.path.exists("/usr/bin/time"):
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env())
        assert done.returncode == 0, done.stderr
        return int(done.stderr.strip().splitlines()[-1])
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
    peak = 0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as status:
                peak = max([peak] + [int(l.split()[1]) for l in status if l.startswith("VmHWM:")])
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        time.sleep(0.005)
    assert proc.returncode == 0
    return peak


def large_list(results):
    """Piped TSV of LIST_CACHES caches beside curl | jq on the same answer,
    and peak RSS in each format and for --all-running."""
    answer = list_answer()
    server = StaticAnswer(answer)
    try:
        url = f"{server.base}/data/projects/{PROJECT}/cache/status"
        peaka = f"{shlex.quote(PEAKA)} --base-url {server.base} cache list -p {PROJECT}"
        counted = subprocess.run(["bash", "-c", f"{peaka} | wc -l"], capture_output=True, text=True, env=env())
        assert counted.stdout.strip() == str(LIST_CACHES), counted
        jq = f"curl -s {url} | jq -r '.[].id' | wc -l"
        results["list_mb"] = len(answer) / 1e6
        results["list_peaka_ms"] = median_ms(["bash", "-c", f"{peaka} | wc -l"], LIST_RUNS)
        results["list_jq_ms"] = median_ms(["bash", "-c", jq], LIST_RUNS)
        base = [PEAKA, "--base-url", server.base, "cache"]
        results["list_rss_tsv_mib"] = peak_rss_kib([*base, "list", "-p", PROJECT]) / 1024
        results["list_rss_json_mib"] = peak_rss_kib([*base, "list", "-p", PROJECT, "-o", "json"]) / 1024
        results["list_rss_all_running_mib"] = peak_rss_kib(
            [*base, "cancel-full-refresh", "-p", PROJECT, "--all-running", "--yes", "-q"]) / 1024
    finally:
        server.stop()


def completion(results):
    for count in COMPLETION_CACHES:
        completion_of(results, count)


def completion_of(results, count):
    """`--cache <TAB>` as the shell asks it (`COMPLETE=fish peaka -- …`), for a
    project of `count` caches (names and IDs: twice as many candidates): from
    the API (one list read, the cache file written), then from the cache
    file while it is fresh."""
    server = StaticAnswer(list_answer(count))
    try:
        words = [PEAKA, "--", "peaka", "--base-url", server.base, "cache", "status", "-p", PROJECT, "--cache", ""]
        environment = dict(env(), COMPLETE="fish")
        first = []
        for _ in range(5):
            environment["XDG_CACHE_HOME"] = tempfile.mkdtemp()
            start = time.perf_counter()
            done = subprocess.run(words, capture_output=True, text=True, env=environment)
            first.append((time.perf_counter() - start) * 1000)
            assert done.returncode == 0 and len(done.stdout.splitlines()) == 2 * count, done
        results[f"completion_api_{count}_ms"] = statistics.median(first)
        files = os.listdir(os.path.join(environment["XDG_CACHE_HOME"], "peaka"))
        assert len(files) == 1, files
        # The file answers now: the server's answer is no longer needed.
        server.stop()
        done = subprocess.run(words, capture_output=True, text=True, env=environment)
        assert len(done.stdout.splitlines()) == 2 * count, "the cache file answers"
        results[f"completion_file_{count}_ms"] = median_ms(words, environment=environment)
    finally:
        server.stop()


def completion_rows(results):
    rows = []
    for count in COMPLETION_CACHES:
        rows += [
            (f"`--cache <TAB>`, {count} caches, from the API (one list read), median of 5",
             f"{results[f'completion_api_{count}_ms']:.1f} ms", "-", None, "≤ 2 s (its bound)"),
            (f"`--cache <TAB>`, {count} caches, from the cache file, median",
             f"{results[f'completion_file_{count}_ms']:.1f} ms", "-", None,
             "≤ 30 ms" if count == COMPLETION_CACHES[0] else "- (how it grows)"),
        ]
    return rows


def print_rows(rows):
    print("| measure | peaka | curl | ratio | target |")
    print("|---|---|---|---|---|")
    for name, ours, theirs, ratio, target in rows:
        shown = f"{ratio:.2f}" if ratio is not None else "-"
        print(f"| {name} | {ours} | {theirs} | {shown} | {target} |")


def write_results(results):
    with open(os.path.join(ROOT, "bench", "results.json"), "w") as out:
        json.dump(results, out, indent=2)
        out.write("\n")


def only_completion():
    """`bench/run completion`: the completion rows alone, their figures
    replaced in results.json and the others kept."""
    with open(os.path.join(ROOT, "bench", "results.json")) as kept:
        results = json.load(kept)
    completion(results)
    print_rows(completion_rows(results))
    write_results(results)


def main():
    for path in (PEAKA, SIM):
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: run bench/run, which builds it")
    if sys.argv[1:] == ["completion"]:
        return only_completion()
    curl = shutil.which("curl")
    results = {"runs": RUNS, "timer": "hyperfine" if shutil.which("hyperfine") else "python loop"}

    # Triggers start at once here: the detection rows cancel right after one.
    sim = Sim("--scenario", SCENARIO, "--start-delay", "0ms")
    try:
        # 1 and 2: start-up, and one cancel of a refresh that stays RUNNING
        # (its cancel lands in an hour), so every cancel is answered 200.
        results["startup_peaka_ms"] = median_ms([PEAKA, "--version"])
        results["startup_curl_ms"] = median_ms([curl, "--version"])
        url = f"{sim.base}/data/projects/{PROJECT}/cache/{TIMING}/cancelFullRefreshUpdate"
        results["cancel_peaka_ms"] = median_ms(
            [PEAKA, "--base-url", sim.base, "cache", "cancel-full-refresh", "-p", PROJECT, "-c", TIMING, "-q"])
        results["cancel_curl_ms"] = median_ms(
            [curl, "-sS", "-o", "/dev/null", "-X", "POST", "-H", f"Authorization: Bearer {KEY}", url])

        # 3: detection latency. The simulator flips the execution to
        # CANCELLED at a known instant (cancel + 3 s) and records it.
        latencies = []
        for _ in range(5):
            sim.post(DETECTION, "fullRefreshUpdate")
            ended, _, code = wait_run(sim, DETECTION)
            assert code == 0, f"peaka --wait exited {code}"
            flip = sim.stats()["flips"][-1]["unixMs"]
            latencies.append(ended - flip)
        results["detection_latency_ms"] = statistics.median(latencies)
        results["poll_interval_ms"] = 5000

        # 3 and 4: requests and connections over a 20 s wait, and peak RSS.
        sim.post(LONG_WAIT, "fullRefreshUpdate")
        before = sim.stats()
        _, rss_kib, code = wait_run(sim, LONG_WAIT, rss=True)
        after = sim.stats()
        assert code == 0, f"peaka --wait exited {code}"
    finally:
        sim.stop()
    results["wait_seconds"] = WAIT_SECONDS
    results["wait_requests"] = after["requests"] - before["requests"]
    results["wait_connections"] = after["connections"] - before["connections"]
    results["peak_rss_mib"] = rss_kib / 1024
    results["binary_mib"] = os.path.getsize(PEAKA) / (1 << 20)
    bulk(results, curl)
    if not shutil.which("jq"):
        sys.exit("jq is missing: install it (apt-get install jq) for the large-list row")
    large_list(results)
    completion(results)

    rows = [
        ("start-up (--version), median", f"{results['startup_peaka_ms']:.2f} ms", f"{results['startup_curl_ms']:.2f} ms",
         results["startup_peaka_ms"] / results["startup_curl_ms"], "≤ 1.2 × curl"),
        ("one cancel, no wait, median", f"{results['cancel_peaka_ms']:.2f} ms", f"{results['cancel_curl_ms']:.2f} ms",
         results["cancel_peaka_ms"] / results["cancel_curl_ms"], "≤ 1.2 × curl"),
        ("detection latency, median of 5", f"{results['detection_latency_ms']:.0f} ms", "-",
         results["detection_latency_ms"] / results["poll_interval_ms"], "≤ 1 poll interval (5 s)"),
        (f"HTTP requests in a {WAIT_SECONDS} s wait", str(results["wait_requests"]), "-", None, "-"),
        (f"TCP connections in a {WAIT_SECONDS} s wait", str(results["wait_connections"]), "-", None, "exactly 1"),
        ("release binary size", f"{results['binary_mib']:.2f} MiB", "-", None, "≤ 8 MB"),
        (f"peak RSS during a {WAIT_SECONDS} s wait", f"{results['peak_rss_mib']:.1f} MiB", "-", None, "≤ 20 MB"),
        (f"bulk cancel of {BULK_CACHES} caches, {BULK_LATENCY_MS} ms latency, --concurrency {BULK_CONCURRENCY}",
         f"{results['bulk_peaka_ms']:.0f} ms", f"{results['bulk_curl_ms']:.0f} ms (one after another)",
         results["bulk_curl_ms"] / results["bulk_peaka_ms"],
         f"≥ 12 × faster; ≤ 1.5 × ideal {results['bulk_ideal_ms']:.0f} ms "
         f"(here {results['bulk_peaka_ms'] / results['bulk_ideal_ms']:.2f} ×)"),
        ("bulk: most requests in flight / TCP connections",
         f"{results['bulk_most_in_flight']} / {results['bulk_connections']}", "-", None, "exactly 8 / ≤ 8"),
        (f"list of {LIST_CACHES} caches ({results['list_mb']:.0f} MB), piped TSV, median of {LIST_RUNS}",
         f"{results['list_peaka_ms']:.0f} ms", f"{results['list_jq_ms']:.0f} ms (curl \\| jq -r '.[].id')",
         results["list_peaka_ms"] / results["list_jq_ms"], "≤ 1 × curl \\| jq"),
        (f"list of {LIST_CACHES} caches: peak RSS, TSV / JSON / --all-running",
         " / ".join(f"{results[k]:.0f} MiB" for k in ("list_rss_tsv_mib", "list_rss_json_mib", "list_rss_all_running_mib")),
         "-", max(results[k] for k in ("list_rss_tsv_mib", "list_rss_json_mib", "list_rss_all_running_mib"))
         / (results["list_mb"] * 1e6 / (1 << 20)), "≤ 4 × the answer"),
    ] + completion_rows(results)
    print_rows(rows)
    print(f"\n{RUNS} runs per timing row ({results['timer']}).")
    write_results(results)


if __name__ == "__main__":
    main()
