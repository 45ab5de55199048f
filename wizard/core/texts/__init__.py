"""Every user-visible string of the wizard, read from one TOML file per language.

`ja.toml` and `en.toml` sit beside this module, grouped by screen or area
(`[welcome]`, `[diagnosis.bad_credentials]`, ...); a key is the dotted path,
e.g. `texts("welcome.heading")`. Step content lives in the steps data instead.
Besides the values a caller passes, any text may say `{step:<id>}` (that step's
number) and `{step_count}`.
A test checks that both files have the same keys and the same {placeholders},
and that every key is used.
"""

from __future__ import annotations

import os
from enum import Enum
from functools import cache

from wizard.core.language import LANGUAGES


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


@cache
def load_texts(lang: str) -> dict[str, str]:
    """All strings of one language, by dotted key."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    # Imported here, and the file read beside this module rather than through
    # importlib.resources (10 ms more): start-up time counts.
    import tomllib

    return _flatten(tomllib.loads(_read(lang)))


def _read(lang: str) -> str:
    # os.path rather than pathlib: `check` has no other use for pathlib's imports.
    with open(os.path.join(os.path.dirname(__file__), f"{lang}.toml"), encoding="utf-8") as file:
        return file.read()


_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _NotCut(Exception):
    """The file cannot be cut at its table headers with certainty: it is read whole."""


@cache
def _tables(lang: str) -> dict[str, str]:
    """One language's file cut at its table headers (`[cli]`, `[diagnosis.certificate]`): name -> lines.

    A command needs a few tables of the file's eighty; parsing only those spares most of
    the TOML parser's time. Anything but a plain `[name]` line at a cut is left to `load_texts`.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    data = _read(lang)
    tables: dict[str, str] = {}
    for number, chunk in enumerate(("\n" + data).split("\n[")):
        name, body = "", chunk
        if number:
            header, _, body = chunk.partition("\n")
            name, closed, rest = header.partition("]")
            plain = all(part and set(part) <= _BARE_KEY for part in name.split("."))
            if not (closed and plain) or rest.strip()[:1] not in ("", "#") or name in tables:
                raise _NotCut(header)
        tables[name] = body
    return tables


@cache
def _table(lang: str, name: str) -> dict[str, str]:
    import tomllib

    return _flatten(tomllib.loads(_tables(lang)[name]), f"{name}." if name else "")


def text(lang: str, key: str) -> str:
    """One string (as `load_texts(lang)[key]`), parsing only the table that holds it."""
    import tomllib

    try:
        tables = _tables(lang)
        name = key
        while True:  # the longest table name the key starts with; keys before any header are ""'s
            name = name.rpartition(".")[0]
            if not name or name in tables:
                break
        return _table(lang, name)[key]
    except (_NotCut, tomllib.TOMLDecodeError):
        return load_texts(lang)[key]


class _StepNumber:
    """Formats `{step:<id>}` as that step's number, so no text hard-codes one."""

    def __format__(self, step_id: str) -> str:
        from wizard.core.step_order import number_of

        return str(number_of(step_id))


class _Values(dict):
    """The caller's values, plus `step` and `step_count`, which every text may use."""

    def __missing__(self, name: str) -> object:
        if name == "step":
            return _StepNumber()
        if name == "step_count":
            from wizard.core.step_order import step_count

            return step_count()
        raise KeyError(name)


def fill(template: str, /, **values: object) -> str:
    """Format `template` with `values`, and with `{step:<id>}` and `{step_count}` as every text may."""
    return template.format_map(_Values(values))


class Texts:
    """The strings of one language: `texts("section.key", name=value)`."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language: {lang!r}")
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return fill(text(self.lang, key), **values)


class TextKeyed(Enum):
    """An Enum whose every value is the key of its words (`copy.system`, `open.failed`)."""

    @property
    def text_key(self) -> str:
        return str(self.value)

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.text_key,)
