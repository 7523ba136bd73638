"""The one place the app touches the domain layers.

Screens call these helpers; heavy modules (spaCy via the coder, scoring, storage) are
imported lazily so the first screen appears quickly. Every user-facing failure is turned
into :class:`ServiceError` with a readable message, which screens show as a notification.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Clock = Callable[[], str | None]


class ServiceError(Exception):
    """A problem the user can act on; ``str(err)`` is the message to show."""


def utc_clock() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Services:
    """Injected dependencies: where scenarios and sessions live, how to code, what time it is."""

    scenarios_dir: str | Path | None = None
    db: str | Path | None = None
    coder_factory: Callable[[], Any] | None = None
    clock: Clock = utc_clock
    seed: int | None = None
    _store: Any = field(default=None, repr=False)
    _coder: Any = field(default=None, repr=False)

    # ------------------------------------------------------------------ scenarios
    def scenarios_root(self) -> Path:
        from mi_trainer.paths import bundled_scenarios_dir

        return Path(self.scenarios_dir) if self.scenarios_dir else bundled_scenarios_dir()

    def scan_scenarios(self) -> Any:
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

    def list_scenarios(self) -> list[Any]:
        return list(self.scan_scenarios().scenarios)

    def load_scenario(self, path: str | Path) -> Any:
        from mi_trainer.scenarios import ScenarioError
        from mi_trainer.simulation.loading import load_playable

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

    def scenario_by_id(self, scenario_id: str) -> Any | None:
        for scenario in self.list_scenarios():
            if scenario.id == scenario_id:
                return scenario
        return None

    def validate(self, path: str | Path) -> list[Any]:
        """Every diagnostic (errors and warnings) for one scenario file."""
        from mi_trainer.scenarios import validate_paths
        from mi_trainer.simulation.rules import engine_defaults

        p = Path(path).expanduser()
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
    def make_coder(self) -> Any:
        """Build the coder (slow: loads spaCy). Call from a worker thread."""
        if self._coder is not None:
            return self._coder
        if self.coder_factory is not None:
            self._coder = self.coder_factory()
        else:
            from mi_trainer.coding.coder import Coder

            self._coder = Coder()
        self.warm_up(self._coder)
        from mi_trainer.tui.heap import settle

        settle()  # the pipeline's objects live as long as the app: out of the collector's way
        return self._coder

    def warm_up(self, coder: Any) -> None:
        """First calls load rule tables and modules; do that here, off the UI thread."""
        from mi_trainer.scoring import score_transcript
        from mi_trainer.transcript import Transcript

        previous = "I'm tired and I want them to stop checking on me."
        coder.code("What would a good week look like for you?", previous_client_line=previous)
        coder.code("You're tired, and part of you wants some peace.", previous_client_line=previous)
        score_transcript(Transcript())

    @property
    def coder(self) -> Any | None:
        return self._coder

    # ------------------------------------------------------------------ sessions
    def new_session(
        self, scenario: Any, practitioner: str, team: str, mode: str, seed: int | None = None
    ) -> Any:
        from mi_trainer.simulation import SimulatedSession

        if seed is None:
            seed = self.seed if self.seed is not None else int(datetime.now().timestamp()) % 100000
        return SimulatedSession(
            scenario,
            self.make_coder(),
            seed=seed,
            practitioner=practitioner or None,
            team=team or None,
            mode=mode,
            clock=self.clock,
        )

    def replay(self, scenario: Any, transcript: Any) -> Any:
        """Rebuild a live session from an interrupted transcript (the engine is deterministic)."""
        from mi_trainer.transcript import PRACTITIONER

        session = self.new_session(
            scenario,
            transcript.practitioner or "",
            transcript.team or "",
            transcript.mode or "coach",
            seed=transcript.seed,
        )
        for turn in transcript.turns:
            if turn.speaker == PRACTITIONER and turn.coded is not None and not session.finished:
                session.say(turn.text, addressed=turn.addressed)
        return session

    def score(self, transcript: Any) -> Any:
        from mi_trainer.scoring import score_transcript

        return score_transcript(transcript)

    # ------------------------------------------------------------------ storage
    @property
    def store(self) -> Any:
        if self._store is None:
            from mi_trainer.storage import SessionStore, StorageError

            try:
                self._store = SessionStore.open(self.db)
            except StorageError as err:
                raise ServiceError(storage_message(err)) from err
        return self._store

    def storage_call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        from mi_trainer.storage import StorageError

        try:
            return getattr(self.store, name)(*args, **kwargs)
        except StorageError as err:
            raise ServiceError(storage_message(err)) from err
        except ValueError as err:
            raise ServiceError(str(err)) from err

    def close(self) -> None:
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()
            self._store = None

    # ------------------------------------------------------------------ export
    def render(self, fmt: str, transcript: Any, score: Any) -> str:
        from mi_trainer.scoring.reports import render_html, render_markdown

        if fmt == "md":
            return render_markdown(transcript, score)
        if fmt == "html":
            return render_html(transcript, score)
        data = {"transcript": transcript.to_dict(), "score": score.to_dict()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def export(self, fmt: str, path: str | Path, transcript: Any, score: Any) -> Path:
        target = Path(path).expanduser()
        if target.is_dir():
            target = target / default_export_name(transcript, fmt)
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


def default_export_name(transcript: Any, fmt: str) -> str:
    stamp = (transcript.started_at or "session")[:10]
    return f"mi-{transcript.scenario_id or 'session'}-{stamp}.{fmt}"


def default_export_dir() -> Path:
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home
