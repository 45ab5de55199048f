"""A small IMAP server on 127.0.0.1 that behaves as RFCs allow and Dovecot does not: like Cyrus, or hostile.

`FakeImap` speaks enough IMAP4rev1 for the wizard (LOGIN, CAPABILITY, LIST with and
without RETURN (SPECIAL-USE), EXAMINE, UID SEARCH, UID FETCH of header fields, IDLE,
LOGOUT), TLS from the first byte with a trustme certificate. Like Cyrus it uses "." as
its separator, reports special-use flags only when asked with RETURN (SPECIAL-USE)
(`special_use="on_request"`), lists unquoted names that start with "[", and refuses a
wrong password with a NO that has no response code. `special_use="volunteered"` gives the
flags in a plain LIST and advertises neither extension; `"none"` gives no flags at all.
`behaviour` makes it hostile: "silent_greeting", "drip_greeting", "silent_after_login",
"idle_flood" or "big_list". Runs in its own thread and event loop.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import threading
from dataclasses import dataclass, field

import pytest
from smtp_fixtures import PASSWORD

ADDRESS = "ecrea.test@example.org"
# Cyrus-like: INBOX.Sent and INBOX.Junk, and names that start with "[" sent unquoted.
# "[&MOEw4g-" is "[メモ" in modified UTF-7.
CYRUS_FOLDERS = {
    "INBOX": "",
    "INBOX.Drafts": "\\Drafts",
    "INBOX.Sent": "\\Sent",
    "INBOX.Junk": "\\Junk",
    "[Archive": "",
    "[&MOEw4g-": "",
}
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


@dataclass
class Message:
    uid: int
    subject: str
    to: str


@dataclass
class Session:
    selected: str | None = None
    known: int = 0
    """How many messages of `selected` this session has been told of."""
    idle_tag: str | None = None
    writer: asyncio.StreamWriter | None = None


@dataclass
class FakeImap:
    tls: ssl.SSLContext
    special_use: str = "on_request"
    behaviour: str = ""
    folders: dict[str, str] = field(default_factory=lambda: dict(CYRUS_FOLDERS))
    idle: bool = True
    port: int = 0
    commands: list[str] = field(default_factory=list)
    """Every command received, the LOGIN password replaced."""
    messages: dict[str, list[Message]] = field(default_factory=dict)
    connections: int = 0
    """Connections taken, TCP and TLS done: with a silent greeting, the client waits from here on."""

    def __post_init__(self) -> None:
        self._sessions: list[Session] = []
        self._next_uid = 1
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._session, "127.0.0.1", 0, ssl=self.tls), self._loop
        ).result(10)
        self.port = self._server.sockets[0].getsockname()[1]

    # What tests use

    def deliver(self, folder: str, subject: str, to: str = ADDRESS) -> None:
        """File a message, and tell every session idling on that folder (thread-safe)."""
        asyncio.run_coroutine_threadsafe(self._deliver(folder, subject, to), self._loop).result(10)

    def idling_on(self) -> list[str]:
        """The folders sessions are idling on now."""
        return [session.selected or "" for session in list(self._sessions) if session.idle_tag]

    def stop(self) -> None:
        async def close() -> None:
            self._server.close()
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)

    # The server

    def capabilities(self) -> str:
        words = ["IMAP4rev1", "LITERAL+"] + (["IDLE"] if self.idle else [])
        if self.special_use == "on_request":
            words += ["LIST-EXTENDED", "SPECIAL-USE"]
        return " ".join(words)

    async def _deliver(self, folder: str, subject: str, to: str) -> None:
        self.messages.setdefault(folder, []).append(Message(self._next_uid, subject, to))
        self._next_uid += 1
        for session in self._sessions:
            if session.idle_tag and session.selected == folder:
                await self._tell(session)

    async def _tell(self, session: Session) -> None:
        count = len(self.messages.get(session.selected or "", []))
        if count != session.known and session.writer is not None:
            session.known = count
            session.writer.write(f"* {count} EXISTS\r\n".encode())
            await session.writer.drain()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        session = Session(writer=writer)
        self._sessions.append(session)
        self.connections += 1
        try:
            if self.behaviour == "silent_greeting":
                await reader.read()  # TCP and TLS done; not a word until the client leaves
                return
            greeting = b"* OK [CAPABILITY IMAP4rev1] fake Cyrus ready\r\n"
            if self.behaviour == "drip_greeting":
                for byte in greeting:
                    writer.write(bytes([byte]))
                    await writer.drain()
                    await asyncio.sleep(1)
                return
            writer.write(greeting)
            await writer.drain()
            while line := await reader.readline():
                await self._command(session, line.decode("utf-8", "replace").rstrip("\r\n"), writer)
        except (ConnectionError, ssl.SSLError, asyncio.CancelledError):
            pass
        finally:
            self._sessions.remove(session)
            writer.close()

    async def _command(self, session: Session, line: str, writer: asyncio.StreamWriter) -> None:
        def send(*lines: str | bytes) -> None:
            for each in lines:
                writer.write((each if isinstance(each, bytes) else each.encode()) + b"\r\n")

        if session.idle_tag is not None:
            if line.upper() == "DONE" and self.behaviour != "idle_flood":
                send(f"{session.idle_tag} OK IDLE terminated")
                session.idle_tag = None
            await writer.drain()
            return
        words = [quoted if quoted or not bare else bare for quoted, bare in _TOKEN.findall(line)]
        if len(words) < 2:
            send("* BAD no tag")
            return
        tag, name, args = words[0], words[1].upper(), words[2:]
        self.commands.append(f"{tag} LOGIN {args[0] if args else ''} [hidden]" if name == "LOGIN" else line)
        if name == "CAPABILITY":
            send(f"* CAPABILITY {self.capabilities()}", f"{tag} OK done")
        elif name == "LOGIN":
            if self.behaviour == "silent_after_login":
                return
            if args[1:2] == [PASSWORD]:
                send(f"{tag} OK User logged in")
            else:
                send(f"{tag} NO Login failed: authentication failure")
        elif name == "LIST":
            await self._list(tag, line, writer)
        elif name == "EXAMINE":
            folder = args[0]
            if folder.upper() == "INBOX":
                folder = "INBOX"
            if folder not in self.folders:
                send(f"{tag} NO Mailbox does not exist")
                return
            found = self.messages.get(folder, [])
            session.selected, session.known = folder, len(found)
            send(f"* {len(found)} EXISTS", "* OK [UIDVALIDITY 1] ok", f"* OK [UIDNEXT {self._next_uid}] ok",
                 f"{tag} OK [READ-ONLY] done")
        elif name == "UID" and args[0].upper() == "SEARCH":
            send("* SEARCH " + " ".join(str(message.uid) for message in self._search(session, args[1:])),
                 f"{tag} OK done")
        elif name == "UID" and args[0].upper() == "FETCH":
            uids = {int(uid) for uid in args[1].split(",")}
            for number, message in enumerate(self.messages.get(session.selected or "", []), 1):
                if message.uid in uids:
                    header = f"Subject: {message.subject}\r\nTo: {message.to}\r\n\r\n".encode()
                    send(f'* {number} FETCH (UID {message.uid} INTERNALDATE "28-Nov-2026 16:55:46 +0000" '
                         f"BODY[HEADER.FIELDS (DATE FROM TO SUBJECT MESSAGE-ID)] {{{len(header)}}}".encode()
                         + b"\r\n" + header + b")")
            send(f"{tag} OK done")
        elif name == "IDLE" and self.idle:
            session.idle_tag = tag
            send("+ idling")
            await writer.drain()
            if self.behaviour == "idle_flood":
                while not writer.is_closing():  # never a change, never the end
                    writer.write(b"* OK still here\r\n")
                    await writer.drain()
                    await asyncio.sleep(0.01)
            await self._tell(session)  # what came while it was not idling
        elif name == "LOGOUT":
            send("* BYE bye", f"{tag} OK done")
        elif name == "NOOP":
            send(f"{tag} OK done")
        else:
            send(f"{tag} BAD unknown command")
        await writer.drain()

    async def _list(self, tag: str, line: str, writer: asyncio.StreamWriter) -> None:
        asked = "RETURN (SPECIAL-USE)" in line.upper()
        if asked and self.special_use != "on_request":
            writer.write(f"{tag} BAD unexpected RETURN\r\n".encode())
            return
        if self.behaviour == "big_list":
            for number in range(200_000):  # far more than the 4 MB any answer may be
                if writer.is_closing():
                    return
                writer.write(f"* LIST (\\HasNoChildren) \".\" INBOX.folder{number:06d}\r\n".encode())
                if number % 1000 == 0:
                    await writer.drain()
        for name, special in self.folders.items():
            flags = ["\\HasNoChildren"]
            if special and (asked or self.special_use == "volunteered"):
                flags.append(special)
            writer.write(f'* LIST ({" ".join(flags)}) "." {name}\r\n'.encode())
        writer.write(f"{tag} OK done\r\n".encode())

    def _search(self, session: Session, criteria: list[str]) -> list[Message]:
        found = self.messages.get(session.selected or "", [])
        if criteria and criteria[0].upper() == "UID":
            start = int(criteria[1].split(":")[0])
            return [message for message in found if message.uid >= start] or found[-1:]
        if "HEADER" in [word.upper() for word in criteria]:
            code = criteria[-1]
            return [message for message in found if code in message.subject]
        return found


@pytest.fixture
def fake_imap(trusted_context: ssl.SSLContext):
    started: list[FakeImap] = []

    def start(**options) -> FakeImap:
        server = FakeImap(trusted_context, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
