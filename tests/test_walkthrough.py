"""Pilot tests: walking the steps with keys and mouse, in both languages, and the flow around them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import LARGE as SIZE
from helpers import (
    after_the_press,
    assert_on_step,
    enter_account,
    settle,
    shown,
    visible_text,
    wait_until,
    wait_until_saved,
)

from wizard.core import browser
from wizard.core.browser import BrowserResult
from wizard.core.step_content import get_step
from wizard.core.step_order import number_of, step_count, step_ids
from wizard.ui.places import Account, AtStep, Welcome
from wizard.ui.screens.account_screen import AccountScreen
from wizard.ui.screens.send_screen import SendScreen
from wizard.ui.screens.step_screen import StepScreen
from wizard.ui.screens.welcome_screen import WelcomeScreen

MOUSE_STEPS = (number_of("open-security"), number_of("copy-app-password"))
"""Clicked through rather than keyed; the password step's field keeps the arrow keys."""
APP_PASSWORDS = number_of("app-passwords")
"""Where the already-on shortcut and the skip lead; the palette finds it by its words."""


async def click_after_the_last(pilot, selector: str) -> None:
    """The same Back/Next button stays on screen from step to step, and Textual ignores its click for
    0.2 s after the last one (its "-active" effect): a quick walk's keys can get there sooner."""
    await after_the_press(pilot)
    await pilot.click(selector)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_walk_forward_through_every_step_on_one_screen(wizard, progress_file: Path, lang: str) -> None:
    app = wizard(lang)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#start")
        await enter_account(pilot)
        step_screen = app.screen
        for number in range(1, step_count() + 1):
            assert_on_step(app, number, lang)
            assert app.screen is step_screen  # Next changes the step in place
            await wait_until_saved(pilot, progress_file, step=get_step(number).id)
            # The mouse on a few steps, keys on the rest; the password field keeps the arrows.
            await click_after_the_last(pilot, "#next") if number in MOUSE_STEPS else await pilot.press("right")
            await settle(pilot)  # the step is drawn by a worker, then saved
        assert isinstance(app.screen, SendScreen)
        assert json.loads(progress_file.read_text())["completed"] == list(step_ids())


# A test of its own, so that the two halves of the longest walk run side by side.
async def test_walk_back_through_every_step_to_the_welcome_screen(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await enter_account(pilot)
        app.go(AtStep(step_ids()[-1]))
        await settle(pilot)
        for number in range(step_count(), 0, -1):
            assert_on_step(app, number, "ja")
            await click_after_the_last(pilot, "#back") if number in MOUSE_STEPS else await pilot.press("left")
            await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, WelcomeScreen))


async def test_open_says_what_happened_and_copy_says_where_the_text_went(wizard, no_real_browser_or_clipboard, monkeypatch) -> None:
    from wizard.core import clipboard

    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        opened = no_real_browser_or_clipboard["open_url"]
        for step_id in ("manage-account", "open-security", "two-step-verification", "app-passwords"):
            number = number_of(step_id)
            app.go(AtStep(step_id))
            await settle(pilot)
            url = get_step(number).url
            assert shown(app, "#url-text") == url
            await pilot.click("#open")
            await wait_until(pilot, lambda: shown(app, "#open-result") == "Opened in the browser.")
            app.screen.query_one("#open-result").say("")
            await pilot.press("o")
            await wait_until(pilot, lambda url=url: opened[-2:] == [url, url])
        # Nothing opened: said under the address, which is highlighted as the way on. No toast.
        monkeypatch.setattr(browser, "open_in_browser", lambda url, timeout=0: BrowserResult.FAILED)
        await pilot.press("o")
        await wait_until(pilot, lambda: "Could not confirm that the browser opened" in shown(app, "#open-result"))
        assert app.screen.query_one("#url-text").has_class("-highlight")
        assert not app.screen.query("Toast")
        # Copy with the computer's own clipboard tool: said plainly.
        copied: list[str] = []
        monkeypatch.setattr(clipboard, "copy_with_system_tool", lambda text, *a, **k: copied.append(text) or True)
        app.go(AtStep("create-app-password"))
        await settle(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: shown(app, "#copy-result") == 'Copied "Ecrea" to the clipboard.')
        assert copied == ["Ecrea"]


async def test_each_steps_own_actions_in_japanese(wizard, no_real_browser_or_clipboard, monkeypatch) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        # A step without a page has no Open, and "o" does nothing.
        app.go(AtStep("security-page"))
        await settle(pilot)
        assert not app.screen.query_one("#step-url").display
        assert "o" not in app.screen.active_bindings
        await pilot.press("o")
        assert no_real_browser_or_clipboard["open_url"] == []
        # Help opens with h.
        app.go(AtStep("app-passwords"))
        await settle(pilot)
        panel = app.screen.query_one("#step-help")
        assert panel.collapsed
        await pilot.press("h")
        assert not panel.collapsed
        assert "管理者" in panel.query_one("Prose").text
        # No browser here: said so, in Japanese.
        monkeypatch.setattr(browser, "open_in_browser", lambda url, timeout=0: BrowserResult.NO_BROWSER)
        await pilot.press("o")
        await wait_until(pilot, lambda: "このパソコンではブラウザーを開けませんでした" in shown(app, "#open-result"))
        # Copy through the terminal: where it went, and what to do if pasting fails.
        app.go(AtStep("create-app-password"))
        await settle(pilot)
        await pilot.click("#copy")
        await wait_until(pilot, lambda: "コピー" in shown(app, "#copy-result"))
        assert no_real_browser_or_clipboard["copy"] == ["Ecrea用"]
        assert "端末に依頼しました" in shown(app, "#copy-result") and "マウスで選択" in shown(app, "#copy-result")


async def test_already_on_shortcut_goes_to_the_app_passwords_step(wizard, progress_file: Path) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#already-on")
        await enter_account(pilot)
        assert_on_step(app, APP_PASSWORDS, "ja")
        await wait_until_saved(pilot, progress_file, completed=list(step_ids()[: APP_PASSWORDS - 1]))


async def test_a_step_can_be_reached_from_the_list_or_skipped_to(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        app.go(AtStep("open-security"))
        await settle(pilot)
        step_list = app.screen.query_one("#step-list")
        await pilot.click("#step-list", offset=(5, 1 + 3))  # border, then the fourth line
        await settle(pilot)
        assert_on_step(app, 4, "en")
        assert step_list.current == 4
        # "If it already says On": past the steps Google will not show.
        assert "already turned on" in app.screen.query_one("#step-skip Prose").text
        app.screen.query_one("#skip").scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        await pilot.click("#skip")
        await settle(pilot)
        assert_on_step(app, APP_PASSWORDS, "en")


async def test_keys_speak_the_users_language_and_follow_a_switch(wizard, progress_file: Path, notifications) -> None:
    app = wizard("ja")
    log = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app, "#welcome-heading").startswith("Ecrea から")
        # Ctrl+C, which people press to leave a terminal program, is explained in Japanese.
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert log.messages == ["終了するには Ctrl+Q を押してください。進捗は保存されています。"]
        assert app.is_running
        await pilot.click("#start")
        await enter_account(pilot)
        described = {key: active.binding.description for key, active in app.screen.active_bindings.items()}
        assert described["left"] == "戻る" and described["right"] == "次へ"
        assert described["ctrl+q"] == "終了" and described["ctrl+p"] == "コマンド"
        assert "コマンド" in visible_text(app).splitlines()[-1]
        # A language switch on the welcome screen relabels its keys at once, on the same screen.
        app.go(Welcome())
        await settle(pilot)
        welcome = app.screen
        await pilot.press("l")
        await settle(pilot)
        assert app.screen is welcome
        assert shown(app, "#welcome-heading").startswith("Get Ecrea")
        assert app.screen.active_bindings["ctrl+q"].binding.description == "Quit"
        assert app.screen.active_bindings["l"].binding.description == "日本語"
        await pilot.click("#start")
        await enter_account(pilot)
        assert_on_step(app, 1, "en")
        assert json.loads(progress_file.read_text())["lang"] == "en"
        # Quitting asks nothing.
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def palette_results(pilot, query: str) -> list[str]:
    from textual.command import CommandList
    from textual.widgets import Input

    await pilot.press("ctrl+p")
    # The query arrives whole, as a paste or an input method delivers it: one search, not one a key.
    pilot.app.screen.query_one(Input).value = query
    options = pilot.app.screen.query_one(CommandList)
    await settle(pilot)  # the search has run
    # Nothing found: "no matches" is added half a second later.
    await wait_until(pilot, lambda: options.option_count > 0)
    prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
    # The "no matches" line is a centred Text; hits are Content with the help on a second line.
    return [str(getattr(prompt, "renderable", prompt)).splitlines()[0] for prompt in prompts]


async def test_the_palette_in_japanese_lists_steps_in_order_and_finds_them_by_number_or_words(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        listed = await palette_results(pilot, "")
        assert listed[: step_count()] == [f"ステップ {n} へ移動" for n in range(1, step_count() + 1)]
        await pilot.press("escape")
        wide = str(APP_PASSWORDS).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        for query in (str(APP_PASSWORDS), wide, f"ステップ{wide}"):
            assert (await palette_results(pilot, query)) == [f"ステップ {APP_PASSWORDS} へ移動"], query
            await pilot.press("escape")
        assert await palette_results(pilot, "アプリ パスワード") == [f"ステップ {APP_PASSWORDS} へ移動", f"ステップ {number_of('copy-app-password')} へ移動"]
        await pilot.press("escape")
        assert await palette_results(pilot, "作成") == [f"ステップ {number_of('create-app-password')} へ移動"]
        await pilot.press("escape")
        assert await palette_results(pilot, "zzqqxx") == ["一致するコマンドはありません"]
        assert "No matches" not in visible_text(app)
        await pilot.press("escape")
        assert (await palette_results(pilot, f"ステップ {APP_PASSWORDS} へ"))[0] == f"ステップ {APP_PASSWORDS} へ移動"
        await pilot.press("enter")
        await settle(pilot)
        assert_on_step(app, APP_PASSWORDS, "ja")


async def test_the_palette_in_english_goes_to_a_step(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        assert await palette_results(pilot, "app password") == [f"Go to step {APP_PASSWORDS}", f"Go to step {number_of('copy-app-password')}"]
        await pilot.press("escape")
        assert (await palette_results(pilot, f"step {APP_PASSWORDS}"))[0] == f"Go to step {APP_PASSWORDS}"
        await pilot.press("enter")
        await settle(pilot)
        assert_on_step(app, APP_PASSWORDS, "en")


async def test_the_resume_point_is_the_furthest_step_and_survives_the_welcome_screen(wizard, progress_file: Path) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await enter_account(pilot)
        for _ in range(6):
            await pilot.press("right")
            await settle(pilot)
        assert_on_step(app, 7, "en")
        for _ in range(3):
            await pilot.press("left")
            await settle(pilot)
        assert_on_step(app, 4, "en")
        app.go(Welcome())
        await settle(pilot)
        assert str(app.screen.query_one("#resume").label) == "Continue where I left off (step 7)"
        app.go(Account(step_ids()[0]))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    saved = json.loads(progress_file.read_text())
    assert saved["furthest"] == get_step(7).id

    relaunched = wizard(lang=None)
    async with relaunched.run_test(size=SIZE) as pilot:
        assert "step 7" in str(relaunched.screen.query_one("#resume").label)
        await pilot.click("#resume")
        await settle(pilot)
        assert_on_step(relaunched, 7, "en")
        assert "✓  4" in str(relaunched.screen.query_one("#step-list").render())


async def test_after_a_completed_setup_the_next_launch_says_so(wizard, progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    completed = datetime(2026, 11, 27, 4, 30, tzinfo=UTC).isoformat()
    progress_file.write_text(json.dumps({"version": 2, "step": "paste-into-ecrea", "furthest": "paste-into-ecrea",
                                         "completed": list(step_ids()), "lang": "ja", "email": "ecrea.test@gmail.com",
                                         "setup_completed_at": completed, "ecrea_confirmed_at": completed,
                                         "arrival_confirmed_at": completed, "arrival_folder": "inbox"}))
    app = wizard(lang=None)
    async with app.run_test(size=SIZE) as pilot:
        assert "2026年11月27日" in shown(app, "#completed")
        assert shown(app, "#completed").endswith("に完了しています（確認済み: テスト送信、テストメールの受信、Ecrea のテスト後の Gmail からの送信）。")
        assert not app.screen.query("#resume")
        await pilot.click("#send-again")
        await settle(pilot)
        assert isinstance(app.screen, SendScreen)
        app.go(Welcome())
        await settle(pilot)
        await pilot.click("#start-over")
        await wait_until(pilot, lambda: app.screen.query("#confirm-start-over"))
        await pilot.click("#confirm-start-over")
        await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
    saved = json.loads(progress_file.read_text())
    assert (saved["started_over"], saved["completed"], saved["email"]) == (True, [], "ecrea.test@gmail.com")
    # The proof that it once worked stays until a new test send succeeds (tests/test_no_dead_ends.py).
    assert (saved["setup_completed_at"], saved["ecrea_confirmed_at"], saved["arrival_folder"]) == (completed, completed, "inbox")


@pytest.mark.parametrize("content", [b"\x00\xff garbage", b'{"version": 2, "display_name": "\\u001b[2J"}'])
async def test_corrupt_progress_starts_fresh_and_says_so(wizard, progress_file: Path, content) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(content)
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#resume")
        assert "最初から始めます" in shown(app, "#progress-unreadable")
        await pilot.click("#start")
        await enter_account(pilot)
        assert_on_step(app, 1, "ja")
    assert json.loads(progress_file.read_text())["step"] == "manage-account"


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
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.go(AtStep("manage-account"))
        await settle(pilot)
        for _ in range(11):
            await pilot.press("right")  # no pause: each Next arrives before the last step was drawn
        await settle(pilot)
        assert_on_step(app, 12, "ja")
        assert isinstance(app.screen, StepScreen)


def test_a_crash_shows_one_line_and_saves_the_details_privately(tmp_path: Path) -> None:
    """A bug in the wizard: the user sees where the details are, never a traceback or the password.

    A real process: what reaches the terminal as the app dies is the subject."""
    import os
    import stat
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wizard.ui.app import make_app\n"
        "app = make_app(lang='ja', progress_file=Path(sys.argv[1]))\n"
        "app.session.progress.email = 'a@gmail.com'\n"
        "app.session.set_password('abcdefghijklmnop')\n"
        "def broken(*args):\n"
        "    secret = app.session.password.reveal()\n"
        "    raise RuntimeError('bug ' + secret)\n"
        "app.call_later(broken)\n"
        "app.run(headless=True, size=(80, 24))\n"
        "sys.exit(app.return_code)\n"
    )
    progress = tmp_path / "state" / "progress.json"
    result = subprocess.run([sys.executable, "-c", script, str(progress)], capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "予期しないエラーのため終了しました" in output
    assert "Traceback" not in output and "abcdefghijklmnop" not in output
    (report,) = (tmp_path / "state").glob("crash-*.txt")
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o600
    text = report.read_text()
    assert "RuntimeError: bug [redacted]" in text and "abcdefghijklmnop" not in text
