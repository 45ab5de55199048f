"""Copy, then say where it went: on the computer's clipboard, the browser's, or only asked of the terminal.

The answer goes to a MessageLine of the button's owner (`says_in`, an id on the same
screen), which may sit elsewhere in the layout than the button.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.widgets import Button

from wizard.ui.tone import Tone
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.wizard_widget import WizardWidget


class CopyButton(WizardWidget, Button):
    def __init__(
        self,
        label: str,
        *,
        text: str | Callable[[], str],
        says_in: str,
        what: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`text` is what is copied (a callable: read when pressed); `what` names it in the
        message, e.g. "the support report (no password in it)" (default: the text itself)."""
        super().__init__(label, id=id, classes=classes, compact=True)
        self.text = text
        self.says_in = says_in
        self.what = what

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()  # the copy is the whole answer to this press
        self.copy()

    @work(exclusive=True, group="copy")
    async def copy(self) -> None:
        text = self.text() if callable(self.text) else self.text
        where = await self.wizard.copy_text(text)
        what = text if self.what is None else self.what
        # Said as done only when the computer or the browser confirmed it; a terminal may ignore the request.
        tone = Tone.OK if where.confirmed else Tone.PLAIN
        self.screen.query_one(f"#{self.says_in}", MessageLine).say(self.wizard.texts(where.text_key, what=what), tone)
