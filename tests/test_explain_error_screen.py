"""The window for the error Ecrea showed, in Pilot: from the palette and from the Ecrea-send screen,
a paste, the explanation, and the step it names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import SMALL, fully_visible, settle, visible_text, wait_until
from test_explain_error import no_passwords_held  # noqa: F401  (autouse: what other tests held is not hidden here)
from test_walkthrough import palette_results

from wizard.core.step_order import number_of
from wizard.mail.confirm import SentTest
from wizard.mail.practice import PRACTICE_PASSWORD
from wizard.ui.places import EcreaTest
from wizard.ui.screens.ecrea_test_screen import EcreaTestScreen
from wizard.ui.screens.explain_error_screen import ExplainErrorScreen
from wizard.ui.screens.step_screen import StepScreen

ADDRESS = "ecrea.test@gmail.com"
GMAIL_REFUSED = (
    "SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted. For more information, go to\n"
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials d9443c01a7336 - gsmtp\n"
    "SMTP Error: Could not authenticate. pass=abcd efgh ijkl mnop"
)


async def window_open(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ExplainErrorScreen) and app.screen.query("#examine"))
    await settle(pilot)


async def paste_error(pilot, text: str) -> None:
    from textual import events
    from textual.widgets import TextArea

    area = pilot.app.screen.query_one("#error-text", TextArea)
    area.focus()
    # As a terminal delivers a paste: to the screen, which hands it to the focused widget.
    pilot.app.screen.post_message(events.Paste(text))
    await wait_until(pilot, lambda: area.text == text)


async def examine(pilot) -> None:
    # Textual ignores a click on a button still in its 0.2 s "active" effect from the last one.
    button = pilot.app.screen.query_one("#examine")
    await wait_until(pilot, lambda: not button.has_class("-active"))
    await pilot.click("#examine")
    await settle(pilot)


def text_of(app, selector: str) -> str:
    return app.screen.query_one(selector).text


async def test_the_palette_opens_it_in_japanese_and_it_leads_to_the_step_it_names(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        assert (await palette_results(pilot, "エラー"))[0] == "Ecrea に表示されたエラーを調べる"
        await pilot.press("enter")
        await window_open(pilot)
        assert app.screen.focused.id == "error-text"
        await paste_error(pilot, GMAIL_REFUSED)
        await examine(pilot)
        assert text_of(app, "#explain-title") == "アドレスかアプリ パスワードが受け付けられませんでした"
        assert "「SMTPパスワード」" in text_of(app, "#explain-action")
        assert "読み取った箇所: 535 5.7.8 Username and Password not accepted." in text_of(app, "#explain-evidence")
        # The paste is scrubbed in place, not only in the answer.
        area_text = app.screen.query_one("#error-text").text
        assert "abcd efgh ijkl mnop" not in area_text and "[redacted]" in area_text
        assert "abcd" not in visible_text(app)
        step = number_of("app-passwords")
        assert str(app.screen.query_one("#go-to-step").label) == f"ステップ {step} へ"
        # At 80x24 the answer's first line and its buttons are in view.
        assert fully_visible(app, "#explain-title") and fully_visible(app, "#go-to-step")
        await pilot.click("#go-to-step")
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))
        await settle(pilot)
        assert app.screen.step.id == "app-passwords"
        assert not any(isinstance(screen, ExplainErrorScreen) for screen in app.screen_stack)


async def test_the_ecrea_send_screen_has_a_button_for_it_in_english(wizard) -> None:
    app = wizard("en", practice=True)
    async with app.run_test(size=SMALL) as pilot:
        app.session.progress.email = ADDRESS
        app.session.sent_test = SentTest(ADDRESS, ADDRESS, "K7PQ2M", datetime(2026, 12, 1, tzinfo=UTC), PRACTICE_PASSWORD)
        app.go(EcreaTest())
        await wait_until(pilot, lambda: isinstance(app.screen, EcreaTestScreen))
        await settle(pilot)
        ecrea_screen = app.screen
        assert str(ecrea_screen.query_one("#explain-error").label) == "Look up the error Ecrea showed"
        assert fully_visible(app, "#explain-error")
        await pilot.click("#explain-error")
        await window_open(pilot)
        await paste_error(pilot, "SMTP ERROR: Failed to connect to server: Connection timed out (110)\nSMTP connect() failed.")
        await examine(pilot)
        assert text_of(app, "#explain-title") == "The connection timed out"
        action = text_of(app, "#explain-action")
        assert "smtp.gmail.com" in action and "587" in action and "antivirus" not in action
        assert str(app.screen.query_one("#go-to-step").label) == f"Go to step {number_of('paste-into-ecrea')}"
        # Closing goes back to the screen it was opened from.
        await pilot.click("#close")
        await wait_until(pilot, lambda: app.screen is ecrea_screen)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_unrecognised_and_empty_text_say_so_and_offer_no_step(wizard, lang: str) -> None:
    app = wizard(lang)
    async with app.run_test(size=SMALL) as pilot:
        app.show_explain_error()
        await window_open(pilot)
        await examine(pilot)
        assert text_of(app, "#explain-title") == app.texts("explain.nothing_pasted")
        await paste_error(pilot, "Something went wrong.")
        await examine(pilot)
        assert text_of(app, "#explain-title") == app.texts("explain.unrecognised_title")
        assert "ecrea-gmail-setup status" in text_of(app, "#explain-action")
        assert not app.screen.query_one("#go-to-step").display
        # Escape from the text area closes the window.
        app.screen.query_one("#error-text").focus()
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExplainErrorScreen))


async def test_a_text_past_the_limit_is_refused_in_words(wizard) -> None:
    from wizard.mail.explain_error import MAX_TEXT

    app = wizard("en")
    async with app.run_test(size=SMALL) as pilot:
        app.show_explain_error()
        app.show_explain_error()  # a second call opens no second window
        await window_open(pilot)
        assert sum(isinstance(screen, ExplainErrorScreen) for screen in app.screen_stack) == 1
        app.screen.query_one("#error-text").text = "x" * (MAX_TEXT + 1)
        await examine(pilot)
        assert text_of(app, "#explain-title") == app.texts("explain.too_long", limit=MAX_TEXT)


async def test_a_sign_in_google_blocked_offers_gmail_in_the_browser(wizard, no_real_browser_or_clipboard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        app.show_explain_error()
        await window_open(pilot)
        await paste_error(pilot, "534-5.7.14 Please log in via your web browser and then try again.\n"
                                 "534 5.7.14  https://support.google.com/mail/answer/78754 - gsmtp")
        await examine(pilot)
        assert text_of(app, "#explain-title") == app.texts("diagnosis.web_login.title")
        assert not app.screen.query_one("#go-to-step").display
        await pilot.click("#open-gmail")
        await wait_until(pilot, lambda: no_real_browser_or_clipboard["open_url"])
        assert no_real_browser_or_clipboard["open_url"] == ["https://mail.google.com/"]
        # Another paste: the offer goes with the answer it belonged to.
        app.screen.query_one("#error-text").text = "Connection refused"
        await examine(pilot)
        assert not app.screen.query_one("#open-gmail").display and app.screen.query_one("#go-to-step").display
