"""`ecrea-gmail-setup check`: the test send without the screens."""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from argparse import Namespace

from wizard.core.account import check_address
from wizard.core.app_password import check_app_password
from wizard.core.credentials import KeyringStatus, load_app_password
from wizard.mail.diagnosis import EXIT_BAD_INPUT
from wizard.core.explain import explain_address, explain_password
from wizard.mail.diagnosis import explain_reply
from wizard.mail.send import CheckRequest, StageEvent, run_check
from wizard.mail.sample_message import build_test_message, one_time_code
from wizard.core.texts import Texts


def fail_input(texts: Texts, message: str, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"ok": False, "exit_code": EXIT_BAD_INPUT, "error": "bad_input", "message": message}, ensure_ascii=False))
    else:
        print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def run_check_command(args: Namespace, texts: Texts) -> int:
    address = check_address(args.email)
    if address.problem:
        return fail_input(texts, texts("cli.bad_email", message=explain_address(address, texts)), args.json)
    recipient = check_address(args.to) if args.to else address
    if recipient.problem:
        return fail_input(texts, texts("send.bad_recipient", message=explain_address(recipient, texts)), args.json)

    host, port, ca_file = args.smtp_host, args.smtp_port, args.ca_file
    if args.practice:
        from wizard.mail.practice import PRACTICE_PASSWORD, start_practice_server

        practice = start_practice_server()
        host, port, ca_file = practice.host, practice.port, practice.ca_file

    if args.password_stdin:
        # At a terminal, ask without echo rather than wait silently for end of input.
        typed = getpass.getpass(texts("cli.password_prompt")) if sys.stdin.isatty() else sys.stdin.read()
        password = check_app_password(typed)
        if not password.valid:
            return fail_input(texts, texts("cli.bad_password", message=explain_password(password, texts)), args.json)
        secret = password.value
    elif args.practice:
        secret = PRACTICE_PASSWORD
    else:
        stored = load_app_password(address.address)
        if stored.status is not KeyringStatus.OK:
            return fail_input(texts, texts("cli.no_password"), args.json)
        secret = stored.password

    code = one_time_code()
    message = build_test_message(address.address, args.name or "", recipient.address, code, texts)
    request = CheckRequest(
        address=address.address,
        password=secret,
        message=message,
        recipient=recipient.address,
        host=host,
        port=port,
        ca_file=ca_file,
        reply_timeout=args.timeout,
        connect_timeout=min(args.timeout, 15.0),
    )

    def report(event: StageEvent) -> None:
        if args.json or not event.done:
            return
        detail = f": {event.detail}" if event.detail else ""
        print(f"[{texts('cli.stage_ok')}] {texts('stage.' + event.stage.value)}{detail}", flush=True)

    result = asyncio.run(run_check(request, report))
    diagnosis = result.diagnosis
    exit_code = 0 if diagnosis is None else diagnosis.exit_code
    if args.json:
        print(
            json.dumps(
                {
                    "ok": result.ok,
                    "exit_code": exit_code,
                    "stage": result.reached.value if result.reached else None,
                    "diagnosis": diagnosis.key if diagnosis else None,
                    "redo_step": diagnosis.redo_step if diagnosis else None,
                    "reply": diagnosis.reply if diagnosis else "",
                    "message": texts(f"diagnosis.{diagnosis.key}.title") if diagnosis else texts("cli.result_ok", code=code),
                    "code": code if result.ok else None,
                    "certificate": result.certificate,
                },
                ensure_ascii=False,
            )
        )
        return exit_code
    if result.ok:
        print(texts("cli.result_ok", code=code))
        return 0
    print(f"[{texts('cli.stage_failed')}] {texts('stage.' + diagnosis.stage.value)}")
    print(texts(f"diagnosis.{diagnosis.key}.title"))
    print(texts(f"diagnosis.{diagnosis.key}.action"))
    if diagnosis.redo_step:
        print(texts("cli.redo_step", number=diagnosis.redo_step))
    if diagnosis.reply:
        print(explain_reply(diagnosis, texts))
    return exit_code
