"""The QR code on screen: what the terminal draws, turned back into pixels by its glyphs and
colours, read by a real decoder (zxing-cpp) as the step's exact page, at 80x24 in both themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import LARGE, SMALL, fully_visible, settle, wait_until
from qr_decoding import decode, modules_from_cells
from rich.segment import Segment
from screen_walk import show_step

from wizard.core.qr_code import QrRefused
from wizard.core.step_content import load_steps
from wizard.ui.app import make_app
from wizard.ui.places import AtStep
from wizard.ui.screens.qr_screen import QrScreen
from wizard.ui.widgets.qr_code_view import QrCodeView

GOOGLE_STEPS = [step for step in load_steps() if step.url]


def luminance(color) -> float:
    assert color is not None, "a colour left to the terminal: the code would follow its theme"
    red, green, blue = color.get_truecolor()
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def drawn_cells(app, selector: str) -> list[list[tuple[str, float, float]]]:
    """The widget's cells as the screen draws them: (glyph, foreground luminance, background luminance)."""
    region = app.screen.query_one(selector).region
    rows = []
    for strip in app.screen._compositor.render_strips()[region.y:region.bottom]:
        cells = [(char, style) for text, style, _ in Segment.simplify(strip) for char in text]
        # Left of the code only single-cell characters are drawn (a border, spaces): the index is the column.
        rows.append([(char, luminance(style.color), luminance(style.bgcolor)) for char, style in cells[region.x:region.right]])
    return rows


async def show_qr(pilot, step_id: str) -> None:
    show_step(pilot.app, step_id)
    await settle(pilot)
    await pilot.press("q")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, QrScreen))
    await settle(pilot)


THEMES = ("textual-dark", "textual-light")


def assert_reads(app, step, theme: str) -> None:
    where = (step.id, theme)
    assert fully_visible(app, "#qr-code"), where  # the quiet zone too: it is part of the widget
    assert fully_visible(app, "#qr-close"), where
    assert decode(modules_from_cells(drawn_cells(app, "#qr-code"))) == [step.url], where


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_google_step_shows_a_code_a_phone_reads_at_80x24(tmp_path: Path, lang: str) -> None:
    """In both themes: each code is read in the theme it opened in, then in the other, switched
    while it is shown (one screen for both: each code shown costs a layout and a full render)."""
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SMALL) as pilot:
        for number, step in enumerate(GOOGLE_STEPS):
            first, then = THEMES[number % 2], THEMES[(number + 1) % 2]
            app.theme = first
            await show_qr(pilot, step.id)
            assert_reads(app, step, first)
            app.theme = then
            await settle(pilot)
            assert_reads(app, step, then)
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, QrScreen))


async def test_the_button_opens_it_and_says_the_phone_works_too(tmp_path: Path) -> None:
    app = make_app(lang="en", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=LARGE) as pilot:
        step = GOOGLE_STEPS[-1]
        app.go(AtStep(step.id))
        await settle(pilot)
        await pilot.click("#qr")
        await wait_until(pilot, lambda: isinstance(app.screen, QrScreen))
        await settle(pilot)
        assert "phone" in app.screen.query_one("#qr-phone").text
        assert app.screen.query_one("#qr-url").text == step.url
        assert decode(modules_from_cells(drawn_cells(app, "#qr-code"))) == [step.url]
        await pilot.click("#qr-close")
        await wait_until(pilot, lambda: not isinstance(app.screen, QrScreen))


async def test_steps_without_a_page_offer_no_code(tmp_path: Path) -> None:
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SMALL) as pilot:
        step = next(step for step in load_steps() if not step.url)
        app.go(AtStep(step.id))
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert not isinstance(app.screen, QrScreen)
        assert not app.screen.query_one("#qr").region.height  # its section is hidden


def test_the_view_refuses_anything_but_a_steps_page() -> None:
    with pytest.raises(QrRefused):
        QrCodeView("http://127.0.0.1:8000/#secret")
