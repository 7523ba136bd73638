"""Scored session -> SQLite: kept safely and queried for review.

    from mi_trainer.storage import SessionStore, StorageError, default_db_path
    store = SessionStore.open()            # $MI_TRAINER_DB, else the user data folder
    sid = store.start_session(transcript)  # header + turns so far; sets transcript.session_id
    store.append_turn(sid, turn)           # committed at once
    store.finish_session(sid, transcript, score)

See docs/storage.md.
"""

from mi_trainer.storage.store import (
    STATUS_COMPLETE,
    STATUS_IN_PROGRESS,
    STATUS_INCOMPLETE,
    FilterChoices,
    ImportResult,
    PurgeResult,
    SessionStore,
    SessionSummary,
    StorageError,
    default_db_path,
    parse_day,
)

__all__ = [
    "STATUS_COMPLETE",
    "STATUS_INCOMPLETE",
    "STATUS_IN_PROGRESS",
    "FilterChoices",
    "ImportResult",
    "PurgeResult",
    "SessionStore",
    "SessionSummary",
    "StorageError",
    "default_db_path",
    "parse_day",
]
