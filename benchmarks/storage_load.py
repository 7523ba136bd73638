"""Load test of the shared database: many practitioners writing turns at once while managers
run reports, against a real PostgreSQL server on loopback. Not part of the unit suite.

    .venv/bin/python benchmarks/storage_load.py                      # own throwaway server
    .venv/bin/python benchmarks/storage_load.py --db postgresql://…  # an empty database

Writers are separate processes (as practitioners' app instances are), each running several
practitioners in threads with a store of their own; each practitioner starts a session, says a
line every ``--think-ms`` (random up to that), finishes after ``--turns`` lines and starts
another, until ``--seconds`` are up. Every turn the store acknowledged (``append_turn``
returned) is recorded. Managers run the whole-service report and History's newest 200 in a
loop. Half-way through, the server cuts every connection (as a restart or failover would):
the store must retry, and a practitioner who is shown an error resumes the session.

At the end the database is read back: turns acknowledged, turns found, lost (acknowledged but
missing: must be 0), duplicates (a turn stored twice, or a session twice: must be 0), errors
shown to a practitioner or manager, and the p95 latency of a turn write. Exits 1 when a
floor is missed (--max-lost, --max-duplicates, --max-p95-ms, --max-errors).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

PER_PROCESS = 10


def _practitioner(
    url: str, name: str, team: str, stop_at: float, turns: int, think_ms: float, seed: int
) -> dict[str, Any]:
    from mi_trainer.storage import SessionStore, StorageError
    from mi_trainer.transcript import Transcript, Turn

    rng = random.Random(seed)
    acknowledged: list[list[Any]] = []
    latencies: list[float] = []
    errors: list[str] = []
    sessions = 0
    store = SessionStore.open(url, pool_size=1)

    class Score:
        def figures(self) -> dict[str, float]:
            return {"overall": 60.0, "r_to_q": 1.5, "pct_complex": 45.0}

        def to_dict(self) -> dict[str, float]:
            return {"overall": 60.0}

    try:
        while time.monotonic() < stop_at:
            t = Transcript(practitioner=name, team=team, scenario_id="mum-drinking-school-concerns")
            try:
                sid = store.start_session(t)
            except StorageError as err:
                errors.append(f"start: {err}")
                time.sleep(0.5)
                continue
            sessions += 1
            index = 0
            while index < turns and time.monotonic() < stop_at:
                time.sleep(rng.uniform(0, think_ms) / 1000)
                speaker = "practitioner" if index % 2 == 0 else "kerry"
                turn = Turn(index, speaker, f"{name}: line {index} of {sid[:8]}")
                started = time.perf_counter()
                try:
                    store.append_turn(sid, turn)
                except StorageError as err:
                    # Shown to the practitioner; like the app, carry on by resuming.
                    errors.append(f"turn: {err}")
                    time.sleep(0.5)
                    try:
                        t = store.resume(sid)
                    except StorageError:
                        continue
                    index = len(t.turns)
                    continue
                latencies.append(time.perf_counter() - started)
                acknowledged.append([sid, index])
                t.turns.append(turn)
                index += 1
            try:
                store.finish_session(sid, t, Score())
            except StorageError as err:
                errors.append(f"finish: {err}")
    finally:
        store.close()
    return {
        "acknowledged": acknowledged,
        "latencies": latencies,
        "errors": errors,
        "sessions": sessions,
    }


def _writer_process(
    url: str,
    first: int,
    count: int,
    stop_at_wall: float,
    turns: int,
    think_ms: float,
    out: str,
) -> None:
    stop_at = time.monotonic() + (stop_at_wall - time.time())
    results: list[dict[str, Any]] = [{}] * count
    teams = ["Family Safeguarding North", "Family Safeguarding South", "Connected Practice East"]

    def one(i: int) -> None:
        n = first + i
        results[i] = _practitioner(
            url, f"Practitioner {n:03d}", teams[n % len(teams)], stop_at, turns, think_ms, n
        )

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    Path(out).write_text(json.dumps(results))


def _manager(url: str, stop_at: float, out: list[dict[str, Any]]) -> None:
    from mi_trainer.storage import SessionStore, StorageError

    reports: list[float] = []
    lists: list[float] = []
    errors: list[str] = []
    with SessionStore.open(url, pool_size=1) as store:
        while time.monotonic() < stop_at:
            try:
                t0 = time.perf_counter()
                store.report()
                reports.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                store.list_sessions(limit=200)
                lists.append(time.perf_counter() - t0)
            except StorageError as err:
                errors.append(str(err))
                time.sleep(0.5)
    out.append({"reports": reports, "lists": lists, "errors": errors})


def _cut_connections(url: str, admin_url: str) -> int:
    import psycopg

    database = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        ).fetchall()
    return len(rows)


def _p(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(args: argparse.Namespace) -> int:
    from mi_trainer.storage import SessionStore

    cluster = None
    url, admin = args.db, args.db
    if not url:
        import pg_cluster

        cluster = pg_cluster.Cluster.start(fast=False)  # fsync on: writes as durable as a server's
        os.environ.update(cluster.env())
        url = cluster.create_database("load")
        admin = cluster.url()
    try:
        SessionStore.open(url).close()  # schema, once, before the writers start
        folder = Path(tempfile.mkdtemp(prefix="mi-trainer-load-"))
        stop_at_wall = time.time() + 3 + args.seconds  # 3 s for everyone to connect
        stop_at = time.monotonic() + 3 + args.seconds
        procs = []
        for first in range(0, args.writers, PER_PROCESS):
            count = min(PER_PROCESS, args.writers - first)
            out = str(folder / f"writers-{first}.json")
            proc = multiprocessing.Process(
                target=_writer_process,
                args=(url, first, count, stop_at_wall, args.turns, args.think_ms, out),
            )
            proc.start()
            procs.append((proc, out))
        managers: list[dict[str, Any]] = []
        manager_threads = [
            threading.Thread(target=_manager, args=(url, stop_at, managers))
            for _ in range(args.managers)
        ]
        for thread in manager_threads:
            thread.start()
        cut = 0
        if not args.no_cut:
            time.sleep(3 + args.seconds / 2)
            cut = _cut_connections(url, admin)
        for proc, _ in procs:
            proc.join(timeout=args.seconds + 120)
        for thread in manager_threads:
            thread.join()
        writers: list[dict[str, Any]] = []
        for proc, out in procs:
            if proc.exitcode != 0 or not Path(out).exists():
                print(f"a writer process failed (exit {proc.exitcode})", file=sys.stderr)
                return 1
            writers.extend(json.loads(Path(out).read_text()))

        acknowledged = {(sid, idx) for w in writers for sid, idx in w["acknowledged"]}
        acknowledged_count = sum(len(w["acknowledged"]) for w in writers)
        with SessionStore.open(url) as store:
            stored = store.db.read(
                lambda c: c.execute(
                    "SELECT s.session_id, t.idx FROM turns t JOIN sessions s ON s.id = t.session"
                ).fetchall()
            )
            sessions = store.count_sessions()
        found = [(r["session_id"], r["idx"]) for r in stored]
        found_set = set(found)
        latencies = [x for w in writers for x in w["latencies"]]
        reports = [x for m in managers for x in m["reports"]]
        lists = [x for m in managers for x in m["lists"]]
        writer_errors = [e for w in writers for e in w["errors"]]
        manager_errors = [e for m in managers for e in m["errors"]]
        result = {
            "writers": args.writers,
            "managers": args.managers,
            "seconds": args.seconds,
            "connections_cut": cut,
            "sessions_started": sum(w["sessions"] for w in writers),
            "sessions_found": sessions,
            "turns_acknowledged": acknowledged_count,
            "turns_found": len(found),
            "lost": len(acknowledged - found_set),
            "duplicates": (len(found) - len(found_set))
            + (acknowledged_count - len(acknowledged))
            + max(0, sessions - sum(w["sessions"] for w in writers)),
            "errors_shown": len(writer_errors) + len(manager_errors),
            "error_examples": sorted(set(writer_errors + manager_errors))[:3],
            "write_p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "write_p95_ms": round(1000 * (_p(latencies, 0.95) or 0), 1),
            "write_max_ms": round(1000 * max(latencies), 1) if latencies else None,
            "writes_per_s": round(len(latencies) / args.seconds, 1),
            "reports_run": len(reports),
            "report_p95_s": round(_p(reports, 0.95) or 0, 3),
            "history_p95_ms": round(1000 * (_p(lists, 0.95) or 0), 1),
        }
    finally:
        if cluster is not None:
            cluster.stop()
    failures = []
    if result["lost"] > args.max_lost:
        failures.append(f"{result['lost']} acknowledged turns lost")
    if result["duplicates"] > args.max_duplicates:
        failures.append(f"{result['duplicates']} duplicates")
    if args.max_p95_ms is not None and result["write_p95_ms"] > args.max_p95_ms:
        failures.append(f"p95 write {result['write_p95_ms']} ms > {args.max_p95_ms} ms")
    if args.max_errors is not None and result["errors_shown"] > args.max_errors:
        failures.append(f"{result['errors_shown']} errors shown > {args.max_errors}")
    result["passed"] = not failures
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")
        for failure in failures:
            print(f"FAIL: {failure}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="postgresql:// URL of an empty database (default: own)")
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--managers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--turns", type=int, default=20, help="turns per session")
    parser.add_argument("--think-ms", type=float, default=200, help="pause before each turn")
    parser.add_argument("--no-cut", action="store_true", help="do not cut the connections")
    parser.add_argument("--max-lost", type=int, default=0)
    parser.add_argument("--max-duplicates", type=int, default=0)
    parser.add_argument("--max-p95-ms", type=float)
    parser.add_argument("--max-errors", type=int)
    parser.add_argument("--json", action="store_true")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
