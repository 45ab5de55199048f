"""Saving the Ecrea input card and the support report as files, through Textual's own delivery:
in a terminal, a new file in the downloads folder, readable by the owner only, and the
screen says where it went (or why it could not)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from helpers import LARGE, SMALL, fully_visible, settle, wait_until

from wizard.core.ecrea_card import CARD_FILE_NAME, ecrea_card
from wizard.core.step_content import Panel, step_with_panel
from wizard.core.texts import Texts
from wizard.mail.practice import PRACTICE_PASSWORD
from wizard.ui.app import make_app
from wizard.ui.places import AtStep, Send
from wizard.ui.tone import Tone
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.send_result_view import REPORT_FILE_NAME
from wizard.ui.widgets.support_record import SupportRecord


def said(app, selector: str) -> str:
    return app.screen.query_one(selector, MessageLine).text


async def written(pilot, path: Path) -> str:
    """The saved file's text once its writer has closed it. Textual tells of a delivery from inside
    its `with open(...)`, before the close that flushes it: the screen may say so a moment first."""
    await wait_until(pilot, lambda: path.stat().st_size > 0)
    return path.read_text(encoding="utf-8")


async def press_and_wait_for_answer(pilot, button: str, message: str) -> str:
    screen = pilot.app.screen
    screen.query_one(message, MessageLine).say("")
    screen.query_one(button).press()
    await wait_until(pilot, lambda: said(pilot.app, message))
    return said(pilot.app, message)


@pytest.mark.parametrize(("lang", "size"), [("ja", SMALL), ("en", LARGE)])
async def test_the_card_is_saved_in_downloads_and_the_screen_says_where(
    tmp_path: Path, private_home: Path, lang: str, size: tuple[int, int]
) -> None:
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json")
    app.session.progress.email, app.session.progress.display_name = "taro.yamada@gmail.com", "山田商店"
    app.session.set_password(PRACTICE_PASSWORD)
    async with app.run_test(size=size) as pilot:
        app.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id))
        await settle(pilot)
        first = private_home / "Downloads" / CARD_FILE_NAME
        await pilot.press("s")  # the key on the step, as the button
        await wait_until(pilot, lambda: said(app, "#settings-copy-result"))
        await settle(pilot)
        assert fully_visible(app, "#settings-copy-result")  # scrolled into view from the top of the page
        message = said(app, "#settings-copy-result")
        texts = Texts(lang)
        assert message == texts("save.saved", what=texts("save.card_what"), path=first, reason="")
        assert app.screen.query_one("#settings-copy-result", MessageLine).tone is Tone.OK
        card = await written(pilot, first)
        assert app.status is not None
        status = app.status.text(texts)
        assert status.startswith("S14 · ")  # the status line the title bar shows, for support
        assert card == ecrea_card("taro.yamada@gmail.com", "山田商店", texts,
                                  password_note=texts("settings.password_not_stored"), status_line=status)
        assert status in card
        assert PRACTICE_PASSWORD.replace(" ", "") not in card.replace(" ", "")
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        # Saved again: a new file beside it, the first one kept.
        first.write_text("kept\n", encoding="utf-8")
        message = await press_and_wait_for_answer(pilot, "#save-card", "#settings-copy-result")
        second = first.with_name("ecrea-input-card-2.txt")
        assert str(second) in message
        assert await written(pilot, second) == card
        assert first.read_text(encoding="utf-8") == "kept\n"


async def test_a_save_that_fails_says_why(tmp_path: Path, private_home: Path) -> None:
    (private_home / "Downloads").write_text("a file where the folder should be\n", encoding="utf-8")
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id))
        await settle(pilot)
        message = await press_and_wait_for_answer(pilot, "#save-card", "#settings-copy-result")
        assert message.startswith("「Ecrea 入力カード（パスワードは含まれません）」をファイルに保存できませんでした（")
        assert "マウスで選択してコピー" in message
        assert app.screen.query_one("#settings-copy-result", MessageLine).tone is Tone.ERROR


async def test_the_support_report_is_saved_after_a_test_send(tmp_path: Path, private_home: Path) -> None:
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password(PRACTICE_PASSWORD)
    async with app.run_test(size=SMALL) as pilot:
        app.go(Send())
        await settle(pilot)
        await pilot.click("#start")
        await wait_until(pilot, lambda: app.screen.query_one("#result").display)
        record = app.screen.query_one(SupportRecord)
        record.collapsed = False
        await settle(pilot)
        message = await press_and_wait_for_answer(pilot, "#save-report", "#report-copy-result")
        saved = private_home / "Downloads" / REPORT_FILE_NAME
        assert f"ファイルに保存しました:\n{saved}" in message
        assert await written(pilot, saved) == record.text
        assert "ecrea.test@gmail.com" in record.text
        assert PRACTICE_PASSWORD.replace(" ", "") not in saved.read_text(encoding="utf-8").replace(" ", "")
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600


async def test_a_save_with_no_answer_gives_up_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.ui import file_delivery

    monkeypatch.setattr(file_delivery, "DELIVERY_TIMEOUT", 0.5)
    monkeypatch.setattr(file_delivery.FileDeliveries, "answer", lambda self, event: None)  # Textual's word never comes
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id))
        await settle(pilot)
        message = await press_and_wait_for_answer(pilot, "#save-card", "#settings-copy-result")
        assert "時間内に終わりませんでした" in message
        assert app.screen.query_one("#settings-copy-result", MessageLine).tone is Tone.ERROR
