"""The line at the top of every screen: the app's name, the practice banner and the version.

Used instead of Textual's Header, which crashes when its screen is replaced while it is
still mounting (as happens when someone holds down the → key). The version is here
so that support staff can ask for it on the phone.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from wizard import __version__


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    def render(self) -> Content:
        app = self.app
        width = self.size.width
        # The banners (practice mode, a debug log) matter more than the app's name: in a
        # narrow window the name goes first, then the version.
        candidates = [f"{app.title} — {app.sub_title}", app.sub_title] if app.sub_title else [app.title]
        title = next((text for text in candidates if cell_len(text) <= width), candidates[-1])
        version = f"v{__version__} "
        used = cell_len(title)
        if used + 2 * cell_len(version) + 2 > width:
            return Content(" " * max(0, (width - used) // 2) + title)
        left = (width - used) // 2
        gap = width - left - used - cell_len(version)
        return Content(" " * left + title + " " * gap + version)
