from __future__ import annotations

import itertools

from rich.cells import cell_len

from wizard.core.texts import Texts
from wizard.ui.line_breaking import break_lines


def test_japanese_fills_lines_and_breaks_between_characters() -> None:
    text = Texts("ja")("welcome.why")
    lines = break_lines(text, 40)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= 40 for line in lines)
    # Breaking only at spaces would leave many lines far shorter than the width.
    assert all(cell_len(line) >= 34 for line in lines[:-1])


def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_bracket() -> None:
    for width in range(8, 30):
        for line in break_lines("「Google アカウントを管理」をクリックしてください。次へ進みます、はい。", width):
            assert not line.startswith(("」", "。", "、"))
            assert not line.endswith("「")


def test_english_breaks_only_at_spaces() -> None:
    lines = break_lines("Click the profile picture at the top right", 12)
    assert list(lines) == ["Click the", "profile", "picture at", "the top", "right"]


def test_a_word_longer_than_the_line_starts_a_line_of_its_own_and_continues() -> None:
    assert list(break_lines("see https://myaccount.google.com/apppasswords now", 20)) == [
        "see",
        "https://myaccount.go",
        "ogle.com/apppassword",
        "s now",
    ]


def test_paragraphs_are_kept() -> None:
    assert list(break_lines("一行目\n\n三行目", 10)) == ["一行目", "", "三行目"]


def test_a_url_wider_than_the_line_is_continued_not_cut() -> None:
    url = "https://myaccount.google.com/signinoptions/two-step-verification"
    lines = break_lines(f"開く: {url}", 30)
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(lines[1:]) == url  # starts on a line of its own, every character kept


def test_a_url_that_fits_stays_whole_on_its_own_line() -> None:
    url = "https://myaccount.google.com/signinoptions/two-step-verification"
    assert break_lines(f"ブラウザーに入力してください: {url}", 70)[-1] == url


def test_a_katakana_word_is_never_split() -> None:
    assert list(break_lines("ブラウザーでアプリを開きます", 10)) == ["ブラウザー", "でアプリを", "開きます"]
    assert list(break_lines("・SMS（テキストメッセージ）を受け取れるスマートフォン", 40)) == [
        "・SMS（テキストメッセージ）を受け取れる", "スマートフォン",
    ]


def test_a_paragraph_does_not_end_on_a_lone_ending() -> None:
    """「い。」 or 「さい。」 alone: the line before gives up a piece (as long as it stays over half full)."""
    text = "すべて入力したら、Ecrea の「設定」をクリックしてください。"
    for width in range(24, cell_len(text)):
        lines = break_lines(text, width)
        assert cell_len(lines[-1]) > 6, (width, lines)
        assert all(cell_len(line) <= width for line in lines)


def test_every_japanese_text_keeps_katakana_words_whole_at_every_width() -> None:
    """The browser's terminal can be any width (63 columns on a phone, 141 on a laptop)."""
    from wizard.core.texts import load_texts
    from wizard.ui.line_breaking import _is_katakana

    for key, text in load_texts("ja").items():
        for width in range(30, 142, 7):
            lines = break_lines(text, width)
            for line, after in itertools.pairwise(lines):
                split = line and after and _is_katakana(line[-1]) and _is_katakana(after[0]) and line[-1] + after[0] in text
                # A katakana word longer than the whole line is the only one allowed to continue.
                assert not split or cell_len(line) == width, (key, width, line, after)


def test_ascii_punctuation_after_japanese_never_starts_a_line() -> None:
    """「…保存しました:」 with the path on the next line: the colon stays with its sentence."""
    text = "「Ecrea 入力カード」をファイルに保存しました:"
    for width in range(10, cell_len(text)):
        assert not any(line.startswith(":") for line in break_lines(text, width)), width
