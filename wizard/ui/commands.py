"""The command palette (Ctrl+P): every step in order, found by number or by words.

Textual's own commands and texts are in English only, so the palette has ours alone,
and the palette itself is given the user's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import (
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
)
from textual.widgets.option_list import Option

from wizard.core.step_content import first_step, load_steps
from wizard.core.texts import Texts
from wizard.ui.places import Account, AtStep, Send, Welcome
from wizard.ui.widgets.wizard_widget import WizardWidget

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp

# A step named by its number outranks every word match.
EXACT_STEP = 2.0


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    run: Callable[[], object]
    step: int | None = None


def wizard_commands(app: WizardApp) -> list[Command]:
    t = app.texts
    commands = [
        Command(t("command.goto", number=n), step.text[t.lang].title, partial(app.go, AtStep(step.id)), n)
        for n, step in enumerate(load_steps(), 1)
    ]
    commands += [
        Command(t("command.test_send"), t("command.test_send_help"), partial(app.go, Send())),
        Command(t("explain.open"), t("explain.open_help"), app.show_explain_error),
        Command(t("command.account"), t("command.account_help"), partial(app.go, Account(first_step().id))),
        Command(t("command.welcome"), t("command.welcome_help"), partial(app.go, Welcome())),
        Command(t("command.about"), t("command.about_help"), app.show_about),
        Command(t("key.quit"), t("command.quit_help"), app.exit),
    ]
    return commands


def step_number_in(query: str) -> int | None:
    """The one number in a query, full-width digits included ("１１", "ステップ11")."""
    numbers = re.findall(r"\d+", unicodedata.normalize("NFKC", query))
    return int(numbers[0]) if len(numbers) == 1 else None


class WizardCommands(WizardWidget, Provider):
    @property
    def commands(self) -> list[Command]:
        return wizard_commands(self.wizard)

    async def discover(self) -> Hits:
        for command in self.commands:
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        query = unicodedata.normalize("NFKC", query).strip()
        number = step_number_in(query)
        matcher = self.matcher(query)
        for command in self.commands:
            if command.step is not None and number is not None:
                # A number names a step: that step alone, whatever else the query says.
                score = EXACT_STEP if command.step == number else 0.0
            else:
                score = matcher.match(f"{command.title} {command.help}")
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)


class WizardPalette(CommandPalette):
    """Textual's command palette, speaking the user's language."""

    def __init__(self, texts: Texts) -> None:
        super().__init__(placeholder=texts("palette.placeholder"), id="--command-palette")
        self.texts = texts

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As Textual's own, with its "No matches found" in the user's language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.texts("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
