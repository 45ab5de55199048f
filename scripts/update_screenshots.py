"""Regenerate the SVG screenshots in screenshots/ from the app itself.

    python scripts/update_screenshots.py            # every screen, both languages, 100x32 and 80x24
    python scripts/update_screenshots.py welcome-ja step-11-en-80x24

A name is SCREEN-LANG, with -80x24 for the small-terminal version. It uses a
throwaway progress file, so your own saved progress is left alone.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from wizard.core.step_order import step_count
from wizard.ui.app import make_app

SIZES = {"": (100, 32), "-80x24": (80, 24)}
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def all_names() -> list[str]:
    names = []
    for suffix in SIZES:
        for lang in ("ja", "en"):
            names += [f"welcome-{lang}{suffix}", f"account-{lang}{suffix}"]
            names += [f"step-{number:02d}-{lang}{suffix}" for number in range(1, step_count() + 1)]
    return names


async def capture(name: str, folder: Path) -> Path:
    size = SIZES["-80x24"] if name.endswith("-80x24") else SIZES[""]
    screen, _, lang = name.removesuffix("-80x24").rpartition("-")
    with tempfile.TemporaryDirectory() as state:
        app = make_app(lang=lang, progress_file=Path(state) / "progress.json")
        # Example account details, so the settings screen shows real values.
        app.progress.email = "ecrea.test@gmail.com"
        app.progress.display_name = "山田商店"
        async with app.run_test(size=size) as pilot:
            if screen == "account":
                app.show_account()
            elif screen.startswith("step-"):
                app.show_step(int(screen.removeprefix("step-")))
            await pilot.pause()
            for field in app.screen.query("Input"):
                field.cursor_blink = False
            return Path(app.save_screenshot(f"{name}.svg", str(folder)))


async def main(names: list[str]) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for name in names or all_names():
        print(await capture(name, SCREENSHOTS))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
