"""The app password as a value that never shows itself.

Textual's crash screen prints local variables, test reports print arguments, and a
dataclass's repr prints its fields: a plain `str` would end up in all of them. A
`Secret` prints as `[hidden]` wherever it is turned into text; `reveal()` is the one
way to its letters, so every place that needs them (AUTH, LOGIN, the keyring, the Copy
button, the "Show password" cell) says so in the code. Making one also remembers the
value for redaction, so it is scrubbed from every report for the rest of the run.
"""

from __future__ import annotations

from wizard.core.redaction import remember_password

HIDDEN = "[hidden]"


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str = "") -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        self._value = value
        remember_password(value)

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        from hmac import compare_digest  # here: hmac imports hashlib and OpenSSL, which start-up never needs

        return compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None  # type: ignore[assignment]  # equal by value, like a str; kept out of sets and dict keys

    def __repr__(self) -> str:
        return f"Secret('{HIDDEN}')"

    def __str__(self) -> str:
        return HIDDEN

    def __format__(self, spec: str) -> str:
        return HIDDEN


NO_SECRET = Secret()
