"""The `status` command: the status line every screen shows, and in words everything progress knows.

For support staff on the phone, and for the user to paste into a mail. Nothing secret: the
password store is asked whether it holds the app password, never for its letters to print.
A damaged progress file is said to be one, with exit code 2 (as for bad input).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from wizard.core.credentials import KeyringResult, KeyringStatus, load_app_password
from wizard.core.explain import explain_keyring_store
from wizard.core.local_time import local_date_time
from wizard.core.output_filter import printable_json, printable_lines
from wizard.core.progress import Progress, ProgressStore
from wizard.core.status_line import PasswordState, StatusLine, is_place_code, status_line
from wizard.core.step_order import number_of, step_count
from wizard.core.texts import Texts
from wizard.mail.diagnosis import EXIT_BAD_INPUT, Problem

FOLDER_NAMES = {"inbox": "inbox", "junk": "spam"}
"""Where the test message arrived, by Gmail's names (progress says "junk", as IMAP does)."""
FOLDER_WORDS = {"inbox": "status.detail.folder_inbox", "junk": "status.detail.folder_spam"}


def print_status(args: Namespace, texts: Texts) -> int:
    from wizard.core.locations import progress_path

    practice = bool(args.status_practice or args.practice)
    store = ProgressStore(progress_path(practice=practice))
    loaded = store.load()
    if loaded.unreadable:
        message = texts("status.detail.unreadable", path=store.path)
        if args.json:
            print(printable_json({"ok": False, "exit_code": EXIT_BAD_INPUT, "error": "unreadable_progress",
                                  "message": message, "progress_file": str(store.path)}))
        else:
            print(printable_lines(message), file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = loaded.progress
    keyring = password_store(progress, practice=practice)
    place = progress.place if is_place_code(progress.place, step_count()) else ""
    line = status_line(place, progress, practice=practice, keyring=keyring.status)
    if args.json:
        print(printable_json(status_document(line, progress, keyring, store.path, texts), indent=2))
    else:
        print(printable_lines(status_text(line, progress, keyring, store.path, texts)))
    return 0


def password_store(progress: Progress, *, practice: bool) -> KeyringResult:
    """The store's answer for this account; practice mode and an unknown address need no question."""
    if practice or not progress.email:
        return KeyringResult(KeyringStatus.NOT_FOUND)
    return load_app_password(progress.email)


def steps_done(progress: Progress) -> list[int]:
    return [number_of(step_id) for step_id in progress.completed]


def problem_title(name: str, texts: Texts) -> str:
    try:
        return texts(Problem(name).title_key)
    except ValueError:  # a problem this version does not know (saved by another version)
        return "-"


def status_text(line: StatusLine, progress: Progress, keyring: KeyringResult, path: Path, texts: Texts) -> str:
    none = texts("status.detail.none")
    done = steps_done(progress)
    numbers = texts("status.detail.steps_numbers", numbers=", ".join(map(str, done))) if done else ""
    language = Texts(progress.lang)("common.language_name") if progress.lang else none
    lines = [
        line.text(texts),
        "",
        texts("status.detail.mode", mode=texts("status.practice" if line.practice else "status.real")),
        texts("status.detail.address", address=progress.email or none),
        texts("status.detail.display_name", name=progress.display_name or none),
        texts("status.detail.language", language=language),
        texts("status.detail.steps", done=len(done), count=step_count(), numbers=numbers),
        texts("status.detail.place", code=line.place),
        texts("status.detail.password", state=texts(line.password.text_key)),
    ]
    if line.password is PasswordState.STORE_PROBLEM:
        lines.append("  " + explain_keyring_store(keyring, texts))
    lines += send_lines(progress, texts, practice=line.practice)
    if progress.arrival_confirmed_at:
        folder = texts(FOLDER_WORDS.get(progress.arrival_folder, FOLDER_WORDS["inbox"]))
        when = local_date_time(progress.arrival_confirmed_at, texts)
        lines.append(texts("status.detail.arrival", time=when, folder=folder))
    else:
        lines.append(texts("status.detail.arrival_none"))
    if progress.ecrea_confirmed_at:
        lines.append(texts("status.detail.ecrea", time=local_date_time(progress.ecrea_confirmed_at, texts)))
    else:
        lines.append(texts("status.detail.ecrea_none"))
    if progress.started_over and not progress.last_event:  # nothing sent or seen since starting over
        lines.append(texts("status.detail.started_over"))
    lines.append(texts("status.detail.file", path=path))
    return "\n".join(lines)


def send_lines(progress: Progress, texts: Texts, *, practice: bool = False) -> list[str]:
    """The last test send; after a failure, the last success too (setup stays complete)."""
    last = progress.last_send_at or progress.setup_completed_at
    if not last:
        return [texts("status.detail.send_none")]
    if not progress.last_send_problem:
        ok = "status.detail.send_ok_practice" if practice else "status.detail.send_ok"  # Gmail never saw it
        return [texts(ok, time=local_date_time(last, texts))]
    problem = progress.last_send_problem
    lines = [texts("status.detail.send_failed", time=local_date_time(last, texts), problem=problem,
                   title=problem_title(problem, texts))]
    if progress.setup_completed_at:
        when = local_date_time(progress.setup_completed_at, texts)
        lines.append(texts("status.detail.send_succeeded_before", time=when))
    return lines


def status_document(line: StatusLine, progress: Progress, keyring: KeyringResult, path: Path, texts: Texts) -> dict:
    """`status --json`: stable names (as `check --json` prints them) beside the line in the user's language."""
    last_send_at = progress.last_send_at or progress.setup_completed_at
    return {
        "ok": True,
        "line": line.text(texts),
        "place": line.place,
        "practice": line.practice,
        "password": line.password.name_for_json,
        "keyring": None if line.practice or not progress.email else keyring.status.value,
        "result": line.result.name_for_json,
        "problem": line.problem or None,
        "email": progress.email or None,
        "display_name": progress.display_name or None,
        "language": progress.lang,
        "steps_done": steps_done(progress),
        "step_count": step_count(),
        "step": number_of(progress.step) if progress.step else None,
        "furthest": number_of(progress.furthest) if progress.furthest else None,
        "last_send": {"at": last_send_at, "ok": not progress.last_send_problem,
                      "problem": progress.last_send_problem or None} if last_send_at else None,
        "setup_completed_at": progress.setup_completed_at or None,
        "started_over": progress.started_over,
        "arrival": {"at": progress.arrival_confirmed_at, "folder": FOLDER_NAMES.get(progress.arrival_folder, "inbox")}
        if progress.arrival_confirmed_at else None,
        "ecrea": {"at": progress.ecrea_confirmed_at} if progress.ecrea_confirmed_at else None,
        "progress_file": str(path),
    }
