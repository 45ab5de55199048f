from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from memory_keyring import MemoryKeyring
from smtp_fixtures import ca_file, gmail_server, trusted_ca, trusted_context, untrusted_context  # noqa: F401

from wizard.ui.app import WizardApp, make_app


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """Every test gets an empty in-memory keyring; the real one is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_real_browser_or_clipboard(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record what would have been opened or copied; the headless driver would open a real browser."""
    calls: dict[str, list[str]] = {"open_url": [], "copy": []}
    monkeypatch.setattr(WizardApp, "open_url", lambda self, url, *, new_tab=True: calls["open_url"].append(url))
    monkeypatch.setattr(WizardApp, "copy_to_clipboard", lambda self, text: calls["copy"].append(text))
    return calls


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep anything the app might write under a throwaway HOME."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    return home


@pytest.fixture
def progress_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "progress.json"


@pytest.fixture
def wizard(progress_file: Path):
    def build(lang: str | None = "ja") -> WizardApp:
        return make_app(lang=lang, progress_file=progress_file)

    return build


class NotificationLog:
    def __init__(self, app: WizardApp) -> None:
        self.messages: list[str] = []
        original = app.notify

        def record(message: str, **kwargs) -> None:
            self.messages.append(message)
            original(message, **kwargs)

        app.notify = record


@pytest.fixture
def notifications():
    return NotificationLog
