"""IMAP as the RFCs allow it, not as one server does it: a Cyrus-like scripted server, and Dovecot.

RETURN (SPECIAL-USE), the plain-LIST and well-known-name fallbacks, names that start
with "[", a refused LOGIN without a response code, and Spam noticed as promptly as the
Inbox. Timing itself is the bench's job (bench/confirm_delay.py); these are conditions.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from dovecot_fixtures import MailAccount
from imap_fixtures import ADDRESS, FakeImap
from smtp_fixtures import PASSWORD

from wizard.core.texts import Texts
from wizard.mail import confirm
from wizard.mail.confirm import Looking, LookPhase, Outcome, confirm_arrival, watch_sent
from wizard.mail.imap_client import Folder, ImapRefused, parse_items
from wizard.mail.imap_mailbox import ImapMailbox, choose_folders, refusal_problem
from wizard.mail.mailbox import MailboxProblem, Role
from wizard.mail.sample_message import build_sample_message


def mailbox_of(server: FakeImap, ca_file: str, password: str = PASSWORD) -> ImapMailbox:
    return ImapMailbox(ADDRESS, password, host="127.0.0.1", port=server.port, ca_file=ca_file)


def test_an_unquoted_name_may_start_with_a_bracket() -> None:
    assert parse_items(b'(\\HasNoChildren) "." [Archive') == [["\\HasNoChildren"], b".", "[Archive"]
    assert parse_items(b"(\\HasNoChildren) \".\" [\xe3\x83\xa1\xe3\x83\xa2") == [["\\HasNoChildren"], b".", "[メモ"]
    assert parse_items(b'() "/" a]b[c') == [[], b"/", "a]b[c"]
    # A fetch attribute's section still holds its spaces.
    assert parse_items(b"(BODY[HEADER.FIELDS (DATE)] NIL)") == [["BODY[HEADER.FIELDS (DATE)]", None]]


def test_names_are_shown_with_the_servers_separator_as_a_slash() -> None:
    assert Folder(frozenset(), "INBOX.Junk", ".").shown == "INBOX/Junk"
    assert Folder(frozenset(), "[&MOEw4g-", ".").shown == "[メモ"
    assert Folder(frozenset(), "Lists\\Ecrea", "\\").shown == "Lists/Ecrea"
    assert Folder(frozenset(), "NoHierarchy", "").shown == "NoHierarchy"


def test_well_known_names_only_when_no_folder_has_a_flag() -> None:
    flagged = Folder(frozenset({"\\JUNK"}), "Bulk", "/")
    junk, sent = Folder(frozenset(), "INBOX.Junk", "."), Folder(frozenset(), "INBOX.Sent Items", ".")
    chosen, by_name = choose_folders([junk, sent, flagged])
    assert (chosen[Role.JUNK], chosen[Role.SENT], by_name) == (flagged, sent, {Role.SENT})
    unusable = Folder(frozenset({"\\NOSELECT"}), "Spam", "/")
    assert choose_folders([unusable]) == ({}, set())


@pytest.mark.parametrize("reply", [
    "NO Login failed: authentication failure",  # Cyrus
    "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",  # Gmail
    "NO [AUTHORIZATIONFAILED] not allowed",
])
def test_any_no_to_login_is_a_refused_sign_in(reply: str) -> None:
    status, _, rest = reply.partition(" ")
    code, _, text = rest.removeprefix("[").partition("] ") if rest.startswith("[") else ("", "", rest)
    assert refusal_problem(ImapRefused(status, code, text)) is MailboxProblem.AUTH_FAILED


def test_temporary_refusals_keep_the_general_words() -> None:
    assert refusal_problem(ImapRefused("NO", "UNAVAILABLE", "try later")) is MailboxProblem.LOGIN_REFUSED
    assert refusal_problem(ImapRefused("BAD", "", "syntax")) is MailboxProblem.LOGIN_REFUSED


async def test_flags_asked_for_with_return_special_use(fake_imap, ca_file) -> None:
    server = fake_imap(special_use="on_request")
    server.deliver("INBOX.Junk", "Test 4KQ7ZP")
    result = await confirm_arrival(mailbox_of(server, ca_file), "4KQ7ZP", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.folder) == (Outcome.JUNK, "INBOX/Junk"), result
    assert result.chosen_by_name == {}
    assert any('LIST "" "*" RETURN (SPECIAL-USE)' in line for line in server.commands)
    # The unquoted "[Archive" and "[メモ" were read without trouble.
    assert any("[Archive" in line for line in result.transcript)


async def test_flags_volunteered_in_a_plain_list(fake_imap, ca_file) -> None:
    server = fake_imap(special_use="volunteered")
    events: list[Looking] = []

    def report(event: Looking) -> None:
        events.append(event)
        if event.since is not None:
            server.deliver("INBOX.Sent", "Ecrea test", to="customer@example.com")

    result = await watch_sent(mailbox_of(server, ca_file), timeout=60, report=report)
    assert (result.outcome, result.folder, result.chosen_by_name) == (Outcome.SEEN, "INBOX/Sent", {})
    assert not any("RETURN" in line for line in server.commands)


async def test_well_known_names_as_a_last_resort_and_the_user_is_told(fake_imap, ca_file) -> None:
    server = fake_imap(special_use="none")
    server.deliver("INBOX.Junk", "Test 9TRW2B")
    events: list[Looking] = []
    result = await confirm_arrival(mailbox_of(server, ca_file), "9TRW2B", datetime.now(UTC), timeout=60,
                                   report=events.append)
    assert (result.outcome, result.folder) == (Outcome.JUNK, "INBOX/Junk")
    assert result.chosen_by_name == {Role.JUNK: "INBOX/Junk"}
    assert events[-1].chosen_by_name == {Role.JUNK: "INBOX/Junk"}


async def test_a_refused_login_without_a_code_gets_the_sign_in_explanation(fake_imap, ca_file) -> None:
    server = fake_imap()
    result = await confirm_arrival(mailbox_of(server, ca_file, "wrongwrongwrongw"), "ABCDEF", datetime.now(UTC),
                                   timeout=60)
    assert (result.outcome, result.problem) == (Outcome.UNAVAILABLE, MailboxProblem.AUTH_FAILED)
    assert "authentication failure" in result.detail
    assert not any("wrongwrongwrongw" in line for line in [*result.transcript, result.detail])
    en = Texts("en")
    action = en(MailboxProblem.AUTH_FAILED.action_key)
    assert "revoked" in action and "administrator" in action


async def wait_for(condition, seconds: float = 20.0) -> None:
    """Until `condition()` holds; fails after a generous `seconds`."""
    loop = asyncio.get_running_loop()
    until = loop.time() + seconds
    while not condition():
        assert loop.time() < until, "condition not met in time"
        await asyncio.sleep(0.02)


@pytest.fixture
def no_second_looks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Looks only when told of a change: without a notice, nothing is found before the timeout."""
    monkeypatch.setattr(confirm, "CHECK_EVERY", 1000.0)


async def test_spam_is_noticed_by_notice_not_by_looking_again(fake_imap, ca_file, no_second_looks) -> None:
    server = fake_imap()
    looking = asyncio.Event()
    box = mailbox_of(server, ca_file)
    task = asyncio.create_task(confirm_arrival(box, "SPAM42", datetime.now(UTC), timeout=60,
                                               report=lambda event: event.phase is LookPhase.LOOKING and looking.set()))
    await asyncio.wait_for(looking.wait(), 20)
    # Both folders are watched at once, each on a connection of its own.
    await wait_for(lambda: sorted(server.idling_on()) == ["INBOX", "INBOX.Junk"])
    server.deliver("INBOX.Junk", "Test SPAM42")
    result = await asyncio.wait_for(task, 30)  # well before the 60 s timeout: noticed, not looked for again
    assert (result.outcome, result.folder) == (Outcome.JUNK, "INBOX/Junk")
    await wait_for(lambda: server.idling_on() == [] and not box._client and not box._watcher)


async def test_a_spam_arrival_while_the_second_connection_opens_is_not_missed(fake_imap, ca_file, no_second_looks) -> None:
    """Filed before the Spam watcher's EXAMINE: no notice will come, so the look after it opens finds it."""
    server = fake_imap()
    box = mailbox_of(server, ca_file)
    original = box._open_watcher

    async def deliver_first(role: Role) -> None:
        await asyncio.to_thread(server.deliver, "INBOX.Junk", "Test GAP777")
        await original(role)

    box._open_watcher = deliver_first  # type: ignore[method-assign]
    result = await asyncio.wait_for(confirm_arrival(box, "GAP777", datetime.now(UTC), timeout=60), 30)
    assert result.outcome is Outcome.JUNK


async def test_spam_is_noticed_by_dovecot_too(mail_account: MailAccount, no_second_looks) -> None:
    message = build_sample_message(mail_account.address, "山田商店", mail_account.address, "DOVE42", Texts("ja"))
    box = ImapMailbox(mail_account.address, mail_account.password, host=mail_account.host, port=mail_account.port,
                      ca_file=mail_account.ca_file)
    task = asyncio.create_task(confirm_arrival(box, "DOVE42", datetime.now(UTC), timeout=60))
    # Once Dovecot has accepted IDLE on both connections (the Inbox and Spam), file it in Spam.
    await wait_for(lambda: sum(line.startswith("S: + ") for line in box.transcript) >= 2)
    await asyncio.to_thread(mail_account.deliver, message, "[Gmail]/迷惑メール")
    result = await asyncio.wait_for(task, 30)  # well before the 60 s timeout: noticed, not looked for again
    assert (result.outcome, result.folder) == (Outcome.JUNK, "迷惑メール")
