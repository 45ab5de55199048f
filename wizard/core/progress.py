"""The user's progress through the wizard, saved between runs.

Only what is needed to resume is kept: the step reached, the language and the account
details. Never a password.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wizard.core.language import LANGUAGES
from wizard.core.private_files import write_private_file
from wizard.core.step_content import STEP_COUNT

FORMAT_VERSION = 1


@dataclass
class Progress:
    step: int = 0
    """The step on screen when last saved; 0 means none yet."""
    furthest: int = 0
    """The furthest step reached: "continue" resumes there, wherever the user went back to."""
    completed: list[int] = field(default_factory=list)
    lang: str | None = None
    email: str = ""
    display_name: str = ""
    workspace: bool = False
    """The user confirmed that a non-Gmail address is a Google Workspace account."""
    setup_completed_at: str = ""
    """When a test send first succeeded (ISO 8601, UTC): setup is complete."""

    def visit(self, number: int) -> None:
        self.step = number
        self.furthest = max(self.furthest, number)

    def complete(self, number: int) -> None:
        if number not in self.completed:
            self.completed.append(number)
            self.completed.sort()

    def start_over(self) -> None:
        """Forget the steps and the completion; keep the language and the account."""
        self.step = self.furthest = 0
        self.completed = []
        self.setup_completed_at = ""


@dataclass(frozen=True)
class LoadedProgress:
    progress: Progress
    unreadable: bool = False
    """A saved file existed but could not be used, so progress starts fresh."""


def _is_utc_time(value: object) -> bool:
    from datetime import datetime

    try:
        return isinstance(value, str) and datetime.fromisoformat(value).utcoffset() is not None
    except ValueError:
        return False


def _is_step(value: object, lowest: int) -> bool:
    return type(value) is int and lowest <= value <= STEP_COUNT


def progress_from_json(raw: object) -> Progress:
    """Build Progress from decoded JSON, or raise ValueError if any field is off."""
    if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
        raise ValueError("not a progress file of this version")
    progress = Progress(
        step=raw.get("step", 0),
        furthest=raw.get("furthest", raw.get("step", 0)),
        completed=raw.get("completed", []),
        lang=raw.get("lang"),
        email=raw.get("email", ""),
        display_name=raw.get("display_name", ""),
        workspace=raw.get("workspace", False),
        setup_completed_at=raw.get("setup_completed_at", ""),
    )
    if not _is_step(progress.step, 0) or not _is_step(progress.furthest, 0):
        raise ValueError("step out of range")
    if not isinstance(progress.completed, list) or not all(
        _is_step(number, 1) for number in progress.completed
    ):
        raise ValueError("completed steps out of range")
    if progress.lang is not None and progress.lang not in LANGUAGES:
        raise ValueError("unknown language")
    if not isinstance(progress.email, str) or not isinstance(progress.display_name, str):
        raise ValueError("account fields are not text")
    if not isinstance(progress.workspace, bool):
        raise ValueError("workspace is not true or false")
    if progress.setup_completed_at and not _is_utc_time(progress.setup_completed_at):
        raise ValueError("setup_completed_at is not a time")
    progress.completed = sorted(set(progress.completed))
    return progress


class ProgressStore:
    """Reads and writes one progress file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> LoadedProgress:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return LoadedProgress(Progress())
        except OSError:
            return LoadedProgress(Progress(), unreadable=True)
        try:
            return LoadedProgress(progress_from_json(json.loads(data)))
        except (ValueError, UnicodeDecodeError, RecursionError):
            return LoadedProgress(Progress(), unreadable=True)

    def save(self, progress: Progress) -> None:
        """Raises OSError if the file cannot be written."""
        document = {"version": FORMAT_VERSION, **asdict(progress)}
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        write_private_file(self.path, data)
