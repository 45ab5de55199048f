"""Step 13: paste the app password to check it; a valid one goes into the OS keyring."""

from __future__ import annotations

import asyncio

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

from wizard.core.app_password import Verdict, check_app_password, strip_control_sequences
from wizard.core.credentials import KeyringStatus, load_app_password, store_app_password
from wizard.core.explain import explain_keyring_store, explain_password
from wizard.ui.prose import Prose
from wizard.core.texts import Texts


class AppPasswordInput(Input):
    """A masked input that takes a whole paste, minus any terminal control sequences."""

    def _on_paste(self, event: events.Paste) -> None:
        # Textual keeps only the first line of a paste; a password copied with a
        # leading newline would then vanish. Escape sequences must never be echoed.
        text = " ".join(strip_control_sequences(event.text).split())
        if text:
            self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()


class AppPasswordPanel(Vertical):
    def __init__(self, texts: Texts) -> None:
        super().__init__(id="app-password-panel")
        self.texts = texts

    def compose(self) -> ComposeResult:
        t = self.texts
        yield Prose(t("password.label"), classes="field-label")
        with Horizontal(classes="input-row"):
            yield AppPasswordInput(password=True, placeholder=t("password.placeholder"), id="app-password")
            yield Button(t("password.show"), id="toggle-password", compact=True)
        yield Prose(t("password.empty"), id="password-message", classes="message")
        yield Prose("", id="keyring-message", classes="message")
        yield Button(t("password.enter_account"), id="enter-account", compact=True)

    def on_mount(self) -> None:
        address = self.app.progress.email
        self.query_one("#enter-account").display = not address
        if address:
            self.look_up_stored(address)
        else:
            self.show_keyring_message(self.texts("password.needs_address"), "-warning")

    def show_keyring_message(self, text: str, style: str = "") -> None:
        message = self.query_one("#keyring-message", Prose)
        message.update(text)
        for name in ("-error", "-warning", "-ok"):
            message.set_class(name == style, name)

    @work(exclusive=True, exit_on_error=False, group="keyring")
    async def look_up_stored(self, address: str) -> None:
        result = await asyncio.to_thread(load_app_password, address)
        if result.status is KeyringStatus.OK and not self.query_one("#app-password", Input).value:
            self.app.app_password = result.password
            self.show_keyring_message(self.texts("keyring.found", address=address), "-ok")

    @work(exclusive=True, exit_on_error=False, group="keyring")
    async def store(self, address: str, password: str) -> None:
        self.show_keyring_message(self.texts("keyring.saving"))
        result = await asyncio.to_thread(store_app_password, address, password)
        style = "-ok" if result.status is KeyringStatus.OK else "-warning"
        self.show_keyring_message(explain_keyring_store(result, self.texts), style)

    @on(Input.Changed, "#app-password")
    def password_changed(self, event: Input.Changed) -> None:
        check = check_app_password(event.value)
        message = self.query_one("#password-message", Prose)
        message.update(explain_password(check, self.texts))
        message.set_class(check.valid, "-ok")
        message.set_class(check.verdict in (Verdict.TOO_LONG, Verdict.SMS_CODE, Verdict.NOT_LETTERS), "-error")
        if not check.valid:
            return
        self.app.app_password = check.value
        if self.app.progress.email:
            self.store(self.app.progress.email, check.value)

    @on(Input.Submitted, "#app-password")
    def password_submitted(self, event: Input.Submitted) -> None:
        # Enter on a good password moves on, as Next would.
        if check_app_password(event.value).valid:
            self.screen.action_next()

    @on(Button.Pressed, "#toggle-password")
    def toggle_password(self) -> None:
        field = self.query_one("#app-password", Input)
        field.password = not field.password
        self.query_one("#toggle-password", Button).label = self.texts("password.show" if field.password else "password.hide")

    @on(Button.Pressed, "#enter-account")
    def enter_account(self) -> None:
        self.app.show_account(next_step=13)
