"""A QR code drawn with half blocks, always dark modules on a light ground.

The colours are explicit, not the theme's: a camera needs dark on light, and a dark
theme's light-on-dark code is one some phones cannot read.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from wizard.core.qr_code import qr_block_lines

INK_ON_PAPER = "#000000 on #ffffff"


class QrCodeView(Static):
    DEFAULT_CSS = """
    QrCodeView {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, url: str, *, id: str | None = None) -> None:
        # Refuses anything but a step's page (wizard.core.qr_code): nothing secret is ever drawn.
        lines = qr_block_lines(url)
        super().__init__(Text("\n".join(lines), style=INK_ON_PAPER, no_wrap=True, overflow="crop"), id=id)
        self.url = url
