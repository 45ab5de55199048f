"""Confirming delivery against a real IMAP server (Dovecot), and against servers that refuse.

No Textual here: the confirmation logic is tested directly, as the screens and the
command line use it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from dovecot_fixtures import MailAccount
from helpers import eventually
from smtp_fixtures import PASSWORD
from stall_limits import shortest_limit_that_reaches_the_stall_async

from wizard.core.texts import Texts
from wizard.mail.confirm import Looking, LookPhase, Outcome, confirm_arrival, watch_sent
from wizard.mail.imap_client import ImapRefused
from wizard.mail.imap_mailbox import ImapMailbox, refusal_problem
from wizard.mail.mailbox import MailboxProblem, Role, WaitsBy
from wizard.mail.sample_message import build_sample_message


def mailbox(account: MailAccount, **options) -> ImapMailbox:
    return ImapMailbox(account.address, account.password, host=account.host, port=account.port,
                       ca_file=options.pop("ca_file", account.ca_file), **options)


def sample(account: MailAccount, code: str, subject_lang: str = "ja"):
    return build_sample_message(account.address, "山田商店", account.address, code, Texts(subject_lang))


def idled(result: Looking) -> bool:
    """The look was done and the wait for news begun before the time ran out."""
    return any(line.startswith("S: + ") for line in result.transcript)


def no_password_in(account: MailAccount, *texts: str) -> None:
    for text in texts:
        assert account.password not in text


async def test_arrival_in_the_inbox(mail_account: MailAccount) -> None:
    mail_account.deliver(sample(mail_account, "OTHER2"))  # another test's message is not taken for ours
    mail_account.deliver(sample(mail_account, "K7PQ2M"))
    # Generous deadlines where a message is there to be found: a busy machine is slow, not wrong.
    result = await confirm_arrival(mailbox(mail_account), "K7PQ2M", datetime.now(UTC), timeout=60)
    assert result.outcome is Outcome.INBOX and result.folder == ""
    assert result.headers is not None and "K7PQ2M" in result.headers.subject  # the Japanese subject, decoded
    assert result.seconds is not None
    assert result.looked_in == {Role.INBOX: "", Role.JUNK: "迷惑メール"}
    assert "C: LOGIN [credentials hidden]" in result.transcript
    no_password_in(mail_account, *result.transcript, result.detail)


async def test_arrival_in_spam_under_its_japanese_name(mail_account: MailAccount) -> None:
    mail_account.deliver(sample(mail_account, "J2NKQ5"), "[Gmail]/迷惑メール")
    result = await confirm_arrival(mailbox(mail_account), "J2NKQ5", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.folder) == (Outcome.JUNK, "迷惑メール")


async def test_folders_go_by_their_flags_not_their_names(mail_account: MailAccount) -> None:
    """A folder named "Junk" without the \\Junk flag is not Spam: a message there is not found."""
    mail_account.deliver(sample(mail_account, "DECOY3"), "Junk")
    mail_account.deliver(sample(mail_account, "DECOY3"), "Spam")
    loop = asyncio.get_running_loop()

    async def attempt(timeout: float):
        started = loop.time()
        return await confirm_arrival(mailbox(mail_account), "DECOY3", datetime.now(UTC), timeout=timeout), loop.time() - started

    # The timeout is waited out whole, and covers signing in and one whole look too: 1 s where the
    # look was done and IDLE begun inside it, else the 3 s that leave a busy machine time for it.
    result, seconds = await shortest_limit_that_reaches_the_stall_async((1, 3), attempt, lambda outcome: idled(outcome[0]))
    assert result.outcome is Outcome.NOT_FOUND
    assert seconds < 3 + 15  # bounded by the timeout (the exact bound is bench material)


async def test_a_message_that_arrives_while_waiting_is_seen_at_once_with_idle(mail_account: MailAccount) -> None:
    box = mailbox(mail_account)
    task = asyncio.create_task(confirm_arrival(box, "LATE42", datetime.now(UTC), timeout=60))
    # Filed once Dovecot has accepted IDLE: a busy machine may take a while to get there.
    await eventually(lambda: any(line.startswith("S: + ") for line in box.transcript))
    await asyncio.to_thread(mail_account.deliver, sample(mail_account, "LATE42"), "INBOX")
    result = await task
    assert result.outcome is Outcome.INBOX and result.waits_by is WaitsBy.IDLE
    # Seen because the server said so during IDLE, not by a later look (bench/confirm_delay.py times it).
    idle = result.transcript.index("C: IDLE")
    done = result.transcript.index("C: DONE", idle)
    assert any(line.startswith("S: * ") and line.endswith("EXISTS") for line in result.transcript[idle:done])


async def test_without_idle_it_looks_again_every_few_seconds(mail_account: MailAccount, monkeypatch) -> None:
    from wizard.mail import confirm

    # That it looks again is the subject, not after how long: any pause between looks proves it.
    monkeypatch.setattr(confirm, "CHECK_EVERY", 0.1)
    box = mailbox(mail_account, use_idle=False)
    task = asyncio.create_task(confirm_arrival(box, "POLL42", datetime.now(UTC), timeout=60))

    def searches() -> int:
        return sum(line.startswith("S: ") and "OK Search completed" in line for line in box.transcript)

    # Delivered once the first look has searched both folders: only a later look can find it.
    await eventually(lambda: searches() >= 2 or task.done())
    await asyncio.to_thread(mail_account.deliver, sample(mail_account, "POLL42"), "[Gmail]/迷惑メール")
    result = await task
    assert result.outcome is Outcome.JUNK and result.waits_by is WaitsBy.POLL
    assert "C: IDLE" not in result.transcript
    assert searches() > 2


async def test_reading_changes_nothing(mail_account: MailAccount) -> None:
    mail_account.deliver(sample(mail_account, "PEEK22"))
    await confirm_arrival(mailbox(mail_account), "PEEK22", datetime.now(UTC), timeout=60)
    files = [path.name for folder in ("new", "cur") for path in (mail_account.maildir / folder).iterdir()]
    assert len(files) == 1
    assert ":2,S" not in files[0] and not files[0].endswith("S")  # not marked as read


async def test_sent_mail_after_watching_begins_is_seen_and_earlier_mail_ignored(mail_account: MailAccount) -> None:
    earlier = sample(mail_account, "EARLY2")
    mail_account.deliver(earlier, "Sent")
    ecrea = build_sample_message(mail_account.address, "Ecrea", "customer@example.com", "ECREA7", Texts("en"))
    events: list[Looking] = []
    box = mailbox(mail_account)
    task = asyncio.create_task(watch_sent(box, timeout=60, report=events.append))
    # Sent once the watch is waiting (in IDLE), as Ecrea's test comes while the user watches.
    await eventually(lambda: any(line.startswith("S: + ") for line in box.transcript) or task.done())
    await asyncio.to_thread(mail_account.deliver, ecrea, "Sent")
    result = await task
    assert result.outcome is Outcome.SEEN
    assert result.headers is not None and "ECREA7" in result.headers.subject
    assert result.headers.recipients == "customer@example.com"
    assert result.when is not None and result.since is not None
    assert [event.phase for event in events] == [LookPhase.CONNECTING, LookPhase.LOOKING]
    assert events[-1].folders == {Role.SENT: "Sent"}


async def test_nothing_sent_is_reported_after_the_timeout(mail_account: MailAccount) -> None:
    mail_account.deliver(sample(mail_account, "EARLY3"), "Sent")  # before watching: not Ecrea's test
    # Waited out whole: 1 s where the watch was set up and IDLE begun inside it, else 3 s.
    result = await shortest_limit_that_reaches_the_stall_async(
        (1, 3), lambda timeout: watch_sent(mailbox(mail_account), timeout=timeout), idled)
    assert result.outcome is Outcome.NOT_FOUND and result.outcome.exit_code == 7


async def test_a_wrong_password_is_explained_without_showing_it(mail_account: MailAccount) -> None:
    box = ImapMailbox(mail_account.address, "wrongwrongwrongw", host=mail_account.host, port=mail_account.port,
                      ca_file=mail_account.ca_file)
    result = await confirm_arrival(box, "ABCDEF", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.problem) == (Outcome.UNAVAILABLE, MailboxProblem.AUTH_FAILED)
    assert result.outcome.exit_code == 8
    assert "AUTHENTICATIONFAILED" in result.detail
    assert not any("wrongwrongwrongw" in line for line in [*result.transcript, result.detail])


async def test_an_untrusted_certificate_stops_before_the_password(mail_account: MailAccount) -> None:
    result = await confirm_arrival(mailbox(mail_account, ca_file=None), "ABCDEF", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.problem) == (Outcome.UNAVAILABLE, MailboxProblem.CERTIFICATE)
    assert not any("LOGIN" in line for line in result.transcript)


async def test_cancel_while_waiting_returns_at_once(mail_account: MailAccount) -> None:
    looking = asyncio.Event()
    box = mailbox(mail_account)
    task = asyncio.create_task(confirm_arrival(box, "NEVER2", datetime.now(UTC), timeout=30,
                                               report=lambda event: event.phase is LookPhase.LOOKING and looking.set()))
    await asyncio.wait_for(looking.wait(), 30)
    await eventually(lambda: any(line.startswith("S: + ") for line in box.transcript))  # in IDLE now
    assert not task.done(), task.result()
    loop = asyncio.get_running_loop()
    started = loop.time()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert loop.time() - started < 5  # the connection is dropped, not politely closed (a slow machine aside)
    assert box._client is None


GMAIL_REFUSALS = [
    ("NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)", MailboxProblem.IMAP_DISABLED),
    ("NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)", MailboxProblem.IMAP_DISABLED),
    ("NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)", MailboxProblem.AUTH_FAILED),
    ("NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)", MailboxProblem.WEB_LOGIN),
    ("NO [ALERT] Too many simultaneous connections. (Failure)", MailboxProblem.LOGIN_REFUSED),
]


@pytest.mark.parametrize(("reply", "problem"), GMAIL_REFUSALS)
async def test_gmail_refusals_are_told_apart(scripted_server, trusted_context, ca_file, reply: str,
                                            problem: MailboxProblem) -> None:
    def answer(line: str) -> str | None:
        tag, _, command = line.partition(" ")
        return f"{tag} {reply}" if command.upper().startswith("LOGIN") else f"{tag} BAD unexpected"

    server = scripted_server(answer, greeting="* OK Gimap ready for requests", tls=trusted_context)
    box = ImapMailbox("ecrea.test@gmail.com", PASSWORD, host="127.0.0.1", port=server.port, ca_file=ca_file)
    result = await confirm_arrival(box, "ABCDEF", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.problem) == (Outcome.UNAVAILABLE, problem)
    assert reply.split("] ")[-1][:20] in result.detail
    # The LOGIN line went to the server; the record shows it without the password.
    assert any(" LOGIN " in line for line in server.received)
    assert PASSWORD not in "\n".join(result.transcript)


def test_refusal_problem_reads_gmail_words() -> None:
    assert refusal_problem(ImapRefused("NO", "", "IMAP access is disabled for your domain.")) is MailboxProblem.IMAP_DISABLED


async def test_something_else_on_the_port(gmail_server, ca_file) -> None:
    """An SMTP server where IMAP was expected (port 587 given as the IMAP port): said plainly."""
    server = gmail_server()
    box = ImapMailbox("ecrea.test@gmail.com", PASSWORD, host="127.0.0.1", port=server.port, ca_file=ca_file)
    result = await confirm_arrival(box, "ABCDEF", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.problem) == (Outcome.UNAVAILABLE, MailboxProblem.WRONG_PROTOCOL)


async def test_nobody_listening(ca_file) -> None:
    from wizard.mail.gmail_like_server import free_port

    box = ImapMailbox("ecrea.test@gmail.com", PASSWORD, host="127.0.0.1", port=free_port(), ca_file=ca_file)
    result = await confirm_arrival(box, "ABCDEF", datetime.now(UTC), timeout=60)
    assert (result.outcome, result.problem) == (Outcome.UNAVAILABLE, MailboxProblem.CONNECT_FAILED)


def test_json_prints_the_stable_names_and_the_support_record_words() -> None:
    """`--json` keeps printing the plain strings it always did; the record, read by people, says them in words."""
    import json

    from wizard.cli.confirmations import confirm_document
    from wizard.mail.confirm import ConfirmResult
    from wizard.mail.support_report import ReportContext, build_mailbox_record

    texts = Texts("en")
    refused = ConfirmResult(Outcome.UNAVAILABLE, problem=MailboxProblem.IMAP_DISABLED, waits_by=WaitsBy.IDLE)
    document = json.loads(json.dumps(confirm_document(refused, texts)))
    assert (document["problem"], document["waits_by"]) == ("imap_disabled", "idle")
    assert document["message"] == texts(MailboxProblem.IMAP_DISABLED.title_key)
    record = build_mailbox_record(refused, ReportContext(), texts, server="imap.gmail.com:993",
                                  address="a@gmail.com", password="x")
    assert f"result: {texts(MailboxProblem.IMAP_DISABLED.title_key)}\n" in record
    assert "new mail noticed by: the server's notice (IDLE)\n" in record
    assert "imap_disabled" not in record
    nothing = json.loads(json.dumps(confirm_document(ConfirmResult(Outcome.NOT_FOUND), texts)))
    assert (nothing["problem"], nothing["message"], nothing["waits_by"]) == (None, None, None)
