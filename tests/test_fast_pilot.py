"""The test helpers of tests/fast_pilot.py do what the Pilot tests rely on."""

from __future__ import annotations

import asyncio

import pytest
from fast_pilot import _parse_rules, parse_rules_once, quiet_pilot  # noqa: F401
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.message import Message
from textual.widgets import Static

pytestmark = pytest.mark.usefixtures("quiet_pilot")


class Relay(Static):
    """Passes a count down through messages to itself, yielding to the event loop in each handler."""

    class Pass(Message):
        def __init__(self, left: int) -> None:
            super().__init__()
            self.left = left

    handled: list[int]

    def on_mount(self) -> None:
        self.handled = []

    async def on_relay_pass(self, message: Pass) -> None:
        for _ in range(3):
            await asyncio.sleep(0)  # still handling: the queue is empty meanwhile
        self.handled.append(message.left)
        if message.left:
            self.post_message(self.Pass(message.left - 1))
        else:
            self.update("done")


class RelayApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Relay(id="relay")

    def key_r(self) -> None:
        self.query_one(Relay).post_message(Relay.Pass(20))


async def test_a_key_press_returns_once_every_message_it_set_off_is_handled() -> None:
    app = RelayApp()
    async with app.run_test() as pilot:
        await pilot.press("r")
        relay = app.query_one(Relay)
        assert relay.handled == list(range(20, -1, -1))
        assert str(relay.render()) == "done"


async def test_a_pause_returns_once_the_chain_is_handled() -> None:
    app = RelayApp()
    async with app.run_test() as pilot:
        app.query_one(Relay).post_message(Relay.Pass(5))
        await pilot.pause()
        assert app.query_one(Relay).handled == [5, 4, 3, 2, 1, 0]


async def test_a_pause_returns_once_updates_held_back_are_laid_out() -> None:
    """Choosing a command in the palette holds the app's updates for 50 ms (`App.delay_update`):
    what was changed meanwhile (an answer to scroll into view) is not laid out until then."""
    app = RelayApp()
    async with app.run_test() as pilot:
        relay = app.query_one(Relay)
        app.delay_update()
        relay.styles.height = 3
        await pilot.pause()
        assert not app._batch_count
        assert relay.region.height == 3


def test_shared_parsing_gives_the_rules_a_fresh_parse_gives() -> None:
    css = "Screen { background: $primary; } #a .b { color: red; }"
    sheets = [Stylesheet(variables={"primary": colour}) for colour in ("#000000", "#ffffff")]
    fresh = [_parse_rules(sheet, css, ("here", "")) for sheet in sheets]  # Textual's own, unshared
    shared = [parse_rules_once(sheet, css, ("here", "")) for sheet in sheets]
    assert [[rule.css for rule in rules] for rules in shared] == [[rule.css for rule in rules] for rules in fresh]
    assert shared[0][0].css != shared[1][0].css  # the theme's variables are part of the key
    again = parse_rules_once(Stylesheet(variables={"primary": "#000000"}), css, ("here", ""))
    assert again is shared[0]  # and the same variables find the same rules
