"""Which language to speak: Japanese or English."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

LANGUAGES = ("ja", "en")


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """The system locale's language when the wizard speaks it, otherwise English.

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


# Windows names locales in words ("Japanese_Japan") where POSIX uses codes ("ja_JP.UTF-8").
_WINDOWS_NAMES = {"japanese": "ja", "english": "en"}


def _language_of(locale_name: str) -> str:
    name = locale_name.lower()
    for word, code in _WINDOWS_NAMES.items():
        if name.startswith(word):
            name = code
    return next((lang for lang in LANGUAGES if name.startswith(lang)), "en")
