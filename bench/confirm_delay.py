"""How soon a delivered message is noticed, in the Inbox and in Spam: IDLE against looking again every few seconds.

Runs a Dovecot on a loopback port (as the tests do; needs dovecot-imapd), then for
each round starts `confirm_arrival`, files the test message in the Inbox or in Spam
at a random moment, and measures from that moment until the message is found.
Both ways and both folders run alternately in the same process. Prints, for each way,
the Inbox and Spam delays side by side (median and worst) and Spam's median over the
Inbox's: with IDLE on both folders it should stay within 1.2x.

    python bench/confirm_delay.py [--rounds 8]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import trustme
from dovecot_fixtures import Dovecot, MailAccount, find_dovecot

from wizard.core.texts import Texts
from wizard.mail.confirm import LookPhase, Outcome, confirm_arrival
from wizard.mail.imap_mailbox import ImapMailbox
from wizard.mail.mailbox import WaitsBy
from wizard.mail.sample_message import build_sample_message, one_time_code


async def one_round(account: MailAccount, use_idle: bool, folder: str, after: float) -> float:
    code = one_time_code()
    message = build_sample_message(account.address, "bench", account.address, code, Texts("en"))
    delivered: list[float] = []

    def deliver() -> None:
        account.deliver(message, folder)
        delivered.append(time.monotonic())

    def report(event) -> None:
        if event.phase is LookPhase.LOOKING:
            timer = threading.Timer(after, deliver)
            timer.daemon = True
            timer.start()

    box = ImapMailbox(account.address, account.password, host=account.host, port=account.port,
                      ca_file=account.ca_file, use_idle=use_idle)
    result = await confirm_arrival(box, code, datetime.now(UTC), timeout=20, report=report)
    found = time.monotonic()
    assert result.outcome in (Outcome.INBOX, Outcome.JUNK), result
    assert result.waits_by is (WaitsBy.IDLE if use_idle else WaitsBy.POLL)
    return found - delivered[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    binary = find_dovecot()
    if binary is None:
        print("Dovecot is not installed (apt-get install dovecot-imapd)", file=sys.stderr)
        return 1
    server = Dovecot(binary, trustme.CA())
    server.start()
    delays: dict[tuple[str, str], list[float]] = {}
    try:
        account = server.add_account()
        for number in range(args.rounds):
            for use_idle in (True, False):
                for folder in ("INBOX", "[Gmail]/迷惑メール"):
                    after = random.uniform(0.2, 2.8)
                    delay = asyncio.run(one_round(account, use_idle, folder, after))
                    way = "IDLE" if use_idle else "polling"
                    delays.setdefault((way, "Inbox" if folder == "INBOX" else "Spam"), []).append(delay)
            print(f"round {number + 1}/{args.rounds} done", file=sys.stderr)
    finally:
        server.stop()
    print(f"{'':8} {'Inbox median / worst':>22} {'Spam median / worst':>22} {'Spam / Inbox':>13}")
    for way in ("IDLE", "polling"):
        inbox, spam = delays[(way, "Inbox")], delays[(way, "Spam")]
        ratio = statistics.median(spam) / statistics.median(inbox)
        print(f"{way:8} {statistics.median(inbox):9.2f} / {max(inbox):5.2f} s  "
              f"{statistics.median(spam):9.2f} / {max(spam):5.2f} s  {ratio:12.2f}x   (n={len(inbox)} each)")
    for folder in ("Inbox", "Spam"):
        ratio = statistics.median(delays[("polling", folder)]) / statistics.median(delays[("IDLE", folder)])
        print(f"{folder}: polling / IDLE = {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
