"""A large synthetic session database for the storage benchmark (benchmarks/storage.py) and
its tests; not part of the installed mi-trainer.

Realistic shape, not realistic content: British names, Family Safeguarding / Connected Practice
teams, the bundled scenario ids, sessions spread over ~14 months with practitioners who slowly
improve, plausible MITI figures, and turns with plausible codes and talk types (texts are our own
stock lines, reused). Built fast: one transaction per batch, ``executemany`` for sessions,
turns copied inside SQLite from a template table, journal off and synchronous off during the
build, into ``PATH.building`` which replaces PATH only when complete (a crash never leaves a
half-built database at PATH). On PostgreSQL (:func:`build_postgresql`) the same rows go in by
``COPY`` and the turns are copied inside the server from the same template.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mi_trainer.storage.schema import FIGURE_KEYS, totals_backfill
from mi_trainer.storage.store import SessionStore

FIRST_NAMES = [
    "Aisha",
    "Amelia",
    "Amir",
    "Bethan",
    "Callum",
    "Chloe",
    "Daniel",
    "Declan",
    "Eilidh",
    "Emily",
    "Fatima",
    "Finley",
    "Georgia",
    "Grace",
    "Hannah",
    "Harry",
    "Imran",
    "Isla",
    "Jack",
    "Jasmine",
    "Jessica",
    "Kieran",
    "Laura",
    "Leah",
    "Liam",
    "Lucy",
    "Mohammed",
    "Megan",
    "Nadia",
    "Niamh",
    "Oliver",
    "Owen",
    "Priya",
    "Rachel",
    "Rhys",
    "Ryan",
    "Saira",
    "Sam",
    "Sophie",
    "Tariq",
    "Thomas",
    "Zara",
    "Abigail",
    "Ben",
    "Caitlin",
    "Dylan",
    "Ellie",
    "Fraser",
    "Gemma",
    "Hollie",
]
SURNAMES = [
    "Ahmed",
    "Atkinson",
    "Bailey",
    "Begum",
    "Bennett",
    "Brown",
    "Campbell",
    "Chapman",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Fletcher",
    "Green",
    "Hall",
    "Hughes",
    "Hussain",
    "Jackson",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Malik",
    "Mitchell",
    "Morgan",
    "Murphy",
    "O'Brien",
    "Owen",
    "Patel",
    "Price",
    "Roberts",
    "Robinson",
    "Shah",
    "Smith",
    "Taylor",
    "Thomas",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
]
TEAMS = (
    "Family Safeguarding North",
    "Family Safeguarding South",
    "Family Safeguarding East",
    "Family Safeguarding West",
    "Family Safeguarding Central",
    "Connected Practice Hastings",
    "Connected Practice Eastbourne",
    "Connected Practice Lewes",
    "Children in Need Crawley",
    "Assessment Team Horsham",
    "Edge of Care Worthing",
    "Kinship Care Chichester",
)
FALLBACK_SCENARIOS = (
    "mum-drinking-school-concerns",
    "dad-minimising-before-icpc",
    "teen-cannabis-missing",
    "nan-kinship-care",
    "couple-new-baby-low-mood",
    "dad-neglect-plo-hopeless",
    "manager-recording-behind",
)

PRACTITIONER_LINES = (
    ("question_open", "What would a good week look like for you and the children?"),
    ("question_open", "How have things been since the conference?"),
    ("question_closed", "Did the school ring you again this week?"),
    ("question_closed", "Is Tyler still going to his dad's at weekends?"),
    ("reflection_simple", "You've had the school on the phone twice this week."),
    ("reflection_complex", "Part of you is angry with us, and part of you is scared."),
    ("reflection_complex", "Keeping the family together matters more than anything to you."),
    ("affirm", "You got both children to school every day, even after a hard night."),
    ("seeking_collaboration", "Would it be all right if we looked at the plan together?"),
    ("emphasizing_autonomy", "You know your family best; it's your call where we start."),
    ("giving_information", "The core group meets on Thursday at ten; you can bring someone."),
    ("persuade", "You need to cut down before the review."),
    ("confront", "You're not taking this seriously."),
    ("other", "Hello, I'm from children's services."),
)
CLIENT_LINES = (
    ("change", "I do want them to be proud of me."),
    ("change", "I could ring the GP tomorrow, I suppose."),
    ("change", "I can't keep going like this."),
    ("sustain", "It's only a couple of glasses, it helps me sleep."),
    ("sustain", "The school are making a fuss about nothing."),
    ("neutral", "He's at his nan's on Tuesdays."),
    ("neutral", "I don't know, really."),
    ("discord", "You lot just want to take my kids."),
)
VARIANTS = 64


def scenario_ids() -> list[str]:
    try:
        from mi_trainer.paths import bundled_scenarios_dir

        ids = sorted(p.stem for p in bundled_scenarios_dir().glob("*.yaml"))
    except Exception:  # the bench must not depend on the scenario folder being present
        ids = []
    return ids or list(FALLBACK_SCENARIOS)


def practitioners(rng: random.Random, count: int) -> list[tuple[str, str, float, float, float]]:
    """(name, team, skill 0..1, monthly improvement, activity weight), names unique."""
    names: set[str] = set()
    people = []
    while len(people) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name in names:
            continue
        names.add(name)
        people.append(
            (
                name,
                rng.choice(TEAMS),
                rng.betavariate(2.5, 2.5),
                rng.uniform(-0.005, 0.03),
                rng.lognormvariate(0, 0.6),
            )
        )
    return people


def _figures(rng: random.Random, skill: float) -> dict[str, float | None]:
    s = min(max(skill + rng.gauss(0, 0.12), 0.0), 1.0)
    questions = max(1, round(rng.gauss(12 - 4 * s, 3)))
    reflections = max(0, round(questions * (0.4 + 2.0 * s) * rng.uniform(0.7, 1.3)))
    complex_ = round(reflections * min(max(0.2 + 0.5 * s + rng.gauss(0, 0.1), 0), 1))
    open_q = round(questions * min(max(0.3 + 0.5 * s + rng.gauss(0, 0.1), 0), 1))
    change = max(0, round(rng.gauss(2 + 8 * s, 2)))
    sustain = max(0, round(rng.gauss(8 - 5 * s, 2)))
    cct = round(min(max(1 + 3.5 * s + rng.gauss(0, 0.4), 1), 5), 1)
    sst = round(min(max(1.5 + 3 * s + rng.gauss(0, 0.4), 1), 5), 1)
    partnership = round(min(max(1.5 + 3 * s + rng.gauss(0, 0.4), 1), 5), 1)
    empathy = round(min(max(2 + 2.8 * s + rng.gauss(0, 0.4), 1), 5), 1)
    return {
        "overall": round(min(max(20 + 70 * s + rng.gauss(0, 6), 0), 100), 1),
        "r_to_q": round(reflections / questions, 2),
        "pct_complex": round(100 * complex_ / reflections, 1) if reflections else None,
        "pct_open": round(100 * open_q / questions, 1),
        "adherent": float(max(0, round(rng.gauss(1 + 4 * s, 1.2)))),
        "non_adherent": float(max(0, round(rng.gauss(3 - 3 * s, 1.2)))),
        "questions": float(questions),
        "reflections": float(reflections),
        "change_talk": float(change),
        "sustain_talk": float(sustain),
        "discord": float(max(0, round(rng.gauss(2 - 2 * s, 1)))),
        "pct_change_talk": round(100 * change / (change + sustain), 1)
        if change + sustain
        else None,
        "cct": cct,
        "sst": sst,
        "partnership": partnership,
        "empathy": empathy,
        "technical": round((cct + sst) / 2, 2),
        "relational": round((partnership + empathy) / 2, 2),
        "clarity": round(min(max(1.5 + 3 * s + rng.gauss(0, 0.5), 1), 5), 1),
        "purposefulness": round(min(max(1.5 + 3 * s + rng.gauss(0, 0.5), 1), 5), 1),
        "child_focus": round(min(max(1.2 + 3.3 * s + rng.gauss(0, 0.6), 1), 5), 1),
        "missed_disclosures": float(rng.random() < 0.04 * (1.2 - s)),
        "risk_questions": float(max(0, round(rng.gauss(0.5 + 1.5 * s, 0.8)))),
    }


def _template(rng: random.Random, turns: int) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for variant in range(VARIANTS):
        for idx in range(turns):
            if idx % 2 == 0:
                code, text = rng.choice(PRACTITIONER_LINES)
                rows.append((variant, idx, "practitioner", text, code, None))
            else:
                talk, text = rng.choice(CLIENT_LINES)
                rows.append((variant, idx, "kerry", text, None, talk))
    return rows


SESSION_COLUMNS = (
    "id, session_id, status, scenario_id, scenario_title, scenario_hash, coder_version, "
    "seed, practitioner, team, mode, started_at, ended_at, end_reason, updated_at, "
    "turn_count, practitioner_turns, " + ", ".join(FIGURE_KEYS)
)
_TURNS_FROM_TEMPLATE = f"""INSERT INTO turns (session, idx, speaker, text, code, talk_type)
    SELECT s.id, t.idx, t.speaker, t.text, t.code, t.talk_type
    FROM sessions s JOIN template t ON t.variant = s.id % {VARIANTS}
    WHERE s.id BETWEEN ? AND ? ORDER BY s.id, t.idx"""


def _session_batches(
    rng: random.Random, sessions: int, turns_per_session: int, end: datetime | None, batch: int
) -> Iterator[tuple[int, list[tuple[object, ...]]]]:
    """(sessions done before, rows of :data:`SESSION_COLUMNS`) a batch at a time, ids from 1."""
    end = end or datetime.now(UTC).replace(microsecond=0)
    span_s = int(timedelta(days=426).total_seconds())
    scenarios = scenario_ids()
    people = practitioners(rng, max(1, min(320, sessions // 20 or 1)))
    weights = [p[4] for p in people]
    said = (turns_per_session + 1) // 2  # the even turns: coded practitioner lines
    hashes = {s: f"{rng.getrandbits(256):064x}" for s in scenarios}
    no_figures = tuple(None for _ in FIGURE_KEYS)
    done = 0
    while done < sessions:
        count = min(batch, sessions - done)
        rows = []
        for i in range(count):
            rowid = done + i + 1
            name, team, skill, slope, _ = rng.choices(people, weights)[0]
            offset = rng.randrange(span_s)
            started = end - timedelta(seconds=span_s - offset)
            started = started.replace(hour=rng.randint(8, 17))
            months_in = offset / span_s * 14
            roll = rng.random()
            status = "complete" if roll < 0.96 else "incomplete" if roll < 0.995 else None
            status = status or "in_progress"
            figures = _figures(rng, min(skill + slope * months_in, 1.0))
            ended = started + timedelta(minutes=rng.randint(8, 40))
            scenario = rng.choice(scenarios)
            ended_text = ended.strftime("%Y-%m-%dT%H:%M:%S+00:00")
            rows.append(
                (
                    rowid,
                    f"{rng.getrandbits(128):032x}",
                    status,
                    scenario,
                    None,
                    hashes[scenario],
                    "bench",
                    rng.randrange(1 << 31),
                    name,
                    team,
                    rng.choice(("coach", "coach", "assessment")),
                    started.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                    None if status == "in_progress" else ended_text,
                    {"complete": "practitioner_ended", "incomplete": "incomplete"}.get(status),
                    ended_text,
                    turns_per_session,
                    said,
                    *(
                        tuple(figures[k] for k in FIGURE_KEYS)
                        if status != "in_progress"
                        else no_figures
                    ),
                )
            )
        yield done, rows
        done += count


def build(
    path: Path,
    sessions: int,
    turns_per_session: int,
    *,
    seed: int = 2026,
    end: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 5000,
) -> None:
    """Build a synthetic SQLite database at ``path`` (which must not exist yet)."""
    rng = random.Random(seed)
    building = Path(str(path) + ".building")
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(str(building) + suffix)
    SessionStore.open(building).close()  # schema via the real migrations, file 0600

    conn = sqlite3.connect(str(building), isolation_level=None)
    try:
        for pragma in (
            "journal_mode = OFF",
            "synchronous = OFF",
            "locking_mode = EXCLUSIVE",
            "cache_size = -262144",
            "temp_store = MEMORY",
        ):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute(
            "CREATE TEMP TABLE template (variant INTEGER, idx INTEGER, speaker TEXT, text TEXT,"
            " code TEXT, talk_type TEXT, PRIMARY KEY (variant, idx))"
        )
        conn.executemany(
            "INSERT INTO template VALUES (?, ?, ?, ?, ?, ?)", _template(rng, turns_per_session)
        )
        marks = ", ".join("?" * (17 + len(FIGURE_KEYS)))
        for done, rows in _session_batches(rng, sessions, turns_per_session, end, batch):
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({marks})", rows)
            conn.execute(_TURNS_FROM_TEMPLATE, (done + 1, done + len(rows)))
            conn.execute("COMMIT")
            if progress:
                progress(done + len(rows))
        conn.execute("DROP TABLE template")
        conn.execute("PRAGMA locking_mode = NORMAL")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    os.replace(building, path)
    os.chmod(path, 0o600)


def build_postgresql(
    url: str,
    sessions: int,
    turns_per_session: int,
    *,
    seed: int = 2026,
    end: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 50_000,
) -> None:
    """Fill an empty PostgreSQL session database at ``url`` with the same synthetic data:
    sessions by ``COPY``, turns copied inside the server from a template table."""
    import psycopg

    rng = random.Random(seed)
    with SessionStore.open(url) as store:  # schema via the real migrations
        if store.count_sessions():
            raise ValueError(f"{store.location} already has sessions; give an empty database")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute(
            "CREATE TEMP TABLE template (variant INTEGER, idx INTEGER, speaker TEXT, text TEXT,"
            " code TEXT, talk_type TEXT, PRIMARY KEY (variant, idx))"
        )
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO template VALUES (%s, %s, %s, %s, %s, %s)",
                _template(rng, turns_per_session),
            )
        turns_sql = _TURNS_FROM_TEMPLATE.replace("%", "%%").replace("?", "%s")
        # The per-day totals are summed once at the end rather than row by row.
        conn.execute("ALTER TABLE sessions DISABLE TRIGGER sessions_totals")
        for done, rows in _session_batches(rng, sessions, turns_per_session, end, batch):
            with conn.transaction():
                with conn.cursor().copy(f"COPY sessions ({SESSION_COLUMNS}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                conn.execute(turns_sql, (done + 1, done + len(rows)))
            if progress:
                progress(done + len(rows))
        conn.execute("ALTER TABLE sessions ENABLE TRIGGER sessions_totals")
        for statement in totals_backfill():
            conn.execute(statement)
        # The ids were given explicitly: new sessions must be numbered after them.
        conn.execute(
            "SELECT setval(pg_get_serial_sequence('sessions', 'id'), max(id)) FROM sessions"
        )
        conn.execute("VACUUM (ANALYZE) sessions, turns, session_days, session_months")
