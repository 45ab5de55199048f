"""After step 14: a live test send, stage by stage, with a plain diagnosis on failure."""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Collapsible, Footer, Input, Label, Static

from wizard.core.account import check_address
from wizard.core.app_password import check_app_password
from wizard.core.credentials import KeyringStatus, load_app_password
from wizard.mail.diagnosis import Stage, diagnose_problem
from wizard.core.explain import explain_address, explain_password
from wizard.mail.diagnosis import explain_reply
from wizard.ui.localized import Key, LocalizedScreen
from wizard.ui.prose import Prose
from wizard.ui.widgets.app_password_panel import AppPasswordInput
from wizard.ui.widgets.title_bar import TitleBar
from wizard.mail.send import CheckRequest, CheckResult, StageEvent, run_check
from wizard.mail.support_report import build_report
from wizard.mail.sample_message import build_test_message, one_time_code

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
GMAIL_WEB = "https://mail.google.com/"


class SendCheckScreen(LocalizedScreen):
    AUTO_FOCUS = "#start"
    KEYS = (
        Key("escape", "cancel_or_back", "send.cancel_or_back", key_display="Esc"),
        Key("ctrl+s", "start", "send.start"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.port = 0
        """The port of the last attempt."""
        self.states: dict[Stage, str] = {}
        self.current: Stage | None = None
        self.spin = 0
        self.report = ""
        self.details: dict[Stage, str] = {}
        """Shown after a stage's name, e.g. the certificate."""
        self.redo_number: int | None = None

    def compose(self) -> ComposeResult:
        t = self.texts
        app = self.app
        yield TitleBar()
        with VerticalScroll(id="send"):
            yield Prose(t("send.heading"), id="send-heading")
            if app.practice:
                from wizard.mail.practice import PRACTICE_PASSWORD

                yield Prose(t("send.practice_intro", password=PRACTICE_PASSWORD), id="send-intro", classes="warning")
            else:
                yield Prose(t("send.intro"), id="send-intro")
            yield Label(t("send.recipient_label"), classes="field-label")
            yield Input(placeholder=app.progress.email, id="recipient")
            with Vertical(id="send-password"):
                yield Label(t("send.password_label"), classes="field-label")
                yield AppPasswordInput(password=True, placeholder=t("password.placeholder"), id="password")
            yield Prose("", id="send-input-message", classes="message -error")
            with Horizontal(classes="choices"):
                yield Button(t("send.start"), id="start", variant="success")
                yield Button(t("send.try_465"), id="try-465")
            with Vertical(id="stages"):
                for stage in Stage:
                    yield Static("", id=f"stage-{stage.value}", classes="stage", markup=False)
            with Vertical(id="result"):
                yield Prose("", id="result-title")
                yield Prose("", id="result-action")
                yield Prose("", id="result-reply", classes="hint")
                with Horizontal(classes="choices"):
                    yield Button("", id="redo")
                    yield Button(t("send.open_gmail"), id="open-gmail")
                with Collapsible(title=t("send.show_report"), id="report"):
                    yield Static("", id="report-text", markup=False)
                    yield Button(t("send.copy_report"), id="copy-report", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        for hidden in ("#send-password", "#try-465", "#result", "#redo", "#open-gmail"):
            self.query_one(hidden).display = False
        self.draw_stages()
        self.spinner = self.set_interval(0.1, self.turn_spinner, pause=True)
        self.find_password()

    @work(exclusive=True, exit_on_error=False, group="password")
    async def find_password(self) -> None:
        app = self.app
        if app.practice or app.app_password or not app.progress.email:
            return
        stored = await asyncio.to_thread(load_app_password, app.progress.email)
        if stored.status is KeyringStatus.OK:
            app.app_password = stored.password
        else:
            self.ask_for_password()

    def ask_for_password(self) -> None:
        self.query_one("#send-password").display = True
        self.query_one("#password").focus()

    def draw_stages(self) -> None:
        marks = {"": " ", "running": SPINNER[self.spin % len(SPINNER)], "ok": "✓", "failed": "✗"}
        for stage in Stage:
            state = self.states.get(stage, "")
            row = self.query_one(f"#stage-{stage.value}", Static)
            row.update(f"{marks[state]} {self.texts('stage.' + stage.value)}{self.details.get(stage, '')}")
            for name in ("running", "ok", "failed"):
                row.set_class(state == name, f"-{name}")

    def turn_spinner(self) -> None:
        self.spin += 1
        self.draw_stages()

    def on_stage(self, event: StageEvent) -> None:
        self.states[event.stage] = "ok" if event.done else "running"
        if event.done and event.stage is Stage.TLS and event.detail:
            self.details[event.stage] = "  " + self.texts("stage.certificate", certificate=event.detail)
        self.current = event.stage
        self.draw_stages()

    def password(self) -> str | None:
        if self.app.practice:
            from wizard.mail.practice import PRACTICE_PASSWORD

            return PRACTICE_PASSWORD
        field = self.query_one("#password", Input)
        if self.query_one("#send-password").display and field.value:
            check = check_app_password(field.value)
            if not check.valid:
                self.show_input_problem(explain_password(check, self.texts))
                return None
            return check.value
        if not self.app.app_password:
            self.ask_for_password()
            self.show_input_problem(self.texts("send.needs_password"))
            return None
        return self.app.app_password

    def show_input_problem(self, text: str) -> None:
        self.query_one("#send-input-message", Prose).update(text)

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.start_send(self.app.smtp_port)

    @on(Button.Pressed, "#try-465")
    def try_465(self) -> None:
        self.start_send(465)

    def sending(self) -> bool:
        return any(worker.group == "send" and worker.is_running for worker in self.workers)

    def start_send(self, port: int) -> None:
        if self.sending():
            return  # Enter or Ctrl+S again while a send is under way
        t = self.texts
        progress = self.app.progress
        self.show_input_problem("")
        if not progress.email:
            self.show_input_problem(t("send.needs_address"))
            return
        typed = self.query_one("#recipient", Input).value
        recipient = check_address(typed) if typed.strip() else check_address(progress.email)
        if recipient.problem:
            self.show_input_problem(t("send.bad_recipient", message=explain_address(recipient, t)))
            return
        password = self.password()
        if password is None:
            return
        self.port = port
        self.states, self.details, self.current = {}, {}, None
        self.query_one("#result").display = False
        self.query_one("#try-465").display = False
        self.query_one("#start", Button).disabled = True
        self.spinner.resume()
        self.send(recipient.address, password, port)

    @work(exclusive=True, exit_on_error=False, group="send")
    async def send(self, recipient: str, password: str, port: int) -> None:
        app = self.app
        host, ca_file = app.smtp_host, app.ca_file
        code = one_time_code()
        progress = app.progress
        message = build_test_message(progress.email, progress.display_name, recipient, code, self.texts)
        try:
            if app.practice:
                server = await self.practice_server()
                host, port, ca_file = server.host, server.port, server.ca_file
            request = CheckRequest(
                address=progress.email, password=password, message=message, recipient=recipient,
                host=host, port=port, ca_file=ca_file,
            )
            result = await run_check(request, self.on_stage)
        except asyncio.CancelledError:
            self.finish_cancelled()
            raise
        except Exception as error:  # e.g. the practice server could not start: say so, never hang
            request = CheckRequest(address=progress.email, password=password, message=message, recipient=recipient)
            result = CheckResult(diagnose_problem("unexpected", Stage.CONNECT, type(error).__name__))
        self.show_result(request, result, code)

    async def practice_server(self):
        from wizard.mail.practice import start_practice_server

        if self.app.practice_server is None:
            self.app.practice_server = await asyncio.to_thread(start_practice_server)
        return self.app.practice_server

    def stop_running(self) -> None:
        self.spinner.pause()
        self.query_one("#start", Button).disabled = False
        self.query_one("#start", Button).label = self.texts("send.retry")

    def finish_cancelled(self) -> None:
        if self.current is not None and self.states.get(self.current) == "running":
            self.states[self.current] = "failed"
        self.stop_running()
        self.draw_stages()
        self.notify(self.texts("send.cancelled"))

    def show_result(self, request: CheckRequest, result: CheckResult, code: str) -> None:
        t = self.texts
        self.stop_running()
        diagnosis = result.diagnosis
        if diagnosis is not None:
            self.states[diagnosis.stage] = "failed"
        self.draw_stages()
        self.report = build_report(request, result, self.app.progress.display_name)
        self.query_one("#report-text", Static).update(self.report)
        self.query_one("#result").display = True
        title = self.query_one("#result-title", Prose)
        redo = self.query_one("#redo", Button)
        if diagnosis is None:
            title.update(t("send.success", recipient=request.recipient, code=code, address=request.address))
            title.set_class(True, "-ok")
            title.set_class(False, "-error")
            self.query_one("#result-action", Prose).update(self.practice_receipt())
            self.query_one("#result-reply", Prose).update("")
            redo.display = False
            self.query_one("#open-gmail").display = False
            self.query_one("#result").scroll_visible(animate=False)
            return
        title.update(t(f"diagnosis.{diagnosis.key}.title"))
        title.set_class(False, "-ok")
        title.set_class(True, "-error")
        self.query_one("#result-action", Prose).update(t(f"diagnosis.{diagnosis.key}.action"))
        self.query_one("#result-reply", Prose).update(explain_reply(diagnosis, t))
        self.redo_number = diagnosis.redo_step
        redo.display = diagnosis.redo_step is not None
        if diagnosis.redo_step is not None:
            redo.label = t("send.redo_step", number=diagnosis.redo_step)
            redo.focus()
        self.query_one("#open-gmail").display = diagnosis.key == "web_login"
        blocked = diagnosis.key in ("connection_refused", "connect_timeout") and self.port != 465
        self.query_one("#try-465").display = blocked
        self.query_one("#result").scroll_visible(animate=False)

    def practice_receipt(self) -> str:
        server = self.app.practice_server
        if server is None or not server.server.received.messages:
            return ""
        received = server.server.received.messages[-1]
        return self.texts("send.practice_received", subject=received["Subject"], sender=received["From"])

    @on(Button.Pressed, "#redo")
    def redo_step(self) -> None:
        if self.redo_number is not None:
            self.app.show_step(self.redo_number)

    @on(Button.Pressed, "#open-gmail")
    def open_gmail(self) -> None:
        self.app.open_url(GMAIL_WEB)

    @on(Button.Pressed, "#copy-report")
    def copy_report(self) -> None:
        self.app.copy_to_clipboard(self.report)
        self.notify(self.texts("send.report_copied"))

    def action_cancel_or_back(self) -> None:
        if self.sending():
            self.workers.cancel_group(self, "send")
        else:
            self.app.show_step(14)
