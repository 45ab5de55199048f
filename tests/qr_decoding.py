"""Reading a QR code back from what was drawn: block characters (and their colours) to pixels, pixels to text.

The decoder is zxing-cpp, a real one: a code that decodes here is one a phone can read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import zxingcpp

SCALE = 4
"""Pixels per module side: zxing wants a few pixels per module."""

# Which half of a cell the glyph inks: (top, bottom).
INKED = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def modules_from_text(lines: Sequence[str]) -> list[list[bool]]:
    """Printed on paper: ink is dark, paper is light."""
    rows: list[list[bool]] = []
    for line in lines:
        halves = [INKED[char] for char in line]
        rows += [[top for top, _ in halves], [bottom for _, bottom in halves]]
    return rows


def modules_from_cells(cells: Sequence[Sequence[tuple[str, float, float]]]) -> list[list[bool]]:
    """On a screen: each cell is (glyph, foreground luminance, background luminance), 0 dark to 1 light.

    The inked half takes the foreground's colour, the other half the background's: exactly
    what the eye (and a camera) sees, whatever the theme."""
    rows: list[list[bool]] = []
    for line in cells:
        top_row, bottom_row = [], []
        for char, foreground, background in line:
            top, bottom = INKED[char]
            top_row.append((foreground if top else background) < 0.5)
            bottom_row.append((foreground if bottom else background) < 0.5)
        rows += [top_row, bottom_row]
    return rows


def decode(modules: Sequence[Iterable[bool]]) -> list[str]:
    """Every QR code zxing-cpp finds in the bitmap (True is dark)."""
    rows = [list(row) for row in modules]
    width, height = len(rows[0]) * SCALE, len(rows) * SCALE
    pixels = bytearray()
    for row in rows:
        line = bytes(0 if dark else 255 for dark in row for _ in range(SCALE))
        pixels += line * SCALE
    image = memoryview(bytes(pixels)).cast("B", (height, width))
    return [barcode.text for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)]
