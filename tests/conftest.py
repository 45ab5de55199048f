from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from dovecot_fixtures import dovecot_server, mail_account  # noqa: F401
from fast_pilot import quiet_pilot, shared_css_parse  # noqa: F401
from hypothesis import settings
from imap_fixtures import fake_imap  # noqa: F401
from memory_keyring import MemoryKeyring
from smtp_fixtures import (  # noqa: F401
    ca_file,
    gmail_server,
    scripted_server,
    trusted_ca,
    trusted_context,
    untrusted_context,
)

from wizard.core import browser, clipboard
from wizard.core.browser import BrowserResult
from wizard.core.credentials import ALLOW_BACKEND_VARIABLE, backend_name
from wizard.ui.app import WizardApp, make_app

# No time limit per example: a busy machine is slow, not wrong. CI tries more examples than a
# developer's run, where the suite's minute matters.
settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("dev", max_examples=75, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """Every test gets an empty in-memory keyring; the real one is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    # Not a platform store: accepted only because it is named, as a user would name one.
    monkeypatch.setenv(ALLOW_BACKEND_VARIABLE, backend_name(backend))
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def pilots_wait_for_the_app(request: pytest.FixtureRequest) -> None:
    """Every Pilot test waits for the app's own work to end, not for the machine to look idle
    (tests/fast_pilot.py): faster when idle, and still right when the machine is busy."""
    request.getfixturevalue("quiet_pilot")


@pytest.fixture(autouse=True)
def forget_held_passwords() -> Iterator[None]:
    """A process remembers every password it held, to hide it from later reports (core/redaction);
    a test's worker process is many runs of the wizard: one test's secret must not hide another's text."""
    from wizard.core import redaction

    yield
    redaction._held.clear()


@pytest.fixture(autouse=True)
def let_finished_apps_go() -> Iterator[None]:
    """Textual 8.2's `StylesCache.get_inner_outer` is an `lru_cache` on a method, so its keys hold
    up to 1024 widgets' style caches, each with every line that widget drew. In one app that is a
    bounded cache; in a worker running hundreds of apps it keeps about 17,000 dead lines (125,000
    small caches) alive, which every full garbage collection walks again: 5-7% of a Pilot test's CPU."""
    yield
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


@pytest.fixture(autouse=True)
def no_real_browser_or_clipboard(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record what would have been opened or copied: tests never start a browser or touch a clipboard.

    The browser "opens" and the system clipboard tool is absent, so copies go to the
    terminal (OSC 52), as over SSH.
    """
    calls: dict[str, list[str]] = {"open_url": [], "copy": []}

    def open_in_browser(url: str, timeout: float = 0) -> BrowserResult:
        calls["open_url"].append(url)
        return BrowserResult.OPENED

    monkeypatch.setattr(browser, "open_in_browser", open_in_browser)
    monkeypatch.setattr(clipboard, "copy_with_system_tool", lambda text, *args, **kwargs: False)
    monkeypatch.setattr(WizardApp, "open_url", lambda self, url, *, new_tab=True: calls["open_url"].append(url))
    monkeypatch.setattr(WizardApp, "copy_to_clipboard", lambda self, text: calls["copy"].append(text))
    return calls


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep anything the app might write under a throwaway HOME."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    for name in ("TEXTUAL_LOG", "TEXTUAL", "DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes a snapshot depend on timing."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def progress_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "progress.json"


@pytest.fixture
def wizard(progress_file: Path):
    def build(lang: str | None = "ja", *, practice: bool = False) -> WizardApp:
        return make_app(lang=lang, progress_file=progress_file, practice=practice)

    return build


class NotificationLog:
    def __init__(self, app: WizardApp) -> None:
        self.messages: list[str] = []
        original = app.notify

        def record(message: str, **kwargs) -> None:
            self.messages.append(message)
            original(message, **kwargs)

        app.notify = record  # type: ignore[method-assign]


@pytest.fixture
def notifications():
    return NotificationLog



# The modules whose tests take longest (--durations), longest first: started first, so the
# suite does not end waiting on one of them begun last.
LONGEST_FIRST = (
    "test_terminal_session.py", "test_browser.py", "test_system_trust.py",
    "test_walkthrough.py", "test_no_dead_ends.py", "test_send_screen.py", "test_confirm_bounds.py",
    "test_account_and_password_screens.py", "test_small_terminal.py", "test_confirm_screens.py",
)
# Modules whose tests mostly wait (a server's stall, a mailbox's poll, a password store's deadline)
# rather than compute: dealt out among the others, not run back to back, so that while one worker
# waits the others keep the cores busy (run together, they left both cores half idle for seconds).
WAITING = (
    "test_send.py", "test_check_command.py", "test_confirm.py", "test_confirm_command.py", "test_imap_rfc.py",
    "test_bad_input_and_hangs.py", "test_credentials.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONGEST_FIRST)))
    waiting = [item for item in items if item.path.name in WAITING]
    computing = [item for item in items if item.path.name not in WAITING]
    # After the longest (the pty and browser runs), one waiting test every `every` others over the
    # first two thirds of the rest: the last third (many quick tests) ends the run without a wait.
    start = sum(1 for item in computing if item.path.name in LONGEST_FIRST[:2])
    every = max(1, (len(computing) - start) * 2 // 3 // max(1, len(waiting)))
    dealt = computing[:start]
    for place, item in enumerate(computing[start:]):
        if place % every == 0 and waiting:
            dealt.append(waiting.pop(0))
        dealt.append(item)
    items[:] = dealt + waiting


def pytest_collection_finish(session: pytest.Session) -> None:
    """Spare the garbage collector what every test keeps: nearly a third (29%) of a Pilot test's CPU went to it.

    Each line Textual draws is a `Strip` holding seven small caches, so a screen allocates
    container objects by the hundred thousand and the default thresholds (700) start a
    collection every few hundred of them, each full one walking every module, class and
    stylesheet imported so far. Freezing what exists after collection (imports, test
    modules) takes those out of every collection; a higher first threshold collects less
    often. Cycles are still collected, only later.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
