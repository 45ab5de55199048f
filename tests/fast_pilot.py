"""Two costs of Pilot tests that a user never pays, removed.

The wait. Textual's Pilot waits after every key, click and `pause()` with `wait_for_idle`:
it sleeps in 20 ms slices until the process used under 1 ms of CPU in one of them, for up to
a second. A click is four such waits, a key two (at least 80 and 40 ms of an idle machine),
and while any thread of the test works (a loopback server's TLS handshake, a keyring
lookup) it waits the whole second. `quiet_pilot` (a fixture, in every test by conftest) replaces it with a
condition: every message pump of the app and its screens is waiting for its next message
with none to take (so none is being handled, idle work included), and the screen has no
layout, repaint or after-refresh callback pending. What happens in other threads (workers,
servers) is waited for as before, by the tests' own `wait_until` conditions.

The frames. A headless app draws every frame and throws it away unread (`App._display` writes
only to a terminal): a quarter of a Pilot test's CPU. `frame_not_drawn` keeps the frame's
bookkeeping (the regions to draw are taken, `_display` is called as before, so frames are
counted as before) and draws nothing. What a test reads is drawn when it reads it, whole and
afresh: `visible_text`, snapshots and screenshots (`export_screenshot`) ask the compositor for a
full frame, which is drawn as always. A widget that fails only while drawing a frame no test
reads is not caught here: the pty run and the browser tests draw every frame of a whole practice
run in a real process, and the snapshot and small-terminal tests read every screen.

The parsing. `shared_css_parse` (autouse, for the whole run) keeps parsed stylesheets
between apps; see `parse_rules_once`.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Iterator

import pytest
from textual._compositor import Compositor
from textual._context import active_app
from textual._types import CallbackType
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet
from textual.message import Message
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen

LIMIT = 30.0
"""As Pilot's own wait for the screen: a handler still busy after that awaits something that never comes."""


_waiting: set[MessagePump] = set()
"""The message pumps waiting for their next message right now: every other running pump is busy."""


async def get_message_seen(self: MessagePump) -> Message:
    """`MessagePump._get_message`, noting while the pump waits in it."""
    _waiting.add(self)
    try:
        return await GET_MESSAGE(self)
    finally:
        _waiting.discard(self)


GET_MESSAGE = MessagePump._get_message


def busy(app: App) -> bool:
    """A pump of the app or its screens is handling a message (or its idle work) or has one to take,
    a screen change or a resize is under way, or a cancelled worker has not ended yet."""
    # Every widget and screen the app has registered (its DOM, and what is being removed from it):
    # a set, where walking each screen's tree on every poll was 3% of a Pilot test's CPU.
    for node in (app, *app._registry):
        task = node._task
        if task is None or task.done():
            continue  # not started yet (not mounted) or closed
        if node not in _waiting or not node._message_queue.empty() or node._next_callbacks:
            return True
    if any(not future.done() for future in _screen_changes):
        return True
    if app._resize_timer is not None:
        return True  # a terminal resize is passed on to the screens by a timer (1/120 s), then laid out
    if app._batch_count:
        # Updates held back: the palette holds them for 50 ms by a timer (`App.delay_update`) after
        # a command is chosen; the layout they hold (an answer scrolled into view) is still to come.
        return True
    if app.animator._animations or app.animator._scheduled:
        return True  # a scroll or a fade under way: what it shows is not in place yet
    # A cancelled worker's task is still winding down: what it says on its way out is part of the press.
    return any(worker.is_cancelled and not worker.is_finished for worker in app.workers)


_screen_changes: weakref.WeakSet[asyncio.Future[object]] = weakref.WeakSet()
"""What Textual runs as tasks of their own, outside any pump: a screen pushed, switched or popped
(`AwaitComplete`), until done."""


def await_complete_seen(self: AwaitComplete, *awaitables: Awaitable[object], pre_await: CallbackType | None = None) -> None:
    AWAIT_COMPLETE_INIT(self, *awaitables, pre_await=pre_await)
    _screen_changes.add(self._future)


AWAIT_COMPLETE_INIT = AwaitComplete.__init__


class FrameNotDrawn:
    """Stands for a frame a headless app would have drawn: `App._display` only checks it is not None."""

    def __rich_console__(self, console: object, options: object) -> Iterator[object]:
        return iter(())


FRAME_NOT_DRAWN = FrameNotDrawn()


def frame_not_drawn(self: Compositor, full: bool = False, screen_stack: list[Screen] | None = None,
                    simplify: bool = False) -> object:
    """`Compositor.render_update` of a screen's own refresh in a headless app: the regions it would
    draw are taken as before, and nothing is drawn (see the module's docstring). A full frame asked
    for (a screenshot) and any app with a terminal are drawn as always."""
    app = active_app.get(None)
    if full or simplify or app is None or not app.is_headless:
        return RENDER_UPDATE(self, full, screen_stack, simplify)
    if not self._dirty_regions:
        return None  # as `render_partial_update`: nothing to draw is no frame
    self._dirty_regions.clear()
    return FRAME_NOT_DRAWN


RENDER_UPDATE = Compositor.render_update


def update_pending(app: App) -> bool:
    """The screen on top has a layout, a repaint or an after-refresh callback waiting for its update timer."""
    screen = app.screen
    return screen.is_current and not app._batch_count and bool(
        screen._callbacks or screen._layout_required or screen._scroll_required or screen._repaint_required
        or screen._dirty_widgets or screen._recompose_required)


async def until_quiet(min_sleep: float = 0, max_sleep: float = 0) -> None:
    """In place of `textual._wait.wait_for_idle` (same signature): until no pump is busy and the
    screen is up to date, or `LIMIT` seconds (a handler awaiting something that never comes)."""
    app = active_app.get()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIMIT
    rounds = 0
    while loop.time() < deadline and app.is_running:
        # Other tasks run here; after a few hundred turns a handler is awaiting I/O: stop spinning.
        await asyncio.sleep(0 if rounds < 200 else 0.001)
        rounds += 1
        if busy(app):
            continue
        if update_pending(app):
            app.screen._on_timer_update()  # what the screen's update timer would do next
            continue
        return


async def quiet_pause(self: Pilot, delay: float | None = None) -> None:
    """`Pilot.pause`, without its wait for the screen: Textual posts a callback to every widget
    and waits for each (a few hundred messages, each followed by the widget's idle work), where
    the quiet condition holds all that wait gives. `pause(delay)` (the poll of `wait_until`)
    ends quiet too, so a condition is looked at once what set it off is done: a result shown
    has its focus moved (Textual moves it on a later message)."""
    if delay is not None:
        await asyncio.sleep(delay)
    await until_quiet()
    self.app.screen._on_timer_update()


async def quiet_wait_for_screen(self: Pilot, timeout: float = LIMIT) -> bool:
    """`Pilot._wait_for_screen` (the end of every key press), by the quiet condition: Textual posts a
    callback to every widget and waits for each, which quiet already implies."""
    await until_quiet()
    return True


@pytest.fixture
def quiet_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    import textual.app
    import textual.pilot

    monkeypatch.setattr(MessagePump, "_get_message", get_message_seen)
    monkeypatch.setattr(AwaitComplete, "__init__", await_complete_seen)
    monkeypatch.setattr(Pilot, "pause", quiet_pause)
    monkeypatch.setattr(Pilot, "_wait_for_screen", quiet_wait_for_screen)
    monkeypatch.setattr(textual.pilot, "wait_for_idle", until_quiet)
    monkeypatch.setattr(textual.app, "wait_for_idle", until_quiet)
    monkeypatch.setattr(Compositor, "render_update", frame_not_drawn)


_parsed: dict[tuple[object, ...], list[RuleSet]] = {}


def parse_rules_once(self: Stylesheet, css: str, read_from: CSSLocation, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
    """`Stylesheet._parse_rules`, remembered for the whole test run rather than for one stylesheet.

    Textual parses every stylesheet of an app again whenever a screen with a stylesheet of
    its own is first shown (`App._load_screen_css` → `reparse`, with a fresh cache), and
    every test starts a new app: the same few dozen sources were tokenized hundreds of
    times. The rules depend only on the text, its place and the CSS variables (the theme),
    all in the key; Textual already hands the same parsed rules to every `parse()` of one
    stylesheet, so sharing them between apps changes nothing they see.
    """
    key = (css, read_from, is_default_rules, tie_breaker, scope, variables_key(self._variables))
    if key not in _parsed:
        _parsed[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return _parsed[key]


_parse_rules = Stylesheet._parse_rules

_last_variables: tuple[dict[str, str], tuple[tuple[str, str], ...]] = ({}, ())


def variables_key(variables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The CSS variables as a key, sorted once per variables dict rather than for every source parsed
    (an app hands the same dict to every parse until its theme changes; Textual replaces it then)."""
    global _last_variables
    if _last_variables[0] is not variables or len(variables) != len(_last_variables[1]):
        _last_variables = (variables, tuple(sorted(variables.items())))
    return _last_variables[1]


@pytest.fixture(autouse=True, scope="session")
def shared_css_parse() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", parse_rules_once)
        yield
