"""What every screen of the wizard shares: keys in the user's language, keyboard scrolling."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen

from wizard.ui.widgets.wizard_widget import WizardWidget


class WizardScreen(WizardWidget, Screen[None]):
    """A screen whose scrolling part has the class `body`."""

    # PageDown and the arrows scroll the body from anywhere on the screen, e.g. from
    # the Back/Next buttons below it; a focused field or list that uses a key keeps it.
    BINDINGS = [
        Binding("pagedown", "scroll_body('page_down')", show=False),
        Binding("pageup", "scroll_body('page_up')", show=False),
        Binding("down", "scroll_body('down')", show=False),
        Binding("up", "scroll_body('up')", show=False),
    ]

    def action_scroll_body(self, how: str) -> None:
        try:
            body = self.query_one(".body", VerticalScroll)
        except NoMatches:
            return
        getattr(body, f"scroll_{how}")(animate=False)
