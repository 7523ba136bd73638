"""Scored session -> database: kept safely and queried for review.

    from mi_trainer.storage import SessionStore, StorageError, default_db_path
    store = SessionStore.open()            # $MI_TRAINER_DB, else the user data folder
    sid = store.start_session(transcript)  # header + turns so far; sets transcript.session_id
    store.append_turn(sid, turn)           # committed at once
    store.finish_session(sid, transcript, score)  # the caller's score: storage never scores

Modules: ``store`` (the one store), ``interface`` (``ReviewStore``, the review side the
shells are typed against; ``accounts.ScopedStore`` satisfies it too), ``database`` (the
backend protocol), ``sqlite_db`` (the SQLite backend), ``schema`` (migrations), ``writes``,
``queries``, ``transfer``, ``report`` (the supervision report's data), ``records`` (what comes
back), ``errors``, ``liveness``. See docs/storage.md.
"""

from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.interface import ReviewStore
from mi_trainer.storage.records import (
    EXPORT_FORMAT,
    STATUS_COMPLETE,
    STATUS_IN_PROGRESS,
    STATUS_INCOMPLETE,
    FilterChoices,
    ImportResult,
    PurgeResult,
    SessionSummary,
    parse_day,
)
from mi_trainer.storage.store import SessionStore, default_db_path
from mi_trainer.storage.writes import StoredScore

__all__ = [
    "EXPORT_FORMAT",
    "STATUS_COMPLETE",
    "STATUS_INCOMPLETE",
    "STATUS_IN_PROGRESS",
    "FilterChoices",
    "ImportResult",
    "PurgeResult",
    "ReviewStore",
    "SessionStore",
    "SessionSummary",
    "StorageError",
    "StoredScore",
    "default_db_path",
    "parse_day",
]
