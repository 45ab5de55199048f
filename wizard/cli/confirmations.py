"""Confirming delivery without the screens: `check --confirm` and `watch-sent`.

Exit codes: 0 found, 7 not found in time, 8 the mailbox could not be looked at
(IMAP off, sign-in refused, network). The password comes from the password store or
standard input, as for `check`; nothing printed can contain it.
"""

from __future__ import annotations

import asyncio
import sys
from argparse import Namespace
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

from wizard.core.output_filter import printable_json
from wizard.core.secret import Secret
from wizard.core.texts import Texts
from wizard.mail.confirm import (
    CHOSEN_BY_NAME,
    ConfirmResult,
    Looking,
    LookPhase,
    Outcome,
    watch_sent,
)
from wizard.mail.diagnosis import certificate_lines
from wizard.mail.mailbox import Mailbox, MailboxProblem, Role
from wizard.mail.mailboxes import MailboxAccess, mailbox_for

if TYPE_CHECKING:
    from wizard.mail.practice import PracticeServer

PRACTICE_ECREA_DELAY = 1.0
"""Practice `watch-sent`: how long after watching begins the pretend Ecrea sends."""


def folder_list(folders: dict[Role, str], texts: Texts) -> str:
    names = [texts("confirm.inbox_name") if role is Role.INBOX else name for role, name in folders.items()]
    return texts("common.list_separator").join(texts("common.quoted", text=name) for name in names)


def _time(value: datetime | None) -> str:
    return value.astimezone().strftime("%H:%M:%S") if value else "-"


def confirm_document(result: ConfirmResult, texts: Texts) -> dict[str, object]:
    """What --json reports about a look into the mailbox."""
    headers = result.headers
    return {
        "outcome": result.outcome.value,
        "exit_code": result.outcome.exit_code,
        "folder": {Outcome.INBOX: "inbox", Outcome.JUNK: "junk", Outcome.SEEN: "sent"}.get(result.outcome),
        "folder_name": result.folder if result.confirmed else None,
        "delay_seconds": round(result.seconds, 1) if result.seconds is not None else None,
        "time": result.when.isoformat(timespec="seconds") if result.confirmed and result.when else None,
        "recipient": headers.recipients if headers else None,
        "subject": headers.subject if headers else None,
        "looked_in": [
            texts("confirm.inbox_name") if role is Role.INBOX else name for role, name in result.looked_in.items()
        ],
        "chosen_by_name": {role.value: name for role, name in result.chosen_by_name.items()},
        "waits_by": result.waits_by.value if result.waits_by else None,
        "problem": result.problem.value if result.problem else None,
        "message": texts(result.problem.title_key) if result.problem else None,
        "detail": result.detail,
        "certificate_issuer": result.certificate_issuer,
        "trust_stores": list(result.trust_stores),
    }


def print_problem(result: ConfirmResult, note_key: str, texts: Texts) -> None:
    problem = result.problem or MailboxProblem.UNEXPECTED
    print(f"[{texts('cli.stage_failed')}] {texts('cli.mailbox_stage')}")
    print(texts(problem.title_key))
    print(texts(problem.action_key))
    print(texts(note_key))
    if result.detail:
        print(texts("send.error_detail", reply=result.detail))
    for line in certificate_lines(result.certificate_issuer, result.trust_stores, texts):
        print(line)


def print_arrival(result: ConfirmResult, timeout: float, texts: Texts) -> None:
    seconds = max(1, round(result.seconds or 0))
    if result.outcome is Outcome.INBOX:
        print(f"[{texts('cli.stage_ok')}] {texts('confirm.found_inbox', seconds=seconds)}")
    elif result.outcome is Outcome.JUNK:
        print(f"[{texts('cli.stage_ok')}] {texts('confirm.found_junk', folder=result.folder, seconds=seconds)}")
        print(texts("confirm.junk_action", folder=result.folder))
    elif result.outcome is Outcome.NOT_FOUND:
        print(texts("confirm.not_found", seconds=round(timeout)))
        print(texts("cli.looked_in", folders=folder_list(result.looked_in, texts)))
    else:
        print_problem(result, "confirm.unavailable_note", texts)


def progress_printer(texts: Texts, host: str | None, timeout: float, as_json: bool) -> Callable[[Looking], None]:
    """Prints each phase of a mailbox look; `host` None is the practice server."""
    def report(event: Looking) -> None:
        if as_json:
            return
        seconds = round(timeout)
        if event.phase is LookPhase.CONNECTING:
            line = texts("confirm.connecting", host=host) if host else texts("confirm.connecting_practice")
        elif event.since is None:
            line = texts("cli.confirm_looking", folders=folder_list(event.folders, texts), seconds=seconds)
        else:
            folder = event.folders.get(Role.SENT, "")
            line = texts("cli.watch_started", folder=folder, since=_time(event.since), seconds=seconds)
        for role, name in event.chosen_by_name.items():
            print(texts(CHOSEN_BY_NAME[role], folder=name))
        print(line, flush=True)

    return report


def open_mailbox(
    args: Namespace, address: str, password: Secret, texts: Texts, practice: PracticeServer | None = None
) -> Mailbox:
    access = MailboxAccess(address, password, host=args.imap_host, port=args.imap_port, ca_file=args.ca_file)
    return mailbox_for(access, texts, practice)


def run_watch_sent_command(args: Namespace, texts: Texts) -> int:
    from wizard.cli.common import InputProblem, address_or_saved, fail_input, find_password
    from wizard.core.account import check_address

    try:
        checked = check_address(address_or_saved(args, texts))
    except InputProblem as problem:
        return fail_input(str(problem), args.json)
    if checked.problem:
        from wizard.core.explain import explain_address

        return fail_input(texts("cli.bad_email", message=explain_address(checked, texts)), args.json)
    address = checked.address
    try:
        password = find_password(args, address, texts)
    except InputProblem as problem:
        return fail_input(str(problem), args.json)
    practice = None
    if args.practice:
        from wizard.core.bounded import call_with_deadline
        from wizard.mail.practice import start_practice_server

        practice = call_with_deadline(start_practice_server, 20)
    mailbox = open_mailbox(args, address, password, texts, practice)
    host = None if practice else args.imap_host
    printer = progress_printer(texts, host, args.timeout, args.json)

    async def watch() -> ConfirmResult:
        if practice is None:
            return await watch_sent(mailbox, timeout=args.timeout, report=printer)
        from wizard.mail.practice import send_as_ecrea

        loop = asyncio.get_running_loop()
        pretend: list[asyncio.Task] = []

        def report(event: Looking) -> None:
            printer(event)
            if event.since is not None and not pretend:
                # Practice: nobody else can send through this server, so the wizard plays Ecrea.
                if not args.json:
                    print(texts("cli.practice_acting_as_ecrea", seconds=round(PRACTICE_ECREA_DELAY)), flush=True)
                send = send_as_ecrea(practice, address, args.name or "", texts)
                pretend.append(loop.create_task(_after(PRACTICE_ECREA_DELAY, send)))

        return await watch_sent(mailbox, timeout=args.timeout, report=report)

    result = asyncio.run(watch())
    exit_code = result.outcome.exit_code
    if args.json:
        print(printable_json({"ok": result.confirmed, **confirm_document(result, texts)}))
        return exit_code
    headers = result.headers
    if result.outcome is Outcome.SEEN and headers is not None:
        print(f"[{texts('cli.stage_ok')}] " + texts(
            "cli.sent_seen", time=_time(result.when), recipient=headers.recipients, subject=headers.subject
        ))
    elif result.outcome is Outcome.NOT_FOUND:
        print(texts("cli.sent_not_seen", seconds=round(args.timeout)))
        print(texts("confirm.checklist", address=address, help=texts("step.help_title"),
                     explain="ecrea-gmail-setup explain"))
    else:
        print_problem(result, "confirm.ecrea_unavailable_note", texts)
    sys.stdout.flush()
    return exit_code


async def _after(seconds: float, coroutine: Awaitable[object]) -> object:
    await asyncio.sleep(seconds)
    return await coroutine
