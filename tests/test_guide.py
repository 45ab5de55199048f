"""The `guide` command prints the same fourteen steps the screens show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wizard.cli.guide import render_guide
from wizard.core.step_content import load_steps

# The installed console script, run from outside the repository: this proves the
# step files are packaged with the wizard.
COMMAND = str(Path(sys.executable).with_name("ecrea-gmail-setup"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COMMAND, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.mark.parametrize(("lang", "heading"), [("ja", "## ステップ {} / 14: "), ("en", "## Step {} / 14: ")])
def test_guide_prints_all_14_steps(tmp_path: Path, lang: str, heading: str) -> None:
    result = run("guide", "--lang", lang, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_guide(lang)
    for step in load_steps():
        assert heading.format(step.number) + step.text[lang].title in result.stdout
        if step.url:
            assert f"<{step.url}>" in result.stdout
    assert "G-123456" in result.stdout
    assert result.stdout.count("\n## ") == 15  # "what you need" and 14 steps


def test_guide_language_follows_the_system_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert "ステップ 1 / 14" in run("guide", cwd=tmp_path).stdout


def test_labels_show_the_guide_name_beside_googles_new_one() -> None:
    guide = render_guide("ja")
    assert "「Google アカウントを管理」（「Google アカウントの管理」と表示される場合もあります）" in guide
    assert "「使ってみる」（「開始」と表示される場合もあります）" in guide


def test_help_is_in_the_chosen_language(tmp_path: Path) -> None:
    result = run("--lang", "ja", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "14 のステップすべてを Markdown で出力します" in result.stdout


def test_unknown_language_is_refused_clearly(tmp_path: Path) -> None:
    result = run("guide", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
