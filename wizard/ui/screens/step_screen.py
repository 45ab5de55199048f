"""One screen for all the steps: Next and Back change the step shown, in place.

The screen owns the step on screen (`step`, a reactive) and tells the App where it is
with a `StepShown` message; the App saves it. Going on from the last step, or back
from the first, leaves the screen through `app.go`.

Every part a step can have (title, instructions, Google's labels, the page to open,
help...) is built once; showing a step fills in their text and hides the parts it
does not have. Only the two forms (the app password check, Ecrea's settings) are
mounted when their step is shown. Building a new Screen, or even recomposing the
page, for every Next took twice as long as a minimal Textual screen swap.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import events, on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Input

from wizard.core.labels import describe_press
from wizard.core.step_content import Panel, Step, first_step, load_steps, step_after, step_before, step_by_id, step_text
from wizard.core.step_order import step_count
from wizard.ui.keys import localized
from wizard.ui.places import Account, AtStep, EcreaTest, Ending, Place, Send, Welcome
from wizard.ui.prose import Prose
from wizard.ui.screens.base import WizardScreen
from wizard.ui.screens.late_layouts import SkipsAnsweredLayouts
from wizard.ui.screens.one_frame import DrawnInOneFrame
from wizard.ui.sized_by_layout import LaidOutCollapsible, LaidOutHorizontal, LaidOutVertical, LaidOutVerticalScroll
from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.step_list import StepList
from wizard.ui.widgets.title_bar import TitleBar

# The last step's way on when it was opened to look at its values: back where the user was.
RETURN_LABELS = {Welcome: "step.return_to_welcome", EcreaTest: "step.return_to_ecrea", Ending: "step.return_to_ending"}


def progress_dots(current: int, completed: list[str]) -> str:
    """The step list in one line, for windows too narrow to show it."""
    return "".join("▶" if step.number == current else "✓" if step.id in completed else "·" for step in load_steps())


class StepBody(LaidOutVerticalScroll):
    """The step's scrolling text. Its own scroll keys (its, while the password field in it has the
    focus) are left to the screen while a new step settles, which keeps them for the step."""

    SETTLING_KEYS = {"page_down", "page_up", "scroll_down", "scroll_up"}  # the screen binds the same keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self.screen
        if action in self.SETTLING_KEYS and isinstance(screen, StepScreen) and screen.early_scrolls is not None:
            return False  # the binding is passed over: the screen's `scroll_body` takes the key
        return super().check_action(action, parameters)


class StepScreen(WizardScreen, DrawnInOneFrame, SkipsAnsweredLayouts):
    # Loaded with the first step, not at start-up.
    CSS_PATH = "step_screen.tcss"
    # The screen focuses where the user acts itself (Next, or the password field): Textual's
    # auto-focus would first pick the scrolling body, whose arrow keys hide ← and → in the footer.
    AUTO_FOCUS = ""

    BINDINGS = [
        *localized("left", "back", "common.back", key_display="←"),
        *localized("right", "next", "common.next", key_display="→"),
        *localized("o", "open_page", "step.open_page"),
        *localized("q", "show_qr", "key.qr"),
        *localized("c", "copy_value", "common.copy"),
        *localized("s", "save_card", "key.save"),
        *localized("h", "toggle_help", "key.help"),
        # In a text field letters and arrows edit the text: these keys take over there.
        *localized("escape", "field_back", "common.back", key_display="Esc"),
        *localized("f1", "field_help", "key.help", key_display="F1"),
    ]

    class StepShown(Message):
        """A step is on screen: the App remembers it as the place to resume."""

        def __init__(self, step: Step) -> None:
            super().__init__()
            self.step = step

    step: var[Step] = var(first_step, init=False)
    """The step on screen; setting it shows another step in place."""

    def __init__(self, step: Step, *, back_to: Place | None = None) -> None:
        super().__init__()
        self.set_reactive(StepScreen.step, step)
        self.back_to = back_to
        """Where the last step leads, instead of a fresh test send (see `places.AtStep`)."""
        self.early_paste = ""
        """A paste that came before the password field was there: never lost (see `on_paste`)."""
        self.panel: Widget | None = None
        """The form the step on screen has (see `show_panel`)."""
        self.shown = 0
        """How many times a step was asked for: a settling that a newer step overtook does nothing."""
        self.early_scrolls: list[str] | None = []
        """Scroll keys pressed while a step settles, replayed once it has (see `settled`); None once settled."""

    @property
    def place(self) -> AtStep:
        return AtStep(self.step.id)

    def compose(self) -> ComposeResult:
        app = self.wizard
        t = app.texts
        yield TitleBar()
        with LaidOutHorizontal(id="step-layout"):
            yield StepList(t, self.step.number, app.session.progress.completed)
            with LaidOutVertical(id="step-main"):
                yield Prose("", id="step-number")
                yield Prose("", id="step-dots")
                with StepBody(id="step-body", classes="body"):
                    yield Prose("", id="step-title")
                    yield Prose("", id="step-instructions")
                    yield Prose("", id="step-press")
                    yield Prose("", id="step-example")
                    with LaidOutHorizontal(id="step-copy"):
                        yield Prose("", id="copy-heading")
                        yield CopyButton(t("common.copy"), id="copy", says_in="copy-result",
                                         text=lambda: self.step.copy[self.wizard.lang])
                    yield MessageLine("", id="copy-result")
                    yield Prose("", id="step-warning", classes="warning")
                    with LaidOutVertical(id="step-url"):
                        with LaidOutHorizontal(id="open-row"):
                            yield Button(t("step.open_page"), id="open", variant="primary", compact=True)
                            yield Button(t("qr.show"), id="qr", compact=True)
                        yield Prose(t("step.open_page_hint"), classes="hint")
                        yield Prose("", id="url-text")
                        yield MessageLine("", id="open-result")
                    with LaidOutVertical(id="step-skip"):
                        yield Prose("", id="skip-text")
                        yield Button("", id="skip", compact=True)
                    with LaidOutCollapsible(title=t("step.help_title"), id="step-help"):
                        yield Prose("", id="help-text")
                with LaidOutHorizontal(id="nav"):
                    yield Button(t("common.back"), id="back")
                    yield Button("", id="next", variant="success")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.fill(self.step)
        self.post_message(self.StepShown(self.step))
        # Before the first paint, so the Footer's first keys are the field's; once more after
        # it, as Textual's auto-focus and a removed panel's focus reset come in between.
        self.focus_where_the_user_acts()
        self.call_after_refresh(self.settle, self.shown)

    def watch_step(self, before: Step, step: Step) -> None:
        self.shown += 1
        if self.early_scrolls is None:
            self.early_scrolls = []  # a key typed ahead (→ then PageDown) is for the new step
        # Exclusive: when → is held down, only the last step asked for is drawn.
        self.run_worker(self.show(before, step), group="show-step", exclusive=True)

    async def show(self, before: Step, step: Step) -> None:
        # Nothing is drawn until the step is whole: while a panel is removed or mounted (steps 13
        # and 14) or a footer key mounted, this screen is idle and would draw each half-made page,
        # a layout of the whole screen each (step 14's text above step 13's field, then no form, ...).
        with self.app.batch_update():
            self.query_one("#step-list", StepList).current = step.number
            await self.fill(step)
            # "o", "q", "c", "s" and "h" come and go with a page to open, a name to copy, Ecrea's form
            # and the password field; the Footer changes, in this frame, only when one of them does.
            self.focus_where_the_user_acts()
            if (bool(step.url), bool(step.copy), step.panel) != (bool(before.url), bool(before.copy), before.panel):
                await self.query_one(KeyFooter).show_keys()
            # The title bar's place code (S5) changes with the step: in this frame too, not in one of its
            # own once the App hears of StepShown (and then finds the status line unchanged).
            self.wizard.update_status()
        # Last: a message to this screen wakes it, and it draws as soon as it has nothing to do. Every
        # part changed above has by then told it what to draw; one changed later would get a frame
        # (a layout of the whole screen) of its own.
        self.post_message(self.StepShown(step))
        self.call_after_refresh(self.settle, self.shown)

    def settle(self, shown: int) -> None:
        """A refresh after a step is first drawn: the focus and scroll once more, then the scroll keys
        pressed meanwhile. Applied at once, those were undone by this scroll to the step's top or field."""
        self.focus_where_the_user_acts(then=partial(self.settled, shown))

    def settled(self, shown: int) -> None:
        if shown != self.shown or self.early_scrolls is None:
            return  # a newer step is settling: the keys are its own
        scrolls, self.early_scrolls = self.early_scrolls, None
        for how in scrolls:
            super().action_scroll_body(how)

    def action_scroll_body(self, how: str) -> None:
        if self.early_scrolls is not None:
            self.early_scrolls.append(how)
            return
        super().action_scroll_body(how)

    async def fill(self, step: Step) -> None:
        """Put `step`'s text into the page's parts; hide the parts it does not have."""
        t = self.wizard.texts
        text = step.text[t.lang]

        def put(selector: str, value: str) -> None:
            # Only what changes is touched: every update costs a layout pass.
            widget = self.query_one(selector, Prose)
            widget.display = bool(value)
            if value and value != widget.text:
                widget.update(value)

        put("#step-number", t("step.of", number=step.number, total=step_count()))
        # Shown or not by the stylesheet (narrow windows only): its text alone changes here.
        self.query_one("#step-dots", Prose).update(progress_dots(step.number, self.wizard.session.progress.completed))
        put("#step-title", text.title)
        put("#step-instructions", step_text(text.instructions, t))
        put("#step-press", describe_press(step, t))
        put("#step-example", t("step.sms_example", example=step.example) if step.example else "")
        self.query_one("#step-copy").display = bool(step.copy)
        put("#copy-heading", t("step.copy_value_heading", value=step.copy[t.lang]) if step.copy else "")
        put("#step-warning", f"{text.warning}{text.wizard_note}" if text.warning else "")
        self.query_one("#step-skip").display = step.skip is not None
        if step.skip is not None:
            self.query_one("#skip-text", Prose).update(step.skip.text[t.lang])
            target = step_by_id(step.skip.to)
            skip = self.query_one("#skip", Button)
            skip.label = t("step.skip_to", number=target.number)
            skip.display = target is not step_after(step)  # to the very next step, Next is the way
        self.query_one("#step-url").display = bool(step.url)
        put("#url-text", step.url)
        self.query_one("#url-text").remove_class("-highlight")
        # By id: a query by type or class walks the whole screen, on every Next.
        for message_id in ("#copy-result", "#open-result"):
            message = self.query_one(message_id, MessageLine)
            if message.text:
                message.say("")
        self.query_one("#help-text", Prose).update(step_text(text.help, t))
        self.query_one("#step-help", Collapsible).collapsed = True
        next_button = self.query_one("#next", Button)
        label = t(self.next_label_key(step))
        if str(next_button.label) != label:
            next_button.label = label
            next_button.refresh(layout=True)  # a longer label needs a wider button ("To the test send")
        await self.show_panel(step.panel)

    def next_label_key(self, step: Step) -> str:
        if step_after(step) is not None:
            return "common.next"
        if self.back_to is not None:
            return RETURN_LABELS[type(self.back_to)]
        return "step.to_test_send"

    async def show_panel(self, panel: Panel) -> None:
        """Mount the form this step asks for (a fresh one: it reads the current progress), remove any other."""
        old, self.panel = self.panel, None
        if old is not None:
            if self.focused is not None and old in self.focused.ancestors_with_self and panel is not Panel.APP_PASSWORD:
                # Onto Next before the field goes: else Textual gives the focus to the step's body, and
                # then Next takes it from there once the new form is in, each move restyling the body's
                # every widget (the form's eighty too).
                self.set_focus(self.query_one("#next"), scroll_visible=False)
            await old.remove()
        new: Widget | None = None
        if panel is Panel.APP_PASSWORD:
            from wizard.ui.widgets.app_password_panel import AppPasswordPanel

            new = AppPasswordPanel()
        elif panel is Panel.ECREA_SETTINGS:
            from wizard.ui.widgets.ecrea_settings_panel import EcreaSettingsPanel

            new = EcreaSettingsPanel()
        if new is not None:
            new.add_class("step-panel")
            self.panel = new
            await self.query_one("#step-body").mount(new, before="#step-url")

    def focus_where_the_user_acts(self, then: Callable[[], None] | None = None) -> None:
        """Next, or the field to paste into; a step starts at its top. (Each paste then
        scrolls its answer into view: see AppPasswordPanel.) `then` once the field is in view."""
        self.query_one("#step-body").scroll_home(animate=False, immediate=True)
        target = self.query_one_optional("#app-password") or self.query_one("#next")
        if target is not self.focused:  # focusing again repaints it, a frame of its own after the step's
            if self.is_mounted:
                # On Next: later, as the footer's new keys then come from its own update (mounted by
                # the step screen at once, "Enter 次へ" was measured as if each character took one
                # cell: "Enter 次").
                target.focus(scroll_visible=False)
            else:
                # A new step screen: now, in the frame that first shows it, not in one of its own.
                self.set_focus(target, scroll_visible=False)
        if isinstance(target, Input):
            self.call_after_refresh(self.bring_the_field_into_view, then)
            if self.early_paste:
                target.post_message(events.Paste(self.early_paste))
                self.early_paste = ""
        elif then is not None:
            then()

    def on_paste(self, event: events.Paste) -> None:
        """A paste that reached the screen, not the field: on the password step it belongs in the
        field (it came while the step was being drawn, before the field had focus)."""
        if not self.takes_typing(self.step):
            return
        event.stop()
        fields = self.query("#app-password")
        if fields and fields.first().is_mounted:
            fields.first().focus(scroll_visible=False)
            fields.first().post_message(events.Paste(event.text))
        else:
            self.early_paste = event.text  # handed over once the field is there

    def bring_the_field_into_view(self, then: Callable[[], None] | None = None) -> None:
        """The field and the message under it in view, scrolled only as far as needed and not past
        the step's title (which step this is, and why: "copy before Done"), unless the field itself
        would not show (practice mode's panel at 80x24): the field the keys type into comes first.
        Once a paste is answered, the answers under the field show too, the title then giving way."""
        fields = self.query("#app-password")
        if not fields:
            return  # the step changed meanwhile (and settles on its own)
        if not fields.first().region.height:
            self.call_after_refresh(self.bring_the_field_into_view, then)  # laid out a refresh later when busy
            return
        body = self.query_one("#step-body")
        view = body.scrollable_content_region
        scrolled = round(body.scroll_y)
        field = fields.first()
        messages = [self.query_one(selector, MessageLine) for selector in ("#password-message", "#keyring-message")]
        # An answer to a paste (said before this settling scroll came) is what the user waits
        # for: it shows, up to the field's top, even if the title then does not.
        answered = [message for message in messages if message.in_view and message.display]
        needed = max(message.region.bottom for message in answered or messages[:1]) - view.bottom + scrolled
        field_needs = field.region.bottom - view.bottom + scrolled
        top = field if answered else self.query_one("#step-title")
        limit = top.region.y - view.y + scrolled
        body.scroll_to(y=max(0, field_needs, min(needed, limit)), animate=False, immediate=True)
        if then is not None:
            then()

    @staticmethod
    def takes_typing(step: Step) -> bool:
        """The step with the password field: its keys are the field's from the first frame."""
        return step.panel is Panel.APP_PASSWORD

    def in_field(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        typing = self.in_field() or self.takes_typing(self.step)
        if action in ("field_back", "field_help"):
            return typing
        # A letter offered here would be typed into the field instead (before focus lands there too).
        if action in ("open_page", "show_qr", "copy_value", "save_card", "toggle_help") and typing:
            return False
        if action == "save_card":
            return self.step.panel is Panel.ECREA_SETTINGS
        if action in ("open_page", "show_qr"):
            return bool(self.step.url)
        if action == "copy_value":
            return bool(self.step.copy)
        return True

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        self.wizard.session.progress.complete(self.step.id)
        after = step_after(self.step)
        if after is not None:
            self.step = after  # saved when it is shown
        else:
            self.wizard.save_progress()
            self.wizard.go(self.back_to or Send())

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        before = step_before(self.step)
        if before is not None:
            self.step = before
        else:
            self.wizard.go(Account(next_step=self.step.id))

    @on(StepList.Selected)
    def step_selected(self, message: StepList.Selected) -> None:
        self.step = step_by_id(message.step_id)

    def on_app_password_panel_submitted(self) -> None:
        """Enter in the app password field, with a password that passed the check."""
        self.action_next()

    def action_field_back(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#skip")
    def skip(self) -> None:
        skip = self.step.skip
        if skip is not None:
            self.wizard.session.progress.complete(self.step.id)
            self.step = step_by_id(skip.to)

    @on(Button.Pressed, "#open")
    @work(exclusive=True, group="open")
    async def action_open_page(self) -> None:
        result = self.query_one("#open-result", MessageLine)
        worked = await self.wizard.open_and_say(self.step.url, result.say, with_address=False)
        # The address is the way on when no browser opened: make it stand out.
        self.query_one("#url-text", Prose).set_class(not worked, "-highlight")

    @on(Button.Pressed, "#qr")
    def action_show_qr(self) -> None:
        from wizard.ui.screens.qr_screen import QrScreen

        self.app.push_screen(QrScreen(self.step.url, self.wizard.texts))

    def action_save_card(self) -> None:
        self.query_one("#save-card", Button).press()

    def action_copy_value(self) -> None:
        self.query_one("#copy", CopyButton).copy()

    def action_toggle_help(self) -> None:
        help_panel = self.query_one("#step-help", Collapsible)
        help_panel.collapsed = not help_panel.collapsed
        if not help_panel.collapsed:
            help_panel.scroll_visible(animate=False)

    def action_field_help(self) -> None:
        self.action_toggle_help()
