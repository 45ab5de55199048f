"""A folded-away record for support staff, with a Copy button that says where the copy went."""

from __future__ import annotations

from textual import on, work
from textual.widgets import Button, Collapsible, Static

from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.wizard_widget import WizardWidget


class SupportRecord(WizardWidget, Collapsible):
    """`what` names the record in the copy message, e.g. "the support report (no password in it)"."""

    def __init__(self, title: str, copy_label: str, what: str, *, id: str | None = None) -> None:
        super().__init__(
            Static("", id="report-text", markup=False),
            Button(copy_label, id="copy-report", compact=True),
            MessageLine("", id="report-copy-result"),
            title=title,
            id=id,
        )
        self.what = what
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.query_one("#report-text", Static).update(text)
        self.query_one("#report-copy-result", MessageLine).say("")

    @on(Button.Pressed, "#copy-report")
    @work(exclusive=True, group="copy")
    async def copy_record(self) -> None:
        app = self.wizard
        where = await app.copy_text(self.text)
        self.query_one("#report-copy-result", MessageLine).say(
            app.texts(f"copy.{where}", what=self.what), "-ok" if where != "terminal" else ""
        )
