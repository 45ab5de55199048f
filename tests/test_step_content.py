"""The step data says what the guide and the facts file say."""

from __future__ import annotations

from wizard.core.labels import describe_label
from wizard.core.step_content import get_step
from wizard.core.texts import Texts


def test_pages_to_open() -> None:
    urls = {number: get_step(number).url for number in range(1, 15) if get_step(number).url}
    assert urls == {
        1: "https://myaccount.google.com/",
        2: "https://myaccount.google.com/security",
        4: "https://myaccount.google.com/signinoptions/two-step-verification",
        11: "https://myaccount.google.com/apppasswords",
    }


def test_google_labels_show_new_and_guide_names() -> None:
    ja, en = Texts("ja"), Texts("en")
    step1 = get_step(1).press[0]
    assert describe_label(step1, ja) == "「Google アカウントを管理」（「Google アカウントの管理」と表示される場合もあります）"
    assert describe_label(step1, en) == '"Manage your Google Account"'
    assert describe_label(get_step(11).press[0], ja) == "「アプリ パスワード」"
    assert describe_label(get_step(12).press[0], en) == '"Create"'
    assert "有効にする" in describe_label(get_step(9).press[0], ja)


def test_special_steps() -> None:
    assert get_step(8).example == "G-123456"
    assert get_step(12).copy == {"ja": "Ecrea用", "en": "Ecrea"}
    assert "一度しか" in get_step(13).text["ja"].warning
    assert "only once" in get_step(13).text["en"].warning


def test_google_only_warnings_on_password_phone_and_code_steps() -> None:
    assert "パスワード" in get_step(6).text["ja"].warning
    assert "電話番号" in get_step(7).text["ja"].warning
    assert "G-XXXXXX" in get_step(8).text["ja"].warning
    for number in (6, 7, 8):
        assert "never" in get_step(number).text["en"].warning or "only" in get_step(number).text["en"].warning
