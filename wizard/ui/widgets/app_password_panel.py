"""Step 13: paste the app password to check it; a valid one goes into the OS keyring.

The panel says what it found with messages: `Changed` carries the password now in
force (what was pasted, or what the keyring had), `Submitted` is Enter on a good one.

In practice mode the panel first shows a practice app password the way Google shows
one, to be copied and pasted like the real thing; it is kept in memory only, so a
rehearsal never replaces a real password in the keyring.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input

from wizard.core.app_password import (
    Verdict,
    check_app_password,
    group_in_fours,
)
from wizard.core.credentials import KeyringStatus
from wizard.core.explain import explain_keyring_store, explain_password
from wizard.core.output_filter import strip_control_sequences
from wizard.core.secret import Secret
from wizard.ui.keys import localized
from wizard.ui.prose import Prose
from wizard.ui.tone import Tone
from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.wizard_widget import WizardWidget


class AppPasswordInput(WizardWidget, Input):
    """A masked input that takes a whole paste, minus any terminal control sequences.

    Enter is described as "Next" in the footer: on step 13 it moves on when the
    password is well formed.
    """

    BINDINGS = localized("enter", "submit", "common.next", key_display="Enter")

    def _on_paste(self, event: events.Paste) -> None:
        # Textual keeps only the first line of a paste; a password copied with a
        # leading newline would then vanish. Escape sequences must never be echoed.
        text = " ".join(strip_control_sequences(event.text).split())
        if text:
            self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()


class AppPasswordPanel(WizardWidget, Vertical):
    DEFAULT_CSS = """
    AppPasswordPanel {
        height: auto;
        margin: 1 0 0 0;
        border: round $secondary;
        padding: 0 1;
    }
    AppPasswordPanel #practice-password {
        height: auto;
        color: $text-warning;
        margin: 0 0 1 0;
    }
    AppPasswordPanel .value-row {
        height: auto;
        margin: 1 0 0 0;
    }
    AppPasswordPanel .value-row Prose {
        width: auto;
        padding: 0 2 0 0;
    }
    AppPasswordPanel #practice-password-text {
        text-style: bold;
    }
    AppPasswordPanel .input-row {
        height: auto;
    }
    AppPasswordPanel .input-row Input {
        width: 1fr;
    }
    AppPasswordPanel .input-row Button {
        width: auto;
        min-width: 8;
        margin: 1 0 0 1;
    }
    """

    class Changed(Message):
        """The app password in force changed: pasted (checked, "" if it failed the check) or found in the keyring."""

        def __init__(self, password: Secret) -> None:
            super().__init__()
            self.password = password

    class Submitted(Message):
        """Enter on a password that passed the check: on, as Next would."""

    def __init__(self) -> None:
        super().__init__(id="app-password-panel")

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        if self.wizard.practice:
            from wizard.mail.practice import PRACTICE_PASSWORD

            with Vertical(id="practice-password"):
                yield Prose(t("password.practice_intro"))
                with Horizontal(classes="value-row"):
                    yield Prose(group_in_fours(PRACTICE_PASSWORD), id="practice-password-text")
                    # Copied as Google's page would give it when selected: in groups of four.
                    yield CopyButton(t("common.copy"), id="copy-practice-password", says_in="practice-copy-result",
                                     text=group_in_fours(PRACTICE_PASSWORD), what=t("password.practice_what"))
                yield MessageLine("", id="practice-copy-result")
        yield Prose(t("password.label"), classes="field-label")
        with Horizontal(classes="input-row"):
            yield AppPasswordInput(password=True, placeholder=t("password.placeholder"), id="app-password")
            yield Button(t("password.show"), id="toggle-password", compact=True)
        yield MessageLine(t("password.empty"), id="password-message")
        yield MessageLine("", id="keyring-message")
        yield Button(t("password.enter_account"), id="enter-account", compact=True)

    def on_mount(self) -> None:
        address = self.wizard.session.progress.email
        self.query_one("#enter-account").display = not address and not self.wizard.practice
        if self.wizard.session.password:
            # Back on this step: the password already in force, not a request for one.
            self.query_one("#password-message", MessageLine).say(self.wizard.texts("password.in_use"), Tone.OK)
        if self.wizard.practice:
            self.query_one("#keyring-message", MessageLine).say(self.wizard.texts("password.practice_not_stored"))
        elif address:
            from wizard.core.step_content import Panel, step_with_panel

            # Only a paste on an earlier visit to this step stores a password: until there has
            # been one, the store (whose backend brings ~13 MiB of imports) waits for a paste.
            if self.wizard.session.progress.reached(step_with_panel(Panel.APP_PASSWORD).id):
                self.look_up_stored(address)
            else:
                self.wizard.note_password_store(KeyringStatus.NOT_FOUND)  # nothing stored yet: known without asking
        else:
            message = self.query_one("#keyring-message", MessageLine)
            message.say(self.wizard.texts("password.needs_address"), Tone.WARNING)

    def tell(self, text: str, tone: Tone = Tone.PLAIN, *, after_paste: bool = True) -> None:
        """The password store's answer, kept in view after a paste (it may come seconds later);
        on arrival at the step it only fills in, so the step still shows from its title."""
        message = self.query_one("#keyring-message", MessageLine)
        if after_paste:
            message.say_in_view(text, tone)
        else:
            message.say(text, tone)

    def answer(self, text: str, tone: Tone) -> None:
        """Say what the field holds, in view once the new text is laid out (not under Back/Next)."""
        self.query_one("#password-message", MessageLine).say_in_view(text, tone)

    @work(exclusive=True, exit_on_error=False, group="keyring")
    async def look_up_stored(self, address: str) -> None:
        result = await self.wizard.keyring_load(address)
        if result.status is KeyringStatus.OK:
            if not self.query_one("#app-password", Input).value:
                self.post_message(self.Changed(result.password))
                self.tell(self.wizard.texts("keyring.found", address=address), Tone.OK, after_paste=False)
                self.query_one("#password-message", MessageLine).say(self.wizard.texts("password.in_use"), Tone.OK)
        elif result.status is not KeyringStatus.NOT_FOUND:
            # Locked, refused, no answer...: say so now, not only after a paste.
            self.tell(explain_keyring_store(result, self.wizard.texts), Tone.WARNING, after_paste=False)

    @work(exclusive=True, exit_on_error=False, group="keyring")
    async def store(self, address: str, password: Secret) -> None:
        self.tell(self.wizard.texts("keyring.saving"))
        result = await self.wizard.keyring_store(address, password)
        tone = Tone.OK if result.status is KeyringStatus.OK else Tone.WARNING
        self.tell(explain_keyring_store(result, self.wizard.texts), tone)

    @on(Input.Changed, "#app-password")
    def password_changed(self, event: Input.Changed) -> None:
        check = check_app_password(event.value)
        wrong = check.verdict in (Verdict.TOO_LONG, Verdict.SMS_CODE, Verdict.NOT_LETTERS)
        tone = Tone.OK if check.valid else Tone.ERROR if wrong else Tone.PLAIN
        self.answer(explain_password(check, self.wizard.texts), tone)
        # The test send uses exactly what was pasted last, right or wrong: that is what Ecrea gets too.
        self.post_message(self.Changed(check.value))
        address = self.wizard.session.progress.email
        if check.valid and address and not self.wizard.practice:
            self.store(address, check.value)

    @on(Input.Submitted, "#app-password")
    def password_submitted(self, event: Input.Submitted) -> None:
        check = check_app_password(event.value)
        # An empty field with a password already in force (pasted before, or stored) goes on too.
        if check.valid or (not event.value.strip() and self.wizard.session.password):
            self.post_message(self.Submitted())
            return
        t = self.wizard.texts
        self.answer(t("password.cannot_go_on", reason=explain_password(check, t)), Tone.ERROR)

    @on(Button.Pressed, "#toggle-password")
    def toggle_password(self) -> None:
        field = self.query_one("#app-password", Input)
        field.password = not field.password
        label = "password.show" if field.password else "password.hide"
        self.query_one("#toggle-password", Button).label = self.wizard.texts(label)

    @on(Button.Pressed, "#enter-account")
    def enter_account(self) -> None:
        from wizard.core.step_content import Panel, step_with_panel
        from wizard.ui.places import Account

        self.wizard.go(Account(next_step=step_with_panel(Panel.APP_PASSWORD).id))
