"""A program in a real pseudo-terminal, its screen read back as text (pexpect + pyte)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pexpect
import pyte

BRACKETED_PASTE = ("\x1b[200~", "\x1b[201~")
RIGHT, LEFT, ESCAPE, SHIFT_TAB, PAGE_DOWN = "\x1b[C", "\x1b[D", "\x1b", "\x1b[Z", "\x1b[6~"
SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks (DECRQM) whether the terminal supports synchronized output (mode 2026)."""
SYNC_SUPPORTED = "\x1b[?2026;2$y"
"""The answer: supported, and off for now."""
FRAME_START, FRAME_END = b"\x1b[?2026h", b"\x1b[?2026l"


def screen_lines(screen: pyte.Screen) -> list[str]:
    """A pyte screen's lines as a terminal shows them. Read cell by cell: pyte's own `display` fails
    on a wide character whose first half was overwritten (a dialog's edge over Japanese text): the
    orphaned second half is an empty cell, which terminals simply show as a space."""
    from wcwidth import wcwidth

    lines = []
    for y in range(screen.lines):
        row, cells, x = screen.buffer[y], [], 0
        while x < screen.columns:
            data = row[x].data or " "
            cells.append(data)
            x += 2 if wcwidth(data[0]) == 2 else 1
        lines.append("".join(cells))
    return lines


class TerminalSession:
    """A program in a pseudo-terminal, its output kept on a pyte screen.

    It answers Textual's question whether the terminal supports synchronized output, as most
    terminals do: each frame then comes between FRAME_START and FRAME_END, and a screen is read
    between frames, never half drawn, without waiting for a pause in the output."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        width, height = size
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(args[0], args[1:], dimensions=(height, width), env=env)
        # Keys as fast as a user types ahead: without pexpect's 50 ms before each send (meant for
        # programs that turn echo off only after their prompt shows; the app sets up the terminal
        # before it draws). A scroll key typed as a step first shows is kept for it (StepScreen.settled).
        self.child.delaybeforesend = None
        self.in_frame = False
        self._answered = False
        self._tail = b""
        """The last bytes read: a marker may be split between two reads."""

    def pump(self, seconds: float) -> bool:
        """Read what the program drew, waiting at most `seconds` for it to draw something."""
        try:
            data = self.child.read_nonblocking(1 << 16, timeout=seconds)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        seen = self._tail + data
        if not self._answered and SYNC_QUERY in seen:
            self.child.send(SYNC_SUPPORTED)
            self._answered = True
        start, end = seen.rfind(FRAME_START), seen.rfind(FRAME_END)
        if start != end:  # both -1 when the read has neither
            self.in_frame = start > end
        self._tail = seen[-len(SYNC_QUERY) :]
        self.stream.feed(data)
        return True

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in screen_lines(self.screen))

    def wait_for(self, words: str, seconds: float = 60) -> str:
        """The screen once `words` are on it, with everything the program has drawn so far
        (a frame read whole: the words' screen as the user sees it, not half drawn)."""
        return self._wait(lambda text: words in text, seconds, f"never showed {words!r}")

    def wait_gone(self, words: str, seconds: float = 60) -> str:
        """The screen once `words` are no longer on it (a dialog closed, which leaves the
        screen under it, already on show, as it was)."""
        return self._wait(lambda text: words not in text, seconds, f"still shows {words!r}")

    def _wait(self, condition: Callable[[str], bool], seconds: float, failure: str) -> str:
        deadline = time.monotonic() + seconds
        while True:
            while self.pump(0):  # what has come already, at once
                pass
            if not self.in_frame and condition(self.text()):
                return self.text()
            assert self.child.isalive(), f"the program ended:\n{self.text()}"
            left = deadline - time.monotonic()
            assert left > 0, f"{failure}; the screen:\n{self.text()}"
            self.pump(left)  # until the program draws something more

    def send(self, *keys: str) -> None:
        """Keys as typed, in order. After Escape, wait for what it does before the next key:
        Escape and a key straight after it read as one key (Alt+key)."""
        for key in keys:
            self.child.send(key)

    def paste(self, text: str) -> None:
        self.child.send(BRACKETED_PASTE[0] + text + BRACKETED_PASTE[1])
