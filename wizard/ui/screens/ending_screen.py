"""The ending: what the test send proved, what is left to do in Ecrea, and Finish."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer

from wizard.ui.prose import Prose
from wizard.ui.screens.base import WizardScreen
from wizard.ui.widgets.title_bar import TitleBar


class EndingScreen(WizardScreen):
    # Loaded with the screen, not at start-up.
    CSS_PATH = "ending_screen.tcss"
    AUTO_FOCUS = "#finish"

    def __init__(self, sent_at: datetime, code: str, recipient: str) -> None:
        super().__init__()
        self.sent_at = sent_at
        self.code = code
        self.recipient = recipient

    def compose(self) -> ComposeResult:
        app = self.wizard
        t = app.texts
        when = self.sent_at.astimezone().strftime("%H:%M:%S")
        yield TitleBar()
        with Vertical(id="ending-main"):
            with VerticalScroll(id="ending", classes="body"):
                yield Prose(t("ending.heading_practice" if app.practice else "ending.heading"), id="ending-heading")
                yield Prose(
                    t("ending.proven", address=app.progress.email, recipient=self.recipient, time=when, code=self.code),
                    id="ending-proven",
                )
                steps = Prose(t("ending.all_steps_done"), id="ending-next")
                steps.border_title = t("ending.next_heading")
                yield steps
                if app.practice:
                    yield Prose(t("ending.practice_note"), classes="warning")
            with Horizontal(id="nav"):
                yield Button(t("ending.show_settings"), id="show-settings")
                yield Button(t("ending.finish"), id="finish", variant="success")
        yield Footer()

    @on(Button.Pressed, "#show-settings")
    def show_settings(self) -> None:
        self.wizard.show_step(14)

    @on(Button.Pressed, "#finish")
    def finish(self) -> None:
        self.wizard.exit()
