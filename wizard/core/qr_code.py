"""QR codes of the Google pages the steps open, drawn with block characters for a phone's camera.

Only a step's own page (`url` in steps/*.toml) can be drawn: never the served wizard's
address with its secret, never a password. `QrRefused` says so for anything else.
"""

from __future__ import annotations

from functools import cache

QUIET_ZONE = 4
"""Light modules around the code, as the QR standard asks; scanners need them to find it."""

# One character is two modules stacked (a terminal cell is about twice as tall as wide),
# keyed by (top is dark, bottom is dark): a square module in a square code.
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


class QrRefused(ValueError):
    """Asked to encode something that is not a step's Google page."""


@cache
def step_page_urls() -> frozenset[str]:
    from wizard.core.step_content import load_steps

    return frozenset(step.url for step in load_steps() if step.url)


def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules (True is dark), quiet zone included."""
    if url not in step_page_urls():
        raise QrRefused("only a step's own page is drawn as a QR code")
    import segno

    # Level L: a screen or a printed page is not damaged, and the smallest code fits 80x24.
    code = segno.make(url, error="l", micro=False, boost_error=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix_iter(border=QUIET_ZONE))


def qr_block_lines(url: str) -> tuple[str, ...]:
    """The code as lines of half blocks, dark modules as ink: draw them dark on light."""
    rows = qr_modules(url)
    if len(rows) % 2:
        rows = (*rows, (False,) * len(rows[0]))  # the quiet zone's last half line
    return tuple(
        "".join(HALF_BLOCKS[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(rows[::2], rows[1::2], strict=True)
    )
