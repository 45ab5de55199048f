"""`ecrea-gmail-setup check`: the test send without the screens.

The password comes from the password store or standard input, never an argument.
Everything printed comes from the engine already scrubbed of the password, and goes
through the output filter once more as it is printed, in text and in JSON.
"""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from wizard.cli.common import InputProblem, address_or_saved, fail_input, find_password
from wizard.core.output_filter import printable, printable_json, printable_lines
from wizard.core.texts import Texts
from wizard.mail.diagnosis import explain_reply
from wizard.mail.send import (
    SendInputError,
    SendResult,
    StageEvent,
    prepare_test_send,
    run_test_send,
)

if TYPE_CHECKING:
    import ssl

STORE_LOAD_WAIT = 30.0
"""How long the command waits at exit for a store load it no longer needs (normally milliseconds)."""


def run_check_command(args: Namespace, texts: Texts) -> int:
    trusting = None
    if not args.confirm:
        # Loading the system's certificate store (OpenSSL reading files, 15-30 ms) goes on in a
        # thread while the address is checked and the message is built, which are Python's work.
        from wizard.core.bounded import start_in_background
        from wizard.mail.tls import system_trust

        trusting = start_in_background(system_trust)
    try:
        return _check(args, texts, trusting)
    finally:
        if trusting is not None:
            # Never exit with OpenSSL still reading in that thread (after bad input, or Ctrl+C):
            # its clean-up at exit would pull the store from under it.
            try:
                trusting(STORE_LOAD_WAIT)
            except Exception:  # what went wrong, if anything, was reported by the send
                pass


def _check(args: Namespace, texts: Texts, trusting: Callable[[float], ssl.SSLContext] | None) -> int:
    from wizard.core.account import check_address

    try:
        args.email = address_or_saved(args, texts)
    except InputProblem as problem:
        return fail_input(str(problem), args.json)
    address = check_address(args.email)
    host, port, ca_file = args.smtp_host, args.smtp_port, args.ca_file
    practice = None
    try:
        password = find_password(args, address.address or args.email, texts)
        if args.practice:
            from wizard.core.bounded import call_with_deadline
            from wizard.mail.practice import start_practice_server

            practice = call_with_deadline(start_practice_server, 20)
            host, port, ca_file = practice.host, practice.port, practice.ca_file
        prepared = prepare_test_send(
            address.address or args.email, args.name or "", args.to or address.address or args.email, password, texts,
            host=host, port=port, ca_file=ca_file, timeout=args.timeout,
        )
    except (InputProblem, SendInputError) as problem:
        return fail_input(str(problem), args.json)
    request = prepared.request
    if args.confirm and request.recipient.lower() != request.address.lower():
        # The wizard can only look into the account it signs in to.
        return fail_input(texts("cli.confirm_needs_own_address", address=request.address), args.json)

    def report(event: StageEvent) -> None:
        if args.json or not event.done:
            return
        detail = f": {printable(event.detail)}" if event.detail else ""
        print(f"[{texts('cli.stage_ok')}] {texts(event.stage.text_key)}{detail}", flush=True)

    confirmation = None

    async def send_and_confirm() -> SendResult:
        nonlocal confirmation
        result = await run_test_send(request, report)
        if args.confirm and result.ok:
            from wizard.cli.confirmations import open_mailbox, progress_printer
            from wizard.mail.confirm import confirm_arrival

            if not args.json:
                print(texts("cli.result_ok", code=prepared.code), flush=True)
            mailbox = open_mailbox(args, request.address, password, texts, practice)
            where = None if practice else args.imap_host
            confirmation = await confirm_arrival(
                mailbox, prepared.code, result.sent_at or datetime.now(UTC), timeout=args.confirm_timeout,
                report=progress_printer(texts, where, args.confirm_timeout, args.json),
            )
        return result

    if args.confirm:
        import asyncio

        result = asyncio.run(send_and_confirm())
    else:
        # The send alone needs no event loop: the blocking engine spares the command asyncio's imports.
        from wizard.mail.blocking_send import run_test_send_blocking

        result = run_test_send_blocking(request, report, trusting)
    diagnosis = result.diagnosis
    exit_code = 0 if diagnosis is None else diagnosis.exit_code
    if confirmation is not None:
        # The send succeeded; the exit code says what the look into the mailbox found.
        exit_code = confirmation.outcome.exit_code
    redo_number = None
    if diagnosis and diagnosis.redo_step:
        from wizard.core.step_order import number_of  # reads the steps' order: for a failure only

        redo_number = number_of(diagnosis.redo_step)
    if args.json:
        document: dict[str, object] = {
            "ok": result.ok,
            "exit_code": exit_code,
            "stage": result.reached.value if result.reached else None,
            "diagnosis": diagnosis.key if diagnosis else None,
            "redo_step": redo_number,
            "redo_step_id": diagnosis.redo_step if diagnosis else None,
            "reply": diagnosis.reply if diagnosis else "",
            "message": (
                texts(diagnosis.problem.title_key) if diagnosis else texts("cli.result_ok", code=prepared.code)
            ),
            "code": prepared.code if result.ok else None,
            "certificate": result.certificate,
            "certificate_issuer": diagnosis.certificate_issuer if diagnosis else "",
            "trust_stores": list(diagnosis.trust_stores) if diagnosis else [],
        }
        if confirmation is not None:
            from wizard.cli.confirmations import confirm_document

            document["confirm"] = confirm_document(confirmation, texts)
        print(printable_json(document))
        return exit_code
    if diagnosis is None:
        if confirmation is None:
            print(texts("cli.result_ok", code=prepared.code))
        else:
            from wizard.cli.confirmations import print_arrival

            print_arrival(confirmation, args.confirm_timeout, texts)
        return exit_code
    print(f"[{texts('cli.stage_failed')}] {texts(diagnosis.stage.text_key)}")
    print(texts(diagnosis.problem.title_key))
    print(texts(diagnosis.problem.action_key))  # it names the step to redo: said once, not again
    detail = explain_reply(diagnosis, texts)
    if detail:
        print(printable_lines(detail))
    return exit_code
