"""The test suite's own time: wall time, CPU time and how busy the cores were, per run.

Runs the README's pytest (the options in pyproject.toml) from the repository's root, as
many times as asked, optionally beside CPU-bound "burner" processes that stand for a busy
machine, and prints per run: pytest's own reported time, the process's wall time, the CPU
the run used (its own and every process it waited for: workers and their subprocesses, but
not Chromium's renderers, which its zygote starts), the whole machine's CPU over the run
(the suite's own on an otherwise quiet machine, Chromium included; burners add theirs), the
share of the cores that was busy, the load average before it started, and a calibration: a
fixed pure-Python loop timed just before the run, with pytest's time in units of it.

    python bench/suite.py [--runs 3] [--burners 2] [-- extra pytest arguments]

The suite's target is under 60 s of pytest's time on 2 cores with the machine otherwise quiet,
and three consecutive passing runs beside two burners.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BURNER = "while True: pass"


def busy_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies over all cores since boot, from /proc/stat (Linux)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def calibration() -> float:
    """CPU seconds of a fixed pure-Python loop, best of three: how fast this machine is just now.

    A shared machine's speed drifts (by a fifth within minutes here); the suite's time divided
    by this one compares runs made at different moments."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        total = 0
        for number in range(5_000_000):
            total += number
        best = min(best, time.process_time() - started)
    return best


def run_once(extra: list[str], log: Path) -> dict[str, float | str]:
    speed = calibration()
    load = os.getloadavg()[0]
    before_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_busy = busy_jiffies()
    start = time.perf_counter()
    with log.open("w") as output:
        code = subprocess.call(
            [sys.executable, "-m", "pytest", *extra], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    wall = time.perf_counter() - start
    after_busy = busy_jiffies()
    after_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after_cpu.ru_utime - before_cpu.ru_utime) + (after_cpu.ru_stime - before_cpu.ru_stime)
    busy = (after_busy[0] - before_busy[0]) / max(1, after_busy[1] - before_busy[1])
    machine_cpu = (after_busy[0] - before_busy[0]) / os.sysconf("SC_CLK_TCK")
    text = log.read_text(errors="replace")
    summary = re.findall(r"^=*\s*(\d+ (?:passed|failed).*?) in ([\d.]+)s", text, re.MULTILINE)
    result, reported = (summary[-1][0], float(summary[-1][1])) if summary else (f"exit {code}, no summary", wall)
    return {"code": code, "result": result, "pytest": reported, "wall": wall, "cpu": cpu, "machine_cpu": machine_cpu,
            "busy": busy, "load": load, "calibration": speed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--burners", type=int, default=0, help="CPU-bound processes running beside the suite")
    parser.add_argument("extra", nargs="*", help="passed on to pytest (after --)")
    arguments = parser.parse_args()
    burners = [subprocess.Popen([sys.executable, "-c", BURNER]) for _ in range(arguments.burners)]
    failed = 0
    try:
        with tempfile.TemporaryDirectory(prefix="suite-bench-") as folder:
            for number in range(1, arguments.runs + 1):
                log = Path(folder) / f"run-{number}.log"
                run = run_once(arguments.extra, log)
                print(
                    f"run {number}: {run['result']}: pytest {run['pytest']:.1f} s, wall {run['wall']:.1f} s, "
                    f"CPU {run['cpu']:.1f} s (machine {run['machine_cpu']:.1f} s), cores busy {run['busy']:.0%}, "
                    f"load before {run['load']:.1f}; calibration loop {run['calibration'] * 1000:.0f} ms, "
                    f"pytest = {run['pytest'] / run['calibration']:.0f} loops"
                    f"{', burners ' + str(arguments.burners) if arguments.burners else ''}",
                    flush=True,
                )
                if run["code"] != 0:
                    failed += 1
                    kept = Path(tempfile.gettempdir()) / f"suite-bench-failed-{os.getpid()}-{number}.log"
                    kept.write_text(log.read_text(errors="replace"))
                    print(f"  the run failed; its output: {kept}", flush=True)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
