"""`ecrea-gmail-setup explain [TEXT]`: the error Ecrea showed, in plain words.

The text comes from the arguments or standard input, bounded in size and in time.
It is scrubbed of anything shaped like an app password before anything is printed;
what is printed goes through the output filter. Exit codes: 0 recognised,
9 (`EXIT_UNRECOGNISED`) nothing recognised, 2 no usable text.
"""

from __future__ import annotations

import sys
from argparse import Namespace

from wizard.cli.common import fail_input
from wizard.core.output_filter import printable_json, printable_lines
from wizard.core.step_order import number_of
from wizard.core.texts import Texts
from wizard.mail.explain_error import MAX_TEXT, InputTooLong, explain_error_text, explanation_lines

PIPE_TIMEOUT = 60.0
"""A program writing into the pipe has this long to finish."""
TERMINAL_TIMEOUT = 600.0
"""A person pasting at the terminal has this long."""


class NoText(Exception):
    """Standard input gave nothing usable; the text says why, in the user's language."""


def _decoded(data: bytes) -> str:
    # Japanese Windows may hand a pipe over in its own code page.
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_error_text(texts: Texts) -> str:
    from wizard.core.bounded import call_with_deadline

    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise NoText(texts("explain.empty"))
    at_terminal = stdin.isatty()
    if at_terminal:
        print(texts("explain.prompt"), file=sys.stderr, flush=True)
    seconds = TERMINAL_TIMEOUT if at_terminal else PIPE_TIMEOUT
    # Bytes, not characters: four per character at most in UTF-8, and one more to tell "too long".
    limit = MAX_TEXT * 4 + 1
    try:
        data = call_with_deadline(lambda: stdin.buffer.read(limit), seconds)
    except TimeoutError:
        raise NoText(texts("explain.stdin_timeout", seconds=f"{seconds:g}")) from None
    except (OSError, ValueError):
        raise NoText(texts("explain.empty")) from None
    return _decoded(data)


def run_explain_command(args: Namespace, texts: Texts) -> int:
    try:
        text = " ".join(args.text) if args.text else read_error_text(texts)
        if not text.strip():
            raise NoText(texts("explain.empty"))
        explanation = explain_error_text(text)
    except NoText as problem:
        return fail_input(str(problem), args.json)
    except InputTooLong:
        return fail_input(texts("explain.too_long", limit=MAX_TEXT), args.json)
    if args.json:
        step = explanation.redo_step
        document = {
            "recognised": explanation.recognised,
            "exit_code": explanation.exit_code,
            "diagnosis": explanation.key,
            "title": texts(explanation.title_key),
            "action": texts(explanation.action_key),
            "redo_step": number_of(step) if step else None,
            "redo_step_id": step,
            "recognised_text": explanation.evidence,
            "redacted": explanation.redacted,
        }
        print(printable_json(document))
    else:
        print(printable_lines("\n".join(explanation_lines(explanation, texts))))
    return explanation.exit_code
