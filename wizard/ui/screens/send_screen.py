"""After step 14: a live test send, stage by stage, with a plain diagnosis on failure.

Success leads on to confirming that it arrived; a failure says what is wrong and
offers what the diagnosis carries (the step to redo, port 465, Gmail in the browser).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label

from wizard.core.app_password import check_app_password
from wizard.core.credentials import KeyringStatus
from wizard.core.explain import explain_password
from wizard.core.secret import Secret
from wizard.mail.confirm import SentTest
from wizard.mail.diagnosis import Problem, Stage, diagnose_problem
from wizard.mail.send import (
    IMPLICIT_TLS_PORT,
    PreparedSend,
    SendInputError,
    SendRequest,
    SendResult,
    StageEvent,
    prepare_test_send,
    run_test_send,
)
from wizard.mail.support_report import build_report
from wizard.ui.keys import localized
from wizard.ui.places import Arrival, AtStep, Place, Send
from wizard.ui.prose import Prose
from wizard.ui.screens.base import GMAIL_WEB, WizardScreen
from wizard.ui.tone import Tone
from wizard.ui.widgets.app_password_panel import AppPasswordInput
from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.send_result_view import Received, SendAttempt, SendResultView
from wizard.ui.widgets.stage_rows import StageRows, StageState
from wizard.ui.widgets.title_bar import TitleBar


class SendScreen(WizardScreen):
    # Loaded with the screen, not at start-up.
    CSS_PATH = "send_screen.tcss"
    AUTO_FOCUS = "#start"
    BINDINGS = [
        *localized("escape", "cancel_or_back", "send.cancel_or_back", key_display="Esc"),
        *localized("ctrl+s", "start", "send.start"),
    ]

    def __init__(self, *, back_to: Place | None = None) -> None:
        super().__init__()
        self.back_to = back_to
        """Where Esc leads instead of step 14 (see `places.Send`)."""
        self.port = 0
        """The port of the last attempt."""
        self.keyring_state: KeyringStatus | None = None
        self.success: SentTest | None = None
        """The last send Gmail accepted."""

    @property
    def place(self) -> Send:
        return Send(back_to=self.back_to)

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        app = self.wizard
        yield TitleBar()
        with VerticalScroll(id="send", classes="body"):
            yield Prose(t("send.heading"), id="send-heading")
            if app.practice:
                # After a relaunch the pasted practice password is gone (it is never stored): say
                # so, and show it where it is asked for, rather than claim it is in hand.
                intro = "send.practice_intro" if app.session.password else "send.practice_intro_ask"
                yield Prose(t(intro), id="send-intro", classes="warning")
            else:
                yield Prose(t("send.intro"), id="send-intro")
            yield Label(t("send.recipient_label"), classes="field-label")
            yield Input(placeholder=app.session.progress.email, id="recipient")
            with Vertical(id="send-password"):
                yield Label(t("send.password_label"), classes="field-label")
                yield AppPasswordInput(password=True, placeholder=t("password.placeholder"), id="password")
                if app.practice:
                    from wizard.core.app_password import group_in_fours
                    from wizard.mail.practice import PRACTICE_PASSWORD

                    with Horizontal(id="practice-password-row"):
                        shown = group_in_fours(PRACTICE_PASSWORD)
                        yield Prose(t("send.practice_password", password=shown), id="send-practice-password")
                        yield CopyButton(t("common.copy"), id="copy-practice-password", says_in="send-input-message",
                                         text=shown, what=t("password.practice_what"))
            yield MessageLine("", id="send-input-message")
            with Horizontal(classes="choices"):
                yield Button(t("send.start"), id="start", variant="success")
                yield Button(t("send.try_465"), id="try-465")
            yield StageRows(t)
            yield SendResultView()
        yield KeyFooter()

    @property
    def stages(self) -> StageRows:
        return self.query_one(StageRows)

    @property
    def view(self) -> SendResultView:
        return self.query_one(SendResultView)

    @property
    def report(self) -> str:
        """The support record of the attempt on screen."""
        return "" if self.view.result is None else self.view.result.report

    def on_mount(self) -> None:
        for hidden in ("#send-password", "#try-465"):
            self.query_one(hidden).display = False
        self.find_password()

    @work(exclusive=True, exit_on_error=False, group="password")
    async def find_password(self) -> None:
        app = self.wizard
        session = app.session
        if app.practice:
            if not session.password:
                self.ask_for_password()
            return
        if session.password or not session.progress.email:
            return
        stored = await app.keyring_load(session.progress.email)
        self.keyring_state = stored.status
        if stored.status is KeyringStatus.OK:
            session.set_password(stored.password)
        else:
            self.ask_for_password()
            if stored.status is KeyringStatus.TIMED_OUT:
                self.show_input_problem(app.texts("keyring.timed_out"))

    def ask_for_password(self) -> None:
        self.query_one("#send-password").display = True
        self.query_one("#password").focus()

    def on_stage(self, event: StageEvent) -> None:
        detail = None
        if event.done and event.stage is Stage.TLS and event.detail:
            detail = "  " + self.wizard.texts("stage.certificate", certificate=event.detail)
        self.stages.set_state(event.stage, StageState.OK if event.done else StageState.RUNNING, detail)

    def password(self) -> Secret | None:
        """The password to send with; one typed here becomes the session's (not the keyring's)."""
        session = self.wizard.session
        field = self.query_one("#password", Input)
        if self.query_one("#send-password").display and field.value:
            check = check_app_password(field.value)
            if not check.valid:
                self.show_input_problem(explain_password(check, self.wizard.texts))
                return None
            session.set_password(check.value)
        if not session.password:
            self.ask_for_password()
            key = "send.needs_practice_password" if self.wizard.practice else "send.needs_password"
            self.show_input_problem(self.wizard.texts(key))
            return None
        return session.password

    def show_input_problem(self, text: str) -> None:
        self.query_one("#send-input-message", MessageLine).say(text, Tone.ERROR if text else Tone.PLAIN)

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.start_send(self.wizard.servers.smtp_port)

    @on(Button.Pressed, "#try-465")
    def try_465(self) -> None:
        self.start_send(IMPLICIT_TLS_PORT)

    def sending(self) -> bool:
        return any(worker.group == "send" and worker.is_running for worker in self.workers)

    def start_send(self, port: int) -> None:
        if self.sending():
            return  # Enter or Ctrl+S again while a send is under way
        t = self.wizard.texts
        progress = self.wizard.session.progress
        self.show_input_problem("")
        if not progress.email:
            self.show_input_problem(t("send.needs_address"))
            return
        recipient = self.query_one("#recipient", Input).value.strip() or progress.email
        password = self.password()
        if password is None:
            return
        try:
            prepared = prepare_test_send(
                progress.email, progress.display_name, recipient, password, t,
                host=self.wizard.servers.smtp_host, port=port, ca_file=self.wizard.servers.ca_file,
            )
        except SendInputError as problem:
            self.show_input_problem(str(problem))
            return
        self.port = port
        self.success = None
        self.stages.reset()
        self.view.result = None
        self.query_one("#try-465").display = False
        self.query_one("#start", Button).disabled = True
        self.send(prepared)

    @work(exclusive=True, exit_on_error=False, group="send")
    async def send(self, prepared: PreparedSend) -> None:
        request = prepared.request
        try:
            if self.wizard.practice:
                server = await self.wizard.ensure_practice_server()
                request = replace(request, host=server.host, port=server.port, ca_file=server.ca_file)
            result = await run_test_send(request, self.on_stage)
        except asyncio.CancelledError:
            self.finish_cancelled()
            raise
        except Exception as error:  # e.g. the practice server could not start: say so, never hang
            result = SendResult(diagnose_problem(Problem.UNEXPECTED, Stage.CONNECT, type(error).__name__))
        self.show_result(request, result, prepared.code)

    def stop_running(self) -> None:
        start = self.query_one("#start", Button)
        start.disabled = False
        start.label = self.wizard.texts("send.retry")

    def finish_cancelled(self) -> None:
        running = self.stages.running()
        if running is not None:
            self.stages.set_state(running, StageState.FAILED)
        self.stop_running()
        self.show_input_problem(self.wizard.texts("send.cancelled"))

    def show_result(self, request: SendRequest, result: SendResult, code: str) -> None:
        t = self.wizard.texts
        self.stop_running()
        diagnosis = result.diagnosis
        if diagnosis is not None:
            self.stages.set_state(diagnosis.stage, StageState.FAILED)
            self.wizard.record_failure(diagnosis.key)
        context = self.report_context(t("command.test_send"), keyring=self.keyring_state)
        received = None
        if diagnosis is None:
            self.success = SentTest(
                request.address, request.recipient, code, result.sent_at or datetime.now(UTC), request.password
            )
            self.wizard.record_success(self.success)  # in practice mode, to the practice progress file
            self.query_one("#start", Button).label = t("send.again")
            received = self.practice_received()
        attempt = SendAttempt(request, result, code, self.port, build_report(request, result, context, t), received)
        self.query_one("#try-465").display = attempt.offers_port_465
        self.view.result = attempt

    def practice_received(self) -> Received | None:
        """Practice mode: the last message the practice server received."""
        server = self.wizard.practice_server
        if not self.wizard.practice or server is None or not server.server.received.messages:
            return None
        message = server.server.received.messages[-1]
        return Received(subject=message["Subject"], sender=message["From"], recipient=message["To"])

    @on(Button.Pressed, "#to-confirm")
    def to_confirm(self) -> None:
        if self.success is not None:
            self.wizard.go(Arrival())

    @on(Button.Pressed, "#redo")
    def redo_step(self) -> None:
        attempt = self.view.result
        if attempt is not None and attempt.redo_step is not None:
            self.wizard.go(AtStep(attempt.redo_step))

    @on(Button.Pressed, "#open-gmail")
    @work(exclusive=True, group="open")
    async def open_gmail(self) -> None:
        line = self.query_one("#open-gmail-result", MessageLine)
        await self.wizard.open_and_say(GMAIL_WEB, line.say, with_address=True)

    def action_cancel_or_back(self) -> None:
        if self.sending():
            self.workers.cancel_group(self, "send")
        elif self.back_to is not None:
            self.wizard.go(self.back_to)
        else:
            from wizard.core.step_order import step_ids

            self.wizard.go(AtStep(step_ids()[-1]))
