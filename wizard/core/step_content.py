"""The steps of Ecrea's guide, read from `steps/` (installed as the `wizard.steps` package).

Each step is one TOML file named by its id; `order.toml` lists the ids in order, and a
step's number is its place there. Texts refer to other steps as `{step:<id>}` and to
the step's own page as `{open_page}`, so inserting a step renumbers nothing by hand.
Screens, the `guide` command and the tests all read the steps through `load_steps`,
so there is one source for what a user is told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TypeVar

from wizard.core.language import LANGUAGES
from wizard.core.step_order import StepContentError, read_order, steps_folder
from wizard.core.texts import Texts, fill


class Panel(Enum):
    """What a step may add to its text: the app password check, or Ecrea's form."""

    NONE = ""
    APP_PASSWORD = "app-password"
    ECREA_SETTINGS = "ecrea-settings"


class Page(Enum):
    """Whose page a step's labels are on."""

    GOOGLE = "google"
    ECREA = "ecrea"

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (f"step.on_{self.value}",)


class LabelKind(Enum):
    """What a label names on Google's (or Ecrea's) page; each kind has its own verb."""

    BUTTON = "button"
    MENU = "menu"
    SECTION = "section"
    CHOICE = "choice"
    FIELD = "field"

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (f"step.kind_{self.value}",)


E = TypeVar("E", bound=Enum)


def _member(enum: type[E], value: object, where: str, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        choices = tuple(member.value for member in enum if member.value)
        raise StepContentError(f"{where}: {what} {value!r} is not one of {choices}") from None
_REFERENCE = re.compile(r"\{step:([a-z0-9-]+)\}")


@dataclass(frozen=True)
class GoogleLabel:
    """A button or link as Google (or Ecrea) shows it, with the other names it has had."""

    text: dict[str, str]
    also: dict[str, tuple[str, ...]]
    kind: LabelKind = LabelKind.BUTTON


@dataclass(frozen=True)
class StepText:
    short: str
    title: str
    instructions: str
    help: str
    warning: str = ""
    wizard_note: str = ""
    """Said in the wizard only (e.g. that it never needs this): the guide stands alone."""


@dataclass(frozen=True)
class Skip:
    """"If this screen does not appear, continue with step N": the text, and the step."""

    to: str
    text: dict[str, str]


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    text: dict[str, StepText]
    press: tuple[GoogleLabel, ...] = ()
    url: str = ""
    example: str = ""
    copy: dict[str, str] = field(default_factory=dict)
    panel: Panel = Panel.NONE
    skip: Skip | None = None
    page: Page = Page.GOOGLE
    """Whose page the labels are on: Google's, or Ecrea's own form."""


def _read_label(raw: dict, where: str) -> GoogleLabel:
    text, also = {}, {}
    for lang in LANGUAGES:
        if not raw.get(lang):
            raise StepContentError(f"{where}: press label lacks '{lang}'")
        text[lang] = raw[lang]
        also[lang] = tuple(raw.get(f"{lang}_also", ()))
    kind = _member(LabelKind, raw.get("kind", "button"), where, "press label kind")
    return GoogleLabel(text=text, also=also, kind=kind)


def _per_language(raw: object, where: str, what: str) -> dict[str, str]:
    if not isinstance(raw, dict) or set(raw) - {"to"} != set(LANGUAGES):
        raise StepContentError(f"{where}: [{what}] needs every language")
    return {lang: raw[lang] for lang in LANGUAGES}


def parse_step(raw: dict, step_id: str, number: int, where: str) -> Step:
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
                wizard_note=table.get("wizard_note", ""),
            )
        except KeyError as missing:
            raise StepContentError(f"{where}: [{lang}] lacks {missing}") from None
    copy = _per_language(raw["copy"], where, "copy") if "copy" in raw else {}
    skip = None
    if "skip" in raw:
        skip = Skip(to=raw["skip"].get("to", ""), text=_per_language(raw["skip"], where, "skip"))
    panel = _member(Panel, raw.get("panel", ""), where, "panel")
    page = _member(Page, raw.get("page", "google"), where, "page")
    return Step(
        id=step_id,
        number=number,
        text=text,
        press=tuple(_read_label(label, where) for label in raw.get("press", ())),
        url=raw.get("url", ""),
        example=raw.get("example", ""),
        copy=copy,
        panel=panel,
        skip=skip,
        page=page,
    )


def read_steps(folder: Path) -> tuple[Step, ...]:
    """Read and check every step in `folder`: the order, each file, and every {step:...} reference."""
    import tomllib

    order = read_order(folder)
    steps = []
    for number, step_id in enumerate(order, 1):
        where = f"{step_id}.toml"
        try:
            raw = tomllib.loads((folder / where).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise StepContentError(f"{where}: {error}") from None
        steps.append(parse_step(raw, step_id, number, where))
    known = set(order)
    for step in steps:
        texts = [value for text in step.text.values() for value in vars(text).values()]
        named = {match for value in texts for match in _REFERENCE.findall(value)}
        if step.skip:
            named.add(step.skip.to)
        if named - known:
            raise StepContentError(f"{step.id}.toml: names unknown steps {sorted(named - known)}")
    return tuple(steps)


@cache
def load_steps() -> tuple[Step, ...]:
    return read_steps(steps_folder())


def get_step(number: int) -> Step:
    return load_steps()[number - 1]


def step_by_id(step_id: str) -> Step:
    """The step with this id; raises KeyError for an unknown id."""
    from wizard.core.step_order import number_of

    return get_step(number_of(step_id))


def step_after(step: Step) -> Step | None:
    steps = load_steps()
    return steps[step.number] if step.number < len(steps) else None


def step_before(step: Step) -> Step | None:
    return load_steps()[step.number - 2] if step.number > 1 else None


def first_step() -> Step:
    return load_steps()[0]


def last_step() -> Step:
    return load_steps()[-1]


def step_with_panel(panel: Panel) -> Step:
    return next(step for step in load_steps() if step.panel is panel)


WIZARD_ONLY = "{in_wizard}"
"""Starts a line that is about the wizard's own screen: the guide leaves it out."""


def step_text(text: str, texts: Texts, *, url: str | None = None) -> str:
    """A step's text with its references filled in, for the wizard or (given `url`) the guide.

    {step:<id>} becomes that step's number; {open_page} becomes the wizard's "Open page"
    button, or in the guide the address itself; lines marked {in_wizard} are the wizard's.
    """
    if url is not None:
        text = "\n".join(line for line in text.splitlines() if WIZARD_ONLY not in line)
    open_page = texts("step.open_page_ref") if url is None else texts("guide.open_page_ref", url=url)
    return fill(text, open_page=open_page, in_wizard="")
