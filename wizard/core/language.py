"""Which language to speak: Japanese or English."""

from __future__ import annotations

import locale
import os

LANGUAGES = ("ja", "en")


def detect_language(environ: dict[str, str] | None = None) -> str:
    """Japanese when the system locale is Japanese, otherwise English.

    Environment variables are read first, as POSIX programs do; Windows and some
    macOS setups leave them unset, so the process locale is the fallback.
    """
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return _language_of(value)
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return _language_of(current)


def _language_of(locale_name: str) -> str:
    # "ja_JP.UTF-8" on POSIX, "Japanese_Japan" on Windows.
    return "ja" if locale_name.lower().startswith(("ja", "japanese")) else "en"
