"""A step's Google page as a QR code, for the phone in the user's hand.

Many users turn on 2-Step Verification on the phone that receives the codes: the code
opens the same page there. Esc, q or Close returns to the step.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from wizard.core.texts import Texts
from wizard.ui.keys import in_language, localized
from wizard.ui.prose import Prose
from wizard.ui.widgets.qr_code_view import QrCodeView


class QrScreen(ModalScreen[None]):
    CSS_PATH = "qr_screen.tcss"

    BINDINGS = [
        *localized("escape", "close", "qr.close", key_display="Esc"),
        *localized("q", "close", "qr.close"),
    ]

    def __init__(self, url: str, texts: Texts) -> None:
        super().__init__()
        self.url = url
        self.texts = texts

    def compose(self) -> ComposeResult:
        t = self.texts
        with Horizontal(id="qr-dialog"):
            yield QrCodeView(self.url, id="qr-code")
            with Vertical(id="qr-side"):
                yield Prose(t("qr.heading"), id="qr-heading")
                yield Prose(t("qr.phone"), id="qr-phone")
                yield Prose(self.url, id="qr-url")
                yield Button(t("qr.close"), id="qr-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#qr-close", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return in_language(parameters, self.texts.lang)

    @on(Button.Pressed, "#qr-close")
    def action_close(self) -> None:
        self.dismiss()
