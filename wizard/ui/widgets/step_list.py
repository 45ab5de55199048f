"""The list of all fourteen steps beside each step screen, with done and current marked."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.widgets import Static

from wizard.core.step_content import load_steps
from wizard.core.texts import Texts


class StepList(Static):
    def __init__(self, texts: Texts, current: int, completed: Collection[int]) -> None:
        super().__init__(self._render_list(texts, current, completed), id="step-list")
        self.border_title = texts("step.list_heading")

    @staticmethod
    def _render_list(texts: Texts, current: int, completed: Collection[int]) -> Text:
        lines = Text()
        for step in load_steps():
            if step.number == current:
                mark, style = "▶", "bold reverse"
            elif step.number in completed:
                mark, style = "✓", "green"
            else:
                mark, style = " ", "dim"
            lines.append(f"{mark}{step.number:>3} {step.text[texts.lang].short}\n", style=style)
        lines.rstrip()
        return lines
