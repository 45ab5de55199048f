"""A text widget that wraps Japanese the way it is written (see line_breaking)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from wizard.ui.line_breaking import break_lines


class Prose(Widget):
    DEFAULT_CSS = """
    Prose {
        height: auto;
    }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text

    def update(self, text: str) -> None:
        if text == self.text:
            return  # the same words: no layout of the screen for them (a step's help, shown folded)
        self.text = text
        self.refresh(layout=True)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual lays the whole screen out again when any widget's scrollable size changes after a
        # layout, for the scroll bars it may need. A paragraph scrolls nothing and holds nothing: the
        # layout that sized it was already right. (Its own size still counts: Resize, repaint.)
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def render(self) -> Content:
        return Content("\n".join(break_lines(self.text, self.content_size.width)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # An empty message takes no room.
        return len(break_lines(self.text, width)) if self.text else 0

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line) for line in self.text.splitlines()), default=0)
