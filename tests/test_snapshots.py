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
