"""Pilot tests for the account screen, the app password step and Ecrea's settings (the last step).

Each test is one session that goes through what a user does on that screen, in order.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
from helpers import LARGE as SIZE
from helpers import after_the_press, paste, settle, shown, wait_until
from keyring.backends import fail
from textual.widgets import Input

from wizard.core.credentials import KEYRING_SERVICE
from wizard.core.step_order import number_of, step_ids
from wizard.ui.places import AtStep
from wizard.ui.screens.account_screen import AccountScreen
from wizard.ui.screens.send_screen import SendScreen
from wizard.ui.screens.step_screen import StepScreen

PASSWORD = "abcdefghijklmnop"
MASK = "**** **** **** ****"
TYPOS = ["gmial.com", "gmai.com", "gmail.co", "gmail.cm", "gamil.com", "gmail.con", "gmail.co.jp"]
REAL_NEIGHBOURS = ["taro@mail.com", "taro@email.com", "taro@ymail.com", "taro@gmx.com", "sales@example.co.jp"]
REFUSED_NAMES = ["営業部\x07", "営業部\r\nBcc: x@example.com", "営業部\u2028", "\u202eevil", "a\u2066b", "x\x85y"]



async def click_visible(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(selector)


async def open_account(pilot) -> None:
    await pilot.click("#start")
    assert isinstance(pilot.app.screen, AccountScreen)


async def go_to_step(pilot, number: int, address: str = "ecrea.test@gmail.com") -> None:
    """As if the account screen was filled in (it has tests of its own)."""
    pilot.app.session.progress.email = address
    pilot.app.go(AtStep(step_ids()[number - 1]))
    await settle(pilot)


def assert_no_file_contains_password(folders: list[Path]) -> None:
    secrets = [PASSWORD, "abcd efgh ijkl mnop", base64.b64encode(PASSWORD.encode()).decode()]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(secret.encode() in data for secret in secrets), path


async def test_the_account_screen_refuses_what_would_fail_later_and_saves_what_works(wizard, progress_file: Path) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        # No "@": explained, and what was typed is kept.
        await pilot.press(*"ecrea.test")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        assert "「@」がありません" in shown(app, "#address-message")
        assert app.screen.query_one("#address", Input).value == "ecrea.test"
        assert app.screen.focused.id == "address"
        # Gmail addresses are ASCII.
        app.screen.query_one("#address", Input).value = ""
        await paste(pilot, "#address", "üser@gmail.com")
        await pilot.click("#next")
        assert "半角英数字以外の文字（ü U+00FC）" in shown(app, "#address-message")
        # A Gmail address: no Workspace question.
        app.screen.query_one("#address", Input).value = ""
        await paste(pilot, "#address", "someone@googlemail.com")
        await pilot.press("tab")
        assert shown(app, "#address-message") == "Gmail アドレスです。"
        assert not app.screen.query_one("#workspace").display
        # Display names that would break a header or disguise themselves.
        for name in REFUSED_NAMES:
            app.screen.query_one("#display-name", Input).value = name
            await pilot.pause()
            assert "送信元表示名に改行" in shown(app, "#display-name-message"), repr(name)
            await pilot.click("#next")
            assert isinstance(app.screen, AccountScreen)
            assert app.screen.query_one("#display-name", Input).value == name
        # Typed as a user types it, then saved.
        app.screen.query_one("#address", Input).value = ""
        app.screen.query_one("#address").focus()
        await pilot.press(*"ecrea.test@gmail.com")
        await pilot.press("tab")
        app.screen.query_one("#display-name", Input).value = ""
        await paste(pilot, "#display-name", "山田商店")
        await after_the_press(pilot)  # Next was pressed for the last refused name: it ignores a click for 0.2 s
        await pilot.click("#next")
        assert isinstance(app.screen, StepScreen) and app.screen.step.number == 1
    saved = json.loads(progress_file.read_text(encoding="utf-8"))
    assert (saved["email"], saved["display_name"]) == ("ecrea.test@gmail.com", "山田商店")


async def test_the_workspace_question_is_never_skipped(wizard, progress_file: Path) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        # A typo correction declined: the typed domain is meant, so ask about Workspace.
        await paste(pilot, "#address", "taro@gmial.com")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.query_one("#workspace").display
        assert "Choose whether" in shown(app, "#workspace-message")
        # Another domain: Enter goes to the question, never past it.
        app.screen.query_one("#address", Input).value = ""
        await paste(pilot, "#address", "sales@example.co.jp")
        await pilot.press("enter")
        assert app.screen.focused.id == "workspace-yes"
        assert "example.co.jp" in shown(app, "#workspace-question")
        await pilot.click("#workspace-no")
        assert "for Google accounts" in shown(app, "#workspace-message")
        await pilot.click("#next")
        assert isinstance(app.screen, AccountScreen)
        app.screen.query_one("#workspace-yes").focus()
        await pilot.press("enter")
        assert "administrator's settings may prevent creating app passwords" in shown(app, "#workspace-message")
        assert app.screen.focused.id == "display-name"
        await pilot.press("enter")
        assert isinstance(app.screen, StepScreen)
    assert json.loads(progress_file.read_text())["workspace"] is True


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
            # Textual ignores a second press of a button within its 0.2 s "active" effect.
            await wait_until(pilot, lambda: not app.screen.focused.has_class("-active"))
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen.query_one("#address", Input).value == "taro@gmail.com")
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


async def test_the_password_field_explains_each_paste_and_stores_a_good_one(wizard, memory_keyring) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, number_of("copy-app-password"))
        field = app.screen.query_one("#app-password", Input)
        assert app.screen.focused is field
        # The keys while the field has the focus: shown as such, and letters go into the field.
        footer = {key: binding.binding.description for key, binding in app.screen.active_bindings.items() if binding.binding.show}
        assert footer == {"enter": "Next", "escape": "Back", "f1": "Help", "ctrl+q": "Quit"}
        await pilot.press("h", "left")
        assert field.value == "h"
        assert app.screen.query_one("#step-help").collapsed
        await pilot.press("f1")
        assert not app.screen.query_one("#step-help").collapsed
        # What people type or paste, each explained.
        field.value = ""
        await pilot.press(*"abcd")
        assert shown(app, "#password-message") == "4 of 16 letters so far. Spaces are not counted."
        for typed, expected in (("G-123456", "SMS code"), ("Tanaka2024!", "Google account password")):
            field.value = ""
            await paste(pilot, "#app-password", typed)
            assert expected in shown(app, "#password-message")
        assert memory_keyring.store == {}
        field.value = ""
        await paste(pilot, "#app-password", "\x1b[200~abcd efgh ijkl mnop\x1b[201~\x1b]52;c;eA==\x07")
        assert field.value == "abcd efgh ijkl mnop"  # no escape sequence echoed
        # Masked until shown.
        assert field.password
        await pilot.click("#toggle-password")
        assert not field.password and str(app.screen.query_one("#toggle-password").label) == "Hide"
        await after_the_press(pilot)  # a button ignores clicks while it shows the last one
        await pilot.click("#toggle-password")
        assert field.password
        # A good paste, with the newlines a copy brings: checked, stored, and Enter moves on.
        field.value = ""
        await paste(pilot, "#app-password", "\nabcd efgh ijkl mnop \n")
        assert "well-formed" in shown(app, "#password-message")
        await wait_until(pilot, lambda: "Stored in the system's password store" in shown(app, "#keyring-message"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.step.number == number_of("paste-into-ecrea")
        await pilot.press("left")
        await settle(pilot)
        app.screen.query_one("#app-password").focus()
        await pilot.press("escape")  # Esc from the field: back a step
        await settle(pilot)
        assert app.screen.step.number == number_of("create-app-password")
    assert memory_keyring.store == {(KEYRING_SERVICE, "ecrea.test@gmail.com"): PASSWORD}


async def test_without_a_keyring_the_wizard_says_so_and_carries_on(wizard, tmp_path: Path, private_home: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, number_of("copy-app-password"))
        await paste(pilot, "#app-password", "abcd efgh ijkl mnop")
        await wait_until(pilot, lambda: "見つからない" in shown(app, "#keyring-message"))
        await pilot.click("#next")
        await settle(pilot)
        assert app.screen.step.number == number_of("paste-into-ecrea")
        assert "abcd efgh ijkl mnop" not in str(app.screen.query_one("#value-smtp_password").render())
    assert_no_file_contains_password([tmp_path, private_home])


async def test_a_stored_password_is_found_again_but_not_shown(wizard, memory_keyring) -> None:
    # As a run that got to the password step and stored the paste leaves things.
    memory_keyring.set_password(KEYRING_SERVICE, "ecrea.test@gmail.com", PASSWORD)
    app = wizard("en")
    app.session.progress.visit("copy-app-password")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, number_of("copy-app-password"))
        await wait_until(pilot, lambda: "already in the password store" in shown(app, "#keyring-message"))
        assert app.screen.query_one("#app-password", Input).value == ""
        await pilot.click("#next")
        await settle(pilot)
        assert str(app.screen.query_one("#value-smtp_password").render()) == MASK
        await click_visible(pilot, "#reveal")
        assert str(app.screen.query_one("#value-smtp_password").render()) == "abcd efgh ijkl mnop"


async def test_the_first_visit_to_step_13_leaves_the_password_store_alone_until_a_paste(wizard, memory_keyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, "ecrea.test@gmail.com", PASSWORD)  # not by this progress
    looked = []
    memory_keyring.get_password = lambda *args: looked.append(args)
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, number_of("copy-app-password"))
        assert looked == [] and shown(app, "#keyring-message") == ""
        await paste(pilot, "#app-password", PASSWORD)
        await wait_until(pilot, lambda: "Stored in" in shown(app, "#keyring-message"))
        assert memory_keyring.store[(KEYRING_SERVICE, "ecrea.test@gmail.com")] == PASSWORD


async def test_step_13_without_an_address_offers_the_account_screen(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        app.go(AtStep("copy-app-password"))
        await settle(pilot)
        assert "先に Gmail アドレス" in shown(app, "#keyring-message")
        await click_visible(pilot, "#enter-account")
        assert isinstance(app.screen, AccountScreen)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        await pilot.click("#next")
        await settle(pilot)
        assert app.screen.step.number == number_of("copy-app-password")


async def test_a_full_run_shows_ecreas_values_copies_them_and_leaves_no_password_in_a_file(
    wizard, tmp_path: Path, private_home: Path, no_real_browser_or_clipboard, memory_keyring
) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_account(pilot)
        await paste(pilot, "#address", "ecrea.test@gmail.com")
        await paste(pilot, "#display-name", "山田商店")
        await pilot.click("#next")
        for _ in range(number_of("copy-app-password") - 1):
            await pilot.press("right")
        await settle(pilot)
        await paste(pilot, "#app-password", "abcd efgh ijkl mnop")
        await settle(pilot)
        await pilot.click("#next")
        await settle(pilot)
        screen = app.screen
        value = lambda key: str(screen.query_one(f"#value-{key}").render())  # noqa: E731
        assert value("sender_address") == value("smtp_user") == "ecrea.test@gmail.com"
        assert value("display_name") == "山田商店"
        assert value("smtp_host") == "smtp.gmail.com"
        assert value("smtp_port") == "587"
        assert value("smtp_auth") == "チェックを入れる"
        assert value("pop_before_smtp") == "チェックを外す"
        assert value("pop_host") == "空欄のまま"
        assert value("tls") == "チェックを入れる（ポート 587 では STARTTLS を使います）"
        assert value("local_hostname") == "空欄のまま"
        assert value("send_interval") == "10000 ミリ秒"
        assert value("smtp_password") == MASK
        assert "「設定」" in shown(app, "#settings-finish")
        await click_visible(pilot, "#copy-smtp_host")
        await settle(pilot)
        # No system clipboard tool here: the terminal is asked, and the user is told how to copy by hand.
        assert "マウスで選択" in shown(app, "#settings-copy-result")
        await click_visible(pilot, "#copy-smtp_password")
        await settle(pilot)
        assert no_real_browser_or_clipboard["copy"] == ["smtp.gmail.com", PASSWORD]  # without spaces
        assert PASSWORD not in shown(app, "#settings-copy-result")
        await click_visible(pilot, "#reveal")
        assert value("smtp_password") == "abcd efgh ijkl mnop"
        # The same Next took step 13's click: it ignores another for 0.2 s (its "-active" look),
        # which the clicks on this step may take less than.
        await after_the_press(pilot)
        await click_visible(pilot, "#next")
        assert isinstance(app.screen, SendScreen)
        await pilot.press("ctrl+q")
    assert_no_file_contains_password([tmp_path, private_home])
    saved = json.loads((tmp_path / "state" / "progress.json").read_text())
    assert saved["completed"] == list(step_ids())


async def test_practice_step_13_shows_the_practice_password_as_google_would(wizard, memory_keyring, no_real_browser_or_clipboard) -> None:
    app = wizard("en", practice=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to_step(pilot, number_of("copy-app-password"))
        assert shown(app, "#practice-password-text") == "ecre apra ctic ekey"
        await click_visible(pilot, "#copy-practice-password")
        await settle(pilot)
        assert no_real_browser_or_clipboard["copy"] == ["ecre apra ctic ekey"]
        await paste(pilot, "#app-password", "ecre apra ctic ekey")
        await settle(pilot)
        assert app.session.password.reveal() == "ecreapracticekey"
        assert "practice mode nothing is stored" in shown(app, "#keyring-message")
    assert memory_keyring.store == {}  # a rehearsal never replaces a real stored password
