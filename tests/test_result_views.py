"""The result views draw themselves from one assigned result: title and tone, texts, buttons, focus;
the copy button copies and says where the copy went.

Each view is mounted alone in a small app that offers what the views read from the
wizard (texts, language, practice mode); no server, no screen flow.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from helpers import settle
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Button

from wizard.core.step_order import number_of
from wizard.core.texts import Texts
from wizard.mail.confirm import ConfirmResult, Outcome
from wizard.mail.diagnosis import Problem, Stage, diagnose_problem, diagnose_reply
from wizard.mail.mailbox import Headers, MailboxProblem, Role
from wizard.mail.send import SendRequest, SendResult
from wizard.mail.session import ConfirmKind
from wizard.ui.outcomes import CopyTarget
from wizard.ui.prose import Prose
from wizard.ui.screens.confirm_screen import ConfirmPhase
from wizard.ui.widgets.confirm_result_view import Confirmation, ConfirmResultView
from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.send_result_view import SendAttempt, SendResultView
from wizard.ui.widgets.support_record import SupportRecord

ADDRESS = "taro.yamada@gmail.com"


class Host(App[None]):
    """Just enough of WizardApp for a view: texts, language, practice mode."""

    def __init__(self, view: Widget, lang: str = "en") -> None:
        super().__init__()
        self.view = view
        self.texts = Texts(lang)
        self.lang = lang
        self.practice = False

    def compose(self) -> ComposeResult:
        yield self.view


def attempt(result: SendResult, port: int = 587) -> SendAttempt:
    request = SendRequest(ADDRESS, "secret", EmailMessage(), ADDRESS, host="127.0.0.1", port=port)
    return SendAttempt(request, result, code="K7PQ2M", port=port, report="the record")


def text_of(view: Widget, selector: str) -> str:
    return view.query_one(selector, Prose).text


def showing(view: Widget) -> set[str]:
    return {button.id or "" for button in view.query(".choices Button") if button.display}


async def test_a_send_result_view_is_hidden_until_given_a_result() -> None:
    view = SendResultView()
    async with Host(view).run_test() as pilot:
        assert not view.display
        view.result = attempt(SendResult(sent_at=datetime.now(UTC)))
        await settle(pilot)
        assert view.display
        view.result = None
        await settle(pilot)
        assert not view.display


async def test_a_refused_password_says_so_and_offers_its_step_again() -> None:
    view = SendResultView()
    texts = Texts("en")
    async with Host(view).run_test() as pilot:
        view.result = attempt(SendResult(diagnose_reply(Stage.AUTH, 535, "5.7.8 Username and Password not accepted")))
        await settle(pilot)
        title = view.query_one("#result-title", Prose)
        assert title.text == texts("diagnosis.bad_credentials.title") and title.has_class("-error")
        assert text_of(view, "#result-action") == texts("diagnosis.bad_credentials.action")
        assert "535" in text_of(view, "#result-reply")
        assert showing(view) == {"redo"}
        redo = view.query_one("#redo", Button)
        assert str(redo.label) == f"Go back to step {number_of('app-passwords')}"
        assert pilot.app.focused is redo
        assert view.result is not None and view.result.redo_step == "app-passwords"


async def test_a_success_leads_on_to_confirming() -> None:
    view = SendResultView()
    async with Host(view).run_test() as pilot:
        view.result = attempt(SendResult(sent_at=datetime.now(UTC)))
        await settle(pilot)
        title = view.query_one("#result-title", Prose)
        assert title.text.startswith("Sent (code K7PQ2M)") and title.has_class("-ok")
        assert not title.has_class("-error")
        assert ADDRESS in text_of(view, "#result-action") and text_of(view, "#result-reply") == ""
        assert showing(view) == {"to-confirm"}
        assert pilot.app.focused is view.query_one("#to-confirm")
        assert view.query_one(SupportRecord).text == "the record"


@pytest.mark.parametrize(("port", "offered"), [(587, True), (465, False)])
def test_port_465_is_offered_after_a_refused_connection_unless_it_was_465(port: int, offered: bool) -> None:
    refused = SendResult(diagnose_problem(Problem.CONNECTION_REFUSED, Stage.CONNECT, "ConnectionRefusedError"))
    assert attempt(refused, port).offers_port_465 is offered
    assert not attempt(SendResult(sent_at=datetime.now(UTC)), port).offers_port_465


def junk_result() -> ConfirmResult:
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    headers = Headers(uid=7, received_at=at, date=at, sender=ADDRESS, recipients=ADDRESS, subject="Ecrea test (K7PQ2M)")
    return ConfirmResult(Outcome.JUNK, headers=headers, folder="Spam", looked_in={Role.INBOX: "", Role.JUNK: "Spam"},
                         seconds=4.2)


async def test_a_confirmation_in_spam_warns_and_says_what_to_do() -> None:
    view = ConfirmResultView()
    async with Host(view).run_test() as pilot:
        assert not view.display
        view.result = Confirmation(ConfirmKind.ARRIVAL, junk_result(), ADDRESS)
        await settle(pilot)
        title = view.query_one("#result-title", Prose)
        assert title.text.startswith("! ") and "Spam" in title.text and title.has_class("-warning")
        assert "Ecrea test (K7PQ2M)" in text_of(view, "#result-detail")
        assert "Spam" in text_of(view, "#result-action")
        assert not view.query_one("#result-reply").display  # nothing from the server: no room taken


async def test_a_mailbox_that_cannot_be_looked_at_says_why_in_each_kinds_words() -> None:
    texts = Texts("en")
    refused = ConfirmResult(Outcome.UNAVAILABLE, problem=MailboxProblem.IMAP_DISABLED, detail="IMAP access is disabled")
    for kind, note in ((ConfirmKind.ARRIVAL, "confirm.unavailable_note"),
                       (ConfirmKind.ECREA, "confirm.ecrea_unavailable_note")):
        view = ConfirmResultView()
        async with Host(view).run_test() as pilot:
            view.result = Confirmation(kind, refused, ADDRESS)
            await settle(pilot)
            title = view.query_one("#result-title", Prose)
            assert title.text == texts(MailboxProblem.IMAP_DISABLED.title_key) and title.has_class("-error")
            assert text_of(view, "#result-action").endswith(texts(note))
            assert "IMAP access is disabled" in text_of(view, "#result-reply")
            assert not view.query_one("#result-detail").display


async def test_ecrea_not_seen_gives_the_checklist_for_the_account() -> None:
    view = ConfirmResultView()
    async with Host(view, lang="ja").run_test() as pilot:
        view.result = Confirmation(ConfirmKind.ECREA, ConfirmResult(Outcome.NOT_FOUND), ADDRESS)
        await settle(pilot)
        assert view.query_one("#result-title").has_class("-warning")
        assert ADDRESS in text_of(view, "#result-action")


def test_every_outcome_has_a_phase() -> None:
    assert {ConfirmPhase.after(outcome) for outcome in Outcome} == {
        ConfirmPhase.FOUND, ConfirmPhase.IN_JUNK, ConfirmPhase.NOT_FOUND, ConfirmPhase.UNAVAILABLE}


class CopyHost(Host):
    """Copies into `copied`, and says the copy went to `target`."""

    def __init__(self, view: Widget, target: CopyTarget) -> None:
        super().__init__(view)
        self.target = target
        self.copied: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.view
        yield MessageLine("", id="said")

    async def copy_text(self, text: str) -> CopyTarget:
        self.copied.append(text)
        return self.target


@pytest.mark.parametrize(("target", "tone"), [(CopyTarget.SYSTEM, "-ok"), (CopyTarget.BROWSER, "-ok"),
                                              (CopyTarget.TERMINAL, "")])
async def test_a_copy_button_copies_when_pressed_and_says_where_it_went(target: CopyTarget, tone: str) -> None:
    value = iter(["first", "second"])
    button = CopyButton("Copy", text=lambda: next(value), says_in="said", id="copy")
    app = CopyHost(button, target)
    async with app.run_test() as pilot:
        await pilot.click("#copy")
        await settle(pilot)
        button.copy()  # as the c key does
        await settle(pilot)
        assert app.copied == ["first", "second"]  # read when pressed, not when built
        said = app.query_one("#said", MessageLine)
        assert said.text == Texts("en")(target.text_key, what="second")
        assert all(said.has_class(name) == (name == tone) for name in ("-ok", "-warning", "-error"))
