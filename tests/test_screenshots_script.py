"""The script that regenerates screenshots/ produces an SVG of the requested screen."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from helpers import STEP_OF

from wizard.core.step_order import number_of, step_count

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "update_screenshots.py"
SCREENSHOTS = SCRIPT.parent.parent / "screenshots"


def load_script():
    spec = importlib.util.spec_from_file_location("update_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_in_svg(text: str) -> str:
    """Textual's SVG writes every space as a non-breaking one."""
    return text.replace(" ", "&#160;")


def test_the_script_names_every_screenshot_in_the_repository_and_every_step() -> None:
    names = load_script().all_names()
    assert sorted(names) == sorted(path.stem for path in SCREENSHOTS.glob("*.svg"))
    for lang in ("ja", "en"):
        for suffix in ("", "-80x24"):
            steps = [name for name in names if name.startswith("step-") and name.endswith(f"-{lang}{suffix}")]
            assert steps == [f"step-{number:02d}-{lang}{suffix}" for number in range(1, step_count() + 1)]


async def test_capture_writes_an_svg_of_the_screen(tmp_path: Path) -> None:
    number = number_of("app-passwords")
    svg = (await load_script().capture(f"step-{number:02d}-ja", tmp_path)).read_text(encoding="utf-8")
    assert as_in_svg(STEP_OF["ja"].format(number)) in svg


async def test_small_terminal_screenshots_are_80_by_24(tmp_path: Path) -> None:
    svg = (await load_script().capture("welcome-en-80x24", tmp_path)).read_text(encoding="utf-8")
    assert as_in_svg("Start at step 1") in svg


async def test_the_screens_after_the_steps_are_reached_by_a_practice_run(tmp_path: Path) -> None:
    svg = (await load_script().capture("ecrea-test-en-80x24", tmp_path)).read_text(encoding="utf-8")
    assert as_in_svg("A message was sent at") in svg and as_in_svg("through Gmail") not in svg  # practice: no claim
