"""What every screen of the wizard shares: keys in the user's language, keyboard scrolling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual._context import NoActiveAppError
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen

from wizard.ui.widgets.wizard_widget import WizardWidget

if TYPE_CHECKING:
    from wizard.core.credentials import KeyringStatus
    from wizard.mail.support_report import ReportContext
    from wizard.ui.places import Place

GMAIL_WEB = "https://mail.google.com/"
"""Gmail in the browser, offered where a result is best checked there (Spam, a refused sign-in)."""


class WizardScreen(WizardWidget, Screen[None]):
    """A screen whose scrolling part has the class `body`."""

    # PageDown and the arrows scroll the body from anywhere on the screen, e.g. from
    # the Back/Next buttons below it; a focused field or list that uses a key keeps it.
    BINDINGS = [
        Binding("pagedown", "scroll_body('page_down')", show=False),
        Binding("pageup", "scroll_body('page_up')", show=False),
        Binding("down", "scroll_body('down')", show=False),
        Binding("up", "scroll_body('up')", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown_before = False
        # Textual sets a screen's breakpoint classes (-narrow, -short) on its first Resize, after
        # laying it out without them: at 80x24 every new screen was laid out and styled twice,
        # and step 14's panel stacked, then unstacked (each a restyle of the whole panel).
        try:
            size = self.app.size
        except NoActiveAppError:  # built outside a running app (a test): the first Resize sets them
            return
        self.set_class_for_size(size)

    def set_class_for_size(self, size: Size) -> None:
        """The breakpoint classes Textual's Resize would give this screen, set before the first layout."""
        app = self.app
        # As Textual reads them: a screen's own list (even an empty one) replaces the app's.
        horizontal = app.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is None else self.HORIZONTAL_BREAKPOINTS
        vertical = app.VERTICAL_BREAKPOINTS if self.VERTICAL_BREAKPOINTS is None else self.VERTICAL_BREAKPOINTS
        for breakpoints, dimension in ((horizontal, size.width), (vertical, size.height)):
            reached = [name for at, name in sorted(breakpoints or [], reverse=True) if dimension >= at][:1]
            for _, name in breakpoints or []:
                self.set_class(name in reached, name, update=False)  # not yet styled: nothing to update

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (the class comes first in the MRO). A new screen's
        # widgets were styled as they were mounted, with its size classes already set (above):
        # restyling every widget again on its first showing changes nothing and cost a quarter of
        # a screen's CPU. Shown again later (after a pop or a switch back) Textual decides.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False

    def _screen_resized(self, size: Size) -> None:
        # Textual lays a screen out again on every Resize it hears of: also the one its own first
        # layout sends it (same size), and, for each new screen, the welcome screen beneath it.
        # At an unchanged size with no layout pending that layout is the one already in place.
        if size == self._compositor.size and not (self._layout_required or self._layout_widgets):
            return
        super()._screen_resized(size)

    @property
    def place(self) -> Place:
        """Where this screen is: its code leads the status line."""
        raise NotImplementedError

    @on(events.ScreenResume)
    def show_status(self) -> None:
        # The status line names the screen on top: a screen shown again names itself again.
        self.wizard.update_status()

    def action_scroll_body(self, how: str) -> None:
        try:
            body = self.query_one(".body", VerticalScroll)
        except NoMatches:
            return
        getattr(body, f"scroll_{how}")(animate=False)

    def report_context(self, step_on_screen: str, *, keyring: KeyringStatus | None = None) -> ReportContext:
        """Where the user is, for the support record: the same for every screen that shows one."""
        from wizard.core.step_order import number_of
        from wizard.mail.support_report import ReportContext

        app = self.wizard
        t = app.texts
        progress = app.session.progress
        # After a start over these are the last success's record, kept as support's proof that it once worked.
        earlier = f" ({t('report.previous')})" if progress.started_over else ""
        confirmed = []
        if progress.setup_completed_at:
            confirmed.append(("send", progress.setup_completed_at + earlier))
        if progress.arrival_confirmed_at:
            folder = t("confirm.junk_name" if progress.arrival_folder == "junk" else "confirm.inbox_name")
            confirmed.append(("arrival", f"{progress.arrival_confirmed_at} ({folder}){earlier}"))
        if progress.ecrea_confirmed_at:
            confirmed.append(("ecrea", progress.ecrea_confirmed_at + earlier))
        return ReportContext(
            display_name=app.session.progress.display_name,
            step_on_screen=step_on_screen,
            completed=tuple(number_of(step_id) for step_id in app.session.progress.completed),
            practice=app.practice,
            keyring=keyring,
            terminal_size=f"{app.size.width}x{app.size.height}",
            confirmed=tuple(confirmed),
        )
