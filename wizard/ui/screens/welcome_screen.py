"""The first screen: why this is needed, what to have ready, language, where to start."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer

from wizard.core.language import LANGUAGES
from wizard.ui.localized import Key, LocalizedScreen
from wizard.ui.prose import Prose
from wizard.ui.widgets.title_bar import TitleBar

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


class WelcomeScreen(LocalizedScreen):
    """Shown before a language is chosen, so its keys are described in both languages.

    It is the app's default screen and is recomposed in place when the language changes.
    """

    KEYS = (Key("l", "switch_language", "key.language"),)
    COMMON_KEY_TEXTS = {"key.quit": "key.quit_bilingual", "key.palette": "key.palette_bilingual"}

    def compose(self) -> ComposeResult:
        t = self.app.texts
        progress = self.app.progress
        yield TitleBar()
        with Vertical(id="welcome"):
            yield Prose(t("welcome.heading"), id="welcome-heading")
            yield Prose(t("welcome.why"), id="welcome-why")
            needs = Prose(t("welcome.needs"), id="welcome-needs")
            needs.border_title = t("welcome.needs_heading")
            yield needs
            yield Prose(t("welcome.never_asks"), classes="warning")
            with Horizontal(id="languages"):
                yield Prose(t("welcome.language_label"), id="language-label")
                for lang in LANGUAGES:
                    yield Button(
                        LANGUAGE_NAMES[lang],
                        id=f"lang-{lang}",
                        variant="primary" if lang == t.lang else "default",
                        compact=True,
                    )
            resumable = progress.step > 1
            with Horizontal(classes="start-buttons"):
                if resumable:
                    yield Button(t("welcome.resume", step=progress.step), id="resume", variant="success")
                yield Button(t("welcome.start"), id="start", variant="primary" if resumable else "success")
            with Horizontal(classes="start-buttons"):
                yield Button(t("welcome.already_on"), id="already-on")
        yield Footer()

    def focus_first_choice(self) -> None:
        self.query_one(".start-buttons Button").focus()

    # Focused on mount instead: as the app's first screen it resumes before it is composed.
    AUTO_FOCUS = None

    def on_mount(self) -> None:
        self.focus_first_choice()

    async def rebuild(self) -> None:
        """Show the current language and progress (after a language change or the steps)."""
        await self.recompose()
        self.focus_first_choice()

    @on(Button.Pressed, "#resume")
    def resume(self) -> None:
        self.app.show_step(self.app.progress.step)

    @on(Button.Pressed, "#start")
    def start(self) -> None:
        self.app.show_account(next_step=1)

    @on(Button.Pressed, "#already-on")
    def already_on(self) -> None:
        self.app.skip_to_app_passwords()

    @on(Button.Pressed, "#languages Button")
    def choose_language(self, event: Button.Pressed) -> None:
        lang = event.button.id.removeprefix("lang-")
        if lang != self.app.lang:
            self.app.set_language(lang)

    def action_switch_language(self) -> None:
        self.app.set_language("en" if self.app.lang == "ja" else "ja")
