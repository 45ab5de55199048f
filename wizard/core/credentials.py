"""The app password in the operating system's password store, and nowhere else.

Service name: "ecrea-gmail-setup"; user name: the Gmail address. Only the platform
stores are used (macOS Keychain, Windows Credential Locker, Secret Service/libsecret,
KWallet, or keyring's chainer over them): any other backend, a plaintext file among
them, is refused unless the user names it in ECREA_GMAIL_SETUP_KEYRING. When no store
is usable the password is simply not stored: there is no file fallback.

Every call has a deadline: a locked store may wait on an unlock prompt hidden behind
another window, and the wizard must go on without it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from wizard.core.bounded import call_with_deadline
from wizard.core.secret import Secret

KEYRING_SERVICE = "ecrea-gmail-setup"
ALLOW_BACKEND_VARIABLE = "ECREA_GMAIL_SETUP_KEYRING"
"""Names one more backend to accept, as module.Class (e.g. for a store the list misses)."""
TIMEOUT_VARIABLE = "ECREA_GMAIL_SETUP_KEYRING_TIMEOUT"
"""Seconds to wait for the password store (default 10, at most 120)."""


def keyring_timeout() -> float:
    import math

    try:
        seconds = float(os.environ.get(TIMEOUT_VARIABLE, "10"))
    except ValueError:
        return 10.0
    return min(seconds, 120.0) if math.isfinite(seconds) and seconds > 0 else 10.0


PLATFORM_BACKENDS = frozenset(
    {
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)
_CHAINER = "keyring.backends.chainer.ChainerBackend"


class KeyringStatus(Enum):
    OK = "ok"
    NOT_FOUND = "not_found"
    NO_BACKEND = "no_backend"
    REFUSED = "refused"
    """The only backend is one not on the list (e.g. a plaintext file)."""
    LOCKED = "locked"
    TIMED_OUT = "timed_out"
    FAILED = "failed"


@dataclass(frozen=True)
class KeyringResult:
    status: KeyringStatus
    password: Secret = field(default_factory=Secret)
    reason: str = ""
    """The error's type name, or the refused backend's name: a backend's message could echo what it was given."""


def backend_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _accepted(name: str) -> bool:
    return name in PLATFORM_BACKENDS or name == os.environ.get(ALLOW_BACKEND_VARIABLE, "")


class _Refused(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _secure_keyring() -> Any:
    """The backend to use; raises _Refused, or keyring's NoKeyringError, when there is none."""
    # Imported here: keyring discovers its backends on import, which is slow.
    import keyring
    from keyring.errors import NoKeyringError

    backend = keyring.get_keyring()
    name = backend_name(backend)
    if name == _CHAINER:
        usable = [inner for inner in getattr(backend, "backends", []) if _accepted(backend_name(inner))]
        if usable:
            return usable[0]
        raise NoKeyringError()
    if name in ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"):
        raise NoKeyringError()
    if not _accepted(name):
        raise _Refused(name)
    return backend


def _failure(error: BaseException) -> KeyringResult:
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(error, _Refused):
        return KeyringResult(KeyringStatus.REFUSED, reason=error.name)
    if isinstance(error, NoKeyringError):
        return KeyringResult(KeyringStatus.NO_BACKEND, reason=type(error).__name__)
    if isinstance(error, KeyringLocked):
        return KeyringResult(KeyringStatus.LOCKED, reason=type(error).__name__)
    if isinstance(error, TimeoutError):
        return KeyringResult(KeyringStatus.TIMED_OUT)
    return KeyringResult(KeyringStatus.FAILED, reason=type(error).__name__)


def store_app_password(address: str, password: Secret, timeout: float | None = None) -> KeyringResult:
    def store() -> None:
        _secure_keyring().set_password(KEYRING_SERVICE, address, password.reveal())

    try:
        call_with_deadline(store, timeout or keyring_timeout())
    except Exception as error:  # Backends raise anything from D-Bus to OS errors.
        return _failure(error)
    return KeyringResult(KeyringStatus.OK)


def load_app_password(address: str, timeout: float | None = None) -> KeyringResult:
    try:
        read = lambda: _secure_keyring().get_password(KEYRING_SERVICE, address)  # noqa: E731
        password = call_with_deadline(read, timeout or keyring_timeout())
    except Exception as error:  # As above.
        return _failure(error)
    if password is None:
        return KeyringResult(KeyringStatus.NOT_FOUND)
    return KeyringResult(KeyringStatus.OK, password=Secret(password))
