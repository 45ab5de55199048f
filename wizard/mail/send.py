"""The live test send: the same conversation Ecrea will have with Gmail.

Resolve, connect, greeting, EHLO, STARTTLS with full certificate verification (or
TLS from the first byte on port 465), EHLO again, AUTH, then MAIL / RCPT / DATA. No
credential is sent unless TLS is up and verified. The whole send has a deadline and
every reply its own bound within it; nothing is left waiting once it is over.
Progress is reported stage by stage through a callback, and a transcript of the
commands and replies is kept for support, scrubbed of the password in every form.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from wizard.core.bounded import in_thread_with_deadline
from wizard.core.output_filter import printable
from wizard.core.redaction import redact
from wizard.core.secret import Secret
from wizard.core.servers import SEND_TIMEOUT, SMTP_HOST, SMTP_PORT
from wizard.core.texts import Texts
from wizard.mail.diagnosis import Diagnosis, Problem, Stage, diagnose_problem, diagnose_reply
from wizard.mail.tls import presented_issuer, system_store, tls_context

if TYPE_CHECKING:
    import aiosmtplib  # imported when a send runs: slow, and not needed to build a request

CONNECT_TIMEOUT = 15.0
REPLY_TIMEOUT = 30.0
IMPLICIT_TLS_PORT = 465
"""Gmail's other submission port: TLS from the first byte, offered when 587 is blocked."""


@dataclass(frozen=True)
class SendRequest:
    address: str
    password: Secret
    message: EmailMessage = field(repr=False)
    recipient: str
    host: str = SMTP_HOST
    port: int = SMTP_PORT
    ca_file: str | None = None
    timeout: float = SEND_TIMEOUT
    """Seconds for the whole send; each reply and the connection also have their own, shorter bounds."""
    tls_from_start: bool | None = None
    """TLS from the first byte (SMTPS) instead of STARTTLS; by default, on port 465 only."""
    reply_limit: float = REPLY_TIMEOUT
    """Seconds one reply may take (RFC 5321 4.5.3.2 bounds each command's reply); never more than `timeout`."""

    def __post_init__(self) -> None:
        if not isinstance(self.password, Secret):  # a caller's plain text, hidden from here on
            object.__setattr__(self, "password", Secret(self.password))

    @property
    def implicit_tls(self) -> bool:
        return self.port == IMPLICIT_TLS_PORT if self.tls_from_start is None else self.tls_from_start

    @property
    def reply_timeout(self) -> float:
        return min(self.reply_limit, self.timeout)

    @property
    def connect_timeout(self) -> float:
        return min(CONNECT_TIMEOUT, self.timeout)


@dataclass(frozen=True)
class PreparedSend:
    request: SendRequest
    code: str
    """The one-time code in the subject, to find the message by."""


class SendInputError(ValueError):
    """What the user entered cannot make a test message; the text says what to change."""


def prepare_test_send(
    address: str,
    display_name: str,
    recipient: str,
    password: Secret,
    texts: Texts,
    *,
    host: str = SMTP_HOST,
    port: int = SMTP_PORT,
    ca_file: str | None = None,
    timeout: float = SEND_TIMEOUT,
) -> PreparedSend:
    """The request `check` and the send screen both use; raises SendInputError, never anything else."""
    from wizard.core.account import check_address, display_name_problem
    from wizard.mail.sample_message import build_sample_message, one_time_code

    # The explanations are imported for a refusal only (with the password store's): `check` sends without.
    for value, label in ((address, "send.sender_label"), (recipient, "send.recipient_field")):
        check = check_address(value)
        if check.problem:
            from wizard.core.explain import explain_address

            raise SendInputError(texts("send.bad_address", field=texts(label), message=explain_address(check, texts)))
    if display_name_problem(display_name):
        from wizard.core.explain import explain_display_name

        raise SendInputError(explain_display_name(display_name, texts))
    code = one_time_code()
    try:
        message = build_sample_message(address, display_name, recipient, code, texts)
        message.as_bytes()  # a header that cannot be written fails here, not in the middle of DATA
    except Exception as error:  # the email package raises several kinds for headers it cannot write
        raise SendInputError(texts("send.cannot_build", reason=type(error).__name__)) from None
    request = SendRequest(
        address=address, password=password, message=message, recipient=recipient,
        host=host, port=port, ca_file=ca_file, timeout=timeout,
    )
    return PreparedSend(request, code)


@dataclass(frozen=True)
class StageEvent:
    stage: Stage
    done: bool
    """False when the stage starts, True when it has succeeded."""
    detail: str = ""


@dataclass
class SendResult:
    diagnosis: Diagnosis | None = None
    reached: Stage | None = None
    """The last stage started."""
    transcript: list[str] = field(default_factory=list)
    certificate: str = ""
    sent_at: datetime | None = None
    """When the server accepted the message (UTC)."""

    @property
    def ok(self) -> bool:
        return self.diagnosis is None


def describe_certificate(certificate: dict) -> str:
    """The certificate's name and expiry date, for the screen and the report.

    Its names are the server's words, as untrusted as a reply: filtered like one.
    """
    subject = dict(item for part in certificate.get("subject", ()) for item in part)
    names = [str(value) for _, value in certificate.get("subjectAltName", ())]
    name = subject.get("commonName") or (names[0] if names else "?")
    return printable(f"{name} ({expiry_date(certificate.get('notAfter', ''))})")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def expiry_date(not_after: str) -> str:
    """OpenSSL's "Jan  1 00:00:00 3000 GMT" as "3000-01-01" (UTC), or as given if it is not that.

    Read by hand: time.strptime, which ssl.cert_time_to_seconds uses, costs `check` ~5 ms on first use.
    """
    try:
        month, day, _, year, zone = not_after.split()
        if zone != "GMT":
            raise ValueError(zone)
        return f"{int(year):04d}-{_MONTHS.index(month) + 1:02d}-{int(day):02d}"
    except ValueError:
        return not_after


class _Failure(Exception):
    def __init__(self, diagnosis: Diagnosis) -> None:
        super().__init__(diagnosis.key)
        self.diagnosis = diagnosis


class _Conversation:
    """What any engine's conversation keeps: the stage, the scrubbed transcript, the result."""

    def __init__(self, request: SendRequest, report: Callable[[StageEvent], None]) -> None:
        self.request = request
        self.report = report
        self.result = SendResult()
        self.stage = Stage.RESOLVE
        self.awaiting = ""
        """The command whose reply is outstanding: a wait that ends there is a slow server, not a silent one."""

    def begin(self, stage: Stage) -> None:
        self.stage = stage
        self.result.reached = stage
        self.report(StageEvent(stage, done=False))

    def end(self, detail: str = "") -> None:
        self.report(StageEvent(self.stage, done=True, detail=detail))

    def waited(self, detail: str) -> str:
        """`detail`, naming the command whose reply did not come in time."""
        return f"{self.awaiting}: {detail}" if self.awaiting else detail

    def fail(self, problem: Problem, detail: str = "") -> _Failure:
        return _Failure(diagnose_problem(problem, self.stage, detail))

    def log(self, direction: str, text: str) -> None:
        # Split at line feeds only: U+2028 and the like are shown replaced, not turned into lines.
        for line in text.replace("\r\n", "\n").removesuffix("\n").split("\n"):
            self.result.transcript.append(self.scrub(f"{direction} {line}"))

    def scrub(self, text: str) -> str:
        """No password in any form, and nothing a terminal would act on: a server's words are untrusted."""
        return printable(redact(text, self.request.address, self.request.password.reveal()))

    def timed_out(self, detail: str) -> Diagnosis:
        """The whole send's deadline passed: a command sent and not answered is a slow server."""
        problem = Problem.REPLY_TIMEOUT if self.awaiting else _DEADLINE_PROBLEMS.get(self.stage, Problem.REPLY_TIMEOUT)
        return diagnose_problem(problem, self.stage, self.waited(detail))

    def scrubbed(self, diagnosis: Diagnosis) -> Diagnosis:
        # The server's words may quote what it was sent: scrub them before anyone sees them.
        return replace(diagnosis, reply=self.scrub(diagnosis.reply))


class _AsyncConversation(_Conversation):
    """The conversation over aiosmtplib, for the screens (and `check --confirm`)."""

    async def command(self, shown: str, call: Awaitable[Any], *, expect: tuple[int, ...] = (250,)) -> Any:
        """Run one SMTP command, logging `shown` (never a secret) and the reply."""
        import aiosmtplib

        self.log("C:", shown)
        self.awaiting = shown
        try:
            response = await call
        except aiosmtplib.SMTPResponseException as error:
            self.log("S:", f"{error.code} {error.message}")
            raise _Failure(diagnose_reply(self.stage, error.code, error.message)) from None
        self.awaiting = ""
        self.log("S:", f"{response.code} {response.message}")
        if response.code not in expect:
            raise _Failure(diagnose_reply(self.stage, response.code, response.message))
        return response

    async def run(self) -> None:
        import asyncio

        import aiosmtplib

        request = self.request
        implicit_tls = request.implicit_tls
        context = tls_context(request.ca_file)

        self.begin(Stage.RESOLVE)
        # In a daemon thread: a resolver that never answers must not keep the program alive.
        lookup = lambda: socket.getaddrinfo(request.host, request.port, type=socket.SOCK_STREAM)  # noqa: E731
        try:
            addresses = await in_thread_with_deadline(lookup, request.connect_timeout)
        except (socket.gaierror, UnicodeError, TimeoutError, OSError) as error:
            raise self.fail(Problem.HOST_NOT_FOUND, str(error) or type(error).__name__) from None
        family, kind, proto, _, target = addresses[0]
        self.end(str(target[0]))

        self.begin(Stage.CONNECT)
        loop = asyncio.get_running_loop()
        sock = socket.socket(family, kind, proto)
        sock.setblocking(False)
        try:
            await asyncio.wait_for(loop.sock_connect(sock, target), request.connect_timeout)
        except TimeoutError:
            sock.close()
            raise self.fail(Problem.CONNECT_TIMEOUT, f"{target[0]}:{request.port}") from None
        except OSError as error:
            sock.close()
            detail = f"{target[0]}:{request.port} {error.strerror or error}"
            raise self.fail(Problem.CONNECTION_REFUSED, detail) from None
        self.end(f"{target[0]}:{request.port}")

        smtp = aiosmtplib.SMTP(
            hostname=request.host,  # for TLS: the name the certificate must carry
            # Without a name of ours aiosmtplib asks the resolver for this computer's (getfqdn),
            # a wait no deadline of ours bounds: seconds on networks with slow reverse DNS.
            local_hostname=ehlo_name(sock),
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

    async def greet(self, smtp: aiosmtplib.SMTP, implicit_tls: bool) -> None:
        import aiosmtplib

        self.begin(Stage.TLS if implicit_tls else Stage.GREETING)
        try:
            greeting = await smtp.connect()
        except ssl.SSLCertVerificationError as error:
            raise self.fail(Problem.CERTIFICATE, error.verify_message or str(error)) from None
        except aiosmtplib.SMTPConnectTimeoutError:
            raise self.fail(Problem.NO_GREETING) from None
        except aiosmtplib.SMTPConnectResponseError as error:
            self.log("S:", f"{error.code} {error.message}")
            raise _Failure(diagnose_reply(self.stage, error.code, error.message)) from None
        except aiosmtplib.SMTPConnectError as error:
            cause = error.__cause__
            if isinstance(cause, ssl.SSLCertVerificationError):
                raise self.fail(Problem.CERTIFICATE, cause.verify_message or str(cause)) from None
            if isinstance(cause, ssl.SSLError):
                # Port 465 answered without TLS: something else listens there.
                raise self.fail(Problem.WRONG_PROTOCOL, str(cause)) from None
            raise self.fail(Problem.DISCONNECTED, str(error)) from None
        except aiosmtplib.SMTPResponseException as error:
            if error.code == -1:  # not an SMTP reply at all: IMAP, POP, HTTP, SSH...
                raise self.fail(Problem.WRONG_PROTOCOL, error.message) from None
            raise _Failure(diagnose_reply(self.stage, error.code, error.message)) from None
        except (aiosmtplib.SMTPException, OSError) as error:
            raise self.fail(Problem.DISCONNECTED, str(error)) from None
        self.log("S:", f"{greeting.code} {greeting.message}")

    async def converse(self, smtp: aiosmtplib.SMTP, implicit_tls: bool, context: ssl.SSLContext) -> None:
        request = self.request
        # A stage is done when the server has answered what it was asked there: the greeting
        # stage ends with the reply to EHLO, the TLS stage with the reply to EHLO over TLS.
        await self.greet(smtp, implicit_tls)
        await self.command("EHLO", smtp.ehlo())
        if not implicit_tls:
            self.end()
            self.begin(Stage.TLS)
            if not smtp.supports_extension("starttls"):
                raise self.fail(Problem.NO_STARTTLS)
            try:
                await self.command("STARTTLS", smtp.starttls(tls_context=context), expect=(220,))
            except ssl.SSLCertVerificationError as error:
                raise self.fail(Problem.CERTIFICATE, error.verify_message or str(error)) from None
            except ssl.SSLError as error:
                raise self.fail(Problem.TLS_FAILED, str(error)) from None
        certificate = smtp.transport.get_extra_info("peercert") if smtp.transport else None
        if not certificate:
            # Belt and braces: never authenticate over a connection that is not verified TLS.
            raise self.fail(Problem.TLS_FAILED, "no verified certificate")
        self.result.certificate = self.scrub(describe_certificate(certificate))
        if not implicit_tls:
            await self.command("EHLO", smtp.ehlo())
        self.end(self.result.certificate)

        self.begin(Stage.AUTH)
        if not smtp.supports_extension("auth") or not smtp.server_auth_methods:
            raise self.fail(Problem.NO_AUTH, f"{request.host}:{request.port}")
        # One mechanism only: trying the next after a refusal would hide Gmail's reply.
        authenticate = smtp.auth_plain if "plain" in smtp.server_auth_methods else smtp.auth_login
        password = request.password.reveal()
        await self.command("AUTH [credentials hidden]", authenticate(request.address, password), expect=(235,))
        self.end()

        self.begin(Stage.SEND)
        await self.command(f"MAIL FROM:<{request.address}>", smtp.mail(request.address))
        await self.command(f"RCPT TO:<{request.recipient}>", smtp.rcpt(request.recipient), expect=(250, 251))
        data = request.message.as_bytes()
        await self.command(f"DATA [{len(data)} bytes]", smtp.data(data))
        self.result.sent_at = datetime.now(UTC)
        self.end()
        try:
            await self.command("QUIT", smtp.quit(), expect=(221,))
        except Exception:  # The mail is accepted; how the server says goodbye does not matter.
            pass


def ehlo_name(sock: socket.socket) -> str:
    """The name we give in EHLO: our end's address as an address literal (RFC 5321 4.1.3), no lookup."""
    address = str(sock.getsockname()[0])
    return f"[IPv6:{address}]" if ":" in address else f"[{address}]"


_DEADLINE_PROBLEMS = {
    Stage.RESOLVE: Problem.HOST_NOT_FOUND,
    Stage.CONNECT: Problem.CONNECT_TIMEOUT,
    Stage.GREETING: Problem.NO_GREETING,
}


async def run_test_send(request: SendRequest, report: Callable[[StageEvent], None] = lambda event: None) -> SendResult:
    """Never raises for anything the network or server does; the result says what happened."""
    import asyncio

    import aiosmtplib

    conversation = _AsyncConversation(request, report)
    result = conversation.result
    try:
        async with asyncio.timeout(request.timeout):
            await conversation.run()
    except _Failure as failure:
        result.diagnosis = failure.diagnosis
    except aiosmtplib.SMTPTimeoutError as error:
        result.diagnosis = diagnose_problem(Problem.REPLY_TIMEOUT, conversation.stage, conversation.waited(str(error)))
    except TimeoutError:
        result.diagnosis = conversation.timed_out(f"> {request.timeout:g} s")
    except (aiosmtplib.SMTPServerDisconnected, ConnectionError, OSError) as error:
        result.diagnosis = diagnose_problem(Problem.DISCONNECTED, conversation.stage, str(error))
    except aiosmtplib.SMTPException as error:
        result.diagnosis = diagnose_problem(Problem.UNEXPECTED, conversation.stage, str(error))
    except asyncio.CancelledError:
        raise
    except Exception as error:  # A bug or an unforeseen library error must not become a traceback.
        result.diagnosis = diagnose_problem(Problem.UNEXPECTED, conversation.stage, type(error).__name__)
    if result.diagnosis is not None:
        result.diagnosis = conversation.scrubbed(result.diagnosis)
    if result.diagnosis is not None and result.diagnosis.problem is Problem.CERTIFICATE:
        result.diagnosis = await with_certificate_facts(result.diagnosis, request)
    return result


async def with_certificate_facts(diagnosis: Diagnosis, request: SendRequest) -> Diagnosis:
    """Whose certificate failed and what it was checked against: a proxy's issuer is not a wrong clock."""
    issuer = await presented_issuer(
        request.host, request.port, starttls=not request.implicit_tls, timeout=min(10.0, request.timeout)
    )
    stores = (system_store(), request.ca_file) if request.ca_file else (system_store(),)
    return replace(diagnosis, certificate_issuer=issuer, trust_stores=stores)
