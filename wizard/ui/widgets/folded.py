"""A Collapsible built with the look its state gives it."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Collapsible


class Folded(Collapsible):
    """Textual's Collapsible takes its "-collapsed" class as it is mounted, which restyles it and its
    contents whole (a step's help, the support record: each new screen); built with the class, its
    mounting styles it once."""

    def __init__(self, *children: Widget, **options: Any) -> None:
        super().__init__(*children, **options)
        self.set_class(self.collapsed, "-collapsed", update=False)
