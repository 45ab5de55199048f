"""Two costs of Pilot tests that a user never pays, removed.

The wait. Textual's Pilot waits after every key, click and `pause()` with `wait_for_idle`:
it sleeps in 20 ms slices until the process used under 1 ms of CPU in one of them, for up to
a second. A click is four such waits, a key two (at least 80 and 40 ms of an idle machine),
and while any thread of the test works (a loopback server's TLS handshake, a keyring
lookup) it waits the whole second. `quiet_pilot` (a fixture, per module) replaces it with a
condition: every message already sent to the app and the screen's widgets has been handled,
none was sent meanwhile, and the screen has no layout, repaint or after-refresh callback
pending. What happens in other threads (workers, servers) is waited for as before, by the
tests' own `wait_until` conditions.

The parsing. `shared_css_parse` (autouse, for the whole run) keeps parsed stylesheets
between apps; see `parse_rules_once`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual._context import active_app
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet
from textual.pilot import Pilot

ROUNDS = 1_000
"""Enough for any chain of messages a screen sets off; a screen that never stops (a message
posting itself for ever) ends the wait here rather than hanging the test."""


def messages_pending(app: App) -> bool:
    """A message sent and not yet taken, or a `call_next` callback, anywhere in the app and its screens."""
    for screen in app.screen_stack:
        for node in (app, *screen.walk_children(with_self=True)):
            if not node._message_queue.empty() or node._next_callbacks:
                return True
    return False


def update_pending(app: App) -> bool:
    """The screen on top has a layout, a repaint or an after-refresh callback waiting for its update timer."""
    screen = app.screen
    return screen.is_current and not app._batch_count and bool(
        screen._callbacks or screen._layout_required or screen._scroll_required or screen._repaint_required
        or screen._dirty_widgets or screen._recompose_required)


async def until_quiet(min_sleep: float = 0, max_sleep: float = 0) -> None:
    """In place of `textual._wait.wait_for_idle` (same signature; no time limit is used)."""
    app = active_app.get()
    pilot = Pilot(app)
    for _ in range(ROUNDS):
        # Until every message already sent to the app and the screen's widgets has been handled,
        # the one being handled included (Pilot's own wait: a callback queued behind each).
        await pilot._wait_for_screen()
        if not app.is_running:
            return
        if update_pending(app):
            app.screen._on_timer_update()  # what the screen's update timer would do next
        elif not messages_pending(app):
            return


@pytest.fixture
def quiet_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    import textual.app
    import textual.pilot

    monkeypatch.setattr(textual.pilot, "wait_for_idle", until_quiet)
    monkeypatch.setattr(textual.app, "wait_for_idle", until_quiet)


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
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
    if key not in _parsed:
        _parsed[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return _parsed[key]


_parse_rules = Stylesheet._parse_rules


@pytest.fixture(autouse=True, scope="session")
def shared_css_parse() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", parse_rules_once)
        yield
