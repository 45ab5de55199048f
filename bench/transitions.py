"""How long Next takes: the wizard's step screen against a minimal Textual app, measured alike.

The baseline is the cheapest way to change what a Textual app shows on a key: a new
Screen holding a title, a paragraph of text like a step's and a Footer, swapped in. Both are run headless in this
process at 100x32; each transition is timed from the key press until the app is idle
again (Pilot's own measure), alternating between the two apps. Prints the spread of
each (min / median / max) and the ratios of the medians and of the minimums.

    python bench/transitions.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

SIZE = (100, 32)
PARAGRAPH = (
    "右上のプロフィール写真（またはイニシャル）をクリックし、「Google アカウントを管理」を選びます。"
    "開いたページの左側（スマートフォンでは上部）のメニューから「セキュリティ」を開いてください。"
    "見つからないときは、ページ上部の検索欄に「セキュリティ」と入力しても開けます。"
    "The security page lists how you sign in to Google: 2-Step Verification, passkeys and app passwords."
)


class Page(Screen[None]):
    BINDINGS = [("right", "next", "Next")]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        # A step's share of text: a title and a paragraph, wrapped, as on a step screen.
        yield Static(f"Page {self.number}: open the security page")
        yield Static(PARAGRAPH)
        yield Footer()

    def action_next(self) -> None:
        self.app.switch_screen(Page(self.number + 1))


class Minimal(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Page(1))


async def time_nexts(app: App, before, count: int) -> list[float]:
    """Seconds for each of `count` presses of → after `before(pilot)`."""
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await before(pilot)
        await pilot.pause()
        for _ in range(count):
            started = time.perf_counter()
            await pilot.press("right")
            await pilot.pause()
            times.append(time.perf_counter() - started)
    return times


async def measure(rounds: int) -> dict[str, list[float]]:
    from wizard.core.step_order import step_ids
    from wizard.ui.app import make_app
    from wizard.ui.places import AtStep

    async def to_step_1(pilot) -> None:
        pilot.app.go(AtStep(step_ids()[0]))

    async def nothing(pilot) -> None:
        pass

    results: dict[str, list[float]] = {"baseline": [], "wizard": []}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(rounds):
            results["baseline"] += await time_nexts(Minimal(), nothing, 11)
            wizard = make_app(lang="ja", progress_file=Path(folder) / f"progress-{round_number}.json")
            # Step 1 to step 12: the steps people click through (13 and 14 have forms).
            results["wizard"] += await time_nexts(wizard, to_step_1, 11)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results = asyncio.run(measure(args.rounds))
    medians = {name: statistics.median(times) for name, times in results.items()}
    for name, times in results.items():
        print(
            f"{name:>8}: min {min(times) * 1000:.0f} / median {medians[name] * 1000:.0f} / "
            f"max {max(times) * 1000:.0f} ms over {len(times)} transitions"
        )
    print(f"ratio (wizard / baseline, medians): {medians['wizard'] / medians['baseline']:.2f}")
    print(f"ratio (wizard / baseline, minimums): {min(results['wizard']) / min(results['baseline']):.2f}")


if __name__ == "__main__":
    main()
