"""Before step 1: the Gmail address and the sender display name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Input, Label

from wizard.core.account import AccountKind, check_address
from wizard.core.explain import explain_address, explain_display_name
from wizard.ui.localized import Key, LocalizedScreen
from wizard.ui.prose import Prose
from wizard.ui.widgets.title_bar import TitleBar


class AccountScreen(LocalizedScreen):
    AUTO_FOCUS = "#address"
    KEYS = (Key("escape", "back", "common.back", key_display="Esc"),)

    def __init__(self, next_step: int) -> None:
        super().__init__()
        self.next_step = next_step
        self.workspace_answer: bool | None = None

    def compose(self) -> ComposeResult:
        t = self.texts
        progress = self.app.progress
        if progress.workspace:
            self.workspace_answer = True
        yield TitleBar()
        with Vertical(id="account-main"):
            with VerticalScroll(id="account"):
                yield Prose(t("account.heading"), id="account-heading")
                yield Prose(t("account.intro"))
                yield Label(t("address.label"), classes="field-label")
                yield Input(progress.email, placeholder=t("address.placeholder"), id="address")
                yield Prose("", id="address-message", classes="message")
                with Vertical(id="workspace"):
                    yield Prose("", id="workspace-question")
                    with Horizontal(classes="choices"):
                        yield Button(t("workspace.yes"), id="workspace-yes", compact=True)
                        yield Button(t("workspace.no"), id="workspace-no", compact=True)
                    yield Prose("", id="workspace-message", classes="message")
                yield Label(t("display_name.label"), classes="field-label")
                yield Input(progress.display_name, placeholder=t("display_name.placeholder"), id="display-name")
                yield Prose("", id="display-name-message", classes="message")
            with Horizontal(id="nav"):
                yield Button(t("common.back"), id="back")
                yield Button(t("common.next"), id="next", variant="success")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#workspace").display = False
        if self.app.progress.email:
            self.show_address_check()

    def show_address_check(self) -> bool:
        """Explain the address as it stands; True when it can be used."""
        t = self.texts
        check = check_address(self.query_one("#address", Input).value)
        message = self.query_one("#address-message", Prose)
        message.set_class(check.problem is not None, "-error")
        message.update(explain_address(check, t) if check.problem else t("address.ok_gmail") if check.kind is AccountKind.GMAIL else "")
        workspace = self.query_one("#workspace")
        workspace.display = check.kind is AccountKind.OTHER_DOMAIN
        if workspace.display:
            domain = check.address.partition("@")[2]
            self.query_one("#workspace-question", Prose).update(t("workspace.question", domain=domain))
            self.show_workspace_answer()
        return check.problem is None

    def show_workspace_answer(self) -> None:
        t = self.texts
        message = self.query_one("#workspace-message", Prose)
        answer = self.workspace_answer
        message.update("" if answer is None else t("workspace.warning") if answer else t("workspace.not_google"))
        message.set_class(answer is False, "-error")
        message.set_class(answer is True, "-warning")
        self.query_one("#workspace-yes", Button).variant = "primary" if answer else "default"
        self.query_one("#workspace-no", Button).variant = "error" if answer is False else "default"

    def show_display_name_check(self) -> bool:
        problem = explain_display_name(self.query_one("#display-name", Input).value, self.texts)
        message = self.query_one("#display-name-message", Prose)
        message.update(problem)
        message.set_class(bool(problem), "-error")
        return not problem

    @on(Input.Changed, "#display-name")
    def display_name_changed(self) -> None:
        self.show_display_name_check()

    @on(Input.Changed, "#address")
    def address_changed(self) -> None:
        # Only clear old complaints while typing; a half-typed address is not an error yet.
        message = self.query_one("#address-message", Prose)
        if message.has_class("-error"):
            message.update("")
            message.remove_class("-error")

    @on(Input.Blurred, "#address")
    def address_done(self) -> None:
        self.show_address_check()

    @on(Input.Submitted, "#address")
    def address_submitted(self) -> None:
        if self.show_address_check():
            self.query_one("#display-name").focus()

    @on(Input.Submitted, "#display-name")
    def display_name_submitted(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#workspace-yes")
    def workspace_yes(self) -> None:
        self.workspace_answer = True
        self.show_workspace_answer()

    @on(Button.Pressed, "#workspace-no")
    def workspace_no(self) -> None:
        self.workspace_answer = False
        self.show_workspace_answer()

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        address_ok = self.show_address_check()
        name_ok = self.show_display_name_check()
        check = check_address(self.query_one("#address", Input).value)
        if address_ok and check.kind is AccountKind.OTHER_DOMAIN and self.workspace_answer is not True:
            if self.workspace_answer is None:
                self.query_one("#workspace-message", Prose).update(self.texts("workspace.unanswered"))
                self.query_one("#workspace-message").add_class("-error")
            self.query_one("#workspace-yes").focus()
            return
        if not address_ok:
            self.query_one("#address").focus()
            return
        if not name_ok:
            self.query_one("#display-name").focus()
            return
        self.app.set_account(
            check.address,
            self.query_one("#display-name", Input).value,
            workspace=check.kind is AccountKind.OTHER_DOMAIN,
        )
        self.app.show_step(self.next_step)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.show_welcome()
