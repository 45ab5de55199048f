"""The fourteen steps of Ecrea's guide, read from the TOML files in `steps/` (installed as `wizard.steps`).

Screens, the `guide` command and the tests all read the steps through `load_steps`,
so there is one source for what a user is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from wizard.core.language import LANGUAGES

STEP_COUNT = 14


@dataclass(frozen=True)
class GoogleLabel:
    """A button or link as Google (or Ecrea) shows it, with the other names it has had."""

    text: dict[str, str]
    also: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class StepText:
    short: str
    title: str
    instructions: str
    help: str
    warning: str = ""


@dataclass(frozen=True)
class Step:
    number: int
    text: dict[str, StepText]
    press: tuple[GoogleLabel, ...] = ()
    url: str = ""
    example: str = ""
    copy: dict[str, str] = field(default_factory=dict)


class StepContentError(ValueError):
    """A step file is missing, malformed or lacks a language."""


def _read_label(raw: dict, where: str) -> GoogleLabel:
    text, also = {}, {}
    for lang in LANGUAGES:
        if not raw.get(lang):
            raise StepContentError(f"{where}: press label lacks '{lang}'")
        text[lang] = raw[lang]
        also[lang] = tuple(raw.get(f"{lang}_also", ()))
    return GoogleLabel(text=text, also=also)


def parse_step(raw: dict, where: str) -> Step:
    text = {}
    for lang in LANGUAGES:
        table = raw.get(lang)
        if not isinstance(table, dict):
            raise StepContentError(f"{where}: no [{lang}] table")
        try:
            text[lang] = StepText(
                short=table["short"],
                title=table["title"],
                instructions=table["instructions"].strip(),
                help=table["help"].strip(),
                warning=table.get("warning", ""),
            )
        except KeyError as missing:
            raise StepContentError(f"{where}: [{lang}] lacks {missing}") from None
    copy = raw.get("copy", {})
    if copy and set(copy) != set(LANGUAGES):
        raise StepContentError(f"{where}: [copy] needs every language")
    return Step(
        number=raw["number"],
        text=text,
        press=tuple(_read_label(label, where) for label in raw.get("press", ())),
        url=raw.get("url", ""),
        example=raw.get("example", ""),
        copy=copy,
    )


@cache
def load_steps() -> tuple[Step, ...]:
    # Imported here: the welcome screen needs no step, and start-up time counts.
    import tomllib
    from importlib import resources

    folder = resources.files("wizard.steps")
    steps = []
    for number in range(1, STEP_COUNT + 1):
        name = f"{number:02d}.toml"
        raw = tomllib.loads((folder / name).read_text(encoding="utf-8"))
        step = parse_step(raw, name)
        if step.number != number:
            raise StepContentError(f"{name}: says it is step {step.number}")
        steps.append(step)
    return tuple(steps)


def get_step(number: int) -> Step:
    return load_steps()[number - 1]
