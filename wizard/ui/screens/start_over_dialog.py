"""Asks before starting over: the answer is yes or no, and Esc (or a click outside) is no."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from wizard.ui.keys import localized
from wizard.ui.prose import Prose
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.wizard_widget import WizardWidget


class StartOverDialog(WizardWidget, ModalScreen[bool]):
    CSS_PATH = "start_over_dialog.tcss"
    # No is the safe answer: Enter right after the question keeps everything.
    AUTO_FOCUS = "#keep"
    BINDINGS = localized("escape", "keep", "welcome.start_over_dialog.no", key_display="Esc")

    def __init__(self, last_success: str) -> None:
        super().__init__()
        self.last_success = last_success
        """The date of the record that is kept, as the welcome screen writes it."""

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        with Vertical(id="start-over-dialog"):
            yield Prose(t("welcome.start_over_dialog.question"), id="start-over-question")
            yield Prose(t("welcome.start_over_dialog.detail", date=self.last_success), id="start-over-detail")
            with Horizontal(id="start-over-buttons"):
                yield Button(t("welcome.start_over_dialog.yes"), id="confirm-start-over", variant="error")
                yield Button(t("welcome.start_over_dialog.no"), id="keep", variant="primary")
        yield KeyFooter()

    @on(Button.Pressed, "#confirm-start-over")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(False)

    def on_click(self, event: events.Click) -> None:
        # A click on the dimmed screen around the question is a no, as Esc is.
        if event.widget is self:
            self.dismiss(False)
