"""A screen that skips a layout request the last layout has already answered.

A widget that changes asks its screen for a layout with a message, sent once the widget is idle;
the screen lays out at its next frame, reading every widget as it is then. A message still in the
screen's queue when that frame is drawn (its widget became idle just before: a footer's keys shown
or hidden at the end of Next) reaches the screen after the layout that already placed its widget
anew, and Textual would lay the whole screen out again for it, in a frame of its own, to find the
same. A message written before the last layout began is skipped; one written since then (or at
the same clock tick: the clock may be coarse) is answered as Textual would.

Overrides Textual's private `Screen._refresh_layout` and `_on_layout`, and reads the message clock
`textual._time.get_time` (listed in ARCHITECTURE.md).
"""

from __future__ import annotations

from textual import _time, messages
from textual.geometry import Size
from textual.screen import Screen


class SkipsAnsweredLayouts(Screen[None]):
    """Mixed in after the screen's own base, as `DrawnInOneFrame` is."""

    _layout_began = float("-inf")

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        self._layout_began = _time.get_time()
        super()._refresh_layout(size, scroll)

    async def _on_layout(self, message: messages.Layout) -> None:
        # Textual calls each class's handler along the MRO until one prevents the default:
        # a request already answered goes no further, any other on to `Screen._on_layout`.
        if message.time < self._layout_began:
            message.stop()
            message.prevent_default()
