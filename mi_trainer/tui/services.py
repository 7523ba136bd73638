"""What the screens need from the domain besides a practice session (that is
:class:`mi_trainer.practice.PracticeSession`): scenarios, the coder, review queries, export.

Heavy modules (spaCy via the coder, scoring, storage) are imported lazily so the first screen
appears quickly. Every user-facing failure is turned into :class:`ServiceError` with a
readable message, which screens show as a notification.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mi_trainer.practice import Clock, UtteranceCoder, utc_clock, warm_up

if TYPE_CHECKING:
    from mi_trainer.accounts import AccountStore, Identity
    from mi_trainer.practice import PracticeStore
    from mi_trainer.scenarios import Diagnostic, Scenario
    from mi_trainer.scenarios.library import ScenarioScan
    from mi_trainer.scoring import SessionScore
    from mi_trainer.storage import FilterChoices, ReviewStore, SessionStore, SessionSummary
    from mi_trainer.storage.interface import Trend
    from mi_trainer.transcript import Transcript

    # Only for the type checker: storage is imported when the store is first opened.
    class AppStore(ReviewStore, PracticeStore, Protocol):
        """The store the app is given: sessions practised and reviewed. A ``SessionStore`` on
        the local user's own database; the signed-in person's ``accounts.ScopedStore``
        otherwise (the same protocols, every query narrowed to what they may see)."""


__all__ = ["ServiceError", "Services", "storage_message", "utc_clock"]


class ServiceError(Exception):
    """A problem the user can act on; ``str(err)`` is the message to show."""


@dataclass
class Services:
    """Injected dependencies: where scenarios and sessions live, how to code, what time it is."""

    scenarios_dir: str | Path | None = None
    db: str | Path | None = None
    coder_factory: Callable[[], UtteranceCoder] | None = None
    clock: Clock = utc_clock
    seed: int | None = None
    identity: Identity | None = None  # someone signed in: the store is their ScopedStore
    _store: AppStore | None = field(default=None, repr=False)
    _coder: UtteranceCoder | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ scenarios
    def scenarios_root(self) -> Path:
        from mi_trainer.paths import bundled_scenarios_dir

        return Path(self.scenarios_dir) if self.scenarios_dir else bundled_scenarios_dir()

    def scan_scenarios(self) -> ScenarioScan:
        """The folder's playable scenarios and the files left out with why (a ScenarioScan).

        Slow for a big folder: call it from a worker thread.
        """
        from mi_trainer.scenarios.library import scan_scenarios
        from mi_trainer.simulation.rules import engine_defaults

        root = self.scenarios_root()
        if not root.is_dir():
            raise ServiceError(f"Scenario folder not found: {root}")
        try:
            return scan_scenarios(root, engine_defaults())
        except OSError as err:  # the folder itself cannot be listed
            raise ServiceError(f"Could not read the scenarios in {root}: {err}") from err

    def list_scenarios(self) -> list[Scenario]:
        return list(self.scan_scenarios().scenarios)

    def load_scenario(self, path: str | Path) -> Scenario:
        from mi_trainer.scenarios import ScenarioError
        from mi_trainer.simulation.loading import load_playable

        self.require_in_scenarios(path)
        try:
            return load_playable(Path(path))
        except ScenarioError as err:
            raise ServiceError(err.message) from err
        except OSError as err:
            raise ServiceError(f"Cannot open {path}: {err.strerror or err}") from err

    def scenario_titles(self) -> dict[str, str]:
        """Scenario id -> title for the scenarios in the folder ({} if it cannot be read)."""
        try:
            return {scenario.id: scenario.title for scenario in self.list_scenarios()}
        except ServiceError:
            return {}

    def scenario_by_id(self, scenario_id: str) -> Scenario | None:
        for scenario in self.list_scenarios():
            if scenario.id == scenario_id:
                return scenario
        return None

    def validate(self, path: str | Path) -> list[Diagnostic]:
        """Every diagnostic (errors and warnings) for one scenario file."""
        from mi_trainer.scenarios import validate_paths
        from mi_trainer.simulation.rules import engine_defaults

        p = Path(path).expanduser()
        self.require_in_scenarios(p)
        if not p.exists():
            raise ServiceError(f"No file at {p}. Type the path of a scenario .yaml file.")
        if p.is_dir():
            raise ServiceError(f"{p} is a folder. Type the path of a scenario .yaml file.")
        if not p.is_file():  # a pipe or a device would block the screen while it is read
            raise ServiceError(f"{p} is not a file. Type the path of a scenario .yaml file.")
        try:
            return list(validate_paths([p], engine_defaults()))
        except OSError as err:
            raise ServiceError(f"Cannot read {p}: {err.strerror or err}") from err

    # ------------------------------------------------------------------ coder
    def make_coder(self) -> UtteranceCoder:
        """Build the coder (slow: loads spaCy). Call from a worker thread."""
        if self._coder is not None:
            return self._coder
        if self.coder_factory is not None:
            coder = self.coder_factory()
        else:
            from mi_trainer.coding.coder import Coder

            coder = Coder()
        warm_up(coder, self._scenario_to_warm_on())
        from mi_trainer.tui.heap import settle

        settle()  # the pipeline's objects live as long as the app: out of the collector's way
        self._coder = coder
        return coder

    def _scenario_to_warm_on(self) -> Scenario | None:
        """A scenario of the folder for the warm-up's practice session (None: none to read)."""
        try:
            found = self.list_scenarios()
        except ServiceError:
            return None
        return min(found, key=lambda s: len(s.members), default=None)

    def score(self, transcript: Transcript) -> SessionScore:
        """The score of a kept session, for review."""
        from mi_trainer.scoring import score_transcript

        return score_transcript(transcript)

    # ------------------------------------------------------------------ storage
    @property
    def store(self) -> AppStore:
        """The sessions database, opened on first use (ServiceError when it cannot be)."""
        if self._store is None:
            from mi_trainer.storage import SessionStore, StorageError

            try:
                store = SessionStore.open(self.db)
            except StorageError as err:
                raise ServiceError(storage_message(err)) from err
            self._store = self.scoped(store) if self.identity is not None else store
        return self._store

    def scoped(self, store: SessionStore) -> AppStore:
        """The store as the signed-in person may use it (role checks on every query)."""
        from mi_trainer.accounts import AccountStore, ScopedStore

        assert self.identity is not None
        self.accounts = AccountStore(store)
        name = self.identity.name
        return ScopedStore(
            store,
            self.identity,
            audit=lambda action, detail: self.accounts.audit(name, action, detail),
        )

    def account_store(self) -> AccountStore:
        """Accounts and the audit log (admins only: the screens ask only for an admin)."""
        if self.identity is None or not self.identity.manages_accounts:
            raise ServiceError("Only an admin manages accounts.")
        self.store  # noqa: B018 - opening the store makes the account store
        return self.accounts

    def require_in_scenarios(self, path: str | Path) -> None:
        """Signed in, scenario files are read only from the scenarios folder (not the server's
        whole disk)."""
        if self.identity is None:
            return
        root = self.scenarios_root().resolve()
        target = Path(path).expanduser().resolve()
        if target != root and root not in target.parents:
            raise ServiceError(f"Only scenario files in {root} can be checked here.")

    @contextlib.contextmanager
    def _reading(self) -> Iterator[AppStore]:
        """The store, with its errors turned into ServiceError for the screens."""
        from mi_trainer.storage import StorageError

        try:
            yield self.store
        except StorageError as err:
            raise ServiceError(storage_message(err)) from err
        except ValueError as err:
            raise ServiceError(str(err)) from err

    def load(self, session_id: str) -> Transcript:
        with self._reading() as store:
            return store.load(session_id)

    def filter_choices(self) -> FilterChoices:
        with self._reading() as store:
            return store.filter_choices()

    def list_sessions(
        self,
        *,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        session: str | None = None,
    ) -> list[SessionSummary]:
        """Sessions matching the filters, newest first (``session``: the start of an id)."""
        with self._reading() as store:
            return store.list_sessions(
                practitioner, team, scenario, since, until, limit=limit, session=session
            )

    def practitioner_trend(self, name: str) -> Trend:
        with self._reading() as store:
            return store.practitioner_trend(name)

    def close(self) -> None:
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()
            self._store = None

    # ------------------------------------------------------------------ export
    def render(self, fmt: str, transcript: Transcript, score: SessionScore) -> str:
        from mi_trainer.scoring.reports import render_html, render_markdown

        if fmt == "md":
            return render_markdown(transcript, score)
        if fmt == "html":
            return render_html(transcript, score)
        data = {"transcript": transcript.to_dict(), "score": score.to_dict()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def audit_export(self, transcript: Transcript, fmt: str) -> None:
        if self.identity is not None:
            self.store  # noqa: B018 - opens the accounts too, for the audit entry
            self.accounts.audit(
                self.identity.name, "export", {"session": transcript.session_id, "format": fmt}
            )

    def download(self, app: Any, fmt: str, transcript: Transcript, score: SessionScore) -> None:
        """Served in a browser: hand the export to the browser as a download."""
        import io

        self.audit_export(transcript, fmt)
        text = self.render(fmt, transcript, score)
        app.deliver_text(io.StringIO(text), save_filename=default_export_name(transcript, fmt))

    def export(
        self, fmt: str, path: str | Path, transcript: Transcript, score: SessionScore
    ) -> Path:
        """Write the report to ``path`` (see :func:`export_target`); replaces a file there."""
        self.audit_export(transcript, fmt)
        target = export_target(fmt, path, transcript)
        text = self.render(fmt, transcript, score)
        from mi_trainer.safe_files import write_error_message, write_text

        try:
            write_text(target, text)  # owner-only, atomic, never through a planted link
        except OSError as err:
            raise ServiceError(write_error_message(target, err, "Could not write")) from err
        return target


def storage_message(err: Exception) -> str:
    """A StorageError as the app shows it, with how to choose another database when that is
    the fix (the app is started with --db or MI_TRAINER_DB)."""
    hint = " Start mi-trainer with --db PATH (or set MI_TRAINER_DB) to choose another."
    return f"Sessions database: {err}" + (hint if getattr(err, "choose_another", False) else "")


def default_export_name(transcript: Transcript, fmt: str) -> str:
    """``mi-<scenario>-<date>-<time>-<session>.<fmt>``: two sessions never get one name."""
    started = transcript.started_at or ""
    parts = [f"mi-{transcript.scenario_id or 'session'}"]
    if len(started) >= 16:  # ISO: 2026-12-01T14:05…
        parts += [started[:10], started[11:13] + started[14:16]]
    if transcript.session_id:
        parts.append(transcript.session_id[:8])
    elif not started:
        parts.append("session")
    return "-".join(parts) + f".{fmt}"


def export_target(fmt: str, path: str | Path, transcript: Transcript) -> Path:
    """Where an export goes: into a folder under its own name, else the file typed, with
    the format's extension (added when none was typed, changed when another was)."""
    target = Path(path).expanduser()
    if target.is_dir():
        return target / default_export_name(transcript, fmt)
    return target.with_suffix(f".{fmt}")


def default_export_dir() -> Path:
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home
