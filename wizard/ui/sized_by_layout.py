"""Widgets whose new size, found by a layout, does not ask for another layout.

Textual lays the whole screen out again when any widget's scrollable (virtual) size changes
after a layout, in the next frame (1/60 s later). For a paragraph or a plain container that
second layout finds what the first did: their children are placed from the container's own
size, never from its virtual size. A scrolling container still lays out again when its scroll
bar comes or goes (Textual's scroll bar flags ask for that themselves), and its scroll bars and
scroll limits are still updated here.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget

from wizard.ui.widgets.folded import Folded


class SizedByLayout(Widget):
    """Overrides Textual's private `Widget._size_updated` (listed in ARCHITECTURE.md).

    Named after the Textual class it is mixed into (`class X(Vertical, SizedByLayout)`): Textual
    takes a widget's default CSS from its first base class only."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Its own size still counts: Resize, repaint, scroll bars.
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class LaidOutVertical(Vertical, SizedByLayout):
    pass


class LaidOutHorizontal(Horizontal, SizedByLayout):
    pass


class LaidOutVerticalScroll(VerticalScroll, SizedByLayout):
    pass


class LaidOutCollapsible(Folded, SizedByLayout):
    pass
