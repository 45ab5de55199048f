"""The user's progress through the wizard, saved between runs.

Only what is needed to resume is kept: the steps reached and completed (by id, so a
step added later does not shift their meaning), the language, the account details
and when setup was completed. Never a password. Every value is checked on load as the
screens check it when typed; a file that fails any check counts as unreadable.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wizard.core.language import LANGUAGES
from wizard.core.private_files import remove_stale_temp_files, write_private_file
from wizard.core.texts import TextKeyed

FORMAT_VERSION = 2
# Version 1 stored step numbers; these were the steps, in that version's order.
V1_ORDER = (
    "manage-account", "open-security", "security-page", "two-step-verification", "get-started",
    "confirm-password", "phone-number", "enter-code", "turn-on", "scroll-down",
    "app-passwords", "create-app-password", "copy-app-password", "paste-into-ecrea",
)
_STEP_ID = re.compile(r"[a-z0-9-]{1,64}")
_PROBLEM_NAME = re.compile(r"[a-z0-9_]{0,64}")
_PLACE_CODE = re.compile(r"[A-Z]{1,3}[0-9]{0,3}")
LAST_EVENTS = ("", "send", "arrival", "ecrea")


@dataclass
class Progress:
    step: str = ""
    """The step on screen when last saved; empty before the first step."""
    furthest: str = ""
    """The furthest step reached: "continue" resumes there, wherever the user went back to."""
    completed: list[str] = field(default_factory=list)
    lang: str | None = None
    email: str = ""
    display_name: str = ""
    workspace: bool = False
    """The user confirmed that a non-Gmail address is a Google Workspace account."""
    setup_completed_at: str = ""
    """When a test send last succeeded (ISO 8601, UTC): setup is complete."""
    arrival_confirmed_at: str = ""
    """When the test message was last seen in the account (ISO 8601, UTC)."""
    arrival_folder: str = ""
    """Where it was: "inbox" or "junk"."""
    ecrea_confirmed_at: str = ""
    """When a message Ecrea sent was last seen in Sent Mail (ISO 8601, UTC)."""
    last_send_at: str = ""
    """When the last test send ended, accepted or not (ISO 8601, UTC)."""
    last_send_problem: str = ""
    """Its diagnosis's stable name (`bad_credentials`); empty when Gmail accepted it."""
    last_event: str = ""
    """What happened last: "send", "arrival" or "ecrea" (a confirmation); the status line's result."""
    place: str = ""
    """The place code of the screen on top at the last save (`S13`, `TS`, ...), for the `status` command."""
    started_over: bool = False
    """The user started over after a finished setup: the times above are the record of the last
    success (support's proof that it once worked), kept until a new test send replaces them."""

    @property
    def setup_complete(self) -> bool:
        return bool(self.setup_completed_at) and not self.started_over

    def proven(self) -> list[Proof]:
        """What the last success proved, in the order it was proven."""
        if not self.setup_completed_at:
            return []
        return [Proof.SEND, *([Proof.ARRIVAL] if self.arrival_confirmed_at else []),
                *([Proof.ECREA] if self.ecrea_confirmed_at else [])]

    def record_success(self, when: str) -> None:
        """A test send went through: after a start over, it replaces the old record whole."""
        if self.started_over:
            self.arrival_confirmed_at = self.arrival_folder = self.ecrea_confirmed_at = ""
            self.started_over = False
        self.setup_completed_at = when

    def visit(self, step_id: str) -> None:
        from wizard.core.step_order import number_of

        self.step = step_id
        if not self.furthest or number_of(step_id) > number_of(self.furthest):
            self.furthest = step_id

    def reached(self, step_id: str) -> bool:
        """Whether `step_id` has been shown before: it, or a step after it, is the furthest reached."""
        from wizard.core.step_order import number_of

        return bool(self.furthest) and number_of(self.furthest) >= number_of(step_id)

    def complete(self, step_id: str) -> None:
        if step_id not in self.completed:
            self.completed.append(step_id)

    def record_send(self, at: str, problem: str = "") -> None:
        """A test send ended at `at`: accepted, or refused with `problem` (a diagnosis's stable name)."""
        self.last_send_at = at
        self.last_send_problem = problem
        self.last_event = "send"

    def start_over(self) -> None:
        """Forget the steps; keep the language, the account and the record of the last success."""
        self.step = self.furthest = ""
        self.completed = []
        self.last_send_at = self.last_send_problem = self.last_event = ""
        self.started_over = bool(self.setup_completed_at)


class Proof(TextKeyed):
    """What a success proved, as the welcome screen and the support record name it."""

    SEND = "proof.send"
    ARRIVAL = "proof.arrival"
    ECREA = "proof.ecrea"


@dataclass(frozen=True)
class LoadedProgress:
    progress: Progress
    unreadable: bool = False
    """A saved file existed but could not be used, so progress starts fresh."""


def _known_step(value: object, known: tuple[str, ...]) -> str:
    """A step id from the file: "" for none, dropped when the step no longer exists."""
    if value in ("", None):
        return ""
    if not isinstance(value, str) or not _STEP_ID.fullmatch(value):
        raise ValueError("not a step id")
    return value if value in known else ""


def _from_version_1(raw: dict) -> dict:
    def step_id(number: object) -> str:
        if type(number) is not int or not 0 <= number <= len(V1_ORDER):
            raise ValueError("step out of range")
        return V1_ORDER[number - 1] if number else ""

    completed = raw.get("completed", [])
    if not isinstance(completed, list):
        raise ValueError("completed is not a list")
    completed_ids = [step_id(number) for number in completed]
    if "" in completed_ids:
        raise ValueError("completed step out of range")
    step = step_id(raw.get("step", 0))
    return {**raw, "step": step, "furthest": step, "completed": completed_ids}


def progress_from_json(raw: object) -> Progress:
    """Build Progress from decoded JSON, or raise ValueError if any field is off."""
    from wizard.core.account import check_address, display_name_problem
    from wizard.core.step_order import step_ids

    if not isinstance(raw, dict) or raw.get("version") not in (1, FORMAT_VERSION):
        raise ValueError("not a progress file of a known version")
    if raw["version"] == 1:
        raw = _from_version_1(raw)
    known = step_ids()
    completed = raw.get("completed", [])
    if not isinstance(completed, list):
        raise ValueError("completed is not a list")
    progress = Progress(
        step=_known_step(raw.get("step", ""), known),
        furthest=_known_step(raw.get("furthest", raw.get("step", "")), known),
        completed=[step for step in (_known_step(value, known) for value in completed) if step],
        lang=raw.get("lang"),
        email=raw.get("email", ""),
        display_name=raw.get("display_name", ""),
        workspace=raw.get("workspace", False),
        setup_completed_at=raw.get("setup_completed_at", ""),
        arrival_confirmed_at=raw.get("arrival_confirmed_at", ""),
        arrival_folder=raw.get("arrival_folder", ""),
        ecrea_confirmed_at=raw.get("ecrea_confirmed_at", ""),
        last_send_at=raw.get("last_send_at", ""),
        last_send_problem=raw.get("last_send_problem", ""),
        last_event=raw.get("last_event", ""),
        place=raw.get("place", ""),
        started_over=raw.get("started_over", False),
    )
    progress.completed = [step for step in known if step in progress.completed]
    if progress.lang is not None and progress.lang not in LANGUAGES:
        raise ValueError("unknown language")
    if not isinstance(progress.email, str) or not isinstance(progress.display_name, str):
        raise ValueError("account fields are not text")
    # The same checks as on the account screen: a tampered file must not smuggle in
    # terminal control sequences or header-breaking text.
    checked = check_address(progress.email) if progress.email else None
    if checked is not None and (checked.problem or checked.address != progress.email):
        raise ValueError("email is not a usable address")
    if display_name_problem(progress.display_name):
        raise ValueError("display name has characters that are refused")
    if not isinstance(progress.workspace, bool):
        raise ValueError("workspace is not true or false")
    if not isinstance(progress.started_over, bool):
        raise ValueError("started_over is not true or false")
    for name in ("setup_completed_at", "arrival_confirmed_at", "ecrea_confirmed_at", "last_send_at"):
        value = getattr(progress, name)
        if value and not _is_utc_time(value):
            raise ValueError(f"{name} is not a time")
    if progress.arrival_folder not in ("", "inbox", "junk"):
        raise ValueError("arrival_folder is not inbox or junk")
    # Shown on the status line and printed by `status`: plain names only.
    if not isinstance(progress.last_send_problem, str) or not _PROBLEM_NAME.fullmatch(progress.last_send_problem):
        raise ValueError("last_send_problem is not a problem's name")
    if progress.last_event not in LAST_EVENTS:
        raise ValueError("last_event is not a known event")
    if not isinstance(progress.place, str) or not _PLACE_CODE.fullmatch(progress.place or "X"):
        raise ValueError("place is not a place code")
    return progress


def _is_utc_time(value: object) -> bool:
    from datetime import datetime

    try:
        return isinstance(value, str) and datetime.fromisoformat(value).utcoffset() is not None
    except ValueError:
        return False


@dataclass(frozen=True)
class SavedState:
    """The progress as it was when a save was asked for, ready to write (from any thread)."""

    serial: int
    data: bytes = field(repr=False)


class ProgressStore:
    """Reads and writes one progress file.

    A save can be taken now (`snapshot`) and written later, from another thread
    (`write`): the screens do not wait for the disk (an fsync can take tens of ms). A
    snapshot older than the one on disk is never written over it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._serials = itertools.count(1)
        self._writing = threading.Lock()
        self._written = 0

    def load(self) -> LoadedProgress:
        # Saves interrupted by a crash or a kill leave their temporary files behind.
        remove_stale_temp_files(self.path)
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return LoadedProgress(Progress())
        except OSError:
            return LoadedProgress(Progress(), unreadable=True)
        import json  # here and in `snapshot`: a first start, with nothing saved yet, never needs it

        try:
            return LoadedProgress(progress_from_json(json.loads(data)))
        except (ValueError, UnicodeDecodeError, RecursionError, KeyError, TypeError):
            return LoadedProgress(Progress(), unreadable=True)

    def save(self, progress: Progress) -> None:
        """Raises OSError if the file cannot be written."""
        self.write(self.snapshot(progress))

    def snapshot(self, progress: Progress) -> SavedState:
        import json

        document = {"version": FORMAT_VERSION, **asdict(progress)}
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        return SavedState(next(self._serials), data)

    def write(self, state: SavedState) -> None:
        """Raises OSError if the file cannot be written; does nothing if this or a later state is written."""
        with self._writing:
            if state.serial <= self._written:
                return
            write_private_file(self.path, state.data)
            self._written = state.serial
