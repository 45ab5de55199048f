"""The script that regenerates screenshots/ produces an SVG of the requested screen."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "update_screenshots.py"


async def test_capture_writes_an_svg_of_the_screen(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("update_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert len(module.all_names()) == 80
    svg = (await module.capture("step-11-ja", tmp_path)).read_text(encoding="utf-8")
    assert "ステップ&#160;11&#160;/&#160;14" in svg or "ステップ 11 / 14" in svg


async def test_small_terminal_screenshots_are_80_by_24(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("update_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    svg = (await module.capture("welcome-en-80x24", tmp_path)).read_text(encoding="utf-8")
    assert "Start&#160;at&#160;step&#160;1" in svg or "Start at step 1" in svg


async def test_the_screens_after_the_steps_are_reached_by_a_practice_run(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("update_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    svg = (await module.capture("ecrea-test-en-80x24", tmp_path)).read_text(encoding="utf-8").replace("&#160;", " ")
    assert "Ecrea sent mail through Gmail at" in svg
