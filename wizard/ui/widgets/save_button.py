"""Save as a file, then say where it went: the downloads folder (its full path), the browser, or why not.

For terminals without a clipboard (conhost, SSH, tmux): a file the user can attach to a
mail to support. Like CopyButton, the answer goes to a MessageLine (`says_in`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.widgets import Button

from wizard.ui.outcomes import SaveOutcome
from wizard.ui.tone import Tone
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.wizard_widget import WizardWidget


class SaveButton(WizardWidget, Button):
    def __init__(
        self,
        label: str,
        *,
        text: Callable[[], str],
        file_name: str,
        what: str,
        says_in: str,
        id: str | None = None,
    ) -> None:
        """`text` is read when pressed; `file_name` is the name asked for (a number is added
        rather than replace a file); `what` names it in the message."""
        super().__init__(label, id=id, compact=True)
        self.text = text
        self.file_name = file_name
        self.what = what
        self.says_in = says_in

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()  # the save is the whole answer to this press
        self.save()

    @work(exclusive=True, group="save")
    async def save(self) -> None:
        result = await self.wizard.save_text(self.text(), self.file_name)
        t = self.wizard.texts
        reason = t("save.timed_out") if result.timed_out else result.reason
        message = t(result.outcome.text_key, what=self.what, path=result.where, reason=reason)
        tone = Tone.OK if result.outcome.worked else Tone.ERROR if result.outcome is SaveOutcome.FAILED else Tone.PLAIN
        line = self.screen.query_one(f"#{self.says_in}", MessageLine)
        line.say(message, tone)
        # Saved with a key from the top of a long page: the answer may be out of view.
        line.scroll_visible(animate=False)
