"""The test send against real SMTP servers on loopback that answer like Gmail."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from smtp_fixtures import PASSWORD
from stall_limits import shortest_limit_that_reaches_the_stall, shortest_limit_that_reaches_the_stall_async

from wizard.core.redaction import secret_forms
from wizard.core.texts import Texts
from wizard.mail.blocking_send import run_test_send_blocking
from wizard.mail.diagnosis import Stage
from wizard.mail.gmail_like_server import Behaviour, free_port
from wizard.mail.sample_message import build_sample_message
from wizard.mail.send import SendRequest, SendResult, run_test_send
from wizard.mail.support_report import ReportContext, build_report

ADDRESS = "ecrea.test@gmail.com"


@pytest.fixture(params=["asyncio", "blocking"])
def send(request):
    """Both engines, held to the same conversation: the screens' (asyncio) and `check`'s (blocking)."""
    if request.param == "asyncio":
        return run_test_send

    async def blocking(send_request: SendRequest, report=lambda event: None):
        import asyncio

        return await asyncio.to_thread(run_test_send_blocking, send_request, report)

    return blocking


def request_for(server, ca_file: str | None, password: str = PASSWORD, lang: str = "ja", **overrides) -> SendRequest:
    message = build_sample_message(ADDRESS, "山田商店", ADDRESS, "K7PQ2M", Texts(lang))
    fields = dict(
        address=ADDRESS, password=password, message=message, recipient=ADDRESS,
        host="127.0.0.1", port=server.port if server else free_port(), ca_file=ca_file, timeout=20,
    )
    fields.update(overrides)
    return SendRequest(**fields)


async def test_success_delivers_a_correct_japanese_message(send, gmail_server, ca_file) -> None:
    server = gmail_server()
    events = []
    result = await send(request_for(server, ca_file), events.append)
    assert result.ok, result.diagnosis
    assert [(e.stage, e.done) for e in events if e.done] == [(stage, True) for stage in Stage]
    assert "127.0.0.1" in result.certificate
    (message,) = server.received.messages
    assert message["Subject"] == "Ecrea メール送信テスト（照合用コード K7PQ2M）"
    assert message["From"].addresses[0].display_name == "山田商店"
    assert message["From"].addresses[0].addr_spec == ADDRESS
    assert message["To"] == ADDRESS
    assert message["Date"] and message["Message-ID"].endswith("@gmail.com>")
    assert "K7PQ2M" in message.get_content()
    raw = message.as_string()
    assert "=?utf-8?" in raw.lower()  # the Japanese subject is RFC 2047 encoded on the wire
    assert server.received.auth_before_tls == 0


@pytest.mark.parametrize("not_after", ["Jan  1 00:00:00 3000 GMT", "Dec 31 23:59:59 2026 GMT", "Feb 29 12:00:00 2028 GMT"])
def test_the_expiry_date_reads_as_ssl_reads_it(not_after: str) -> None:
    import ssl
    from datetime import UTC, datetime

    from wizard.mail.send import expiry_date

    expected = datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), UTC).strftime("%Y-%m-%d")
    assert expiry_date(not_after) == expected
    assert expiry_date("not a date") == "not a date"


# (behaviour, password, diagnosis key, stage, step to redo)
FAILURES = [
    (Behaviour(), "wrongpasswordxyz", "bad_credentials", Stage.AUTH, "app-passwords"),
    (Behaviour(auth_reply="534 5.7.9 Application-specific password required. p=InvalidSecondFactor"), PASSWORD, "ordinary_password", Stage.AUTH, "copy-app-password"),
    (Behaviour(auth_reply="534 5.7.9 Please log in with your web browser and then try again. p=WebLoginRequired"), PASSWORD, "web_login", Stage.AUTH, None),
    (Behaviour(auth_reply="534 5.7.14 <https://accounts.google.com/signin/continue> Please log in via your web browser"), PASSWORD, "web_login", Stage.AUTH, None),
    (Behaviour(auth_reply="530 5.7.0 Must issue a STARTTLS command first."), PASSWORD, "no_tls", Stage.AUTH, "paste-into-ecrea"),
    (Behaviour(auth_reply="421 4.7.0 Try again later, closing connection."), PASSWORD, "try_later", Stage.AUTH, None),
    (Behaviour(auth_reply="454 4.7.0 Too many login attempts, please try again later."), PASSWORD, "too_many_attempts", Stage.AUTH, "copy-app-password"),
    (Behaviour(mail_reply="550 5.4.5 Daily user sending limit exceeded."), PASSWORD, "daily_limit", Stage.SEND, None),
    (Behaviour(data_reply="552 5.2.3 Your message exceeded Google's message size limits."), PASSWORD, "too_large", Stage.SEND, None),
    (Behaviour(close_during_data=True), PASSWORD, "disconnected", Stage.SEND, None),
    (Behaviour(starttls=False), PASSWORD, "no_starttls", Stage.TLS, "paste-into-ecrea"),
    (Behaviour(greet=False), PASSWORD, "no_greeting", Stage.GREETING, None),
]


@pytest.mark.parametrize(("behaviour", "password", "key", "stage", "redo"), FAILURES, ids=[f[2] + "-" + str(i) for i, f in enumerate(FAILURES)])
async def test_each_failure_gets_its_diagnosis(send, gmail_server, ca_file, behaviour, password, key, stage, redo) -> None:
    server = gmail_server(behaviour)
    # A server that never greets is found out by the greeting's own limit, which bounds that wait
    # alone (the connection before it has its own): short there, generous elsewhere. Nothing but
    # the greeting that never comes is inside it, so however busy the machine, 0.1 s is certain to
    # be that wait. The whole send's deadline at the greeting is
    # test_the_timeout_bounds_the_whole_send_not_each_reply's.
    limits = dict(timeout=20) if behaviour.greet else dict(timeout=20, reply_limit=0.1)
    result = await send(request_for(server, ca_file, password, **limits))
    assert result.diagnosis is not None
    assert (result.diagnosis.key, result.diagnosis.stage, result.diagnosis.redo_step) == (key, stage, redo)
    expected_exit = {Stage.GREETING: 3, Stage.TLS: 4, Stage.AUTH: 5, Stage.SEND: 6}[stage]
    assert result.diagnosis.exit_code == expected_exit
    assert server.received.auth_before_tls == 0
    for lang in ("ja", "en"):
        assert Texts(lang)(f"diagnosis.{key}.title") and Texts(lang)(f"diagnosis.{key}.action")


async def test_untrusted_certificate_is_refused_before_any_credential(send, gmail_server, ca_file, untrusted_context) -> None:
    server = gmail_server(context=untrusted_context)
    result = await send(request_for(server, ca_file))
    assert result.diagnosis.key == "certificate" and result.diagnosis.stage is Stage.TLS
    assert result.diagnosis.exit_code == 4
    assert server.received.auth_attempts == 0
    assert not any(line.startswith("C: AUTH") for line in result.transcript)


async def test_without_the_ca_file_the_test_ca_is_not_trusted(send, gmail_server) -> None:
    server = gmail_server()
    result = await send(request_for(server, None))
    assert result.diagnosis.key == "certificate"
    assert server.received.auth_attempts == 0


async def test_no_starttls_means_no_credentials_sent(send, gmail_server, ca_file) -> None:
    server = gmail_server(Behaviour(starttls=False))
    result = await send(request_for(server, ca_file))
    assert result.diagnosis.key == "no_starttls"
    assert server.received.auth_attempts == 0


async def test_connection_refused(send, ca_file) -> None:
    result = await send(request_for(None, ca_file))
    assert (result.diagnosis.key, result.diagnosis.exit_code) == ("connection_refused", 3)


async def test_host_not_found(send, ca_file) -> None:
    # ".invalid" is reserved (RFC 2606): the resolver answers without any network traffic.
    result = await send(request_for(None, ca_file, host="no-such-host.invalid", port=587))
    assert (result.diagnosis.key, result.diagnosis.stage) == ("host_not_found", Stage.RESOLVE)


async def test_transcript_and_report_never_contain_the_password(send, gmail_server, ca_file) -> None:
    for password in (PASSWORD, "wrongpasswordxyz"):
        server = gmail_server()
        request = request_for(server, ca_file, password)
        result = await send(request)
        report = build_report(request, result, ReportContext(display_name="山田商店"), Texts("en"))
        assert "C: AUTH [credentials hidden]" in result.transcript
        for secret in secret_forms(ADDRESS, password):
            assert secret not in report
            assert secret not in "\n".join(result.transcript)
        assert "ecrea-gmail-setup support report" in report and "textual" in report
        assert "extra CA file: yes" in report  # the test's CA was given as --ca-file would


def test_the_report_does_not_count_practice_modes_own_ca_as_one_the_user_gave() -> None:
    request = SendRequest(ADDRESS, PASSWORD, EmailMessage(), ADDRESS, ca_file="/tmp/practice-ca.pem")
    report = build_report(request, SendResult(), ReportContext(practice=True), Texts("en"))
    assert "extra CA file: the practice server's CA (none given)" in report


def ehlo_then(answer_to_rest: str, *, starttls: bool = True):
    """A script: a normal EHLO (offering STARTTLS), then `answer_to_rest` to everything else."""

    def reply(line: str) -> str:
        if line.upper().startswith("EHLO"):
            return "250-scripted\r\n250-STARTTLS\r\n250 8BITMIME" if starttls else "250 scripted"
        return answer_to_rest

    return reply


async def test_454_at_starttls_is_a_passing_tls_problem_not_a_sign_in_count(send, scripted_server, ca_file) -> None:
    server = scripted_server(ehlo_then("454 4.7.0 TLS not available due to temporary reason"))
    result = await send(request_for(server, ca_file))
    assert (result.diagnosis.key, result.diagnosis.stage) == ("tls_unavailable", Stage.TLS)
    assert result.diagnosis.exit_code == 4
    assert not any(line.upper().startswith("AUTH") for line in server.received)


async def test_a_server_offering_no_sign_in_is_told_apart(send, gmail_server, ca_file) -> None:
    server = gmail_server(Behaviour(offer_auth=False))
    result = await send(request_for(server, ca_file))
    assert (result.diagnosis.key, result.diagnosis.stage, result.diagnosis.redo_step) == ("no_auth", Stage.AUTH, "paste-into-ecrea")
    assert server.received.auth_attempts == 0


async def test_another_protocol_on_the_port_means_the_port_is_wrong(send, scripted_server, ca_file) -> None:
    server = scripted_server(lambda line: None, greeting="* OK [CAPABILITY IMAP4rev1] Dovecot ready.")
    result = await send(request_for(server, ca_file))
    assert (result.diagnosis.key, result.diagnosis.stage) == ("wrong_protocol", Stage.GREETING)


async def test_a_plain_server_where_tls_from_the_start_is_expected_means_the_port_is_wrong(send, scripted_server, ca_file) -> None:
    server = scripted_server(lambda line: None)
    result = await send(request_for(server, ca_file, tls_from_start=True))
    assert result.diagnosis.key == "wrong_protocol"


async def test_port_465_with_an_untrusted_certificate_is_the_certificate_diagnosis(send, scripted_server, ca_file, untrusted_context) -> None:
    server = scripted_server(ehlo_then("250 ok", starttls=False), tls=untrusted_context)
    result = await send(request_for(server, ca_file, tls_from_start=True))
    assert (result.diagnosis.key, result.diagnosis.stage, result.diagnosis.exit_code) == ("certificate", Stage.TLS, 4)
    assert server.received == []  # not even EHLO went over the unverified connection


async def test_the_timeout_bounds_the_whole_send_not_each_reply(send, scripted_server, ca_file) -> None:
    import time

    # Every reply comes inside a per-reply bound; six of them would take a minute.
    async def attempt(timeout: float):
        server = scripted_server(ehlo_then("250 ok"), delay=10.0)
        started = time.monotonic()
        result = await send(request_for(server, ca_file, timeout=timeout))
        return server, result, time.monotonic() - started

    # The deadline is waited out whole: 1/2 s once the connection is up on a quiet machine (the
    # greeting it then waits for is 10 s away), 2.5 s if a busy one was not connected in time.
    _, result, seconds = await shortest_limit_that_reaches_the_stall_async(
        (0.5, 2.5), attempt, lambda outcome: outcome[0].connections == 1)
    assert seconds < 10.0  # ended by the deadline, before a second reply could come
    assert result.diagnosis.key in ("reply_timeout", "no_greeting")


@pytest.mark.parametrize("engine", ["asyncio", "blocking"])
def test_a_resolver_that_never_answers_is_not_waited_for(monkeypatch, ca_file, engine) -> None:
    import asyncio
    import socket
    import threading
    import time

    release, asked = threading.Event(), []

    def hanging_lookup(*args, **kwargs):
        asked.append(args)
        release.wait(120)
        raise socket.gaierror("never answered")

    def attempt(timeout: float):
        asked.clear()
        started = time.monotonic()
        request = request_for(None, ca_file, host="mail.example", port=587, timeout=timeout)
        # asyncio.run waits for its executor's threads at exit: the lookup must not be one of them.
        result = asyncio.run(run_test_send(request)) if engine == "asyncio" else run_test_send_blocking(request)
        return result, time.monotonic() - started, bool(asked)

    monkeypatch.setattr(socket, "getaddrinfo", hanging_lookup)
    # The deadline is waited out whole once the lookup hangs: 1/4 s if the TLS context before it was
    # made in time on this machine, else 1 s.
    result, seconds, _ = shortest_limit_that_reaches_the_stall(
        (0.25, 1), attempt, lambda outcome: outcome[2])
    assert seconds < 60  # the deadline ended it; the lookup would still be waiting
    assert (result.diagnosis.key, result.diagnosis.stage) == ("host_not_found", Stage.RESOLVE)
    release.set()


@pytest.mark.parametrize("engine", ["asyncio", "blocking"])
def test_a_resolver_stalling_on_this_computers_name_does_not_delay_the_send(monkeypatch, gmail_server, ca_file, engine) -> None:
    import asyncio
    import socket
    import threading
    import time

    # Reverse DNS that hangs, as on some office networks: far longer than the send may take.
    stall, release, asked = 120.0, threading.Event(), []

    def stalling(*args, **kwargs):
        asked.append(args)
        release.wait(stall)
        raise socket.herror("no answer")

    server = gmail_server()
    for name in ("getfqdn", "gethostbyaddr", "gethostname"):
        monkeypatch.setattr(socket, name, stalling)
    started = time.monotonic()
    try:
        request = request_for(server, ca_file, timeout=30)
        # asyncio.run joins its executor's threads at exit: a lookup there would hold it up too.
        result = asyncio.run(run_test_send(request)) if engine == "asyncio" else run_test_send_blocking(request)
    finally:
        release.set()
    assert result.ok, result.diagnosis
    assert time.monotonic() - started < stall / 2  # finished; a stalled lookup would still be waiting
    assert asked == []
    assert server.received.ehlo_names == ["[127.0.0.1]", "[127.0.0.1]"]  # before and after STARTTLS


async def test_a_server_quoting_the_auth_line_back_leaks_no_password(send, gmail_server, ca_file) -> None:
    import base64

    plain = base64.b64encode(f"\0{ADDRESS}\0{PASSWORD}".encode()).decode()
    quoted = f"535 5.7.8 Rejected AUTH PLAIN {plain} for {PASSWORD} ({PASSWORD[:4]} {PASSWORD[4:8]} {PASSWORD[8:12]} {PASSWORD[12:]})"
    server = gmail_server(Behaviour(auth_reply=quoted))
    request = request_for(server, ca_file)
    result = await send(request)
    assert result.diagnosis.key == "bad_credentials"
    everything = "\n".join([result.diagnosis.reply, *result.transcript])
    for secret in secret_forms(ADDRESS, PASSWORD):
        assert secret not in everything
    assert "[redacted]" in result.diagnosis.reply


async def test_control_sequences_in_a_reply_never_reach_the_screen(send, scripted_server, ca_file) -> None:
    server = scripted_server(ehlo_then("550 \x1b]52;c;ZXZpbA==\x07\x1b[2J refused"))
    result = await send(request_for(server, ca_file))
    assert "\x1b" not in result.diagnosis.reply and "\x07" not in result.diagnosis.reply
    assert all("\x1b" not in line for line in result.transcript)


SLOW_REPLIES = [
    (Behaviour(ehlo_delay=120), Stage.GREETING, [Stage.RESOLVE, Stage.CONNECT]),
    (Behaviour(tls_ehlo_delay=120), Stage.TLS, [Stage.RESOLVE, Stage.CONNECT, Stage.GREETING]),
]


def assert_a_slow_server_at(result, events, server, stage, stages_done) -> None:
    assert (result.diagnosis.key, result.diagnosis.stage) == ("reply_timeout", stage)
    assert result.diagnosis.reply.startswith("EHLO: ")
    # No stage is reported done and then failed: the failing one never said "ok".
    assert [event.stage for event in events if event.done] == stages_done
    assert server.received.auth_attempts == 0


async def test_a_slow_reply_after_the_greeting_is_a_slow_server_not_a_silent_one(gmail_server, ca_file) -> None:
    """Both engines at both stages, ended by the reply's own limit and by the whole send's deadline:
    all eight at once, one deadline's wait rather than eight in a row."""
    import asyncio

    async def blocking(request: SendRequest, report):
        return await asyncio.to_thread(run_test_send_blocking, request, report)

    def limits(scale: float) -> dict[str, dict[str, float]]:
        return {
            # The reply's own limit (with Gmail's limits, 30 s of a 60 s send, it is the one that
            # fires). It bounds each reply alone: every reply before the held-back one is one
            # loopback round trip; the whole send has 60 s.
            "reply": dict(timeout=60, reply_limit=2 * scale),
            # The whole send's deadline, which must also cover imports, the certificate store and
            # a TLS handshake before the EHLO that is never answered in time.
            "deadline": dict(timeout=8 * scale),
        }

    cases = [(limit, engine, *case) for limit in limits(1) for engine in (run_test_send, blocking) for case in SLOW_REPLIES]

    async def attempt(scale: float):
        servers = [gmail_server(behaviour) for _, _, behaviour, _, _ in cases]
        events: list[list] = [[] for _ in cases]
        results = await asyncio.gather(*(
            engine(request_for(server, ca_file, **limits(scale)[limit]), seen.append)
            for (limit, engine, *_), server, seen in zip(cases, servers, events, strict=True)
        ))
        return servers, events, results

    def at_the_held_back_ehlo(outcome) -> bool:
        # The server saw the EHLO it holds back (the second one for the one after STARTTLS): all
        # before it was done in time, and the send was waiting for that reply when its limit ran out.
        servers, _, _ = outcome
        return all(len(server.received.ehlo_names) == (2 if behaviour.tls_ehlo_delay else 1)
                   for (_, _, behaviour, _, _), server in zip(cases, servers, strict=True))

    # An eighth of each first (a 1 s deadline, a 1/4 s reply limit): the wait on a quiet machine;
    # the full 8 s and 2 s if a busy one did not reach the held-back EHLO within them.
    servers, events, results = await shortest_limit_that_reaches_the_stall_async((1 / 8, 1), attempt, at_the_held_back_ehlo)
    for (limit, engine, _, stage, stages_done), result, seen, server in zip(cases, results, events, servers, strict=True):
        try:
            assert_a_slow_server_at(result, seen, server, stage, stages_done)
            if limit == "reply":
                assert "> 60 s" not in result.diagnosis.reply  # the reply's limit, not the whole send's deadline
        except AssertionError as failure:
            raise AssertionError(f"{limit} limit, {engine.__name__}, {stage}: {failure}") from None
