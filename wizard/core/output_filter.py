"""Terminal-safe text, in one place: the filter for text from outside before it is shown,
printed, reported or put in JSON; what input may not contain; and cleaning a paste.

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

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte ESC sequences,
# then any remaining C0/C1 control character except white space.
_CONTROL_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)

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
    import json  # only for --json: the commands' text output never needs it

    return json.dumps(_filtered(document), ensure_ascii=False, indent=indent)


def strip_control_sequences(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping white space."""
    return _CONTROL_SEQUENCE.sub("", text)


# Text-direction overrides and isolates: they can make a name display as something else.
BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def refused_character(text: str) -> str | None:
    """The first character that must not reach a mail header or a terminal, as U+XXXX, or None.

    Control characters (C0 and C1, CR and LF above all), line and paragraph separators
    and bidirectional overrides are refused; any other text, Japanese included, is fine.
    """
    for char in text:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in BIDI_CONTROLS:
            return f"U+{ord(char):04X}"
    return None
