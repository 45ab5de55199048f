"""Proving delivery: the test mail in the account's Inbox or Spam, and Ecrea's own mail in Sent Mail.

Both work with any `Mailbox` and report progress through a callback, as the test
send does. Every wait is bounded; nothing here raises for what a server or network
does: the result says what happened. A mailbox that cannot be looked at is an
outcome like any other, and never changes what the test send proved.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum

from wizard.core.secret import Secret
from wizard.core.servers import ARRIVAL_TIMEOUT, SENT_TIMEOUT
from wizard.mail.mailbox import Headers, Mailbox, MailboxProblem, MailboxUnavailable, Role, WaitsBy

CHECK_EVERY = 3.0
"""Seconds between looks where the server cannot tell of new mail; the longest IDLE before looking anyway."""
LAST_LOOK = 0.5
"""Waiting stops this long before the timeout: time for the last look."""
CLOSE_WAIT = 0.3
"""Beyond the timeout, the most signing out may take: everything ends within the timeout plus 0.3 s."""
EXIT_NOT_FOUND = 7
EXIT_UNAVAILABLE = 8


@dataclass(frozen=True)
class SentTest:
    """A test send Gmail accepted: what the confirmations look for, and how to sign in to look."""

    address: str
    recipient: str
    code: str
    sent_at: datetime
    password: Secret

    def __post_init__(self) -> None:
        if not isinstance(self.password, Secret):  # a caller's plain text, hidden from here on
            object.__setattr__(self, "password", Secret(self.password))

    @property
    def to_self(self) -> bool:
        """Sent to the account itself: only then can its arrival be seen in the account."""
        return self.recipient.lower() == self.address.lower()


class Outcome(Enum):
    INBOX = "inbox"
    JUNK = "junk"
    NOT_FOUND = "not_found"
    """Nothing within the time: for arrival, not there yet; for Sent, nothing sent."""
    SEEN = "seen"
    """Sent Mail has a message sent after watching began."""
    UNAVAILABLE = "unavailable"

    @property
    def exit_code(self) -> int:
        return {Outcome.NOT_FOUND: EXIT_NOT_FOUND, Outcome.UNAVAILABLE: EXIT_UNAVAILABLE}.get(self, 0)


class LookPhase(Enum):
    CONNECTING = "connecting"
    """Connecting and signing in."""
    LOOKING = "looking"
    """Looking in the folders, until the deadline."""


@dataclass(frozen=True)
class Looking:
    """Progress: CONNECTING, then LOOKING in `folders` until `deadline` (the event loop's clock)."""

    phase: LookPhase
    deadline: float
    folders: dict[Role, str] = field(default_factory=dict)
    """Where it looks, with each folder's name as the account shows it ("" for the inbox)."""
    since: datetime | None = None
    """When watching Sent Mail began: messages sent after this count."""
    chosen_by_name: dict[Role, str] = field(default_factory=dict)
    """Folders of `folders` that no flag marks, chosen by their well-known name."""


@dataclass
class ConfirmResult:
    outcome: Outcome
    headers: Headers | None = None
    folder: str = ""
    """The folder's name as the account shows it ("" for the inbox)."""
    looked_in: dict[Role, str] = field(default_factory=dict)
    """Where it looked, with each folder's name."""
    seconds: float | None = None
    """Arrival: how long after sending the message was filed."""
    problem: MailboxProblem | None = None
    """Why the mailbox could not be looked at (with UNAVAILABLE)."""
    detail: str = ""
    certificate_issuer: str = ""
    trust_stores: tuple[str, ...] = ()
    """For a certificate problem: who issued the certificate and what it was checked against."""
    since: datetime | None = None
    found_at: datetime | None = None
    waits_by: WaitsBy | None = None
    """How the mailbox noticed new mail; None when it could not be opened."""
    transcript: list[str] = field(default_factory=list)
    chosen_by_name: dict[Role, str] = field(default_factory=dict)
    """Folders the server marks with no special-use flag, chosen by their well-known name: the user is told."""
    last_look: bool = False
    """Watched to the end, looking a last time: time running out now still means "not found"."""

    @property
    def confirmed(self) -> bool:
        return self.outcome in (Outcome.INBOX, Outcome.JUNK, Outcome.SEEN)

    @property
    def when(self) -> datetime | None:
        """When the message was filed, by the server's clock if it says, else when it was seen."""
        if self.headers is not None:
            return self.headers.received_at or self.headers.date or self.found_at
        return self.found_at


Report = Callable[[Looking], None]


def _quiet(event: Looking) -> None:
    pass


async def confirm_arrival(
    mailbox: Mailbox,
    code: str,
    sent_at: datetime,
    *,
    timeout: float = ARRIVAL_TIMEOUT,
    report: Report = _quiet,
) -> ConfirmResult:
    """Look for the message whose subject holds `code` in the Inbox and Spam, for up to `timeout` s."""

    async def look(result: ConfirmResult, deadline: float) -> None:
        roles = tuple(role for role in (Role.INBOX, Role.JUNK) if mailbox.folder_name(role) is not None)
        result.looked_in = {role: mailbox.folder_name(role) or "" for role in roles}
        result.chosen_by_name = _chosen_by_name(mailbox, result.looked_in)
        report(Looking(LookPhase.LOOKING, deadline, dict(result.looked_in), chosen_by_name=result.chosen_by_name))
        while True:
            for role in roles:
                found = await mailbox.find(role, code=code)
                if found:
                    result.outcome = Outcome.INBOX if role is Role.INBOX else Outcome.JUNK
                    result.headers = found[-1]
                    result.folder = result.looked_in[role]
                    result.found_at = datetime.now(UTC)
                    result.seconds = _delay(sent_at, result.headers, result.found_at)
                    return
            remaining = deadline - LAST_LOOK - asyncio.get_running_loop().time()
            if remaining <= 0:
                return
            # Inbox and Spam alike: the mailbox returns as soon as either may have changed.
            await mailbox.wait(roles, min(CHECK_EVERY, remaining))
            result.last_look = _waited_out(deadline)

    return await _run(mailbox, timeout, report, look)


async def watch_sent(
    mailbox: Mailbox,
    *,
    timeout: float = SENT_TIMEOUT,
    report: Report = _quiet,
) -> ConfirmResult:
    """Watch Sent Mail from now for up to `timeout` s; the first message sent after now is the answer."""

    async def look(result: ConfirmResult, deadline: float) -> None:
        name = mailbox.folder_name(Role.SENT)
        if name is None:
            raise MailboxUnavailable(MailboxProblem.NO_SENT_FOLDER)
        result.looked_in = {Role.SENT: name}
        result.chosen_by_name = _chosen_by_name(mailbox, result.looked_in)
        mark = await mailbox.mark(Role.SENT)
        result.since = datetime.now(UTC)
        report(Looking(LookPhase.LOOKING, deadline, {Role.SENT: name}, since=result.since,
                       chosen_by_name=result.chosen_by_name))
        while True:
            remaining = deadline - LAST_LOOK - asyncio.get_running_loop().time()
            if remaining <= 0:
                return
            await mailbox.wait((Role.SENT,), min(CHECK_EVERY, remaining))
            result.last_look = _waited_out(deadline)
            found = await mailbox.find(Role.SENT, after=mark)
            if found:
                result.outcome = Outcome.SEEN
                result.headers = found[0]
                result.folder = name
                result.found_at = datetime.now(UTC)
                return

    return await _run(mailbox, timeout, report, look)


async def _run(
    mailbox: Mailbox,
    timeout: float,
    report: Report,
    look: Callable[[ConfirmResult, float], Awaitable[None]],
) -> ConfirmResult:
    """Open, look and close within one deadline: `timeout` covers connecting, signing in, listing and waiting."""
    loop = asyncio.get_running_loop()
    result = ConfirmResult(Outcome.NOT_FOUND)
    deadline = loop.time() + timeout
    report(Looking(LookPhase.CONNECTING, deadline))

    def ran_out(problem: MailboxProblem, detail: str) -> None:
        # Watched to the end: only the last look was cut short, and nothing was found before it.
        if result.last_look and problem.is_timeout:
            return
        result.outcome = Outcome.UNAVAILABLE
        result.problem, result.detail = problem, detail or f"> {timeout:g} s"

    try:
        async with asyncio.timeout_at(deadline):
            await mailbox.open(deadline)
            result.waits_by = mailbox.waits_by
            await look(result, deadline)
    except MailboxUnavailable as unavailable:
        ran_out(unavailable.problem, unavailable.detail)
        result.certificate_issuer, result.trust_stores = unavailable.certificate_issuer, unavailable.trust_stores
    except TimeoutError:
        ran_out(mailbox.stage.timeout_problem, "")
    except asyncio.CancelledError:
        mailbox.abandon()  # the user is waiting for the screen, not for a polite goodbye
        raise
    except Exception as error:  # a bug or an unforeseen library error must not become a traceback
        result.outcome = Outcome.UNAVAILABLE
        result.problem, result.detail = MailboxProblem.UNEXPECTED, type(error).__name__
    finally:
        try:
            async with asyncio.timeout(CLOSE_WAIT):
                await mailbox.close()
        except TimeoutError:
            mailbox.abandon()
        result.transcript = list(mailbox.transcript)
    return result


CHOSEN_BY_NAME = {Role.JUNK: "confirm.junk_by_name", Role.SENT: "confirm.sent_by_name"}
"""The words for a folder chosen by its name, by what it is for."""


def chosen_by_name_notes(result: ConfirmResult, texts: Callable[..., str]) -> list[str]:
    """One line per folder chosen by its well-known name: the user can tell if it was the wrong one."""
    if result.outcome is Outcome.UNAVAILABLE:
        return []
    return [texts(CHOSEN_BY_NAME[role], folder=name) for role, name in result.chosen_by_name.items()
            if role in CHOSEN_BY_NAME]


def _waited_out(deadline: float) -> bool:
    """Whether the waiting is over: what follows is the last look."""
    return asyncio.get_running_loop().time() >= deadline - LAST_LOOK - 0.05


def _chosen_by_name(mailbox: Mailbox, looked_in: dict[Role, str]) -> dict[Role, str]:
    return {role: name for role, name in looked_in.items() if role in mailbox.chosen_by_name}


def _delay(sent_at: datetime, headers: Headers, found_at: datetime) -> float:
    """Seconds from sending to filing: the server's time stamp when it is plausible, else when it was seen.

    The computer's clock may be off by minutes; the server's stamp is trusted only between
    the send and the moment the message was seen.
    """
    seen = max(0.0, (found_at - sent_at).total_seconds())
    if headers.received_at is None:
        return seen
    return min(seen, max(0.0, (headers.received_at - sent_at).total_seconds()))
