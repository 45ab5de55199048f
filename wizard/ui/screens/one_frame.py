"""A screen that draws what its widgets asked for in one frame, not over two or three.

Textual draws a screen in frames, 1/60 s apart. A widget that changes asks for a repaint or a
layout; the request reaches the screen as a message once that widget is idle, and the screen
draws once it is idle itself. So a request that is late to the screen (a widget busy for a
moment), or made by the layout itself (the body grew: its scroll bar appears, and the text
beside it narrows), is drawn in a frame of its own: a second layout of the whole screen after the
first was drawn with the old widths, visible for a frame, and on Next a second burst of work after
the step was drawn.

Here, just before a frame is drawn, every request still on its way is taken at once: a layout
asked for is made now (once more at most; anything it asks for in turn goes Textual's way), and a
repaint asked for is part of this frame.

Used by the step screen (Next) and the welcome screen (every start). Not yet by the other screens:
mixed into all of them, the Ecrea-send check scrolled its answer to another line (its snapshot
changed), which wants a look before it is taken on.

Overrides Textual's private `Screen._compositor_refresh` and reads the widgets' pending-request
flags (`_layout_required`, `_repaint_required`), listed in ARCHITECTURE.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.screen import Screen
from textual.widget import Widget


class DrawnInOneFrame(Screen[None]):
    """Mixed in after the screen's own base (`class S(WizardScreen, DrawnInOneFrame)`): Textual takes
    a screen's default CSS along its first base class."""

    _laying_out_again = False

    def _compositor_refresh(self) -> None:
        if self.app.is_inline or self is not self.app.screen:
            super()._compositor_refresh()
            return
        layout, repaint = self._take_requests(layout=not self._laying_out_again)
        if layout:
            self._dirty_widgets.update(repaint)
            self._laying_out_again = True
            try:
                self._refresh_layout()  # draws, through this method
            finally:
                self._laying_out_again = False
            return
        if repaint:
            self._compositor.update_widgets(repaint)
        super()._compositor_refresh()

    def _take_requests(self, *, layout: bool) -> tuple[bool, set[Widget]]:
        """Whether a layout is asked for, and who asks for a repaint; each request is taken here as
        Textual's `Widget._check_refresh` would take it, so it does not reach this screen again."""
        layout_asked = False
        repaint: set[Widget] = set()
        for widget, is_scroll_bar in self._widgets_and_scroll_bars():
            if widget._layout_required and (layout or is_scroll_bar):
                # A scroll bar's own request (shown, hidden, a new size) comes with its container's,
                # which lays it out: alone it changes nothing.
                layout_asked |= not is_scroll_bar
                widget._layout_required = False
                for ancestor in widget.ancestors:
                    if not isinstance(ancestor, Widget):
                        break
                    ancestor._clear_arrangement_cache()
                    ancestor._layout_updates += 1
                    if not ancestor.styles.auto_dimensions:
                        break
            if widget._repaint_required:
                widget._repaint_required = False
                if widget.display:
                    repaint.add(widget)
        return layout_asked, repaint

    def _widgets_and_scroll_bars(self) -> Iterator[tuple[Widget, bool]]:
        for widget in self.walk_children(Widget):
            if widget.is_mounted:  # else its requests come with its mounting
                yield widget, False
            if widget.is_scrollable:
                # Its scroll bars, not its children. One shown for the first time by this layout is
                # made by it, and placed and drawn by it, before it is mounted: its requests are taken too.
                for scroll_bar in widget._get_virtual_dom():
                    yield scroll_bar, True
