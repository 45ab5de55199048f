"""The `guide` command: the same steps the screens show, as a document that stands on its own."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_in_process import run_command
from helpers import COMMAND, STEP_OF

from wizard.cli.guide import render_guide
from wizard.core.step_content import get_step, load_steps
from wizard.core.step_order import number_of, step_count


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """In this process (tests/cli_in_process.py): what the command prints is the subject."""
    return run_command(args, cwd=cwd, env=env, text=True)


def run_as_a_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Run from outside the repository, in a new process whose step files are not yet loaded:
    # this proves the step files are packaged with the wizard.
    return subprocess.run([COMMAND, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.mark.parametrize(("lang", "heading", "runner"), [
    ("ja", f"## {STEP_OF['ja']}: ", run_as_a_process),
    ("en", f"## {STEP_OF['en']}: ", run),
])
def test_guide_prints_every_step(tmp_path: Path, lang: str, heading: str, runner) -> None:
    result = runner("guide", "--lang", lang, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_guide(lang)
    for step in load_steps():
        assert heading.format(step.number) + step.text[lang].title in result.stdout
        if step.url:
            assert f"<{step.url}>" in result.stdout
    assert "G-123456" in result.stdout


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_guide_stands_alone(lang: str) -> None:
    """Support staff e-mail it: no wizard buttons, no "this wizard", addresses instead of "Open page"."""
    guide = render_guide(lang)
    for wizard_word in ("ページを開く", "Open page", "このウィザード", "this wizard", "Ctrl+P", "コマンド パレット", "{"):
        assert wizard_word not in guide
    assert "次のアドレス（https://myaccount.google.com/）" in render_guide("ja")
    assert "go to https://myaccount.google.com/apppasswords" in render_guide("en")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_guide_has_every_value_for_ecreas_form(lang: str) -> None:
    guide = render_guide(lang, "taro.yamada@gmail.com", "山田商店")
    for value in ("`smtp.gmail.com`", "`587`", "`10000`", "`taro.yamada@gmail.com`", "`山田商店`"):
        assert value in guide
    for field in ("送信元メールアドレス", "SMTPホスト", "SMTPポート", "SMTPユーザー", "SMTPパスワード", "TLS/SSL通信", "送信間隔"):
        assert f"| {field}" in guide
    assert guide.count("`taro.yamada@gmail.com`") == 2  # sender address and SMTP user
    # Without an address the table shows where it goes, never a blank.
    assert "（Gmail アドレス）" in render_guide("ja") and "(your Gmail address)" in render_guide("en")


def test_the_guide_ends_with_the_common_failures() -> None:
    guide = render_guide("ja")
    failures = guide[guide.index("## うまくいかないとき（よくある原因）"):]
    for reply in ("535-5.7.8", "534-5.7.9 Application-specific password required", "534-5.7.9 Please log in", "530 5.7.0"):
        assert reply in failures
    assert "ステップ 11 で新しいアプリ パスワードを作成し、Ecrea の「SMTPパスワード」にも貼り付け直して" in failures
    # Ecrea's own TLS/SSL error, which the wizard never sees: both meanings of the box.
    assert "### Ecrea の「テストメール送信」で TLS/SSL のエラーになる" in failures
    assert "チェックを入れたまま「SMTPポート」を 465 に変更してください" in failures


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_guide_says_what_to_do_when_google_skips_a_step(lang: str) -> None:
    guide = render_guide(lang)
    for step_id in ("two-step-verification", "phone-number", "enter-code", "turn-on"):
        step = get_step(number_of(step_id))
        assert step.skip is not None and step.skip.text[lang] in guide
    assert ("パスキー" if lang == "ja" else "passkey") in guide
    assert ("「その他（名前を入力）」" if lang == "ja" else '"Other (Custom name)"') in guide


def test_guide_takes_the_address_and_name_from_options(tmp_path: Path) -> None:
    result = run("guide", "--lang", "en", "--email", "taro@gmail.com", "--name", "Yamada Shoten", cwd=tmp_path)
    assert "`taro@gmail.com`" in result.stdout and "`Yamada Shoten`" in result.stdout
    bad = run("guide", "--lang", "en", "--name", "a\u202eb", cwd=tmp_path)
    assert bad.returncode == 2 and "--name is not usable" in bad.stderr


def test_guide_language_follows_the_system_locale(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), "LANG": "ja_JP.UTF-8"}
    assert STEP_OF["ja"].format(1) in run("guide", cwd=tmp_path, env=env).stdout


def test_labels_show_the_guide_name_beside_googles_new_one() -> None:
    guide = render_guide("ja")
    assert "「Google アカウントを管理」（「Google アカウントの管理」と表示される場合もあります）" in guide
    assert "「使ってみる」（「開始」、「2 段階認証プロセスを有効にする」と表示される場合もあります）" in guide


def test_help_is_in_the_chosen_language(tmp_path: Path) -> None:
    result = run("--lang", "ja", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert f"{step_count()} のステップすべてを Markdown で出力します" in result.stdout
    for boilerplate in ("usage:", "options:", "show this help message and exit"):
        assert boilerplate not in result.stdout
    assert result.stdout.startswith("使い方: ")
    assert "オプション:" in result.stdout and "このヘルプを表示して終了します" in result.stdout


def test_unknown_language_is_refused_clearly(tmp_path: Path) -> None:
    result = run("guide", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
    result = run("--lang", "ja", "guide", "--lang", "fr", cwd=tmp_path)
    assert "'fr' は選べません" in result.stderr and "Traceback" not in result.stderr


def test_jp_means_japanese(tmp_path: Path) -> None:
    assert STEP_OF["ja"].format(1) in run("guide", "--lang", "jp", cwd=tmp_path).stdout
