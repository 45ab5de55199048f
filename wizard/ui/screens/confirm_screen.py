"""What the two confirmation screens share: look into the mailbox with a countdown and Cancel,
then say what was found in plain words, with the record for support folded away.

The looking itself is `wizard.mail.confirm`; a screen says what to look for and how
to present the answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button

from wizard.mail.confirm import ConfirmResult, Looking, Outcome, SentTest
from wizard.mail.mailbox import Mailbox
from wizard.mail.session import ConfirmKind
from wizard.mail.support_report import build_mailbox_record
from wizard.ui.keys import localized
from wizard.ui.prose import Prose
from wizard.ui.screens.base import GMAIL_WEB, WizardScreen
from wizard.ui.widgets.countdown import Countdown
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.support_record import SupportRecord
from wizard.ui.widgets.title_bar import TitleBar


class ConfirmScreen(WizardScreen):
    # Loaded with the screen, not at start-up.
    CSS_PATH = "confirm_screen.tcss"
    AUTO_FOCUS = "#look"
    BINDINGS = [*localized("escape", "cancel_or_back", "send.cancel_or_back", key_display="Esc")]
    KIND: ConfirmKind
    """"arrival" or "ecrea": what the app records the result as."""
    CANCELLED = ""
    """The text shown when the user cancels."""

    def __init__(self, sent: SentTest) -> None:
        super().__init__()
        self.sent = sent
        self.result: ConfirmResult | None = None

    # What a screen provides

    def heading(self) -> str:
        raise NotImplementedError

    def explanation(self) -> Iterable[Widget]:
        raise NotImplementedError

    def choices(self) -> Iterable[Widget]:
        """Buttons besides #look, #cancel and #next."""
        return ()

    async def check(self, mailbox: Mailbox, report: Callable[[Looking], None]) -> ConfirmResult:
        raise NotImplementedError

    def looking_line(self, event: Looking, seconds_left: int) -> str:
        raise NotImplementedError

    def present(self, result: ConfirmResult) -> None:
        """Fill #result-title / -detail / -action and set the buttons for `result`."""
        raise NotImplementedError

    def go_next(self) -> None:
        raise NotImplementedError

    def go_back(self) -> None:
        raise NotImplementedError

    # Layout

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        yield TitleBar()
        with VerticalScroll(id="confirm", classes="body"):
            yield Prose(self.heading(), id="confirm-heading")
            yield from self.explanation()
            yield Countdown(id="status")
            with Vertical(id="result"):
                yield Prose("", id="result-title")
                yield Prose("", id="result-detail")
                yield Prose("", id="result-action")
                yield Prose("", id="result-reply", classes="hint")
            with Horizontal(classes="choices"):
                yield Button("", id="look", variant="primary")
                yield Button(t("confirm.cancel"), id="cancel")
                yield from self.choices()
                yield Button("", id="next", variant="success")
            yield MessageLine("", id="choice-result")
            yield SupportRecord(t("confirm.show_report"), t("send.copy_report"), t("confirm.report_what"), id="report")
        yield KeyFooter()

    def on_mount(self) -> None:
        for hidden in ("#status", "#result", "#cancel", "#report"):
            self.query_one(hidden).display = False

    def set_buttons(self, *shown: str, focus: str, labels: dict[str, str] | None = None) -> None:
        """Show only the buttons named in `shown` (ids), relabel some, and focus one."""
        for button in self.query(".choices Button").results(Button):
            button.display = button.id in shown
            if labels and button.id in labels:
                button.label = labels[button.id]
        self.query_one(f"#{focus}").focus()

    def say(self, text: str, tone: str = "") -> None:
        self.query_one("#choice-result", MessageLine).say(text, tone)

    # Looking

    def looking(self) -> bool:
        return any(worker.group == "look" and worker.is_running for worker in self.workers)

    @on(Button.Pressed, "#look")
    def start_looking(self) -> None:
        if self.looking():
            return
        self.say("")
        self.query_one("#result").display = False
        self.set_buttons(*self.while_looking(), focus="cancel")
        self.look()

    def while_looking(self) -> tuple[str, ...]:
        return ("cancel",)

    @work(exclusive=True, exit_on_error=False, group="look")
    async def look(self) -> None:
        app = self.wizard
        status = self.query_one(Countdown)
        try:
            if app.practice:
                await app.ensure_practice_server()
            mailbox = app.mailbox(self.sent.address, self.sent.password)
            result = await self.check(mailbox, self.on_progress)
        except asyncio.CancelledError:
            status.say(app.texts(self.CANCELLED))
            self.cancelled()
            raise
        except Exception as error:  # e.g. the practice server could not start: say so, never hang
            result = ConfirmResult(Outcome.UNAVAILABLE, problem="unexpected", detail=type(error).__name__)
        status.say("")
        self.result = result
        app.record_confirmation(self.KIND, result)
        self.show_record(result)
        self.query_one("#result").display = True
        self.present(result)
        self.call_after_refresh(self.scroll_to_answer)

    def scroll_to_answer(self) -> None:
        # The buttons first, then the title: on a short screen the answer's first line wins.
        self.query_one(".choices").scroll_visible(animate=False, immediate=True)
        self.query_one("#result-title").scroll_visible(animate=False, immediate=True)

    def on_progress(self, event: Looking) -> None:
        status = self.query_one(Countdown)
        if event.phase == "connecting":
            host = self.wizard.texts("confirm.practice_host") if self.wizard.practice else self.wizard.servers.imap_host
            status.say(self.wizard.texts("confirm.connecting", host=host))
        else:
            status.start(event.deadline, lambda left: self.looking_line(event, left))

    def cancelled(self) -> None:
        self.set_buttons("look", "next", focus="look", labels={"look": self.wizard.texts("send.retry")})

    def show_record(self, result: ConfirmResult) -> None:
        app = self.wizard
        server = "practice" if app.practice else f"{app.servers.imap_host}:{app.servers.imap_port}"
        record = build_mailbox_record(
            result, self.report_context(self.heading()), app.texts,
            server=server, address=self.sent.address, password=self.sent.password,
        )
        self.query_one("#report").display = True
        self.query_one(SupportRecord).show(record)

    def show_problem(self, result: ConfirmResult, note_key: str) -> None:
        """A mailbox that could not be looked at: why, what to do, and the server's words."""
        t = self.wizard.texts
        self.show_title(t(f"confirm.problem.{result.problem}.title"), "-error")
        self.show_texts(action=f"{t(f'confirm.problem.{result.problem}.action')}\n{t(note_key)}")
        self._fill("#result-reply", t("send.error_detail", reply=result.detail) if result.detail else "")

    def show_title(self, text: str, tone: str) -> None:
        title = self.query_one("#result-title", Prose)
        title.update(text)
        for name in ("-ok", "-warning", "-error"):
            title.set_class(name == tone, name)

    def show_texts(self, detail: str = "", action: str = "") -> None:
        self._fill("#result-detail", detail)
        self._fill("#result-action", action)
        self._fill("#result-reply", "")

    def _fill(self, selector: str, text: str) -> None:
        # An empty part takes no room, margin included.
        prose = self.query_one(selector, Prose)
        prose.update(text)
        prose.display = bool(text)

    def time_of(self, result: ConfirmResult) -> str:
        when = result.when
        return when.astimezone().strftime("%H:%M:%S") if when else "-"

    # Buttons and keys

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.workers.cancel_group(self, "look")

    @on(Button.Pressed, "#next")
    def next_pressed(self) -> None:
        self.workers.cancel_group(self, "look")
        self.go_next()

    @on(Button.Pressed, "#open-gmail")
    @work(exclusive=True, group="open")
    async def open_gmail(self) -> None:
        await self.wizard.open_and_say(GMAIL_WEB, self.say, with_address=True)

    def action_cancel_or_back(self) -> None:
        if self.looking():
            self.cancel()
        else:
            self.go_back()
