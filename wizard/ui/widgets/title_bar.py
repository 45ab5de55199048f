"""The line at the top of every screen: the app's name, and the practice-mode banner.

Used instead of Textual's Header, which crashes when its screen is replaced while it is
still mounting (as happens when someone holds down the → key).
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        app = self.app
        self.update(f"{app.title} — {app.sub_title}" if app.sub_title else app.title)
