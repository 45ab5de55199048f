"""Gmail-like SMTP servers on 127.0.0.1 with certificates made per test run (trustme)."""

from __future__ import annotations

import ssl

import pytest
import trustme

from wizard.mail.gmail_like_server import Behaviour, GmailLikeServer

PASSWORD = "abcdefghijklmnop"


def server_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(scope="session")
def trusted_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(trusted_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    path.write_bytes(trusted_ca.cert_pem.bytes())
    return str(path)


@pytest.fixture(scope="session")
def trusted_context(trusted_ca: trustme.CA) -> ssl.SSLContext:
    return server_context(trusted_ca)


@pytest.fixture(scope="session")
def untrusted_context() -> ssl.SSLContext:
    return server_context(trustme.CA())


@pytest.fixture
def gmail_server(trusted_context: ssl.SSLContext):
    started: list[GmailLikeServer] = []

    def start(behaviour: Behaviour | None = None, context: ssl.SSLContext | None = None) -> GmailLikeServer:
        server = GmailLikeServer(PASSWORD, context or trusted_context, behaviour or Behaviour())
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def connected(server: GmailLikeServer) -> bool:
    """A server that never greets has a client connected, waiting for its greeting."""
    silent = server._silent
    return silent is not None and bool(silent._writers)


class ScriptedServer:
    """A loopback server whose replies a test writes by hand: for what no real server library would say.

    `reply(line)` gets each line the client sends and returns the reply (or None to say
    nothing); `greeting` is sent first. `delay` holds back every reply, `tls` wraps the
    connection from the first byte. Runs in its own thread and event loop.
    """

    def __init__(self, reply, greeting: str | None = "220 scripted ESMTP", delay: float = 0.0, tls: ssl.SSLContext | None = None) -> None:
        import asyncio
        import threading

        self.reply, self.greeting, self.delay, self.tls = reply, greeting, delay, tls
        self.received: list[str] = []
        self.connections = 0
        """Connections accepted: with a held-back greeting, the client is waiting for it from here on."""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _start(self):
        import asyncio

        return await asyncio.start_server(self._session, "127.0.0.1", 0, ssl=self.tls)

    async def _session(self, reader, writer) -> None:
        import asyncio

        self.connections += 1
        try:
            if self.greeting is not None:
                await asyncio.sleep(self.delay)
                writer.write(self.greeting.encode() + b"\r\n")
                await writer.drain()
            while line := await reader.readline():
                text = line.decode(errors="replace").rstrip("\r\n")
                self.received.append(text)
                answer = self.reply(text)
                if answer is None:
                    continue
                await asyncio.sleep(self.delay)
                writer.write(answer.encode() + b"\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError, ssl.SSLError):
            pass
        finally:
            writer.close()

    def stop(self) -> None:
        import asyncio

        async def close() -> None:
            self._server.close()
            sessions = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in sessions:
                task.cancel()
            await asyncio.gather(*sessions, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


@pytest.fixture
def scripted_server():
    started: list[ScriptedServer] = []

    def start(reply, **options) -> ScriptedServer:
        server = ScriptedServer(reply, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
