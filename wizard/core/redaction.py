"""Keeping app passwords out of everything shown, printed or reported.

A server may quote what it was sent (some echo the AUTH line in an error), a password
travels base64-encoded inside AUTH PLAIN and AUTH LOGIN, and a bug's exception message
may quote a password the wizard no longer holds. So every text that leaves the engine is
scrubbed three ways:

- of every password value this process has held (typed, pasted, stored, loaded), in any
  case, plain or grouped in fours, and base64-encoded alone or as `\\0user\\0password`;
- of anything shaped like an app password: 16 ASCII letters bounded by non-letters, or
  four groups of four separated by single spaces, in any case. Names written in
  CamelCase with two capitals or more (`WebLoginRequired`, `InterruptedError`) are left
  alone: Google never writes an app password that way, and tracebacks and Gmail's
  replies are full of such names. An ordinary 16-letter word is hidden too; that is the
  price of the pattern;
- of every base64 run that decodes to text holding either of the above.
"""

from __future__ import annotations

import base64
import binascii
import re

REDACTED = "[redacted]"
MIN_HELD_LENGTH = 8
"""Shorter values are not remembered: hiding every "a" would leave nothing readable."""

_APP_PASSWORD_SHAPE = re.compile(r"(?<![A-Za-z])(?:[A-Za-z]{16}|[A-Za-z]{4}(?: [A-Za-z]{4}){3})(?![A-Za-z])")
_CAMEL_CASE_NAME = re.compile(r"(?:[A-Z]+[a-z]+){2,}")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{20,}={0,2}")

_held: set[str] = set()


def _in_fours(password: str) -> str:
    # As Google shows an app password (app_password.group_in_fours, which cannot be imported
    # here: a Secret remembers itself for redaction, and app passwords are Secrets).
    return " ".join(password[i : i + 4] for i in range(0, len(password), 4))


def remember_password(password: str) -> None:
    """Hide `password` from every later report and printout, whoever holds it by then."""
    normalised = "".join(password.split()).lower()
    if len(normalised) >= MIN_HELD_LENGTH:
        _held.add(normalised)


def secret_forms(address: str, password: str) -> list[str]:
    """The password as it could appear: plain, spaced, and in the base64 of AUTH PLAIN / LOGIN / IMAP."""
    if not password:
        return []
    forms = {password, _in_fours(password)}
    for raw in (password, f"\0{address}\0{password}", f"{address}\0{password}"):
        encoded = base64.b64encode(raw.encode()).decode()
        forms.add(encoded)
        forms.add(encoded.rstrip("="))
    # Longest first, so a form that contains another is replaced whole.
    return sorted(forms, key=len, reverse=True)


def _shaped_like_an_app_password(text: str) -> bool:
    return any(not _CAMEL_CASE_NAME.fullmatch(match.group()) for match in _APP_PASSWORD_SHAPE.finditer(text))


def _decoded(run: str) -> list[str]:
    """What a base64 run could say, read from each of the four possible starts."""
    texts = []
    for start in range(4):
        body = run[start:].rstrip("=")
        if len(body) % 4 == 1:
            body = body[:-1]
        try:
            texts.append(base64.b64decode(body + "=" * (-len(body) % 4)).decode("latin-1"))
        except (binascii.Error, ValueError):
            continue
    return texts


def _hides_a_password(run: str, held: set[str]) -> bool:
    for text in _decoded(run):
        lowered = "".join(text.split()).lower()
        if _shaped_like_an_app_password(text) or any(secret in lowered for secret in held):
            return True
    return False


def _held_pattern(secret: str) -> re.Pattern[str]:
    """`secret` in any case, plain or spaced anywhere (grouped in fours, or as it was typed)."""
    return re.compile(r"\s?".join(re.escape(char) for char in secret), re.IGNORECASE)


def redact(text: str, address: str = "", password: str = "") -> str:
    """`text` without `password` or any other password held or shaped like one, in any form."""
    held = set(_held)
    if len("".join(password.split())) >= MIN_HELD_LENGTH:
        held.add("".join(password.split()).lower())
    for secret in secret_forms(address, password):
        text = text.replace(secret, REDACTED)
    text = _BASE64_RUN.sub(lambda run: REDACTED if _hides_a_password(run.group(), held) else run.group(), text)
    for secret in sorted(held, key=len, reverse=True):
        text = _held_pattern(secret).sub(REDACTED, text)

    def shape(match: re.Match[str]) -> str:
        return match.group() if _CAMEL_CASE_NAME.fullmatch(match.group()) else REDACTED

    return _APP_PASSWORD_SHAPE.sub(shape, text)
