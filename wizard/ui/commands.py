"""Commands for the command palette (Ctrl+P): go to any step, the welcome screen, quit."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from wizard.core.step_content import load_steps

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp


def wizard_commands(app: WizardApp) -> Iterable[SystemCommand]:
    texts = app.texts
    for step in load_steps():
        yield SystemCommand(
            texts("command.goto", number=step.number),
            step.text[texts.lang].title,
            partial(app.show_step, step.number),
        )
    yield SystemCommand(texts("command.test_send"), texts("command.test_send_help"), app.show_test_send)
    yield SystemCommand(texts("command.account"), texts("command.account_help"), app.show_account)
    yield SystemCommand(texts("command.welcome"), texts("command.welcome_help"), app.show_welcome)
    yield SystemCommand(texts("key.quit"), texts("command.quit_help"), app.exit)
