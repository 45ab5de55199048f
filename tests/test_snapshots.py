"""Snapshots of the welcome screen and every step screen, in both languages, at 100x32."""

from __future__ import annotations

import pytest

SIZE = (100, 32)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_welcome(snap_compare, wizard, lang: str) -> None:
    assert snap_compare(wizard(lang), terminal_size=SIZE)


@pytest.mark.parametrize("number", range(1, 15))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_step(snap_compare, wizard, lang: str, number: int) -> None:
    async def go_to_step(pilot) -> None:
        pilot.app.show_step(number)
        await pilot.pause()

    assert snap_compare(wizard(lang), terminal_size=SIZE, run_before=go_to_step)


def test_step_with_help_open(snap_compare, wizard) -> None:
    async def open_help(pilot) -> None:
        pilot.app.show_step(11)
        await pilot.pause()
        await pilot.press("h")

    assert snap_compare(wizard("ja"), terminal_size=SIZE, run_before=open_help)


def freeze_cursors(app) -> None:
    for field in app.screen.query("Input"):
        field.cursor_blink = False


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_account(snap_compare, wizard, lang: str) -> None:
    async def fill(pilot) -> None:
        pilot.app.show_account()
        await pilot.pause()
        pilot.app.screen.query_one("#address").value = "sales@example.co.jp"
        pilot.app.screen.query_one("#display-name").value = "Ecreaマニュアル用"
        await pilot.click("#next")
        freeze_cursors(pilot.app)

    assert snap_compare(wizard(lang), terminal_size=SIZE, run_before=fill)


@pytest.mark.parametrize("typed", ["abcd efgh ijkl mnop", "Tanaka2024!"], ids=["valid", "invalid"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_password(snap_compare, wizard, lang: str, typed: str) -> None:
    async def type_password(pilot) -> None:
        pilot.app.progress.email = "ecrea.test@gmail.com"
        pilot.app.show_step(13)
        await pilot.pause()
        await pilot.press(*typed)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        freeze_cursors(pilot.app)

    assert snap_compare(wizard(lang), terminal_size=SIZE, run_before=type_password)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_ecrea_settings(snap_compare, wizard, lang: str) -> None:
    async def show_settings(pilot) -> None:
        pilot.app.progress.email = "ecrea.test@gmail.com"
        pilot.app.progress.display_name = "Ecreaマニュアル用"
        pilot.app.app_password = "abcdefghijklmnop"
        pilot.app.show_step(14)
        await pilot.pause()
        pilot.app.screen.query_one("#ecrea-settings").scroll_visible(animate=False, top=True, immediate=True)
        await pilot.pause()

    assert snap_compare(wizard(lang), terminal_size=SIZE, run_before=show_settings)
