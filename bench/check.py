"""The `check` command's overhead against a minimal smtplib script doing the same send.

All run as fresh processes against the same Gmail-like server on 127.0.0.1 (STARTTLS,
AUTH, one message), interleaved, several times; prints medians and ratios. The smtplib
script is run three ways, by what it trusts:
- `smtplib`: the CA file alone (never loads a system store; the old baseline, a floor);
- `smtplib+default`: Python's default store plus the CA file (what `check` trusted before truststore);
- `smtplib+truststore`: the operating system's store through truststore plus the CA file,
  which is what `check` trusts: the like-for-like baseline.

    python bench/check.py [--runs 15]

Wall time is what a user waits; CPU time (user + system, Unix only) is printed beside it,
because `check` reads the certificate store in a thread while it imports and checks the
address: it waits less than it computes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from wizard.mail.practice import PRACTICE_PASSWORD, start_practice_server

SMTPLIB = """
import smtplib, ssl, sys
from email.message import EmailMessage
host, port, ca_file, trust = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if trust == "file":
    context = ssl.create_default_context(cafile=ca_file)
elif trust == "default":
    context = ssl.create_default_context()
    context.load_verify_locations(cafile=ca_file)
else:
    import truststore
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile=ca_file)
message = EmailMessage()
message["From"] = message["To"] = "ecrea.test@gmail.com"
message["Subject"] = "test"
message.set_content("test")
with smtplib.SMTP(host, port, timeout=30) as smtp:
    smtp.starttls(context=context)
    smtp.login("ecrea.test@gmail.com", sys.stdin.read().strip())
    smtp.send_message(message)
"""


# Users' Pythons keep compiled bytecode; some environments (containers, CI) switch that
# off, which would make every run of `check` compile the wizard's modules anew.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: no CPU figures
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(command, input=PRACTICE_PASSWORD, text=True, check=True, capture_output=True, env=ENVIRONMENT)
    return time.perf_counter() - started, children_cpu() - cpu


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
    baselines = {
        name: [sys.executable, "-c", SMTPLIB, server.host, str(server.port), server.ca_file, trust]
        for name, trust in (("smtplib", "file"), ("smtplib+default", "default"), ("smtplib+truststore", "truststore"))
    }
    commands = {**baselines, "check": check}
    for command in commands.values():
        timed(command)  # warm the file cache
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            results[name].append(timed(command))
    medians = {name: statistics.median(wall for wall, _ in runs) for name, runs in results.items()}
    cpu = {name: statistics.median(used for _, used in runs) for name, runs in results.items()}
    for name, median in medians.items():
        print(f"{name:>18}: median {median * 1000:.0f} ms over {args.runs} runs (CPU {cpu[name] * 1000:.0f} ms)")
    print(f"ratio check / smtplib+truststore (same trust): {medians['check'] / medians['smtplib+truststore']:.3f}")
    if cpu["smtplib+truststore"]:
        print(f"CPU ratio check / smtplib+truststore: {cpu['check'] / cpu['smtplib+truststore']:.3f}")
    print(f"ratio check / smtplib (CA file only, the old baseline): {medians['check'] / medians['smtplib']:.3f}")
    print(
        "ratio smtplib+truststore / smtplib+default (the system store through truststore against Python's own): "
        f"{medians['smtplib+truststore'] / medians['smtplib+default']:.3f}"
    )

if __name__ == "__main__":
    main()
