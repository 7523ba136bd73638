"""One practice session from start to stored score, driven by the app, `play` and the benchmarks.

Flow: utterance -> codes (the coder) -> client reaction (the simulation) -> score (scoring)
-> stored session (a store). :class:`PracticeSession` owns that lifecycle:

    practice = PracticeSession.start(scenario, coder, store=store, practitioner="Sam")
    step = practice.say("What would a good week look like?")   # new turns
    score = practice.live_score()                               # coach mode: so far
    ending = practice.end()                                     # closing lines, final score
    practice = PracticeSession.resume(scenario, coder, store, session_id)  # by replay
    PracticeSession.close_interrupted(store, session_id)        # scored as incomplete

It depends on two small protocols, :class:`UtteranceCoder` and :class:`PracticeStore`, not on
the spaCy coder or the SQLite store, so a test, a benchmark or another backend can stand in.
A storage failure never stops the practice: it comes back as a message in ``problems`` (the
session goes on unsaved); problems the caller must act on raise :class:`PracticeError`.

Heavy modules (the simulation, scoring, storage errors) are imported when first used, so
importing this module stays cheap for the app's first screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from mi_trainer.transcript import END_INCOMPLETE, PRACTITIONER, Transcript, Turn

if TYPE_CHECKING:
    from mi_trainer.coding.result import CodedUtterance
    from mi_trainer.scenarios import Scenario
    from mi_trainer.scenarios.models import Member
    from mi_trainer.scoring import SessionScore
    from mi_trainer.simulation import SimulatedSession

Clock = Callable[[], str | None]
Scorer = Callable[[Transcript], "SessionScore"]
Describe = Callable[[Exception], str]  # a storage error as the shell shows it
COACH = "coach"


class UtteranceCoder(Protocol):
    """Codes one practitioner line (the spaCy :class:`~mi_trainer.coding.coder.Coder`)."""

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance: ...


class InterruptedSession(Protocol):
    """What a store says about a session left in progress (a crash, a killed app)."""

    @property
    def session_id(self) -> str: ...
    @property
    def scenario_id(self) -> str | None: ...
    @property
    def scenario_title(self) -> str | None: ...
    @property
    def started_at(self) -> str | None: ...
    @property
    def practitioner(self) -> str | None: ...
    @property
    def practitioner_turns(self) -> int: ...


class PracticeStore(Protocol):
    """The part of a session store a practice session needs (raises ``StorageError``)."""

    def start_session(self, transcript: Transcript) -> str: ...
    def append_turn(self, sid: str, turn: Turn) -> None: ...
    def finish_session(self, sid: str, transcript: Transcript, score: SessionScore) -> None: ...
    def resume(self, sid: str) -> Transcript: ...
    def close_incomplete(self, sid: str, score: SessionScore) -> None: ...
    def incomplete_sessions(self) -> Sequence[InterruptedSession]: ...
    def load(self, sid: str) -> Transcript: ...


class PracticeError(Exception):
    """A problem the practitioner can act on; ``str(err)`` is the message to show."""


@dataclass(frozen=True, slots=True)
class Step:
    """What one line said brought: the new turns and any saving problem."""

    turns: tuple[Turn, ...]
    problems: tuple[str, ...]  # storage failures to show (the session goes on)
    finished: bool  # the session ended on this line (a walk-out, the turn limit)


@dataclass(frozen=True, slots=True)
class Ending:
    """A session closed: its last turns (closing lines, the end event) and its final score."""

    turns: tuple[Turn, ...]
    score: SessionScore
    problems: tuple[str, ...]


def utc_clock() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_scorer(transcript: Transcript) -> SessionScore:
    from mi_trainer.scoring import score_transcript

    return score_transcript(transcript)


def time_seed() -> int:
    """A seed for a session nobody asked to repeat (a given seed replays the same session)."""
    return int(datetime.now().timestamp()) % 100000


def storage_message(err: Exception) -> str:
    """A storage error, neutrally; a shell passes its own ``describe`` to add how to fix it."""
    return f"Sessions database: {err}"


class PracticeSession:
    """A live practice session: the family members, the live score and where it is kept.

    Build one with :meth:`start` or :meth:`resume`. ``engine`` is the simulation (members,
    their state); ``session_id`` is None while the session is not being saved.
    """

    def __init__(
        self,
        engine: SimulatedSession,
        *,
        store: PracticeStore | None = None,
        session_id: str | None = None,
        scorer: Scorer = default_scorer,
        describe: Describe = storage_message,
    ) -> None:
        self.engine = engine
        self.store = store if session_id else None
        self.session_id = session_id
        self.scorer = scorer
        self.describe = describe
        self._problems: list[str] = []
        self._live: tuple[int, SessionScore] | None = None
        self._final: SessionScore | None = None
        if self.store is not None:
            self.engine.on_turn = self._save_turn

    # ------------------------------------------------------------------ building one
    @classmethod
    def start(
        cls,
        scenario: Scenario,
        coder: UtteranceCoder,
        *,
        store: PracticeStore | None = None,
        practitioner: str | None = None,
        team: str | None = None,
        mode: str = COACH,
        seed: int | None = None,
        clock: Clock = utc_clock,
        scorer: Scorer = default_scorer,
        describe: Describe = storage_message,
    ) -> PracticeSession:
        """A new session; with a store, its header and opening lines are saved at once.

        A scenario the simulation cannot play raises :class:`PracticeError`; a store that
        fails leaves the session unsaved, with the reason in :meth:`take_problems`.
        """
        try:
            engine = _engine(scenario, coder, seed, practitioner, team, mode, clock)
        except Exception as err:  # a scenario the engine cannot run must not crash a shell
            raise PracticeError(f"Could not start '{scenario.title}': {err}") from err
        session_id: str | None = None
        problem: str | None = None
        if store is not None:
            from mi_trainer.storage import StorageError

            try:
                session_id = store.start_session(engine.transcript)
            except StorageError as err:
                problem = f"{describe(err)} This session will not be saved."
        practice = cls(engine, store=store, session_id=session_id, scorer=scorer, describe=describe)
        if problem:
            practice._problems.append(problem)
        return practice

    @classmethod
    def resume(
        cls,
        scenario: Scenario,
        coder: UtteranceCoder,
        store: PracticeStore,
        session_id: str,
        *,
        clock: Clock = utc_clock,
        scorer: Scorer = default_scorer,
        describe: Describe = storage_message,
    ) -> PracticeSession:
        """Carry on an interrupted session: claim it and replay its lines (deterministic).

        Raises :class:`PracticeError` when the store cannot give it back or when the scenario
        has changed so that the replay no longer gives the saved conversation.
        """
        from mi_trainer.storage import StorageError

        try:
            saved = store.resume(session_id)
        except StorageError as err:
            raise PracticeError(f"Could not resume: {describe(err)}") from err
        engine = _engine(
            scenario,
            coder,
            saved.seed,
            saved.practitioner,
            saved.team,
            saved.mode or COACH,
            clock,
        )
        try:
            for turn in saved.turns:
                if turn.speaker == PRACTITIONER and turn.coded is not None and not engine.finished:
                    engine.say(turn.text, addressed=turn.addressed)
        except ValueError as err:
            raise PracticeError(f"Could not resume: {err}") from err
        if _lines(engine.transcript) != _lines(saved):
            raise PracticeError(
                "The scenario has changed since this session was saved, so it cannot be "
                "resumed exactly. It stays in History; close it as incomplete next time."
            )
        engine.transcript.session_id = session_id
        engine.transcript.started_at = saved.started_at
        return cls(engine, store=store, session_id=session_id, scorer=scorer, describe=describe)

    @staticmethod
    def interrupted(
        store: PracticeStore, describe: Describe = storage_message
    ) -> list[InterruptedSession]:
        """Sessions a crash left in progress, oldest first (raises :class:`PracticeError`)."""
        from mi_trainer.storage import StorageError

        try:
            return list(store.incomplete_sessions())
        except StorageError as err:
            raise PracticeError(describe(err)) from err

    @staticmethod
    def close_interrupted(
        store: PracticeStore,
        session_id: str,
        scorer: Scorer = default_scorer,
        describe: Describe = storage_message,
    ) -> None:
        """Close an interrupted session as incomplete, scoring the turns it has."""
        from mi_trainer.storage import StorageError

        try:
            store.close_incomplete(session_id, scorer(store.load(session_id)))
        except StorageError as err:
            raise PracticeError(describe(err)) from err

    # ------------------------------------------------------------------ what it is
    @property
    def transcript(self) -> Transcript:
        return self.engine.transcript

    @property
    def scenario(self) -> Scenario:
        return self.engine.scenario

    @property
    def coach(self) -> bool:
        """Coach mode: codes and tips as you go (assessment mode keeps them for the end)."""
        return (self.transcript.mode or COACH) == COACH

    @property
    def finished(self) -> bool:
        return self.engine.finished

    @property
    def end_reason(self) -> str | None:
        return self.engine.end_reason

    @property
    def members(self) -> list[Member]:
        return self.engine.members

    @property
    def present(self) -> list[str]:
        return self.engine.present

    @property
    def addressed(self) -> str | None:
        return self.engine.addressed

    def state(self, member_id: str) -> dict[str, Any]:
        return self.engine.state(member_id)

    @property
    def saved(self) -> bool:
        """Whether the session is being kept in a store."""
        return self.store is not None

    @property
    def final_score(self) -> SessionScore | None:
        """The score the session was closed with (None while it is open)."""
        return self._final

    # ------------------------------------------------------------------ playing it
    def say(self, text: str, addressed: str | None = None) -> Step:
        """The practitioner says ``text`` (``@name`` picks who); returns what came of it.

        An empty line, an unknown ``@name`` or a member who has left raise ``ValueError``
        with a readable message; once the session has ended, ``SessionOver``.
        """
        turns = tuple(self.engine.say(text, addressed=addressed))
        return Step(turns, self.take_problems(), self.finished)

    def live_score(self) -> SessionScore | None:
        """The score of the conversation so far, in coach mode: tips and live counts.

        Scored when asked, once per new turn (`play` and the engine benchmark never ask).
        """
        if not self.coach:
            return None
        count = len(self.transcript.turns)
        if self._live is None or self._live[0] != count:
            self._live = (count, self.scorer(self.transcript))
        return self._live[1]

    def end(self) -> Ending:
        """The practitioner ends the session (or it has ended itself): score it and keep it.

        Closing lines and the end event come back in ``turns``; calling again returns the
        same score with no new turns and saves nothing twice.
        """
        turns = () if self.finished else tuple(self.engine.end())
        return Ending(turns, self._finalise(), self.take_problems())

    def close_incomplete(self) -> Ending:
        """Stop here without the family's closing lines: kept as incomplete, scored as it is."""
        if self._final is not None:
            return Ending((), self._final, self.take_problems())
        if not self.finished:
            self.transcript.end_reason = END_INCOMPLETE
        score = self.scorer(self.transcript)
        self._final = score
        if self.store is not None and self.session_id:
            from mi_trainer.storage import StorageError

            try:
                self.store.close_incomplete(self.session_id, score)
            except StorageError as err:
                self._problems.append(self.describe(err))
        return Ending((), score, self.take_problems())

    # ------------------------------------------------------------------ keeping it
    def _finalise(self) -> SessionScore:
        if self._final is not None:
            return self._final
        score = self.scorer(self.transcript)
        self._final = score
        if self.store is not None and self.session_id:
            from mi_trainer.storage import StorageError

            try:
                self.store.finish_session(self.session_id, self.transcript, score)
            except StorageError as err:
                self._problems.append(self.describe(err))
        return score

    def _save_turn(self, turn: Turn) -> None:
        from mi_trainer.storage import StorageError

        if self.store is None or not self.session_id:
            return
        try:
            self.store.append_turn(self.session_id, turn)
        except StorageError as err:
            self._problems.append(f"{self.describe(err)} (turn {turn.index} not saved)")

    def take_problems(self) -> tuple[str, ...]:
        """Storage problems not yet reported (each is given once)."""
        problems, self._problems = tuple(self._problems), []
        return problems


WARM_UP_LINES = (
    "Hello, I'm Sam from children's services.",
    "What would a good week look like for you?",
    "You're tired, and part of you wants some peace.",
)


def warm_up(coder: UtteranceCoder, scenario: Scenario | None = None) -> None:
    """Take every path a line takes once, so the first real line is as quick as the later
    ones: the coder's rule tables, the engine's reply choice and state, and scoring with its
    feedback. Plays a throwaway session of ``scenario`` (stored nowhere). Slow: call it off
    the UI thread, before the practitioner's first line."""
    previous = "I'm tired and I want them to stop checking on me."
    coder.code(WARM_UP_LINES[1], previous_client_line=previous)
    coder.code(WARM_UP_LINES[2], previous_client_line=previous)
    default_scorer(Transcript())
    if scenario is None:
        return
    try:
        practice = PracticeSession.start(scenario, coder, seed=0, clock=lambda: None)
        for line in WARM_UP_LINES:
            if practice.finished:
                break
            practice.say(line)
            practice.live_score()
        practice.end()
    except (PracticeError, ValueError):
        pass  # a scenario that cannot be played says so when it is chosen, not here


def _engine(
    scenario: Scenario,
    coder: UtteranceCoder,
    seed: int | None,
    practitioner: str | None,
    team: str | None,
    mode: str,
    clock: Clock,
) -> SimulatedSession:
    from mi_trainer.simulation import SimulatedSession

    return SimulatedSession(
        scenario,
        coder,
        seed=time_seed() if seed is None else seed,
        practitioner=practitioner or None,
        team=team or None,
        mode=mode,
        clock=clock,
    )


def _lines(transcript: Transcript) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in transcript.turns]
