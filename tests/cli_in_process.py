"""`ecrea-gmail-setup ARGS` run inside the test's own process, as the installed command would run it.

A new interpreter costs about 90 ms of CPU before the command does anything (start-up and
imports); most command tests are about what the command prints and its exit code, not
about the process. `run_command` runs `wizard.cli.main.main` (the console script's entry)
with the process's parts swapped in for the call and put back after it:

- argv, the environment (the whole of it when `env` is given, as subprocess's `env=`), the
  working folder, and standard streams: stdin from `input`, stdout and stderr captured as
  UTF-8 text streams that are not terminals (a pipe's);
- the password store: keyring's choice for a new process with no platform store (this
  machine's and CI's), or the backend named in $PYTHON_KEYRING_BACKEND;
- the passwords the process has held (core/redaction): none at the start, as in a new process;
- exit: `atexit` handlers registered during the call run when it ends, and a non-daemon
  thread still running then would have kept the process from ending: the test fails.

What a process would have shown on its standard error lands in the captured one: an
uncaught exception in a thread, an unraisable one, a warning logged with no handler set
(asyncio's "Task exception was never retrieved"). An exception out of `main` fails the
test: as a process, it would have been a traceback on the user's screen.

What this cannot show stays a real process in its test: the installed entry point, signals,
closed or undecodable standard streams, the imports a start pulls in, `serve`'s listener.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import signal
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def run_command(
    args: Sequence[str],
    *,
    input: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    text: bool = False,
    when_printed: tuple[str, Callable[[], object]] | None = None,
) -> subprocess.CompletedProcess[Any]:
    """Like `subprocess.run([COMMAND, *args], input=..., env=..., cwd=..., capture_output=True, text=...)`.

    `when_printed=(words, action)`: `action()` once standard output holds `words`, as a test
    reading a process's output acts on a line; the command waits for it to return.
    """
    from wizard.cli.main import main

    stdin_bytes = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    stdout, stderr = _pipe("strict", when_printed), _pipe("backslashreplace")
    threads: set[threading.Thread] = set()
    with (
        _environment(env),
        _working_folder(cwd),
        _streams(stdin_bytes, stdout, stderr),
        _fresh_password_memory(),
        _password_store(),
        _threads_started(threads),
        _reported_as_a_process_would(stderr, threads),
        _process_exit(threads),
    ):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = _exit_code(exit_, stderr)
        except Exception:  # a process would have printed this traceback
            pytest.fail(f"`{' '.join(args)}` let an exception out:\n{traceback.format_exc()}", pytrace=False)
    out, err = (stream.buffer.getvalue() for stream in (stdout, stderr))
    if text:
        return subprocess.CompletedProcess(list(args), code, out.decode("utf-8"), err.decode("utf-8"))
    return subprocess.CompletedProcess(list(args), code, out, err)


def _pipe(errors: str, when_printed: tuple[str, Callable[[], object]] | None = None) -> io.TextIOWrapper:
    # Python's own choice for a pipe under a UTF-8 locale: UTF-8, strict on stdout, backslashreplace on stderr.
    return io.TextIOWrapper(_Written(when_printed), encoding="utf-8", errors=errors, write_through=True)


class _Written(io.BytesIO):
    """What the command wrote, acted on once it holds the words waited for."""

    def __init__(self, when_printed: tuple[str, Callable[[], object]] | None) -> None:
        super().__init__()
        self.waiting_for = (when_printed[0].encode("utf-8"), when_printed[1]) if when_printed else None

    def write(self, data: Any) -> int:
        written = super().write(data)
        if self.waiting_for and self.waiting_for[0] in self.getvalue():
            action = self.waiting_for[1]
            self.waiting_for = None
            action()
        return written


def _exit_code(exit_: SystemExit, stderr: io.TextIOWrapper) -> int:
    if exit_.code is None or isinstance(exit_.code, int):
        return exit_.code or 0
    print(exit_.code, file=stderr)  # sys.exit("message"), as the interpreter prints it
    return 1


@contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    saved = dict(os.environ)
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    try:
        yield
    finally:
        # Only when changed: a process started meanwhile from another thread must not find it empty.
        if os.environ != saved:
            os.environ.clear()
            os.environ.update(saved)


@contextmanager
def _working_folder(cwd: str | Path | None) -> Iterator[None]:
    saved = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved)


@contextmanager
def _streams(stdin: bytes, stdout: io.TextIOWrapper, stderr: io.TextIOWrapper) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


@contextmanager
def _fresh_password_memory() -> Iterator[None]:
    from wizard.core import redaction

    saved = set(redaction._held)
    redaction._held.clear()
    try:
        yield
    finally:
        redaction._held.clear()
        redaction._held.update(saved)


@contextmanager
def _password_store() -> Iterator[None]:
    import keyring
    from keyring.backends import fail
    from keyring.core import load_keyring

    saved = keyring.get_keyring()
    named = os.environ.get("PYTHON_KEYRING_BACKEND")
    keyring.set_keyring(load_keyring(named) if named else fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(saved)


@contextmanager
def _threads_started(started: set[threading.Thread]) -> Iterator[None]:
    """Collects the threads the command starts (from this thread or one of its own), not the test's servers'."""
    caller = threading.current_thread()
    original = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        if threading.current_thread() is caller or threading.current_thread() in started:
            started.add(thread)
        original(thread)

    threading.Thread.start = start
    try:
        yield
    finally:
        threading.Thread.start = original


@contextmanager
def _reported_as_a_process_would(stderr: io.TextIOWrapper, threads: set[threading.Thread]) -> Iterator[None]:
    """Thread and unraisable exceptions, and log records no handler of the command's took, into `stderr`.

    Log records only from the command's own threads, not from the test's servers.
    """
    caller = threading.get_ident()
    handler = logging.StreamHandler(stderr)
    handler.setLevel(logging.WARNING)  # logging's last resort, which a process without handlers uses
    handler.addFilter(lambda record: record.thread == caller or record.thread in {thread.ident for thread in threads})
    root = logging.getLogger()
    saved_hooks = threading.excepthook, sys.unraisablehook
    threading.excepthook = lambda hook: traceback.print_exception(hook.exc_type, hook.exc_value, hook.exc_traceback, file=stderr)
    sys.unraisablehook = lambda hook: traceback.print_exception(hook.exc_type, hook.exc_value, hook.exc_traceback, file=stderr)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        threading.excepthook, sys.unraisablehook = saved_hooks


@contextmanager
def _process_exit(threads: set[threading.Thread]) -> Iterator[None]:
    """What the interpreter does as the process ends, and what a process cannot leave behind."""
    registered: list[tuple[Callable[..., object], tuple[object, ...], dict[str, object]]] = []
    handlers_before = [signal.getsignal(number) for number in _SIGNALS]
    mask_before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    saved_register = atexit.register

    def register(function: Callable[..., object], *args: object, **kwargs: object) -> Callable[..., object]:
        registered.append((function, args, kwargs))
        return function

    atexit.register = register
    try:
        yield
    finally:
        atexit.register = saved_register
    for thread in list(threads):
        if not thread.daemon:
            thread.join(60)  # as the interpreter does at exit; a hang here would be a process that never ends
            assert not thread.is_alive(), f"the command left thread {thread.name} running: its process would not end"
    for function, args, kwargs in reversed(registered):
        function(*args, **kwargs)
    assert [signal.getsignal(number) for number in _SIGNALS] == handlers_before, "the command left a signal handler set"
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask_before, "the command left signals blocked"
