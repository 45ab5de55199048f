"""Regenerate the SVG screenshots in screenshots/ from the app itself.

    python scripts/update_screenshots.py            # every screen, both languages
    python scripts/update_screenshots.py welcome-ja step-11-en

It uses a throwaway progress file, so your own saved progress is left alone.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from wizard.ui.app import make_app
from wizard.core.step_content import STEP_COUNT

SIZE = (100, 32)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def all_names() -> list[str]:
    names = []
    for lang in ("ja", "en"):
        names += [f"welcome-{lang}", f"account-{lang}"]
        names += [f"step-{number:02d}-{lang}" for number in range(1, STEP_COUNT + 1)]
    return names


async def capture(name: str, folder: Path) -> Path:
    screen, _, lang = name.rpartition("-")
    with tempfile.TemporaryDirectory() as state:
        app = make_app(lang=lang, progress_file=Path(state) / "progress.json")
        # Example account details, so the settings screen shows real values.
        app.progress.email = "ecrea.test@gmail.com"
        app.progress.display_name = "Ecreaマニュアル用"
        async with app.run_test(size=SIZE) as pilot:
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
