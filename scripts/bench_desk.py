"""The review desk under load (`python scripts/bench.py --desk`, or this file alone): R simulated
reviewers at once, each recording D decisions through the served desk on 127.0.0.1.

    python scripts/bench_desk.py [--reviewers 20] [--decisions 50] [--results bench-results.md]

Builds a store from samples/batch (offline rules extractor, no panel: every reviewer may decide
every suggestion), invites and sets a password for each reviewer, serves the desk with uvicorn
(`intake serve`, its own process) on a free port of 127.0.0.1; every reviewer logs in (not
timed), then POSTs D accept decisions in turn, cycling through the batch's suggestions, all
reviewers at once (one thread and one HTTP client each). Then checks that every decision was
stored exactly once (rows per reviewer and suggestion equal to the POSTs made), and prints and
appends to bench-results.md the p50, p95 and max latency of the decision POSTs. Target: p95
≤ 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUBRIC = "hebei-ou-2024-collective"
PASSWORD = "bench-password-不外传"
TARGET_P95 = 0.200


def build(db: Path, reviewers: list[str]) -> list[tuple[str, int]]:
    """The store with the sample batch and the reviewers' accounts; (submission, suggestion)."""
    from extractors.facts.base import get_extractor
    from intake.desk import auth
    from intake.run import pipeline
    from intake.store import Store
    from intake.store.suggestions import pending

    with Store(db) as store:
        pipeline.run_batch([ROOT / "samples" / "batch"], RUBRIC, store,
                           extractor=get_extractor("rules"))
        for name in reviewers:
            token = auth.invite(store, name)
            auth.set_password(store, token, PASSWORD, PASSWORD)
        return [(p.submission, p.id) for p in pending(store, RUBRIC)
                if p.suggestion.status == "suggested"]


def reviewer(url: str, name: str, work: list[tuple[str, int]], count: int, start: int,
             go: threading.Barrier, times: list[float], errors: list[str]) -> None:
    import httpx

    with httpx.Client(base_url=url, timeout=60) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        client.post("/login", data={"csrf": token.group(1) if token else "", "name": name,
                                    "password": PASSWORD})
        home = client.get("/")
        csrf = re.search(r'name="csrf" value="([^"]+)"', home.text)
        go.wait()
        for n in range(count):
            sid, suggestion = work[(start + n) % len(work)]
            began = time.perf_counter()
            answer = client.post(f"/s/{sid}/decide", data={
                "csrf": csrf.group(1) if csrf else "", "suggestion_id": suggestion,
                "action": "accept"})
            times.append(time.perf_counter() - began)
            if answer.status_code != 303:
                errors.append(f"{name}: {answer.status_code}")


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`intake serve` as a reviewer starts it, in its own process (so the simulated reviewers do
    not share its interpreter), on a free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    intake = str(Path(sys.executable).with_name("intake"))
    server = subprocess.Popen([intake, "serve", "--db", str(db), "--rubric", RUBRIC,
                               "--port", str(port)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as attempt:
                if attempt.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("intake serve did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(reviewers: int, decisions: int) -> dict[str, object]:
    from intake.store import Store

    names = [f"评审{n:02d}" for n in range(1, reviewers + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "desk.db"
        work = build(db, names)
        times: list[float] = []
        errors: list[str] = []
        go = threading.Barrier(reviewers)
        with serving(db) as url:
            threads = [threading.Thread(target=reviewer, args=(
                url, name, work, decisions, i * 7, go, times, errors))
                for i, name in enumerate(names)]
            began = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - began
        with Store(db) as store:
            rows = store.query("SELECT reviewer, suggestion_id FROM decisions")
    stored = Counter((r["reviewer"], r["suggestion_id"]) for r in rows)
    sent = Counter((name, work[(i * 7 + n) % len(work)][1]) for i, name in enumerate(names)
                   for n in range(decisions))
    ordered = sorted(times)
    return {"reviewers": reviewers, "decisions": decisions, "stored": len(rows),
            "exactly_once": stored == sent and not errors, "errors": errors[:5],
            "p50": statistics.median(ordered), "p95": ordered[int(0.95 * (len(ordered) - 1))],
            "max": ordered[-1], "wall": wall}


def record(path: Path, result: dict[str, object]) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "?"
    machine = f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} CPUs"
    ok = "yes" if result["exactly_once"] else f"NO {result['errors']}"
    line = (f"| {dt.date.today()} | {commit} | {machine} | {result['reviewers']} × "
            f"{result['decisions']} | {result['stored']} | {ok} | {result['p50'] * 1000:.0f} | "
            f"{result['p95'] * 1000:.0f} | {result['max'] * 1000:.0f} | {result['wall']:.1f} |")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    header = "## The review desk under load (scripts/bench_desk.py)"
    if header not in text:
        text += (f"\n{header}\n\nDecision POSTs to `intake serve` on 127.0.0.1, all reviewers at "
                 "once; target p95 ≤ 200 ms.\n\n| date | commit | machine | reviewers × decisions "
                 "| stored | each once | p50 ms | p95 ms | max ms | wall s |\n"
                 "|---|---|---|---|---|---|---|---|---|---|\n")
    path.write_text(text + line + "\n", encoding="utf-8")
    print(line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--decisions", type=int, default=50)
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results.md")
    args = parser.parse_args(argv)
    result = run(args.reviewers, args.decisions)
    print(f"p95 {result['p95'] * 1000:.0f} ms (target {TARGET_P95 * 1000:.0f} ms), "
          f"stored {result['stored']}, each exactly once: {result['exactly_once']}")
    record(args.results, result)


if __name__ == "__main__":
    main()
