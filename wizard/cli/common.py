"""What the commands share: refusing bad input in the user's language, and finding the app password.

`check` and `watch-sent` both take the password from the password store or standard
input, never from an argument, and both refuse what they cannot use the same way.
"""

from __future__ import annotations

import sys
from argparse import Namespace

from wizard.core.app_password import check_app_password
from wizard.core.output_filter import printable, printable_json, printable_lines
from wizard.core.secret import Secret
from wizard.core.texts import Texts
from wizard.mail.diagnosis import EXIT_BAD_INPUT

# An app password is 16 letters; a few KiB leaves room for spaces and a newline, not for a file.
STDIN_LIMIT = 4096


class InputProblem(Exception):
    """Something the user gave cannot be used; the text says what, in their language."""


def fail_input(message: str, as_json: bool) -> int:
    if as_json:
        document = {"ok": False, "exit_code": EXIT_BAD_INPUT, "error": "bad_input", "message": message}
        print(printable_json(document))
    else:
        # The message may quote what was typed or pasted.
        print(printable_lines(message), file=sys.stderr)
    return EXIT_BAD_INPUT


def read_password(texts: Texts) -> str:
    """The app password from standard input (asked for without echo at a terminal)."""
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise InputProblem(texts("cli.stdin_closed"))
    if stdin.isatty():
        import getpass

        try:
            return getpass.getpass(texts("cli.password_prompt"))
        except EOFError:
            raise InputProblem(texts("cli.stdin_closed")) from None
    try:
        data = stdin.buffer.read(STDIN_LIMIT + 1)
    except (OSError, ValueError):
        raise InputProblem(texts("cli.stdin_closed")) from None
    if len(data) > STDIN_LIMIT:
        raise InputProblem(texts("cli.stdin_too_long", limit=STDIN_LIMIT))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputProblem(texts("cli.stdin_not_utf8")) from None


def address_or_saved(args: Namespace, texts: Texts) -> str:
    """--email, else the address the wizard saved (practice's own with --practice), as the help says."""
    if args.email is not None:
        return str(args.email)
    from wizard.core.locations import progress_path
    from wizard.core.progress import ProgressStore

    saved = ProgressStore(progress_path(practice=args.practice)).load().progress.email
    if not saved:
        raise InputProblem(texts("cli.no_saved_email"))
    return saved


def find_password(args: Namespace, address: str, texts: Texts) -> Secret:
    if args.password_stdin:
        password = check_app_password(read_password(texts))
        if not password.valid:
            from wizard.core.explain import explain_password  # for a refusal only: check's send does without

            raise InputProblem(texts("cli.bad_password", message=explain_password(password, texts)))
        return password.value
    if args.practice:
        from wizard.mail.practice import PRACTICE_PASSWORD

        return Secret(PRACTICE_PASSWORD)
    from wizard.core.credentials import KeyringStatus, load_app_password
    from wizard.core.explain import explain_keyring_store

    stored = load_app_password(address)
    if stored.status is KeyringStatus.OK:
        return stored.password
    if stored.status in (KeyringStatus.NOT_FOUND, KeyringStatus.NO_BACKEND):
        raise InputProblem(texts("cli.no_password"))
    raise InputProblem(f"{explain_keyring_store(stored, texts)}\n{texts('cli.no_password')}")


def deliver_output(text: str, args: Namespace, texts: Texts) -> int:
    """Standard output, or with `--output FILE` that file: written atomically, readable by the
    owner only, and an existing file kept unless `--force`. What happened goes to standard error."""
    if not args.output:
        sys.stdout.write(text)
        return 0
    from pathlib import Path

    from wizard.core.private_files import write_private_file

    path = Path(args.output).expanduser()
    shown = printable(str(path))
    try:
        write_private_file(path, text.encode("utf-8"), overwrite=args.force)
    except FileExistsError:
        print(texts("cli.output.exists", path=shown), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(texts("cli.output.failed", path=shown, reason=printable(error.strerror or str(error))), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(texts("cli.output.written", path=shown), file=sys.stderr)
    return 0
