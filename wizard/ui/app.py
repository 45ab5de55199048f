"""The Textual app: builds screens in the chosen language and keeps the progress saved."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from wizard.core.language import detect_language
from wizard.core.progress import LoadedProgress, Progress, ProgressStore
from wizard.ui.screens.welcome_screen import WelcomeScreen
from wizard.core.step_content import STEP_COUNT
from wizard.core.texts import Texts


class WizardApp(App[None]):
    CSS_PATH = "wizard.tcss"

    def __init__(
        self,
        lang: str,
        store: ProgressStore,
        loaded: LoadedProgress,
        *,
        practice: bool = False,
        ca_file: str | None = None,
        smtp_host: str = "smtp.gmail.com",
        smtp_port: int = 587,
    ) -> None:
        super().__init__()
        self.smtp_host = smtp_host
        self.smtp_port = smtp_port
        self.practice = practice
        """Practice mode: the test send goes to a Gmail-like server on 127.0.0.1."""
        self.ca_file = ca_file
        self.practice_server = None
        """Started on the first practice test send (see wizard.mail.practice)."""
        self.store = store
        self.progress: Progress = loaded.progress
        self.progress.lang = lang
        self.texts = Texts(lang)
        self._progress_unreadable = loaded.unreadable
        self.app_password = ""
        """The checked app password, in memory only, for the settings screen and test send."""

    @property
    def lang(self) -> str:
        return self.texts.lang

    def get_default_screen(self) -> Screen:
        # The welcome screen stays at the bottom of the stack; steps go on top of it.
        return WelcomeScreen.localized(self.lang)()

    def on_mount(self) -> None:
        self.title = self.texts("app.title")
        if self.practice:
            self.sub_title = self.texts("app.practice_banner")
        if self._progress_unreadable:
            self.notify(self.texts("progress.unreadable"), severity="warning", timeout=8)

    def save_progress(self) -> None:
        try:
            self.store.save(self.progress)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.notify(self.texts("progress.unsaved", reason=reason), severity="warning")

    def set_language(self, lang: str) -> None:
        """Switch language on the welcome screen; screens built later follow it."""
        self.texts = Texts(lang)
        self.progress.lang = lang
        self.title = self.texts("app.title")
        if self.practice:
            self.sub_title = self.texts("app.practice_banner")
        self.save_progress()
        self.run_worker(self.screen.rebuild())

    def show_welcome(self) -> None:
        self.progress.step = 0
        self.save_progress()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.run_worker(self.screen.rebuild())

    def _show(self, screen: Screen) -> None:
        # The welcome screen stays at the bottom; every other screen replaces the last.
        if isinstance(self.screen, WelcomeScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def show_account(self, next_step: int = 1) -> None:
        from wizard.ui.screens.account_screen import AccountScreen

        self._show(AccountScreen.localized(self.lang)(next_step))

    def set_account(self, address: str, display_name: str, *, workspace: bool) -> None:
        if address != self.progress.email:
            self.app_password = ""
        self.progress.email = address
        self.progress.display_name = display_name
        self.progress.workspace = workspace
        self.save_progress()

    def show_step(self, number: int) -> None:
        # Imported on first use so that the welcome screen appears sooner.
        from wizard.ui.screens.step_screen import StepScreen
        from wizard.core.step_content import get_step

        number = max(1, min(STEP_COUNT, number))
        self.progress.step = number
        self.save_progress()
        self._show(StepScreen.localized(self.lang)(get_step(number), self.progress))

    def complete_step(self, number: int) -> None:
        self.progress.complete(number)
        if number < STEP_COUNT:
            self.show_step(number + 1)
        else:
            self.save_progress()
            self.show_test_send()

    def show_test_send(self) -> None:
        from wizard.ui.screens.send_check_screen import SendCheckScreen

        self._show(SendCheckScreen.localized(self.lang)())

    def skip_to_app_passwords(self) -> None:
        """For users whose 2-Step Verification is already on."""
        for number in range(1, 11):
            self.progress.complete(number)
        self.save_progress()
        self.show_account(next_step=11)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from wizard.ui.commands import wizard_commands

        # Textual's own commands are in English only, so the palette offers ours alone.
        return wizard_commands(self)

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=self.texts("palette.placeholder"), id="--command-palette")
            )


def make_app(
    lang: str | None = None,
    progress_file: Path | None = None,
    *,
    practice: bool = False,
    ca_file: str | None = None,
    smtp_host: str = "smtp.gmail.com",
    smtp_port: int = 587,
) -> WizardApp:
    """Build the wizard as the command line does; tests use this too."""
    if progress_file is None:
        from wizard.core.locations import progress_path

        progress_file = progress_path()
    store = ProgressStore(progress_file)
    loaded = store.load()
    chosen = lang or loaded.progress.lang or detect_language()
    return WizardApp(
        chosen, store, loaded, practice=practice, ca_file=ca_file, smtp_host=smtp_host, smtp_port=smtp_port
    )
