"""`settings --output FILE` and `guide --output FILE`: the same text, written without a shell redirect.

Atomic, readable by the owner only, never over an existing file without --force, and
a clear message in the user's language either way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from test_settings_command import run

from wizard.core.ecrea_card import ecrea_card
from wizard.core.private_files import write_private_file
from wizard.core.texts import Texts


@pytest.mark.parametrize("command", ["settings", "guide"])
def test_output_writes_what_standard_output_would_show(tmp_path: Path, command: str) -> None:
    printed = run("--lang", "ja", "--email", "ecrea.test@gmail.com", "--name", "山田商店", command=command, home=tmp_path)
    target = tmp_path / "out" / f"{command}.txt"
    written = run("--lang", "ja", "--email", "ecrea.test@gmail.com", "--name", "山田商店", "--output", str(target), command=command, home=tmp_path)
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert written.stderr.strip() == f"{target} に書き込みました。"


def test_guide_qr_output_holds_codes_a_phone_reads(tmp_path: Path) -> None:
    from qr_decoding import decode, modules_from_text

    from wizard.core.qr_code import step_page_urls

    target = tmp_path / "guide.md"
    result = run("--lang", "en", "--qr", "--output", str(target), command="guide", home=tmp_path)
    assert result.returncode == 0, result.stderr
    blocks = [block.split("\n```")[0].splitlines() for block in target.read_text(encoding="utf-8").split("```text\n")[1:]]
    assert {decoded for block in blocks for decoded in decode(modules_from_text(block))} == step_page_urls()


@pytest.mark.parametrize(("lang", "message"), [("ja", "は既にあります。上書きする場合は --force を付けてください。"), ("en", "already exists. Add --force to overwrite it.")])
def test_an_existing_file_is_kept_without_force(tmp_path: Path, lang: str, message: str) -> None:
    target = tmp_path / "card.txt"
    target.write_text("someone's notes\n", encoding="utf-8")
    refused = run("--lang", lang, "-o", str(target), home=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"{target} {message}"
    assert target.read_text(encoding="utf-8") == "someone's notes\n"
    forced = run("--lang", lang, "-o", str(target), "--force", home=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "smtp.gmail.com" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(("lang", "message"), [("ja", "に書き込めませんでした（"), ("en", "Could not write")])
def test_an_unwritable_place_is_said_clearly(tmp_path: Path, lang: str, message: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run("--lang", lang, "--output", str(folder), "--force", command="guide", home=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert folder.is_dir()


def test_writing_a_new_file_never_replaces_one_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "card.txt"
    write_private_file(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        write_private_file(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert [path.name for path in tmp_path.iterdir()] == ["card.txt"]  # no temporary file left behind


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_card_names_every_field_as_ecrea_does_and_never_a_password(lang: str) -> None:
    texts = Texts(lang)
    card = ecrea_card("ecrea.test@gmail.com", "山田商店", texts, password_note=texts("settings.password_not_stored"),
                      status_line="S14 · practice")
    lines = card.splitlines()
    for label in ("送信元メールアドレス", "送信元表示名", "SMTPホスト", "SMTPポート", "SMTP認証", "SMTPユーザー",
                  "SMTPパスワード", "POP before SMTP", "TLS/SSL通信", "ローカルホスト名", "送信間隔"):
        assert sum(line.lstrip().startswith(label) for line in lines) == 1, label
    assert any(line.startswith("送信元メールアドレス") and line.endswith("ecrea.test@gmail.com") for line in lines)
    assert any(line.startswith("送信元表示名") and line.endswith("山田商店") for line in lines)
    assert texts("card.status", status="S14 · practice") in lines
    no_status = ecrea_card("ecrea.test@gmail.com", "", texts, password_note="-")
    assert "S14" not in no_status


def test_refused_input_writes_no_file(tmp_path: Path) -> None:
    target = tmp_path / "guide.md"
    result = run("--name", "Evil\x1b]52;c;aGk=\x07", "-o", str(target), command="guide", home=tmp_path)
    assert result.returncode == 2  # refused as the account screen refuses it
    assert not os.path.lexists(target)
