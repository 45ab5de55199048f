"""Start-up time and peak memory: the wizard against a minimal Textual app.

Each run is a fresh Python process that builds its app, runs it headless until the
first screen is ready, then exits. The script alternates wizard and baseline runs
and prints medians, their ratio and peak memory (max RSS) of each; then the wizard's
peak memory once a user has walked to the last step, against the same baseline.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from wizard.core.step_order import step_count

# The baseline: Header, Static, Footer, started the same way as the wizard.
BASELINE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

app = Minimal()
"""

WIZARD = """
from pathlib import Path
from wizard.ui.app import make_app

app = make_app(lang="ja", progress_file=Path({progress!r}))
"""

# A user's way to the last step: the account entered, then Next from step 1 to step 14
# (the app password step looks in the password store on the way). Memory is measured
# once there; the baseline stays the minimal app at its first screen.
WALK_TO_LAST_STEP = """
from wizard.core.step_order import step_count, step_ids
from wizard.ui.places import AtStep


async def walk_then_exit(pilot):
    await pilot.pause()
    pilot.app.set_account("ecrea.test@gmail.com", "山田商店", workspace=False)
    pilot.app.go(AtStep(step_ids()[0]))
    await pilot.pause()
    for _ in range(step_count() - 1):
        # Next's own action: a click is ignored while the button still shows the last one, and
        # the password step's field keeps the arrow keys.
        pilot.app.screen.action_next()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.app.workers.wait_for_complete()
    assert pilot.app.screen.step.id == step_ids()[-1], pilot.app.screen.step.id
    pilot.app.exit()

app.run(headless=True, size=(100, 32), auto_pilot=walk_then_exit)
"""

# Ready means the first screen is composed, mounted and every pending message handled.
RUN_UNTIL_READY = """
async def exit_when_ready(pilot):
    await pilot.pause()
    pilot.app.exit()

app.run(headless=True, size=(100, 32), auto_pilot=exit_when_ready)
"""


# Users' Pythons keep compiled bytecode; some environments (containers, CI) switch that
# off, which would make every run compile the wizard's modules anew.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(code: str, run: str = RUN_UNTIL_READY) -> tuple[float, int]:
    """Seconds from spawning the process to its exit, and its peak RSS in KiB."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code + run], env=ENVIRONMENT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"benchmark process failed with {process.returncode}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wizard_code = WIZARD.format(progress=os.path.join(folder, "progress.json"))
        measure(BASELINE), measure(wizard_code)  # warm the file cache for both
        results: dict[str, list[tuple[float, int]]] = {"baseline": [], "wizard": []}
        for _ in range(args.runs):
            results["baseline"].append(measure(BASELINE))
            results["wizard"].append(measure(wizard_code))
        # Memory only: a few walks are enough, their time is not the start-up's.
        # Each walk a first-time user's: its own progress file (a saved one would resume at the end).
        walks = [
            measure(WIZARD.format(progress=os.path.join(folder, f"walk-{walk}.json")), WALK_TO_LAST_STEP)[1]
            for walk in range(3)
        ]
    times = {name: statistics.median(t for t, _ in runs) for name, runs in results.items()}
    memory = {name: max(m for _, m in runs) for name, runs in results.items()}
    for name in results:
        print(f"{name:>8}: median {times[name] * 1000:.0f} ms, peak RSS {memory[name] / 1024:.1f} MiB")
    print(f"time ratio (wizard / baseline, medians): {times['wizard'] / times['baseline']:.3f}")
    print(f"peak memory ratio: {memory['wizard'] / memory['baseline']:.3f}")
    print(f"wizard at step {step_count()}: peak RSS {max(walks) / 1024:.1f} MiB")
    print(f"peak memory ratio at step {step_count()} (against the baseline at its first screen): "
          f"{max(walks) / memory['baseline']:.3f}")


if __name__ == "__main__":
    main()
