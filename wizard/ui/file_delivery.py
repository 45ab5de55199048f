"""Saving a text as a file with Textual's own delivery: the downloads folder in a terminal,
a download in the browser; an answer a button can await, within a deadline.

Textual writes the file from a thread and tells the App with DeliveryComplete or
DeliveryFailed. In a terminal the file name is reserved first (created empty with mode
0600, never an existing name), because Textual's plain `open(path, "w")` would replace
a file of the same name and leave a new one readable by others.
"""

from __future__ import annotations

import asyncio
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.ui.outcomes import SaveOutcome

if TYPE_CHECKING:
    from textual.app import App
    from textual.events import DeliveryComplete, DeliveryFailed

DELIVERY_TIMEOUT = 30.0
"""A local file takes well under a second; a browser that has not fetched it by then may never."""
MAX_NAMES_TRIED = 1000


@dataclass(frozen=True)
class SaveResult:
    outcome: SaveOutcome
    where: str
    """The file's full path in a terminal; its name in the browser (the browser chooses the folder)."""
    reason: str = ""
    """Why it failed, in the system's words (an OSError's), or empty."""
    timed_out: bool = False
    """No answer within DELIVERY_TIMEOUT: the screen says so in the user's language."""


def downloads_folder() -> Path:
    from platformdirs import user_downloads_path

    return user_downloads_path()


def reserve_file(folder: Path, name: str) -> Path:
    """An empty new file for the owner only: `name`, else `name-2`, `name-3`...: nothing is replaced."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(name)
    for number in range(1, MAX_NAMES_TRIED + 1):
        candidate = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(folder / name)


class FileDeliveries:
    """The App's deliveries still waiting for Textual's answer, by delivery key."""

    def __init__(self) -> None:
        self._waiting: dict[str, asyncio.Future[DeliveryComplete | DeliveryFailed]] = {}

    async def save(self, app: App[object], text: str, name: str) -> SaveResult:
        from wizard.core.bounded import in_thread_with_deadline

        if app.is_web:
            folder, where = None, name
        else:
            try:
                # A thread and a deadline: the downloads folder may be on a network share.
                path = await in_thread_with_deadline(lambda: reserve_file(downloads_folder(), name), DELIVERY_TIMEOUT)
            except TimeoutError:
                return SaveResult(SaveOutcome.FAILED, _shown(downloads_folder() / name), timed_out=True)
            except OSError as error:
                return SaveResult(SaveOutcome.FAILED, _shown(downloads_folder() / name), _reason(error))
            folder, name, where = path.parent, path.name, _shown(path)
        key = app.deliver_text(io.StringIO(text), save_directory=folder, save_filename=name,
                               encoding="utf-8", mime_type="text/plain")
        if key is None:  # no driver: the app is closing
            return SaveResult(SaveOutcome.FAILED, where, "-")
        answer = self._waiting[key] = asyncio.get_running_loop().create_future()
        try:
            event = await asyncio.wait_for(answer, DELIVERY_TIMEOUT)
        except TimeoutError:
            return SaveResult(SaveOutcome.ASKED if app.is_web else SaveOutcome.FAILED, where, timed_out=True)
        finally:
            self._waiting.pop(key, None)
        from textual.events import DeliveryFailed

        if isinstance(event, DeliveryFailed):
            return SaveResult(SaveOutcome.FAILED, where, _reason(event.exception))
        return SaveResult(SaveOutcome.DOWNLOADED if app.is_web else SaveOutcome.SAVED, where)

    def answer(self, event: DeliveryComplete | DeliveryFailed) -> None:
        """Textual's word on a delivery: wakes the save waiting for it (none for Textual's own screenshots)."""
        waiting = self._waiting.get(event.key)
        if waiting is not None and not waiting.done():
            waiting.set_result(event)


def _shown(path: Path) -> str:
    from wizard.core.output_filter import printable

    return printable(str(path))  # a folder name is outside text: nothing in it may act on the terminal


def _reason(error: BaseException) -> str:
    from wizard.core.output_filter import printable

    if isinstance(error, OSError) and error.strerror:
        return printable(error.strerror)
    return printable(type(error).__name__)
