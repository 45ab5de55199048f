"""A line of feedback under the thing it is about, in place of a pop-up notification.

Toasts cover the Back/Next buttons and, in some terminals, drop wide characters; a
message beside the button that was pressed is also easier to connect with it.
"""

from __future__ import annotations

from wizard.ui.prose import Prose

TONES = ("-ok", "-warning", "-error")


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

    def say(self, text: str, tone: str = "") -> None:
        """Show `text`; `tone` is "", "-ok", "-warning" or "-error"."""
        self.update(text)
        for name in TONES:
            self.set_class(name == tone, name)
