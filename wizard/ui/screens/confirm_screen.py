"""What the two confirmation screens share: look into the mailbox with a countdown and Cancel,
then say what was found in plain words, with the record for support folded away.

The looking itself is `wizard.mail.confirm`; the answer is drawn by ConfirmResultView.
A screen says what to look for, and which buttons each phase offers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Button

from wizard.mail.confirm import ConfirmResult, Looking, LookPhase, Outcome, SentTest
from wizard.mail.mailbox import Mailbox, MailboxProblem
from wizard.mail.session import ConfirmKind
from wizard.mail.support_report import build_mailbox_record
from wizard.ui.keys import localized
from wizard.ui.prose import Prose
from wizard.ui.screens.base import GMAIL_WEB, WizardScreen
from wizard.ui.tone import Tone
from wizard.ui.widgets.confirm_result_view import Confirmation, ConfirmResultView
from wizard.ui.widgets.countdown import Countdown
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.support_record import SupportRecord
from wizard.ui.widgets.title_bar import TitleBar

RECORD_FILE_NAME = "ecrea-gmail-mailbox-record.txt"


class ConfirmPhase(Enum):
    """Where a confirmation screen is; each phase has its own buttons (`ConfirmScreen.buttons`)."""

    READY = "ready"
    """Nothing looked for yet."""
    LOOKING = "looking"
    CANCELLED = "cancelled"
    FOUND = "found"
    """Where it belongs: the test message in the inbox, Ecrea's message in Sent Mail."""
    IN_JUNK = "in_junk"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"
    """The mailbox could not be looked at."""

    @classmethod
    def after(cls, outcome: Outcome) -> ConfirmPhase:
        return {
            Outcome.INBOX: cls.FOUND,
            Outcome.SEEN: cls.FOUND,
            Outcome.JUNK: cls.IN_JUNK,
            Outcome.NOT_FOUND: cls.NOT_FOUND,
            Outcome.UNAVAILABLE: cls.UNAVAILABLE,
        }[outcome]


@dataclass(frozen=True)
class Buttons:
    """The buttons a phase shows (ids, in the row's order), the one focused, and new labels."""

    shown: tuple[str, ...]
    focus: str
    labels: Mapping[str, str] = field(default_factory=dict)


class ConfirmScreen(WizardScreen):
    # Loaded with the screen, not at start-up.
    CSS_PATH = "confirm_screen.tcss"
    AUTO_FOCUS = "#look"
    BINDINGS = [*localized("escape", "cancel_or_back", "send.cancel_or_back", key_display="Esc")]
    KIND: ConfirmKind
    """"arrival" or "ecrea": what the app records the result as."""
    CANCELLED = ""
    """The text shown when the user cancels."""

    phase: var[ConfirmPhase] = var(ConfirmPhase.READY, init=False, always_update=True)
    """Which buttons show, with which labels, and which has the focus."""

    def __init__(self, sent: SentTest) -> None:
        super().__init__()
        self.sent = sent

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

    def buttons(self, phase: ConfirmPhase) -> Buttons:
        raise NotImplementedError

    def confirmation(self, result: ConfirmResult) -> Confirmation:
        """What the result view needs besides the result."""
        return Confirmation(self.KIND, result, self.sent.address)

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
            yield ConfirmResultView()
            with Horizontal(classes="choices"):
                yield Button("", id="look", variant="primary")
                yield Button(t("confirm.cancel"), id="cancel")
                yield from self.choices()
                yield Button("", id="next", variant="success")
            yield MessageLine("", id="choice-result")
            yield SupportRecord(t("confirm.show_report"), t("send.copy_report"), t("save.report"),
                                t("confirm.report_what"), file_name=RECORD_FILE_NAME, id="report")
        yield KeyFooter()

    @property
    def view(self) -> ConfirmResultView:
        return self.query_one(ConfirmResultView)

    def on_mount(self) -> None:
        for hidden in ("#status", "#report"):
            self.query_one(hidden).display = False
        self.watch_phase(self.phase)

    def watch_phase(self, phase: ConfirmPhase) -> None:
        buttons = self.buttons(phase)
        for button in self.query(".choices Button").results(Button):
            button.display = button.id in buttons.shown
            label = buttons.labels.get(button.id or "")
            if label is not None:
                button.label = label
        # Where the page scrolls is scroll_to_answer's to decide, after the answer is laid out. Focused
        # now, not after the frame that shows the phase (as `Widget.focus` does): a key pressed as
        # soon as the buttons show (Enter on "Start watching") was lost, or went to the one before.
        self.set_focus(self.query_one(f"#{buttons.focus}"), scroll_visible=False)

    def say(self, text: str, tone: Tone = Tone.PLAIN) -> None:
        self.query_one("#choice-result", MessageLine).say(text, tone)

    # Looking

    def looking(self) -> bool:
        return any(worker.group == "look" and worker.is_running for worker in self.workers)

    @on(Button.Pressed, "#look")
    def start_looking(self) -> None:
        if self.looking():
            return
        self.say("")
        self.view.result = None
        self.phase = ConfirmPhase.LOOKING
        self.look()

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
            self.phase = ConfirmPhase.CANCELLED
            raise
        except Exception as error:  # e.g. the practice server could not start: say so, never hang
            result = ConfirmResult(Outcome.UNAVAILABLE, problem=MailboxProblem.UNEXPECTED, detail=type(error).__name__)
        status.say("")
        app.record_confirmation(self.KIND, result)
        self.show_record(result)
        self.view.result = self.confirmation(result)
        self.phase = ConfirmPhase.after(result.outcome)
        self.call_after_refresh(self.scroll_to_answer)

    def scroll_to_answer(self) -> None:
        title = self.query_one("#result-title")
        if not title.virtual_region.height:
            # Not laid out yet on a busy machine: there is nowhere to scroll to until it is.
            self.call_after_refresh(self.scroll_to_answer)
            return
        # The buttons first, then the title: on a short screen the answer's first line wins.
        self.query_one(".choices").scroll_visible(animate=False, immediate=True)
        self.query_one("#result-title").scroll_visible(animate=False, immediate=True)

    def on_progress(self, event: Looking) -> None:
        status = self.query_one(Countdown)
        if event.phase is LookPhase.CONNECTING:
            t = self.wizard.texts
            status.say(t("confirm.connecting_practice") if self.wizard.practice
                       else t("confirm.connecting", host=self.wizard.servers.imap_host))
        else:
            status.start(event.deadline, lambda left: self.looking_line(event, left))

    def show_record(self, result: ConfirmResult) -> None:
        app = self.wizard
        server = "practice" if app.practice else f"{app.servers.imap_host}:{app.servers.imap_port}"
        record = build_mailbox_record(
            result, self.report_context(self.heading()), app.texts,
            server=server, address=self.sent.address, password=self.sent.password.reveal(),
        )
        self.query_one("#report").display = True
        self.query_one(SupportRecord).show(record)

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
