"""The first screen: why this is needed, what to have ready, language, where to start.

The way forward (start, continue, "already on", or after a finished setup: the values for
Ecrea, a new test send, a new app password or starting over) is docked at the bottom, so
it is on screen in an 80x24 terminal; the explanation above it scrolls.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from wizard.core.language import LANGUAGES
from wizard.core.local_time import local_date_time
from wizard.core.progress import Progress
from wizard.core.step_order import step_ids
from wizard.core.texts import Texts
from wizard.ui.keys import localized
from wizard.ui.places import Account, AtStep, Send, Welcome
from wizard.ui.prose import Prose
from wizard.ui.screens.base import WizardScreen
from wizard.ui.screens.one_frame import DrawnInOneFrame
from wizard.ui.tone import Tone
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.title_bar import TitleBar


def success_record(progress: Progress, texts: Texts) -> tuple[str, str]:
    """The date of the last success (its latest proof) and what it proved, in words."""
    latest = progress.ecrea_confirmed_at or progress.arrival_confirmed_at or progress.setup_completed_at
    proven = texts("common.list_separator").join(texts(proof.text_key) for proof in progress.proven())
    return local_date_time(latest, texts), proven


class WelcomeScreen(WizardScreen, DrawnInOneFrame):
    """The app's default screen; recomposed in place when the language changes."""

    BINDINGS = localized("l", "switch_language", "key.language")

    @property
    def place(self) -> Welcome:
        return Welcome()

    def compose(self) -> ComposeResult:
        app = self.wizard
        t = app.texts
        progress = app.session.progress
        yield TitleBar()
        with VerticalScroll(id="welcome", classes="body"):
            yield Prose(t("welcome.heading"), id="welcome-heading")
            if app.progress_unreadable:
                yield MessageLine(t("progress.unreadable"), id="progress-unreadable", classes=Tone.WARNING.css_class)
            yield Prose(t("welcome.why"), id="welcome-why")
            # What to have ready, then what never to type here: in an 80x24 window both show without scrolling.
            needs = Prose(t("welcome.needs"), id="welcome-needs")
            needs.border_title = t("welcome.needs_heading")
            yield needs
            yield Prose(t("welcome.never_asks"), id="never-asks", classes="warning")
            yield Prose(t("welcome.how"), id="welcome-how")
            with Horizontal(id="languages"):
                yield Prose(t("welcome.language_label"), id="language-label")
                for lang in LANGUAGES:
                    variant: Literal["primary", "default"] = "primary" if lang == t.lang else "default"
                    yield Button(Texts(lang)("common.language_name"), id=f"lang-{lang}", variant=variant, compact=True)
        with Vertical(id="welcome-actions"):
            if progress.setup_complete:
                date, proven = success_record(progress, t)
                yield Prose(t("welcome.completed", date=date, proven=proven), id="completed")
                with Horizontal(classes="start-buttons"):
                    yield Button(t("common.show_settings"), id="view-settings", variant="success")
                    yield Button(t("welcome.send_again"), id="send-again")
                with Horizontal(classes="start-buttons"):
                    yield Button(t("welcome.new_app_password"), id="new-app-password")
                    yield Button(t("welcome.start_over"), id="start-over")
                return_point = None
            else:
                if progress.setup_completed_at:  # started over: the proof that it once worked stays in view
                    date, proven = success_record(progress, t)
                    yield Prose(t("welcome.last_success", date=date, proven=proven), id="last-success")
                return_point = self.return_point()
                with Horizontal(classes="start-buttons"):
                    if return_point:
                        yield Button(t("welcome.resume", step=return_point), id="resume", variant="success")
                    yield Button(t("welcome.start"), id="start", variant="primary" if return_point else "success")
                with Horizontal(classes="start-buttons"):
                    yield Button(t("welcome.already_on"), id="already-on")
        yield KeyFooter()

    def return_point(self) -> int | None:
        """The number of the furthest step reached, if there is anything to continue."""
        from wizard.core.step_order import number_of

        furthest = self.wizard.session.progress.furthest
        number = number_of(furthest) if furthest else 0
        return number if number > 1 else None

    def focus_first_choice(self) -> None:
        choices = self.query("#welcome-actions Button")
        if choices:  # none while the app is closing
            choices.first().focus()

    # The way forward has focus, so Enter starts or resumes. Set on mount, not by AUTO_FOCUS:
    # Textual skips auto-focus while the app has no focus, as in a browser page still loading.
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__()
        self.left = False
        """Another screen has been shown since this one was built."""

    def on_mount(self) -> None:
        self.focus_first_choice()

    def on_screen_suspend(self) -> None:
        # A question over this screen (start over?) leaves it as it was, focus included.
        if not isinstance(self.app.screen, ModalScreen):
            self.left = True

    def on_screen_resume(self) -> None:
        # Back from the steps (or a setup finished meanwhile): show where things stand now.
        if self.left:
            self.run_worker(self.rebuild())

    async def rebuild(self) -> None:
        """Show the current language and progress (after a language change or the steps)."""
        await self.recompose()
        self.focus_first_choice()

    @on(Button.Pressed, "#resume")
    def resume(self) -> None:
        furthest = self.wizard.session.progress.furthest
        self.wizard.go(AtStep(furthest or step_ids()[0]))

    @on(Button.Pressed, "#start")
    def start(self) -> None:
        self.wizard.go(Account(next_step=step_ids()[0]))

    @on(Button.Pressed, "#already-on")
    def already_on(self) -> None:
        next_step = self.wizard.session.skip_to_app_passwords()
        self.wizard.save_progress()
        self.wizard.go(Account(next_step=next_step))

    @on(Button.Pressed, "#view-settings")
    def view_settings(self) -> None:
        from wizard.core.step_content import Panel, step_with_panel

        self.wizard.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id, back_to=Welcome()))

    @on(Button.Pressed, "#send-again")
    def send_again(self) -> None:
        self.wizard.go(Send(back_to=Welcome()))

    @on(Button.Pressed, "#new-app-password")
    def new_app_password(self) -> None:
        # The commonest "it worked yesterday": the Google password changed and revoked every app password.
        from wizard.mail.session import APP_PASSWORDS_STEP

        self.wizard.go(AtStep(APP_PASSWORDS_STEP))

    @on(Button.Pressed, "#start-over")
    def start_over(self) -> None:
        from wizard.ui.screens.start_over_dialog import StartOverDialog

        date, _ = success_record(self.wizard.session.progress, self.wizard.texts)
        self.app.push_screen(StartOverDialog(date), self.started_over)

    def started_over(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        self.wizard.session.start_over()
        self.wizard.save_progress()
        self.wizard.go(Account(next_step=step_ids()[0]))

    @on(Button.Pressed, "#languages Button")
    def choose_language(self, event: Button.Pressed) -> None:
        lang = (event.button.id or "").removeprefix("lang-")
        if lang != self.wizard.lang:
            self.wizard.set_language(lang)
            self.run_worker(self.rebuild())

    def action_switch_language(self) -> None:
        # The next language in the list, round and round.
        self.wizard.set_language(LANGUAGES[(LANGUAGES.index(self.wizard.lang) + 1) % len(LANGUAGES)])
        self.run_worker(self.rebuild())
