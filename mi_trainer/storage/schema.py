"""The database schema as an ordered list of migrations (``PRAGMA user_version`` = applied count).

Never edit a released migration: add a new one at the end. Each migration is a list of single
SQL statements run inside one transaction together with the ``user_version`` bump, so a crash
mid-migration leaves the previous version intact.
"""

from __future__ import annotations

# "MITR" as a big-endian 32-bit number: marks a file as an mi-trainer database
# (PRAGMA application_id), so a foreign SQLite file is recognised and left alone.
APPLICATION_ID = 0x4D495452

# The flat score figures stored as real columns (keys of SessionScore.figures()).
FIGURE_KEYS: tuple[str, ...] = (
    "overall",
    "r_to_q",
    "pct_complex",
    "pct_open",
    "adherent",
    "non_adherent",
    "questions",
    "reflections",
    "change_talk",
    "sustain_talk",
    "discord",
    "pct_change_talk",
    "cct",
    "sst",
    "partnership",
    "empathy",
    "technical",
    "relational",
)

_FIGURE_COLUMNS = ",\n    ".join(f"{k} REAL" for k in FIGURE_KEYS)

# Version 1: the first released layout (sessions with their header, status and figures; turns).
V1 = [
    f"""CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'in_progress',
    scenario_id TEXT,
    scenario_hash TEXT,
    coder_version TEXT,
    seed INTEGER,
    practitioner TEXT,
    team TEXT,
    mode TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    end_reason TEXT,
    updated_at TEXT,
    turn_count INTEGER NOT NULL DEFAULT 0,
    {_FIGURE_COLUMNS},
    score_json TEXT
)""",
    """CREATE TABLE turns (
    session INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    code TEXT,
    talk_type TEXT,
    data TEXT,
    PRIMARY KEY (session, idx)
) WITHOUT ROWID""",
    "CREATE INDEX sessions_started ON sessions(started_at)",
]

# Version 2: scenario title and member names (so a reloaded transcript shows names), who is
# writing an in-progress session (so a live session in another window is not offered for
# resuming), the full score JSON moved to its own table (so session rows stay small and the
# review queries read only figures), and the indexes the review queries need at scale.
V2 = [
    """CREATE TABLE scores (
    session INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    json TEXT NOT NULL
)""",
    "INSERT INTO scores (session, json) SELECT id, score_json FROM sessions "
    "WHERE score_json IS NOT NULL",
    "ALTER TABLE sessions DROP COLUMN score_json",
    "ALTER TABLE sessions ADD COLUMN scenario_title TEXT",
    "ALTER TABLE sessions ADD COLUMN members_json TEXT",
    "ALTER TABLE sessions ADD COLUMN owner_pid INTEGER",
    "ALTER TABLE sessions ADD COLUMN owner_host TEXT",
    "CREATE INDEX sessions_practitioner ON sessions(practitioner, started_at)",
    "CREATE INDEX sessions_team ON sessions(team, started_at)",
    "CREATE INDEX sessions_scenario ON sessions(scenario_id, started_at)",
    "CREATE INDEX sessions_status ON sessions(status) WHERE status = 'in_progress'",
]

# Version 3: how many lines the practitioner said (the coded practitioner turns the score
# counts, as "3 turns" on the summary), kept with the session like ``turn_count`` so a listing
# can show it without reading the turns. Existing sessions are counted from their turns.
V3 = [
    "ALTER TABLE sessions ADD COLUMN practitioner_turns INTEGER NOT NULL DEFAULT 0",
    "UPDATE sessions SET practitioner_turns = (SELECT count(*) FROM turns "
    "WHERE turns.session = sessions.id AND speaker = 'practitioner' AND code IS NOT NULL) "
    "WHERE turn_count > 0",
]

MIGRATIONS: list[list[str]] = [V1, V2, V3]
SCHEMA_VERSION = len(MIGRATIONS)
