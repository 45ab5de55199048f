"""The list of all the steps beside each step screen: done, current, and a click asks to go there."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from wizard.core.step_content import load_steps
from wizard.core.texts import Texts
from wizard.ui.layout import STEP_LIST_WIDTH


class StepList(Widget):
    DEFAULT_CSS = f"""
    StepList {{
        width: {STEP_LIST_WIDTH};
        height: 100%;
        border: round $primary;
        padding: 0 1;
    }}
    """

    class Selected(Message):
        """A step in the list was clicked."""

        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    current: reactive[int] = reactive(1)
    """The number of the step on screen."""

    def __init__(self, texts: Texts, current: int, completed: Collection[str]) -> None:
        super().__init__(id="step-list")
        self.texts = texts
        self.completed = completed
        self.set_reactive(StepList.current, current)
        self.border_title = texts("step.list_heading")

    def render(self) -> Text:
        lines = Text()
        for step in load_steps():
            if step.number == self.current:
                mark, style = "▶", "bold reverse"
            elif step.id in self.completed:
                mark, style = "✓", "green"
            else:
                mark, style = " ", "dim"
            lines.append(f"{mark}{step.number:>3} {step.text[self.texts.lang].short}\n", style=style)
        lines.rstrip()
        return lines

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        steps = load_steps()
        if offset is not None and 0 <= offset.y < len(steps):
            self.post_message(self.Selected(steps[offset.y].id))
