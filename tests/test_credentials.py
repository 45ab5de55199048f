"""Keyring access with a real in-memory backend, and with none."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked, PasswordSetError
from memory_keyring import MemoryKeyring

from wizard.core.credentials import KEYRING_SERVICE, KeyringStatus, load_app_password, store_app_password


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
    assert store_app_password("a@gmail.com", "abcdefghijklmnop").status is KeyringStatus.OK
    assert backend.store == {(KEYRING_SERVICE, "a@gmail.com"): "abcdefghijklmnop"}
    loaded = load_app_password("a@gmail.com")
    assert (loaded.status, loaded.password) == (KeyringStatus.OK, "abcdefghijklmnop")
    assert "abcdefghijklmnop" not in repr(loaded)


def test_no_backend() -> None:
    keyring.set_keyring(fail.Keyring())
    assert store_app_password("a@gmail.com", "abcdefghijklmnop").status is KeyringStatus.NO_BACKEND
    assert load_app_password("a@gmail.com").status is KeyringStatus.NO_BACKEND


@pytest.mark.parametrize(
    ("error", "status"),
    [(KeyringLocked("locked"), KeyringStatus.LOCKED), (PasswordSetError("abcdefghijklmnop"), KeyringStatus.FAILED), (OSError(5, "I/O"), KeyringStatus.FAILED)],
)
def test_backend_errors_never_carry_the_message(error: Exception, status: KeyringStatus) -> None:
    keyring.set_keyring(BrokenKeyring(error))
    result = store_app_password("a@gmail.com", "abcdefghijklmnop")
    assert result.status is status
    assert "abcdefghijklmnop" not in result.reason
    assert result.reason == type(error).__name__


def test_plaintext_file_backend_is_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    assert store_app_password("a@gmail.com", "abcdefghijklmnop").status is KeyringStatus.NO_BACKEND
    assert backend.store == {}
