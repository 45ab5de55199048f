"""The two confirmation screens, in Pilot: against Dovecot fed by a Gmail-like SMTP server, and in practice mode.

The SMTP server files each message it accepts as Gmail does: in Sent Mail, and in the
Inbox (or Spam) of the account it is addressed to.
"""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from dovecot_fixtures import MailAccount
from helpers import SMALL, fully_visible, shown, visible_text, wait_until
from smtp_fixtures import PASSWORD

from wizard.mail.practice import PRACTICE_PASSWORD
from wizard.mail.send import SendRequest, run_test_send
from wizard.ui.app import make_app
from wizard.ui.places import Send
from wizard.ui.screens.arrival_screen import ArrivalScreen
from wizard.ui.screens.confirm_screen import ConfirmPhase
from wizard.ui.screens.ecrea_test_screen import EcreaTestScreen
from wizard.ui.screens.ending_screen import EndingScreen
from wizard.ui.screens.send_screen import SendScreen


def like_gmail(server, account: MailAccount, inbox_folder: str = "INBOX") -> None:
    def deliver(message) -> None:
        account.deliver(message, "Sent")
        if account.address in str(message["To"]):
            account.deliver(message, inbox_folder)

    server.deliver = deliver


def wizard_for(server, account: MailAccount, ca_file: str, progress_file: Path, lang: str):
    app = make_app(lang=lang, progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port,
                   imap_host=account.host, imap_port=account.port)
    app.session.progress.email = account.address
    app.session.progress.display_name = "山田商店"
    app.session.set_password(PASSWORD)
    return app


async def send_and_go_on(pilot) -> None:
    app = pilot.app
    app.go(Send())
    await start_send(pilot)
    await pilot.press("enter")  # "Next: did it arrive?" has the focus
    await on_arrival_screen(pilot)


async def start_send(pilot) -> None:
    """Start once the send screen shows its button, then until its answer (each a while on a busy machine)."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, SendScreen) and fully_visible(app, "#start"))
    await pilot.click("#start")
    await wait_until(pilot, lambda: app.screen.query_one("#result").display)
    await wait_until(pilot, lambda: app.screen.focused is not None and app.screen.focused.id == "to-confirm")


async def on_arrival_screen(pilot) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ArrivalScreen) and pilot.app.screen.query("#ask"))
    await pilot.pause()


async def answer(pilot, seconds: float = 30) -> None:
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#result").display, seconds)
    await pilot.pause()


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_arrival_then_ecrea_through_a_real_mailbox(gmail_server, mail_account, ca_file, progress_file, lang) -> None:
    server = gmail_server()
    like_gmail(server, mail_account)
    app = wizard_for(server, mail_account, ca_file, progress_file, lang)
    async with app.run_test(size=SMALL) as pilot:
        await send_and_go_on(pilot)
        ask = shown(app, "#ask")
        assert app.session.sent_test is not None and app.session.sent_test.code in ask
        assert ("受信トレイ" in ask) if lang == "ja" else ("Inbox" in ask)
        await pilot.press("enter")  # Look for it
        await answer(pilot)
        expected = {"ja": "受信トレイに届きました", "en": "It arrived in the inbox"}[lang]
        assert expected in shown(app, "#result-title")
        assert app.session.sent_test.code in shown(app, "#result-detail")
        assert fully_visible(app, "#next") and app.screen.focused.id == "next"
        record = app.screen.query_one("#report").text
        assert "LOGIN [credentials hidden]" in record and PASSWORD not in record

        await pilot.press("enter")  # Next: send from Ecrea
        await wait_until(pilot, lambda: isinstance(app.screen, EcreaTestScreen) and app.screen.focused is not None)
        await pilot.press("enter")  # Start watching
        await wait_until(pilot, lambda: "Sent" in shown(app, "#status"))
        assert app.screen.focused.id == "cancel"
        # Ecrea's test mail goes out through the same server while the wizard watches.
        ecrea_mail = EmailMessage()
        ecrea_mail["From"], ecrea_mail["To"], ecrea_mail["Subject"] = mail_account.address, "customer@example.com", "Ecrea テスト"
        ecrea_mail.set_content("test")
        request = SendRequest(mail_account.address, PASSWORD, ecrea_mail, "customer@example.com", host="127.0.0.1",
                              port=server.port, ca_file=ca_file)
        assert (await run_test_send(request)).ok
        await answer(pilot)
        title = shown(app, "#result-title")
        assert ("に Gmail 経由で送信されたメールを確認しました" in title if lang == "ja" else "A message was sent through Gmail at" in title)
        assert "customer@example.com" in shown(app, "#result-detail")
        await pilot.press("enter")  # Next: summary
        await wait_until(pilot, lambda: isinstance(app.screen, EndingScreen))
        assert "#ending-next" not in [f"#{widget.id}" for widget in app.screen.query("Prose")]
        assert app.session.sent_test.code in shown(app, "#ending-proven")
        assert shown(app, "#ending-arrival").startswith("✓") and shown(app, "#ending-ecrea").startswith("✓")
    saved = json.loads(progress_file.read_text())
    assert saved["arrival_folder"] == "inbox" and saved["arrival_confirmed_at"] and saved["ecrea_confirmed_at"]


async def test_spam_arrival_says_what_to_do(gmail_server, mail_account, ca_file, progress_file) -> None:
    server = gmail_server()
    like_gmail(server, mail_account, inbox_folder="[Gmail]/迷惑メール")
    app = wizard_for(server, mail_account, ca_file, progress_file, "ja")
    async with app.run_test(size=SMALL) as pilot:
        await send_and_go_on(pilot)
        await pilot.press("enter")
        await answer(pilot)
        assert "「迷惑メール」に届きました" in shown(app, "#result-title")
        assert "迷惑メールではない" in shown(app, "#result-action")
        assert app.screen.query_one("#open-gmail").display
    assert json.loads(progress_file.read_text())["arrival_folder"] == "junk"


async def test_spam_chosen_by_its_name_is_said_under_the_answer(gmail_server, fake_imap, ca_file, progress_file) -> None:
    """A server that marks no folder as Spam: the wizard looks in "Junk" by its name, and says so."""
    from imap_fixtures import ADDRESS

    imap = fake_imap(special_use="none")
    server = gmail_server()
    server.deliver = lambda message: imap.deliver("INBOX.Junk", str(message["Subject"]))
    app = make_app(lang="ja", progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port,
                   imap_host="127.0.0.1", imap_port=imap.port)
    app.session.progress.email = ADDRESS
    app.session.set_password(PASSWORD)
    async with app.run_test(size=SMALL) as pilot:
        await send_and_go_on(pilot)
        await pilot.press("enter")
        await answer(pilot)
        assert "「INBOX/Junk」に届きました" in shown(app, "#result-title")
        assert "名前から「INBOX/Junk」を選んで探します" in shown(app, "#result-detail")


async def test_a_mailbox_that_cannot_be_looked_at_leaves_the_send_standing(gmail_server, ca_file, progress_file, scripted_server, trusted_context) -> None:
    """IMAP off for a Workspace domain: said plainly, the test send still stands, and the way on is open."""
    alert = "NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator. (Failure)"
    imap = scripted_server(lambda line: f"{line.split()[0]} {alert}", greeting="* OK Gimap ready", tls=trusted_context)
    server = gmail_server()
    app = make_app(lang="en", progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port,
                   imap_host="127.0.0.1", imap_port=imap.port)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password(PASSWORD)
    async with app.run_test(size=SMALL) as pilot:
        await send_and_go_on(pilot)
        await pilot.press("enter")
        await answer(pilot)
        assert shown(app, "#result-title") == "An administrator has turned IMAP off for this Google Workspace account"
        assert "The test send succeeded" in shown(app, "#result-action")
        assert "IMAP access is disabled" in shown(app, "#result-reply")
        assert app.screen.focused.id == "next"
        assert PASSWORD not in visible_text(app)
    saved = json.loads(progress_file.read_text())
    assert saved["setup_completed_at"] and not saved["arrival_confirmed_at"]


async def test_cancel_while_looking_and_a_message_to_someone_else(gmail_server, mail_account, ca_file, progress_file) -> None:
    server = gmail_server()  # delivers nowhere: the message never shows up
    app = wizard_for(server, mail_account, ca_file, progress_file, "ja")
    async with app.run_test(size=SMALL) as pilot:
        await send_and_go_on(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "残り" in shown(app, "#status"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.screen.looking())
        assert shown(app, "#status") == "探すのを中止しました。テスト送信に成功したことは変わりません。"
        assert app.screen.focused.id == "look" and app.screen.query_one("#next").display

        # To another address: the wizard cannot look there, and says so.
        app.go(Send())
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen) and app.screen.query("#recipient"))
        app.screen.query_one("#recipient").value = "boss@example.com"
        await start_send(pilot)
        await pilot.press("enter")
        await on_arrival_screen(pilot)
        assert "boss@example.com" in shown(app, "#ask")
        assert not app.screen.query_one("#look").display and app.screen.focused.id == "next"


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_practice_shows_both_confirmations(tmp_path: Path, lang: str) -> None:
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email, app.session.progress.display_name = "ecrea.test@gmail.com", "山田商店"
    app.session.set_password(PRACTICE_PASSWORD)
    async with app.run_test(size=SMALL) as pilot:
        await send_and_go_on(pilot)
        assert app.screen.query_one("#ask").has_class("warning")  # says it is practice
        await pilot.press("enter")
        await answer(pilot)
        assert app.screen.query_one("#result-title").has_class("-ok")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EcreaTestScreen) and app.screen.focused is not None)
        screen = app.screen
        # Each phase's button has the focus in the update that shows the phase, so that a key pressed
        # as soon as the buttons show goes to it (`Widget.focus` would move it a frame later).
        for phase in [*ConfirmPhase, ConfirmPhase.READY]:
            screen.phase = phase
            assert screen.focused is screen.query_one(f"#{screen.buttons(phase).focus}"), phase
        await pilot.press("enter")  # Start watching
        await wait_until(pilot, lambda: app.screen.query_one("#simulate").display)
        await pilot.click("#simulate")
        await answer(pilot)
        assert app.screen.query_one("#result-title").has_class("-ok")
        assert {"ja": "Ecrea テストメール（練習）", "en": "Ecrea test message (practice)"}[lang] in shown(app, "#result-detail")
        assert {"ja": "練習用の「送信済みメール」", "en": "practice Sent Mail"}[lang] in shown(app, "#result-title")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EndingScreen))
    saved = json.loads((tmp_path / "progress.json").read_text())
    assert saved["ecrea_confirmed_at"]
