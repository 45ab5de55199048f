"""A window over any screen: paste the error Ecrea showed, read its cause, go to the step it names.

The explaining is `wizard.mail.explain_error`, the same as the `explain` command's; the
pasted text is scrubbed of anything shaped like a password before any of it is shown.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, TextArea

from wizard.mail.explain_error import MAX_TEXT, ErrorExplanation, InputTooLong, explain_error_text
from wizard.ui.places import AtStep
from wizard.ui.prose import Prose
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
                yield Button(t("explain.close"), id="close")
            yield MessageLine("", id="explain-title")
            yield Prose("", id="explain-action")
            yield Prose("", id="explain-evidence")

    @on(Button.Pressed, "#examine")
    def examine(self) -> None:
        t = self.wizard.texts
        text = self.query_one("#error-text", TextArea).text
        title = self.query_one("#explain-title", MessageLine)
        self.explanation = None
        self.query_one("#go-to-step").display = False
        for part in ("#explain-action", "#explain-evidence"):
            self.query_one(part, Prose).update("")
        if not text.strip():
            title.say(t("explain.nothing_pasted"), Tone.WARNING)
            return
        try:
            explanation = explain_error_text(text)
        except InputTooLong:
            title.say(t("explain.too_long", limit=MAX_TEXT), Tone.WARNING)
            return
        self.explanation = explanation
        if explanation.redacted:
            # Not left on screen either: support staff may be looking at it too.
            self.query_one("#error-text", TextArea).text = explanation.text
        title.say(t(explanation.title_key), Tone.ERROR if explanation.recognised else Tone.WARNING)
        self.query_one("#explain-action", Prose).update(t(explanation.action_key))
        evidence = [t("explain.evidence", words=explanation.evidence)] if explanation.evidence else []
        if explanation.redacted:
            evidence.append(t("explain.redacted"))
        self.query_one("#explain-evidence", Prose).update("\n".join(evidence))
        if explanation.redo_step:
            from wizard.core.step_order import number_of

            button = self.query_one("#go-to-step", Button)
            button.label = t("explain.go_to_step", number=number_of(explanation.redo_step))
            button.display = True
        self.call_after_refresh(self.scroll_to_answer)

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

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()
