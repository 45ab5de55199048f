"""The Gmail account over IMAP, read-only: the same address and app password as SMTP.

Folders are found by their special-use flags (RFC 6154; Gmail names them in the
account's language: [Gmail]/迷惑メール, [Gmail]/Spam, ...), asked for with
`RETURN (SPECIAL-USE)` where the server offers it, since a server may give them only
then; by well-known names only when no folder carries a flag. Messages are found with
standard SEARCH and only their header fields are read. While waiting, the Inbox and
Spam are each watched with IDLE on a connection of their own, so either is noticed at once.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parsedate_to_datetime

from wizard.core.bounded import in_thread_with_deadline
from wizard.core.output_filter import printable
from wizard.core.redaction import redact
from wizard.core.servers import IMAP_HOST, IMAP_PORT
from wizard.mail.imap_client import (
    Folder,
    ImapClient,
    ImapClosed,
    ImapError,
    ImapProtocolError,
    ImapRefused,
    quote,
)
from wizard.mail.mailbox import Headers, MailboxProblem, MailboxStage, MailboxUnavailable, Mark, Role, WaitsBy
from wizard.mail.tls import presented_issuer, system_store, tls_context

CONNECT_TIMEOUT = 15.0
"""The TCP connect alone."""
REPLY_TIMEOUT = 20.0
LOGOUT_WAIT = 0.25
"""The goodbye is a courtesy: it may not hold up the answer."""
MAX_TRANSCRIPT = 2000
HEADER_FIELDS = ("DATE", "FROM", "TO", "SUBJECT")
NEWEST = 10
"""At most this many matching messages are read: the newest."""
_FLAGS = {Role.JUNK: "\\JUNK", Role.SENT: "\\SENT"}
WELL_KNOWN_NAMES = {
    Role.JUNK: ("Spam", "Junk", "Junk Mail", "Junk E-mail", "Junk Email", "Bulk Mail", "迷惑メール"),
    Role.SENT: ("Sent Mail", "Sent", "Sent Items", "Sent Messages", "送信済みメール", "送信済みアイテム"),
}
"""The last resort, for a server that marks no folder: names as common clients and servers create them."""
_HIDDEN_PREFIXES = ("[gmail]/", "[google mail]/")
"""Prefixes Gmail does not show: its "[Gmail]/迷惑メール" is 迷惑メール there."""
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


def refusal_problem(error: ImapRefused) -> MailboxProblem:
    """Which explanation fits a refused LOGIN (Gmail's words, see shared/facts/gmail.md).

    Any NO is a refused sign-in, with or without [AUTHENTICATIONFAILED] (Cyrus and others
    send none); only a temporary refusal (RFC 5530 [UNAVAILABLE], too many connections)
    or a BAD gets the general words.
    """
    text = error.text.lower()
    if "imap" in text and ("disabled" in text or "not enabled" in text):
        return MailboxProblem.IMAP_DISABLED
    if "web browser" in text or "weblogin" in text:
        return MailboxProblem.WEB_LOGIN
    if error.status != "NO" or error.code == "UNAVAILABLE" or "simultaneous" in text or "too many" in text:
        return MailboxProblem.LOGIN_REFUSED
    return MailboxProblem.AUTH_FAILED


def choose_folders(folders: list[Folder]) -> tuple[dict[Role, Folder], set[Role]]:
    """Sent and Spam by their flags; a role no flag marks by a well-known name. Also: which were chosen by name."""
    usable = [folder for folder in folders if not folder.flags & {"\\NOSELECT", "\\NONEXISTENT"}]
    chosen: dict[Role, Folder] = {}
    for folder in usable:
        for role, flag in _FLAGS.items():
            if flag in folder.flags and role not in chosen:
                chosen[role] = folder
    by_name: set[Role] = set()
    for role, names in WELL_KNOWN_NAMES.items():
        if role in chosen:
            continue
        wanted = [name.casefold() for name in names]
        candidates = [(wanted.index(_plain(folder)), folder) for folder in usable if _plain(folder) in wanted]
        if candidates:
            chosen[role] = min(candidates, key=lambda candidate: candidate[0])[1]
            by_name.add(role)
    return chosen, by_name


def _plain(folder: Folder) -> str:
    """The name without the prefixes an account does not show, for comparing with well-known names."""
    shown = folder.shown.casefold()
    for prefix in (*_HIDDEN_PREFIXES, "inbox/"):  # Cyrus and Courier keep folders under INBOX.
        shown = shown.removeprefix(prefix)
    return shown


class ImapMailbox:
    waits_by = WaitsBy.POLL

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
        self.stage = MailboxStage.CONNECT
        self.chosen_by_name: set[Role] = set()
        self.deadline: float | None = None
        self._omitted = 0
        self._target = ""
        self._client: ImapClient | None = None
        self._watcher: ImapClient | None = None
        """A second connection that IDLEs on Spam while the first IDLEs on the Inbox."""
        self._opening: asyncio.Future[None] | None = None
        self._folders: dict[Role, Folder] = {}
        self._selected: str | None = None
        self._seen: dict[str, tuple[str, str, str]] = {}
        """Per folder, what its last EXAMINE said (UIDVALIDITY, UIDNEXT, EXISTS)."""

    def __repr__(self) -> str:  # never the password
        return f"ImapMailbox({self.address!r}, host={self.host!r}, port={self.port})"

    def _log(self, direction: str, text: str) -> None:
        if len(self.transcript) >= MAX_TRANSCRIPT:
            self._omitted += 1  # a flooding server must not grow memory or cost time here
            return
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
            raise MailboxUnavailable(MailboxProblem.REFUSED, self.scrub(str(error))) from None
        except ImapClosed as error:
            raise MailboxUnavailable(MailboxProblem.CLOSED, self.scrub(str(error))) from None
        except ImapProtocolError as error:
            raise MailboxUnavailable(MailboxProblem.WRONG_PROTOCOL, self.scrub(str(error))) from None
        except ssl.SSLCertVerificationError as error:
            detail = self.scrub(error.verify_message or str(error))
            raise MailboxUnavailable(MailboxProblem.CERTIFICATE, detail) from None
        except ssl.SSLError as error:
            # Something answered, but not with TLS: not an IMAPS port.
            raise MailboxUnavailable(MailboxProblem.WRONG_PROTOCOL, self.scrub(str(error))) from None
        except TimeoutError:
            problem = self.stage.timeout_problem
            # Where it stopped: the address for the first stages; after, how long a reply may take,
            # unless the whole time ran out (the caller knows how long that was).
            if problem is not MailboxProblem.REPLY_TIMEOUT:
                detail = f"{self._target}:{self.port}"
            elif self.deadline is not None and asyncio.get_running_loop().time() >= self.deadline - 0.1:
                detail = ""
            else:
                detail = f"> {self.reply_timeout:g} s"
            raise MailboxUnavailable(problem, detail) from None
        except OSError as error:
            if self.stage is MailboxStage.CONNECT:
                detail = f"{self._target}:{self.port} {error.strerror or error}"
                raise MailboxUnavailable(MailboxProblem.CONNECT_FAILED, self.scrub(detail)) from None
            raise MailboxUnavailable(MailboxProblem.CLOSED, self.scrub(str(error) or type(error).__name__)) from None
        except ImapError as error:
            raise MailboxUnavailable(MailboxProblem.CLOSED, self.scrub(str(error) or type(error).__name__)) from None

    def _left(self, at_most: float) -> float:
        """`at_most` seconds, or what is left before the deadline if that is less."""
        if self.deadline is None:
            return at_most
        return max(0.0, min(at_most, self.deadline - asyncio.get_running_loop().time()))

    def _set_stage(self, stage: MailboxStage) -> None:
        self.stage = stage

    async def _with_certificate_facts(self, unavailable: MailboxUnavailable) -> MailboxUnavailable:
        """Whose certificate failed and what it was checked against, as for the test send."""
        issuer = await presented_issuer(self.host, self.port, starttls=False, timeout=self._left(5.0))
        stores = (system_store(), self.ca_file) if self.ca_file else (system_store(),)
        return MailboxUnavailable(
            MailboxProblem.CERTIFICATE, unavailable.detail, certificate_issuer=issuer, trust_stores=stores
        )

    async def _connect(self, stage: Callable[[MailboxStage], None] | None = None) -> ImapClient:
        """A new signed-in connection: connect, TLS, greeting, LOGIN."""
        track = stage or self._set_stage
        try:
            context = tls_context(self.ca_file)
        except (ssl.SSLError, OSError) as error:
            raise MailboxUnavailable(MailboxProblem.CERTIFICATE, self.scrub(str(error))) from None
        try:
            with self._translated():
                client = await ImapClient.connect(
                    self.host, self.port, context, address=self._target, log=self._log,
                    connect_timeout=self.connect_timeout, reply_timeout=self.reply_timeout,
                    deadline=self.deadline, stage=track,
                )
        except MailboxUnavailable as unavailable:
            if unavailable.problem is MailboxProblem.CERTIFICATE:
                raise await self._with_certificate_facts(unavailable) from None
            raise
        try:
            if not client.certificate:
                # Belt and braces, as for SMTP: never sign in over a connection that is not verified TLS.
                raise MailboxUnavailable(MailboxProblem.CERTIFICATE, "no verified certificate")
            track(MailboxStage.SIGN_IN)
            with self._translated():
                try:
                    await client.login(self.address, self._password)
                except ImapRefused as error:
                    raise MailboxUnavailable(refusal_problem(error), self.scrub(str(error))) from None
        except BaseException:
            client.close()
            raise
        return client

    async def open(self, deadline: float | None = None) -> None:
        self.deadline = deadline
        self.stage = MailboxStage.CONNECT
        # In a daemon thread: a resolver that never answers must not keep the program alive.
        lookup = lambda: socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)  # noqa: E731
        try:
            addresses = await in_thread_with_deadline(lookup, self._left(self.connect_timeout))
        except (OSError, UnicodeError, TimeoutError) as error:
            detail = self.scrub(str(error) or type(error).__name__)
            raise MailboxUnavailable(MailboxProblem.HOST_NOT_FOUND, detail) from None
        self._target = str(addresses[0][4][0])
        self._client = client = await self._connect()
        with self._translated():
            folders = None
            # RETURN options are LIST-EXTENDED syntax (RFC 5258); with both, RFC 6154 servers must honour it.
            if {"SPECIAL-USE", "LIST-EXTENDED"} <= client.capabilities:
                try:
                    folders = await client.list_folders(special_use=True)
                except ImapRefused:
                    folders = None  # it advertised more than it does: a plain LIST may still carry the flags
            if folders is None:
                folders = await client.list_folders()
        self._folders, self.chosen_by_name = choose_folders(folders)
        self._folders[Role.INBOX] = Folder(frozenset(), "INBOX", "/")
        self.stage = MailboxStage.LOOK
        if self.use_idle and "IDLE" in client.capabilities:
            self.waits_by = WaitsBy.IDLE

    def folder_name(self, role: Role) -> str | None:
        if role is Role.INBOX:
            return ""
        folder = self._folders.get(role)
        if folder is None:
            return None
        shown = folder.shown
        lowered = shown.casefold()
        for prefix in _HIDDEN_PREFIXES:
            if lowered.startswith(prefix) and len(shown) > len(prefix):
                shown = shown[len(prefix):]
                break
        return printable(shown)

    def _folder(self, role: Role) -> str:
        folder = self._folders.get(role)
        if folder is None:
            raise MailboxUnavailable(MailboxProblem.NO_FOLDER, role.value)
        try:
            quote(folder.name)
        except ValueError:
            raise MailboxUnavailable(MailboxProblem.NO_FOLDER, self.scrub(folder.name)) from None
        return folder.name

    async def _examine(self, client: ImapClient, role: Role) -> dict[str, str]:
        folder = self._folder(role)
        codes = await client.examine(folder)
        if client is self._client:
            self._selected = folder
        return codes

    def _changed(self, folder: str, codes: dict[str, str]) -> bool:
        """Whether `folder` has changed since it was last examined; remembers what it says now."""
        now = (codes.get("UIDVALIDITY", ""), codes.get("UIDNEXT", ""), codes.get("EXISTS", ""))
        before = self._seen.get(folder)
        self._seen[folder] = now
        return before is not None and before != now

    async def mark(self, role: Role) -> Mark:
        assert self._client is not None, "open() first"
        with self._translated():
            codes = await self._examine(self._client, role)
            self._changed(self._folder(role), codes)
            validity = int(codes.get("UIDVALIDITY", "0") or 0)
            if codes.get("UIDNEXT", "").isdigit():
                next_uid = int(codes["UIDNEXT"])
            else:
                next_uid = max(await self._client.uid_search("ALL"), default=0) + 1
        return Mark(role, validity, next_uid)

    async def find(self, role: Role, *, code: str = "", after: Mark | None = None) -> list[Headers]:
        assert self._client is not None, "open() first"
        client = self._client
        with self._translated():
            codes = await self._examine(client, role)
            self._changed(self._folder(role), codes)
            if after is not None:
                if int(codes.get("UIDVALIDITY", "0") or 0) != after.validity:
                    return []  # the folder was rebuilt: its numbers mean something else now
                # "n:*" always includes the newest message, even one older than n.
                newer = await client.uid_search(f"UID {after.next_uid}:*")
                uids = [uid for uid in newer if uid >= after.next_uid]
            else:
                since = imap_date(datetime.now() - timedelta(days=1))
                uids = await client.uid_search(f"SINCE {since} HEADER Subject {quote(code)}")
            if not uids:
                return []
            records = await client.fetch_header_fields(sorted(uids)[-NEWEST:], HEADER_FIELDS)
        found = [headers for headers in map(_headers, records) if headers is not None]
        if code:
            found = [headers for headers in found if code in headers.subject]
        return sorted(found, key=lambda headers: headers.uid)

    async def wait(self, roles: tuple[Role, ...], seconds: float) -> None:
        seconds = self._left(seconds)
        if self.waits_by is not WaitsBy.IDLE or self._client is None:
            await asyncio.sleep(seconds)
            return
        client = self._client
        first, others = roles[0], [role for role in roles[1:] if role in self._folders]
        with self._translated():
            folder = self._folder(first)
            if self._selected != folder and self._changed(folder, await self._examine(client, first)):
                return  # it changed while another folder was being looked at
            watcher = self._watcher_for(others[0]) if others else None
            stop = asyncio.Event()
            if watcher is None:
                if self._opening is not None and not self._opening.done():
                    # Until the second connection is open the first waits alone, and stops as soon
                    # as it is: the look that follows covers whatever reached Spam meanwhile.
                    self._opening.add_done_callback(lambda _: stop.set())
                await client.idle(seconds, stop)
                return

            async def watch(connection: ImapClient) -> None:
                if await connection.idle(seconds, stop):
                    stop.set()

            await _all_or_first_failure([watch(client), watch(watcher)])

    def _watcher_for(self, role: Role) -> ImapClient | None:
        """The second connection if it is open; the first call starts opening it in the background.

        In the background, so a slow sign-in there never holds up or fails the look itself.
        """
        if self._watcher is None and self._opening is None:
            self._opening = asyncio.ensure_future(self._open_watcher(role))
        return self._watcher

    async def _open_watcher(self, role: Role) -> None:
        try:
            watcher = await self._connect(stage=lambda stage: None)
            try:
                with self._translated():
                    await self._examine(watcher, role)
            except BaseException:
                watcher.close()
                raise
        except Exception as problem:
            # One connection still works: Spam is then looked at between waits, as before.
            self._log("--", f"second connection not opened: {getattr(problem, 'key', type(problem).__name__)}")
            return
        self._watcher = watcher

    async def close(self) -> None:
        if self._opening is not None:
            self._opening.cancel()
            await asyncio.gather(self._opening, return_exceptions=True)
        clients = [client for client in (self._client, self._watcher) if client is not None]
        self._client = self._watcher = None
        await asyncio.gather(*(client.logout(LOGOUT_WAIT) for client in clients))
        if self._omitted:
            self.transcript.append(f"... {self._omitted} more lines not kept")
            self._omitted = 0

    def abandon(self) -> None:
        if self._opening is not None:
            self._opening.cancel()
        clients = [client for client in (self._client, self._watcher) if client is not None]
        self._client = self._watcher = None
        for client in clients:
            client.close()


async def _all_or_first_failure(coroutines: list[Coroutine[object, object, None]]) -> None:
    """Run together until all are done; the first failure stops the others and is raised as itself."""
    tasks = [asyncio.ensure_future(coroutine) for coroutine in coroutines]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            error = task.exception()
            if error is not None:
                raise error
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


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
    )

