"""After the test send: may the wizard look for the message in the account? Then where it arrived."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Button

from wizard.core.servers import ARRIVAL_TIMEOUT
from wizard.mail.confirm import ConfirmResult, Looking, SentTest, confirm_arrival
from wizard.mail.mailbox import Mailbox
from wizard.mail.session import ConfirmKind
from wizard.ui.places import Arrival, EcreaTest, Send
from wizard.ui.prose import Prose
from wizard.ui.screens.confirm_screen import Buttons, ConfirmPhase, ConfirmScreen
from wizard.ui.widgets.confirm_result_view import Confirmation, folder_names


class ArrivalScreen(ConfirmScreen):
    KIND = ConfirmKind.ARRIVAL
    CANCELLED = "confirm.cancelled"

    def __init__(self, sent: SentTest) -> None:
        super().__init__(sent)
        self.waited = 0.0
        """Seconds spent looking so far, over "Keep waiting" too."""

    @property
    def place(self) -> Arrival:
        return Arrival()

    def heading(self) -> str:
        return self.wizard.texts("confirm.arrival_heading")

    def explanation(self) -> Iterable[Widget]:
        t = self.wizard.texts
        sent = self.sent
        if not sent.to_self:
            yield Prose(t("confirm.other_recipient", recipient=sent.recipient, address=sent.address), id="ask")
        elif self.wizard.practice:
            yield Prose(t("confirm.arrival_ask_practice", code=sent.code), id="ask", classes="warning")
        else:
            yield Prose(t("confirm.arrival_ask", host=self.wizard.servers.imap_host, code=sent.code), id="ask")

    def choices(self) -> Iterable[Widget]:
        yield Button(self.wizard.texts("confirm.open_gmail"), id="open-gmail")

    def buttons(self, phase: ConfirmPhase) -> Buttons:
        t = self.wizard.texts
        on = {"next": t("confirm.to_ecrea")}
        if phase is ConfirmPhase.LOOKING:
            return Buttons(("cancel",), focus="cancel")
        if phase in (ConfirmPhase.READY, ConfirmPhase.CANCELLED):
            if not self.sent.to_self:
                return Buttons(("next",), focus="next", labels=on)  # not this account's message to look for
            look = "confirm.look" if phase is ConfirmPhase.READY else "send.retry"
            return Buttons(("look", "next"), focus="look", labels={"look": t(look), "next": t("confirm.skip_arrival")})
        if phase is ConfirmPhase.IN_JUNK:
            return Buttons(("open-gmail", "next"), focus="next", labels=on)
        if phase is ConfirmPhase.NOT_FOUND:
            labels = {**on, "look": t("confirm.keep_waiting")}
            return Buttons(("look", "open-gmail", "next"), focus="look", labels=labels)
        if phase is ConfirmPhase.UNAVAILABLE:
            return Buttons(("look", "open-gmail", "next"), focus="next", labels={**on, "look": t("send.retry")})
        return Buttons(("next",), focus="next", labels=on)

    async def check(self, mailbox: Mailbox, report: Callable[[Looking], None]) -> ConfirmResult:
        self.waited += ARRIVAL_TIMEOUT
        return await confirm_arrival(mailbox, self.sent.code, self.sent.sent_at, report=report)

    def looking_line(self, event: Looking, seconds_left: int) -> str:
        t = self.wizard.texts
        return t("confirm.looking", folders=folder_names(event.folders, t), seconds=seconds_left)

    def confirmation(self, result: ConfirmResult) -> Confirmation:
        return Confirmation(self.KIND, result, self.sent.address, waited=self.waited)

    def go_next(self) -> None:
        self.wizard.go(EcreaTest())

    def go_back(self) -> None:
        self.wizard.go(Send())
