"""The test send for `check`, without asyncio: the same conversation over smtplib.

Same stages, transcript, diagnoses and bounds as `send.run_test_send` (which the
screens use): only the waiting differs. A one-off command pays for every import, and
asyncio with aiosmtplib costs about 20 ms of a send that smtplib makes in 70.

Every wait is bounded twice: each reply by the socket's timeout (the reply bound, cut
to what is left of the whole send's), and the whole send by a watchdog that shuts the
socket down at the deadline, so a server dripping one byte at a time cannot stretch it.
"""

from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from wizard.core.bounded import call_with_deadline, start_without_interrupts
from wizard.mail.diagnosis import Problem, Stage, diagnose_problem, diagnose_reply
from wizard.mail.send import (
    SendRequest,
    SendResult,
    StageEvent,
    _Conversation,
    _Failure,
    describe_certificate,
    ehlo_name,
)
from wizard.mail.tls import tls_context


def _timeouts_kept(call: Callable[[], tuple[int, bytes]]) -> tuple[int, bytes]:
    """`call()`, with a reply that timed out raised as TimeoutError: smtplib reports it as a disconnection."""
    try:
        return call()
    except smtplib.SMTPServerDisconnected as error:
        if isinstance(error.__context__, TimeoutError):
            raise error.__context__ from None
        raise


class _DeadlinePassed(Exception):
    """The whole send's time is up (raised where a wait would start, or after the watchdog's cut)."""


class _BlockingConversation(_Conversation):
    def __init__(
        self, request: SendRequest, report: Callable[[StageEvent], None],
        trusting: Callable[[float], ssl.SSLContext] | None,
    ) -> None:
        super().__init__(request, report)
        self.trusting = trusting
        self.ends = time.monotonic() + request.timeout
        self.sock: socket.socket | None = None
        self.cut = threading.Event()
        """Set by the watchdog when it shut the socket down at the deadline."""

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0 or self.cut.is_set():
            raise _DeadlinePassed
        return left

    def bound(self, seconds: float) -> None:
        """The next wait on the socket: at most `seconds`, and never past the deadline."""
        assert self.sock is not None
        self.sock.settimeout(min(seconds, self.left()))

    def watch(self) -> threading.Timer:
        def cut() -> None:
            self.cut.set()
            if self.sock is not None:
                try:
                    # The plain socket's shutdown: a TLS socket's own would reset its state under the reader.
                    socket.socket.shutdown(self.sock, socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed

        watchdog = threading.Timer(self.left(), cut)
        watchdog.daemon = True
        start_without_interrupts(watchdog)
        return watchdog

    def command(
        self, shown: str, call: Callable[[], tuple[int, bytes]], *, expect: tuple[int, ...] = (250,)
    ) -> tuple[int, str]:
        """Run one SMTP command, logging `shown` (never a secret) and the reply."""
        self.log("C:", shown)
        self.awaiting = shown
        self.bound(self.request.reply_timeout)
        raw: bytes | str
        try:
            code, raw = _timeouts_kept(call)
        except smtplib.SMTPResponseException as error:  # smtplib raises for a few replies (DATA)
            code, raw = error.smtp_code, error.smtp_error
        message = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        self.awaiting = ""
        self.log("S:", f"{code} {message}")
        if code not in expect:
            raise _Failure(diagnose_reply(self.stage, code, message))
        return code, message

    def run(self) -> None:
        request = self.request
        # The system's store, if the caller had it loaded in the background: waited for within the send's time.
        context = tls_context(request.ca_file, self.trusting(self.left()) if self.trusting else None)

        self.begin(Stage.RESOLVE)
        lookup = lambda: socket.getaddrinfo(request.host, request.port, type=socket.SOCK_STREAM)  # noqa: E731
        try:
            addresses = call_with_deadline(lookup, min(request.connect_timeout, self.left()))
        except (socket.gaierror, UnicodeError, TimeoutError, OSError) as error:
            raise self.fail(Problem.HOST_NOT_FOUND, str(error) or type(error).__name__) from None
        family, kind, proto, _, target = addresses[0]
        self.end(str(target[0]))

        self.begin(Stage.CONNECT)
        self.sock = socket.socket(family, kind, proto)
        watchdog = self.watch()
        try:
            self.bound(request.connect_timeout)
            try:
                self.sock.connect(target)
            except TimeoutError:
                raise self.fail(Problem.CONNECT_TIMEOUT, f"{target[0]}:{request.port}") from None
            except OSError as error:
                if self.cut.is_set():
                    raise _DeadlinePassed from None
                detail = f"{target[0]}:{request.port} {error.strerror or error}"
                raise self.fail(Problem.CONNECTION_REFUSED, detail) from None
            self.end(f"{target[0]}:{request.port}")
            smtp = smtplib.SMTP(local_hostname=ehlo_name(self.sock))  # no host: it connects nothing itself
            try:
                self.converse(smtp, context)
            finally:
                smtp.close()
        finally:
            watchdog.cancel()
            if self.sock is not None:
                self.sock.close()

    def use(self, smtp: smtplib.SMTP, sock: socket.socket) -> None:
        """Talk over `sock` from now on (after TLS starts): smtplib forgets what EHLO said before."""
        self.sock = smtp.sock = sock
        smtp.file = None
        smtp.helo_resp = smtp.ehlo_resp = None
        smtp.esmtp_features = {}
        smtp.does_esmtp = False

    def start_tls(self, smtp: smtplib.SMTP, context: ssl.SSLContext, problem: Problem) -> None:
        assert self.sock is not None
        self.bound(self.request.reply_timeout)
        try:
            self.use(smtp, context.wrap_socket(self.sock, server_hostname=self.request.host))
        except ssl.SSLCertVerificationError as error:
            raise self.fail(Problem.CERTIFICATE, error.verify_message or str(error)) from None
        except TimeoutError:
            raise  # the handshake got no answer in time: said as the stage's timeout
        except (ssl.SSLError, OSError) as error:
            if self.cut.is_set():
                raise _DeadlinePassed from None
            raise self.fail(problem, str(error)) from None

    def greet(self, smtp: smtplib.SMTP, context: ssl.SSLContext) -> None:
        implicit_tls = self.request.implicit_tls
        self.begin(Stage.TLS if implicit_tls else Stage.GREETING)
        try:
            if implicit_tls:
                # Something else on port 465 answers without TLS: the port is wrong.
                self.start_tls(smtp, context, Problem.WRONG_PROTOCOL)
            smtp.sock = self.sock
            self.bound(self.request.reply_timeout)
            code, raw = _timeouts_kept(smtp.getreply)
        except TimeoutError:
            if self.cut.is_set() or time.monotonic() >= self.ends:
                raise _DeadlinePassed from None
            raise self.fail(Problem.NO_GREETING) from None
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            if self.cut.is_set():
                raise _DeadlinePassed from None
            raise self.fail(Problem.DISCONNECTED, str(error)) from None
        message = raw.decode("utf-8", "replace")
        if code == -1:  # not an SMTP reply at all: IMAP, POP, HTTP, SSH...
            raise self.fail(Problem.WRONG_PROTOCOL, message)
        self.log("S:", f"{code} {message}")
        if code != 220:
            raise _Failure(diagnose_reply(self.stage, code, message))

    def converse(self, smtp: smtplib.SMTP, context: ssl.SSLContext) -> None:
        request = self.request
        implicit_tls = request.implicit_tls
        # Stages end as in send.py: with the reply to EHLO, before TLS and over it.
        self.greet(smtp, context)
        self.command("EHLO", smtp.ehlo)
        if not implicit_tls:
            self.end()
            self.begin(Stage.TLS)
            if not smtp.has_extn("starttls"):
                raise self.fail(Problem.NO_STARTTLS)
            self.command("STARTTLS", lambda: smtp.docmd("STARTTLS"), expect=(220,))
            self.start_tls(smtp, context, Problem.TLS_FAILED)
        assert self.sock is not None
        certificate = self.sock.getpeercert() if isinstance(self.sock, ssl.SSLSocket) else None
        if not certificate:
            # Belt and braces: never authenticate over a connection that is not verified TLS.
            raise self.fail(Problem.TLS_FAILED, "no verified certificate")
        self.result.certificate = self.scrub(describe_certificate(certificate))
        if not implicit_tls:
            self.command("EHLO", smtp.ehlo)
        self.end(self.result.certificate)

        self.begin(Stage.AUTH)
        methods = smtp.esmtp_features.get("auth", "").lower().split()
        if not smtp.has_extn("auth") or not methods:
            raise self.fail(Problem.NO_AUTH, f"{request.host}:{request.port}")
        # One mechanism only: trying the next after a refusal would hide Gmail's reply.
        self.command("AUTH [credentials hidden]", lambda: self.authenticate(smtp, "plain" in methods), expect=(235,))
        self.end()

        self.begin(Stage.SEND)
        self.command(f"MAIL FROM:<{request.address}>", lambda: smtp.docmd("MAIL", f"FROM:<{request.address}>"))
        rcpt = lambda: smtp.docmd("RCPT", f"TO:<{request.recipient}>")  # noqa: E731
        self.command(f"RCPT TO:<{request.recipient}>", rcpt, expect=(250, 251))
        data = request.message.as_bytes()
        # smtplib leaves bytes' line ends as they are; SMTP wants CRLF (aiosmtplib converts too).
        on_the_wire = re.sub(rb"\r\n|\r|\n", b"\r\n", data)
        self.command(f"DATA [{len(data)} bytes]", lambda: smtp.data(on_the_wire))
        self.result.sent_at = datetime.now(UTC)
        self.end()
        try:
            self.command("QUIT", lambda: smtp.docmd("QUIT"), expect=(221,))
        except Exception:  # The mail is accepted; how the server says goodbye does not matter.
            pass

    def authenticate(self, smtp: smtplib.SMTP, plain: bool) -> tuple[int, bytes]:
        """AUTH PLAIN, or AUTH LOGIN's three steps; the last reply (or the first that refuses)."""
        address, password = self.request.address, self.request.password.reveal()
        if plain:
            token = base64.b64encode(f"\0{address}\0{password}".encode()).decode("ascii")
            return smtp.docmd("AUTH", f"PLAIN {token}")
        code, reply = smtp.docmd("AUTH", "LOGIN")
        for answer in (address, password):
            if code != 334:
                return code, reply
            code, reply = smtp.docmd(base64.b64encode(answer.encode()).decode("ascii"))
        return code, reply


def run_test_send_blocking(
    request: SendRequest, report: Callable[[StageEvent], None] = lambda event: None,
    trusting: Callable[[float], ssl.SSLContext] | None = None,
) -> SendResult:
    """`run_test_send` without an event loop: never raises for anything the network or server does.

    `trusting`, if given, hands over a fresh `tls.system_trust()` being made in the background
    (`bounded.start_in_background`), waiting at most the seconds it is given.
    """
    conversation = _BlockingConversation(request, report, trusting)
    result = conversation.result
    try:
        conversation.run()
    except _Failure as failure:
        result.diagnosis = failure.diagnosis
    except _DeadlinePassed:
        result.diagnosis = conversation.timed_out(f"> {request.timeout:g} s")
    except TimeoutError as error:
        if conversation.cut.is_set() or time.monotonic() >= conversation.ends:
            result.diagnosis = conversation.timed_out(f"> {request.timeout:g} s")
        else:  # one reply's own bound
            detail = conversation.waited(str(error) or "timed out")
            result.diagnosis = diagnose_problem(Problem.REPLY_TIMEOUT, conversation.stage, detail)
    except (smtplib.SMTPServerDisconnected, ConnectionError, OSError) as error:
        if conversation.cut.is_set():
            result.diagnosis = conversation.timed_out(f"> {request.timeout:g} s")
        else:
            result.diagnosis = diagnose_problem(Problem.DISCONNECTED, conversation.stage, str(error))
    except smtplib.SMTPException as error:
        result.diagnosis = diagnose_problem(Problem.UNEXPECTED, conversation.stage, str(error))
    except Exception as error:  # A bug or an unforeseen library error must not become a traceback.
        result.diagnosis = diagnose_problem(Problem.UNEXPECTED, conversation.stage, type(error).__name__)
    if result.diagnosis is not None:
        result.diagnosis = conversation.scrubbed(result.diagnosis)
    if result.diagnosis is not None and result.diagnosis.problem is Problem.CERTIFICATE:
        import asyncio

        from wizard.mail.send import with_certificate_facts

        result.diagnosis = asyncio.run(with_certificate_facts(result.diagnosis, request))
    return result
