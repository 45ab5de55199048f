"""An SMTP server on 127.0.0.1 that answers like Gmail, for practice mode and tests.

STARTTLS with a certificate from a throwaway CA made at start, AUTH only after TLS,
Gmail's replies for a wrong password, and optional failures (a `Behaviour`) so each
row of the diagnosis table can be rehearsed.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiosmtpd.controller import Controller

BAD_CREDENTIALS = (
    "535 5.7.8 Username and Password not accepted. For more information, go to "
    "https://support.google.com/mail/?p=BadCredentials"
)


@dataclass(frozen=True)
class Behaviour:
    """How the server misbehaves; the default is a healthy Gmail."""

    auth_reply: str = ""
    """If set, every AUTH gets this reply (e.g. a 534 or 454)."""
    mail_reply: str = ""
    data_reply: str = ""
    starttls: bool = True
    offer_auth: bool = True
    """False: EHLO offers no AUTH at all, as a relay or a wrong port would."""
    greet: bool = True
    close_during_data: bool = False
    ehlo_delay: float = 0.0
    """Seconds to hold back the reply to EHLO before TLS: a server that greets at once, then is slow."""
    tls_ehlo_delay: float = 0.0
    """The same for EHLO over TLS."""


@dataclass
class Received:
    messages: list[EmailMessage] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    """When each message was accepted (UTC), in the same order."""
    auth_before_tls: int = 0
    """AUTH commands seen on a connection without TLS: must stay 0."""
    auth_attempts: int = 0
    ehlo_names: list[str] = field(default_factory=list)
    """The name the client gave in each EHLO."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GmailLikeServer:
    def __init__(
        self,
        password: str,
        certificate: ssl.SSLContext | None,
        behaviour: Behaviour = Behaviour(),
    ) -> None:
        self.password = password
        self.behaviour = behaviour
        self.server_context = certificate
        self.received = Received()
        self.deliver: Callable[[EmailMessage], None] | None = None
        """Called with each accepted message (in the server's thread): tests file it in a real mailbox."""
        self.host = "127.0.0.1"
        self.port = free_port()
        self._controller: Controller | None = None
        self._silent: _SilentServer | None = None

    def start(self) -> None:
        # aiosmtpd logs a deprecation notice about its own internals on every AUTH.
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        if not self.behaviour.greet:
            self._silent = _SilentServer(self.host, self.port)
            self._silent.start()
            return
        from aiosmtpd.controller import Controller

        self._controller = Controller(
            _Handler(self),
            hostname=self.host,
            port=self.port,
            server_hostname="localhost",
            tls_context=self.server_context if self.behaviour.starttls else None,
            require_starttls=False,
            auth_require_tls=self.behaviour.starttls,
            authenticator=self._authenticate,
            # Without mechanisms aiosmtpd advertises no AUTH at all.
            auth_exclude_mechanism=() if self.behaviour.offer_auth else ("LOGIN", "PLAIN"),
            ident="mx.google.com ESMTP practice",
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
        if self._silent is not None:
            self._silent.stop()

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.received.auth_attempts += 1
        if session.ssl is None:
            self.received.auth_before_tls += 1
        if self.behaviour.auth_reply:
            return AuthResult(success=False, handled=False, message=self.behaviour.auth_reply)
        if isinstance(auth_data, LoginPassword) and auth_data.password.decode() == self.password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False, message=BAD_CREDENTIALS)


class _Handler:
    def __init__(self, server: GmailLikeServer) -> None:
        self.server = server

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname  # with this hook aiosmtpd leaves it to the handler
        self.server.received.ehlo_names.append(hostname)
        behaviour = self.server.behaviour
        await asyncio.sleep(behaviour.tls_ehlo_delay if session.ssl else behaviour.ehlo_delay)
        return responses

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]) -> str:
        if self.server.behaviour.mail_reply:
            return self.server.behaviour.mail_reply
        envelope.mail_from = address
        return "250 2.1.0 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        behaviour = self.server.behaviour
        if behaviour.close_during_data:
            server.transport.close()
            return "421 4.7.0 closing"
        if behaviour.data_reply:
            return behaviour.data_reply
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        # Time first: a reader that sees the message always finds its time.
        self.server.received.times.append(datetime.now(UTC))
        self.server.received.messages.append(message)
        if self.server.deliver is not None:
            self.server.deliver(message)
        return "250 2.0.0 OK practice"


class _SilentServer:
    """Accepts connections and never says a word: a server that does not greet."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._writers: list[asyncio.StreamWriter] = []

    def start(self) -> None:
        async def serve() -> asyncio.Server:
            return await asyncio.start_server(lambda _, writer: self._writers.append(writer), self.host, self.port)

        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(serve(), self._loop).result(5)

    def stop(self) -> None:
        for writer in self._writers:
            self._loop.call_soon_threadsafe(writer.close)
        self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
