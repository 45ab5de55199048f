"""Before step 1: the Gmail address and the sender display name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label

from wizard.core.account import AccountKind, check_address, suggest_gmail
from wizard.core.explain import explain_address, explain_display_name
from wizard.ui.keys import localized
from wizard.ui.places import Account, AtStep, Welcome
from wizard.ui.prose import Prose
from wizard.ui.screens.base import WizardScreen
from wizard.ui.tone import Tone
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.title_bar import TitleBar


class AccountScreen(WizardScreen):
    # Loaded with the screen, not at start-up.
    CSS_PATH = "account_screen.tcss"
    AUTO_FOCUS = "#address"
    BINDINGS = localized("escape", "back", "common.back", key_display="Esc")

    def __init__(self, next_step: str) -> None:
        super().__init__()
        self.next_step = next_step
        self.workspace_answer: bool | None = None
        self.suggestion: str | None = None
        self.suggestion_declined = False
        """Next was pressed while a correction was offered: the typed domain is meant."""

    @property
    def place(self) -> Account:
        return Account(self.next_step)

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        progress = self.wizard.session.progress
        if progress.workspace:
            self.workspace_answer = True
        yield TitleBar()
        with Vertical(id="account-main"):
            with VerticalScroll(id="account", classes="body"):
                yield Prose(t("account.heading"), id="account-heading")
                yield Prose(t("account.intro"))
                yield Label(t("address.label"), classes="field-label")
                yield Input(progress.email, placeholder=t("address.placeholder"), id="address")
                yield MessageLine("", id="address-message")
                yield Button("", id="use-suggestion", variant="warning", compact=True)
                with Vertical(id="workspace"):
                    yield Prose("", id="workspace-question")
                    with Horizontal(classes="choices"):
                        yield Button(t("workspace.yes"), id="workspace-yes", compact=True)
                        yield Button(t("workspace.no"), id="workspace-no", compact=True)
                    yield MessageLine("", id="workspace-message")
                yield Label(t("display_name.label"), classes="field-label")
                yield Input(progress.display_name, placeholder=t("display_name.placeholder"), id="display-name")
                yield MessageLine("", id="display-name-message")
            with Horizontal(id="nav"):
                yield Button(t("common.back"), id="back")
                yield Button(t("common.next"), id="next", variant="success")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#workspace").display = False
        self.query_one("#use-suggestion").display = False
        if self.wizard.session.progress.email:
            self.show_address_check()

    def show_address_check(self) -> bool:
        """Explain the address as it stands; True when it can be used."""
        t = self.wizard.texts
        check = check_address(self.query_one("#address", Input).value)
        message = self.query_one("#address-message", MessageLine)
        self.suggestion = suggest_gmail(check.address) if check.problem is None else None
        suggestion = self.query_one("#use-suggestion", Button)
        suggestion.display = self.suggestion is not None
        if self.suggestion:
            typed = check.address.partition("@")[2]
            message.say(t("address.did_you_mean", typed=typed), Tone.WARNING)
            suggestion.label = t("address.use_suggestion", address=self.suggestion)
        elif check.problem:
            message.say(explain_address(check, t), Tone.ERROR)
        else:
            message.say(t("address.ok_gmail") if check.kind is AccountKind.GMAIL else "", Tone.OK)
        workspace = self.query_one("#workspace")
        # While a typo correction is offered, asking about Google Workspace would only confuse.
        workspace.display = check.kind is AccountKind.OTHER_DOMAIN and (not self.suggestion or self.suggestion_declined)
        if workspace.display:
            domain = check.address.partition("@")[2]
            self.query_one("#workspace-question", Prose).update(t("workspace.question", domain=domain))
            self.show_workspace_answer()
        return check.problem is None

    def show_workspace_answer(self) -> None:
        t = self.wizard.texts
        answer = self.workspace_answer
        message = self.query_one("#workspace-message", MessageLine)
        if answer is None:
            message.say("")
        elif answer:
            message.say(t("workspace.warning"), Tone.WARNING)
        else:
            message.say(t("workspace.not_google"), Tone.ERROR)
        self.query_one("#workspace-yes", Button).variant = "primary" if answer else "default"
        self.query_one("#workspace-no", Button).variant = "error" if answer is False else "default"

    def show_display_name_check(self) -> bool:
        problem = explain_display_name(self.query_one("#display-name", Input).value, self.wizard.texts)
        self.query_one("#display-name-message", MessageLine).say(problem, Tone.ERROR if problem else Tone.PLAIN)
        return not problem

    def needs_workspace_answer(self) -> bool:
        check = check_address(self.query_one("#address", Input).value)
        return check.kind is AccountKind.OTHER_DOMAIN and self.workspace_answer is not True

    @on(Input.Changed, "#display-name")
    def display_name_changed(self) -> None:
        self.show_display_name_check()

    @on(Input.Changed, "#address")
    def address_changed(self) -> None:
        self.suggestion_declined = False
        # Only clear old complaints while typing; a half-typed address is not an error yet.
        message = self.query_one("#address-message", MessageLine)
        if message.tone is Tone.ERROR:
            message.say("")

    @on(Input.Blurred, "#address")
    def address_done(self) -> None:
        self.show_address_check()

    @on(Input.Submitted, "#address")
    def address_submitted(self) -> None:
        if not self.show_address_check():
            return
        # Enter goes to the next question, never past one: a typo, then Workspace, then the name.
        if self.suggestion:
            self.query_one("#use-suggestion").focus()
        elif self.needs_workspace_answer():
            self.query_one("#workspace-yes").focus()
        else:
            self.query_one("#display-name").focus()

    @on(Button.Pressed, "#use-suggestion")
    def use_suggestion(self) -> None:
        if self.suggestion:
            self.query_one("#address", Input).value = self.suggestion
            self.show_address_check()
            self.query_one("#display-name").focus()

    @on(Input.Submitted, "#display-name")
    def display_name_submitted(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#workspace-yes")
    def workspace_yes(self) -> None:
        self.workspace_answer = True
        self.show_workspace_answer()
        self.query_one("#display-name").focus()

    @on(Button.Pressed, "#workspace-no")
    def workspace_no(self) -> None:
        self.workspace_answer = False
        self.show_workspace_answer()

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        if self.suggestion:
            self.suggestion_declined = True
        address_ok = self.show_address_check()
        name_ok = self.show_display_name_check()
        if address_ok and self.needs_workspace_answer():
            if self.workspace_answer is None:
                self.query_one("#workspace-message", MessageLine).say(
                    self.wizard.texts("workspace.unanswered"), Tone.ERROR
                )
            self.query_one("#workspace-yes").focus()
            return
        if not address_ok:
            self.query_one("#address").focus()
            return
        if not name_ok:
            self.query_one("#display-name").focus()
            return
        check = check_address(self.query_one("#address", Input).value)
        self.wizard.set_account(
            check.address,
            self.query_one("#display-name", Input).value,
            workspace=check.kind is AccountKind.OTHER_DOMAIN,
        )
        self.wizard.go(AtStep(self.next_step))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.wizard.go(Welcome())
