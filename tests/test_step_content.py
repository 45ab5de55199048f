"""The step data: what the guide and the facts file say, read by id from one ordered list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wizard.core.labels import describe_label
from wizard.core.step_content import get_step, load_steps, read_steps
from wizard.core.step_order import StepContentError, number_of, steps_folder
from wizard.core.texts import Texts


def test_pages_to_open() -> None:
    urls = {step.number: step.url for step in load_steps() if step.url}
    assert urls == {
        1: "https://myaccount.google.com/",
        2: "https://myaccount.google.com/security",
        4: "https://myaccount.google.com/signinoptions/two-step-verification",
        11: "https://myaccount.google.com/apppasswords",
    }


def test_ids_and_numbers() -> None:
    assert [step.id for step in load_steps()][::13] == ["manage-account", "paste-into-ecrea"]
    assert number_of("app-passwords") == 11
    assert get_step(13).panel == "app-password" and get_step(14).panel == "ecrea-settings"


def test_google_labels_show_new_and_guide_names() -> None:
    ja, en = Texts("ja"), Texts("en")
    step1 = get_step(1).press[0]
    assert describe_label(step1, ja) == "「Google アカウントを管理」（「Google アカウントの管理」と表示される場合もあります）"
    assert describe_label(step1, en) == '"Manage your Google Account"'
    assert describe_label(get_step(11).press[0], ja) == "「アプリ パスワード」"
    assert describe_label(get_step(12).press[1], en) == '"Create"'
    assert "有効にする" in describe_label(get_step(9).press[0], ja)


def test_special_steps() -> None:
    assert get_step(8).example == "G-123456"
    assert get_step(12).copy == {"ja": "Ecrea用", "en": "Ecrea"}
    assert "一度しか" in get_step(13).text["ja"].warning
    assert "only once" in get_step(13).text["en"].warning


def test_google_only_warnings_on_password_phone_and_code_steps() -> None:
    assert "パスワード" in get_step(6).text["ja"].warning
    assert "電話番号" in get_step(7).text["ja"].warning
    assert "G-XXXXXX" in get_step(8).text["ja"].warning
    for number in (6, 7, 8):
        assert "Google の画面にだけ" in get_step(number).text["ja"].warning
        assert "on Google's page only" in get_step(number).text["en"].warning
        assert get_step(number).text["ja"].wizard_note and get_step(number).text["en"].wizard_note


def copy_of_the_steps(tmp_path: Path) -> Path:
    folder = tmp_path / "steps"
    shutil.copytree(steps_folder(), folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder


def test_adding_a_step_is_one_file_and_one_line(tmp_path: Path) -> None:
    folder = copy_of_the_steps(tmp_path)
    (folder / "check-recovery.toml").write_text(
        '[ja]\nshort = "確認"\ntitle = "再設定用の連絡先を確認"\ninstructions = "ステップ {step:app-passwords} の前に確認します。"\nhelp = "・なし"\n'
        '[en]\nshort = "Check"\ntitle = "Check the recovery contacts"\ninstructions = "Check before step {step:app-passwords}."\nhelp = "- none"\n',
        encoding="utf-8",
    )
    order = (folder / "order.toml").read_text(encoding="utf-8")
    (folder / "order.toml").write_text(order.replace('"scroll-down",\n', '"scroll-down",\n    "check-recovery",\n'), encoding="utf-8")
    steps = read_steps(folder)
    assert len(steps) == 15
    assert [step.id for step in steps][10:12] == ["check-recovery", "app-passwords"]
    assert steps[11].number == 12 and steps[11].url.endswith("apppasswords")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda folder: (folder / "order.toml").write_text('steps = ["manage-account", "manage-account"]'), "listed twice"),
        (lambda folder: (folder / "order.toml").write_text('steps = ["no-such-step"]'), "no-such-step.toml"),
        (lambda folder: (folder / "turn-on.toml").write_text((folder / "turn-on.toml").read_text().replace('to = "scroll-down"', 'to = "gone"')), "unknown steps"),
        (lambda folder: (folder / "scroll-down.toml").write_text((folder / "scroll-down.toml").read_text().replace("[en]", "[fr]")), "no [en] table"),
    ],
)
def test_broken_step_data_is_refused_with_the_file_named(tmp_path: Path, edit, message: str) -> None:
    folder = copy_of_the_steps(tmp_path)
    edit(folder)
    with pytest.raises(StepContentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_steps(folder)


async def test_a_new_step_is_walked_like_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The proof that adding a step is data: a sixteenth file and a line in the order, then the wizard walks it."""
    from helpers import LARGE, shown

    from wizard.core import step_content, step_order
    from wizard.ui.app import make_app

    folder = copy_of_the_steps(tmp_path)
    (folder / "check-recovery.toml").write_text(
        '[ja]\nshort = "再設定の確認"\ntitle = "再設定用の連絡先を確認"\ninstructions = "次はステップ {step:app-passwords} です。"\nhelp = "・なし"\n'
        '[en]\nshort = "Recovery"\ntitle = "Check the recovery contacts"\ninstructions = "Next comes step {step:app-passwords}."\nhelp = "- none"\n',
        encoding="utf-8",
    )
    order = (folder / "order.toml").read_text(encoding="utf-8")
    (folder / "order.toml").write_text(order.replace('"scroll-down",\n', '"scroll-down",\n    "check-recovery",\n'), encoding="utf-8")
    monkeypatch.setattr(step_order, "steps_folder", lambda: folder)
    monkeypatch.setattr(step_content, "steps_folder", lambda: folder)
    step_content.load_steps.cache_clear()
    step_order.step_ids.cache_clear()
    try:
        app = make_app(lang="en", progress_file=tmp_path / "progress.json")
        async with app.run_test(size=LARGE) as pilot:
            app.show_step(10)
            await pilot.pause()
            await pilot.press("right")
            await pilot.pause()
            assert shown(app, "#step-number") == "Step 11 of 15"
            assert shown(app, "#step-title") == "Check the recovery contacts"
            assert shown(app, "#step-instructions") == "Next comes step 12."
            await pilot.press("right")
            await pilot.pause()
            assert shown(app, "#step-title") == 'Open "App passwords"'
            # Texts that name a step follow it: the already-on shortcut now leads to step 12.
            assert app.texts("welcome.already_on").endswith("(go to step 12)")
    finally:
        step_content.load_steps.cache_clear()
        step_order.step_ids.cache_clear()
