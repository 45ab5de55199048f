"""Line breaking that also breaks between Japanese characters.

Textual wraps only at spaces, so a Japanese sentence (which has few) jumps to the next
line whole and leaves ragged gaps. Here a break may fall between any two CJK
characters, except before closing punctuation or after opening brackets (kinsoku), and
never inside a katakana word (「アプ / リ」). A paragraph does not end on a line of up to three
Japanese characters (「い。」 alone): the line before gives up its last piece.

Every window width meets these rules, the browser's odd widths (63, 141 columns) too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import cell_len

NO_BREAK_BEFORE = set("、。，．・：；？！ー）」』】〕〉》”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々ゝゞヽヾ…")
# ASCII punctuation after Japanese text (「保存しました:」) stays with it too.
NO_BREAK_BEFORE |= set(":;,.!?)]")
NO_BREAK_AFTER = set("（「『【〔〈《“‘")
WIDOW_CELLS = 6
"""A last line this narrow (up to three wide characters: 「い。」, 「さい。」) takes a piece from the line before."""


def _is_katakana(char: str) -> bool:
    # The middle dot separates words (「ステップ・バイ」): a break may follow it.
    return "\u30a0" <= char <= "\u30ff" and char != "・"

# A run of non-space non-wide characters (a Latin word), one wide character, or spaces.
_TOKEN = re.compile(r"[^\s\u3000-\u9fff\uff00-\uffef]+|[\u3000-\u9fff\uff00-\uffef]|\s+")


def _is_wide(token: str) -> bool:
    return len(token) == 1 and unicodedata.east_asian_width(token) in ("W", "F")


def _tokens(line: str) -> list[str]:
    """Unbreakable pieces: a wide character stays glued to its kinsoku neighbours."""
    pieces: list[str] = []
    for token in _TOKEN.findall(line):
        glue_to_previous = pieces and (
            token[0] in NO_BREAK_BEFORE
            or pieces[-1][-1] in NO_BREAK_AFTER
            or (_is_katakana(token[0]) and _is_katakana(pieces[-1][-1]))
            or not (_is_wide(token) or _is_wide(pieces[-1][-1]) or token.isspace() or pieces[-1].isspace())
        )
        if glue_to_previous:
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def _split_wide(piece: str, width: int) -> list[str]:
    """A piece wider than the line (a long URL in a narrow window), cut into line-sized parts."""
    parts, current = [], ""
    for char in piece:
        if current and cell_len(current + char) > width:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current]


@lru_cache(maxsize=1024)
def break_lines(text: str, width: int) -> tuple[str, ...]:
    """Split `text` into lines at most `width` cells wide; nothing is ever cut off.

    Cached: layout asks for the same text at the same width several times a frame.

    A piece that fits on no line (a URL wider than the window) is started on a line of
    its own and continued on the next, so every character stays visible.
    """
    if width <= 0:
        return tuple(text.splitlines())
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        pieces = _tokens(paragraph)
        broken = _fill(pieces, width)
        while _is_widow(broken):
            before = len(broken) - 2
            evened = _fill(pieces, width, {before: cell_len(broken[before]) - 1})
            # Only while the line before stays more than half full and no line is added.
            if len(evened) != len(broken) or cell_len(evened[before]) * 2 <= width:
                break
            broken = evened
        lines.extend(broken)
    return tuple(lines)


def _is_widow(lines: list[str]) -> bool:
    last = lines[-1]
    return len(lines) >= 2 and 0 < cell_len(last) <= WIDOW_CELLS and any(_is_wide(char) for char in last)


def _fill(pieces: list[str], width: int, narrower: dict[int, int] | None = None) -> list[str]:
    """Lines filled greedily; `narrower` gives some lines (by index) a smaller width."""
    narrower = narrower or {}
    lines: list[str] = []
    current = ""
    # Widths are added up as the line grows rather than measured again for every piece:
    # measuring the whole line each time made a long paragraph quadratic.
    current_width = 0
    for piece in pieces:
        limit = narrower.get(len(lines), width)
        if current and current_width + cell_len(piece.rstrip()) > limit:
            lines.append(current.rstrip())
            current = piece.lstrip()
            current_width = cell_len(current)
        else:
            current += piece
            current_width += cell_len(piece)
        if current_width > width and current_width - _trailing_space_width(current) > width:
            *full, current = _split_wide(current.rstrip(), width)
            lines.extend(full)
            current_width = cell_len(current)
    lines.append(current.rstrip())
    return lines


def _trailing_space_width(text: str) -> int:
    return cell_len(text[len(text.rstrip()):])
