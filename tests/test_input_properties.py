"""Arbitrary text as an address, a display name or a pasted password never breaks the checks,
and nothing they accept can carry a control character into a header or a terminal."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from wizard.core.account import (
    check_address,
    display_name_problem,
    suggest_gmail,
)
from wizard.core.app_password import check_app_password
from wizard.core.output_filter import BIDI_CONTROLS, printable

# Every kind of character, the troublesome ones over-represented.
AWKWARD = st.sampled_from(["\r", "\n", "\x1b", "\x00", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "@", " ", "\u3000", "ａ", "é", "\ufeff"])
TEXT = st.text(alphabet=st.one_of(st.characters(), AWKWARD), max_size=80)


def harmless(text: str) -> bool:
    return not any(unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in BIDI_CONTROLS for char in text)


@given(TEXT)
def test_any_address(text: str) -> None:
    check = check_address(text)
    if check.problem is None:
        assert check.address and harmless(check.address)
        assert check.address.rpartition("@")[0].isascii()
        suggestion = suggest_gmail(check.address)
        assert suggestion is None or suggestion.endswith("@gmail.com")


@given(TEXT)
def test_any_display_name(text: str) -> None:
    if display_name_problem(text) is None:
        assert harmless(text)


@given(TEXT)
def test_any_paste_as_an_app_password(text: str) -> None:
    check = check_app_password(text)
    if check.valid:
        assert len(check.value) == 16 and check.value.isascii() and check.value.isalpha() and check.value.islower()


@given(TEXT)
def test_printable_leaves_nothing_a_terminal_would_act_on(text: str) -> None:
    assert harmless(printable(text))
