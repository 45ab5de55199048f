"""A window over any screen: paste the error Ecrea showed, read its cause, go to the step it names.

The explaining is `wizard.mail.explain_error`, the same as the `explain` command's; the
pasted text is scrubbed of anything shaped like a password before any of it is shown.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, TextArea

from wizard.core.output_filter import printable
from wizard.mail.diagnosis import Offer
from wizard.mail.explain_error import MAX_TEXT, ErrorExplanation, InputTooLong, explain_error_text
from wizard.ui.places import AtStep
from wizard.ui.prose import Prose
from wizard.ui.screens.base import GMAIL_WEB
from wizard.ui.tone import Tone
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.wizard_widget import WizardWidget


class ExplainErrorScreen(WizardWidget, ModalScreen[None]):
    CSS_PATH = "explain_error_screen.tcss"
    AUTO_FOCUS = "#error-text"
    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.explanation: ErrorExplanation | None = None

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        with VerticalScroll(id="explain-dialog"):
            yield Prose(t("explain.open"), id="explain-heading")
            yield Prose(t("explain.paste_here"), id="explain-hint")
            yield TextArea(id="error-text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            with Horizontal(id="explain-choices"):
                yield Button(t("explain.examine"), id="examine", variant="primary")
                go_to_step = Button("", id="go-to-step", variant="success")
                go_to_step.display = False  # until an explanation names a step
                yield go_to_step
                open_gmail = Button(t("send.open_gmail"), id="open-gmail")
                open_gmail.display = False  # until Google asks for a sign-in in the browser
                yield open_gmail
                yield Button(t("explain.close"), id="close")
            yield MessageLine("", id="explain-title")
            yield Prose("", id="explain-action")
            yield Prose("", id="explain-evidence")
            yield MessageLine("", id="open-gmail-result")

    @on(Button.Pressed, "#examine")
    def examine(self) -> None:
        t = self.wizard.texts
        text = self.query_one("#error-text", TextArea).text
        self.explanation = None
        self.show_answer("", "", Tone.WARNING)
        if not text.strip():
            self.show_answer(t("explain.nothing_pasted"), "", Tone.WARNING)
            return
        try:
            explanation = explain_error_text(text)
        except InputTooLong:
            self.show_answer(t("explain.too_long", limit=MAX_TEXT), "", Tone.WARNING)
            return
        self.explanation = explanation
        if explanation.redacted:
            # Not left on screen either: support staff may be looking at it too.
            self.query_one("#error-text", TextArea).text = explanation.text
        evidence = [t("explain.evidence", words=printable(explanation.evidence))] if explanation.evidence else []
        if explanation.redacted:
            evidence.append(t("explain.redacted"))
        tone = Tone.ERROR if explanation.recognised else Tone.WARNING
        self.show_answer(t(explanation.title_key), t(explanation.action_key), tone, "\n".join(evidence))
        if explanation.redo_step:
            from wizard.core.step_order import number_of

            button = self.query_one("#go-to-step", Button)
            button.label = t("explain.go_to_step", number=number_of(explanation.redo_step))
            button.display = True
        self.query_one("#open-gmail").display = Offer.OPEN_GMAIL in explanation.offers
        self.call_after_refresh(self.scroll_to_answer)

    def show_answer(self, title: str, action: str, tone: Tone, evidence: str = "") -> None:
        """The answer's words; the buttons it offers are hidden until `examine` shows them."""
        self.query_one("#explain-title", MessageLine).say(title, tone)
        self.query_one("#explain-action", Prose).update(action)
        self.query_one("#explain-evidence", Prose).update(evidence)
        self.query_one("#open-gmail-result", MessageLine).say("")
        for offer in ("#go-to-step", "#open-gmail"):
            self.query_one(offer).display = False

    def scroll_to_answer(self) -> None:
        self.query_one("#explain-choices").scroll_visible(animate=False, immediate=True)
        self.query_one("#explain-title").scroll_visible(animate=False, immediate=True)

    @on(Button.Pressed, "#go-to-step")
    def go_to_step(self) -> None:
        step = self.explanation.redo_step if self.explanation else None
        if step is None:
            return
        self.dismiss()
        self.wizard.go(AtStep(step))

    @on(Button.Pressed, "#open-gmail")
    @work(exclusive=True, group="open")
    async def open_gmail(self) -> None:
        line = self.query_one("#open-gmail-result", MessageLine)
        await self.wizard.open_and_say(GMAIL_WEB, line.say, with_address=True)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()
