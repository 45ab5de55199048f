"""Regenerate the SVG screenshots in screenshots/ from the app itself.

    python scripts/update_screenshots.py            # every screen, both languages, 100x32 and 80x24
    python scripts/update_screenshots.py welcome-ja step-11-en-80x24

A name is SCREEN-LANG, with -80x24 for the small-terminal version. It uses a
throwaway progress file, so your own saved progress is left alone. The screens after
step 14 (test send, arrival, Ecrea's test, ending) are reached as a user reaches
them, in practice mode: real sends to the practice server, real looks into its mailbox.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from wizard.core.step_order import step_count, step_ids
from wizard.mail.practice import PRACTICE_PASSWORD
from wizard.ui.app import make_app
from wizard.ui.places import Account, AtStep, Send

SIZES = {"": (100, 32), "-80x24": (80, 24)}
AFTER_THE_STEPS = ("test-send", "arrival", "ecrea-test", "ending")
QR_STEP = "two-step-verification"
EXPLAIN_EXAMPLE = (
    "SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted.\n"
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp\n"
    "SMTP Error: Could not authenticate."
)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def all_names() -> list[str]:
    names = []
    for suffix in SIZES:
        for lang in ("ja", "en"):
            names += [f"welcome-{lang}{suffix}", f"account-{lang}{suffix}"]
            names += [f"step-{number:02d}-{lang}{suffix}" for number in range(1, step_count() + 1)]
            names += [f"{screen}-{lang}{suffix}" for screen in AFTER_THE_STEPS]
            names.append(f"qr-code-{lang}{suffix}")
            names.append(f"explain-error-{lang}{suffix}")
    return names


async def until(pilot, condition) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise TimeoutError("the screen never got there")


async def practice_run(pilot, screen: str) -> None:
    """Send, look, watch and finish, stopping at `screen` with its answer on it."""
    app = pilot.app
    app.go(Send())
    await pilot.pause()
    await pilot.click("#start")
    await until(pilot, lambda: app.screen.query_one("#result").display)
    for stop in ("arrival", "ecrea-test"):
        if screen == "test-send":
            return
        await pilot.press("enter")  # the focused "Next"
        await pilot.pause()
        await pilot.click("#look")  # "Look" on the first, "Start watching" on the second
        if stop == "ecrea-test":
            await until(pilot, lambda: app.screen.query_one("#simulate").display)
            await pilot.click("#simulate")
        await until(pilot, lambda: app.screen.query_one("#result").display)
        await pilot.pause()
        if screen == stop:
            return
    await pilot.press("enter")
    await pilot.pause()


async def explain_example(pilot) -> None:
    """The window for the error Ecrea showed, with a typical error pasted and explained."""
    app = pilot.app
    app.show_explain_error()
    await until(pilot, lambda: bool(app.screen.query("#examine")))
    app.screen.query_one("#error-text").text = EXPLAIN_EXAMPLE
    await pilot.click("#examine")
    await until(pilot, lambda: app.screen.query_one("#go-to-step").display)


async def capture(name: str, folder: Path) -> Path:
    size = SIZES["-80x24"] if name.endswith("-80x24") else SIZES[""]
    screen, _, lang = name.removesuffix("-80x24").rpartition("-")
    practice = screen in AFTER_THE_STEPS
    with tempfile.TemporaryDirectory() as state:
        app = make_app(lang=lang, progress_file=Path(state) / "progress.json", practice=practice)
        # Example account details, so the settings screen shows real values.
        app.session.progress.email = "ecrea.test@gmail.com"
        app.session.progress.display_name = "山田商店"
        if practice:
            app.session.set_password(PRACTICE_PASSWORD)
        async with app.run_test(size=size) as pilot:
            if screen == "account":
                app.go(Account(step_ids()[0]))
            elif screen.startswith("step-"):
                app.go(AtStep(step_ids()[int(screen.removeprefix("step-")) - 1]))
            elif screen == "qr-code":
                # The largest code: the 2-Step Verification page, as the phone reads it.
                app.go(AtStep(QR_STEP))
                await pilot.pause()
                await pilot.press("q")
                await until(pilot, lambda: app.screen.query("#qr-code"))
            elif practice:
                await practice_run(pilot, screen)
            elif screen == "explain-error":
                await explain_example(pilot)
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
