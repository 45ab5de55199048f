"""Every place reachable, and a way back from every detour (issue 19): the palette's entries
for the screens after the test send, step 14 and back, the finished setup's four choices,
and starting over that asks first and keeps the proof that it once worked.

Step 13's Next becoming the way to the test send (and back), step 14 opened from the screens
after the test send and its way back there, drawn once, every button's label whole on those
screens, and a notification clear of step 14's bar and buttons are checked at each size and
language by the walk in test_small_terminal (one app per size and language for all that looks
at the same screens)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import LARGE, SMALL, settle, shown, visible_text, wait_until

from wizard.core.step_content import Panel, step_with_panel
from wizard.core.step_order import number_of, step_ids
from wizard.mail.confirm import SentTest
from wizard.mail.session import APP_PASSWORDS_STEP
from wizard.ui.places import Ending, Welcome
from wizard.ui.screens.account_screen import AccountScreen
from wizard.ui.screens.arrival_screen import ArrivalScreen
from wizard.ui.screens.ecrea_test_screen import EcreaTestScreen
from wizard.ui.screens.ending_screen import EndingScreen
from wizard.ui.screens.send_screen import SendScreen
from wizard.ui.screens.start_over_dialog import StartOverDialog
from wizard.ui.screens.step_screen import StepScreen
from wizard.ui.screens.welcome_screen import WelcomeScreen

ADDRESS = "ecrea.test@gmail.com"
SETTINGS_STEP = step_with_panel(Panel.ECREA_SETTINGS).id
COMPLETED = datetime(2026, 11, 27, 4, 30, tzinfo=UTC).isoformat()
ECREA_SEEN = datetime(2026, 11, 27, 4, 41, tzinfo=UTC).isoformat()


def write_completed(progress_file: Path, lang: str = "ja") -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text(json.dumps({
        "version": 2, "step": SETTINGS_STEP, "furthest": SETTINGS_STEP, "completed": list(step_ids()), "lang": lang,
        "email": ADDRESS, "setup_completed_at": COMPLETED, "arrival_confirmed_at": COMPLETED,
        "arrival_folder": "inbox", "ecrea_confirmed_at": ECREA_SEEN}))


def with_a_test_send(app) -> None:
    app.session.record_success(SentTest(ADDRESS, ADDRESS, "K7PQ2M", datetime.now(UTC), "abcdabcdabcdabcd"))


async def run_from_palette(pilot, query: str) -> None:
    from textual import events
    from textual.command import CommandInput

    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: pilot.app.screen.id == "--command-palette")
    # Pasted whole: what is found for the query is the point here, not a search per letter typed.
    pilot.app.screen.query_one(CommandInput).post_message(events.Paste(query))
    # The first hit is highlighted once the search has answered.
    await wait_until(pilot, lambda: query_hits(pilot.app))
    await pilot.press("enter")
    await settle(pilot)


def query_hits(app) -> list[str]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList).options
    return [str(option.prompt) for option in options if not option.disabled]


PALETTE_FINDS = {
    "en": [("arrive", ArrivalScreen), ("send from ecrea", EcreaTestScreen), ("summary", EndingScreen)],
    "ja": [("受信", ArrivalScreen), ("Ecrea から送る", EcreaTestScreen), ("まとめ", EndingScreen)],
}


@pytest.mark.parametrize("lang", PALETTE_FINDS)
async def test_the_palette_finds_the_screens_after_the_test_send_by_their_titles(wizard, lang) -> None:
    app = wizard(lang)
    async with app.run_test(size=LARGE) as pilot:
        with_a_test_send(app)
        for query, screen in PALETTE_FINDS[lang]:  # one app: the palette's entries are the same on every screen
            await run_from_palette(pilot, query)
            assert isinstance(app.screen, screen), query


async def test_without_a_test_send_the_palette_entries_open_the_test_send_first(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=LARGE) as pilot:
        await run_from_palette(pilot, "arrive")
        assert isinstance(app.screen, SendScreen)


async def test_a_finished_setup_offers_four_ways_on(wizard, progress_file: Path) -> None:
    write_completed(progress_file)
    app = wizard(lang=None)
    async with app.run_test(size=SMALL) as pilot:
        completed = shown(app, "#completed")
        assert "2026年11月27日" in completed
        assert "確認済み: テスト送信、テストメールの受信、Ecrea のテスト後の Gmail からの送信" in completed
        for button in ("#view-settings", "#send-again", "#new-app-password", "#start-over"):
            label = str(app.screen.query_one(button).label)
            assert label in visible_text(app), label  # every choice whole on screen at 80x24

        await pilot.click("#view-settings")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.step.id == SETTINGS_STEP
        assert str(app.screen.query_one("#next").label) == "最初の画面に戻る"
        await pilot.click("#next")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)

        await wait_until(pilot, lambda: app.screen.query("#send-again"))
        await pilot.click("#send-again")
        await settle(pilot)
        assert isinstance(app.screen, SendScreen)
        await pilot.press("escape")  # not sending: back where it was opened, not to step 14
        await wait_until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await wait_until(pilot, lambda: app.screen.query("#new-app-password"))
        await pilot.click("#new-app-password")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.step.id == APP_PASSWORDS_STEP
        assert shown(app, "#step-number").startswith(f"ステップ {number_of(APP_PASSWORDS_STEP)} ")


async def test_start_over_asks_first_and_esc_keeps_everything(wizard, progress_file: Path) -> None:
    write_completed(progress_file)
    app = wizard(lang=None)
    async with app.run_test(size=SMALL) as pilot:
        app.screen.query_one("#start-over").focus()
        await pilot.press("enter")  # as from the keyboard: the question, then no
        await wait_until(pilot, lambda: isinstance(app.screen, StartOverDialog))
        await wait_until(pilot, lambda: "最初からやり直しますか？" in visible_text(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await wait_until(pilot, lambda: app.screen.query("#completed"))
        await settle(pilot)
        # Still on the button that asked: the next Enter does not go somewhere else.
        assert getattr(app.screen.focused, "id", None) == "start-over"
    saved = json.loads(progress_file.read_text())
    assert saved["completed"] == list(step_ids()) and saved["setup_completed_at"] == COMPLETED


async def test_start_over_keeps_the_record_of_the_last_success_until_a_new_one(wizard, progress_file: Path) -> None:
    write_completed(progress_file, lang="en")
    app = wizard(lang=None)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.click("#start-over")
        await wait_until(pilot, lambda: isinstance(app.screen, StartOverDialog))
        await wait_until(pilot, lambda: "Start over from the beginning?" in visible_text(app))
        assert "27 November" in visible_text(app)  # the record that stays, by its date
        await pilot.click("#confirm-start-over")
        await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
        saved = json.loads(progress_file.read_text())
        assert (saved["completed"], saved["furthest"], saved["started_over"]) == ([], "", True)
        assert (saved["setup_completed_at"], saved["ecrea_confirmed_at"]) == (COMPLETED, ECREA_SEEN)

        app.go(Welcome())
        await wait_until(pilot, lambda: app.screen.query("#last-success"))
        record = shown(app, "#last-success")
        assert "27 November 2026" in record and "after Ecrea's test" in record
        assert app.screen.query("#start") and not app.screen.query("#completed")

        with_a_test_send(app)  # a new success replaces the old record whole
        app.save_progress()
    saved = json.loads(progress_file.read_text())
    assert saved["started_over"] is False and saved["setup_completed_at"] != COMPLETED
    assert (saved["arrival_confirmed_at"], saved["ecrea_confirmed_at"]) == ("", "")


async def test_practice_after_a_relaunch_shows_the_password_it_asks_for(wizard) -> None:
    from wizard.core.app_password import group_in_fours
    from wizard.mail.practice import PRACTICE_PASSWORD
    from wizard.ui.places import Send

    app = wizard("ja", practice=True)  # a new run: the pasted practice password was never stored
    async with app.run_test(size=SMALL) as pilot:
        app.session.progress.email = ADDRESS
        app.go(Send())
        await wait_until(pilot, lambda: isinstance(app.screen, SendScreen) and app.screen.query("#send-password")
                         and app.screen.query_one("#send-password").display)
        intro = shown(app, "#send-intro")
        assert "貼り付けた練習用アプリ パスワードでログイン" not in intro and "もう一度貼り付けて" in intro
        assert group_in_fours(PRACTICE_PASSWORD) in shown(app, "#send-practice-password")


async def test_the_practice_ending_dates_its_times_and_gives_the_real_command(wizard) -> None:
    app = wizard("en", practice=True)
    async with app.run_test(size=LARGE) as pilot:
        with_a_test_send(app)
        app.go(Ending())
        await settle(pilot)
        today = datetime.now(UTC).astimezone()
        assert f"{today.day} {today:%B} {today.year}" in shown(app, "#ending-proven")
        assert "“ecrea-gmail-setup” (without --practice)" in shown(app, "#practice-note")
