"""Pilot tests of the test-send screen against loopback servers, and practice mode end to end."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import LARGE as SIZE
from helpers import after_the_press, fully_visible, settle, shown, wait_until
from smtp_fixtures import PASSWORD

from wizard.core.step_order import number_of, step_ids
from wizard.core.texts import Texts
from wizard.mail.diagnosis import Problem
from wizard.mail.gmail_like_server import Behaviour
from wizard.mail.practice import PRACTICE_PASSWORD
from wizard.ui.app import make_app
from wizard.ui.places import AtStep, Send
from wizard.ui.screens.arrival_screen import ArrivalScreen
from wizard.ui.screens.ecrea_test_screen import EcreaTestScreen
from wizard.ui.screens.ending_screen import EndingScreen
from wizard.ui.screens.send_screen import SendScreen
from wizard.ui.screens.step_screen import StepScreen


def stage_marks(app) -> str:
    return "".join(str(app.screen.query_one(f"#stage-{name}").render())[0] for name in ("resolve", "connect", "greeting", "tls", "auth", "send"))


async def send(pilot) -> None:
    # The send screen may still be being put together on a busy machine: press Start once it shows.
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SendScreen) and fully_visible(pilot.app, "#start"))
    await pilot.click("#start")
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#result").display)


def wizard_for(server, ca_file: str, progress_file: Path, lang: str = "ja"):
    app = make_app(lang=lang, progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.progress.display_name = "山田商店"
    app.session.set_password(PASSWORD)
    return app


async def test_success(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file)
    async with app.run_test(size=SIZE) as pilot:
        app.go(AtStep("paste-into-ecrea"))
        await pilot.pause()
        await pilot.click("#next")
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen))
        await send(pilot)
        assert stage_marks(app) == "✓✓✓✓✓✓"
        assert "送信できました" in shown(app, "#result-title")
        assert "127.0.0.1" in str(app.screen.query_one("#stage-tls").render())
    (message,) = server.received.messages
    assert message["To"] == "ecrea.test@gmail.com"


FAILURES = [
    (Behaviour(), "wrongpasswordxyz", "アドレスかアプリ パスワードが受け付けられませんでした", "app-passwords"),
    (Behaviour(auth_reply="534 5.7.9 Application-specific password required. p=InvalidSecondFactor"), PASSWORD, "通常のパスワード", "copy-app-password"),
    (Behaviour(starttls=False), PASSWORD, "暗号化（STARTTLS）に対応していません", "paste-into-ecrea"),
    (Behaviour(offer_auth=False), PASSWORD, "ログインできません", "paste-into-ecrea"),
    (Behaviour(auth_reply="534 5.7.9 Please log in with your web browser. p=WebLoginRequired"), PASSWORD, "ブロック", None),
]


async def test_failures_explain_and_lead_back(gmail_server, ca_file, progress_file) -> None:
    """Each failure once, one session: a new server for each, as if the user fixed one thing at a time."""
    app = wizard_for(gmail_server(), ca_file, progress_file)
    async with app.run_test(size=SIZE) as pilot:
        for behaviour, password, title, redo in FAILURES:
            server = gmail_server(behaviour)
            app.servers = replace(app.servers, smtp_port=server.port)
            app.session.set_password(password)
            app.go(Send())
            await pilot.pause()
            await send(pilot)
            assert title in shown(app, "#result-title"), title
            assert "✗" in stage_marks(app)
            report = str(app.screen.query_one("#report-text").render())
            assert password not in report
            # Without STARTTLS or AUTH on offer the conversation stops before AUTH: nothing to hide.
            assert ("AUTH [credentials hidden]" in report) == (behaviour.starttls and behaviour.offer_auth)
            redo_button = app.screen.query_one("#redo")
            assert redo_button.display == (redo is not None)
            if redo is None:
                assert app.screen.query_one("#open-gmail").display
                continue
            assert str(redo_button.label) == f"ステップ {number_of(redo)} に戻る"
            # The result scrolls into view after the next refresh; a user presses what they can see.
            await wait_until(pilot, lambda: fully_visible(app, "#redo"))
            await pilot.click("#redo")
            await settle(pilot)
            assert app.screen.step.id == redo


async def test_cancel_while_waiting_for_a_silent_server(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server(Behaviour(greet=False))
    app = wizard_for(server, ca_file, progress_file, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await pilot.click("#start")
        await wait_until(pilot, lambda: stage_marks(app)[:2] == "✓✓")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app, "#send-input-message") == "The test send was cancelled."
        assert stage_marks(app)[2] == "✗"
        assert str(app.screen.query_one("#start").label) == "Try again"
        assert not app.screen.query_one("#start").disabled


async def test_missing_password_is_asked_for(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file, lang="en")
    app.session.set_password("")
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#send-password").display
        await pilot.click("#start")
        assert "There is no app password" in shown(app, "#send-input-message")
        app.screen.query_one("#password").value = "abcd efgh ijkl mnop"
        await after_the_press(pilot)  # a button ignores clicks while it shows the last one
        await send(pilot)
        assert shown(app, "#result-title").startswith("Sent (code ")


async def test_practice_mode_end_to_end(tmp_path: Path, private_home: Path) -> None:
    from textual import events

    app = make_app(lang="ja", progress_file=tmp_path / "progress.json", practice=True)
    async with app.run_test(size=SIZE) as pilot:
        assert "練習モード" in app.sub_title
        await pilot.click("#start")
        # Each screen is waited for: on a busy machine the next one takes a while to be put together.
        await wait_until(pilot, lambda: fully_visible(app, "#address"))
        app.screen.query_one("#address").value = "ecrea.test@gmail.com"
        await pilot.click("#next")
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))
        for _ in range(number_of("copy-app-password") - 1):
            await pilot.press("right")
        # Step 13 shows the practice app password; it is pasted like the real one.
        await wait_until(pilot, lambda: app.screen.query("#app-password") and app.screen.query("#practice-password-text"))
        field = app.screen.query_one("#app-password")
        field.post_message(events.Paste(shown(app, "#practice-password-text")))
        await pilot.pause()
        await pilot.click("#next")
        await wait_until(pilot, lambda: app.screen.step.id == "paste-into-ecrea")
        await after_the_press(pilot)  # a button ignores clicks while it shows the last one
        await pilot.click("#next")
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen))
        assert "練習用アプリ パスワード" in shown(app, "#send-intro")
        await send(pilot)
        assert "練習用サーバーが受け取りました" in shown(app, "#result-title")
        assert "件名「Ecrea メール送信テスト（照合用コード" in shown(app, "#result-action")
        assert "受信トレイで" not in shown(app, "#result-action")  # nothing was sent to a real inbox
        await wait_until(pilot, lambda: app.screen.focused is not None and app.screen.focused.id == "to-confirm")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ArrivalScreen) and fully_visible(app, "#next"))
        await pilot.click("#next")  # next without looking
        await wait_until(pilot, lambda: isinstance(app.screen, EcreaTestScreen) and fully_visible(app, "#next"))
        await pilot.click("#next")  # next without watching
        await wait_until(pilot, lambda: isinstance(app.screen, EndingScreen))
        assert "練習はここまで" in shown(app, "#ending-heading")
        # Google was never contacted: nothing is said to be proven about the Gmail account.
        assert "練習用サーバー" in shown(app, "#ending-proven") and "Gmail 経由" not in shown(app, "#ending-proven")
    saved = json.loads((tmp_path / "progress.json").read_text())
    assert saved["completed"] == list(step_ids())
    assert saved["setup_completed_at"]


async def test_practice_sends_exactly_what_was_pasted(tmp_path: Path) -> None:
    """The most common real failure, a wrong paste, can be rehearsed: the practice server refuses it."""
    app = make_app(lang="en", progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password("abcdefghijklmnop")  # well formed, but not the practice password
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await send(pilot)
        assert shown(app, "#result-title") == "The address or app password was not accepted"
        assert "535" in shown(app, "#result-reply")
        assert str(app.screen.query_one("#redo").label) == f"Go back to step {number_of('app-passwords')}"


async def test_success_leads_to_an_ending_that_finishes(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await send(pilot)
        # Enter now leads on; it no longer sends again. (Textual moves the focus on its next message.)
        await wait_until(pilot, lambda: app.screen.focused is not None and app.screen.focused.id == "to-confirm")
        assert str(app.screen.query_one("#start").label) == "Send again"
        await pilot.press("enter")
        assert isinstance(app.screen, ArrivalScreen)
        assert str(app.screen.query_one("#next").label) == "Next without looking"
        await pilot.click("#next")
        assert str(app.screen.query_one("#next").label) == "Next without checking"
        await pilot.click("#next")
        assert isinstance(app.screen, EndingScreen)
        proven = shown(app, "#ending-proven")
        assert "ecrea.test@gmail.com" in proven and "code" in proven
        assert "「テストメール送信」" in shown(app, "#ending-next")
        await pilot.press("enter")  # Finish
    assert app.return_code == 0
    assert len(server.received.messages) == 1
    saved = json.loads(progress_file.read_text())
    assert saved["setup_completed_at"].endswith("+00:00")


async def test_a_blocked_port_offers_465(ca_file, progress_file) -> None:
    from wizard.mail.gmail_like_server import free_port

    app = make_app(lang="en", progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=free_port())
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password(PASSWORD)
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await send(pilot)
        assert "Could not connect" in shown(app, "#result-title")
        assert app.screen.query_one("#try-465").display


async def test_a_practice_server_that_cannot_start_is_explained(tmp_path: Path, monkeypatch) -> None:
    def broken() -> None:
        raise OSError("no port")

    monkeypatch.setattr("wizard.mail.practice.start_practice_server", broken)
    app = make_app(lang="en", progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password("ecreapracticekey")
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await send(pilot)
        assert shown(app, "#result-title") == "Something unexpected went wrong"
        assert "OSError" in shown(app, "#result-reply")
        assert not app.screen.query_one("#start").disabled


async def test_practice_without_a_pasted_password_asks_for_it(tmp_path: Path) -> None:
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email = "ecrea.test@gmail.com"
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        assert app.screen.query_one("#send-password").display
        await pilot.click("#start")
        assert "練習用アプリ パスワードがありません" in shown(app, "#send-input-message")


async def test_a_display_name_that_cannot_make_a_message_is_explained_not_frozen(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file, lang="en")
    app.session.progress.display_name = "Sales\r\nBcc: everyone@example.com"  # e.g. from an old progress file
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause()
        assert "cannot contain" in shown(app, "#send-input-message")
        assert not app.screen.query_one("#start").disabled
    assert server.received.messages == []


async def test_the_support_report_says_where_the_user_is(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file, lang="ja")
    app.session.set_password("wrongpasswordxyz")
    app.session.progress.complete("manage-account")
    app.session.progress.complete("open-security")
    async with app.run_test(size=(80, 24)) as pilot:
        app.go(Send())
        await pilot.pause()
        await send(pilot)
        report = app.screen.report
    for row in ("表示中の画面: テスト送信", "完了したステップ: 1, 2", "練習モード: いいえ", "端末の大きさ: 80x24",
                "パスワード保存機能: 保存していません", "バージョン: ecrea-gmail-setup 0.1.0", " UTC / ",
                "到達した段階: ログイン", "結果: " + Texts("ja")(Problem.BAD_CREDENTIALS.title_key)):
        assert row in report, row
    assert "bad_credentials" not in report and ": auth\n" not in report
    assert "wrongpasswordxyz" not in report


async def test_about_shows_the_version(wizard, notifications) -> None:
    from wizard import __version__

    app = wizard("en")
    log = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        assert f"v{__version__}" in str(app.screen.query_one("TitleBar").render())
        app.show_about()
        await pilot.pause()
    assert log.messages and f"Version {__version__}" in log.messages[0]


async def test_a_server_quoting_the_password_back_leaks_it_nowhere_on_screen(gmail_server, ca_file, progress_file) -> None:
    import base64

    from helpers import visible_text

    from wizard.core.redaction import secret_forms

    plain = base64.b64encode(f"\0ecrea.test@gmail.com\0{PASSWORD}".encode()).decode()
    server = gmail_server(Behaviour(auth_reply=f"535 5.7.8 Rejected AUTH PLAIN {plain} ({PASSWORD})"))
    app = wizard_for(server, ca_file, progress_file, lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        app.go(Send())
        await pilot.pause()
        await send(pilot)
        app.screen.query_one("#report").collapsed = False
        await pilot.pause()
        shown_text = visible_text(app) + app.screen.report + shown(app, "#result-reply")
    assert "[redacted]" in shown_text
    for secret in secret_forms("ecrea.test@gmail.com", PASSWORD):
        assert secret not in shown_text


def send_screen_look(app) -> list[tuple[object, ...]]:
    """Every part of the send screen in order: where it lies in the scrolling body and the styles CSS gave it.

    The styles catch a leak even where it does not move anything yet (#result's top margin
    collapses into the stage box's bottom margin until the stages are hidden).
    """
    screen = app.screen
    assert isinstance(screen, SendScreen)
    return [
        (widget.id or type(widget).__name__, widget.display, widget.virtual_region, widget.styles.base.css_lines)
        for widget in screen.query("*")
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_visiting_the_arrival_screen_leaves_the_send_screen_as_it_was(tmp_path: Path, lang: str) -> None:
    """Each screen's stylesheet is scoped to it: the arrival screen's #result rules must not reach the send screen's."""
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email, app.session.progress.display_name = "ecrea.test@gmail.com", "山田商店"
    app.session.set_password(PRACTICE_PASSWORD)
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await settle(pilot)
        await send(pilot)
        await settle(pilot)
        await after_the_press(pilot)  # Start is drawn pressed for a moment after the click
        before = send_screen_look(app)
        await pilot.press("enter")  # "Next: did it arrive?" has the focus
        await wait_until(pilot, lambda: isinstance(app.screen, ArrivalScreen))
        await settle(pilot)
        await pilot.press("escape")  # back to the test send
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen))
        await settle(pilot)
        await send(pilot)
        await settle(pilot)
        await after_the_press(pilot)
        assert send_screen_look(app) == before


async def test_the_support_record_says_what_was_confirmed_before(tmp_path: Path) -> None:
    """Progress keeps when the test message arrived and when Ecrea's mail was seen; support reads them in the record."""
    from wizard.mail.send import SendRequest, SendResult
    from wizard.mail.support_report import build_report

    app = make_app(lang="en", progress_file=tmp_path / "progress.json", practice=True)
    progress = app.session.progress
    progress.arrival_confirmed_at, progress.arrival_folder = "2026-12-01T01:02:03+00:00", "junk"
    progress.ecrea_confirmed_at = "2026-12-01T01:05:00+00:00"
    progress.setup_completed_at = "2026-12-01T01:02:00+00:00"
    progress.start_over()  # the record of the last success stays, marked as from before
    async with app.run_test(size=SIZE) as pilot:
        app.go(Send())
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen) and bool(app.screen.query("#start")))
        await settle(pilot)
        context = app.screen.report_context("test send")
    before = " (record from before starting over)"
    assert context.confirmed == (("send", "2026-12-01T01:02:00+00:00" + before),
                                 ("arrival", "2026-12-01T01:02:03+00:00 (Spam)" + before),
                                 ("ecrea", "2026-12-01T01:05:00+00:00" + before))
    from email.message import EmailMessage

    report = build_report(SendRequest("a@gmail.com", PASSWORD, EmailMessage(), "a@gmail.com"), SendResult(), context, app.texts)
    assert "test send succeeded: 2026-12-01T01:02:00+00:00" + before in report
    assert "arrival confirmed: 2026-12-01T01:02:03+00:00 (Spam)" + before in report
    assert "Ecrea's send confirmed: 2026-12-01T01:05:00+00:00" + before in report
