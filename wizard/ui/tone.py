"""How a line of feedback or a result's title is coloured: plain, done, take care, failed."""

from __future__ import annotations

from enum import Enum

from textual.dom import DOMNode


class Tone(Enum):
    PLAIN = "plain"
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"

    @property
    def css_class(self) -> str:
        """The class the widget's CSS colours ("-ok", ...); PLAIN has none."""
        return "" if self is Tone.PLAIN else f"-{self.value}"

    def show_on(self, node: DOMNode) -> None:
        """Give `node` this tone's class and take the others away."""
        for tone in Tone:
            if tone.css_class:
                node.set_class(tone is self, tone.css_class)

    @classmethod
    def of(cls, node: DOMNode) -> Tone:
        """The tone `node` shows now."""
        return next((tone for tone in cls if tone.css_class and node.has_class(tone.css_class)), cls.PLAIN)
