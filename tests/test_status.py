"""The status line (`S13 · 本番 · 保存済み · 送信OK`): built in core, shown live in every title bar,
printed by `status`, and its place codes found by the palette."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SMALL, assert_on_step, paste, visible_text, wait_until
from test_walkthrough import palette_results

from wizard import __version__
from wizard.cli.main import main
from wizard.core.credentials import KEYRING_SERVICE, KeyringStatus
from wizard.core.locations import progress_path
from wizard.core.progress import Progress, ProgressStore
from wizard.core.status_line import LastResult, PasswordState, PlaceCode, status_line
from wizard.core.step_order import number_of, step_count, step_ids
from wizard.core.texts import Texts
from wizard.mail.practice import PRACTICE_PASSWORD
from wizard.mail.session import ConfirmKind, Session
from wizard.ui.app import make_app
from wizard.ui.places import Account, Arrival, AtStep, EcreaTest, Ending, Send, Welcome, place_code, place_for_code
from wizard.ui.screens.step_screen import StepScreen
from wizard.ui.widgets.title_bar import TitleBar

ADDRESS = "ecrea.test@gmail.com"
SENT_AT = "2026-12-01T03:00:00+00:00"
ARRIVED_AT = "2026-12-01T03:01:00+00:00"
ECREA_AT = "2026-12-01T03:05:00+00:00"


def completed_progress() -> Progress:
    progress = Progress(step=step_ids()[-1], furthest=step_ids()[-1], completed=list(step_ids()), lang="ja",
                        email=ADDRESS, display_name="山田商店", place="END")
    progress.setup_completed_at = SENT_AT
    progress.record_send(SENT_AT)
    progress.arrival_confirmed_at, progress.arrival_folder, progress.last_event = ARRIVED_AT, "junk", "arrival"
    progress.ecrea_confirmed_at, progress.last_event = ECREA_AT, "ecrea"
    return progress


# The line, in core.

def test_the_line_reads_the_same_in_both_languages_but_for_its_words() -> None:
    progress = Progress(email=ADDRESS, setup_completed_at=SENT_AT)
    progress.record_send(SENT_AT)
    line = status_line("S13", progress, practice=False, keyring=KeyringStatus.OK)
    assert line.text(Texts("ja")) == "S13 · 本番 · 保存済み · 送信OK"
    assert line.text(Texts("en")) == "S13 · real · saved · sent OK"


@pytest.mark.parametrize(
    ("keyring", "practice", "entered", "state"),
    [
        (None, False, False, PasswordState.UNCHECKED),
        (KeyringStatus.OK, False, False, PasswordState.SAVED),
        (KeyringStatus.NOT_FOUND, False, False, PasswordState.NOT_SAVED),
        (KeyringStatus.NOT_FOUND, False, True, PasswordState.ENTERED),
        (KeyringStatus.LOCKED, False, True, PasswordState.STORE_PROBLEM),
        (KeyringStatus.TIMED_OUT, False, False, PasswordState.STORE_PROBLEM),
        (None, True, False, PasswordState.NOT_SAVED),
        (None, True, True, PasswordState.ENTERED),
    ],
)
def test_the_password_part_says_what_the_store_answered(keyring, practice, entered, state) -> None:
    assert PasswordState.of(keyring, practice=practice, entered=entered) is state


def test_the_result_is_the_last_thing_that_happened() -> None:
    progress = Progress(email=ADDRESS)
    session = Session(progress)
    assert status_line("", progress, practice=True, keyring=None).result is LastResult.NOT_SENT
    assert status_line("", Progress(), practice=False, keyring=None).password is PasswordState.NOT_SAVED  # no address
    session.record_failure("bad_credentials")
    line = status_line("TS", progress, practice=False, keyring=None)
    assert (line.result, line.problem) == (LastResult.FAILED, "bad_credentials")
    assert line.text(Texts("ja")) == "TS · 本番 · 保存未確認 · 送信NG bad_credentials"
    progress.record_send(SENT_AT)
    assert status_line("TS", progress, practice=False, keyring=None).result is LastResult.SENT
    progress.arrival_confirmed_at, progress.arrival_folder, progress.last_event = ARRIVED_AT, "inbox", "arrival"
    assert status_line("AR", progress, practice=False, keyring=None).result is LastResult.INBOX
    progress.arrival_folder = "junk"
    assert status_line("AR", progress, practice=False, keyring=None).text(Texts("en")).endswith("in Spam")
    progress.ecrea_confirmed_at, progress.last_event = ECREA_AT, "ecrea"
    assert status_line("EC", progress, practice=False, keyring=None).text(Texts("ja")).endswith("Ecrea確認済み")
    # A failure after all that is what the user sees now.
    progress.record_send(SENT_AT, "connect_timeout")
    assert status_line("TS", progress, practice=False, keyring=None).problem == "connect_timeout"


def test_a_file_saved_before_the_last_event_was_kept_reads_as_far_as_it_got() -> None:
    assert status_line("", Progress(setup_completed_at=SENT_AT), practice=False, keyring=None).result is LastResult.SENT
    older = Progress(setup_completed_at=SENT_AT, arrival_confirmed_at=ARRIVED_AT, arrival_folder="inbox")
    assert status_line("", older, practice=False, keyring=None).result is LastResult.INBOX


def test_every_place_has_a_code_and_every_code_its_place() -> None:
    places = [Welcome(), Account(step_ids()[0]), Send(), Arrival(), EcreaTest(), Ending(),
              *(AtStep(step_id) for step_id in step_ids())]
    codes = [place_code(place) for place in places]
    assert len(set(codes)) == len(codes)
    assert codes[6:] == [f"S{n}" for n in range(1, step_count() + 1)]
    assert set(codes[:6]) == {code.value for code in PlaceCode}
    for place, code in zip(places, codes, strict=True):
        assert place_for_code(code) == place
        assert place_for_code(f" {code.lower()} ") == place
    assert place_for_code("Ｓ１３") == AtStep(step_ids()[12])
    for not_a_code in ("S0", f"S{step_count() + 1}", "S013", "S", "13", "step 13", "XX", ""):
        assert place_for_code(not_a_code) is None


def test_progress_keeps_the_last_send_and_refuses_odd_values(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    store.save(completed_progress())
    assert store.load().progress == completed_progress()
    for field, value in [("last_send_problem", "bad credentials\x1b[2J"), ("last_event", "party"),
                         ("place", "S13\x1b]0;x\x07"), ("last_send_at", "yesterday")]:
        document = json.loads((tmp_path / "progress.json").read_text())
        document[field] = value
        (tmp_path / "odd.json").write_text(json.dumps(document))
        assert ProgressStore(tmp_path / "odd.json").load().unreadable, field


# The line on screen, live.

def title(app) -> str:
    """What the title bar of the screen on top shows; "" while that screen is still being built."""
    bars = app.screen.query(TitleBar)
    return str(bars.first().render()) if bars else ""


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_title_bar_follows_a_practice_run_live(tmp_path: Path, lang: str) -> None:
    words = {
        "ja": ("WL · 練習 · 未保存 · 未送信", "S13 · 練習 · 未保存 · 未送信", "S13 · 練習 · 入力済み・未保存 · 未送信",
               "TS · 練習 · 入力済み・未保存 · 送信OK", "AR · 練習 · 入力済み・未保存 · 受信トレイに到着"),
        "en": ("WL · practice · not saved · not sent", "S13 · practice · not saved · not sent",
               "S13 · practice · entered, not saved · not sent", "TS · practice · entered, not saved · sent OK",
               "AR · practice · entered, not saved · in Inbox"),
    }[lang]
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json", practice=True)
    app.session.progress.email, app.session.progress.display_name = ADDRESS, "山田商店"
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: title(app).startswith(" " + words[0]))
        app.go(AtStep("copy-app-password"))
        await wait_until(pilot, lambda: title(app).startswith(" " + words[1]))
        await wait_until(pilot, lambda: app.screen.query("#app-password"))
        await paste(pilot, "#app-password", PRACTICE_PASSWORD)
        await wait_until(pilot, lambda: title(app).startswith(" " + words[2]))
        app.go(Send())
        await wait_until(pilot, lambda: title(app).startswith(" TS "))
        await pilot.click("#start")
        await wait_until(pilot, lambda: title(app).startswith(" " + words[3]))
        await pilot.press("enter")
        await wait_until(pilot, lambda: title(app).startswith(" AR "))
        await pilot.click("#look")
        await wait_until(pilot, lambda: title(app).startswith(" " + words[4]))
        assert app.status is not None and app.status.text(app.texts) == words[4]
    # What `status` will print: the place and the result were saved.
    saved = json.loads((tmp_path / "progress.json").read_text())
    assert (saved["place"], saved["last_event"], saved["arrival_folder"]) == ("AR", "arrival", "inbox")


async def test_a_title_bar_out_of_sight_is_not_redrawn_on_next_and_is_right_when_shown_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The welcome screen stays under the steps: redrawing its bar on each Next redrew the step screen too.
    app = make_app(lang="ja", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep(step_ids()[0]))
        await wait_until(pilot, lambda: title(app).startswith(" S1 "))
        welcome_bar = app.screen_stack[0].query_one(TitleBar)
        redrawn: list[TitleBar] = []
        original = TitleBar.refresh

        def counting(self, *args, **kwargs):
            redrawn.append(self)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(TitleBar, "refresh", counting)
        for number in (2, 3):
            await pilot.press("right")
            await wait_until(pilot, lambda number=number: visible_text(app).startswith(f" S{number} "))
        assert app.screen.query_one(TitleBar) in redrawn and welcome_bar not in redrawn
        app.go(Welcome())
        await wait_until(pilot, lambda: visible_text(app).startswith(" WL "))
        assert visible_text(app).splitlines()[0] == title(app)


async def test_pasting_a_real_password_shows_it_saved_and_a_failed_send_its_diagnosis(wizard, memory_keyring) -> None:
    app = wizard("en")
    app.session.progress.email = ADDRESS
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep("copy-app-password"))
        await wait_until(pilot, lambda: title(app).startswith(" S13 · real · not saved · not sent"))
        await paste(pilot, "#app-password", "abcd efgh ijkl mnop")
        await wait_until(pilot, lambda: title(app).startswith(" S13 · real · saved · not sent"))
        assert memory_keyring.store[(KEYRING_SERVICE, ADDRESS)] == "abcdefghijklmnop"
        assert "abcd" not in title(app)
        app.session.progress.place = "TS"
        app.record_failure("bad_credentials")
        await wait_until(pilot, lambda: "failed bad_credentials" in title(app))


async def test_the_line_fits_an_80_column_window_with_the_longest_result(wizard) -> None:
    app = wizard("ja", practice=True)
    app.session.progress.record_send(SENT_AT, "too_many_attempts")
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: "送信NG too_many_attempts" in title(app))
        assert title(app).startswith(" WL · 練習 · 未保存 · 送信NG too_many_attempts")
        assert title(app).rstrip().endswith(f"v{__version__}")


@pytest.mark.parametrize(("lang", "practice", "banner"), [("ja", False, "デバッグ記録中"), ("en", True, "DEBUG LOG ON")])
async def test_a_banner_keeps_its_word_beside_a_long_line(tmp_path: Path, lang: str, practice: bool, banner: str) -> None:
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json", practice=practice, debug_log=True)
    app.session.progress.email = ADDRESS
    app.session.progress.record_send(SENT_AT, "too_many_attempts")
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: "too_many_attempts" in title(app))
        assert banner in title(app)


# The palette.

@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_a_place_code_in_the_palette_goes_there(wizard, lang: str) -> None:
    app = wizard(lang)
    async with app.run_test(size=SMALL) as pilot:
        # The code arrives whole, as pasted: what it finds is the point, not a search per letter.
        assert len(await palette_results(pilot, "S13")) == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen) and app.screen.step.id == "copy-app-password")
        assert_on_step(app, number_of("copy-app-password"), lang)
        await wait_until(pilot, lambda: title(app).startswith(" S13 "))
        assert len(await palette_results(pilot, "ts")) == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: title(app).startswith(" TS "))


# The command.

def status(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "status", *args])
    out, err = capsys.readouterr()
    return code, out, err


def save(progress: Progress, *, practice: bool = False) -> None:
    ProgressStore(progress_path(practice=practice)).save(progress)


def test_status_on_a_fresh_start(capsys) -> None:
    code, out, _ = status(capsys)
    assert code == 0
    assert out.splitlines()[0] == "WL · real · not saved · not sent"
    assert "Gmail address: (none)" in out and "Steps done: 0 of 14\n" in out and "Test send: not sent yet" in out
    code, out, _ = status(capsys, "--json")
    document = json.loads(out)
    assert document["line"] == "WL · real · not saved · not sent"
    assert document["steps_done"] == [] and document["last_send"] is None and document["email"] is None


def test_status_half_done_asks_the_password_store_and_never_prints_the_password(capsys, memory_keyring) -> None:
    save(Progress(step="turn-on", furthest="turn-on", completed=list(step_ids()[:8]), lang="ja", email=ADDRESS,
                  display_name="山田商店", place="S9"))
    code, out, _ = status(capsys)
    assert code == 0
    assert out.splitlines()[0] == "S9 · real · not saved · not sent"
    assert "Steps done: 8 of 14 (1, 2, 3, 4, 5, 6, 7, 8)" in out and f"Gmail address: {ADDRESS}" in out
    assert "Display name: 山田商店" in out and "Language: 日本語" in out
    memory_keyring.set_password(KEYRING_SERVICE, ADDRESS, "abcdefghijklmnop")
    code, out, _ = status(capsys, "--json")
    document = json.loads(out)
    assert (document["password"], document["keyring"], document["step"]) == ("saved", "ok", 9)
    assert document["line"] == "S9 · real · saved · not sent"
    assert "abcdefghijklmnop" not in out and "abcd" not in out
    code, out, _ = status(capsys)
    assert "App password store: saved" in out and "abcd" not in out


def test_status_after_a_failed_send_names_its_diagnosis(capsys) -> None:
    progress = Progress(email=ADDRESS, place="TS")
    progress.record_send(SENT_AT, "bad_credentials")
    save(progress)
    code, out, _ = status(capsys)
    assert code == 0
    assert out.splitlines()[0] == "TS · real · not saved · failed bad_credentials"
    assert "failed — The address or app password was not accepted (bad_credentials)" in out
    document = json.loads(status(capsys, "--json")[1])
    assert document["last_send"] == {"at": SENT_AT, "ok": False, "problem": "bad_credentials"}
    assert (document["result"], document["problem"]) == ("failed", "bad_credentials")


def test_status_of_practice_mode_reads_the_practice_file(capsys) -> None:
    progress = Progress(email=ADDRESS, place="TS", setup_completed_at=SENT_AT)
    progress.record_send(SENT_AT)
    save(progress, practice=True)
    code, out, _ = status(capsys, "--practice")
    assert code == 0 and out.splitlines()[0] == "TS · practice · not saved · sent OK"
    assert "Mode: practice" in out
    assert status(capsys)[1].splitlines()[0] == "WL · real · not saved · not sent"  # the real file is apart
    document = json.loads(status(capsys, "--practice", "--json")[1])
    assert document["practice"] is True and document["keyring"] is None


def test_status_of_a_completed_setup_in_japanese(capsys, memory_keyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, ADDRESS, "abcdefghijklmnop")
    save(completed_progress())
    code = main(["status", "--lang", "ja"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == "END · 本番 · 保存済み · Ecrea確認済み"
    assert "完了したステップ: 14 中 14" in out and "最後のテスト送信:" in out and "成功" in out
    assert "迷惑メールで確認" in out and "「送信済みメール」で確認" in out
    document = json.loads(status(capsys, "--json")[1])
    assert document["arrival"] == {"at": ARRIVED_AT, "folder": "spam"}
    assert document["ecrea"] == {"at": ECREA_AT}
    assert document["steps_done"] == list(range(1, 15)) and document["result"] == "ecrea"


def test_status_after_start_over_keeps_the_record_and_says_whose_it_is(capsys) -> None:
    progress = completed_progress()
    progress.start_over()
    save(progress)
    code, out, _ = status(capsys)
    assert code == 0
    assert out.splitlines()[0].endswith(" · not sent")  # this run has sent nothing yet
    assert "record of the success before “Start over”" in out and "Spam" in out
    document = json.loads(status(capsys, "--json")[1])
    assert document["started_over"] is True and document["result"] == "not_sent"
    assert document["setup_completed_at"] and document["arrival"] == {"at": ARRIVED_AT, "folder": "spam"}
    progress.record_send(SENT_AT, "bad_credentials")  # a send since: the note would claim it for the old record
    save(progress)
    code, out, _ = status(capsys)
    assert "failed" in out and "before “Start over”" not in out


@pytest.mark.parametrize("damage", [b"{not json", b'{"version": 2, "email": "a b@gmail.com"}', b"\xff\xfe"])
def test_status_of_a_damaged_file_says_so_and_exits_2(capsys, damage: bytes) -> None:
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(damage)
    code, out, err = status(capsys)
    assert code == 2 and out == ""
    assert "Cannot read the progress file" in err and str(path) in err and "Traceback" not in err
    code, out, err = status(capsys, "--json")
    document = json.loads(out)
    assert code == 2 and document["ok"] is False and document["error"] == "unreadable_progress"
    assert path.read_bytes() == damage  # left for support to look at


def test_confirmations_move_the_result_in_the_session() -> None:
    from wizard.mail.confirm import ConfirmResult, Outcome

    session = Session(Progress(email=ADDRESS))
    session.record_confirmation(ConfirmKind.ECREA, ConfirmResult(Outcome.SEEN))
    assert session.progress.last_event == "ecrea"
    assert status_line("", session.progress, practice=False, keyring=None).result is LastResult.ECREA
