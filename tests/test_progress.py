from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from wizard.core.progress import Progress, ProgressStore


def test_round_trip_and_private_mode(progress_file: Path) -> None:
    store = ProgressStore(progress_file)
    progress = Progress(step=5, completed=[1, 2, 3, 4], lang="ja", email="a@gmail.com", display_name="営業部")
    store.save(progress)
    assert stat.S_IMODE(progress_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(progress_file.parent.stat().st_mode) == 0o700
    loaded = store.load()
    assert loaded.progress == progress and not loaded.unreadable
    assert "営業部" in progress_file.read_text(encoding="utf-8")
    assert os.listdir(progress_file.parent) == ["progress.json"]


def test_missing_file_starts_fresh_quietly(progress_file: Path) -> None:
    loaded = ProgressStore(progress_file).load()
    assert loaded.progress == Progress() and not loaded.unreadable


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'{"version": 1, "step": 4, "comp',
        b"\xff\xfe\x00garbage",
        b"[]",
        b"null",
        b'{"version": 99, "step": 3}',
        b'{"version": 1, "step": 15}',
        b'{"version": 1, "step": "3"}',
        b'{"version": 1, "step": true}',
        b'{"version": 1, "step": 2, "completed": [0]}',
        b'{"version": 1, "step": 2, "completed": "1,2"}',
        b'{"version": 1, "step": 2, "lang": "fr"}',
        b'{"version": 1, "step": 2, "email": 5}',
        b"[" * 100000,
    ],
)
def test_unusable_files_start_fresh_and_say_so(progress_file: Path, content: bytes) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(content)
    loaded = ProgressStore(progress_file).load()
    assert loaded.progress == Progress() and loaded.unreadable


def test_a_folder_in_place_of_the_file_is_unreadable(progress_file: Path) -> None:
    progress_file.mkdir(parents=True)
    assert ProgressStore(progress_file).load().unreadable


def test_save_replaces_atomically_and_leaves_no_temp_files(progress_file: Path) -> None:
    store = ProgressStore(progress_file)
    for step in range(1, 6):
        store.save(Progress(step=step))
    assert json.loads(progress_file.read_text())["step"] == 5
    assert os.listdir(progress_file.parent) == ["progress.json"]


def test_failed_write_keeps_the_old_file(progress_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore(progress_file)
    store.save(Progress(step=3))

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        store.save(Progress(step=4))
    assert store.load().progress.step == 3
    assert os.listdir(progress_file.parent) == ["progress.json"]
