"""The IMAP client's parsing, and what it does with servers that misbehave (scripted, on loopback)."""

from __future__ import annotations

import asyncio
import ssl

import pytest

from wizard.mail.imap_client import (
    ImapClient,
    ImapClosed,
    ImapProtocolError,
    ImapRefused,
    decode_folder_name,
    parse_items,
    parse_status,
    quote,
)


def test_items_atoms_strings_lists_nil_and_literals() -> None:
    line = b'(\\HasNoChildren \\Junk) "/" "[Gmail]/&j,dg0TDhMPww6w-"'
    assert parse_items(line) == [["\\HasNoChildren", "\\Junk"], b"/", b"[Gmail]/&j,dg0TDhMPww6w-"]
    fetch = b'(UID 7 INTERNALDATE "28-Nov-2026 16:55:46 +0000" BODY[HEADER.FIELDS (DATE FROM)] {10}\r\nSubject: x)'
    assert parse_items(fetch) == [["UID", "7", "INTERNALDATE", b"28-Nov-2026 16:55:46 +0000", "BODY[HEADER.FIELDS (DATE FROM)]", b"Subject: x"]]
    assert parse_items(b'NIL "a \\"b\\" \\\\c"') == [None, b'a "b" \\c']


@pytest.mark.parametrize("broken", [b"(a b", b"a)", b'"open', b"{5}\r\nab", b"{x}\r\n", b"BODY[HEADER"])
def test_broken_responses_are_protocol_errors_not_crashes(broken: bytes) -> None:
    with pytest.raises(ImapProtocolError):
        parse_items(broken)


def test_status_and_codes() -> None:
    assert parse_status("NO [ALERT] IMAP access is disabled") == ("NO", "ALERT", "IMAP access is disabled")
    assert parse_status("OK Logged in") == ("OK", "", "Logged in")
    assert parse_status("hello") is None


def test_folder_names_decode_from_modified_utf7() -> None:
    assert decode_folder_name("[Gmail]/&j,dg0TDhMPww6w-") == "[Gmail]/迷惑メール"
    assert decode_folder_name("[Gmail]/&kAFP4W4IMH8w4TD8MOs-") == "[Gmail]/送信済みメール"
    assert decode_folder_name("A&-B") == "A&B"
    assert decode_folder_name("&!!!-") == "&!!!-"  # not valid: shown as it came


def test_quote_refuses_what_would_break_the_command() -> None:
    assert quote('a"b\\') == '"a\\"b\\\\"'
    for bad in ("a\r\nW2 DELETE INBOX", "迷惑", "a\0"):
        with pytest.raises(ValueError):
            quote(bad)


async def connect(server, context: ssl.SSLContext, **options) -> ImapClient:
    return await ImapClient.connect("127.0.0.1", server.port, context, connect_timeout=2, reply_timeout=options.get("reply_timeout", 2))


def client_context(ca_file: str) -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.load_verify_locations(ca_file)
    return context


@pytest.mark.parametrize(
    ("greeting", "error"),
    [
        ("* BYE Too many connections", ImapClosed),
        ("220 smtp.gmail.com ESMTP ready", ImapProtocolError),  # an SMTP server on the IMAP port
        ("* NO go away", ImapProtocolError),
    ],
)
async def test_a_greeting_that_is_not_welcome(scripted_server, trusted_context, ca_file, greeting, error) -> None:
    server = scripted_server(lambda line: None, greeting=greeting, tls=trusted_context)
    with pytest.raises(error):
        await connect(server, client_context(ca_file))


@pytest.mark.parametrize(
    "reply",
    [
        "* 1 FETCH (UID 1 BODY[HEADER] {999999999}",  # a literal far beyond any header's size
        "* " + "x" * 70000,  # a line longer than any answer to us
        "W9 OK not the tag that was sent",
    ],
    ids=["huge-literal", "long-line", "wrong-tag"],
)
async def test_limits_on_what_a_server_may_send(scripted_server, trusted_context, ca_file, reply: str) -> None:
    server = scripted_server(lambda line: reply, greeting="* OK ready", tls=trusted_context)
    client = await connect(server, client_context(ca_file))
    with pytest.raises(ImapProtocolError):
        await client.command("NOOP")
    client.close()


async def test_a_silent_server_is_bounded(scripted_server, trusted_context, ca_file) -> None:
    server = scripted_server(lambda line: None, greeting="* OK ready", tls=trusted_context)
    client = await connect(server, client_context(ca_file), reply_timeout=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(TimeoutError):
        await client.command("NOOP")
    assert loop.time() - started < 1.5
    client.close()


async def test_a_refusal_keeps_its_code_and_words(scripted_server, trusted_context, ca_file) -> None:
    server = scripted_server(lambda line: f"{line.split()[0]} NO [ALERT] Please log in via your web browser", greeting="* OK ready", tls=trusted_context)
    client = await connect(server, client_context(ca_file))
    with pytest.raises(ImapRefused) as refused:
        await client.login("a@gmail.com", "abcdefghijklmnop")
    assert (refused.value.code, refused.value.text) == ("ALERT", "Please log in via your web browser")
    client.close()
