"""`ecrea-gmail-setup settings`: the values for Ecrea's form, before or after anything is saved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

COMMAND = str(Path(sys.executable).with_name("ecrea-gmail-setup"))


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_STATE_HOME": str(home / "state")}
    return subprocess.run([COMMAND, "settings", *args], capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=home, env=env)


def test_fixed_values_are_printed_before_anything_is_saved(tmp_path: Path) -> None:
    result = run("--lang", "ja", home=tmp_path)
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
    state = tmp_path / "state" / "ecrea-gmail-setup"
    state.mkdir(parents=True)
    (state / "progress.json").write_text(json.dumps({"version": 1, "step": 14, "email": "saved@gmail.com", "display_name": "保存名"}), encoding="utf-8")
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
