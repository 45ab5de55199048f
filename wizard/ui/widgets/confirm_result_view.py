"""The answer to a look into the mailbox, drawn from one `Confirmation`: where the message was
(or why nothing could be seen), and what to do about it.

Both confirmation screens assign `result`; each kind (the test message's arrival, Ecrea's
own send) says its outcomes in its own words. The buttons below are the screen's.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from wizard.core.local_time import local_date_time
from wizard.core.servers import SENT_TIMEOUT
from wizard.core.texts import Texts
from wizard.mail.confirm import ConfirmResult, Outcome, chosen_by_name_notes
from wizard.mail.diagnosis import certificate_lines
from wizard.mail.mailbox import MailboxProblem, Role
from wizard.mail.session import ConfirmKind
from wizard.ui.prose import Prose
from wizard.ui.tone import Tone
from wizard.ui.widgets.wizard_widget import WizardWidget


@dataclass(frozen=True)
class Confirmation:
    """A finished look into the mailbox and what its view needs to present it."""

    kind: ConfirmKind
    result: ConfirmResult
    address: str
    """The account looked into."""
    waited: float = 0.0
    """Arrival: seconds spent looking so far, over "Keep waiting" too."""


@dataclass(frozen=True)
class _Drawn:
    title: str
    tone: Tone
    detail: str = ""
    action: str = ""
    reply: str = ""


def folder_names(looked_in: dict[Role, str], texts: Texts) -> str:
    """The folders looked in, as the account names them: 「受信トレイ」、「迷惑メール」."""
    names = [texts("confirm.inbox_name") if role is Role.INBOX else name for role, name in looked_in.items()]
    return texts("common.list_separator").join(texts("common.quoted", text=name) for name in names)


def time_of(result: ConfirmResult, texts: Texts) -> str:
    return local_date_time(result.when, texts, seconds=True) if result.when else "-"


class ConfirmResultView(WizardWidget, Vertical):
    DEFAULT_CSS = """
    ConfirmResultView {
        height: auto;
        margin: 1 0 0 0;
    }
    ConfirmResultView #result-title {
        text-style: bold;
    }
    ConfirmResultView #result-title.-ok {
        color: $text-success;
    }
    ConfirmResultView #result-title.-warning {
        color: $text-warning;
    }
    ConfirmResultView #result-title.-error {
        color: $text-error;
    }
    ConfirmResultView #result-action, ConfirmResultView #result-reply {
        margin: 1 0 0 0;
    }
    """

    result: reactive[Confirmation | None] = reactive(None, always_update=True)
    """The answer on screen; None before the first look and while looking (the view is hidden)."""

    def __init__(self) -> None:
        super().__init__(id="result")

    def compose(self) -> ComposeResult:
        yield Prose("", id="result-title")
        yield Prose("", id="result-detail")
        yield Prose("", id="result-action")
        yield Prose("", id="result-reply", classes="hint")

    def watch_result(self, confirmation: Confirmation | None) -> None:
        self.display = confirmation is not None
        if confirmation is None:
            return
        if confirmation.result.outcome is Outcome.UNAVAILABLE:
            drawn = self.problem(confirmation)
        elif confirmation.kind is ConfirmKind.ARRIVAL:
            drawn = self.arrival(confirmation)
        else:
            drawn = self.ecrea_send(confirmation)
        title = self.query_one("#result-title", Prose)
        title.update(drawn.title)
        drawn.tone.show_on(title)
        # Under every answer: a folder chosen by its name, so the user can tell if it was the wrong one.
        notes = chosen_by_name_notes(confirmation.result, self.wizard.texts)
        detail = "\n".join(part for part in (drawn.detail, *notes) if part)
        for part, text in (("detail", detail), ("action", drawn.action), ("reply", drawn.reply)):
            prose = self.query_one(f"#result-{part}", Prose)
            prose.update(text)
            prose.display = bool(text)  # an empty part takes no room, margin included

    def arrival(self, confirmation: Confirmation) -> _Drawn:
        t = self.wizard.texts
        result = confirmation.result
        seconds = max(1, round(result.seconds or 0))
        headers = result.headers
        detail = t("confirm.found_detail", subject=headers.subject, time=time_of(result, t)) if headers else ""
        if result.outcome is Outcome.INBOX:
            return _Drawn("✓ " + t("confirm.found_inbox", seconds=seconds), Tone.OK, detail)
        if result.outcome is Outcome.JUNK:
            return _Drawn("! " + t("confirm.found_junk", folder=result.folder, seconds=seconds), Tone.WARNING, detail,
                          t("confirm.junk_action", folder=result.folder))
        return _Drawn(t("confirm.not_found", seconds=round(confirmation.waited)), Tone.WARNING,
                      action=t("confirm.not_found_action", folders=folder_names(result.looked_in, t)))

    def ecrea_send(self, confirmation: Confirmation) -> _Drawn:
        t = self.wizard.texts
        result = confirmation.result
        headers = result.headers
        if result.outcome is Outcome.SEEN and headers is not None:
            seen = "confirm.seen_practice" if self.wizard.practice else "confirm.seen"
            return _Drawn("✓ " + t(seen, time=time_of(result, t)), Tone.OK,
                          t("confirm.seen_detail", recipient=headers.recipients, subject=headers.subject))
        return _Drawn(t("confirm.not_seen", minutes=round(SENT_TIMEOUT / 60)), Tone.WARNING,
                      action=t("confirm.checklist", address=confirmation.address,
                               help=t("step.help_title"), explain=t("explain.open")))

    def problem(self, confirmation: Confirmation) -> _Drawn:
        """A mailbox that could not be looked at: why, what to do, and the server's words."""
        t = self.wizard.texts
        result = confirmation.result
        problem = result.problem or MailboxProblem.UNEXPECTED
        arrival = confirmation.kind is ConfirmKind.ARRIVAL
        note = "confirm.unavailable_note" if arrival else "confirm.ecrea_unavailable_note"
        reply = [t("send.error_detail", reply=result.detail)] if result.detail else []
        reply += certificate_lines(result.certificate_issuer, result.trust_stores, t)
        return _Drawn(t(problem.title_key), Tone.ERROR, action=f"{t(problem.action_key)}\n{t(note)}",
                      reply="\n".join(reply))
