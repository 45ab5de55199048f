"""The ending: what was proven (the test send, its arrival, Ecrea's own send), what is left, and Finish."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button

from wizard.core.local_time import local_date_time
from wizard.mail.confirm import Outcome, SentTest
from wizard.ui.places import AtStep, Ending
from wizard.ui.prose import Prose
from wizard.ui.screens.base import WizardScreen
from wizard.ui.widgets.key_footer import KeyFooter
from wizard.ui.widgets.title_bar import TitleBar

REAL_COMMAND = "ecrea-gmail-setup"
"""How to start the wizard for real: the practice run's command without --practice."""


class EndingScreen(WizardScreen):
    # Loaded with the screen, not at start-up.
    CSS_PATH = "ending_screen.tcss"
    AUTO_FOCUS = "#finish"

    def __init__(self, sent: SentTest) -> None:
        super().__init__()
        self.sent = sent

    @property
    def place(self) -> Ending:
        return Ending()

    def compose(self) -> ComposeResult:
        app = self.wizard
        t = app.texts
        sent = self.sent
        arrival = app.session.confirmations.arrival
        ecrea = app.session.confirmations.ecrea
        ecrea_seen = ecrea is not None and ecrea.confirmed
        if app.practice:
            heading = t("ending.heading_practice")
        else:
            heading = t("ending.heading_complete" if ecrea_seen else "ending.heading")
        yield TitleBar()
        with Vertical(id="ending-main"):
            with VerticalScroll(id="ending", classes="body"):
                yield Prose(heading, id="ending-heading")
                when = local_date_time(sent.sent_at, t, seconds=True)
                # Practice mode proves the flow, not the account: Google was never contacted.
                proven_key = "ending.proven_practice" if app.practice else "ending.proven"
                proven = t(proven_key, address=sent.address, recipient=sent.recipient, time=when, code=sent.code)
                yield Prose("✓ " + proven, id="ending-proven", classes="proven")
                if arrival is not None and arrival.confirmed and arrival.when is not None:
                    at = local_date_time(arrival.when, t, seconds=True)
                    if arrival.outcome is Outcome.JUNK:
                        line = t("ending.arrival_junk", time=at, folder=arrival.folder)
                    else:
                        line = t("ending.arrival_inbox", time=at)
                    yield Prose("✓ " + line, id="ending-arrival", classes="proven")
                if ecrea_seen and ecrea is not None and ecrea.when is not None:
                    at = local_date_time(ecrea.when, t, seconds=True)
                    seen = t("ending.ecrea_seen_practice" if app.practice else "ending.ecrea_seen", time=at)
                    yield Prose("✓ " + seen, id="ending-ecrea", classes="proven")
                if not ecrea_seen:
                    steps = Prose(t("ending.all_steps_done"), id="ending-next")
                    steps.border_title = t("ending.next_heading")
                    yield steps
                if app.practice:
                    yield Prose(t("ending.practice_note", command=REAL_COMMAND), id="practice-note", classes="warning")
            with Horizontal(id="nav"):
                yield Button(t("common.show_settings"), id="show-settings")
                yield Button(t("ending.finish"), id="finish", variant="success")
        yield KeyFooter()

    @on(Button.Pressed, "#show-settings")
    def show_settings(self) -> None:
        from wizard.core.step_content import Panel, step_with_panel

        self.wizard.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id, back_to=Ending()))

    @on(Button.Pressed, "#finish")
    def finish(self) -> None:
        self.wizard.exit()
