"""The app password in the operating system's keyring, and nowhere else.

Service name: "ecrea-gmail-setup"; user name: the Gmail address. When no secure
keyring is available the password is simply not stored: there is no file fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

KEYRING_SERVICE = "ecrea-gmail-setup"

# Backends that would write the password to a file in plain text (or not at all).
_REFUSED_BACKENDS = {
    ("keyrings.alt.file", "PlaintextKeyring"),
    ("keyring.backends.null", "Keyring"),
    ("keyring.backends.fail", "Keyring"),
}


class KeyringStatus(Enum):
    OK = "ok"
    NOT_FOUND = "not_found"
    NO_BACKEND = "no_backend"
    LOCKED = "locked"
    FAILED = "failed"


@dataclass(frozen=True)
class KeyringResult:
    status: KeyringStatus
    password: str = ""
    reason: str = ""
    """The error's type name only: a backend's message could echo what it was given."""

    def __repr__(self) -> str:
        return f"KeyringResult(status={self.status}, reason={self.reason!r})"


def _secure_keyring():
    # Imported here: keyring discovers its backends on import, which is slow.
    import keyring

    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    candidates = chained if chained is not None else [backend]
    usable = [b for b in candidates if (type(b).__module__, type(b).__name__) not in _REFUSED_BACKENDS]
    if not usable:
        return None
    return backend if chained is None else usable[0]


def _failure(error: Exception) -> KeyringResult:
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(error, NoKeyringError):
        return KeyringResult(KeyringStatus.NO_BACKEND, reason=type(error).__name__)
    if isinstance(error, KeyringLocked):
        return KeyringResult(KeyringStatus.LOCKED, reason=type(error).__name__)
    return KeyringResult(KeyringStatus.FAILED, reason=type(error).__name__)


def store_app_password(address: str, password: str) -> KeyringResult:
    try:
        backend = _secure_keyring()
        if backend is None:
            return KeyringResult(KeyringStatus.NO_BACKEND)
        backend.set_password(KEYRING_SERVICE, address, password)
    except Exception as error:  # Backends raise anything from D-Bus to OS errors.
        return _failure(error)
    return KeyringResult(KeyringStatus.OK)


def load_app_password(address: str) -> KeyringResult:
    try:
        backend = _secure_keyring()
        if backend is None:
            return KeyringResult(KeyringStatus.NO_BACKEND)
        password = backend.get_password(KEYRING_SERVICE, address)
    except Exception as error:  # As above.
        return _failure(error)
    if password is None:
        return KeyringResult(KeyringStatus.NOT_FOUND)
    from wizard.core.app_password import SecretText

    return KeyringResult(KeyringStatus.OK, password=SecretText(password))
