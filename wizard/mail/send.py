"""The live test send: the same conversation Ecrea will have with Gmail.

Connect, greeting, EHLO, STARTTLS with full certificate verification, EHLO again,
AUTH, then MAIL / RCPT / DATA. No credential is sent unless TLS is up. Every wait
has a timeout. Progress is reported stage by stage through a callback, and a
redacted transcript of the commands and replies is kept for support.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage

from wizard.mail.diagnosis import Diagnosis, Stage, diagnose_problem, diagnose_reply

CONNECT_TIMEOUT = 15.0
REPLY_TIMEOUT = 30.0


@dataclass(frozen=True)
class CheckRequest:
    address: str
    password: str = field(repr=False)
    message: EmailMessage = field(repr=False)
    recipient: str
    host: str = "smtp.gmail.com"
    port: int = 587
    ca_file: str | None = None
    connect_timeout: float = CONNECT_TIMEOUT
    reply_timeout: float = REPLY_TIMEOUT


@dataclass(frozen=True)
class StageEvent:
    stage: Stage
    done: bool
    """False when the stage starts, True when it has succeeded."""
    detail: str = ""


@dataclass
class CheckResult:
    diagnosis: Diagnosis | None = None
    reached: Stage | None = None
    """The last stage started."""
    transcript: list[str] = field(default_factory=list)
    certificate: str = ""

    @property
    def ok(self) -> bool:
        return self.diagnosis is None


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Always verifying; `ca_file` adds a trusted CA for networks that intercept TLS."""
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context


def describe_certificate(certificate: dict) -> str:
    subject = dict(item for part in certificate.get("subject", ()) for item in part)
    names = [value for _, value in certificate.get("subjectAltName", ())]
    name = subject.get("commonName") or (names[0] if names else "?")
    expires = certificate.get("notAfter", "")
    if expires:
        expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(expires), timezone.utc).strftime("%Y-%m-%d")
    return f"{name} ({expires})"


class _Failure(Exception):
    def __init__(self, diagnosis: Diagnosis) -> None:
        super().__init__(diagnosis.key)
        self.diagnosis = diagnosis


class _Conversation:
    def __init__(self, request: CheckRequest, report: Callable[[StageEvent], None]) -> None:
        self.request = request
        self.report = report
        self.result = CheckResult()
        self.stage = Stage.RESOLVE

    def begin(self, stage: Stage) -> None:
        self.stage = stage
        self.result.reached = stage
        self.report(StageEvent(stage, done=False))

    def end(self, detail: str = "") -> None:
        self.report(StageEvent(self.stage, done=True, detail=detail))

    def fail(self, key: str, detail: str = "") -> _Failure:
        return _Failure(diagnose_problem(key, self.stage, detail))

    def log(self, direction: str, text: str) -> None:
        for line in text.splitlines() or [""]:
            self.result.transcript.append(f"{direction} {line}")

    async def command(self, smtp, shown: str, call, *, expect: tuple[int, ...] = (250,)):
        """Run one SMTP command, logging `shown` (never a secret) and the reply."""
        import aiosmtplib

        self.log("C:", shown)
        try:
            response = await call
        except aiosmtplib.SMTPResponseException as error:
            self.log("S:", f"{error.code} {error.message}")
            raise _Failure(diagnose_reply(self.stage, error.code, error.message)) from None
        self.log("S:", f"{response.code} {response.message}")
        if response.code not in expect:
            raise _Failure(diagnose_reply(self.stage, response.code, response.message))
        return response

    async def run(self) -> None:
        import aiosmtplib

        request = self.request
        implicit_tls = request.port == 465
        context = tls_context(request.ca_file)

        self.begin(Stage.RESOLVE)
        loop = asyncio.get_running_loop()
        try:
            addresses = await asyncio.wait_for(
                loop.getaddrinfo(request.host, request.port, type=socket.SOCK_STREAM),
                request.connect_timeout,
            )
        except (socket.gaierror, UnicodeError, TimeoutError) as error:
            raise self.fail("host_not_found", str(error)) from None
        family, kind, proto, _, target = addresses[0]
        self.end(target[0])

        self.begin(Stage.CONNECT)
        sock = socket.socket(family, kind, proto)
        sock.setblocking(False)
        try:
            await asyncio.wait_for(loop.sock_connect(sock, target), request.connect_timeout)
        except TimeoutError:
            sock.close()
            raise self.fail("connect_timeout", f"{target[0]}:{request.port}") from None
        except OSError as error:
            sock.close()
            raise self.fail("connection_refused", f"{target[0]}:{request.port} {error.strerror or error}") from None
        self.end(f"{target[0]}:{request.port}")

        smtp = aiosmtplib.SMTP(
            hostname=request.host,  # for TLS: the name the certificate must carry
            sock=sock,
            timeout=request.reply_timeout,
            use_tls=implicit_tls,
            start_tls=False,
            tls_context=context,
        )
        try:
            await self.converse(smtp, implicit_tls, context)
        finally:
            smtp.close()

    async def converse(self, smtp, implicit_tls: bool, context: ssl.SSLContext) -> None:
        import aiosmtplib

        request = self.request
        self.begin(Stage.GREETING if not implicit_tls else Stage.TLS)
        try:
            greeting = await smtp.connect()
        except ssl.SSLCertVerificationError as error:
            raise self.fail("certificate", error.verify_message or str(error)) from None
        except aiosmtplib.SMTPConnectTimeoutError:
            raise self.fail("no_greeting") from None
        except aiosmtplib.SMTPConnectResponseError as error:
            self.log("S:", f"{error.code} {error.message}")
            raise _Failure(diagnose_reply(self.stage, error.code, error.message)) from None
        except (aiosmtplib.SMTPException, OSError) as error:
            raise self.fail("disconnected", str(error)) from None
        self.log("S:", f"{greeting.code} {greeting.message}")
        self.end()

        await self.command(smtp, "EHLO", smtp.ehlo())
        if not implicit_tls:
            self.begin(Stage.TLS)
            if not smtp.supports_extension("starttls"):
                raise self.fail("no_starttls")
            try:
                await self.command(smtp, "STARTTLS", smtp.starttls(tls_context=context), expect=(220,))
            except ssl.SSLCertVerificationError as error:
                raise self.fail("certificate", error.verify_message or str(error)) from None
            except ssl.SSLError as error:
                raise self.fail("tls_failed", str(error)) from None
        certificate = smtp.transport.get_extra_info("peercert") if smtp.transport else None
        if not certificate:
            # Belt and braces: never authenticate over a connection that is not verified TLS.
            raise self.fail("tls_failed", "no verified certificate")
        self.result.certificate = describe_certificate(certificate)
        self.end(self.result.certificate)
        await self.command(smtp, "EHLO", smtp.ehlo())

        self.begin(Stage.AUTH)
        # One mechanism only: trying the next after a refusal would hide Gmail's reply.
        authenticate = smtp.auth_plain if "plain" in smtp.server_auth_methods else smtp.auth_login
        await self.command(
            smtp, "AUTH [credentials hidden]", authenticate(request.address, request.password), expect=(235,)
        )
        self.end()

        self.begin(Stage.SEND)
        await self.command(smtp, f"MAIL FROM:<{request.address}>", smtp.mail(request.address))
        await self.command(smtp, f"RCPT TO:<{request.recipient}>", smtp.rcpt(request.recipient), expect=(250, 251))
        data = request.message.as_bytes()
        await self.command(smtp, f"DATA [{len(data)} bytes]", smtp.data(data))
        self.end()
        try:
            await self.command(smtp, "QUIT", smtp.quit(), expect=(221,))
        except Exception:  # The mail is accepted; how the server says goodbye does not matter.
            pass


async def run_check(request: CheckRequest, report: Callable[[StageEvent], None] = lambda event: None) -> CheckResult:
    """Never raises for anything the network or server does; the result says what happened."""
    import aiosmtplib

    conversation = _Conversation(request, report)
    try:
        await conversation.run()
    except _Failure as failure:
        conversation.result.diagnosis = failure.diagnosis
    except aiosmtplib.SMTPTimeoutError as error:
        conversation.result.diagnosis = diagnose_problem("reply_timeout", conversation.stage, str(error))
    except (aiosmtplib.SMTPServerDisconnected, ConnectionError, OSError) as error:
        conversation.result.diagnosis = diagnose_problem("disconnected", conversation.stage, str(error))
    except aiosmtplib.SMTPException as error:
        conversation.result.diagnosis = diagnose_problem("unexpected", conversation.stage, str(error))
    except asyncio.CancelledError:
        raise
    except Exception as error:  # A bug or an unforeseen library error must not become a traceback.
        conversation.result.diagnosis = diagnose_problem("unexpected", conversation.stage, type(error).__name__)
    return conversation.result
