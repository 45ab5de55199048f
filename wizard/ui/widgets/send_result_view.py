"""The answer to a test send, drawn from one `SendAttempt`: what happened, what to do, and the way on.

The send screen assigns `result`; the view draws the title, the action, the server's
reply, which of its buttons show (and the redo button's step number), and the record
for support. The screen handles the buttons' presses.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Button

from wizard.core.step_order import number_of
from wizard.mail.diagnosis import Diagnosis, Offer, explain_reply
from wizard.mail.send import IMPLICIT_TLS_PORT, SendRequest, SendResult
from wizard.ui.prose import Prose
from wizard.ui.tone import Tone
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.support_record import SupportRecord
from wizard.ui.widgets.wizard_widget import WizardWidget

REPORT_FILE_NAME = "ecrea-gmail-support-report.txt"


@dataclass(frozen=True)
class Received:
    """What the practice server received: shown in practice mode in place of "look in your inbox"."""

    subject: str
    sender: str
    recipient: str


@dataclass(frozen=True)
class SendAttempt:
    """A finished test send and what its view needs to present it."""

    request: SendRequest
    result: SendResult
    code: str
    """The code in the message's subject."""
    port: int
    """The port asked for: Gmail's 587 or 465 (in practice mode the request went to the practice server)."""
    report: str
    """The record for support staff."""
    received: Received | None = None
    """Practice mode: the message as the practice server received it."""

    @property
    def offers(self) -> tuple[Offer, ...]:
        diagnosis = self.result.diagnosis
        return () if diagnosis is None else diagnosis.offers

    @property
    def offers_port_465(self) -> bool:
        """Another try on port 465 may help, and this was not it."""
        return Offer.TRY_PORT_465 in self.offers and self.port != IMPLICIT_TLS_PORT

    @property
    def redo_step(self) -> str | None:
        """The id of the step a failure leads back to, if any."""
        diagnosis = self.result.diagnosis
        return None if diagnosis is None else diagnosis.redo_step


class SendResultView(WizardWidget, Vertical):
    DEFAULT_CSS = """
    SendResultView {
        height: auto;
    }
    SendResultView #result-title {
        text-style: bold;
    }
    SendResultView #result-title.-ok {
        color: $text-success;
    }
    SendResultView #result-title.-error {
        color: $text-error;
    }
    SendResultView #result-action, SendResultView #result-reply {
        margin: 1 0 0 0;
    }
    """

    result: reactive[SendAttempt | None] = reactive(None, always_update=True)
    """The attempt on screen; None while a send is under way or before the first (the view is hidden)."""

    def __init__(self) -> None:
        super().__init__(id="result")

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        yield Prose("", id="result-title")
        yield Prose("", id="result-action")
        yield Prose("", id="result-reply", classes="hint")
        with Horizontal(classes="choices"):
            yield Button(t("send.to_confirm"), id="to-confirm", variant="success")
            yield Button("", id="redo")
            yield Button(t("send.open_gmail"), id="open-gmail")
        yield MessageLine("", id="open-gmail-result")
        yield SupportRecord(t("send.show_report"), t("send.copy_report"), t("save.report"), t("send.report_what"),
                            file_name=REPORT_FILE_NAME, id="report")

    def watch_result(self, attempt: SendAttempt | None) -> None:
        self.display = attempt is not None
        if attempt is None:
            return
        diagnosis = attempt.result.diagnosis
        self.query_one(SupportRecord).show(attempt.report)
        self.query_one("#to-confirm").display = diagnosis is None
        self.query_one("#open-gmail").display = Offer.OPEN_GMAIL in attempt.offers
        redo = self.query_one("#redo", Button)
        redo.display = Offer.REDO_STEP in attempt.offers
        title = self.query_one("#result-title", Prose)
        (Tone.OK if diagnosis is None else Tone.ERROR).show_on(title)
        if diagnosis is None:
            title.update(self.success_title(attempt))
            self.query_one("#result-action", Prose).update(self.success_details(attempt))
            self.query_one("#result-reply", Prose).update("")
            self.query_one("#to-confirm").focus(scroll_visible=False)
        else:
            heading, action = self.diagnosis_texts(diagnosis)
            title.update(heading)
            self.query_one("#result-action", Prose).update(action)
            self.query_one("#result-reply", Prose).update(explain_reply(diagnosis, self.wizard.texts))
            if attempt.redo_step is not None:
                redo.label = self.wizard.texts("send.redo_step", number=number_of(attempt.redo_step))
                redo.focus(scroll_visible=False)
        # After the refresh that lays the result out: until then it has no place to scroll to.
        self.call_after_refresh(self.bring_into_view)

    def bring_into_view(self) -> None:
        """The result, and above all the way on (the focused button), on screen."""
        self.scroll_visible(animate=False, immediate=True)
        focused = self.screen.focused
        if isinstance(focused, Button) and focused in self.query(Button):
            focused.scroll_visible(animate=False, immediate=True)

    def diagnosis_texts(self, diagnosis: Diagnosis) -> tuple[str, str]:
        """What went wrong and what to do: the one place a diagnosis becomes text keys."""
        t = self.wizard.texts
        return t(diagnosis.problem.title_key), t(diagnosis.problem.action_key)

    def success_title(self, attempt: SendAttempt) -> str:
        return self.wizard.texts("send.practice_success" if self.wizard.practice else "send.success", code=attempt.code)

    def success_details(self, attempt: SendAttempt) -> str:
        t = self.wizard.texts
        if not self.wizard.practice:
            return t("send.success_details", recipient=attempt.request.recipient, address=attempt.request.address)
        received = attempt.received
        if received is None:
            return ""
        return t("send.practice_received", subject=received.subject, sender=received.sender,
                 recipient=received.recipient)
