"""The wording: one careful writer's Japanese, Google's labels as Google writes them, no step left waiting.

These fail when an inconsistency the content review found comes back (issue 12): they read every
Japanese and English string the user can see, from the step files and from the text files.
"""

from __future__ import annotations

import re

import pytest

from wizard.core.labels import describe_label
from wizard.core.step_content import get_step, load_steps
from wizard.core.step_order import number_of
from wizard.core.texts import Texts, load_texts


def step_(step_id: str):
    return get_step(number_of(step_id))


def visible_strings(lang: str) -> dict[str, str]:
    """Every string the user can see in `lang`, named by where it comes from."""
    found = {f"texts:{key}": value for key, value in load_texts(lang).items()}
    for step in load_steps():
        text = step.text[lang]
        for field in ("short", "title", "instructions", "warning", "wizard_note", "help"):
            if value := getattr(text, field):
                found[f"step {step.id}:{field}"] = value
        for n, label in enumerate(step.press):
            found[f"step {step.id}:press {n}"] = " / ".join([label.text[lang], *label.also.get(lang, ())])
        if step.skip:
            found[f"step {step.id}:skip"] = step.skip.text[lang]
    return found


def where(pattern: str, strings: dict[str, str]) -> list[str]:
    return [f"{name}: {value!r}" for name, value in strings.items() if re.search(pattern, value)]


def test_googles_setting_is_always_2_step_verification_process() -> None:
    # Google's Japanese name for the setting is 「2 段階認証プロセス」; the short form reads as a
    # different thing to someone comparing the wizard with Google's page.
    assert where(r"2 ?段階認証(?!プロセス)", visible_strings("ja")) == []


@pytest.mark.parametrize(
    "spaced",
    # Google writes its own labels with a space (「アプリ パスワード」); the wizard's own words are ordinary Japanese.
    ["メール アドレス", "テスト メール", "メール サービス", "ウェブ ページ", "メール 設定", "パスワード 保存"],
)
def test_the_wizards_own_words_have_no_google_style_spaces(spaced: str) -> None:
    assert where(re.escape(spaced), visible_strings("ja")) == []


@pytest.mark.parametrize(
    ("wording", "because"),
    [
        ("ガイドの画面", "the user may never have seen Ecrea's manual: 「以前の画面」"),
        ("サーバーのあいさつ", "「サーバーからの最初の応答」"),
        ("断りました", "「拒否しました」"),
        ("ポートを止めて", "「ポートをブロックして」"),
        ("確認を無効にしない", "「証明書の検証を無効にしない」"),
        ("進み具合", "「進捗」"),
        ("押すボタン・項目", "「クリックする項目」"),
        ("このウィザードには入力しません", "「このウィザードに入力する必要はありません」"),
        ("このまま進めます", "「このまま続行できます」"),
        ("次のどれかが原因", "「次のいずれかが原因」"),
        ("必ず開けます", "it does not open for the accounts just listed: 「直接開けます」"),
        ("キーリング", "Windows and macOS users know 「パスワード保存機能」"),
        ("有効にしますか？", "Google's dialog ends with a half-width 「?」"),
        ("2段階認証", "Google writes 「2 段階認証プロセス」 with spaces"),
    ],
)
def test_wording_the_review_replaced_stays_replaced(wording: str, because: str) -> None:
    assert where(re.escape(wording), visible_strings("ja")) == [], because


def test_the_password_store_is_named_once_in_full() -> None:
    full = "パスワード保存機能（Windows の資格情報マネージャー、macOS のキーチェーンなど）"
    texts = load_texts("ja")
    assert full in texts["keyring.saving"] and full in texts["keyring.saved"]
    assert texts["report.keyring"] == "パスワード保存機能"


def test_the_test_mails_code_is_not_googles_verification_code() -> None:
    # 「確認コード」 is what Google's SMS says; the test mail's code has its own name.
    strings = visible_strings("ja")
    for name in where("確認コード", strings):
        assert "SMS" in name or "G-" in name or "step phone-number" in name or "step enter-code" in name, name
    ja = load_texts("ja")
    assert "照合用コード" in ja["mail.subject"] and "照合用コード" in ja["send.success"]


def test_the_wizards_buttons_are_not_named_like_googles() -> None:
    ja, en = Texts("ja"), Texts("en")
    # Google's 「完了」 is pressed on the password step; the wizard's button after the last step leads to the test send.
    assert ja("step.to_test_send") == "テスト送信へ" and en("step.to_test_send") == "To the test send"
    assert "完了" in describe_label(step_("copy-app-password").press[0], ja)
    # Where Google's button has the wizard's name (「次へ」), the text says whose it is.
    for step in load_steps():
        if any(label.text["ja"] == "次へ" for label in step.press) and step.number != number_of("phone-number"):
            assert "Google の画面の「次へ」" in step.text["ja"].instructions, step.id
            assert "\"Next\" on Google's page" in step.text["en"].instructions, step.id


def test_a_step_title_names_the_button_its_instructions_name() -> None:
    for step in load_steps():
        for lang, quote in (("ja", r"「([^」]+)」"), ("en", r'"([^"]+)"')):
            text = step.text[lang]
            for label in re.findall(quote, text.title):
                assert label in text.instructions, (step.id, lang, label)


def test_quotes_without_a_google_source_are_examples() -> None:
    # Nobody has a screenshot of these in 2026: the user is told what it looks like, not what it says.
    assert "「お探しの設定はお使いのアカウントでは利用できません」のように表示される" in step_("app-passwords").text["ja"].help
    assert 'says something like "The setting' in step_("app-passwords").text["en"].help
    assert "のような SMS が届きます" in step_("enter-code").text["ja"].instructions
    assert 'A text message like "G-123456' in step_("enter-code").text["en"].instructions
    assert "「2 段階認証プロセスを有効にしますか?」のように表示されます" in step_("turn-on").text["ja"].instructions


def test_sixteen_letters_and_googles_sixteen_digit_passcode_are_one_thing() -> None:
    # Google's name is in step 13's help and under the paste field; the instructions stay short enough
    # for the first of them to show above the field at 80x24.
    assert "16 文字" in step_("copy-app-password").text["ja"].instructions
    assert "「16 桁のパスコード」" in step_("copy-app-password").text["ja"].help
    assert "「16 桁のパスコード」" in load_texts("ja")["password.empty"]
    # English says "16-letter" everywhere; "16-character" only where Google's help is quoted.
    for line in where(r"16[- ]character", visible_strings("en")):
        assert '"16-character code"' in line, line


def test_english_numbers_steps_as_step_n_of_total() -> None:
    assert load_texts("en")["step.of"] == "Step {number} of {total}"


@pytest.mark.parametrize(("kind", "ja", "en"), [("button", "クリック", "Click"), ("section", "場所", "Look under"), ("field", "入力欄", "Type into")])
def test_only_buttons_are_pressed(kind: str, ja: str, en: str) -> None:
    assert (load_texts("ja")[f"step.kind_{kind}"], load_texts("en")[f"step.kind_{kind}"]) == (ja, en)


@pytest.mark.parametrize(
    ("step_id", "ja", "en"),
    [
        ("two-step-verification", "2 段階認証プロセスを有効にする", "Turn on 2-Step Verification"),
        ("get-started", "2 段階認証プロセスを有効にする", "Turn on 2-Step Verification"),
        ("get-started", "開始", None),
        ("turn-on", "有効にする", "Turn on"),
        ("manage-account", "Google アカウントの管理", None),
        ("open-security", "セキュリティ", "Security"),
        ("phone-number", "次へ", "Next"),
    ],
)
def test_alternatives_name_googles_older_and_newer_labels(step_id: str, ja: str, en: str | None) -> None:
    labels = step_(step_id).press
    assert any(ja in (label.text["ja"], *label.also.get("ja", ())) for label in labels)
    if en:
        assert any(en in (label.text["en"], *label.also.get("en", ())) for label in labels)


@pytest.mark.parametrize(("step_id", "to"), [("phone-number", "enter-code"), ("enter-code", "turn-on"), ("turn-on", "scroll-down")])
def test_steps_google_may_not_show_say_what_to_do_instead(step_id: str, to: str) -> None:
    """Where Google prompts are set up, steps 7-9 never appear: nobody waits for a button that will not come."""
    skip = step_(step_id).skip
    assert skip is not None and skip.to == to
    assert "表示されない" in skip.text["ja"] or "求められなかった" in skip.text["ja"]
    assert "次のステップに進んでください" in skip.text["ja"] and "go on to the next step" in skip.text["en"]


def test_an_account_already_protected_goes_straight_to_the_app_password() -> None:
    skip = step_("two-step-verification").skip
    assert skip is not None and skip.to == "app-passwords"
    assert "「オン」" in skip.text["ja"] and '"On"' in skip.text["en"]


def test_googles_newer_flow_is_covered() -> None:
    assert "パスキー" in step_("confirm-password").text["ja"].help
    assert "passkey" in step_("confirm-password").text["en"].help
    assert "パスワードの入力を求められることがあります" in step_("app-passwords").text["ja"].help
    assert "ask for your password again" in step_("app-passwords").text["en"].help
    # The old screen's drop-downs, and how to use them.
    assert "「その他（名前を入力）」" in step_("create-app-password").text["ja"].help
    assert '"Other (Custom name)"' in step_("create-app-password").text["en"].help


def test_ecreas_tls_ssl_box_has_an_answer_for_both_meanings() -> None:
    # Checked with 587 if Ecrea means STARTTLS, checked with 465 if it means TLS from the first byte.
    ja, en = Texts("ja"), Texts("en")
    help_ja, help_en = step_("paste-into-ecrea").text["ja"].help, step_("paste-into-ecrea").text["en"].help
    for text in (help_ja, ja("confirm.checklist", address="a@gmail.com", help="?", explain="?"), ja("guide.tls_ssl_action")):
        assert "465" in text and "チェックを入れたまま" in text and "外さないでください" in text
    for text in (help_en, en("confirm.checklist", address="a@gmail.com", help="?", explain="?"), en("guide.tls_ssl_action")):
        assert "465" in text and "keep it checked" in text.replace("Keep the box checked", "keep it checked")
        assert "not uncheck it" in text
    # The table's Copy is the way to paste it without spaces.
    assert "「コピー」を使うと、空白なしで" in help_ja and "copies it without spaces" in help_en


def test_a_revoked_app_password_is_pasted_into_ecrea_again() -> None:
    assert "「SMTPパスワード」にも貼り付け直して" in step_("copy-app-password").text["ja"].help
    assert "「SMTPパスワード」にも貼り付け直して" in load_texts("ja")["diagnosis.bad_credentials.action"]
    assert "again" in step_("copy-app-password").text["en"].help
    assert "again" in load_texts("en")["diagnosis.bad_credentials.action"]


def test_the_welcome_heading_says_what_the_user_gets() -> None:
    assert load_texts("ja")["welcome.heading"] == "Ecrea から Gmail でメールを送れるようにします"


@pytest.mark.parametrize("step", load_steps(), ids=lambda step: step.id)
def test_japanese_and_english_help_say_the_same_things(step) -> None:
    """The same number of points, the same steps and addresses named: neither language has advice the other lacks."""
    ja, en = step.text["ja"].help, step.text["en"].help
    assert len(re.findall(r"^・", ja, re.M)) == len(re.findall(r"^- ", en, re.M))
    assert len(re.findall(r"^　・", ja, re.M)) == len(re.findall(r"^  - ", en, re.M))
    for pattern in (r"\{step:[a-z-]+\}", r"https://\S+?(?=[）)\s]|$)", r"\{[a-z_]+\}", r"\b(?:25|465|587|993)\b"):
        assert sorted(re.findall(pattern, ja)) == sorted(re.findall(pattern, en)), pattern
