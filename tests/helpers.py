"""Shared by the test modules: sizes, the installed command, and reading what a screen shows."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widget import Widget

from wizard.core.step_order import step_count
from wizard.ui.prose import Prose

LARGE = (100, 32)
SMALL = (80, 24)
"""macOS Terminal's default, SSH sessions, small Windows windows: every screen must work here."""
WIDE = (160, 45)
COMMAND = str(Path(sys.executable).with_name("ecrea-gmail-setup"))
"""The installed console script, run as a user would."""
STEP_OF = {"ja": f"ステップ {{}} / {step_count()}", "en": f"Step {{}} of {step_count()}"}
"""A step's heading, from steps/order.toml: `STEP_OF[lang].format(number)`."""


def shown(app, selector: str) -> str:
    widget: Widget = app.screen.query_one(selector)
    if isinstance(widget, Prose):
        return widget.text
    return str(widget.render())


async def enter_account(pilot, address: str = "ecrea.test@gmail.com", name: str = "山田商店") -> None:
    from wizard.ui.screens.account_screen import AccountScreen

    # A click lands where the button is drawn: wait until the screen has been laid out.
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, AccountScreen) and fully_visible(pilot.app, "#next"))
    pilot.app.screen.query_one("#address").value = address
    pilot.app.screen.query_one("#display-name").value = name
    await pilot.click("#next")
    # Next leads on to a step screen drawn by a worker: wait for it, not for a fixed pause.
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, AccountScreen))
    await settle(pilot)


def assert_on_step(app, number: int, lang: str) -> None:
    from wizard.core.step_content import get_step
    from wizard.ui.screens.step_screen import StepScreen

    assert isinstance(app.screen, StepScreen)
    assert shown(app, "#step-number") == STEP_OF[lang].format(number)
    assert shown(app, "#step-title") == get_step(number).text[lang].title


def visible_text(app) -> str:
    """Every character the screen shows right now, row by row, as a user sees it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def fully_visible(app, selector: str) -> bool:
    """The widget lies wholly inside the screen and nothing (a docked footer) covers it; False while it is not there."""
    found = app.screen.query(selector)
    if not found:
        return False  # the screen is still being put together
    widget = found.first()
    region = widget.region
    screen = app.screen.region
    if not region or not screen.contains_region(region):
        return False
    return all(app.screen.get_widget_at(x, y)[0] in (widget, *widget.query("*")) for y in range(region.y, region.bottom) for x in (region.x, region.right - 1))


async def wait_until(pilot, condition, seconds: float = 30.0) -> None:
    """Let the app run until `condition()` holds (workers finish, messages arrive); fail after `seconds`."""
    import asyncio

    from fast_pilot import until_quiet

    deadline = asyncio.get_running_loop().time() + seconds
    interval = 0.001  # a condition a message away holds at once; a slow one is polled every 20 ms
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the screen never reached the expected state"
        await asyncio.sleep(interval)
        await until_quiet()  # what it set off has been handled and drawn
        interval = min(interval * 2, 0.02)


def saved_progress(path) -> dict:
    """The progress file as it is now: {} before the first save. Steps are saved in the background."""
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


async def wait_until_saved(pilot, path, **expected) -> None:
    """Until the progress file holds `expected` (saves after a step run in a thread)."""
    await wait_until(pilot, lambda: all(saved_progress(path).get(key) == value for key, value in expected.items()))


async def eventually(condition, seconds: float = 30.0) -> None:
    """Without a Pilot: let the event loop run until `condition()` holds; fail after `seconds`."""
    import asyncio

    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the condition never held"
        await asyncio.sleep(0.01)


async def paste(pilot, selector: str, text: str) -> None:
    """Put `text` into a field as a paste does: one event, not a key press per letter (62 ms each)."""
    from textual import events
    from textual.widgets import Input

    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.post_message(events.Paste(text))
    await pilot.pause()


async def settle(pilot, seconds: float = 30.0) -> None:
    """Until the app is quiet (tests/fast_pilot.py: nothing queued, handled or held back, the screen
    up to date) and no worker runs (keyring, browser, page changes): a worker's last message
    comes after it ends, so quiet is waited for again after it."""
    import asyncio

    from fast_pilot import until_quiet

    app = pilot.app
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        await until_quiet()
        if not any(worker.is_running for worker in app.workers):
            # A thread worker's end is posted to the loop from its thread: once more, to take it in.
            await until_quiet()
            return
        assert asyncio.get_running_loop().time() < deadline, "a worker never ended"
        await asyncio.sleep(0.002)  # a worker thread needs the GIL to finish


async def after_the_press(pilot) -> None:
    """A clicked button looks pressed ("-active") for 0.2 s and ignores clicks meanwhile
    (Textual's `Button._on_click`): wait until no button does, then until the app is idle."""
    await wait_until(pilot, lambda: not pilot.app.screen.query(".-active"))
    await settle(pilot)
