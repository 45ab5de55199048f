"""A program in a real pseudo-terminal, its screen read back as text (pexpect + pyte)."""

from __future__ import annotations

import time

import pexpect
import pyte

BRACKETED_PASTE = ("\x1b[200~", "\x1b[201~")
RIGHT, LEFT, ESCAPE, SHIFT_TAB, PAGE_DOWN = "\x1b[C", "\x1b[D", "\x1b", "\x1b[Z", "\x1b[6~"


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
    """A program in a pseudo-terminal, its output kept on a pyte screen."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        width, height = size
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(args[0], args[1:], dimensions=(height, width), env=env)

    def pump(self, seconds: float = 0.1) -> bool:
        """Read what the program drew within `seconds`; False if it drew nothing."""
        try:
            self.stream.feed(self.child.read_nonblocking(1 << 16, timeout=seconds))
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        return True

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in screen_lines(self.screen))

    def wait_for(self, words: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while words not in self.text():
            assert self.child.isalive() or words in self.text(), f"the program ended:\n{self.text()}"
            assert time.monotonic() < deadline, f"never showed {words!r}; the screen:\n{self.text()}"
            self.pump()
        # Then until the drawing is finished: a screen is read as the user sees it, not half drawn.
        while self.pump(0.12):
            pass
        return self.text()

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            self.pump(0.05)

    def paste(self, text: str) -> None:
        self.child.send(BRACKETED_PASTE[0] + text + BRACKETED_PASTE[1])
        self.pump(0.05)
