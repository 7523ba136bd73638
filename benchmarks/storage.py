"""`python -m benchmarks storage`: build a large synthetic database, time the review queries.

Times, on a fresh connection: the report for the busiest team over the last year (query and
aggregation, as `mi-trainer report --team T --since D` does before rendering), the report for
the whole service over that year, listing the busiest practitioner's sessions, and History's
first page (the newest 200 sessions, all of them and one practitioner's). Each is run several
times; the floors apply to the slowest run. ``--db`` may be a file or a ``postgresql://`` URL
of an empty database (or one this benchmark filled before).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from benchmarks import synthetic
from benchmarks.common import BenchError
from mi_trainer.scoring.team_report import render
from mi_trainer.storage import SessionStore, StorageError
from mi_trainer.storage.locations import parse_location

REPEAT = 5
HISTORY_PAGE = 200  # the History screen lists this many, newest first
T = TypeVar("T")
DESCRIPTION = """\
Builds a synthetic database where --db has none yet (realistic names, teams, dates and
turns), then times the team report, the whole-service report, a practitioner's session list
and History's first page; exits 1 above a --max floor.

examples:
  python -m benchmarks storage --sessions 100000 --max-report-s 1 --max-list-ms 100
  python -m benchmarks storage --db "$MI_TRAINER_PG_URL" --sessions 1000000 \\
      --turns-per-session 10 --max-service-report-s 2 --max-report-s 0.3 --max-history-ms 50
"""


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sessions", type=int, default=100_000, help="sessions to build")
    parser.add_argument(
        "--turns-per-session", type=int, default=50, help="turns per session (default 50)"
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file, or the postgresql:// URL of an empty database (default: a temp file)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--max-report-s", type=float, metavar="S", help="exit 1 above S")
    parser.add_argument("--max-list-ms", type=float, metavar="MS", help="exit 1 above MS")
    parser.add_argument(
        "--max-service-report-s", type=float, metavar="S", help="whole service: exit 1 above S"
    )
    parser.add_argument(
        "--max-history-ms", type=float, metavar="MS", help="History's newest 200: exit 1 above MS"
    )


def _size_mb(store: SessionStore, path: Path | str) -> float:
    if isinstance(path, Path):
        return round(path.stat().st_size / 1e6, 1)
    size = store.db.read(
        lambda c: c.execute("SELECT pg_database_size(current_database()) AS n").fetchone()["n"]
    )
    return round(int(size) / 1e6, 1)


def _timed(call: Callable[[], T], repeat: int = REPEAT) -> tuple[list[float], T]:
    """Seconds for each of ``repeat`` calls, and what the last call returned."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - t0)
    return times, result


def run(args: argparse.Namespace) -> int:
    sessions = int(args.sessions)
    turns = int(args.turns_per_session)
    if sessions < 1 or turns < 1:
        raise BenchError("--sessions and --turns-per-session must be at least 1.")
    tmpdir = None
    try:
        if args.db:
            where = parse_location(args.db)
            path: Path | str = where.path if where.backend == "sqlite" else where.value
        else:
            tmpdir = tempfile.mkdtemp(prefix="mi-trainer-bench-")
            path = Path(tmpdir) / "bench.db"
        return _bench(args, path, sessions, turns)
    except StorageError as err:
        hint = " Give another --db." if getattr(err, "choose_another", False) else ""
        raise BenchError(f"{err}{hint}") from None
    finally:
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


def _bench(args: argparse.Namespace, path: Path | str, sessions: int, turns: int) -> int:
    built = False
    build_s = None
    existing = 0
    shown = str(path)
    on_server = isinstance(path, str)
    if on_server or (isinstance(path, Path) and path.exists() and path.stat().st_size > 0):
        with SessionStore.open(path) as store:
            existing = store.count_sessions()
            shown = store.location
    if existing == 0:
        if not args.json:
            print(f"Building {sessions:,} sessions × {turns} turns in {shown} …", file=sys.stderr)
        t0 = time.perf_counter()

        def progress(done: int) -> None:
            if not args.json and (done % 20000 == 0 or done == sessions):
                elapsed = time.perf_counter() - t0
                print(f"  {done:,} sessions ({elapsed:.0f} s)", file=sys.stderr)

        if isinstance(path, str):
            synthetic.build_postgresql(path, sessions, turns, progress=progress)
        else:
            if path.exists():
                path.unlink()  # an empty mi-trainer database (checked above): rebuilt in place
            synthetic.build(path, sessions, turns, progress=progress)
        build_s = time.perf_counter() - t0
        built = True

    with SessionStore.open(path) as store:
        # Read-only facts about the data set, for choosing the query targets.
        n_sessions = store.count_sessions()
        n_turns = store.count_turns()
        team, person, latest = store.db.read(
            lambda c: (
                c.execute(
                    "SELECT team FROM sessions GROUP BY team ORDER BY count(*) DESC, team LIMIT 1"
                ).fetchone()["team"],
                c.execute(
                    "SELECT practitioner FROM sessions GROUP BY practitioner "
                    "ORDER BY count(*) DESC, practitioner LIMIT 1"
                ).fetchone()["practitioner"],
                c.execute("SELECT max(started_at) AS latest FROM sessions").fetchone()["latest"],
            )
        )
        size_mb = _size_mb(store, path)
    until = date.fromisoformat(latest[:10])
    since = until - timedelta(days=365)

    # Fresh connection for the timings, as a manager running `mi-trainer report` would have.
    with SessionStore.open(path) as store:
        report_times, report = _timed(lambda: store.report(team=team, since=since, until=until))
        service_times, service = _timed(lambda: store.report(since=since, until=until))
        render_times, _ = _timed(lambda: render(report, "html"), repeat=1)
        render_s = render_times[0]
        list_times, listed = _timed(lambda: store.list_sessions(practitioner=person))
        # History's first page: everyone's newest, then one person's.
        history_times = []
        for who in (None, person):
            times, _ = _timed(
                lambda who=who: store.list_sessions(practitioner=who, limit=HISTORY_PAGE)
            )
            history_times += times

    result = {
        "database": shown,
        "built": built,
        "build_s": None if build_s is None else round(build_s, 1),
        "sessions": n_sessions,
        "turns": n_turns,
        "backend": "postgresql" if on_server else "sqlite",
        "db_mb": size_mb,
        "report_team": team,
        "report_since": str(since),
        "report_until": str(until),
        "report_sessions": report.overall.sessions,
        "report_practitioners": len(report.practitioners),
        "report_s_max": round(max(report_times), 4),
        "report_s_median": round(statistics.median(report_times), 4),
        "report_s_first": round(report_times[0], 4),
        "report_html_render_s": round(render_s, 4),
        "service_report_s": round(max(service_times), 4),
        "service_report_s_median": round(statistics.median(service_times), 4),
        "service_report_sessions": service.overall.sessions,
        "list_practitioner": person,
        "list_rows": len(listed),
        "list_ms_max": round(1000 * max(list_times), 2),
        "list_ms_median": round(1000 * statistics.median(list_times), 2),
        "list_ms_first": round(1000 * list_times[0], 2),
        "history_ms_max": round(1000 * max(history_times), 2),
        "history_ms_median": round(1000 * statistics.median(history_times), 2),
    }
    failures = []
    if args.max_report_s is not None and result["report_s_max"] > args.max_report_s:
        failures.append(f"team report took {result['report_s_max']} s > {args.max_report_s} s")
    if args.max_list_ms is not None and result["list_ms_max"] > args.max_list_ms:
        failures.append(
            f"practitioner listing took {result['list_ms_max']} ms > {args.max_list_ms} ms"
        )
    if args.max_service_report_s is not None and (
        result["service_report_s"] > args.max_service_report_s
    ):
        failures.append(
            f"whole-service report took {result['service_report_s']} s > "
            f"{args.max_service_report_s} s"
        )
    if args.max_history_ms is not None and result["history_ms_max"] > args.max_history_ms:
        failures.append(
            f"History's newest {HISTORY_PAGE} took {result['history_ms_max']} ms > "
            f"{args.max_history_ms} ms"
        )
    result["passed"] = not failures

    if args.json:
        print(json.dumps(result))
    else:
        if built:
            print(f"Built {n_sessions:,} sessions / {n_turns:,} turns in {build_s:.1f} s")
        else:
            print(f"Used the existing {n_sessions:,} sessions / {n_turns:,} turns in {shown}")
        print(f"Database size: {result['db_mb']} MB")
        print(
            f"Team report ({team}, {since} to {until}, {report.overall.sessions:,} completed "
            f"sessions, {len(report.practitioners)} practitioners): "
            f"max {result['report_s_max']:.3f} s, median {result['report_s_median']:.3f} s "
            f"over {REPEAT} runs (HTML rendering {render_s:.3f} s more)"
        )
        print(
            f"Whole-service report over the same year ({service.overall.sessions:,} completed "
            f"sessions): max {result['service_report_s']:.3f} s, median "
            f"{result['service_report_s_median']:.3f} s"
        )
        print(
            f"Practitioner listing ({person}, {len(listed)} sessions): "
            f"max {result['list_ms_max']:.1f} ms, median {result['list_ms_median']:.1f} ms"
        )
        print(
            f"History's newest {HISTORY_PAGE} (everyone's, and {person}'s): "
            f"max {result['history_ms_max']:.1f} ms, median {result['history_ms_median']:.1f} ms"
        )
        for failure in failures:
            print(f"FAIL: {failure}")
    return 1 if failures else 0
