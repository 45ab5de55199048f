"""Waiting for blocking calls with a deadline, without ever waiting for them at exit.

`asyncio.to_thread` and `concurrent.futures` run calls on non-daemon threads that the
interpreter joins when it exits: a keyring waiting on a hidden unlock prompt, or a
DNS lookup that never answers, would then keep the program from quitting. Here each
call gets its own daemon thread, and the caller stops waiting at the deadline.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import asyncio  # imported by the asyncio form only: `check` sends without it

T = TypeVar("T")


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def start_without_interrupts(thread: threading.Thread) -> None:
    """Start `thread` with Ctrl+C (and SIGTERM) blocked in it, so the kernel hands them to the main thread.

    Python acts on a signal in the main thread only. One the kernel gives a helper thread (it
    may, while the main thread has signals blocked for an instant, as glibc does while it
    creates a thread) leaves the main thread waiting in its blocking call: `check` went on
    to the end of a reply's 30 s time limit after Ctrl+C.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, nor this problem
        thread.start()
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        thread.start()  # the new thread inherits the mask
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start(function: Callable[[], T], deliver: Callable[[bool, object], None]) -> None:
    def run() -> None:
        try:
            result: object = function()
        except BaseException as error:  # handed to the waiting side, which re-raises it
            deliver(False, error)
        else:
            deliver(True, result)

    start_without_interrupts(threading.Thread(target=run, daemon=True, name="bounded-call"))


def call_with_deadline(function: Callable[[], T], seconds: float) -> T:
    """Run `function` in a daemon thread; raise TimeoutError after `seconds`."""
    return start_in_background(function)(seconds)


def start_in_background(function: Callable[[], T]) -> Callable[[float], T]:
    """Start `function` in a daemon thread now; the returned call waits at most `seconds` for its
    result (or raises its error, or TimeoutError), and may be called again.

    For work that lets other threads run (OpenSSL reading the certificate store) while the
    caller does its own: a command's start-up then costs the longer of the two, not their sum.
    """
    done = threading.Event()
    outcome: list[tuple[bool, object]] = []

    def deliver(ok: bool, value: object) -> None:
        outcome.append((ok, value))
        done.set()

    _start(function, deliver)

    def result(seconds: float) -> T:
        if not done.wait(seconds):
            raise TimeoutError(f"no answer within {seconds:g} s")
        ok, value = outcome[0]
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    return result


async def in_thread_with_deadline(function: Callable[[], T], seconds: float) -> T:
    """The asyncio form: awaitable, cancellable, and raises TimeoutError after `seconds`."""
    import asyncio

    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(ok: bool, value: object) -> None:
        def settle() -> None:
            if future.done():
                return  # the caller gave up (deadline or cancel)
            if ok:
                future.set_result(value)  # type: ignore[arg-type]
            else:
                future.set_exception(value)  # type: ignore[arg-type]

        try:
            loop.call_soon_threadsafe(settle)
        except RuntimeError:
            pass  # the loop has closed: nobody is waiting any more

    _start(function, deliver)
    return await asyncio.wait_for(future, seconds)
