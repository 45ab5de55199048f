"""The test send against real SMTP servers on loopback that answer like Gmail."""

from __future__ import annotations

import pytest
from smtp_fixtures import PASSWORD

from wizard.mail.diagnosis import Stage
from wizard.mail.gmail_like_server import Behaviour, free_port
from wizard.mail.send import CheckRequest, run_check
from wizard.mail.support_report import build_report, secret_forms
from wizard.mail.sample_message import build_test_message
from wizard.core.texts import Texts

ADDRESS = "ecrea.test@gmail.com"


def request_for(server, ca_file: str, password: str = PASSWORD, lang: str = "ja", **overrides) -> CheckRequest:
    message = build_test_message(ADDRESS, "Ecreaマニュアル用", ADDRESS, "K7PQ2M", Texts(lang))
    fields = dict(
        address=ADDRESS, password=password, message=message, recipient=ADDRESS,
        host="127.0.0.1", port=server.port if server else free_port(), ca_file=ca_file,
        connect_timeout=2, reply_timeout=2,
    )
    fields.update(overrides)
    return CheckRequest(**fields)


async def test_success_delivers_a_correct_japanese_message(gmail_server, ca_file) -> None:
    server = gmail_server()
    events = []
    result = await run_check(request_for(server, ca_file), events.append)
    assert result.ok, result.diagnosis
    assert [(e.stage, e.done) for e in events if e.done] == [(stage, True) for stage in Stage]
    assert "127.0.0.1" in result.certificate
    (message,) = server.received.messages
    assert message["Subject"] == "Ecrea メール送信テスト（確認コード K7PQ2M）"
    assert message["From"].addresses[0].display_name == "Ecreaマニュアル用"
    assert message["From"].addresses[0].addr_spec == ADDRESS
    assert message["To"] == ADDRESS
    assert message["Date"] and message["Message-ID"].endswith("@gmail.com>")
    assert "K7PQ2M" in message.get_content()
    raw = message.as_string()
    assert "=?utf-8?" in raw.lower()  # the Japanese subject is RFC 2047 encoded on the wire
    assert server.received.auth_before_tls == 0


# (behaviour, password, diagnosis key, stage, step to redo)
FAILURES = [
    (Behaviour(), "wrongpasswordxyz", "bad_credentials", Stage.AUTH, 11),
    (Behaviour(auth_reply="534 5.7.9 Application-specific password required. p=InvalidSecondFactor"), PASSWORD, "ordinary_password", Stage.AUTH, 13),
    (Behaviour(auth_reply="534 5.7.9 Please log in with your web browser and then try again. p=WebLoginRequired"), PASSWORD, "web_login", Stage.AUTH, None),
    (Behaviour(auth_reply="534 5.7.14 <https://accounts.google.com/signin/continue> Please log in via your web browser"), PASSWORD, "web_login", Stage.AUTH, None),
    (Behaviour(auth_reply="530 5.7.0 Must issue a STARTTLS command first."), PASSWORD, "no_tls", Stage.AUTH, 14),
    (Behaviour(auth_reply="421 4.7.0 Try again later, closing connection."), PASSWORD, "try_later", Stage.AUTH, None),
    (Behaviour(auth_reply="454 4.7.0 Too many login attempts, please try again later."), PASSWORD, "too_many_attempts", Stage.AUTH, 13),
    (Behaviour(mail_reply="550 5.4.5 Daily user sending limit exceeded."), PASSWORD, "daily_limit", Stage.SEND, None),
    (Behaviour(data_reply="552 5.2.3 Your message exceeded Google's message size limits."), PASSWORD, "too_large", Stage.SEND, None),
    (Behaviour(close_during_data=True), PASSWORD, "disconnected", Stage.SEND, None),
    (Behaviour(starttls=False), PASSWORD, "no_starttls", Stage.TLS, 14),
    (Behaviour(greet=False), PASSWORD, "no_greeting", Stage.GREETING, None),
]


@pytest.mark.parametrize(("behaviour", "password", "key", "stage", "redo"), FAILURES, ids=[f[2] + "-" + str(i) for i, f in enumerate(FAILURES)])
async def test_each_failure_gets_its_diagnosis(gmail_server, ca_file, behaviour, password, key, stage, redo) -> None:
    server = gmail_server(behaviour)
    result = await run_check(request_for(server, ca_file, password))
    assert result.diagnosis is not None
    assert (result.diagnosis.key, result.diagnosis.stage, result.diagnosis.redo_step) == (key, stage, redo)
    expected_exit = {Stage.GREETING: 3, Stage.TLS: 4, Stage.AUTH: 5, Stage.SEND: 6}[stage]
    assert result.diagnosis.exit_code == expected_exit
    assert server.received.auth_before_tls == 0
    for lang in ("ja", "en"):
        assert Texts(lang)(f"diagnosis.{key}.title") and Texts(lang)(f"diagnosis.{key}.action")


async def test_untrusted_certificate_is_refused_before_any_credential(gmail_server, ca_file, untrusted_context) -> None:
    server = gmail_server(context=untrusted_context)
    result = await run_check(request_for(server, ca_file))
    assert result.diagnosis.key == "certificate" and result.diagnosis.stage is Stage.TLS
    assert result.diagnosis.exit_code == 4
    assert server.received.auth_attempts == 0
    assert not any(line.startswith("C: AUTH") for line in result.transcript)


async def test_without_the_ca_file_the_test_ca_is_not_trusted(gmail_server) -> None:
    server = gmail_server()
    result = await run_check(request_for(server, None))
    assert result.diagnosis.key == "certificate"
    assert server.received.auth_attempts == 0


async def test_no_starttls_means_no_credentials_sent(gmail_server, ca_file) -> None:
    server = gmail_server(Behaviour(starttls=False))
    result = await run_check(request_for(server, ca_file))
    assert result.diagnosis.key == "no_starttls"
    assert server.received.auth_attempts == 0


async def test_connection_refused(ca_file) -> None:
    result = await run_check(request_for(None, ca_file))
    assert (result.diagnosis.key, result.diagnosis.exit_code) == ("connection_refused", 3)


async def test_host_not_found(ca_file) -> None:
    # ".invalid" is reserved (RFC 2606): the resolver answers without any network traffic.
    result = await run_check(request_for(None, ca_file, host="no-such-host.invalid", port=587))
    assert (result.diagnosis.key, result.diagnosis.stage) == ("host_not_found", Stage.RESOLVE)


async def test_transcript_and_report_never_contain_the_password(gmail_server, ca_file) -> None:
    for password in (PASSWORD, "wrongpasswordxyz"):
        server = gmail_server()
        request = request_for(server, ca_file, password)
        result = await run_check(request)
        report = build_report(request, result, "Ecreaマニュアル用")
        assert "C: AUTH [credentials hidden]" in result.transcript
        for secret in secret_forms(ADDRESS, password):
            assert secret not in report
            assert secret not in "\n".join(result.transcript)
        assert "ecrea-gmail-setup support report" in report and "textual:" in report
