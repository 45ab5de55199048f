"""The stages of a test send, one row each: waiting, running (with a spinner), done, failed."""

from __future__ import annotations

from enum import Enum
from types import MappingProxyType

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from wizard.core.texts import Texts
from wizard.mail.diagnosis import Stage

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StageState(Enum):
    """Where one stage of a test send is; a stage with no state is still waiting."""

    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"

    @property
    def css_class(self) -> str:
        return f"-{self.value}"

    def mark(self, frame: int) -> str:
        """The row's first character: a spinner turning with `frame` while running, then ✓ or ✗."""
        if self is StageState.RUNNING:
            return SPINNER[frame % len(SPINNER)]
        return "✓" if self is StageState.OK else "✗"


EMPTY: MappingProxyType[Stage, StageState] = MappingProxyType({})
NO_DETAILS: MappingProxyType[Stage, str] = MappingProxyType({})


class StageRows(Vertical):
    """Assign `states` (stage → StageState) and `details`; the rows follow."""

    DEFAULT_CSS = """
    StageRows {
        height: auto;
        margin: 1 0;
        border: round $primary;
        padding: 0 1;
    }
    StageRows .stage {
        color: $text-muted;
    }
    StageRows .stage.-running {
        color: $text;
        text-style: bold;
    }
    StageRows .stage.-ok {
        color: $text-success;
    }
    StageRows .stage.-failed {
        color: $text-error;
        text-style: bold;
    }
    """

    states: reactive[MappingProxyType[Stage, StageState]] = reactive(EMPTY)
    details: reactive[MappingProxyType[Stage, str]] = reactive(NO_DETAILS)
    frame: reactive[int] = reactive(0)

    def __init__(self, texts: Texts) -> None:
        super().__init__(id="stages")
        self.texts = texts

    def compose(self) -> ComposeResult:
        for stage in Stage:
            yield Static("", id=f"stage-{stage.value}", classes="stage", markup=False)

    def on_mount(self) -> None:
        self.spinner = self.set_interval(0.1, self.turn, pause=True)
        self.draw()

    def turn(self) -> None:
        self.frame += 1

    def set_state(self, stage: Stage, state: StageState, detail: str | None = None) -> None:
        self.states = MappingProxyType({**self.states, stage: state})
        if detail is not None:
            self.details = MappingProxyType({**self.details, stage: detail})

    def reset(self) -> None:
        self.states, self.details = EMPTY, NO_DETAILS

    def running(self) -> Stage | None:
        return next((stage for stage, state in self.states.items() if state is StageState.RUNNING), None)

    def watch_states(self) -> None:
        if self.is_mounted:
            if self.running() is None:
                self.spinner.pause()
            else:
                self.spinner.resume()
        self.draw()

    def watch_details(self) -> None:
        self.draw()

    def watch_frame(self) -> None:
        self.draw()

    def draw(self) -> None:
        if not self.is_mounted:
            return
        for stage in Stage:
            state = self.states.get(stage)
            mark = " " if state is None else state.mark(self.frame)
            row = self.query_one(f"#stage-{stage.value}", Static)
            row.update(f"{mark} {self.texts(stage.text_key)}{self.details.get(stage, '')}")
            for each in StageState:
                row.set_class(state is each, each.css_class)
