from __future__ import annotations

import pytest

from wizard.core.account import (
    AccountKind,
    AddressProblem,
    check_address,
    display_name_problem,
)
from wizard.core.explain import explain_address, explain_display_name
from wizard.core.texts import Texts


@pytest.mark.parametrize(
    ("typed", "address", "kind"),
    [
        ("ecrea.test@gmail.com", "ecrea.test@gmail.com", AccountKind.GMAIL),
        ("  ecrea.test@GMAIL.COM\n", "ecrea.test@gmail.com", AccountKind.GMAIL),
        ("ｅｃｒｅａ＠ｇｍａｉｌ．ｃｏｍ", "ecrea@gmail.com", AccountKind.GMAIL),
        ("someone@googlemail.com", "someone@googlemail.com", AccountKind.GMAIL),
        ("sales@example.co.jp", "sales@example.co.jp", AccountKind.OTHER_DOMAIN),
    ],
)
def test_usable_addresses(typed: str, address: str, kind: AccountKind) -> None:
    check = check_address(typed)
    assert (check.address, check.kind, check.problem) == (address, kind, None)


@pytest.mark.parametrize(
    ("typed", "problem", "ja"),
    [
        ("", AddressProblem.EMPTY, "入力してください"),
        ("ecrea.test", AddressProblem.NO_AT, "「@」がありません"),
        ("a@b@gmail.com", AddressProblem.SEVERAL_AT, "2 つ以上"),
        ("ecrea test@gmail.com", AddressProblem.SPACE, "空白"),
        ("@gmail.com", AddressProblem.INVALID, "形式が正しくありません"),
        ("ecrea..test@gmail.com", AddressProblem.INVALID, "形式が正しくありません"),
        ("ecrea@gmail", AddressProblem.INVALID, "形式が正しくありません"),
    ],
)
def test_address_problems_are_explained(typed: str, problem: AddressProblem, ja: str) -> None:
    check = check_address(typed)
    assert check.problem is problem
    assert ja in explain_address(check, Texts("ja"))
    assert explain_address(check, Texts("en"))


@pytest.mark.parametrize("name", ["", "Ecreaマニュアル用", "営業部 田中", "Tanaka (Sales)", "絵文字🙂"])
def test_display_names_that_are_fine(name: str) -> None:
    assert display_name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "char"),
    [("営業部\r\nBcc: x@example.com", "U+000D"), ("a\nb", "U+000A"), ("a\x00b", "U+0000"), ("a\u2028b", "U+2028"), ("a\x1b[31m", "U+001B")],
)
def test_display_names_that_would_break_headers(name: str, char: str) -> None:
    assert display_name_problem(name) == char
    assert char in explain_display_name(name, Texts("ja"))
    assert "line breaks" in explain_display_name(name, Texts("en"))
