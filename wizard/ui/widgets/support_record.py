"""A folded-away record for support staff, with Copy and Save buttons that say where it went.

Save is for terminals with no clipboard (conhost, SSH, tmux): a file to attach to a mail.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Static

from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.folded import Folded
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.save_button import SaveButton


class SupportRecord(Folded):
    """`what` names the record in the messages, e.g. "the support report (no password in it)"."""

    DEFAULT_CSS = """
    SupportRecord #report-buttons {
        height: auto;
    }
    SupportRecord #save-report {
        margin: 0 0 0 2;
    }
    """

    def __init__(
        self, title: str, copy_label: str, save_label: str, what: str, *, file_name: str, id: str | None = None
    ) -> None:
        super().__init__(
            Static("", id="report-text", markup=False),
            Horizontal(
                CopyButton(copy_label, id="copy-report", says_in="report-copy-result", text=lambda: self.text,
                           what=what),
                SaveButton(save_label, id="save-report", says_in="report-copy-result", text=lambda: self.text,
                           file_name=file_name, what=what),
                id="report-buttons",
            ),
            MessageLine("", id="report-copy-result"),
            title=title,
            id=id,
        )
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.query_one("#report-text", Static).update(text)
        self.query_one("#report-copy-result", MessageLine).say("")
