from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from wizard.core.progress import Progress, ProgressStore


def test_round_trip_and_private_mode(progress_file: Path) -> None:
    store = ProgressStore(progress_file)
    progress = Progress(step="get-started", furthest="turn-on", completed=["manage-account", "open-security"], lang="ja",
                        email="a@gmail.com", display_name="営業部", setup_completed_at="2026-11-28T05:00:00+00:00",
                        arrival_confirmed_at="2026-11-28T05:00:04+00:00", arrival_folder="junk",
                        ecrea_confirmed_at="2026-11-28T05:03:10+00:00")
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
        b'{"version": 2, "step": 3}',
        b'{"version": 2, "step": "../../etc"}',
        b'{"version": 2, "completed": ["turn-on", 4]}',
        b'{"version": 2, "email": "not an address"}',
        b'{"version": 2, "email": "\\u00fcser@gmail.com"}',
        b'{"version": 2, "display_name": "\\u001b]52;c;ZXZpbA==\\u0007"}',
        b'{"version": 2, "display_name": "a\r\nBcc: x@example.com"}',
        b'{"version": 2, "display_name": "\\u202eevil"}',
        b'{"version": 2, "setup_completed_at": "yesterday"}',
        b'{"version": 2, "setup_completed_at": "2026-11-28T05:00:00"}',
        b'{"version": 2, "ecrea_confirmed_at": "soon"}',
        b'{"version": 2, "arrival_confirmed_at": 5}',
        b'{"version": 2, "arrival_folder": "\\u001b[2J"}',
        b'{"version": 2, "started_over": "yes"}',
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
    for step in ("manage-account", "open-security", "security-page"):
        store.save(Progress(step=step))
    assert json.loads(progress_file.read_text())["step"] == "security-page"
    assert os.listdir(progress_file.parent) == ["progress.json"]


def test_a_state_saved_in_the_background_never_overwrites_a_later_one(progress_file: Path) -> None:
    store = ProgressStore(progress_file)
    older = store.snapshot(Progress(step="open-security"))
    newer = store.snapshot(Progress(step="security-page"))
    store.write(newer)
    store.write(older)  # its thread got to the disk last
    assert store.load().progress.step == "security-page"
    store.save(Progress(step="turn-on"))
    store.write(newer)
    assert store.load().progress.step == "turn-on"


def test_failed_write_keeps_the_old_file(progress_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore(progress_file)
    store.save(Progress(step="security-page"))

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        store.save(Progress(step="two-step-verification"))
    assert store.load().progress.step == "security-page"
    assert os.listdir(progress_file.parent) == ["progress.json"]


def test_version_1_numbers_become_step_ids(progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text('{"version": 1, "step": 12, "completed": [1, 2, 3, 11], "lang": "en", "email": "a@gmail.com"}')
    loaded = ProgressStore(progress_file).load()
    assert not loaded.unreadable
    assert (loaded.progress.step, loaded.progress.furthest) == ("create-app-password", "create-app-password")
    assert loaded.progress.completed == ["manage-account", "open-security", "security-page", "app-passwords"]


def test_a_step_that_no_longer_exists_is_dropped_not_fatal(progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text('{"version": 2, "step": "retired-step", "completed": ["retired-step", "turn-on"]}')
    loaded = ProgressStore(progress_file).load()
    assert not loaded.unreadable
    assert (loaded.progress.step, loaded.progress.completed) == ("", ["turn-on"])


def test_the_furthest_step_is_kept_when_going_back() -> None:
    progress = Progress()
    for step in ("manage-account", "turn-on", "open-security"):
        progress.visit(step)
    assert (progress.step, progress.furthest) == ("open-security", "turn-on")


def test_leftovers_of_killed_saves_are_removed_at_start(progress_file: Path) -> None:
    import time

    store = ProgressStore(progress_file)
    store.save(Progress(step="turn-on"))
    old = progress_file.parent / ".progress.json.abc123.tmp"
    fresh = progress_file.parent / ".progress.json.def456.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a save")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert store.load().progress.step == "turn-on"
    # The fresh one may belong to a second copy of the wizard saving right now.
    assert sorted(os.listdir(progress_file.parent)) == [".progress.json.def456.tmp", "progress.json"]


def test_start_over_keeps_the_record_of_the_last_success_until_a_new_one() -> None:
    from wizard.core.progress import Proof

    progress = Progress(step="turn-on", furthest="turn-on", completed=["manage-account"],
                        setup_completed_at="2026-11-28T05:00:00+00:00", ecrea_confirmed_at="2026-11-28T05:03:10+00:00")
    progress.start_over()
    assert (progress.step, progress.furthest, progress.completed) == ("", "", [])
    assert progress.started_over and not progress.setup_complete
    assert progress.proven() == [Proof.SEND, Proof.ECREA]  # the record, kept
    progress.record_success("2026-12-01T01:00:00+00:00")
    assert progress.setup_complete and progress.proven() == [Proof.SEND]  # replaced whole
    assert progress.ecrea_confirmed_at == ""


def test_start_over_before_any_success_marks_nothing() -> None:
    progress = Progress(step="turn-on", furthest="turn-on")
    progress.start_over()
    assert not progress.started_over and progress.proven() == []
