"""A line of feedback under the thing it is about, in place of a pop-up notification.

Toasts cover the Back/Next buttons and, in some terminals, drop wide characters; a
message beside the button that was pressed is also easier to connect with it.
"""

from __future__ import annotations

from wizard.ui.prose import Prose
from wizard.ui.tone import Tone


class MessageLine(Prose):
    DEFAULT_CSS = """
    MessageLine {
        color: $text-muted;
    }
    MessageLine.-error {
        color: $text-error;
    }
    MessageLine.-warning {
        color: $text-warning;
    }
    MessageLine.-ok {
        color: $text-success;
    }
    """

    in_view = False
    """Scrolled into view again whenever it changes size: set by `say_in_view`, cleared by `say`."""

    def say(self, text: str, tone: Tone = Tone.PLAIN) -> None:
        """Show `text` in `tone`."""
        self.in_view = False
        self.update(text)
        tone.show_on(self)

    def say_in_view(self, text: str, tone: Tone = Tone.PLAIN) -> None:
        """Show `text` and keep all of it in view, once laid out at its new size (later on a busy machine)."""
        self.say(text, tone)
        self.in_view = True
        self.scroll_visible(animate=False)

    def on_resize(self) -> None:
        if self.in_view:
            self.scroll_visible(animate=False)

    @property
    def tone(self) -> Tone:
        return Tone.of(self)
