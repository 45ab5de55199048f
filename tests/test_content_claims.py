"""Content that claims only what was proven, never advises less security, speaks to Ecrea's side (issue 21).

These read every string the user can see (texts and step files) and the rendered guide, in both
languages, and fail when a finding of the 2026-12 content review comes back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_content_style import step_, visible_strings, where

from wizard.cli.guide import render_guide
from wizard.core.ecrea_settings import ecrea_fields
from wizard.core.texts import Texts, load_texts

LANGS = ("ja", "en")
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def everything(lang: str) -> dict[str, str]:
    """Every visible string plus the guide a customer receives, and the README support staff read."""
    return {**visible_strings(lang), "guide": render_guide(lang, "someone@gmail.com"), "README": README}


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[。.;；:：])\s*|\n", text) if part.strip()]


# A sentence that mentions unchecking the box must be a warning not to.
UNCHECK = {"ja": r"チェックを外|チェックは外", "en": r"\bun(?:check|tick)"}
DO_NOT = {"ja": r"外さない|外すと", "en": r"\b(?:not|never)\b|\bwithout it\b"}


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_advises_unchecking_ecreas_tls_ssl_box(lang: str) -> None:
    """Either meaning of 「TLS/SSL通信」 works with it checked; unchecked may send the password in clear."""
    strings = everything(lang)
    # The one value for unchecked boxes is for 「POP before SMTP」; the TLS row of every table is checked.
    del strings["texts:settings.checkbox_off"]
    advice = [
        f"{name}: {sentence!r}"
        for name, text in strings.items()
        for sentence in sentences(text)
        if re.search(UNCHECK[lang], sentence) and not re.search(DO_NOT[lang], sentence)
        and not (sentence.startswith("|") and "TLS/SSL" not in sentence)
    ]
    assert advice == []
    assert next(field for field in ecrea_fields("a@gmail.com", "") if field.key == "tls").value == "on"
    tls_row = next(line for line in strings["guide"].splitlines() if line.startswith("| TLS/SSL"))
    assert load_texts(lang)["settings.checkbox_on"] in tls_row


def test_step_14s_help_points_up_to_the_table_above_it() -> None:
    help_ja, help_en = step_("paste-into-ecrea").text["ja"].help, step_("paste-into-ecrea").text["en"].help
    assert "下の表" not in help_ja and "上の表の「コピー」" in help_ja
    assert "below" not in help_en and "in the table above" in help_en


@pytest.mark.parametrize(("lang", "wording"), [("ja", "見張"), ("ja", "まねる"), ("en", "Act as Ecrea")])
def test_watching_is_named_as_software_names_it(lang: str, wording: str) -> None:
    assert where(re.escape(wording), everything(lang)) == []


def test_the_watch_button_quoted_in_the_texts_is_the_buttons_name() -> None:
    for lang in LANGS:
        texts = load_texts(lang)
        button = Texts(lang)("common.quoted", text=texts["confirm.start_watching"])
        for key in ("confirm.ecrea_steps", "confirm.checklist", "confirm.ecrea_reads_practice"):
            assert button in texts[key], (lang, key)
        assert Texts(lang)("common.quoted", text=texts["confirm.simulate"]) in texts["confirm.ecrea_reads_practice"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_title_on_every_step_names_no_one(lang: str) -> None:
    # Shown on Ecrea's step 14 too, where "Google's screen" would be wrong.
    assert "Google" not in load_texts(lang)["step.help_title"]


OVERCLAIMS = {
    # The wizard's test send proves the address and app password with Gmail, nothing typed into Ecrea.
    "ja": [r"メール設定の値が正しい", r"設定の値が正しい", r"Ecrea が.{0,20}送信しました", r"Ecrea が Gmail 経由"],
    "en": [r"mail settings are right", r"settings themselves are right", r"Ecrea sent mail", r"prove the settings"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_claims_ecreas_form_was_verified(lang: str) -> None:
    strings = everything(lang)
    assert [hit for pattern in OVERCLAIMS[lang] for hit in where(pattern, strings)] == []


def test_what_was_proven_is_named_and_ecreas_send_is_compared() -> None:
    ja, en = load_texts("ja"), load_texts("en")
    assert "Gmail アドレスとアプリ パスワードが正しい" in ja["ending.proven"]
    assert "Gmail address and the app password are right" in en["ending.proven"]
    # Any mail sent after the mark is seen: the user compares it with what Ecrea sent.
    assert "{recipient}" in ja["confirm.seen_detail"] and "一致していれば" in ja["confirm.seen_detail"]
    assert "{recipient}" in en["confirm.seen_detail"] and "If this matches" in en["confirm.seen_detail"]
    assert "Ecrea" not in ja["confirm.seen"] and "Ecrea" not in en["confirm.seen"]


# The wizard's own advice about this PC, which cannot explain a failure on Ecrea's server.
PC_SIDE = {
    "ja": ["パスワードは送らずに止めました", "ウイルス対策", "パソコンの", "日付と時刻", "ファイアウォール", "プロバイダー", "--ca-file"],
    "en": ["Stopped before sending", "antivirus", "clock", "date and time", "firewall", "provider", "--ca-file", "this computer"],
}
TROUBLESHOOTING = {"ja": "## うまくいかないとき（よくある原因）", "en": "## If it does not work (common causes)"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_guides_ecrea_section_speaks_about_ecreas_server(lang: str) -> None:
    guide = render_guide(lang)
    section = guide[guide.index(TROUBLESHOOTING[lang]):]
    assert [word for word in PC_SIDE[lang] if word.lower() in section.lower()] == []
    assert ("Ecrea のサーバー" if lang == "ja" else "Ecrea's server") in section
    assert ("Ecrea のサポート" if lang == "ja" else "Ecrea's support") in section


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_gives_the_display_name_as_optional_not_empty(lang: str) -> None:
    guide = render_guide(lang, "someone@gmail.com")
    assert load_texts(lang)["guide.display_name_value"] in guide
    assert load_texts(lang)["settings.display_name_empty"] not in guide


@pytest.mark.parametrize("lang", LANGS)
def test_sending_limits_are_on_step_14_and_in_the_guide(lang: str) -> None:
    help_text = step_("paste-into-ecrea").text[lang].help
    guide = render_guide(lang)
    for text in (help_text, guide):
        assert "500" in text and "2,000" in text and "24" in text
        assert ("Google Workspace" in text) and (("1 日" in text) if lang == "ja" else ("a day" in text))


@pytest.mark.parametrize("lang", LANGS)
def test_a_lost_phone_has_backup_codes_and_the_app_password_keeps_working(lang: str) -> None:
    help_text = step_("scroll-down").text[lang].help
    assert ("「バックアップ コード」" if lang == "ja" else '"Backup codes"') in help_text
    assert ("スマートフォンがなくても" if lang == "ja" else "without the phone") in help_text
    assert ("バックアップ コード" if lang == "ja" else "Backup codes") in render_guide(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unused_or_leaked_app_password_can_be_deleted(lang: str) -> None:
    help_text = step_("copy-app-password").text[lang].help
    assert "https://myaccount.google.com/apppasswords" in help_text
    assert ("削除できます" if lang == "ja" else "can be deleted") in help_text
    assert ("Ecrea から送信できなくなります" if lang == "ja" else "Ecrea can no longer send") in help_text


@pytest.mark.parametrize("lang", LANGS)
def test_each_reason_app_passwords_are_unavailable_has_a_way_forward(lang: str) -> None:
    help_text = step_("app-passwords").text[lang].help
    warning = load_texts(lang)["workspace.warning"]
    for text in (help_text, warning):
        # What the Workspace administrator must allow, and what else exists.
        assert "smtp-relay.gmail.com" in text
        assert ("「セキュリティ キーのみ」" if lang == "ja" else "security keys only") in text
        assert ("2 段階認証プロセスを有効にできる" if lang == "ja" else "turn on 2-Step Verification") in text
    advanced = "「高度な保護機能プログラム」" if lang == "ja" else "Advanced Protection Program"
    line = next(line for line in help_text.splitlines() if advanced in line)
    assert ("作成できません" if lang == "ja" else "cannot be created") in line


def test_support_staff_find_the_send_interval_and_the_future_of_app_passwords() -> None:
    # Once in Japanese and once in English: 10000 ms spaces sends, it does not keep under the daily limit.
    assert README.count("8,640") == 2
    assert README.count("OAuth") >= 2
