"""Benchmark `mi-trainer serve`: N concurrent browser sessions over the websocket.

Starts a real server (a fresh database with N practitioner accounts, the bundled scenarios)
and, for each account, does what a browser does: signs in at /login, opens /ws with the
cookie, sends its terminal size, waits for the start screen, presses Enter on the first
scenario; once every session's app is open, each types a line every INTERVAL seconds (the
sessions' lines spread over the interval, as people's are). Each line goes as keystrokes,
then, once the line is drawn (as a person sees what they typed), Enter; the time measured is
from sending Enter to receiving the frame in which the family member's answer is drawn (their
name after the line's bubble in the app's output: the bubble and the answer are mounted
together). Memory per session is the proportional set size
(PSS: shared libraries counted once) and the RSS of each app process, read from /proc; CPU
per session is the app processes' CPU time while typing over the wall time, per session.
Start-up (sign-in, 20 apps loading the language pipeline at once) is not timed: typing begins
when every app is open and warmed ("Ready."). Each session's first line is timed like the
others and also reported on its own (``p95_ms_by_line``).

    .venv/bin/python -m benchmarks.serve_sessions --sessions 20 --lines 6 --max-p95-ms 300

Exits 1 if the p95 is over --max-p95-ms or any session failed.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from benchmarks.engine import MI_LINES
from mi_trainer.accounts import AccountStore
from mi_trainer.paths import bundled_scenarios_dir
from mi_trainer.storage import SessionStore

PASSWORD = "benchmark password 1"
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_][^\x07\x1b]*(\x07|\x1b\\)|\x1b.")
WIDTH, HEIGHT = 120, 40


def member_names() -> list[str]:
    from mi_trainer.simulation.loading import load_playable

    names: set[str] = set()
    for path in sorted(bundled_scenarios_dir().glob("*.yaml")):
        with contextlib.suppress(Exception):
            names.update(m.name for m in load_playable(path).members)
    return sorted(names)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            todo.append(child)
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in KiB of one process, (0, 0) if it is gone."""
    pss = rss = 0
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    return pss, rss


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Session:
    def __init__(self, n: int, base: str, names: list[str]) -> None:
        self.n = n
        self.base = base
        self.names = names
        self.text = ""
        self.latencies: list[float] = []
        self.error: str | None = None
        self.changed = asyncio.Event()

    async def read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += ESCAPES.sub("", decoder.decode(message.data))
                self.changed.set()
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break

    async def wait_for(self, predicate, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"session {self.n}: not shown in {timeout:.0f} s")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)

    async def run(
        self, lines: int, interval: float, start_offset: float, ready: asyncio.Barrier
    ) -> None:
        # unsafe=True: keep cookies from an IP address (127.0.0.1), as a browser does.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            response = await http.post(
                f"{self.base}/login",
                data={"name": f"Practitioner {self.n:02d}", "password": PASSWORD},
                allow_redirects=False,
            )
            if response.status != 303:
                raise RuntimeError(f"session {self.n}: sign-in answered {response.status}")
            ws = await http.ws_connect(
                f"{self.base}/ws?width={WIDTH}&height={HEIGHT}", max_msg_size=0
            )
            reader = asyncio.create_task(self.read(ws))
            await ws.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
            await self.wait_for(lambda: "Enter starts a session" in self.text, 240)
            await self.wait_for(lambda: "Ready." in self.text, 240)
            await ws.send_str(json.dumps(["stdin", "\r"]))
            await self.wait_for(lambda: "Type what you say" in self.text, 60)
            # Steady state: everyone starts typing once every app is open (20 apps loading
            # spaCy at once is start-up, not the practice being measured).
            await asyncio.wait_for(ready.wait(), 600)
            await asyncio.sleep(start_offset)
            for turn in range(lines):
                began = time.monotonic()
                line = MI_LINES[(self.n + turn) % len(MI_LINES)]
                typed_from = len(self.text)
                await ws.send_str(json.dumps(["stdin", line]))

                # A person presses Enter once they see what they typed: wait until the line's
                # end is drawn (at most 5 s), so Enter does not queue behind the keystrokes.
                def echoed(start: int = typed_from, tail: str = line[-12:]) -> bool:
                    return tail in self.text[start:]

                with contextlib.suppress(TimeoutError):
                    await self.wait_for(echoed, 5)
                await asyncio.sleep(0.1)
                mark = len(self.text)
                sent = time.monotonic()
                await ws.send_str(json.dumps(["stdin", "\r"]))
                head = line[:24]

                def answered(mark: int = mark, head: str = head) -> bool:
                    after = self.text[mark:]
                    at = after.find(head)
                    return at >= 0 and any(name in after[at + len(head) :] for name in self.names)

                await self.wait_for(answered, 30)
                self.latencies.append(time.monotonic() - sent)
                await asyncio.sleep(max(0.0, interval - (time.monotonic() - began)))
            await ws.close()
            reader.cancel()


def cpu_percent(share: float | None) -> str:
    return "?" if share is None else f"{share * 100:.1f}%"


def percentile(ordered: list[float], q: float) -> float | None:
    return ordered[max(0, round(q * len(ordered)) - 1)] if ordered else None


async def drive(args: argparse.Namespace, base: str, server_pid: int) -> dict:
    names = member_names()
    sessions = [Session(n, base, names) for n in range(args.sessions)]
    offsets = [args.interval * n / args.sessions for n in range(args.sessions)]
    memory: list[tuple[int, int]] = []
    ready = asyncio.Barrier(args.sessions + 1)  # every session, and the CPU meter below
    cpu: dict[str, float] = {}  # the app processes' CPU time when typing began, and at the end

    def app_pids() -> list[int]:
        return [p for p in descendants(server_pid) if memory_kib(p)[1] > 50_000]

    async def meter_cpu() -> None:
        with contextlib.suppress(TimeoutError, asyncio.BrokenBarrierError):
            await asyncio.wait_for(ready.wait(), 600)
            cpu["typing"] = sum(cpu_seconds(p) for p in app_pids())
            cpu["typing_at"] = time.monotonic()

    async def sample_memory() -> None:
        while True:
            await asyncio.sleep(2)
            apps = app_pids()
            if len(apps) >= args.sessions:
                memory[:] = [memory_kib(p) for p in apps]
                if "typing" in cpu:
                    cpu["last"] = sum(cpu_seconds(p) for p in apps)
                    cpu["last_at"] = time.monotonic()

    sampler = asyncio.create_task(sample_memory())
    meter = asyncio.create_task(meter_cpu())
    started = time.monotonic()
    results = await asyncio.gather(
        *(
            s.run(args.lines, args.interval, o, ready)
            for s, o in zip(sessions, offsets, strict=True)
        ),
        return_exceptions=True,
    )
    sampler.cancel()
    meter.cancel()
    errors = [str(r) for r in results if isinstance(r, BaseException)]
    latencies = sorted(ms * 1000 for s in sessions for ms in s.latencies)
    p95 = percentile(latencies, 0.95)
    by_line = [
        percentile(sorted(s.latencies[i] * 1000 for s in sessions if len(s.latencies) > i), 0.95)
        for i in range(args.lines)
    ]
    pss = [m[0] / 1024 for m in memory]
    rss = [m[1] / 1024 for m in memory]
    return {
        "sessions": args.sessions,
        "lines_each": args.lines,
        "interval_s": args.interval,
        "replies": len(latencies),
        "errors": errors,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(p95, 1) if p95 is not None else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "p95_ms_by_line": [round(v, 1) if v is not None else None for v in by_line],
        "app_processes_measured": len(memory),
        "memory_per_session_pss_mib": round(statistics.mean(pss), 1) if pss else None,
        "memory_per_session_rss_mib": round(statistics.mean(rss), 1) if rss else None,
        "cpu_share_per_session": round(
            (cpu["last"] - cpu["typing"]) / (cpu["last_at"] - cpu["typing_at"]) / args.sessions, 3
        )
        if cpu.get("last_at", 0) > cpu.get("typing_at", 0)
        else None,
        "wall_s": round(time.monotonic() - started, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--lines", type=int, default=6, help="lines each session types")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between lines")
    parser.add_argument("--max-p95-ms", type=float, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mi-trainer-bench-serve-"))
    db = folder / "service.db"
    with SessionStore.open(db) as store:
        accounts = AccountStore(store)
        for n in range(args.sessions):
            accounts.add(f"Practitioner {n:02d}", "Bench Team", "practitioner", PASSWORD)
    port = free_port()
    env = dict(os.environ, MI_TRAINER_CONFIG_DIR=str(folder / "config"))
    log = (folder / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mi_trainer", "--db", str(db), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        for _ in range(300):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.1)
        result = asyncio.run(drive(args, f"http://127.0.0.1:{port}", server.pid))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"serve: {result['sessions']} concurrent browser sessions over the websocket, "
            f"a line every {result['interval_s']:g} s ({result['replies']} replies): "
            f"Enter to reply on screen p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
            f"max {result['max_ms']} ms (p95 of each session's first line "
            f"{result['p95_ms_by_line'][0] if result['p95_ms_by_line'] else None} ms); "
            f"memory per session {result['memory_per_session_pss_mib']}"
            f" MiB PSS ({result['memory_per_session_rss_mib']} MiB RSS, "
            f"{result['app_processes_measured']} app processes); CPU per session while typing "
            f"{cpu_percent(result['cpu_share_per_session'])} of a core"
        )
    for error in result["errors"]:
        print(f"serve: session failed: {error}", file=sys.stderr)
    failed = bool(result["errors"]) or result["p95_ms"] is None
    if args.max_p95_ms is not None and (failed or result["p95_ms"] > args.max_p95_ms):
        print(
            f"serve: p95 {result['p95_ms']} ms is over the floor {args.max_p95_ms} ms",
            file=sys.stderr,
        )
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
