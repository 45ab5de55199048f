"""Keyring access with a real in-memory backend, and with none."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked, PasswordSetError
from memory_keyring import MemoryKeyring

from wizard.core.credentials import (
    ALLOW_BACKEND_VARIABLE,
    KEYRING_SERVICE,
    KeyringStatus,
    backend_name,
    load_app_password,
    store_app_password,
)
from wizard.core.secret import Secret


class BrokenKeyring(MemoryKeyring):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error


def test_store_and_load(memory_keyring: MemoryKeyring) -> None:
    backend = memory_keyring
    assert load_app_password("a@gmail.com").status is KeyringStatus.NOT_FOUND
    assert store_app_password("a@gmail.com", Secret("abcdefghijklmnop")).status is KeyringStatus.OK
    assert backend.store == {(KEYRING_SERVICE, "a@gmail.com"): "abcdefghijklmnop"}
    loaded = load_app_password("a@gmail.com")
    assert (loaded.status, loaded.password.reveal()) == (KeyringStatus.OK, "abcdefghijklmnop")
    assert "abcdefghijklmnop" not in repr(loaded)


def test_no_backend() -> None:
    keyring.set_keyring(fail.Keyring())
    assert store_app_password("a@gmail.com", Secret("abcdefghijklmnop")).status is KeyringStatus.NO_BACKEND
    assert load_app_password("a@gmail.com").status is KeyringStatus.NO_BACKEND


@pytest.mark.parametrize(
    ("error", "status"),
    [(KeyringLocked("locked"), KeyringStatus.LOCKED), (PasswordSetError("abcdefghijklmnop"), KeyringStatus.FAILED), (OSError(5, "I/O"), KeyringStatus.FAILED)],
)
def test_backend_errors_never_carry_the_message(error: Exception, status: KeyringStatus, monkeypatch) -> None:
    backend = BrokenKeyring(error)
    monkeypatch.setenv(ALLOW_BACKEND_VARIABLE, backend_name(backend))
    keyring.set_keyring(backend)
    result = store_app_password("a@gmail.com", Secret("abcdefghijklmnop"))
    assert result.status is status
    assert "abcdefghijklmnop" not in result.reason
    assert result.reason == type(error).__name__


@pytest.mark.parametrize("name", ["keyrings.alt.file.PlaintextKeyring", "mystore.RenamedPlaintext", "keyrings.cryptfile.cryptfile.CryptFileKeyring"])
def test_a_backend_not_on_the_list_is_refused_by_name(name: str, monkeypatch) -> None:
    """Only the platform stores are used: a renamed plaintext backend gains nothing by its name."""
    module, _, cls = name.rpartition(".")
    backend = type(cls, (MemoryKeyring,), {"__module__": module})()
    monkeypatch.delenv(ALLOW_BACKEND_VARIABLE)
    keyring.set_keyring(backend)
    result = store_app_password("a@gmail.com", Secret("abcdefghijklmnop"))
    assert (result.status, result.reason) == (KeyringStatus.REFUSED, name)
    assert backend.store == {}
    assert load_app_password("a@gmail.com").status is KeyringStatus.REFUSED


def test_a_backend_the_user_names_is_accepted(monkeypatch) -> None:
    backend = type("CryptFileKeyring", (MemoryKeyring,), {"__module__": "keyrings.cryptfile.cryptfile"})()
    monkeypatch.setenv(ALLOW_BACKEND_VARIABLE, "keyrings.cryptfile.cryptfile.CryptFileKeyring")
    keyring.set_keyring(backend)
    assert store_app_password("a@gmail.com", Secret("abcdefghijklmnop")).status is KeyringStatus.OK


def test_the_chainer_uses_the_first_platform_store_it_holds(monkeypatch) -> None:
    from keyring.backends.chainer import ChainerBackend

    plaintext = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})()
    platform = type("Keyring", (MemoryKeyring,), {"__module__": "keyring.backends.SecretService"})()
    chainer = ChainerBackend()
    monkeypatch.setattr(ChainerBackend, "backends", property(lambda self: [plaintext, platform]))
    monkeypatch.delenv(ALLOW_BACKEND_VARIABLE)
    keyring.set_keyring(chainer)
    assert store_app_password("a@gmail.com", Secret("abcdefghijklmnop")).status is KeyringStatus.OK
    assert plaintext.store == {} and platform.store


class BlockingKeyring(MemoryKeyring):
    """A store waiting on an unlock prompt nobody sees."""

    def __init__(self) -> None:
        super().__init__()
        import threading

        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(60)
        return None

    set_password = lambda self, *args: self.release.wait(60)  # noqa: E731


def test_a_store_that_never_answers_times_out(monkeypatch) -> None:
    import time

    backend = BlockingKeyring()
    monkeypatch.setenv(ALLOW_BACKEND_VARIABLE, backend_name(backend))
    keyring.set_keyring(backend)
    started = time.monotonic()
    assert load_app_password("a@gmail.com", timeout=0.5).status is KeyringStatus.TIMED_OUT
    assert store_app_password("a@gmail.com", Secret("abcdefghijklmnop"), timeout=0.5).status is KeyringStatus.TIMED_OUT
    assert time.monotonic() - started < 30  # the store would block for 60 s each time
    backend.release.set()
