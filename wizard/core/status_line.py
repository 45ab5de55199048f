"""The status line read out on the phone: `S13 · 本番 · 保存済み · 送信OK`.

Built here, without Textual, from progress and two facts of the run (practice mode, the
password store's last answer), so that every screen's title bar and the `status` command
say the same. The place codes are language-neutral and stable: support staff type the
one they hear into the command palette of their own wizard and see the same screen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from wizard.core.credentials import KeyringStatus
from wizard.core.progress import Progress
from wizard.core.texts import TextKeyed, Texts

STEP_CODE_PREFIX = "S"
SEPARATOR = " · "


class PlaceCode(Enum):
    """The places that are not steps; a step's code is `S` and its number (`step_code`)."""

    WELCOME = "WL"
    ACCOUNT = "AC"
    SEND = "TS"
    """The test send."""
    ARRIVAL = "AR"
    ECREA = "EC"
    """Ecrea's own test send, seen in Sent Mail."""
    ENDING = "END"


def step_code(number: int) -> str:
    return f"{STEP_CODE_PREFIX}{number}"


def normalise_code(query: str) -> str:
    """A place code as someone may type it: `s13`, `Ｓ１３`, ` s 13 ` all read `S13`."""
    return "".join(unicodedata.normalize("NFKC", query).split()).upper()


def is_place_code(code: str, step_count: int) -> bool:
    """`code` names a place: one of PlaceCode, or `S` and a step's number as written (`S13`, not `S013`)."""
    if code in {place.value for place in PlaceCode}:
        return True
    number = code.removeprefix(STEP_CODE_PREFIX)
    if not code.startswith(STEP_CODE_PREFIX) or not number.isascii() or not number.isdigit():
        return False
    return str(int(number)) == number and 1 <= int(number) <= step_count


class PasswordState(TextKeyed):
    """Whether the app password is in the operating system's password store, or only in this run."""

    SAVED = "status.password.saved"
    STORE_PROBLEM = "status.password.store_problem"
    """The store could not be used: none, refused, locked, no answer."""
    ENTERED = "status.password.entered"
    """Entered in this run, kept in memory only (practice mode never stores one)."""
    NOT_SAVED = "status.password.not_saved"
    UNCHECKED = "status.password.unchecked"
    """The store has not been asked yet in this run (it is asked when the password is needed)."""

    @classmethod
    def of(cls, keyring: KeyringStatus | None, *, practice: bool, entered: bool = False) -> PasswordState:
        if keyring is KeyringStatus.OK and not practice:
            return cls.SAVED
        if keyring not in (None, KeyringStatus.NOT_FOUND) and not practice:
            return cls.STORE_PROBLEM
        if entered:
            return cls.ENTERED
        return cls.UNCHECKED if keyring is None and not practice else cls.NOT_SAVED

    @property
    def name_for_json(self) -> str:
        return self.name.lower()


class LastResult(TextKeyed):
    """The latest thing that happened: a test send (Gmail's answer) or a confirmation."""

    NOT_SENT = "status.result.not_sent"
    SENT = "status.result.sent"
    FAILED = "status.result.failed"
    """Its words name the diagnosis by its stable name (`bad_credentials`), as `check --json` does."""
    INBOX = "status.result.inbox"
    SPAM = "status.result.spam"
    ECREA = "status.result.ecrea"

    @property
    def name_for_json(self) -> str:
        return self.name.lower()


def last_result(progress: Progress) -> LastResult:
    event = progress.last_event or _older_file_event(progress)
    if event == "ecrea" and progress.ecrea_confirmed_at:
        return LastResult.ECREA
    if event == "arrival" and progress.arrival_confirmed_at:
        return LastResult.SPAM if progress.arrival_folder == "junk" else LastResult.INBOX
    if event == "send" and progress.last_send_problem:
        return LastResult.FAILED
    if event == "send" and (progress.last_send_at or progress.setup_completed_at):
        return LastResult.SENT
    return LastResult.NOT_SENT


def _older_file_event(progress: Progress) -> str:
    """A file saved before the last event was kept: the furthest the flow got."""
    if progress.ecrea_confirmed_at:
        return "ecrea"
    return "arrival" if progress.arrival_confirmed_at else "send"


@dataclass(frozen=True)
class StatusLine:
    place: str
    practice: bool
    password: PasswordState
    result: LastResult
    problem: str = ""
    """The failed test send's diagnosis (its stable name), when `result` is FAILED."""

    def text(self, texts: Texts) -> str:
        mode = texts("status.practice" if self.practice else "status.real")
        result = texts(self.result.text_key, problem=self.problem)
        return SEPARATOR.join((self.place, mode, texts(self.password.text_key), result))


def status_line(
    place: str, progress: Progress, *, practice: bool, keyring: KeyringStatus | None, entered: bool = False
) -> StatusLine:
    """`keyring`: the password store's last answer (None: not asked); `entered`: a password is in memory."""
    result = last_result(progress)
    if keyring is None and not progress.email:
        keyring = KeyringStatus.NOT_FOUND  # no address, nothing stored under it: no need to ask
    return StatusLine(
        place=place or PlaceCode.WELCOME.value,
        practice=practice,
        password=PasswordState.of(keyring, practice=practice, entered=entered),
        result=result,
        problem=progress.last_send_problem if result is LastResult.FAILED else "",
    )
