"""What confirming delivery needs from a mailbox, whoever provides it.

`confirm.py` works with any `Mailbox`: Gmail over IMAP (imap_mailbox.py) and practice
mode's pretend account (practice_mailbox.py) are the two today. Another provider is
one more class with these methods and a line in `open_mailbox`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol


class Role(Enum):
    """Folders by what they are for, as RFC 6154 special-use flags name them; never by their name."""

    INBOX = "inbox"
    JUNK = "junk"
    SENT = "sent"


@dataclass(frozen=True)
class Headers:
    """The only things read from a message."""

    uid: int
    received_at: datetime | None
    """When the server filed it (IMAP INTERNALDATE), aware."""
    date: datetime | None
    """The Date header, aware, if it could be read."""
    sender: str = ""
    recipients: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Mark:
    """Where a folder ended at one moment: messages after it are new."""

    role: Role
    validity: int
    next_uid: int


class WaitsBy(Enum):
    """How a mailbox notices new mail while it waits (the support record names it)."""

    IDLE = "idle"
    """The server tells of new mail as it comes (IMAP IDLE)."""
    POLL = "poll"
    """The mailbox is looked at again every few seconds."""


class MailboxProblem(Enum):
    """Every reason a mailbox cannot be looked at.

    Its words are `confirm.problem.<value>.title` and `.action` in the texts (a test checks
    every language has them, and that no such text lacks a member); the value is also the
    stable name `check --confirm --json`, `watch-sent --json` and the support record print.
    """

    IMAP_DISABLED = "imap_disabled"
    AUTH_FAILED = "auth_failed"
    WEB_LOGIN = "web_login"
    LOGIN_REFUSED = "login_refused"
    CERTIFICATE = "certificate"
    HOST_NOT_FOUND = "host_not_found"
    CONNECT_FAILED = "connect_failed"
    CONNECT_TIMEOUT = "connect_timeout"
    TLS_TIMEOUT = "tls_timeout"
    GREETING_TIMEOUT = "greeting_timeout"
    REPLY_TIMEOUT = "reply_timeout"
    CLOSED = "closed"
    WRONG_PROTOCOL = "wrong_protocol"
    NO_FOLDER = "no_folder"
    NO_SENT_FOLDER = "no_sent_folder"
    UNEXPECTED = "unexpected"
    REFUSED = "refused"

    @property
    def title_key(self) -> str:
        return f"confirm.problem.{self.value}.title"

    @property
    def action_key(self) -> str:
        return f"confirm.problem.{self.value}.action"

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.title_key, self.action_key)

    @property
    def is_timeout(self) -> bool:
        """Time ran out (rather than the server or network saying no)."""
        return self in _TIMEOUTS


_TIMEOUTS = frozenset({
    MailboxProblem.CONNECT_TIMEOUT,
    MailboxProblem.TLS_TIMEOUT,
    MailboxProblem.GREETING_TIMEOUT,
    MailboxProblem.REPLY_TIMEOUT,
})


class MailboxUnavailable(Exception):
    """The mailbox cannot be looked at, for `problem`."""

    def __init__(
        self,
        problem: MailboxProblem,
        detail: str = "",
        *,
        certificate_issuer: str = "",
        trust_stores: tuple[str, ...] = (),
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.detail = detail
        """The server's words or the local error, for the user to quote to support; scrubbed by the caller."""
        self.certificate_issuer = certificate_issuer
        """For a certificate that failed verification: who issued it, when it could be read."""
        self.trust_stores = trust_stores
        """What verification consulted: the system's store, then any --ca-file."""


class MailboxStage(Enum):
    """Where opening or using a mailbox is: a wait that runs out is explained by where it was."""

    CONNECT = "connect"
    TLS = "tls"
    GREETING = "greeting"
    SIGN_IN = "sign_in"
    LOOK = "look"

    @property
    def timeout_problem(self) -> MailboxProblem:
        """The problem for time running out here; past the greeting, a slow reply."""
        return _STAGE_TIMEOUTS.get(self, MailboxProblem.REPLY_TIMEOUT)


_STAGE_TIMEOUTS = {
    MailboxStage.CONNECT: MailboxProblem.CONNECT_TIMEOUT,
    MailboxStage.TLS: MailboxProblem.TLS_TIMEOUT,
    MailboxStage.GREETING: MailboxProblem.GREETING_TIMEOUT,
}


class Mailbox(Protocol):
    transcript: list[str]
    """The conversation so far, scrubbed of the password."""
    waits_by: WaitsBy
    stage: MailboxStage
    """Where the mailbox is; names a timeout's explanation."""
    chosen_by_name: set[Role]
    """Folders no special-use flag marks, chosen by a well-known name ("Junk", "Sent Mail") instead."""

    async def open(self, deadline: float) -> None:
        """Connect and sign in; raises MailboxUnavailable. Nothing it does goes past `deadline` (the loop's clock)."""

    def folder_name(self, role: Role) -> str | None:
        """The folder's name as the account shows it ("" for the inbox), None when the account has none."""

    async def mark(self, role: Role) -> Mark:
        """Where `role`'s folder ends now."""

    async def find(self, role: Role, *, code: str = "", after: Mark | None = None) -> list[Headers]:
        """Messages in `role`'s folder whose subject holds `code`, or that came after `after`."""

    async def wait(self, roles: tuple[Role, ...], seconds: float) -> None:
        """Return when any of `roles`' folders may have changed, or after `seconds`."""

    async def close(self) -> None:
        """Sign out; never raises, and returns promptly."""

    def abandon(self) -> None:
        """Drop the connection at once, without signing out: the user cancelled."""
