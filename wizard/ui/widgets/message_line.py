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

    def say(self, text: str, tone: Tone = Tone.PLAIN) -> None:
        """Show `text` in `tone`."""
        self.update(text)
        tone.show_on(self)

    @property
    def tone(self) -> Tone:
        return Tone.of(self)
