"""The one output filter: no control or format character from outside reaches a terminal, a report or JSON."""

from __future__ import annotations

import base64
import json
import ssl
import subprocess
import unicodedata
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import trustme
from cli_in_process import run_command
from hypothesis import given
from hypothesis import strategies as st
from smtp_fixtures import PASSWORD

from wizard.core.output_filter import REPLACEMENT, printable, printable_json, printable_lines
from wizard.ui.places import Send

REFUSED = ("Cc", "Cf", "Cs", "Zl", "Zp")

# ESC, BEL, DEL, C1 (NEL, CSI), bidi marks, embeddings and overrides, isolates, the
# separators, zero-width characters, the BOM, the soft hyphen and the Arabic letter mark.
HOSTILE = [
    "\x1b", "\x07", "\x00", "\x7f", "\x85", "\x9b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\u200b", "\u200c", "\u200d", "\ufeff",
    "\u00ad", "\u061c", "\U000e0001", "\ud800",
]

# A title sequence (OSC 0 ... BEL), clear screen, red, then a right-to-left override.
EVIL_NAME = "\x1b]0;PWNED-BY-CERT\x07\x1b[2J\x1b[31mevil\u202e"
RAW = ("\x1b", "\x07", "\u202e", "\x1b]0;", "\x1b[2J", "\x9b")


def harmless(text: str) -> bool:
    return not any(unicodedata.category(char) in REFUSED for char in text)


@pytest.mark.parametrize("char", HOSTILE, ids=[f"U+{ord(c):04X}" for c in HOSTILE])
def test_each_control_and_format_character_is_replaced_visibly(char: str) -> None:
    assert printable(f"a{char}b") == f"a{REPLACEMENT}b"


def test_japanese_and_ordinary_text_pass_unchanged() -> None:
    text = "件名「Ecrea テストメール（練習）」、山田商店。ｶﾀｶﾅ　全角ＡＢＣ ーｰ〜 é ñ 🙂 <a@b.jp> 100%"
    assert printable(text) == text
    assert printable_lines(f"{text}\n{text}") == f"{text}\n{text}"


def test_an_emoji_joined_by_zwj_is_split_not_kept_whole() -> None:
    assert printable("👩\u200d💻") == f"👩{REPLACEMENT}💻"


def test_multi_line_text_keeps_its_line_feeds_only() -> None:
    assert printable("one\ntwo") == f"one{REPLACEMENT}two"
    assert printable_lines("one\r\ntwo\u2028three\u2029four\x85five\tsix\n") == (
        f"one\ntwo{REPLACEMENT}three{REPLACEMENT}four{REPLACEMENT}five{REPLACEMENT}six\n"
    )


@pytest.mark.parametrize("char", ["\u200f", "\u2028", "\u2029", "\u202e", "\x1b"], ids=["RLM", "LS", "PS", "RLO", "ESC"])
def test_format_characters_inside_rfc2047_encoded_words_are_replaced_not_dropped(char: str) -> None:
    def word(text: str) -> str:
        return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="

    raw = (
        f"From: {word(f'山田{char}商店')} <ecrea.test@gmail.com>\r\n"
        f"To: {word(f'受付{char}')} <shop@example.jp>\r\n"
        f"Subject: {word(f'Ecrea テスト{char}（照合用コード K7PQ2M）')}\r\n\r\n"
    ).encode()
    message = message_from_bytes(raw, policy=policy.default)
    assert printable(str(message["From"])) == f"山田{REPLACEMENT}商店 <ecrea.test@gmail.com>"
    assert printable(str(message["To"])) == f"受付{REPLACEMENT} <shop@example.jp>"
    assert printable(str(message["Subject"])) == f"Ecrea テスト{REPLACEMENT}（照合用コード K7PQ2M）"


def test_json_output_carries_no_raw_format_character_and_stays_readable() -> None:
    document = {"certificate": EVIL_NAME, "list": ["a\u200fb", {"k\u2028": "\u2029"}], "ja": "テスト", "n": 1, "none": None}
    output = printable_json(document)
    assert harmless(output)
    assert all(raw not in output for raw in RAW)
    assert "テスト" in output  # not \u escapes
    parsed = json.loads(output)
    assert parsed["list"] == [f"a{REPLACEMENT}b", {f"k{REPLACEMENT}": REPLACEMENT}]
    assert (parsed["n"], parsed["none"]) == (1, None)


TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(HOSTILE)), max_size=80)


@given(TEXT)
def test_nothing_refused_survives_any_of_the_filters(text: str) -> None:
    assert harmless(printable(text))
    assert harmless(printable_lines(text).replace("\n", ""))
    assert harmless(printable_json({"value": text, text: [text]}))
    json.loads(printable_json({"value": text}))


def test_a_certificate_names_are_filtered() -> None:
    from wizard.mail.send import describe_certificate

    with_common_name = {"subject": ((("commonName", EVIL_NAME),),), "notAfter": "Jan  1 00:00:00 3000 GMT"}
    with_san_only = {"subjectAltName": (("DNS", "smtp\u202e.example\u200f\x1b[2J"),), "notAfter": ""}
    for certificate in (with_common_name, with_san_only):
        described = describe_certificate(certificate)
        assert harmless(described) and all(raw not in described for raw in RAW)
    assert describe_certificate(with_common_name).endswith("evil\ufffd (3000-01-01)")


@pytest.fixture(scope="module")
def evil_certificate_context(trusted_ca: trustme.CA) -> ssl.SSLContext:
    """A certificate the client trusts (as with --ca-file), whose name carries terminal sequences."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trusted_ca.issue_cert("127.0.0.1", "localhost", common_name=EVIL_NAME).configure_cert(context)
    return context


def check(server, ca_file: str, *extra: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """In this process (tests/cli_in_process.py): the subject is what reaches standard output, not the process."""
    args = ["check", "--email", "ecrea.test@gmail.com", "--password-stdin", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(server.port), "--ca-file", ca_file, "--timeout", "20", *extra]
    return run_command(args, input=PASSWORD, text=True, cwd=cwd)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_check_prints_a_hostile_certificate_name_harmlessly(gmail_server, ca_file, evil_certificate_context, tmp_path, lang) -> None:
    server = gmail_server(context=evil_certificate_context)
    result = check(server, ca_file, "--lang", lang, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert all(raw not in output for raw in RAW), ascii(output)
    assert harmless(output.replace("\n", ""))
    assert "[31mevil\ufffd (3000-01-01)" in result.stdout  # still there, visibly defused


def test_check_json_carries_a_hostile_certificate_name_harmlessly(gmail_server, ca_file, evil_certificate_context, tmp_path) -> None:
    server = gmail_server(context=evil_certificate_context)
    result = check(server, ca_file, "--lang", "en", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(raw not in result.stdout for raw in RAW), ascii(result.stdout)
    assert harmless(result.stdout.replace("\n", ""))
    assert json.loads(result.stdout)["certificate"].startswith("\ufffd")


async def test_the_support_report_and_stage_details_carry_a_hostile_certificate_name_harmlessly(
    gmail_server, ca_file, evil_certificate_context
) -> None:
    from wizard.core.texts import Texts
    from wizard.mail.sample_message import build_sample_message
    from wizard.mail.send import SendRequest, run_test_send
    from wizard.mail.support_report import ReportContext, build_report

    server = gmail_server(context=evil_certificate_context)
    address = "ecrea.test@gmail.com"
    message = build_sample_message(address, "山田商店", address, "K7PQ2M", Texts("ja"))
    request = SendRequest(address=address, password=PASSWORD, message=message, recipient=address,
                          host="127.0.0.1", port=server.port, ca_file=ca_file, timeout=20)
    events = []
    result = await run_test_send(request, events.append)
    assert result.ok, result.diagnosis
    details = [event.detail for event in events]
    report = build_report(request, result, ReportContext(), Texts("ja"))
    for text in [result.certificate, report, *details, *result.transcript]:
        assert all(raw not in text for raw in RAW), ascii(text)
        assert harmless(text.replace("\n", ""))
    assert "evil" in result.certificate and "evil" in report


async def test_a_reply_with_separators_and_marks_is_shown_replaced_not_split(scripted_server, ca_file) -> None:
    from wizard.core.texts import Texts
    from wizard.mail.sample_message import build_sample_message
    from wizard.mail.send import SendRequest, run_test_send

    server = scripted_server(lambda line: "550 5.7.1 refused\u2028by\u2029policy\u200f\u202e\x85end")
    address = "ecrea.test@gmail.com"
    message = build_sample_message(address, "", address, "K7PQ2M", Texts("en"))
    request = SendRequest(address=address, password=PASSWORD, message=message, recipient=address,
                          host="127.0.0.1", port=server.port, ca_file=ca_file, timeout=20)
    result = await run_test_send(request)
    assert result.diagnosis is not None and result.diagnosis.key == "refused"
    replaced = "refused\ufffdby\ufffdpolicy\ufffd\ufffd\ufffdend"
    assert replaced in result.diagnosis.reply
    assert [line for line in result.transcript if "refused" in line] == [f"S: 550 5.7.1 {replaced}"]
    assert all(harmless(text) for text in [result.diagnosis.reply, *result.transcript])


async def test_the_send_screen_shows_a_hostile_certificate_name_harmlessly(gmail_server, ca_file, evil_certificate_context, progress_file) -> None:
    from helpers import LARGE, wait_until

    from wizard.ui.app import make_app

    server = gmail_server(context=evil_certificate_context)
    app = make_app(lang="en", progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password(PASSWORD)
    async with app.run_test(size=LARGE) as pilot:
        app.go(Send())
        await pilot.pause()
        await pilot.click("#start")
        await wait_until(pilot, lambda: app.screen.query_one("#result").display)
        for selector in ("#stage-tls", "#report-text"):
            text = str(app.screen.query_one(selector).render())
            assert "evil\ufffd" in text, selector
            assert all(raw not in text for raw in RAW), (selector, ascii(text))
