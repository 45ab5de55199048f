"""The app password normaliser and its messages: what people actually paste."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.core.app_password import (
    Verdict,
    check_app_password,
    normalise_app_password,
)
from wizard.core.explain import explain_password
from wizard.core.output_filter import strip_control_sequences
from wizard.core.texts import Texts

GOOD = "abcdefghijklmnop"

# (pasted text, verdict, letters counted, Japanese message fragment, English message fragment)
CASES = [
    ("abcd efgh ijkl mnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("abcdefghijklmnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("abcd efgh ijkl mnop\n", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("abcd efgh ijkl mnop \r\n", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("  abcd efgh ijkl mnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("ABCD EFGH IJKL MNOP", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("ａｂｃｄ ｅｆｇｈ ｉｊｋｌ ｍｎｏｐ", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("abcd\u3000efgh\u3000ijkl\u3000mnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("abcd\u00a0efgh\u00a0ijkl\u00a0mnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("abcd\tefgh\tijkl\tmnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("\x1b[200~abcd efgh ijkl mnop\x1b[201~", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("\x1b]52;c;Zm9v\x07abcd efgh ijkl mnop", Verdict.VALID, 16, "正しい形式", "well-formed"),
    ("", Verdict.EMPTY, 0, "16 文字のアプリ パスワード", "Paste the 16-letter"),
    ("   \n", Verdict.EMPTY, 0, "16 文字のアプリ パスワード", "Paste the 16-letter"),
    ("abcd", Verdict.TOO_SHORT, 4, "現在 4 文字です", "4 of 16 letters"),
    ("abcd efgh ijkl mno", Verdict.TOO_SHORT, 15, "現在 15 文字です", "15 of 16 letters"),
    ("abcd efgh ijkl mnopq", Verdict.TOO_LONG, 17, "17 文字あります", "That is 17 letters"),
    ("abcd efgh ijkl mnop abcd efgh ijkl mnop", Verdict.TOO_LONG, 32, "32 文字あります", "That is 32 letters"),
    ("G-123456", Verdict.SMS_CODE, 8, "SMS の確認コード", "SMS code"),
    ("g-759025", Verdict.SMS_CODE, 8, "SMS の確認コード", "SMS code"),
    ("Ｇ－１２３４５６", Verdict.SMS_CODE, 8, "SMS の確認コード", "SMS code"),
    ("759025", Verdict.SMS_CODE, 6, "SMS の確認コード", "SMS code"),
    ("Tanaka2024!", Verdict.NOT_LETTERS, 11, "Google アカウントのパスワードではありませんか", "looks like your Google account password"),
    ("abcd-efgh-ijkl-mnop", Verdict.NOT_LETTERS, 19, "数字や記号", "digits or symbols"),
    ("abcd efgh ijkl mno1", Verdict.NOT_LETTERS, 16, "数字や記号", "digits or symbols"),
    ("パスワード", Verdict.NOT_LETTERS, 5, "数字や記号", "digits or symbols"),
    ("abcd efgh ijkl mnoé", Verdict.NOT_LETTERS, 16, "数字や記号", "digits or symbols"),
]


@pytest.mark.parametrize(("pasted", "verdict", "letters", "ja", "en"), CASES)
def test_pasted_text(pasted: str, verdict: Verdict, letters: int, ja: str, en: str) -> None:
    check = check_app_password(pasted)
    assert check.verdict is verdict
    assert check.letters == letters
    assert ja in explain_password(check, Texts("ja"))
    assert en in explain_password(check, Texts("en"))
    assert check.value.reveal() == (GOOD if verdict is Verdict.VALID else "")


def test_the_secret_is_not_in_the_repr() -> None:
    check = check_app_password("abcd efgh ijkl mnop")
    assert GOOD not in repr(check)
    assert GOOD not in repr(check.value) and GOOD not in repr([check.value])
    # Turned into text any way, it stays hidden; reveal() is the one way to its letters.
    assert GOOD not in str(check.value) and GOOD not in f"{check.value}" and GOOD not in f"{check.value}"
    assert check.value.reveal() == GOOD


def test_control_sequences_are_removed_but_spaces_kept() -> None:
    assert strip_control_sequences("\x1b[31ma b\x1b[0m\x07") == "a b"


@given(st.text())
def test_any_paste_never_raises_and_valid_means_16_ascii_letters(pasted: str) -> None:
    check = check_app_password(pasted)
    if check.valid:
        assert len(check.value.reveal()) == 16
        assert all("a" <= char <= "z" for char in check.value.reveal())
    explain_password(check, Texts("ja"))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=16, max_size=16), st.sampled_from([" ", "\u3000", "\n", "\u00a0", ""]))
def test_any_16_letters_with_any_separators_are_valid(letters: str, separator: str) -> None:
    pasted = separator.join(letters[i : i + 4] for i in range(0, 16, 4)) + separator
    assert check_app_password(pasted).value.reveal() == letters.lower()
    assert normalise_app_password(pasted) == letters.lower()
