"""Pilot tests for the account screen, the app password (step 13) and Ecrea's settings (step 14)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
from helpers import LARGE as SIZE
from helpers import paste, shown, wait_until
from keyring.backends import fail
from textual.widgets import Input

from wizard.core.credentials import KEYRING_SERVICE
from wizard.core.step_order import step_ids
from wizard.ui.screens.account_screen import AccountScreen
from wizard.ui.screens.step_screen import StepScreen

PASSWORD = "abcdefghijklmnop"
MASK = "**** **** **** ****"


async def click_visible(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(selector)


async def open_account(pilot) -> None:
    await pilot.click("#start")
    assert isinstance(pilot.app.screen, AccountScreen)


async def test_typing_the_account_saves_it_and_goes_to_step_1(wizard, progress_file: Path) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await pilot.press(*"ecrea.test@gmail.com")
        await pilot.press("tab")
        assert shown(app, "#address-message") == "Gmail アドレスです。"
        await pilot.click("#display-name")
        await paste(pilot, "#display-name", "山田商店")
        await pilot.click("#next")
        assert isinstance(app.screen, StepScreen) and app.screen.step.number == 1
    saved = json.loads(progress_file.read_text(encoding="utf-8"))
    assert (saved["email"], saved["display_name"]) == ("ecrea.test@gmail.com", "山田商店")


async def test_a_bad_address_is_explained_and_kept(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await pilot.press(*"ecrea.test")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        assert "「@」がありません" in shown(app, "#address-message")
        assert app.screen.query_one("#address", Input).value == "ecrea.test"
        assert app.screen.focused.id == "address"


async def test_workspace_question(wizard, progress_file: Path) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "sales@example.co.jp")
        await pilot.click("#next")
        assert app.screen.query_one("#workspace").display
        assert "example.co.jp" in shown(app, "#workspace-question")
        assert "Choose whether" in shown(app, "#workspace-message")
        await pilot.click("#workspace-no")
        assert "for Google accounts" in shown(app, "#workspace-message")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        await pilot.click("#workspace-yes")
        assert "administrator may have turned app passwords off" in shown(app, "#workspace-message")
        await pilot.click("#next")
        assert isinstance(app.screen, StepScreen)
    assert json.loads(progress_file.read_text())["workspace"] is True


async def test_gmail_addresses_get_no_workspace_question(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "someone@googlemail.com")
        await pilot.press("tab")
        assert not app.screen.query_one("#workspace").display


async def test_control_characters_in_the_display_name_are_refused(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        await paste(pilot, "#display-name", "営業部\x07")
        assert "U+0007" in shown(app, "#display-name-message")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.query_one("#display-name", Input).value == "営業部\x07"


async def go_to_step(pilot, number: int, address: str = "ecrea.test@gmail.com") -> None:
    """As if the account screen was filled in (it has tests of its own above)."""
    pilot.app.progress.email = address
    pilot.app.show_step(number)
    await pilot.pause()


async def test_valid_password_is_stored_in_the_keyring(wizard, memory_keyring) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        assert app.screen.focused.id == "app-password"
        await paste(pilot, "#app-password", "\nabcd efgh ijkl mnop \n")
        assert "正しい形式" in shown(app, "#password-message")
        await wait_until(pilot, lambda: "保存しました" in shown(app, "#keyring-message"))
        await pilot.press("enter")
        assert app.screen.step.number == 14
    assert memory_keyring.store == {(KEYRING_SERVICE, "ecrea.test@gmail.com"): PASSWORD}


async def test_messages_as_the_user_types(wizard, memory_keyring) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        await pilot.press(*"abcd")
        assert shown(app, "#password-message") == "4 of 16 letters so far. Spaces are not counted."
        app.screen.query_one("#app-password", Input).value = ""
        await pilot.press(*"G-123456")
        assert "SMS code" in shown(app, "#password-message")
        app.screen.query_one("#app-password", Input).value = ""
        await pilot.press(*"Tanaka2024!")
        assert "Google account password" in shown(app, "#password-message")
    assert memory_keyring.store == {}


async def test_pasted_escape_sequences_are_never_echoed(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        await paste(pilot, "#app-password", "\x1b[200~abcd efgh ijkl mnop\x1b[201~\x1b]52;c;eA==\x07")
        value = app.screen.query_one("#app-password", Input).value
        assert "\x1b" not in value and "\x07" not in value
        assert value == "abcd efgh ijkl mnop"


async def test_password_is_masked_until_shown(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        field = app.screen.query_one("#app-password", Input)
        assert field.password
        await pilot.click("#toggle-password")
        assert not field.password
        assert str(app.screen.query_one("#toggle-password").label) == "隠す"
        await pilot.pause(0.3)  # a button ignores clicks while it shows the last one
        await pilot.click("#toggle-password")
        assert field.password


async def test_without_a_keyring_the_wizard_says_so_and_carries_on(wizard, tmp_path: Path, private_home: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        await paste(pilot, "#app-password", "abcd efgh ijkl mnop")
        await wait_until(pilot, lambda: "見つからない" in shown(app, "#keyring-message"))
        await pilot.click("#next")
        assert app.screen.step.number == 14
        assert "abcd efgh ijkl mnop" not in str(app.screen.query_one("#value-smtp_password").render())
    assert_no_file_contains_password([tmp_path, private_home])


async def test_a_stored_password_is_found_again_but_not_shown(wizard, memory_keyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, "ecrea.test@gmail.com", PASSWORD)
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        await wait_until(pilot, lambda: "already in the password store" in shown(app, "#keyring-message"))
        assert app.screen.query_one("#app-password", Input).value == ""
        await pilot.click("#next")
        assert str(app.screen.query_one("#value-smtp_password").render()) == MASK
        await click_visible(pilot, "#reveal")
        assert str(app.screen.query_one("#value-smtp_password").render()) == "abcd efgh ijkl mnop"


async def test_step_13_without_an_address_offers_the_account_screen(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.show_step(13)
        await pilot.pause()
        assert "先に Gmail アドレス" in shown(app, "#keyring-message")
        await click_visible(pilot, "#enter-account")
        assert isinstance(app.screen, AccountScreen)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        await pilot.click("#next")
        assert app.screen.step.number == 13


async def test_settings_screen_values_and_copy(wizard, no_real_browser_or_clipboard, memory_keyring) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        await paste(pilot, "#display-name", "山田商店")
        await pilot.click("#next")
        app.show_step(13)
        await pilot.pause()
        await paste(pilot, "#app-password", "abcd efgh ijkl mnop")
        await app.workers.wait_for_complete()
        await pilot.click("#next")
        screen = app.screen
        value = lambda key: str(screen.query_one(f"#value-{key}").render())  # noqa: E731
        assert value("sender_address") == value("smtp_user") == "ecrea.test@gmail.com"
        assert value("display_name") == "山田商店"
        assert value("smtp_host") == "smtp.gmail.com"
        assert value("smtp_port") == "587"
        assert value("smtp_auth") == "チェックを入れる"
        assert value("pop_before_smtp") == "チェックを外す"
        assert value("pop_host") == "空欄のまま"
        assert value("tls").startswith("チェックを入れる")
        assert value("local_hostname") == "空欄のまま"
        assert value("send_interval") == "10000 ミリ秒"
        assert value("smtp_password") == MASK
        assert "「設定」" in shown(app, "#settings-finish")
        await click_visible(pilot, "#copy-smtp_host")
        await app.workers.wait_for_complete()
        # No system clipboard tool here: the terminal is asked, and the user is told how to copy by hand.
        assert "マウスで選択" in shown(app, "#settings-copy-result")
        await click_visible(pilot, "#copy-smtp_password")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert no_real_browser_or_clipboard["copy"] == ["smtp.gmail.com", PASSWORD]
        assert PASSWORD not in shown(app, "#settings-copy-result")


def assert_no_file_contains_password(folders: list[Path]) -> None:
    secrets = [PASSWORD, "abcd efgh ijkl mnop", base64.b64encode(PASSWORD.encode()).decode()]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(secret.encode() in data for secret in secrets), path


async def test_after_a_full_run_no_file_holds_the_password(wizard, tmp_path: Path, private_home: Path) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        await pilot.click("#next")
        for _ in range(1, 13):
            await pilot.press("right")
        await paste(pilot, "#app-password", "abcd efgh ijkl mnop")
        await app.workers.wait_for_complete()
        await pilot.click("#next")
        await click_visible(pilot, "#reveal")
        await pilot.click("#next")
        await pilot.press("ctrl+q")
    assert_no_file_contains_password([tmp_path, private_home])
    saved = json.loads((tmp_path / "state" / "progress.json").read_text())
    assert saved["completed"] == list(step_ids())


TYPOS = ["gmial.com", "gmai.com", "gmail.co", "gmail.cm", "gamil.com", "gmail.con", "gmail.co.jp"]
REAL_NEIGHBOURS = ["taro@mail.com", "taro@email.com", "taro@ymail.com", "taro@gmx.com", "sales@example.co.jp"]


async def test_a_mistyped_gmail_domain_is_corrected_with_one_key(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        for domain in TYPOS:
            app.screen.query_one("#address", Input).value = ""
            await paste(pilot, "#address", f"taro@{domain}")
            await pilot.press("enter")
            assert f"「{domain}」は「gmail.com」の入力間違い" in shown(app, "#address-message"), domain
            # The Workspace question waits while the correction is offered.
            assert not app.screen.query_one("#workspace").display
            assert app.screen.focused.id == "use-suggestion"
            await pilot.press("enter")
            assert app.screen.query_one("#address", Input).value == "taro@gmail.com"
            assert shown(app, "#address-message") == "Gmail アドレスです。"
            assert app.screen.focused.id == "display-name"


async def test_real_neighbours_of_gmail_are_not_corrected(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        for address in REAL_NEIGHBOURS:
            app.screen.query_one("#address", Input).value = ""
            await paste(pilot, "#address", address)
            await pilot.press("enter")
            assert not app.screen.query_one("#use-suggestion").display, address
            assert app.screen.query_one("#workspace").display


async def test_enter_never_skips_the_workspace_question(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "sales@example.co.jp")
        await pilot.press("enter")
        assert app.screen.focused.id == "workspace-yes"
        await pilot.press("enter")
        assert app.screen.focused.id == "display-name"
        await pilot.press("enter")
        assert isinstance(app.screen, StepScreen)


async def test_declining_a_correction_still_asks_about_workspace(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "taro@gmial.com")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.query_one("#workspace").display
        assert "Choose whether" in shown(app, "#workspace-message")


async def test_a_non_ascii_address_is_refused_clearly(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "üser@gmail.com")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        assert "半角英数字以外の文字（ü U+00FC）" in shown(app, "#address-message")


REFUSED_NAMES = ["営業部\r\nBcc: x@example.com", "営業部\u2028", "\u202eevil", "a\u2066b", "x\x85y"]


async def test_header_breaking_and_direction_marks_in_the_display_name_are_refused(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        for name in REFUSED_NAMES:
            app.screen.query_one("#display-name", Input).value = name
            await pilot.pause()
            assert "cannot contain" in shown(app, "#display-name-message"), repr(name)
            await pilot.click("#next")
            assert isinstance(app.screen, AccountScreen)


async def test_step_13_keys_work_while_the_password_field_has_focus(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        assert app.screen.focused.id == "app-password"
        footer = {key: binding.binding.description for key, binding in app.screen.active_bindings.items() if binding.binding.show}
        assert footer == {"enter": "Next", "escape": "Back", "f1": "Help", "ctrl+q": "Quit"}
        await pilot.press("h", "left")  # typed into the field, not taken as keys
        assert app.screen.query_one("#app-password", Input).value == "h"
        assert app.screen.query_one("#step-help").collapsed
        await pilot.press("f1")
        assert not app.screen.query_one("#step-help").collapsed
        await pilot.press("escape")
        assert app.screen.step.number == 12


async def test_practice_step_13_shows_the_practice_password_as_google_would(wizard, memory_keyring, no_real_browser_or_clipboard) -> None:
    app = wizard("en", practice=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, 13)
        assert shown(app, "#practice-password-text") == "ecre apra ctic ekey"
        await click_visible(pilot, "#copy-practice-password")
        await app.workers.wait_for_complete()
        assert no_real_browser_or_clipboard["copy"] == ["ecre apra ctic ekey"]
        await paste(pilot, "#app-password", "ecre apra ctic ekey")
        await app.workers.wait_for_complete()
        assert app.app_password == "ecreapracticekey"
        assert "practice mode nothing is stored" in shown(app, "#keyring-message")
    assert memory_keyring.store == {}  # a rehearsal never replaces a real stored password
