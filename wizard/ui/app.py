"""The Textual app: navigation between screens, saved progress, and the actions screens share."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from wizard.core.language import detect_language
from wizard.core.progress import LoadedProgress, ProgressStore, SavedState
from wizard.core.secret import Secret
from wizard.core.servers import IMAP_HOST, IMAP_PORT, SMTP_HOST, SMTP_PORT, Servers
from wizard.core.status_line import StatusLine, status_line
from wizard.core.texts import Texts
from wizard.mail.session import ConfirmKind, Session
from wizard.ui.keys import in_language, localized
from wizard.ui.layout import WIDE_FROM
from wizard.ui.places import Account, Arrival, AtStep, EcreaTest, Ending, Place, Send, Welcome, place_code
from wizard.ui.screens.base import WizardScreen
from wizard.ui.screens.welcome_screen import WelcomeScreen
from wizard.ui.tone import Tone

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.dom import DOMNode

    from wizard.core.credentials import KeyringResult, KeyringStatus
    from wizard.mail.confirm import ConfirmResult, SentTest
    from wizard.mail.mailbox import Mailbox
    from wizard.mail.practice import PracticeServer
    from wizard.ui.file_delivery import FileDeliveries, SaveResult
    from wizard.ui.outcomes import CopyTarget, OpenOutcome
    from wizard.ui.screens.step_screen import StepScreen
    from wizard.ui.widgets.app_password_panel import AppPasswordPanel


PRACTICE_START_TIMEOUT = 20.0


class WizardApp(App[None]):
    # The welcome screen's own file too: Textual reads a screen's CSS_PATH when the screen is
    # pushed, and the default screen never is.
    CSS_PATH = ["wizard.tcss", "screens/welcome_screen.tcss"]
    # Below 100 columns the step list gives its width to the step's text.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]
    # Below 30 rows (an 80x24 window) headers take one line instead of three.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    # A callable: Textual asks for the provider when the palette first opens, not at start-up.
    COMMANDS = {lambda: _wizard_commands()}
    BINDINGS = [
        *localized("ctrl+q", "quit", "key.quit", priority=True),
        *localized("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
        # Declared so that Textual does not add its own, English "palette" binding for Ctrl+P.
        Binding("ctrl+p", "command_palette", show=False, priority=True, system=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    status: var[StatusLine | None] = var(None)
    """What the status line in every screen's title bar says; recomputed by `update_status`."""

    def __init__(
        self,
        lang: str,
        store: ProgressStore,
        loaded: LoadedProgress,
        *,
        practice: bool = False,
        servers: Servers | None = None,
        debug_log: bool = False,
    ) -> None:
        super().__init__()
        self.debug_log = debug_log
        """Textual's log is on (--debug): what is typed, passwords included, is recorded."""
        self.servers = servers or Servers()
        self.practice = practice
        """Practice mode: the test send goes to a Gmail-like server on 127.0.0.1."""
        self.practice_server: PracticeServer | None = None
        """Started on the first practice test send (see wizard.mail.practice)."""
        self.store = store
        self._saving: SavedState | None = None
        """The last state handed to a background save."""
        self.session = Session(loaded.progress)
        """This run's state: progress (saved by `save_progress`), the app password, the test send, confirmations."""
        self.session.progress.lang = lang
        self.texts = Texts(lang)
        self.progress_unreadable = loaded.unreadable
        self._deliveries: FileDeliveries | None = None
        self.banner_words: tuple[str, ...] = ()
        """The banners in a word each, for a title bar too narrow for their sentences; the debug log's last."""

    @property
    def deliveries(self) -> FileDeliveries:
        """Files being saved (the support report, the Ecrea input card), until Textual says they are;
        made on the first save, not at start-up."""
        if self._deliveries is None:
            from wizard.ui.file_delivery import FileDeliveries

            self._deliveries = FileDeliveries()
        return self._deliveries

    @property
    def lang(self) -> str:
        return self.texts.lang

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return in_language(parameters, self.lang)

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A widget still being built (not yet in the app's DOM) is styled whole as it is mounted
        # (`App._register`): the classes it takes on the way (a Button's variant and look, a
        # Collapsible's state) need not style it once more each. About 3% of a new screen's CPU.
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    def _load_screen_css(self, screen: Screen) -> None:
        # The first time a screen with a stylesheet of its own is shown, Textual reads the file and
        # restyles every widget of every screen. Each screen's file is one block nested under its
        # type (tests/test_css_scope.py): it styles that screen and what it will mount, nothing
        # already shown. So only the new screen is restyled here; its widgets are styled as they are
        # mounted. (A screen's inline CSS or the --dev CSS monitor: Textual's way.)
        stylesheet = self.stylesheet
        unread = [path for path in screen.css_path if not stylesheet.has_source(str(path), "")]
        if not unread or screen.CSS or self.css_monitor is not None:
            super()._load_screen_css(screen)
            return
        for path in unread:
            stylesheet.read(path)
        stylesheet.reparse()
        stylesheet.update_nodes(screen.walk_children(with_self=True))

    def get_default_screen(self) -> Screen:
        # The welcome screen stays at the bottom of the stack; other screens go on top of it.
        return WelcomeScreen()

    def on_mount(self) -> None:
        self.show_titles()

    def show_titles(self) -> None:
        self.title = self.texts("app.title")
        banners = [self.texts("app.practice_banner")] if self.practice else []
        short = [self.texts("app.practice_banner_short")] if self.practice else []
        if self.debug_log:
            banners.append(self.texts("app.debug_banner"))
            short.append(self.texts("app.debug_banner_short"))
        self.sub_title = " / ".join(banners)
        self.banner_words = tuple(short)

    def update_status(self) -> None:
        """The status line after a change: the screen on top, the password store's answer, the last result.

        The place goes into progress with the next save (a step shown, a test send, a
        confirmation), for the `status` command: showing a screen writes nothing by itself.
        """
        progress = self.session.progress
        screen = self.screen if self.screen_stack else None
        progress.place = code = place_code(screen.place) if isinstance(screen, WizardScreen) else progress.place
        self.status = status_line(code, progress, practice=self.practice, keyring=self.session.password_store,
                                  entered=bool(self.session.password))

    def save_progress(self) -> None:
        try:
            self.store.save(self.session.progress)
        except OSError as error:
            self.say_unsaved(error)

    def save_progress_in_background(self) -> None:
        """Save without waiting for the disk: for every Next, where an fsync would hold up the next step."""
        state = self.store.snapshot(self.session.progress)
        self._saving = state
        self.run_worker(partial(self._write_progress, state), thread=True, group="save-progress")

    def on_unmount(self) -> None:
        # Quitting cancels workers, a save not yet started too: the last state is written here.
        if self._saving is not None:
            try:
                self.store.write(self._saving)
            except OSError:
                pass  # nowhere left to say so; the next start resumes from the previous save

    def _write_progress(self, state: SavedState) -> None:
        try:
            self.store.write(state)
        except OSError as error:
            self.call_from_thread(self.say_unsaved, error)

    def say_unsaved(self, error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        self.notify(self.texts("progress.unsaved", reason=reason), severity="warning", markup=False)

    def set_language(self, lang: str) -> None:
        """Switch language on the welcome screen; the keys in the footer follow at once."""
        self.texts = Texts(lang)
        self.session.progress.lang = lang
        self.show_titles()
        self.save_progress()
        self.screen.refresh_bindings()
        self.update_status()

    # Navigation: one entry, `go(place)`. The welcome screen stays at the bottom of the
    # stack; every other screen replaces the last. Screens that move within themselves (the
    # steps) tell the App where they are with a message, and the App saves it.

    def go(self, place: Place) -> None:
        if isinstance(place, Welcome):
            while len(self.screen_stack) > 1:
                self.pop_screen()  # the welcome screen rebuilds itself when it is shown again
            return
        if isinstance(place, Arrival | EcreaTest | Ending) and self.session.sent_test is None:
            place = Send()  # each of these looks at a test send Gmail accepted: make one first
        screen = _screen_for(place, self.session)
        if isinstance(self.screen, WelcomeScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def on_step_screen_step_shown(self, message: StepScreen.StepShown) -> None:
        self.session.progress.visit(message.step.id)
        self.session.progress.place = place_code(AtStep(message.step.id))
        self.save_progress_in_background()
        self.update_status()

    def on_app_password_panel_changed(self, message: AppPasswordPanel.Changed) -> None:
        self.session.set_password(message.password)
        self.update_status()

    def set_account(self, address: str, display_name: str, *, workspace: bool) -> None:
        self.session.set_account(address, display_name, workspace=workspace)
        self.save_progress()
        self.update_status()

    def record_success(self, sent: SentTest) -> None:
        """A test send went through: setup is complete."""
        self.session.record_success(sent)
        self.save_progress()
        self.update_status()

    def record_failure(self, problem: str) -> None:
        """A test send failed; `problem` is its diagnosis's stable name."""
        self.session.record_failure(problem)
        self.save_progress()
        self.update_status()

    def record_confirmation(self, kind: ConfirmKind, result: ConfirmResult) -> None:
        self.session.record_confirmation(kind, result)
        if result.confirmed:
            self.save_progress()
            self.update_status()

    def mailbox(self, address: str, password: Secret) -> Mailbox:
        """Where the confirmations look: the account over IMAP, or the practice server's pretend account."""
        from wizard.mail.mailboxes import MailboxAccess, mailbox_for

        access = MailboxAccess(address, password, host=self.servers.imap_host, port=self.servers.imap_port,
                               ca_file=self.servers.ca_file)
        return mailbox_for(access, self.texts, self.practice_server if self.practice else None)

    async def ensure_practice_server(self) -> PracticeServer:
        """Practice mode's server, started on first use (a CA and a certificate: well under a second)."""
        from wizard.core.bounded import in_thread_with_deadline
        from wizard.mail.practice import start_practice_server

        if self.practice_server is None:
            self.practice_server = await in_thread_with_deadline(start_practice_server, PRACTICE_START_TIMEOUT)
        return self.practice_server

    # Actions that report what really happened.

    async def open_page(self, url: str) -> OpenOutcome:
        """Open `url`, and say truthfully whether it opened."""
        from wizard.ui.outcomes import OpenOutcome

        if self.is_web:
            self.open_url(url)  # the page opens it in a new tab
            return OpenOutcome.IN_PAGE
        from wizard.core import browser
        from wizard.core.bounded import in_thread_with_deadline

        try:
            result = await in_thread_with_deadline(lambda: browser.open_in_browser(url), browser.OPEN_TIMEOUT + 2)
        except TimeoutError:
            return OpenOutcome.FAILED
        return OpenOutcome.of(result)

    async def open_and_say(self, url: str, say: Callable[[str, Tone], None], *, with_address: bool) -> bool:
        """Open `url` and `say` what happened; True when it opened. `with_address`: name the
        address when it did not, for screens that do not show it already."""
        say(self.texts("open.opening"), Tone.PLAIN)
        outcome = await self.open_page(url)
        text = self.texts(outcome.text_key) + ("" if outcome.worked or not with_address else f" {url}")
        say(text, Tone.OK if outcome.worked else Tone.WARNING)
        return outcome.worked

    async def copy_text(self, text: str) -> CopyTarget:
        """Copy `text`, and say where it went (see CopyButton, which says it to the user)."""
        from wizard.ui.outcomes import CopyTarget

        if self.is_web:
            self.copy_to_clipboard(text)
            return CopyTarget.BROWSER
        from wizard.core import clipboard
        from wizard.core.bounded import in_thread_with_deadline

        try:
            if await in_thread_with_deadline(lambda: clipboard.copy_with_system_tool(text), clipboard.COPY_TIMEOUT + 2):
                return CopyTarget.SYSTEM
        except TimeoutError:
            pass
        self.copy_to_clipboard(text)  # OSC 52: the terminal may or may not honour it
        return CopyTarget.TERMINAL

    async def save_text(self, text: str, name: str) -> SaveResult:
        """Save `text` as a file named like `name`, and say where it went (see SaveButton)."""
        return await self.deliveries.save(cast("App[object]", self), text, name)

    @on(events.DeliveryComplete)
    @on(events.DeliveryFailed)
    def delivery_answered(self, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
        self.deliveries.answer(event)

    async def keyring_load(self, address: str) -> KeyringResult:
        """The stored app password, or why there is none; answers within the keyring's deadline."""
        from wizard.core.credentials import load_app_password

        return await self._keyring(lambda: load_app_password(address))

    async def keyring_store(self, address: str, password: Secret) -> KeyringResult:
        from wizard.core.credentials import store_app_password

        return await self._keyring(lambda: store_app_password(address, password))

    async def _keyring(self, call: Callable[[], KeyringResult]) -> KeyringResult:
        from wizard.core.bounded import in_thread_with_deadline
        from wizard.core.credentials import (
            KeyringResult,
            KeyringStatus,
            keyring_timeout,
        )

        # The call has its own deadline; this one only keeps the event loop free meanwhile.
        try:
            result = await in_thread_with_deadline(call, keyring_timeout() + 1)
        except TimeoutError:
            result = KeyringResult(KeyringStatus.TIMED_OUT)
        self.note_password_store(result.status)
        return result

    def note_password_store(self, status: KeyringStatus) -> None:
        """The password store's answer, for the status line (or what it would answer, where it need not be asked)."""
        self.session.password_store = status
        self.update_status()

    def _handle_exception(self, error: Exception) -> None:
        if getattr(self, "_crash", None) is None:
            self._crash = error  # the first failure is the cause; others follow from the shutdown
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # A bug must never put a traceback, with its local variables, on the user's screen.
        from rich.text import Text

        from wizard.core.crash_report import save_crash_report

        error = getattr(self, "_crash", None)
        path = None
        try:
            self._remember_typed_passwords()
        except Exception:  # a screen too broken to read: the report is still scrubbed by pattern
            pass
        try:
            if error is not None:
                folder, address = self.store.path.parent, self.session.progress.email
                path = save_crash_report(error, folder, address=address, password=self.session.password.reveal())
        except Exception:  # reporting the failure must not fail louder than the failure
            path = None
        self.bell()
        message = self.texts("app.crashed", path=path) if path else self.texts("app.crashed_unsaved")
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()

    def _remember_typed_passwords(self) -> None:
        """What the password fields hold now, checked or not, is kept out of the crash report too."""
        from wizard.core.redaction import remember_password
        from wizard.ui.widgets.app_password_panel import AppPasswordInput

        for screen in self.screen_stack:
            for field in screen.query(AppPasswordInput):
                remember_password(field.value)

    def action_help_quit(self) -> None:
        # Textual's hint is in English; Ctrl+C is what people press to leave a terminal program.
        self.notify(self.texts("app.quit_hint"), title=self.texts("app.quit_hint_title"), markup=False)

    def action_command_palette(self) -> None:
        from wizard.ui.commands import WizardPalette

        if not WizardPalette.is_open(cast("App[object]", self)):
            self.push_screen(WizardPalette(self.texts))

    def show_explain_error(self) -> None:
        """The window where the error Ecrea showed is pasted and explained, over the screen on show."""
        from wizard.ui.screens.explain_error_screen import ExplainErrorScreen

        if not isinstance(self.screen, ExplainErrorScreen):
            self.push_screen(ExplainErrorScreen())

    def show_about(self) -> None:
        import platform

        from wizard import __version__

        self.notify(
            self.texts("app.about", version=__version__, python=platform.python_version()),
            title=self.texts("app.title"),
            markup=False,
            timeout=10,
        )


def _screen_for(place: Place, session: Session) -> Screen:
    """The screen for a place; each is imported on first use so that the welcome screen appears sooner."""
    if isinstance(place, Account):
        from wizard.ui.screens.account_screen import AccountScreen

        return AccountScreen(place.next_step)
    if isinstance(place, AtStep):
        from wizard.core.step_content import step_by_id
        from wizard.ui.screens.step_screen import StepScreen

        return StepScreen(step_by_id(place.step_id), back_to=place.back_to)
    sent = session.sent_test
    if isinstance(place, Arrival) and sent is not None:
        from wizard.ui.screens.arrival_screen import ArrivalScreen

        return ArrivalScreen(sent)
    if isinstance(place, EcreaTest) and sent is not None:
        from wizard.ui.screens.ecrea_test_screen import EcreaTestScreen

        return EcreaTestScreen(sent)
    if isinstance(place, Ending) and sent is not None:
        from wizard.ui.screens.ending_screen import EndingScreen

        return EndingScreen(sent)
    from wizard.ui.screens.send_screen import SendScreen

    return SendScreen(back_to=place.back_to if isinstance(place, Send) else None)


def _wizard_commands() -> type[Provider]:
    from wizard.ui.commands import WizardCommands

    return WizardCommands


def make_app(
    lang: str | None = None,
    progress_file: Path | None = None,
    *,
    practice: bool = False,
    ca_file: str | None = None,
    smtp_host: str = SMTP_HOST,
    smtp_port: int = SMTP_PORT,
    imap_host: str = IMAP_HOST,
    imap_port: int = IMAP_PORT,
    debug_log: bool = False,
) -> WizardApp:
    """Build the wizard as the command line does; tests use this too."""
    if progress_file is None:
        from wizard.core.locations import progress_path

        progress_file = progress_path(practice=practice)
    store = ProgressStore(progress_file)
    loaded = store.load()
    chosen = lang or loaded.progress.lang or detect_language()
    servers = Servers(smtp_host, smtp_port, imap_host, imap_port, ca_file)
    return WizardApp(chosen, store, loaded, practice=practice, servers=servers, debug_log=debug_log)
