"""Pilot tests: walking the fourteen steps with keys and mouse, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from screen_text import shown

from wizard.ui.screens.account_screen import AccountScreen
from wizard.ui.screens.send_check_screen import SendCheckScreen
from wizard.ui.screens.step_screen import StepScreen
from wizard.ui.screens.welcome_screen import WelcomeScreen
from wizard.core.step_content import get_step

SIZE = (100, 32)
STEP_OF = {"ja": "ステップ {} / 14", "en": "Step {} / 14"}


async def enter_account(pilot, address: str = "ecrea.test@gmail.com", name: str = "Ecreaマニュアル用") -> None:
    assert isinstance(pilot.app.screen, AccountScreen)
    pilot.app.screen.query_one("#address").value = address
    pilot.app.screen.query_one("#display-name").value = name
    await pilot.click("#next")


def assert_on_step(app, number: int, lang: str) -> None:
    assert isinstance(app.screen, StepScreen)
    assert shown(app, "#step-number") == STEP_OF[lang].format(number)
    assert shown(app, "#step-title") == get_step(number).text[lang].title


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_walk_forward_and_back_through_every_step(wizard, progress_file: Path, lang: str) -> None:
    app = wizard(lang)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#start")
        await enter_account(pilot)
        for number in range(1, 15):
            assert_on_step(app, number, lang)
            assert json.loads(progress_file.read_text())["step"] == number
            # The mouse on a few steps, keys on the rest; step 13's password field keeps the arrows.
            await pilot.click("#next") if number in (2, 13) else await pilot.press("right")
        assert isinstance(app.screen, SendCheckScreen)
        assert json.loads(progress_file.read_text())["completed"] == list(range(1, 15))
        await pilot.press("escape")
        for number in range(14, 0, -1):
            assert_on_step(app, number, lang)
            await pilot.click("#back") if number in (2, 13) else await pilot.press("left")
        assert isinstance(app.screen, AccountScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


@pytest.mark.parametrize("number", [1, 2, 4, 11])
async def test_open_button_and_key_open_the_steps_page(wizard, no_real_browser_or_clipboard, number: int) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(number)
        await pilot.pause()
        url = get_step(number).url
        assert shown(app, "#url-text") == url
        await pilot.click("#open")
        await pilot.press("o")
        assert no_real_browser_or_clipboard["open_url"] == [url, url]


async def test_steps_without_a_page_have_no_open_button(wizard, no_real_browser_or_clipboard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(3)
        await pilot.pause()
        assert not app.screen.query("#open")
        await pilot.press("o")
        assert no_real_browser_or_clipboard["open_url"] == []
        assert "o" not in app.screen.active_bindings


async def test_step_12_copies_the_suggested_app_name(wizard, no_real_browser_or_clipboard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(12)
        await pilot.pause()
        await pilot.click("#copy")
        assert no_real_browser_or_clipboard["copy"] == ["Ecrea用"]


async def test_help_panel_opens_with_h(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(11)
        await pilot.pause()
        panel = app.screen.query_one("#step-help")
        assert panel.collapsed
        await pilot.press("h")
        assert not panel.collapsed
        assert "管理者" in panel.query_one("Prose").text


async def test_already_on_shortcut_goes_to_step_11(wizard, progress_file: Path) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#already-on")
        await enter_account(pilot)
        assert_on_step(app, 11, "ja")
        assert json.loads(progress_file.read_text())["completed"] == list(range(1, 11))


async def test_switching_language_rebuilds_the_screens(wizard, progress_file: Path) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app, "#welcome-heading").startswith("Gmail から")
        await pilot.press("l")
        assert shown(app, "#welcome-heading").startswith("Get your Gmail")
        # Before a language is settled the welcome screen names its keys in both.
        assert app.screen.active_bindings["ctrl+q"].binding.description == "終了 / Quit"
        await pilot.click("#start")
        await enter_account(pilot)
        assert_on_step(app, 1, "en")
        assert app.screen.active_bindings["ctrl+q"].binding.description == "Quit"
        assert json.loads(progress_file.read_text())["lang"] == "en"


async def test_footer_keys_are_in_the_users_language(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await enter_account(pilot)
        described = {key: active.binding.description for key, active in app.screen.active_bindings.items()}
        assert described["left"] == "戻る" and described["right"] == "次へ"
        assert described["ctrl+q"] == "終了" and described["ctrl+p"] == "コマンド"


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_command_palette_goes_to_a_step(wizard, lang: str) -> None:
    app = wizard(lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*("ステップ 11 へ" if lang == "ja" else "step 11"))
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert_on_step(app, 11, lang)


async def test_quit_asks_nothing(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await enter_account(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_relaunch_offers_to_continue(wizard, progress_file: Path) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await enter_account(pilot)
        for _ in range(4):
            await pilot.press("right")
        assert_on_step(app, 5, "en")

    relaunched = wizard(lang=None)
    async with relaunched.run_test(size=SIZE) as pilot:
        assert isinstance(relaunched.screen, WelcomeScreen)
        assert "step 5" in str(relaunched.screen.query_one("#resume").label)
        await pilot.click("#resume")
        assert_on_step(relaunched, 5, "en")
        assert "✓  4" in str(relaunched.screen.query_one("#step-list").render())


@pytest.mark.parametrize("content", [b"", b'{"version": 1, "st', b"\x00\xff garbage"])
async def test_corrupt_progress_starts_fresh_and_says_so(wizard, progress_file: Path, notifications, content) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(content)
    app = wizard("ja")
    log = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#resume")
        assert any("最初から" in message for message in log.messages)
        await pilot.click("#start")
        await enter_account(pilot)
        assert_on_step(app, 1, "ja")
    assert json.loads(progress_file.read_text())["step"] == 1


async def test_unwritable_progress_is_reported_and_the_wizard_goes_on(tmp_path: Path, notifications) -> None:
    from wizard.ui.app import make_app

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app = make_app(lang="en", progress_file=blocker / "progress.json")
    log = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await enter_account(pilot)
        assert_on_step(app, 1, "en")
        assert any("could not be saved" in message for message in log.messages)


async def test_holding_down_the_next_key_does_not_crash(wizard) -> None:
    import asyncio

    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(1)
        await pilot.pause()
        for number in range(2, 13):
            app.show_step(number)
            await asyncio.sleep(0)  # screens replaced before the last one finished mounting
        await pilot.pause()
        assert_on_step(app, 12, "ja")
