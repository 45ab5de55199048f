"""Pilot tests of the test-send screen against loopback servers, and practice mode end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from screen_text import shown
from smtp_fixtures import PASSWORD

from wizard.ui.app import make_app
from wizard.mail.gmail_like_server import Behaviour
from wizard.ui.screens.send_check_screen import SendCheckScreen

SIZE = (100, 32)


def stage_marks(app) -> str:
    return "".join(str(app.screen.query_one(f"#stage-{name}").render())[0] for name in ("resolve", "connect", "greeting", "tls", "auth", "send"))


async def send(pilot) -> None:
    await pilot.click("#start")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def wizard_for(server, ca_file: str, progress_file: Path, lang: str = "ja"):
    app = make_app(lang=lang, progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port)
    app.progress.email = "ecrea.test@gmail.com"
    app.progress.display_name = "Ecreaマニュアル用"
    app.app_password = PASSWORD
    return app


async def test_success(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file)
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(14)
        await pilot.pause()
        await pilot.click("#next")
        assert isinstance(app.screen, SendCheckScreen)
        await send(pilot)
        assert stage_marks(app) == "✓✓✓✓✓✓"
        assert "送信できました" in shown(app, "#result-title")
        assert "127.0.0.1" in str(app.screen.query_one("#stage-tls").render())
    (message,) = server.received.messages
    assert message["To"] == "ecrea.test@gmail.com"


@pytest.mark.parametrize(
    ("behaviour", "password", "title", "redo"),
    [
        (Behaviour(), "wrongpasswordxyz", "アドレスかアプリ パスワードが受け付けられませんでした", 11),
        (Behaviour(auth_reply="534 5.7.9 Application-specific password required. p=InvalidSecondFactor"), PASSWORD, "通常のパスワード", 13),
        (Behaviour(starttls=False), PASSWORD, "暗号化（STARTTLS）に対応していません", 14),
        (Behaviour(auth_reply="534 5.7.9 Please log in with your web browser. p=WebLoginRequired"), PASSWORD, "ブロック", None),
    ],
)
async def test_failures_explain_and_lead_back(gmail_server, ca_file, progress_file, behaviour, password, title, redo) -> None:
    server = gmail_server(behaviour)
    app = wizard_for(server, ca_file, progress_file)
    app.app_password = password
    async with app.run_test(size=SIZE) as pilot:
        app.show_test_send()
        await pilot.pause()
        await send(pilot)
        assert title in shown(app, "#result-title")
        assert "✗" in stage_marks(app)
        report = str(app.screen.query_one("#report-text").render())
        assert password not in report
        # Without STARTTLS the conversation stops before AUTH, so there is nothing to hide.
        assert ("AUTH [credentials hidden]" in report) == behaviour.starttls
        redo_button = app.screen.query_one("#redo")
        assert redo_button.display == (redo is not None)
        if redo is None:
            assert app.screen.query_one("#open-gmail").display
            return
        assert str(redo_button.label) == f"ステップ {redo} に戻る"
        await pilot.click("#redo")
        assert app.screen.step.number == redo


async def test_cancel_while_waiting_for_a_silent_server(gmail_server, ca_file, progress_file, notifications) -> None:
    server = gmail_server(Behaviour(greet=False))
    app = wizard_for(server, ca_file, progress_file, lang="en")
    log = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        app.show_test_send()
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause(0.5)
        assert stage_marks(app)[:2] == "✓✓"
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The test send was cancelled." in log.messages
        assert stage_marks(app)[2] == "✗"
        assert str(app.screen.query_one("#start").label) == "Try again"
        assert not app.screen.query_one("#start").disabled


async def test_missing_password_is_asked_for(gmail_server, ca_file, progress_file) -> None:
    server = gmail_server()
    app = wizard_for(server, ca_file, progress_file, lang="en")
    app.app_password = ""
    async with app.run_test(size=SIZE) as pilot:
        app.show_test_send()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#send-password").display
        await pilot.click("#start")
        assert "There is no app password" in shown(app, "#send-input-message")
        app.screen.query_one("#password").value = "abcd efgh ijkl mnop"
        await pilot.pause(0.3)  # a button ignores clicks while it shows the last one
        await send(pilot)
        assert "Sent." in shown(app, "#result-title")


async def test_practice_mode_end_to_end(tmp_path: Path, private_home: Path) -> None:
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json", practice=True)
    async with app.run_test(size=SIZE) as pilot:
        assert "練習モード" in app.sub_title
        await pilot.click("#start")
        app.screen.query_one("#address").value = "ecrea.test@gmail.com"
        await pilot.click("#next")
        for _ in range(14):
            await pilot.click("#next")
        assert isinstance(app.screen, SendCheckScreen)
        assert "ecreapracticekey" in shown(app, "#send-intro")
        await send(pilot)
        assert "送信できました" in shown(app, "#result-title")
        assert "練習用サーバーが受け取ったメール" in shown(app, "#result-action")
        assert "Ecrea メール送信テスト" in shown(app, "#result-action")
    assert json.loads((tmp_path / "progress.json").read_text())["completed"] == list(range(1, 15))


async def test_a_blocked_port_offers_465(ca_file, progress_file) -> None:
    from wizard.mail.gmail_like_server import free_port

    app = make_app(lang="en", progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=free_port())
    app.progress.email = "ecrea.test@gmail.com"
    app.app_password = PASSWORD
    async with app.run_test(size=SIZE) as pilot:
        app.show_test_send()
        await pilot.pause()
        await send(pilot)
        assert "Could not connect" in shown(app, "#result-title")
        assert app.screen.query_one("#try-465").display


async def test_a_practice_server_that_cannot_start_is_explained(tmp_path: Path, monkeypatch) -> None:
    def broken() -> None:
        raise OSError("no port")

    monkeypatch.setattr("wizard.mail.practice.start_practice_server", broken)
    app = make_app(lang="en", progress_file=tmp_path / "progress.json", practice=True)
    app.progress.email = "ecrea.test@gmail.com"
    async with app.run_test(size=SIZE) as pilot:
        app.show_test_send()
        await pilot.pause()
        await send(pilot)
        assert shown(app, "#result-title") == "Something unexpected went wrong"
        assert "OSError" in shown(app, "#result-reply")
        assert not app.screen.query_one("#start").disabled
