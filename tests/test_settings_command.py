"""`ecrea-gmail-setup settings`: the values for Ecrea's form, before or after anything is saved.

The commands run in this process (tests/cli_in_process.py): what they print is the subject,
and the language is read from the environment at each run, not at the process's start. The
first test runs the installed command as a real process, with its exit code.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_in_process import run_command
from helpers import COMMAND, STEP_OF


def environment(home: Path, lang_env: str = "C.UTF-8") -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_STATE_HOME": str(home / "state"), "LANG": lang_env}


def run(*args: str, home: Path, command: str = "settings", lang_env: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    return run_command([command, *args], text=True, cwd=home, env=environment(home, lang_env))


def save_progress(home: Path, **fields: object) -> None:
    state = home / "state" / "ecrea-gmail-setup"
    state.mkdir(parents=True, exist_ok=True)
    (state / "progress.json").write_text(json.dumps({"version": 2, **fields}), encoding="utf-8")


def test_fixed_values_are_printed_before_anything_is_saved(tmp_path: Path) -> None:
    result = subprocess.run([COMMAND, "settings", "--lang", "ja"], capture_output=True, text=True, encoding="utf-8",
                            timeout=60, cwd=tmp_path, env=environment(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("SMTPホスト") and line.endswith("smtp.gmail.com") for line in lines)
    assert any(line.startswith("SMTPポート") and line.endswith("587") for line in lines)
    assert any(line.startswith("送信間隔") and line.endswith("10000 ミリ秒") for line in lines)
    assert any(line.startswith("送信元メールアドレス") and line.endswith("（未入力）") for line in lines)
    assert "「設定」" in result.stdout


def test_options_and_json(tmp_path: Path) -> None:
    result = run("--json", "--email", "Ecrea.Test@GMAIL.com", "--name", "営業部", home=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    values = {field["key"]: field["value"] for field in report["fields"]}
    assert values["sender_address"] == values["smtp_user"] == "Ecrea.Test@gmail.com"
    assert values["display_name"] == "営業部"
    assert values["smtp_host"] == "smtp.gmail.com" and values["smtp_port"] == "587" and values["tls"] == "on"
    assert values["smtp_password"] == ""
    assert report["smtp_password"] in ("not_stored", "unavailable")
    assert [field["field"] for field in report["fields"]][:2] == ["送信元メールアドレス", "送信元表示名"]


def test_saved_progress_is_used(tmp_path: Path) -> None:
    save_progress(tmp_path, step="paste-into-ecrea", email="saved@gmail.com", display_name="保存名")
    result = run("--json", home=tmp_path)
    values = {field["key"]: field["value"] for field in json.loads(result.stdout)["fields"]}
    assert (values["sender_address"], values["display_name"]) == ("saved@gmail.com", "保存名")


def test_unknown_values_are_null_in_json(tmp_path: Path) -> None:
    report = json.loads(run("--json", home=tmp_path).stdout)
    values = {field["key"]: field["value"] for field in report["fields"]}
    assert values["sender_address"] is None and values["smtp_user"] is None


def test_bad_options_are_refused_with_a_message(tmp_path: Path) -> None:
    result = run("--lang", "en", "--name", "a\rb", home=tmp_path)
    assert result.returncode == 2 and "line breaks" in result.stderr
    result = run("--lang", "ja", "--email", "not-an-address", home=tmp_path)
    assert result.returncode == 2 and "「@」がありません" in result.stderr



@pytest.mark.parametrize(("command", "japanese"), [("settings", "チェックを入れる"), ("guide", STEP_OF["ja"].format(1)), ("check", "アプリ パスワードがありません")])
def test_commands_speak_the_language_chosen_in_the_wizard(tmp_path: Path, command: str, japanese: str) -> None:
    """Support staff run these on the customer's computer: they follow what the customer chose."""
    save_progress(tmp_path, lang="ja", email="saved@gmail.com")
    extra = ["--email", "saved@gmail.com"] if command == "check" else []
    result = run(*extra, home=tmp_path, command=command, lang_env="en_US.UTF-8")
    assert japanese in result.stdout + result.stderr
    # --lang still wins, and without a saved choice the system's language is used.
    assert japanese not in run(*extra, "--lang", "en", home=tmp_path, command=command).stdout
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert japanese in (lambda r: r.stdout + r.stderr)(run(*extra, home=fresh, command=command, lang_env="ja_JP.UTF-8"))


def test_settings_never_prints_a_control_character(tmp_path: Path) -> None:
    """A tampered progress file is refused as a whole: nothing from it reaches the terminal."""
    save_progress(tmp_path, email="saved@gmail.com", display_name="\u001b]52;c;ZXZpbA==\u0007\u001b[2J")
    result = run("--lang", "en", home=tmp_path)
    assert result.returncode == 0
    assert not any(ord(char) < 32 and char not in "\n" for char in result.stdout)
    assert "saved@gmail.com" not in result.stdout


@pytest.mark.parametrize(("command", "lang", "warning"), [
    ("settings", "ja", "注意: 「gmial.com」は「gmail.com」の入力間違いではありませんか？（ecrea.test@gmail.com のつもりなら --email ecrea.test@gmail.com で実行し直してください）"),
    ("guide", "en", 'Warning: Did you mean gmail.com rather than "gmial.com"? (if you meant ecrea.test@gmail.com, run again with --email ecrea.test@gmail.com)'),
])
def test_a_likely_domain_typo_is_pointed_out(tmp_path: Path, command: str, lang: str, warning: str) -> None:
    """The account screen's question, for an address given on the command line; the output still says what was given."""
    result = run("--lang", lang, "--email", "ecrea.test@gmial.com", home=tmp_path, command=command)
    assert result.returncode == 0, result.stderr
    assert warning in result.stderr
    assert "ecrea.test@gmial.com" in result.stdout
    for fine in ("ecrea.test@gmail.com", "someone@mail.com"):
        assert run("--lang", lang, "--email", fine, home=tmp_path, command=command).stderr == ""
