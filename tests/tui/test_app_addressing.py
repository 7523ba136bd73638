"""`@name` at the start of a line says who it is for: it is not part of what was said."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import say, wait_for
from tests.tui.test_app_practice_flow import start_session


async def test_a_leading_at_name_is_kept_out_of_the_bubble_the_transcript_and_the_export(
    make_app, tmp_path: Path
):
    from mi_trainer.tui.session import Bubble
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app(export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_session(pilot)
        await say(pilot, "@Lee, you're doing nights and still trying to be there for them.")
        await say(pilot, "What matters most to you, @sam?")  # a name mid-line is what was said
        you = [t for t in screen.session.transcript.turns if t.speaker == "practitioner"]
        assert you[0].text == "you're doing nights and still trying to be there for them."
        assert you[0].addressed == "lee"
        assert you[1].text == "What matters most to you, @sam?" and you[1].addressed == "sam"
        bubbles = [
            str(b.render()) for b in screen.query(Bubble) if "you're doing" in str(b.render())
        ]
        assert bubbles and "@Lee" not in bubbles[0] and "→ Lee" in bubbles[0]
        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "@Lee" not in str(app.screen.query_one("#transcript").render())
        written = app.screen.export("md")
    assert written is not None and "@Lee" not in written.read_text("utf-8")
