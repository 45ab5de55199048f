"""The line at the top of every screen: the status line, the app's name or the banners, the version.

Used instead of Textual's Header, which crashes when its screen is replaced while it is
still mounting (as happens when someone holds down the → key). The status line
(`S13 · 本番 · 保存済み · 送信OK`, see wizard.core.status_line) comes first and is never
cut: on the phone the user reads it out. The version is here so that support staff can
ask for it too.
"""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget

from wizard import __version__
from wizard.core.status_line import StatusLine
from wizard.ui.widgets.wizard_widget import WizardWidget

GAP = 2


class TitleBar(WizardWidget, Widget):
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

    def on_mount(self) -> None:
        self.watch(self.app, "status", self.status_changed, init=False)

    def status_changed(self, _: StatusLine | None) -> None:
        # Only a bar that can be seen is drawn now: on the screen on top, or under a window (a modal
        # screen) through which it shows. One out of sight (the welcome screen's, under every other
        # screen) is drawn when its screen is shown again (`WizardScreen.show_status`); repainting
        # it meant repainting the screen on top as well, a frame of its own after each Next.
        top = self.app.screen
        if self.screen is top or isinstance(top, ModalScreen):
            self.refresh()

    def status_text(self) -> str:
        from wizard.ui.places import place_code
        from wizard.ui.screens.base import WizardScreen

        app = self.wizard
        status = app.status
        if status is None:
            return ""
        screen = self.screen
        if isinstance(screen, WizardScreen):
            # This bar's own screen, even while another is taking its place.
            status = replace(status, place=place_code(screen.place))
        return status.text(app.texts)

    def render(self) -> Content:
        app = self.wizard
        width = self.size.width
        status = f" {self.status_text()}"
        version = f"v{__version__} "
        # In a narrow window the app's name goes first, then the banners' sentences (practice
        # mode, a debug log), then the version; a banner's word (the debug log's warning) stays.
        words = app.banner_words
        candidates = [f"{app.title} — {app.sub_title}", app.sub_title, " / ".join(words), *reversed(words)] \
            if app.sub_title else [app.title]
        middle = self.fitting(candidates, width - cell_len(status) - cell_len(version) - 2 * GAP)
        if (not middle and app.sub_title) or cell_len(status) + GAP + cell_len(version) > width:
            version = ""  # a banner warns; the version can be asked for in the palette (About)
            middle = self.fitting(candidates, width - cell_len(status) - 2 * GAP)
        gap = width - cell_len(status) - cell_len(middle) - cell_len(version)
        left = gap // 2 if middle else gap
        return Content(status + " " * max(0, left) + middle + " " * max(0, gap - left) + version)

    @staticmethod
    def fitting(candidates: list[str], room: int) -> str:
        return next((text for text in candidates if text and cell_len(text) <= room), "")
