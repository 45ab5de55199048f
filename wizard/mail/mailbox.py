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
    message_id: str = ""


@dataclass(frozen=True)
class Mark:
    """Where a folder ended at one moment: messages after it are new."""

    role: Role
    validity: int
    next_uid: int


class MailboxUnavailable(Exception):
    """The mailbox cannot be looked at. `key` names the explanation ("confirm.problem.<key>")."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail
        """The server's words or the local error, for the user to quote to support; scrubbed by the caller."""


STAGE_TIMEOUTS = {"connect": "connect_timeout", "tls": "tls_timeout", "greeting": "greeting_timeout"}
"""A wait that ran out in one of these stages has its own explanation; later ones are "reply_timeout"."""


def timeout_problem(stage: str) -> str:
    """The problem key for time running out while the mailbox was at `stage`."""
    return STAGE_TIMEOUTS.get(stage, "reply_timeout")


class Mailbox(Protocol):
    transcript: list[str]
    """The conversation so far, scrubbed of the password."""
    waits_by: str
    """"idle" when the server tells of new mail as it comes, "poll" when the mailbox is looked at again."""
    stage: str
    """Where the mailbox is: "connect", "tls", "greeting", "sign_in" or "look"; names a timeout's explanation."""
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
