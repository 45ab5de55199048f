"""Ecrea's own test: the user presses 「テストメール送信」 in Ecrea while the wizard watches Sent Mail."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import on, work
from textual.widget import Widget
from textual.widgets import Button

from wizard.core.servers import SENT_TIMEOUT
from wizard.mail.confirm import ConfirmResult, Looking, watch_sent
from wizard.mail.mailbox import Mailbox, Role
from wizard.mail.session import ConfirmKind
from wizard.ui.places import Arrival, AtStep, Ending
from wizard.ui.prose import Prose
from wizard.ui.screens.confirm_screen import Buttons, ConfirmPhase, ConfirmScreen
from wizard.ui.tone import Tone


class EcreaTestScreen(ConfirmScreen):
    KIND = ConfirmKind.ECREA
    CANCELLED = "confirm.watch_cancelled"

    def heading(self) -> str:
        return self.wizard.texts("confirm.ecrea_heading")

    def explanation(self) -> Iterable[Widget]:
        t = self.wizard.texts
        yield Prose(t("confirm.ecrea_steps"), id="ecrea-steps")
        if self.wizard.practice:
            yield Prose(t("confirm.ecrea_reads_practice"), id="ecrea-reads", classes="warning")
        else:
            minutes = round(SENT_TIMEOUT / 60)
            yield Prose(t("confirm.ecrea_reads", folder=t("confirm.sent_name"), minutes=minutes), id="ecrea-reads")
        # Ecrea shows its own failures; the wizard only explains what is pasted from them.
        yield Button(t("explain.open"), id="explain-error", compact=True)

    def choices(self) -> Iterable[Widget]:
        t = self.wizard.texts
        yield Button(t("confirm.simulate"), id="simulate")
        yield Button(t("common.show_settings"), id="show-settings")

    def buttons(self, phase: ConfirmPhase) -> Buttons:
        t = self.wizard.texts
        if phase is ConfirmPhase.LOOKING:
            # In practice mode the wizard can play Ecrea's part.
            return Buttons(("cancel", "simulate") if self.wizard.practice else ("cancel",), focus="cancel")
        if phase in (ConfirmPhase.READY, ConfirmPhase.CANCELLED):
            return Buttons(("look", "show-settings", "next"), focus="look",
                           labels={"look": t("confirm.start_watching"), "next": t("confirm.skip_ecrea")})
        after = {"next": t("confirm.to_ending"), "look": t("confirm.watch_again")}
        if phase is ConfirmPhase.NOT_FOUND:
            return Buttons(("look", "show-settings", "next"), focus="look", labels=after)
        if phase is ConfirmPhase.UNAVAILABLE:
            return Buttons(("look", "next"), focus="next", labels=after)
        return Buttons(("next",), focus="next", labels=after)

    async def check(self, mailbox: Mailbox, report: Callable[[Looking], None]) -> ConfirmResult:
        return await watch_sent(mailbox, report=report)

    def looking_line(self, event: Looking, seconds_left: int) -> str:
        t = self.wizard.texts
        since = event.since.astimezone().strftime("%H:%M:%S") if event.since else "-"
        minutes, seconds = divmod(seconds_left, 60)
        remaining = f"{minutes}:{seconds:02d}"
        return t("confirm.watching", folder=event.folders.get(Role.SENT, ""), since=since, remaining=remaining)

    @on(Button.Pressed, "#simulate")
    @work(exclusive=True, exit_on_error=False, group="simulate")
    async def act_as_ecrea(self) -> None:
        from wizard.mail.practice import send_as_ecrea

        app = self.wizard
        t = app.texts
        server = await app.ensure_practice_server()
        result = await send_as_ecrea(server, self.sent.address, app.session.progress.display_name, t)
        if result.diagnosis is None:
            self.say(t("confirm.simulated"), Tone.OK)
        else:
            self.say(t("confirm.simulate_failed", reason=t(result.diagnosis.problem.title_key)), Tone.ERROR)

    @on(Button.Pressed, "#explain-error")
    def explain_error(self) -> None:
        self.wizard.show_explain_error()

    @on(Button.Pressed, "#show-settings")
    def show_settings(self) -> None:
        from wizard.core.step_content import Panel, step_with_panel

        self.workers.cancel_group(self, "look")
        self.wizard.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id))

    def go_next(self) -> None:
        self.wizard.go(Ending())

    def go_back(self) -> None:
        self.wizard.go(Arrival())
