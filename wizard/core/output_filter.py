"""The one filter for text from outside, before it is shown, printed, reported or put in JSON.

A certificate's name, a server's reply, a folder name, a header or a pasted value may
carry characters a terminal acts on (ESC sequences that clear the screen or set the
window title, BEL, C1 controls), characters that make text display as something else
(bidirectional marks, overrides and isolates, zero-width characters) and line or
paragraph separators that break a line where none is expected. Every character in the
Unicode categories Cc, Cf, Zl and Zp, and any lone surrogate (Cs, which cannot even be
written out), is replaced with U+FFFD, so that something visibly stood there. No Japanese
text needs any of them; the zero-width joiner inside some emoji is replaced too, which
only splits the emoji.

Line breaks are characters like any other here: text that is meant to have several lines
is split on "\n" first (`printable_lines`), never with `str.splitlines`, which would also
break at U+2028, U+0085 and the like and so hide them instead of showing them replaced.
"""

from __future__ import annotations

import json
import unicodedata

REPLACEMENT = "\ufffd"
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def refused(char: str) -> bool:
    """Whether `char` must not reach a screen, a terminal or a report as it is."""
    return unicodedata.category(char) in _REFUSED_CATEGORIES


def printable(text: str) -> str:
    """`text` on one line, with every control and format character replaced by U+FFFD."""
    if text.isascii() and text.isprintable():
        return text  # the usual case, and a fast one
    return "".join(REPLACEMENT if refused(char) else char for char in text)


def printable_lines(text: str) -> str:
    """`text` with its line breaks ("\n", "\r\n") kept and everything else filtered as `printable`."""
    return "\n".join(printable(line.removesuffix("\r")) for line in text.split("\n"))


def _filtered(value: object) -> object:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(key)): _filtered(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_filtered(item) for item in value]
    return value


def printable_json(document: object, *, indent: int | None = None) -> str:
    """`document` as JSON, every string in it (keys included) filtered as `printable`.

    Japanese stays readable (no \\u escapes); nothing that json.dumps would leave raw,
    such as U+202E, U+200F or U+2028, gets through.
    """
    return json.dumps(_filtered(document), ensure_ascii=False, indent=indent)
