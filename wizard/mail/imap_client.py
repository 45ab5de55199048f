"""A small, read-only IMAP4rev1 client: what confirming delivery needs, and no more.

TLS from the first byte with the certificate verified, LOGIN, LIST, EXAMINE, UID SEARCH,
UID FETCH of header fields with BODY.PEEK (nothing is marked read), IDLE and LOGOUT.
Every read has a bound and a size limit: the server's words are untrusted input.

Written here rather than taken from aioimaplib (2.0.3, which does support IDLE): that
library raises a refused greeting inside a background task, keeps waiting after the
server has closed the connection until its timeout, and buffers a literal of any size
the server announces; and its responses come back as raw lines that we would parse
ourselves anyway. The standard imaplib has no IDLE before Python 3.14.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from wizard.mail.mailbox import MailboxStage

# Every bound is asyncio.timeout or asyncio.wait, never wait_for: on Python 3.11, wait_for
# returns a result that lands as the caller is cancelled, and the cancel is lost (a Cancel
# pressed at that moment would go unheard).
MAX_LINE = 64 * 1024
MAX_LITERAL = 256 * 1024
"""Header fields of one message are a few hundred bytes; anything far larger is not an answer to us."""
MAX_RESPONSE = 4 * 1024 * 1024
"""All the untagged data one command may bring back."""
SHOWN_LINE = 300
"""A transcript shows this much of each server line."""
LOGGED_LINES = 400
"""A transcript keeps this many server lines per command: a 200,000-folder LIST is not a record anyone reads."""

_LITERAL_AT_END = re.compile(rb"\{(\d{1,9})\+?\}$")
_STATUS = re.compile(r"(OK|NO|BAD|BYE|PREAUTH)(?: \[([^\]]*)\])?(?: (.*))?$", re.IGNORECASE | re.DOTALL)
_ATOM_STOP = b" ()\r\n"
# Only a fetch attribute opens a [section] that may hold spaces; elsewhere "[" and "]" are
# ordinary astring characters (RFC 3501/9051), as in an unquoted mailbox named "[Archive".
_SECTION_ATOMS = {b"BODY", b"BODY.PEEK", b"BINARY", b"BINARY.PEEK", b"BINARY.SIZE"}


class ImapError(Exception):
    """Base of everything this client raises; the text is safe to show once scrubbed."""


class ImapRefused(ImapError):
    """A tagged NO or BAD: the server understood and said no."""

    def __init__(self, status: str, code: str, text: str) -> None:
        super().__init__(f"{status} [{code}] {text}" if code else f"{status} {text}")
        self.status = status
        self.code = code
        """The response code in brackets, e.g. "ALERT" or "AUTHENTICATIONFAILED"; upper case."""
        self.text = text


class ImapClosed(ImapError):
    """The server said BYE or the connection ended."""


class ImapProtocolError(ImapError):
    """What came back is not IMAP, or breaks a limit."""


@dataclass
class Response:
    status: str
    code: str
    text: str
    untagged: list[bytes] = field(default_factory=list)
    """Each untagged response without its leading "* ", literals inline as on the wire."""

    def codes(self) -> dict[str, str]:
        """Response codes from untagged OK lines and the tagged line: {"UIDNEXT": "5", ...}."""
        found: dict[str, str] = {}
        for raw in [*self.untagged, f"{self.status} [{self.code}]".encode()]:
            status = parse_status(raw.decode("utf-8", "replace"))
            if status is not None and status[1]:
                name, _, value = status[1].partition(" ")
                found[name.upper()] = value
        return found


def parse_status(text: str) -> tuple[str, str, str] | None:
    """(status, code, text) of "OK [CODE args] text", or None when `text` is not a status response."""
    match = _STATUS.match(text)
    if match is None:
        return None
    return match.group(1).upper(), (match.group(2) or "").upper(), match.group(3) or ""


# Parsed IMAP data: str for atoms, bytes for quoted strings and literals, None for NIL, lists.
Item = str | bytes | None | list["Item"]


def parse_items(data: bytes) -> list[Item]:
    """Tokenize one response (after "* ") into atoms, strings, NIL and parenthesised lists."""
    return _parse_sequence(data, 0, closing=None)[0]


def _parse_sequence(data: bytes, position: int, closing: int | None) -> tuple[list[Item], int]:
    items: list[Item] = []
    length = len(data)
    while True:
        while position < length and data[position] == 0x20:
            position += 1
        if position >= length:
            if closing is not None:
                raise ImapProtocolError("unbalanced parentheses")
            return items, position
        char = data[position]
        if closing is not None and char == closing:
            return items, position + 1
        if char == 0x28:  # (
            inner, position = _parse_sequence(data, position + 1, closing=0x29)
            items.append(inner)
        elif char == 0x22:  # "
            value, position = _parse_quoted(data, position + 1)
            items.append(value)
        elif char == 0x7B:  # {n}CRLF then n bytes
            end = data.find(b"}", position)
            if end < 0 or not data[position + 1 : end].rstrip(b"+").isdigit():
                raise ImapProtocolError("malformed literal")
            size = int(data[position + 1 : end].rstrip(b"+"))
            start = end + 3
            if data[end + 1 : start] != b"\r\n" or start + size > length:
                raise ImapProtocolError("malformed literal")
            items.append(data[start : start + size])
            position = start + size
        elif char == 0x29:
            raise ImapProtocolError("unbalanced parentheses")
        else:
            atom, position = _parse_atom(data, position)
            items.append(None if atom.upper() == "NIL" else atom)


def _parse_quoted(data: bytes, position: int) -> tuple[bytes, int]:
    value = bytearray()
    while position < len(data):
        char = data[position]
        if char == 0x5C and position + 1 < len(data):  # backslash escapes " and itself
            value.append(data[position + 1])
            position += 2
        elif char == 0x22:
            return bytes(value), position + 1
        else:
            value.append(char)
            position += 1
    raise ImapProtocolError("unterminated string")


def _parse_atom(data: bytes, position: int) -> tuple[str, int]:
    """An atom or astring; BODY[section] may hold spaces and parentheses (BODY[HEADER.FIELDS (DATE)])."""
    start = position
    while position < len(data) and data[position] not in _ATOM_STOP:
        if data[position] == 0x5B and data[start:position].upper() in _SECTION_ATOMS:  # [
            end = data.find(b"]", position)
            if end < 0:
                raise ImapProtocolError("unterminated section")
            position = end
        position += 1
    return data[start:position].decode("utf-8", "replace"), position


def quote(value: str) -> str:
    """An IMAP quoted string; refuses what a quoted string cannot carry."""
    if any(char in value for char in "\r\n\0") or not value.isascii():
        raise ValueError("cannot be sent as an IMAP quoted string")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Folder:
    """One LIST entry."""

    flags: frozenset[str]
    """Upper-cased, e.g. {"\\JUNK", "\\HASNOCHILDREN"}."""
    name: str
    """As the server spells it (modified UTF-7), for EXAMINE."""
    separator: str
    """The server's hierarchy separator ("/", "." ...), "" when it has none."""

    @property
    def shown(self) -> str:
        """The name decoded, with the server's separator written as "/": "INBOX.Junk" -> "INBOX/Junk"."""
        parts = self.name.split(self.separator) if self.separator else [self.name]
        return "/".join(decode_folder_name(part) for part in parts)


def decode_folder_name(name: str) -> str:
    """IMAP's modified UTF-7 (RFC 3501 5.1.3) to text: "&j,dg0TDhMPww6w-" -> "迷惑メール"."""
    import base64

    def decode(match: re.Match[str]) -> str:
        encoded = match.group(1)
        if not encoded:
            return "&"
        padded = encoded.replace(",", "/") + "=" * (-len(encoded) % 4)
        try:
            return base64.b64decode(padded).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return match.group(0)

    return re.sub(r"&([A-Za-z0-9+,]*)-", decode, name)


class ImapClient:
    """One connection. Use `connect`, then the commands; `close` always."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        reply_timeout: float,
        log: Callable[[str, str], None],
    ) -> None:
        self._reader = reader
        self._writer = writer
        self.reply_timeout = reply_timeout
        self._log = log
        self._tag = 0
        self.capabilities: set[str] = set()
        self.deadline: float | None = None
        """The event loop's time by which everything must be over; no read or loop goes past it."""
        self._broken = False
        """A command failed part-way: what the server says next cannot be trusted to line up."""

    @classmethod
    async def connect(
        cls,
        host: str,
        port: int,
        context: ssl.SSLContext,
        *,
        connect_timeout: float,
        reply_timeout: float,
        address: str | None = None,
        log: Callable[[str, str], None] = lambda direction, text: None,
        deadline: float | None = None,
        stage: Callable[[MailboxStage], None] = lambda stage: None,
    ) -> ImapClient:
        """Connect to `address` (default: `host`) with TLS for `host`, verified by `context`; read the greeting.

        `stage` is told CONNECT, TLS and GREETING as each begins, so a timeout can say
        which one never finished. Raises OSError (ssl errors included), TimeoutError, and ImapError.
        """
        stage(MailboxStage.CONNECT)
        async with asyncio.timeout(_bounded(connect_timeout, deadline)):
            reader, writer = await asyncio.open_connection(address or host, port, limit=MAX_LINE)
        client = cls(reader, writer, reply_timeout, log)
        client.deadline = deadline
        try:
            stage(MailboxStage.TLS)
            # TLS from the first byte, as on port 993; its handshake is a stage of its own.
            async with asyncio.timeout(_bounded(reply_timeout, deadline)):
                await writer.start_tls(context, server_hostname=host)
            stage(MailboxStage.GREETING)
            greeting = await client._read_response()
            client._log("S:", client._shown(greeting))
            status = parse_status(greeting.removeprefix(b"* ").decode("utf-8", "replace"))
            if not greeting.startswith(b"* ") or status is None:
                raise ImapProtocolError(greeting[:SHOWN_LINE].decode("utf-8", "replace"))
            if status[0] == "BYE":
                raise ImapClosed(status[2])
            if status[0] not in ("OK", "PREAUTH"):
                raise ImapProtocolError(greeting[:SHOWN_LINE].decode("utf-8", "replace"))
            client._note_capabilities(status[1])
        except BaseException:
            client.close()
            raise
        return client

    @property
    def certificate(self) -> dict | None:
        return self._writer.get_extra_info("peercert")

    def close(self) -> None:
        """Drop the connection at once (no LOGOUT): for cancelling and after failures."""
        self._writer.close()

    async def logout(self, seconds: float = 2.0) -> None:
        """Say goodbye politely for up to `seconds`; any trouble doing so is ignored."""
        if self._broken:
            # Mid-response after a failure: a LOGOUT would only read what is left of it.
            self.close()
            return
        seconds = min(self.reply_timeout, seconds)
        self.deadline = asyncio.get_running_loop().time() + seconds  # the goodbye has its own short bound
        try:
            # Not wait_for: no task of its own that could end with an error nobody reads.
            async with asyncio.timeout(seconds):
                await self.command("LOGOUT")
        except (ImapError, OSError, TimeoutError):
            pass
        finally:
            self.close()

    # Commands

    async def login(self, user: str, password: str) -> None:
        """Sign in; a refusal raises ImapRefused. The capabilities are those after signing in."""
        response = await self.command(f"LOGIN {quote(user)} {quote(password)}", shown="LOGIN [credentials hidden]")
        if response.code.upper().startswith("CAPABILITY"):
            self._note_capabilities(response.code)
        else:
            for raw in response.untagged:
                if raw.upper().startswith(b"CAPABILITY "):
                    self._note_capabilities(raw.decode("ascii", "replace"))
                    return
            await self.refresh_capabilities()

    async def refresh_capabilities(self) -> None:
        response = await self.command("CAPABILITY")
        for raw in response.untagged:
            if raw.upper().startswith(b"CAPABILITY "):
                self._note_capabilities(raw.decode("ascii", "replace"))

    async def list_folders(self, *, special_use: bool = False) -> list[Folder]:
        """Every folder. With `special_use`, asks for RFC 6154's flags, which a server may give only when asked."""
        command = 'LIST "" "*" RETURN (SPECIAL-USE)' if special_use else 'LIST "" "*"'
        response = await self.command(command)
        folders: list[Folder] = []
        for raw in response.untagged:
            self._check_deadline()  # 200,000 entries take a while to read
            if not raw.upper().startswith(b"LIST "):
                continue
            items = parse_items(raw[5:])
            if len(items) < 3 or not isinstance(items[0], list):
                continue
            flags = frozenset(flag.upper() for flag in items[0] if isinstance(flag, str))
            separator = items[1].decode("utf-8", "replace") if isinstance(items[1], bytes) else ""
            name = items[2]
            if isinstance(name, bytes):
                name = name.decode("utf-8", "replace")
            if isinstance(name, str):
                folders.append(Folder(flags, name, separator))
        return folders

    async def examine(self, folder: str) -> dict[str, str]:
        """Select `folder` read-only; returns its response codes (UIDVALIDITY, UIDNEXT, ...)."""
        response = await self.command(f"EXAMINE {quote(folder)}")
        codes = response.codes()
        for raw in response.untagged:
            parts = raw.split(b" ")
            if len(parts) == 2 and parts[1].upper() == b"EXISTS" and parts[0].isdigit():
                codes["EXISTS"] = parts[0].decode()
        return codes

    async def uid_search(self, criteria: str) -> list[int]:
        response = await self.command(f"UID SEARCH {criteria}")
        found: list[int] = []
        for raw in response.untagged:
            if raw.upper().startswith(b"SEARCH"):
                found.extend(int(word) for word in raw.split()[1:] if word.isdigit())
        return found

    async def fetch_header_fields(self, uids: list[int], fields: tuple[str, ...]) -> list[dict[str, Item]]:
        """UID, INTERNALDATE and the named header fields of `uids`, read with BODY.PEEK."""
        if not uids:
            return []
        section = f"BODY.PEEK[HEADER.FIELDS ({' '.join(fields)})]"
        response = await self.command(f"UID FETCH {','.join(map(str, uids))} (UID INTERNALDATE {section})")
        records: list[dict[str, Item]] = []
        for raw in response.untagged:
            number, _, rest = raw.partition(b" ")
            if not number.isdigit() or not rest.upper().startswith(b"FETCH "):
                continue
            items = parse_items(rest[6:])
            if not items or not isinstance(items[0], list):
                continue
            pairs = items[0]
            record: dict[str, Item] = {}
            for key, value in zip(pairs[::2], pairs[1::2], strict=False):
                if isinstance(key, str):
                    # BODY[HEADER.FIELDS (...)] comes back under that name: keep it as "HEADER".
                    record["HEADER" if key.upper().startswith("BODY[") else key.upper()] = value
            records.append(record)
        return records

    async def idle(self, seconds: float, stop: asyncio.Event | None = None) -> bool:
        """Wait in IDLE up to `seconds`, or until `stop` is set; True if the server reported a change.

        "* OK still here" and the like are not changes: they do not end the wait.
        """
        try:
            return await self._idle(seconds, stop)
        except ImapRefused:
            raise
        except BaseException:
            self._broken = True
            raise

    async def _idle(self, seconds: float, stop: asyncio.Event | None) -> bool:
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        tag = self._next_tag()
        self._send(f"{tag} IDLE", "IDLE")
        changed = False
        while True:  # a server may tell of changes before it accepts IDLE
            first = await self._read_response()
            self._log("S:", self._shown(first))
            if first.startswith(b"+"):
                break
            if not first.startswith(b"* "):
                self._raise_for(tag, first)
                raise ImapProtocolError("IDLE was not accepted")
            changed = changed or _tells_of_change(first)
        stopped = asyncio.ensure_future(stop.wait()) if stop is not None else None
        pending: asyncio.Future[bytes] | None = None
        try:
            while not changed and (stop is None or not stop.is_set()):
                remaining = until - loop.time()
                if self.deadline is not None:
                    remaining = min(remaining, self.deadline - loop.time())
                if remaining <= 0:
                    break
                # The read is never cancelled half-way: after DONE the same read takes the next line.
                pending = asyncio.ensure_future(self._read_response(wait_forever=True))
                await asyncio.wait({pending, *([stopped] if stopped else [])}, timeout=remaining,
                                   return_when=asyncio.FIRST_COMPLETED)
                if not pending.done():
                    break
                raw = pending.result()
                pending = None
                if not raw.startswith(b"* "):
                    # The server may end IDLE itself (RFC 2177): its tagged reply is the end.
                    await self._finish(tag, first=raw)
                    return True
                self._log("S:", self._shown(raw))
                if raw[2:].upper().startswith(b"BYE"):
                    raise ImapClosed(raw[6:].decode("utf-8", "replace"))
                changed = _tells_of_change(raw)
            self._send("DONE", "DONE")
            if pending is not None:
                # Bounded again now that DONE is sent: the server owes its tagged reply.
                raw = await self._bounded_wait(pending)
                pending = None
                await self._finish(tag, first=raw)
            else:
                await self._finish(tag)
        finally:
            for task in (pending, stopped):
                if task is not None:
                    task.cancel()
                    task.add_done_callback(_read_outcome)
        return changed

    # The conversation

    async def command(self, line: str, *, shown: str | None = None) -> Response:
        tag = self._next_tag()
        self._send(f"{tag} {line}", shown or line)
        try:
            return await self._finish(tag)
        except ImapRefused:
            raise  # a complete answer: the conversation is still in step
        except BaseException:
            self._broken = True
            raise

    async def _finish(self, tag: str, first: bytes | None = None) -> Response:
        """Read untagged responses until the tagged one for `tag`; raise for NO, BAD and BYE."""
        untagged: list[bytes] = []
        total = 0
        logged = 0
        while True:
            raw = first if first is not None else await self._read_response()
            first = None
            # Buffered lines are read without yielding to the event loop: the deadline is checked here.
            self._check_deadline()
            logged += 1
            if logged <= LOGGED_LINES or not raw.startswith(b"* "):
                self._log("S:", self._shown(raw))
            elif logged == LOGGED_LINES + 1:
                self._log("S:", "...")
            if raw.startswith(b"* "):
                body = raw[2:]
                if body.upper().startswith(b"BYE"):
                    raise ImapClosed(body[4:].decode("utf-8", "replace"))
                total += len(body)
                if total > MAX_RESPONSE:
                    raise ImapProtocolError("response too large")
                untagged.append(body)
            elif raw.startswith(tag.encode() + b" "):
                status = parse_status(raw[len(tag) + 1 :].decode("utf-8", "replace"))
                if status is None:
                    raise ImapProtocolError(raw[:SHOWN_LINE].decode("utf-8", "replace"))
                if status[0] != "OK":
                    raise ImapRefused(*status)
                return Response(*status, untagged=untagged)
            elif raw.startswith(b"+"):
                raise ImapProtocolError("unexpected continuation")
            else:
                raise ImapProtocolError(raw[:SHOWN_LINE].decode("utf-8", "replace"))

    def _raise_for(self, tag: str, raw: bytes) -> None:
        if raw.startswith(tag.encode() + b" "):
            status = parse_status(raw[len(tag) + 1 :].decode("utf-8", "replace"))
            if status is not None and status[0] != "OK":
                raise ImapRefused(*status)

    def _next_tag(self) -> str:
        self._tag += 1
        return f"W{self._tag}"

    def _send(self, line: str, shown: str) -> None:
        self._log("C:", shown)
        self._writer.write(line.encode("ascii") + b"\r\n")

    def _check_deadline(self) -> None:
        if self.deadline is not None and asyncio.get_running_loop().time() >= self.deadline:
            raise TimeoutError

    def _wait_bound(self, wait_forever: bool = False) -> float | None:
        """How long one read may take: the reply timeout (unless IDLE waits on purpose), never past the deadline."""
        return _bounded(None if wait_forever else self.reply_timeout, self.deadline)

    async def _bounded_wait(self, pending: asyncio.Future[bytes]) -> bytes:
        bound = self._wait_bound()
        if bound is not None and bound <= 0:
            raise TimeoutError
        await asyncio.wait({pending}, timeout=bound)
        if not pending.done():
            raise TimeoutError
        return pending.result()

    async def _read_line(self, wait_forever: bool = False) -> bytes:
        bound = self._wait_bound(wait_forever)
        if bound is not None and bound <= 0:
            raise TimeoutError
        try:
            async with asyncio.timeout(bound):
                line = await self._reader.readuntil(b"\r\n")
        except asyncio.IncompleteReadError as error:
            raise ImapClosed("connection closed") from error
        except asyncio.LimitOverrunError as error:
            raise ImapProtocolError("line too long") from error
        return line[:-2]

    async def _read_response(self, wait_forever: bool = False) -> bytes:
        """One response: a line, and the literals it announces with the lines that follow them.

        `wait_forever` leaves the first line unbounded but for the deadline (IDLE waits on purpose).
        """
        response = await self._read_line(wait_forever)
        last_line = response
        while (match := _LITERAL_AT_END.search(last_line)) is not None:
            size = int(match.group(1))
            if size > MAX_LITERAL:
                raise ImapProtocolError("literal too large")
            try:
                async with asyncio.timeout(self._wait_bound()):
                    literal = await self._reader.readexactly(size)
            except asyncio.IncompleteReadError as error:
                raise ImapClosed("connection closed") from error
            last_line = await self._read_line()
            response += b"\r\n" + literal + last_line
            if len(response) > MAX_RESPONSE:
                raise ImapProtocolError("response too large")
        return response

    def _shown(self, raw: bytes) -> str:
        """A server line for the transcript: literals (message headers) replaced by their size."""
        first, separator, _ = raw.partition(b"\r\n")
        text = first[:SHOWN_LINE].decode("utf-8", "replace")
        if separator:
            text += " ..."
        elif len(first) > SHOWN_LINE:
            text += "..."
        return text

    def _note_capabilities(self, code: str) -> None:
        words = code.split()
        if words and words[0].upper() == "CAPABILITY":
            self.capabilities = {word.upper() for word in words[1:]}


def _bounded(seconds: float | None, deadline: float | None) -> float | None:
    """`seconds`, shortened to what is left before `deadline` (the event loop's clock)."""
    if deadline is None:
        return seconds
    left = max(0.0, deadline - asyncio.get_running_loop().time())
    return left if seconds is None else min(seconds, left)


def _tells_of_change(raw: bytes) -> bool:
    """An untagged response in IDLE that may mean new mail: EXISTS, RECENT, EXPUNGE, FETCH; not OK."""
    words = raw[2:].split(b" ", 2)
    return len(words) >= 2 and words[1].upper() in (b"EXISTS", b"RECENT", b"EXPUNGE", b"FETCH")


def _read_outcome(task: asyncio.Future) -> None:
    """Reads a dropped task's outcome, so its error is not reported as never retrieved."""
    if not task.cancelled():
        task.exception()
