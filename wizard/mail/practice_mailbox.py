"""Practice mode's pretend Gmail account: what the practice server received, filed as Gmail files it.

Every message the server accepted is in Sent Mail (Gmail keeps what is sent through
smtp.gmail.com); one addressed to the account itself is also in the Inbox. Staff see
both confirmations through the same screens as with a real account.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

from wizard.mail.gmail_like_server import GmailLikeServer
from wizard.mail.mailbox import Headers, MailboxStage, Mark, Role, WaitsBy

NOTICE_EVERY = 0.1
"""How often the pretend account notices new mail: at once, as Gmail's IDLE does."""


class PracticeMailbox:
    waits_by = WaitsBy.IDLE
    stage = MailboxStage.LOOK

    def __init__(self, server: GmailLikeServer, address: str, folder_names: dict[Role, str]) -> None:
        self.server = server
        self.address = address.lower()
        self.names = folder_names
        self.transcript: list[str] = []
        self.chosen_by_name: set[Role] = set()

    async def open(self, deadline: float) -> None:
        self.transcript.append(f"practice mailbox of {self.address} on {self.server.host}:{self.server.port}")

    def folder_name(self, role: Role) -> str | None:
        return "" if role is Role.INBOX else self.names.get(role)

    def _filed(self, role: Role) -> list[tuple[int, datetime, EmailMessage]]:
        received = self.server.received
        count = min(len(received.times), len(received.messages))  # the server thread may be appending
        messages = [(number + 1, received.times[number], received.messages[number]) for number in range(count)]
        if role is Role.SENT:
            return messages
        if role is Role.INBOX:
            return [entry for entry in messages if self.address in _recipients(entry[2])]
        return []

    async def mark(self, role: Role) -> Mark:
        return Mark(role, 1, len(self.server.received.times) + 1)

    async def find(self, role: Role, *, code: str = "", after: Mark | None = None) -> list[Headers]:
        found = []
        for uid, at, message in self._filed(role):
            if after is not None and uid < after.next_uid:
                continue
            subject = str(message.get("Subject", ""))
            if code and code not in subject:
                continue
            found.append(_headers(uid, at, message, subject))
        return found

    async def wait(self, roles: tuple[Role, ...], seconds: float) -> None:
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        count = len(self.server.received.times)
        while loop.time() < until and len(self.server.received.times) == count:
            await asyncio.sleep(min(NOTICE_EVERY, max(0.0, until - loop.time())))

    async def close(self) -> None:
        return None

    def abandon(self) -> None:
        return None


def _recipients(message: EmailMessage) -> set[str]:
    return {address.lower() for _, address in getaddresses([str(value) for value in message.get_all("To", [])])}


def _headers(uid: int, at: datetime, message: EmailMessage, subject: str) -> Headers:
    try:
        date = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError):
        date = None
    return Headers(
        uid=uid,
        received_at=at,
        date=date,
        sender=str(message.get("From", "")),
        recipients=str(message.get("To", "")),
        subject=subject,
    )
