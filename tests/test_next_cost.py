"""Next on a step costs one layout and one frame, as a Screen swap does (bench/transitions.py).

The step screen is filled in place, and everything that changes with the step (the page, the
title bar's place code, the footer's keys, the step list) is drawn in the frame that shows it.
A second layout is made only where the first one changes the room the page has (the body's scroll
bar comes or goes), and then in the same frame (`screens/one_frame.py`).
"""

from __future__ import annotations

import pytest
from helpers import LARGE, SMALL, assert_on_step, settle, visible_text

from wizard.core.step_order import step_ids
from wizard.ui.places import AtStep
from wizard.ui.widgets.key_footer import KeyFooter

CLICKED_THROUGH = 12
"""Steps 1 to 12, the ones people page through with Next (13 and 14 have forms)."""


class Counts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from textual._compositor import Compositor
        from textual.app import App

        self.layouts = self.frames = 0
        reflow, display = Compositor.reflow, App._display

        def counted_reflow(compositor, parent, size):
            self.layouts += 1
            return reflow(compositor, parent, size)

        def counted_display(app, screen, renderable) -> None:
            self.frames += renderable is not None
            display(app, screen, renderable)

        monkeypatch.setattr(Compositor, "reflow", counted_reflow)
        monkeypatch.setattr(App, "_display", counted_display)

    def reset(self) -> None:
        self.layouts = self.frames = 0


async def drawn_by_the_app_itself(app) -> None:
    """Until the app has handled everything and its own 60 Hz update timer has drawn it: not drawn
    by the test (as `settle` and the quiet Pilot do), which would gather late changes into one frame."""
    import asyncio

    from fast_pilot import busy, update_pending

    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while busy(app) or update_pending(app) or any(not worker.is_finished for worker in app.workers):
        assert loop.time() < deadline, "the app never became idle"
        await asyncio.sleep(0.001)


@pytest.mark.parametrize(("lang", "size"), [("ja", LARGE), ("en", SMALL)])
async def test_next_draws_the_next_step_in_one_frame(wizard, monkeypatch, lang: str, size) -> None:
    """Drawn by the app's own update timer, as for a user: what changes with the step (the page, the
    title bar's place code, the footer's keys) is changed before the screen is told the step is
    shown (a message that wakes it, and it draws once idle), not drawn a frame later."""
    app = wizard(lang)
    async with app.run_test(size=size) as pilot:
        app.go(AtStep(step_ids()[0]))
        await settle(pilot)
        counts = Counts(monkeypatch)
        body = app.screen.query_one("#step-body")
        footer = app.screen.query_one(KeyFooter)
        bar_changes = new_keys = 0
        for number in range(2, CLICKED_THROUGH + 1):
            bar_before = body.show_vertical_scrollbar
            keys_before = set(footer.children)
            counts.reset()
            app.screen.action_next()
            await drawn_by_the_app_itself(app)
            assert_on_step(app, number, lang)
            assert f"S{number} " in visible_text(app).splitlines()[0]
            bar_changed = body.show_vertical_scrollbar != bar_before
            bar_changes += bar_changed
            if set(footer.children) - keys_before:
                # A key this footer never had ("c" on the first step with a name to copy) is mounted,
                # and Textual lays its footer out once more when it is: a frame more, once a screen.
                new_keys += 1
                continue
            assert counts.frames == 1, f"step {number}: {counts.frames} frames"
            # Laid out again only for the room a scroll bar takes or gives back, in the same frame.
            assert counts.layouts == 1 + bar_changed, f"step {number}: {counts.layouts} layouts"
        assert bar_changes  # the walk met that case too
        assert new_keys <= 1


async def test_a_step_drawn_by_next_is_the_step_drawn_afresh(wizard) -> None:
    """Where Next lays the page out twice in one frame (its scroll bar came or went), what is drawn
    is what a new step screen draws for that step."""
    app = wizard("ja")
    async with app.run_test(size=LARGE) as pilot:
        app.go(AtStep(step_ids()[0]))
        await settle(pilot)
        body = app.screen.query_one("#step-body")
        for number in range(2, CLICKED_THROUGH + 1):
            bar_before = body.show_vertical_scrollbar
            await pilot.press("right")
            await settle(pilot)
            if body.show_vertical_scrollbar == bar_before:
                continue
            by_next = visible_text(app)
            app.go(AtStep(step_ids()[number - 1]))
            await settle(pilot)
            assert visible_text(app) == by_next, f"step {number}"
            return
        raise AssertionError("no step's Next showed or hid the scroll bar")


async def test_the_welcome_screen_is_drawn_in_one_frame_at_start(wizard, monkeypatch) -> None:
    """Every start (and every Pilot test) pays for the welcome screen's first showing: its first
    layout finds sizes that ask for another (a row of buttons, the body's scroll bar), made in the
    same frame, not in one of its own after the first was drawn with the old widths."""
    counts = Counts(monkeypatch)
    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#start").has_focus
    # The first frame, the focused button's look (Textual's auto-focus, after the first paint) and the
    # repaint Textual asks for once it has shown a screen; its after-mount layouts draw nothing.
    assert counts.frames == 3, counts.frames
