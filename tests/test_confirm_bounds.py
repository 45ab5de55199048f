"""`watch-sent --timeout N` and `check --confirm --confirm-timeout N` end within N whatever the server does.

Each hostile server (silent or dripped greeting, silence after LOGIN, IDLE flooded with
untagged lines, a LIST far beyond 4 MB) is run against the installed command. The
clock starts when the command says it is connecting (Python's start-up on a busy
machine is not the server's doing) and the command must end within N plus a slack
that a loaded 2-core machine can meet but that is far below the old N + 30 s.

Every timed run is a real process: the runs wait out their limits side by side, each timed
from its own output as it runs. An untimed run beside them runs in this process
(tests/cli_in_process.py, one command at a time).
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

from cli_in_process import run_command
from helpers import COMMAND
from imap_fixtures import ADDRESS, FakeImap
from smtp_fixtures import PASSWORD
from stall_limits import shortest_limit_that_reaches_the_stall

TIMEOUT = 3
"""The generous limit; each test first tries SHORTEST (see stall_limits.py)."""
SHORTEST = 1.0
"""The least the commands take (MIN_TIMEOUT): waited out whole where the client reached the stall inside it."""
SLACK = 2.5
STDIN = "abcd efgh ijkl mnop\n"
T = TypeVar("T")
U = TypeVar("U")


def run_until_done(args: list[str], cwd: Path, started_by: str) -> tuple[int, str, str, float]:
    """Run the command; returns (exit code, stdout, stderr, seconds from the line holding `started_by` to exit)."""
    process = subprocess.Popen([COMMAND, "--lang", "en", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=cwd)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(STDIN)
    process.stdin.close()
    process.stdin = None
    lines = []
    started = None
    for line in process.stdout:
        lines.append(line)
        if started is None and started_by in line:
            started = time.monotonic()
    code = process.wait(60)
    ended = time.monotonic()
    err = process.stderr.read() if process.stderr else ""
    assert started is not None, "".join(lines) + err
    return code, "".join(lines), err, ended - started


def watch_sent_args(port: int, ca_file: str, timeout: float = TIMEOUT) -> list[str]:
    return ["watch-sent", "--email", ADDRESS, "--password-stdin", "--imap-host", "127.0.0.1",
            "--imap-port", str(port), "--ca-file", ca_file, "--timeout", f"{timeout:g}"]


def watch_sent(port: int, ca_file: str, cwd: Path, timeout: float = TIMEOUT) -> tuple[int, str, str, float]:
    return run_until_done(watch_sent_args(port, ca_file, timeout), cwd, "Connecting to")


def watch_sent_here(port: int, ca_file: str, *extra: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Untimed, in this process (tests/cli_in_process.py)."""
    return run_command(["--lang", "en", *watch_sent_args(port, ca_file, timeout), *extra], input=STDIN, text=True)


def at_its_stall(server: FakeImap) -> bool:
    """The client got as far as the place where this server stops answering (or, if it behaves, IDLE)."""
    if server.behaviour in ("silent_greeting", "drip_greeting"):
        return server.connections > 0
    command = "LOGIN" if server.behaviour == "silent_after_login" else "IDLE"
    return any(line.split()[1:2] == [command] for line in server.commands)


def at_once(*runs: Callable[[], T]) -> list[T]:
    """Runs that each wait out the time limit, waited for together: one wait instead of several.

    Each run times itself from its own "Connecting to" line; they only wait, so running side
    by side costs none of them time. The one that keeps the client busy (big_list) runs alone.
    """
    return beside(lambda: None, *runs)[1]


def beside(here: Callable[[], U], *runs: Callable[[], T]) -> tuple[U, list[T]]:
    """`here` (an untimed run in this process) in this thread, while `runs` run `at_once`."""
    with ThreadPoolExecutor(len(runs)) as pool:
        futures = [pool.submit(run) for run in runs]
        mine = here()
        return mine, [future.result() for future in futures]


HOSTILE = [
    ("silent_greeting", "accepted the connection but said nothing"),
    ("drip_greeting", "accepted the connection but said nothing"),
    ("silent_after_login", "did not answer in time"),
    ("idle_flood", "did not answer in time"),
    # Over 4 MB is refused; a busy machine may reach the deadline first. Either ends in time.
    ("big_list", ("Something other than an IMAP server answered", "did not answer in time")),
]


def assert_ended_within_its_timeout(result: tuple[int, str, str, float], words, timeout: float = TIMEOUT) -> None:
    code, out, err, seconds = result
    assert code == 8, out + err
    assert seconds < timeout + SLACK, (seconds, out)
    assert any(each in out for each in ([words] if isinstance(words, str) else words)), out
    assert "> 20 s" not in out  # the whole time ran out, not one reply's
    assert "port 993" not in out  # only a TCP connect that never completes blames the network
    assert "Traceback" not in err and PASSWORD not in out + err


def test_watch_sent_ends_within_its_timeout(fake_imap, ca_file, tmp_path) -> None:
    """Every server that only makes it wait, at once; and a silent greeting as JSON names the stage."""
    waiting = [(behaviour, words) for behaviour, words in HOSTILE if behaviour != "big_list"]

    def attempt(timeout: float):
        servers = [fake_imap(behaviour=behaviour) for behaviour, _ in waiting]
        silent = fake_imap(behaviour="silent_greeting")
        as_json, results = beside(
            partial(watch_sent_here, silent.port, ca_file, "--json", timeout=timeout),
            *(partial(watch_sent, server.port, ca_file, tmp_path, timeout=timeout) for server in servers),
        )
        return timeout, [*servers, silent], as_json, results

    timeout, _, as_json, results = shortest_limit_that_reaches_the_stall(
        (SHORTEST, TIMEOUT), attempt, lambda outcome: all(at_its_stall(server) for server in outcome[1]))
    for (behaviour, words), result in zip(waiting, results, strict=True):
        try:
            assert_ended_within_its_timeout(result, words, timeout)
        except AssertionError as failure:
            raise AssertionError(f"{behaviour}: {failure}") from None
    document = json.loads(as_json.stdout)
    assert (as_json.returncode, document["problem"]) == (8, "greeting_timeout")


def test_watch_sent_ends_within_its_timeout_when_a_list_is_far_too_big(fake_imap, ca_file, tmp_path) -> None:
    server = fake_imap(behaviour="big_list")
    assert_ended_within_its_timeout(watch_sent(server.port, ca_file, tmp_path), dict(HOSTILE)["big_list"])


def test_a_well_behaved_server_watched_to_the_end_is_not_found_not_a_timeout(fake_imap, ca_file, tmp_path) -> None:
    """Watched to the end: a server that flags its folders, and one that flags none (the folder chosen by its name is said)."""
    def attempt(timeout: float):
        flagged, unflagged = fake_imap(), fake_imap(special_use="none")
        by_name, (watched,) = beside(partial(watch_sent_here, unflagged.port, ca_file, timeout=timeout),
                                     partial(watch_sent, flagged.port, ca_file, tmp_path, timeout=timeout))
        return timeout, [flagged, unflagged], (watched, by_name)

    timeout, _, (watched, by_name) = shortest_limit_that_reaches_the_stall(
        (SHORTEST, TIMEOUT), attempt, lambda outcome: all(at_its_stall(server) for server in outcome[1]))
    code, out, err, seconds = watched
    assert code == 7, out + err
    assert f"Nothing was sent in {timeout:g} s." in out
    assert seconds < timeout + SLACK

    assert by_name.returncode == 7, by_name.stdout + by_name.stderr
    assert "The server marks no folder as sent mail, so the wizard watches “INBOX/Sent” by its name." in by_name.stdout


def test_check_confirm_ends_within_its_confirm_timeout(gmail_server, fake_imap, ca_file, tmp_path) -> None:
    def check_confirm(behaviour: str, timeout: float) -> tuple[FakeImap, tuple[int, str, str, float]]:
        imap = fake_imap(behaviour=behaviour)
        smtp = gmail_server()
        smtp.deliver = lambda message: imap.deliver("INBOX.Sent", str(message["Subject"]))  # never in the Inbox
        return imap, run_until_done(
            ["check", "--email", ADDRESS, "--password-stdin", "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp.port),
             "--imap-host", "127.0.0.1", "--imap-port", str(imap.port), "--ca-file", ca_file,
             "--confirm", "--confirm-timeout", f"{timeout:g}"],
            tmp_path, "Connecting to")

    behaviours = ["silent_greeting", "idle_flood"]

    def attempt(timeout: float):
        return timeout, at_once(*(partial(check_confirm, b, timeout) for b in behaviours))

    timeout, outcomes = shortest_limit_that_reaches_the_stall(
        (SHORTEST, TIMEOUT), attempt, lambda outcome: all(at_its_stall(imap) for imap, _ in outcome[1]))
    for behaviour, (_, (code, out, err, seconds)) in zip(behaviours, outcomes, strict=True):
        assert code == 8, (behaviour, out + err)
        assert seconds < timeout + SLACK, (behaviour, seconds, out)
        assert "Traceback" not in err and PASSWORD not in out + err
