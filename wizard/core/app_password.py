"""Checking a pasted Google app password.

Google shows app passwords as four groups of four letters (`abcd efgh ijkl mnop`).
People paste them with spaces, a trailing newline, full-width letters from a Japanese
input method, or paste something else entirely. Each case gets its own explanation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from wizard.core.output_filter import strip_control_sequences
from wizard.core.secret import Secret

APP_PASSWORD_LENGTH = 16

_SMS_CODE = re.compile(r"(?:g-?)?\d{6}")
_LETTERS = re.compile(r"[a-z]*")


class Verdict(Enum):
    EMPTY = "empty"
    VALID = "valid"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    SMS_CODE = "sms_code"
    NOT_LETTERS = "not_letters"


@dataclass(frozen=True)
class PasswordCheck:
    verdict: Verdict
    letters: int
    """How many characters the normalised input has."""
    value: Secret
    """The normalised password; empty unless the verdict is VALID."""

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID

    def __repr__(self) -> str:
        # The value is a secret: keep it out of logs, tracebacks and test reports.
        return f"PasswordCheck(verdict={self.verdict}, letters={self.letters})"


def group_in_fours(password: str) -> str:
    """The way Google shows an app password: `abcd efgh ijkl mnop`."""
    return " ".join(password[i : i + 4] for i in range(0, len(password), 4))


def normalise_app_password(text: str) -> str:
    """NFKC (full-width to ASCII), drop every kind of white space, lower-case."""
    text = unicodedata.normalize("NFKC", strip_control_sequences(text))
    return "".join(char for char in text if not char.isspace()).lower()


def check_app_password(text: str) -> PasswordCheck:
    value = normalise_app_password(text)
    count = len(value)
    if not value:
        verdict = Verdict.EMPTY
    elif _SMS_CODE.fullmatch(value):
        verdict = Verdict.SMS_CODE
    elif not (_LETTERS.fullmatch(value) and value.isascii()):
        verdict = Verdict.NOT_LETTERS
    elif count < APP_PASSWORD_LENGTH:
        verdict = Verdict.TOO_SHORT
    elif count > APP_PASSWORD_LENGTH:
        verdict = Verdict.TOO_LONG
    else:
        verdict = Verdict.VALID
    return PasswordCheck(verdict, count, Secret(value) if verdict is Verdict.VALID else Secret())
