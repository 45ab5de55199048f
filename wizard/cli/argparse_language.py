"""argparse's own words (usage:, options:, its error messages) in the user's language.

argparse looks its messages up through gettext at the moment it prints them; the
Japanese ones are given here, for the messages this command can produce. A message
not listed stays in English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

JAPANESE = {
    "usage: ": "使い方: ",
    "options": "オプション",
    "positional arguments": "引数",
    "show this help message and exit": "このヘルプを表示して終了します",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r は選べません（選べるのは %(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r は使えない値です",
    "the following arguments are required: %s": "次の指定が必要です: %s",
    "unrecognized arguments: %s": "知らない指定です: %s",
    "expected one argument": "値を 1 つ指定してください",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s はあいまいです（候補: %(matches)s）",
    "ignored explicit argument %r": "%r は使われません",
    "not allowed with argument %s": "%s と一緒には使えません",
}


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """While active, argparse prints its boilerplate in `lang` (ja or en)."""
    if lang != "ja":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    original_ngettext = argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda message: JAPANESE.get(message, message)  # type: ignore[attr-defined]
    def ngettext(singular: str, plural: str, n: int) -> str:
        message = singular if n == 1 else plural
        return JAPANESE.get(message, message)

    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
        argparse.ngettext = original_ngettext  # type: ignore[attr-defined]
