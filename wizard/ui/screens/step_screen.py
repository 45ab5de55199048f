"""One screen for any of the fourteen steps, built from the step's data."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Collapsible, Footer, Static

from wizard.core.labels import describe_label
from wizard.ui.localized import Key, LocalizedScreen
from wizard.core.progress import Progress
from wizard.ui.prose import Prose
from wizard.ui.widgets.step_list import StepList
from wizard.ui.widgets.title_bar import TitleBar
from wizard.core.step_content import STEP_COUNT, Step


class StepScreen(LocalizedScreen):
    # Loaded with the first step, not at start-up.
    CSS_PATH = "step_screen.tcss"

    KEYS = (
        Key("left", "back", "common.back", key_display="←"),
        Key("right", "next", "common.next", key_display="→"),
        Key("o", "open_page", "step.open_page"),
        Key("c", "copy_value", "common.copy"),
        Key("h", "toggle_help", "key.help"),
    )

    def __init__(self, step: Step, progress: Progress) -> None:
        super().__init__()
        self.step = step
        self.progress = progress

    def compose(self) -> ComposeResult:
        t = self.texts
        step, text = self.step, self.step.text[t.lang]
        yield TitleBar()
        with Horizontal():
            yield StepList(self.texts, step.number, self.progress.completed)
            with Vertical(id="step-main"):
                yield Static(t("step.of", number=step.number, total=STEP_COUNT), id="step-number", markup=False)
                with VerticalScroll(id="step-body"):
                    yield Prose(text.title, id="step-title")
                    yield Prose(text.instructions, id="step-instructions")
                    if step.press:
                        press = " → ".join(describe_label(label, t) for label in step.press)
                        yield Prose(f"{t('step.press_heading')}: {press}", id="step-press")
                    if step.example:
                        yield Prose(t("step.sms_example", example=step.example), id="step-example")
                    if step.copy:
                        with Horizontal(id="step-copy", classes="value-row"):
                            yield Prose(t("step.copy_value_heading", value=step.copy[t.lang]))
                            yield Button(t("common.copy"), id="copy", compact=True)
                    if text.warning:
                        yield Prose(text.warning, id="step-warning", classes="warning")
                    yield from self.step_panels()
                    if step.url:
                        with Vertical(id="step-url"):
                            yield Button(t("step.open_page"), id="open", variant="primary", compact=True)
                            yield Prose(t("step.open_page_hint"), classes="hint")
                            yield Prose(step.url, id="url-text")
                    with Collapsible(title=t("step.help_title"), id="step-help"):
                        yield Prose(text.help)
                with Horizontal(id="nav"):
                    yield Button(t("common.back"), id="back")
                    last = step.number == STEP_COUNT
                    yield Button(t("common.finish" if last else "common.next"), id="next", variant="success")
        yield Footer()

    def step_panels(self) -> ComposeResult:
        """What some steps add to their text: step 13 checks the password, step 14 shows Ecrea's form."""
        if self.step.number == 13:
            from wizard.ui.widgets.app_password_panel import AppPasswordPanel

            yield AppPasswordPanel(self.texts)
        elif self.step.number == 14:
            from wizard.ui.widgets.ecrea_settings_panel import EcreaSettingsPanel

            yield EcreaSettingsPanel(self.texts)

    # Focus goes straight to where the user acts: moving it again after Textual's own
    # first choice would restyle the whole screen twice.
    AUTO_FOCUS = "#app-password, #next"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_page":
            return bool(self.step.url)
        if action == "copy_value":
            return bool(self.step.copy)
        return True

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        self.app.complete_step(self.step.number)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self.step.number == 1:
            self.app.show_account(next_step=1)
        else:
            self.app.show_step(self.step.number - 1)

    @on(Button.Pressed, "#open")
    def action_open_page(self) -> None:
        self.app.open_url(self.step.url)
        self.notify(self.texts("step.opened_page", url=self.step.url))

    @on(Button.Pressed, "#copy")
    def action_copy_value(self) -> None:
        value = self.step.copy[self.texts.lang]
        self.app.copy_to_clipboard(value)
        self.notify(self.texts("step.copied", value=value))

    def action_toggle_help(self) -> None:
        help_panel = self.query_one("#step-help", Collapsible)
        help_panel.collapsed = not help_panel.collapsed
