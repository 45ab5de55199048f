"""The in-process runner shows what a process would have shown, and puts the test's process back as it was."""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
from pathlib import Path

import pytest
from cli_in_process import run_command

from wizard.cli import main as cli_main


def command_doing(monkeypatch: pytest.MonkeyPatch, action) -> None:
    monkeypatch.setattr(cli_main, "run", lambda argv, texts: action(argv) or 0)


def test_streams_environment_and_folder_are_the_commands_then_put_back(monkeypatch, tmp_path: Path) -> None:
    seen = {}

    def look(argv: list[str]) -> int:
        seen.update(argv=argv, env=dict(os.environ), cwd=os.getcwd(), stdin=sys.stdin.buffer.read(), tty=sys.stdout.isatty())
        print("out ü")
        print("err", file=sys.stderr)
        return 3

    command_doing(monkeypatch, look)
    before = (dict(os.environ), os.getcwd(), sys.stdout, sys.stderr, sys.stdin)
    result = run_command(["settings", "--lang", "en"], input="pw\n", env={"ONLY": "this"}, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (3, "out ü\n", "err\n")
    assert seen == {"argv": ["settings", "--lang", "en"], "env": {"ONLY": "this"}, "cwd": str(tmp_path), "stdin": b"pw\n", "tty": False}
    assert (dict(os.environ), os.getcwd(), sys.stdout, sys.stderr, sys.stdin) == before


def test_what_a_process_prints_on_its_way_out_is_in_its_standard_error(monkeypatch) -> None:
    def misbehave(argv: list[str]) -> None:
        helper = threading.Thread(target=lambda: 1 / 0)
        helper.start()
        helper.join()
        logging.getLogger("asyncio").error("Task exception was never retrieved")
        atexit.register(print, "at exit", file=sys.stderr)

    command_doing(monkeypatch, misbehave)
    err = run_command(["guide"], text=True).stderr
    assert "ZeroDivisionError" in err and "Traceback" in err
    assert "Task exception was never retrieved" in err
    assert err.endswith("at exit\n")


def test_an_exception_let_out_or_a_thread_left_running_fails_the_test(monkeypatch) -> None:
    monkeypatch.setattr(cli_main, "main", lambda argv: (_ for _ in ()).throw(RuntimeError("escaped")))
    with pytest.raises(pytest.fail.Exception, match="escaped"):
        run_command(["guide"])
    monkeypatch.undo()

    release = threading.Event()
    monkeypatch.setattr(threading.Thread, "join", lambda self, timeout=None: None)  # the wait would be 60 s
    command_doing(monkeypatch, lambda argv: threading.Thread(target=release.wait, name="left-behind").start())
    try:
        with pytest.raises(AssertionError, match="left-behind"):
            run_command(["guide"])
    finally:
        release.set()


def test_an_action_waits_for_its_words_and_runs_once_before_the_command_goes_on(monkeypatch) -> None:
    order = []

    def speak(argv: list[str]) -> None:
        for word in ("starting", "watching", "watching again", "done"):
            print(word)
            order.append(word)  # after its print: the action came in between

    command_doing(monkeypatch, speak)
    run_command(["guide"], when_printed=("watch", lambda: order.append("action")))
    assert order == ["starting", "action", "watching", "watching again", "done"]
