"""Step 13 never loses a paste (issue 19): on every way in the field has focus from the first
frame, the step shows from its first instruction (its title too where the window allows), the
footer offers no key the field would take, and each
answer (a bad paste, Enter on it, a password already in force) is on screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import LARGE, SMALL, fully_visible, paste, settle, shown, visible_text, wait_until
from smtp_fixtures import PASSWORD

from wizard.core.step_content import Panel, get_step, step_with_panel
from wizard.core.step_order import number_of, step_ids
from wizard.ui.places import AtStep, Send
from wizard.ui.screens.send_screen import SendScreen
from wizard.ui.screens.step_screen import StepScreen

PASTE_STEP = step_with_panel(Panel.APP_PASSWORD)
NUMBER = number_of(PASTE_STEP.id)
LETTER_KEYS = {"ja": ("h ヘルプ", "o ページを開く", "c コピー"), "en": ("h Help", "o Open the page", "c Copy")}


def on_paste_step(app) -> bool:
    """The step is there: its screen mounted and its page filled (the field is in the tree a moment
    before it is mounted and focused; on a busy machine a poll can fall in between)."""
    return isinstance(app.screen, StepScreen) and app.screen.is_mounted and app.screen.step.id == PASTE_STEP.id and bool(
        app.screen.query("#app-password")) and not any(worker.is_running and worker.group == "show-step" for worker in app.workers)


async def assert_ready_for_a_paste(pilot, lang: str) -> None:
    """Checked at the first moment the step is there, then again once everything has settled."""
    app = pilot.app
    await wait_until(pilot, lambda: on_paste_step(app))
    for _ in range(2):
        assert getattr(app.screen.focused, "id", None) == "app-password"
        footer = visible_text(app).splitlines()[-1]
        assert not any(key in footer for key in LETTER_KEYS[lang]), footer
        # Scrolled towards the field at most as far as the first instruction ("copy before Done"),
        # unless the two cannot show together (practice mode's taller panel at 80x24): the field first.
        instructions, body = app.screen.query_one("#step-instructions"), app.screen.query_one("#step-body")
        field = app.screen.query_one("#app-password")
        both_fit = field.region.bottom - instructions.region.y <= body.scrollable_content_region.height
        assert instructions.region.y >= body.region.y or not both_fit
        await settle(pilot)


async def walk_in(pilot, way: str) -> None:
    app = pilot.app
    if way == "forward":
        app.go(AtStep(step_ids()[NUMBER - 2]))
        await settle(pilot)
        await pilot.press("right")
    elif way == "back from 14":
        app.go(AtStep(step_ids()[NUMBER]))
        await settle(pilot)
        await pilot.press("left")
    elif way == "back from the test send":
        app.go(Send())
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen))
        await settle(pilot)
        await pilot.press("escape")  # to the last step
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))
        await settle(pilot)
        await pilot.press("left")


@pytest.mark.parametrize("way", ["forward", "back from 14", "back from the test send"])
@pytest.mark.parametrize(("lang", "size"), [("ja", SMALL), ("en", LARGE)])
async def test_every_way_in_lands_in_the_field_with_the_first_instruction_in_view(wizard, way, lang, size) -> None:
    app = wizard(lang, practice=True)
    async with app.run_test(size=size) as pilot:
        await walk_in(pilot, way)
        await assert_ready_for_a_paste(pilot, lang)
        await pilot.press(*"h")  # typed, not taken for Help
        assert app.screen.query_one("#app-password").value == "h"


async def test_resume_at_launch_lands_in_the_field(wizard, progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text(json.dumps({"version": 2, "step": PASTE_STEP.id, "furthest": PASTE_STEP.id,
                                         "completed": list(step_ids()[: NUMBER - 1]), "lang": "ja"}))
    app = wizard(lang=None)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.click("#resume")
        await assert_ready_for_a_paste(pilot, "ja")


@pytest.mark.parametrize(("lang", "size"), [("ja", SMALL), ("en", LARGE)])
async def test_a_bad_paste_and_enter_on_it_are_answered_in_view(wizard, lang, size) -> None:
    app = wizard(lang, practice=True)
    async with app.run_test(size=size) as pilot:
        app.go(AtStep(PASTE_STEP.id))
        await settle(pilot)
        await paste(pilot, "#app-password", "Tanaka2024!")
        await settle(pilot)
        assert fully_visible(app, "#password-message") and fully_visible(app, "#app-password")
        first_answer = shown(app, "#password-message")
        await pilot.press("enter")
        await settle(pilot)
        assert on_paste_step(app)  # not on
        answer = shown(app, "#password-message")
        assert answer != first_answer and answer.endswith(first_answer)  # why it cannot go on, then the reason
        assert fully_visible(app, "#password-message")


async def test_coming_back_shows_the_password_in_force_not_a_stale_request(wizard) -> None:
    app = wizard("en", practice=True)
    async with app.run_test(size=LARGE) as pilot:
        app.go(AtStep(PASTE_STEP.id))
        await settle(pilot)
        assert "paste" in shown(app, "#password-message").lower()  # nothing yet: asked for
        await paste(pilot, "#app-password", PASSWORD)
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.step.id != PASTE_STEP.id)
        await settle(pilot)
        await pilot.press("left")
        await wait_until(pilot, lambda: on_paste_step(app))
        await settle(pilot)
        assert app.screen.query_one("#app-password").value == ""
        assert shown(app, "#password-message").startswith("An app password is already entered")
        await pilot.press("enter")  # the password in force is enough to go on
        await wait_until(pilot, lambda: app.screen.step.id == get_step(NUMBER + 1).id)


async def test_a_paste_while_the_step_is_still_being_drawn_goes_into_the_field(wizard) -> None:
    from textual import events

    app = wizard("ja", practice=True)
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep(step_ids()[NUMBER]))
        await settle(pilot)
        app.screen.action_back()  # as ← does; the step is drawn by a worker, later
        app.screen.focused.post_message(events.Paste(PASSWORD))  # to Next, before the field is there
        await wait_until(pilot, lambda: on_paste_step(app))
        await settle(pilot)
        assert app.screen.query_one("#app-password").value == PASSWORD
        assert app.session.password.reveal() == PASSWORD.replace(" ", "")


async def test_a_paste_answered_before_the_step_settles_stays_in_view(wizard) -> None:
    """A paste that comes right after the step is first drawn (the pty run pastes as soon as it
    reads "ステップ 13 / 14") is answered at once; the settling scroll that follows a frame later
    keeps that answer in view, not only the field and the step's title."""
    app = wizard("ja", practice=True)
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep(PASTE_STEP.id))
        await wait_until(pilot, lambda: on_paste_step(app))
        await settle(pilot)
        screen = app.screen
        await paste(pilot, "#app-password", "qwhz mvtr kpld snex")
        await settle(pilot)
        assert "正しい形式" in shown(app, "#password-message") and fully_visible(app, "#password-message")
        screen.settle(screen.shown)  # as when it comes after the paste: on a busy machine, or with --debug
        await settle(pilot)
        assert fully_visible(app, "#password-message") and fully_visible(app, "#app-password")
