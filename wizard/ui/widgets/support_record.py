"""A folded-away record for support staff, with a Copy button that says where the copy went."""

from __future__ import annotations

from textual.widgets import Collapsible, Static

from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.message_line import MessageLine


class SupportRecord(Collapsible):
    """`what` names the record in the copy message, e.g. "the support report (no password in it)"."""

    def __init__(self, title: str, copy_label: str, what: str, *, id: str | None = None) -> None:
        super().__init__(
            Static("", id="report-text", markup=False),
            CopyButton(copy_label, id="copy-report", says_in="report-copy-result", text=lambda: self.text, what=what),
            MessageLine("", id="report-copy-result"),
            title=title,
            id=id,
        )
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.query_one("#report-text", Static).update(text)
        self.query_one("#report-copy-result", MessageLine).say("")
