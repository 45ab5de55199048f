"""The `check` command's overhead against a minimal smtplib script doing the same send.

Both run as fresh processes against the same Gmail-like server on 127.0.0.1
(STARTTLS, AUTH, one message), alternating, several times; prints medians and the ratio.

    python bench/check.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from wizard.mail.practice import PRACTICE_PASSWORD, start_practice_server

SMTPLIB = """
import smtplib, ssl, sys
from email.message import EmailMessage
host, port, ca_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
message = EmailMessage()
message["From"] = message["To"] = "ecrea.test@gmail.com"
message["Subject"] = "test"
message.set_content("test")
with smtplib.SMTP(host, port, timeout=30) as smtp:
    smtp.starttls(context=ssl.create_default_context(cafile=ca_file))
    smtp.login("ecrea.test@gmail.com", sys.stdin.read().strip())
    smtp.send_message(message)
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, input=PRACTICE_PASSWORD, text=True, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # The practice server: Gmail-like, STARTTLS with a throwaway CA, on 127.0.0.1.
    server = start_practice_server()
    check = [
        str(Path(sys.executable).with_name("ecrea-gmail-setup")), "check", "--email", "ecrea.test@gmail.com",
        "--password-stdin", "--smtp-host", server.host, "--smtp-port", str(server.port), "--ca-file", server.ca_file,
        "--lang", "en",
    ]
    baseline = [sys.executable, "-c", SMTPLIB, server.host, str(server.port), server.ca_file]
    timed(check), timed(baseline)  # warm the file cache
    results: dict[str, list[float]] = {"smtplib": [], "check": []}
    for _ in range(args.runs):
        results["smtplib"].append(timed(baseline))
        results["check"].append(timed(check))
    medians = {name: statistics.median(times) for name, times in results.items()}
    for name, median in medians.items():
        print(f"{name:>8}: median {median * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio (check / smtplib, medians): {medians['check'] / medians['smtplib']:.3f}")


if __name__ == "__main__":
    main()
