"""After the test send: may the wizard look for the message in the account? Then where it arrived."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Button

from wizard.core.servers import ARRIVAL_TIMEOUT
from wizard.mail.confirm import ConfirmResult, Looking, Outcome, SentTest, confirm_arrival
from wizard.mail.mailbox import Mailbox, Role
from wizard.mail.session import ConfirmKind
from wizard.ui.places import EcreaTest, Send
from wizard.ui.prose import Prose
from wizard.ui.screens.confirm_screen import ConfirmScreen


class ArrivalScreen(ConfirmScreen):
    KIND = ConfirmKind.ARRIVAL
    CANCELLED = "confirm.cancelled"

    def __init__(self, sent: SentTest) -> None:
        super().__init__(sent)
        self.waited = 0.0
        """Seconds spent looking so far, over "Keep waiting" too."""

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

    def on_mount(self) -> None:
        super().on_mount()
        t = self.wizard.texts
        if self.sent.to_self:
            self.set_buttons("look", "next", focus="look",
                             labels={"look": t("confirm.look"), "next": t("confirm.skip_arrival")})
        else:
            self.set_buttons("next", focus="next", labels={"next": t("confirm.to_ecrea")})

    async def check(self, mailbox: Mailbox, report: Callable[[Looking], None]) -> ConfirmResult:
        self.waited += ARRIVAL_TIMEOUT
        return await confirm_arrival(mailbox, self.sent.code, self.sent.sent_at, report=report)

    def folder_names(self, looked_in: dict[Role, str]) -> str:
        t = self.wizard.texts
        names = [t("confirm.inbox_name") if role is Role.INBOX else name for role, name in looked_in.items()]
        return t("common.list_separator").join(t("common.quoted", text=name) for name in names)

    def looking_line(self, event: Looking, seconds_left: int) -> str:
        return self.wizard.texts("confirm.looking", folders=self.folder_names(event.folders), seconds=seconds_left)

    def present(self, result: ConfirmResult) -> None:
        t = self.wizard.texts
        labels = {"next": t("confirm.to_ecrea")}
        seconds = max(1, round(result.seconds or 0))
        headers = result.headers
        detail = t("confirm.found_detail", subject=headers.subject, time=self.time_of(result)) if headers else ""
        if result.outcome is Outcome.INBOX:
            self.show_title("✓ " + t("confirm.found_inbox", seconds=seconds), "-ok")
            self.show_texts(detail)
            self.set_buttons("next", focus="next", labels=labels)
        elif result.outcome is Outcome.JUNK:
            self.show_title("! " + t("confirm.found_junk", folder=result.folder, seconds=seconds), "-warning")
            self.show_texts(detail, t("confirm.junk_action", folder=result.folder))
            self.set_buttons("open-gmail", "next", focus="next", labels=labels)
        elif result.outcome is Outcome.NOT_FOUND:
            self.show_title(t("confirm.not_found", seconds=round(self.waited)), "-warning")
            self.show_texts(action=t("confirm.not_found_action", folders=self.folder_names(result.looked_in)))
            self.set_buttons("look", "open-gmail", "next", focus="look",
                             labels={**labels, "look": t("confirm.keep_waiting")})
        else:
            self.show_problem(result, "confirm.unavailable_note")
            self.set_buttons("look", "open-gmail", "next", focus="next",
                             labels={**labels, "look": t("send.retry")})

    def go_next(self) -> None:
        self.wizard.go(EcreaTest())

    def go_back(self) -> None:
        self.wizard.go(Send())
