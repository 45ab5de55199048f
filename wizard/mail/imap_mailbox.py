"""The Gmail account over IMAP, read-only: the same address and app password as SMTP.

Folders are found by their special-use flags (Gmail names them in the account's
language: [Gmail]/迷惑メール, [Gmail]/Spam, ...). Messages are found with standard
SEARCH, which Gmail and Dovecot both answer, and only their header fields are read.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parsedate_to_datetime

from wizard.core.bounded import in_thread_with_deadline
from wizard.core.explain import printable
from wizard.core.redaction import redact
from wizard.core.servers import IMAP_HOST, IMAP_PORT
from wizard.mail.imap_client import (
    ImapClient,
    ImapClosed,
    ImapError,
    ImapProtocolError,
    ImapRefused,
    decode_folder_name,
    quote,
)
from wizard.mail.mailbox import Headers, MailboxUnavailable, Mark, Role
from wizard.mail.tls import tls_context

CONNECT_TIMEOUT = 15.0
REPLY_TIMEOUT = 20.0
HEADER_FIELDS = ("DATE", "FROM", "TO", "SUBJECT", "MESSAGE-ID")
NEWEST = 10
"""At most this many matching messages are read: the newest."""
_FLAGS = {Role.JUNK: "\\JUNK", Role.SENT: "\\SENT"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def imap_date(day: datetime) -> str:
    """SEARCH's date form, in English whatever the locale: 28-Nov-2026."""
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day.year}"


def parse_internal_date(value: str) -> datetime | None:
    """IMAP INTERNALDATE ("28-Nov-2026 16:55:46 +0000") to an aware datetime."""
    try:
        day, month, rest = value.strip().split("-", 2)
        return datetime.strptime(f"{day.strip()} {_MONTHS.index(month) + 1} {rest}", "%d %m %Y %H:%M:%S %z")
    except ValueError:
        return None


def refusal_key(error: ImapRefused) -> str:
    """Which explanation fits a refused LOGIN (Gmail's words, see shared/facts/gmail.md)."""
    text = error.text.lower()
    if error.code == "AUTHENTICATIONFAILED" or "invalid credentials" in text:
        return "auth_failed"
    if "imap" in text and ("disabled" in text or "not enabled" in text):
        return "imap_disabled"
    if "web browser" in text or "weblogin" in text:
        return "web_login"
    return "login_refused"


class ImapMailbox:
    waits_by = "poll"

    def __init__(
        self,
        address: str,
        password: str,
        *,
        host: str = IMAP_HOST,
        port: int = IMAP_PORT,
        ca_file: str | None = None,
        use_idle: bool = True,
        connect_timeout: float = CONNECT_TIMEOUT,
        reply_timeout: float = REPLY_TIMEOUT,
    ) -> None:
        self.address = address
        self._password = password
        self.host = host
        self.port = port
        self.ca_file = ca_file
        self.use_idle = use_idle
        self.connect_timeout = connect_timeout
        self.reply_timeout = reply_timeout
        self.transcript: list[str] = []
        self._client: ImapClient | None = None
        self._folders: dict[Role, str] = {}
        self._selected: str | None = None

    def __repr__(self) -> str:  # never the password
        return f"ImapMailbox({self.address!r}, host={self.host!r}, port={self.port})"

    def _log(self, direction: str, text: str) -> None:
        self.transcript.append(self.scrub(f"{direction} {text}"))

    def scrub(self, text: str) -> str:
        return printable(redact(text, self.address, self._password))

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Every failure as a MailboxUnavailable with the server's words, scrubbed."""
        try:
            yield
        except MailboxUnavailable:
            raise
        except ImapRefused as error:
            raise MailboxUnavailable("refused", self.scrub(str(error))) from None
        except ImapClosed as error:
            raise MailboxUnavailable("closed", self.scrub(str(error))) from None
        except ImapProtocolError as error:
            raise MailboxUnavailable("wrong_protocol", self.scrub(str(error))) from None
        except ssl.SSLCertVerificationError as error:
            raise MailboxUnavailable("certificate", self.scrub(error.verify_message or str(error))) from None
        except ssl.SSLError as error:
            # Something answered, but not with TLS: not an IMAPS port.
            raise MailboxUnavailable("wrong_protocol", self.scrub(str(error))) from None
        except TimeoutError:
            raise MailboxUnavailable("reply_timeout", f"> {self.reply_timeout:g} s") from None
        except (OSError, ImapError) as error:
            raise MailboxUnavailable("closed", self.scrub(str(error) or type(error).__name__)) from None

    async def open(self) -> None:
        # In a daemon thread: a resolver that never answers must not keep the program alive.
        lookup = lambda: socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)  # noqa: E731
        try:
            addresses = await in_thread_with_deadline(lookup, self.connect_timeout)
        except (OSError, UnicodeError, TimeoutError) as error:
            raise MailboxUnavailable("host_not_found", self.scrub(str(error) or type(error).__name__)) from None
        target = str(addresses[0][4][0])
        try:
            context = tls_context(self.ca_file)
        except (ssl.SSLError, OSError) as error:
            raise MailboxUnavailable("certificate", self.scrub(str(error))) from None
        with self._translated():
            try:
                self._client = await ImapClient.connect(
                    self.host, self.port, context, address=target, log=self._log,
                    connect_timeout=self.connect_timeout, reply_timeout=self.reply_timeout,
                )
            except TimeoutError:
                raise MailboxUnavailable("connect_timeout", f"{target}:{self.port}") from None
            except (ssl.SSLError, ImapError):
                raise
            except OSError as error:
                detail = f"{target}:{self.port} {error.strerror or error}"
                raise MailboxUnavailable("connect_failed", self.scrub(detail)) from None
        client = self._client
        if not client.certificate:
            # Belt and braces, as for SMTP: never sign in over a connection that is not verified TLS.
            raise MailboxUnavailable("certificate", "no verified certificate")
        with self._translated():
            try:
                await client.login(self.address, self._password)
            except ImapRefused as error:
                raise MailboxUnavailable(refusal_key(error), self.scrub(str(error))) from None
            for flags, name in await client.list_folders():
                if "\\NOSELECT" in flags or "\\NONEXISTENT" in flags:
                    continue
                for role, flag in _FLAGS.items():
                    if flag in flags and role not in self._folders:
                        self._folders[role] = name
        self._folders[Role.INBOX] = "INBOX"
        if self.use_idle and "IDLE" in client.capabilities:
            self.waits_by = "idle"

    def folder_name(self, role: Role) -> str | None:
        if role is Role.INBOX:
            return ""
        name = self._folders.get(role)
        if name is None:
            return None
        # Gmail's "[Gmail]/迷惑メール" is shown in Gmail as 迷惑メール.
        return printable(decode_folder_name(name).rpartition("/")[2])

    def _folder(self, role: Role) -> str:
        name = self._folders.get(role)
        if name is None:
            raise MailboxUnavailable("no_folder", role.value)
        return name

    async def _examine(self, role: Role) -> dict[str, str]:
        assert self._client is not None, "open() first"
        folder = self._folder(role)
        try:
            quote(folder)
        except ValueError:
            raise MailboxUnavailable("no_folder", self.scrub(folder)) from None
        codes = await self._client.examine(folder)
        self._selected = folder
        return codes

    async def mark(self, role: Role) -> Mark:
        with self._translated():
            codes = await self._examine(role)
            validity = int(codes.get("UIDVALIDITY", "0") or 0)
            if codes.get("UIDNEXT", "").isdigit():
                next_uid = int(codes["UIDNEXT"])
            else:
                assert self._client is not None
                next_uid = max(await self._client.uid_search("ALL"), default=0) + 1
        return Mark(role, validity, next_uid)

    async def find(self, role: Role, *, code: str = "", after: Mark | None = None) -> list[Headers]:
        assert self._client is not None, "open() first"
        with self._translated():
            codes = await self._examine(role)
            if after is not None:
                if int(codes.get("UIDVALIDITY", "0") or 0) != after.validity:
                    return []  # the folder was rebuilt: its numbers mean something else now
                # "n:*" always includes the newest message, even one older than n.
                newer = await self._client.uid_search(f"UID {after.next_uid}:*")
                uids = [uid for uid in newer if uid >= after.next_uid]
            else:
                since = imap_date(datetime.now() - timedelta(days=1))
                uids = await self._client.uid_search(f"SINCE {since} HEADER Subject {quote(code)}")
            if not uids:
                return []
            records = await self._client.fetch_header_fields(sorted(uids)[-NEWEST:], HEADER_FIELDS)
        found = [headers for headers in map(_headers, records) if headers is not None]
        if code:
            found = [headers for headers in found if code in headers.subject]
        return sorted(found, key=lambda headers: headers.uid)

    async def wait(self, role: Role, seconds: float) -> None:
        if self.waits_by != "idle" or self._client is None:
            await asyncio.sleep(seconds)
            return
        with self._translated():
            if self._selected != self._folders.get(role):
                await self._examine(role)
            await self._client.idle(seconds)

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.logout()

    def abandon(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()


def _headers(record: dict) -> Headers | None:
    uid = record.get("UID")
    header = record.get("HEADER")
    if not isinstance(uid, str) or not uid.isdigit() or not isinstance(header, bytes):
        return None
    message = BytesHeaderParser(policy=default_policy).parsebytes(header)

    def text(name: str) -> str:
        try:
            return printable(str(message.get(name, "")))
        except Exception:  # a header the email package cannot decode is left out, not fatal
            return ""

    date = None
    try:
        date = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError):
        pass
    if date is not None and date.tzinfo is None:
        date = None
    internal = record.get("INTERNALDATE")
    return Headers(
        uid=int(uid),
        received_at=parse_internal_date(internal.decode("ascii", "replace")) if isinstance(internal, bytes) else None,
        date=date,
        sender=text("From"),
        recipients=text("To"),
        subject=text("Subject"),
        message_id=text("Message-ID"),
    )

