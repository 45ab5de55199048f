"""A status line that counts down to a deadline once a second: "… 52 s left"."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable

from textual.timer import Timer

from wizard.ui.prose import Prose


class Countdown(Prose):
    DEFAULT_CSS = """
    Countdown {
        margin: 1 0 0 0;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._deadline = 0.0
        self._line: Callable[[int], str] | None = None
        self._timer: Timer | None = None

    def start(self, deadline: float, render: Callable[[int], str]) -> None:
        """Count down to `deadline` (the event loop's clock); `render` turns seconds left into the line."""
        self._deadline, self._line = deadline, render
        self.display = True
        self._tick()
        if self._timer is None:
            self._timer = self.set_interval(1.0, self._tick)

    def say(self, text: str) -> None:
        """A line without a countdown (e.g. while connecting)."""
        self.stop()
        self.update(text)
        self.display = bool(text)  # an empty line takes no room, margin included

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._line = None

    def _tick(self) -> None:
        if self._line is not None:
            left = max(0, math.ceil(self._deadline - asyncio.get_running_loop().time()))
            self.update(self._line(left))
