"""The step data: what the guide and the facts file say, read by id from one ordered list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wizard.core.labels import describe_label
from wizard.core.step_content import Panel, get_step, load_steps, read_steps
from wizard.core.step_order import StepContentError, number_of, step_count, step_ids, steps_folder
from wizard.core.texts import Texts
from wizard.ui.places import AtStep


def by_id(step_id: str):
    return get_step(number_of(step_id))


def test_pages_to_open() -> None:
    urls = {step.id: step.url for step in load_steps() if step.url}
    assert urls == {
        "manage-account": "https://myaccount.google.com/",
        "open-security": "https://myaccount.google.com/security",
        "two-step-verification": "https://myaccount.google.com/signinoptions/two-step-verification",
        "app-passwords": "https://myaccount.google.com/apppasswords",
    }


def test_ids_and_numbers() -> None:
    steps = load_steps()
    assert [step.id for step in steps] == list(step_ids()) and (steps[0].id, steps[-1].id) == ("manage-account", "paste-into-ecrea")
    assert [step.number for step in steps] == [number_of(step.id) for step in steps] == list(range(1, step_count() + 1))
    assert by_id("copy-app-password").panel is Panel.APP_PASSWORD and by_id("paste-into-ecrea").panel is Panel.ECREA_SETTINGS


def test_google_labels_show_new_and_guide_names() -> None:
    ja, en = Texts("ja"), Texts("en")
    step1 = by_id("manage-account").press[0]
    assert describe_label(step1, ja) == "「Google アカウントを管理」（「Google アカウントの管理」と表示される場合もあります）"
    assert describe_label(step1, en) == '"Manage your Google Account"'
    assert describe_label(by_id("app-passwords").press[0], ja) == "「アプリ パスワード」"
    assert describe_label(by_id("create-app-password").press[1], en) == '"Create"'
    assert "有効にする" in describe_label(by_id("turn-on").press[0], ja)


def test_special_steps() -> None:
    assert by_id("enter-code").example == "G-123456"
    assert by_id("create-app-password").copy == {"ja": "Ecrea用", "en": "Ecrea"}
    assert "一度しか" in by_id("copy-app-password").text["ja"].warning
    assert "only once" in by_id("copy-app-password").text["en"].warning


def test_google_only_warnings_on_password_phone_and_code_steps() -> None:
    assert "パスワード" in by_id("confirm-password").text["ja"].warning
    assert "電話番号" in by_id("phone-number").text["ja"].warning
    assert "G-XXXXXX" in by_id("enter-code").text["ja"].warning
    for step in map(by_id, ("confirm-password", "phone-number", "enter-code")):
        assert "Google の画面にだけ" in step.text["ja"].warning
        assert "on Google's page only" in step.text["en"].warning
        assert step.text["ja"].wizard_note and step.text["en"].wizard_note


def copy_of_the_steps(tmp_path: Path) -> Path:
    folder = tmp_path / "steps"
    shutil.copytree(steps_folder(), folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder


def test_adding_a_step_is_one_file_and_one_line(tmp_path: Path) -> None:
    # Before: the numbers as steps/order.toml has them; the new step goes after scroll-down.
    new_number, total, app_passwords = number_of("scroll-down") + 1, step_count() + 1, number_of("app-passwords") + 1
    folder = copy_of_the_steps(tmp_path)
    (folder / "check-recovery.toml").write_text(
        '[ja]\nshort = "確認"\ntitle = "再設定用の連絡先を確認"\ninstructions = "ステップ {step:app-passwords} の前に確認します。"\nhelp = "・なし"\n'
        '[en]\nshort = "Check"\ntitle = "Check the recovery contacts"\ninstructions = "Check before step {step:app-passwords}."\nhelp = "- none"\n',
        encoding="utf-8",
    )
    order = (folder / "order.toml").read_text(encoding="utf-8")
    (folder / "order.toml").write_text(order.replace('"scroll-down",\n', '"scroll-down",\n    "check-recovery",\n'), encoding="utf-8")
    steps = read_steps(folder)
    assert len(steps) == total
    assert [step.id for step in steps][new_number - 1 : new_number + 1] == ["check-recovery", "app-passwords"]
    assert steps[new_number].number == app_passwords and steps[new_number].url.endswith("apppasswords")


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

    # Before: the numbers as steps/order.toml has them; the new step goes after scroll-down.
    new_number, total, app_passwords = number_of("scroll-down") + 1, step_count() + 1, number_of("app-passwords") + 1
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
            app.go(AtStep(step_ids()[new_number - 2]))
            await pilot.pause()
            await pilot.press("right")
            await pilot.pause()
            assert shown(app, "#step-number") == f"Step {new_number} of {total}"
            assert shown(app, "#step-title") == "Check the recovery contacts"
            assert shown(app, "#step-instructions") == f"Next comes step {app_passwords}."
            await pilot.press("right")
            await pilot.pause()
            assert shown(app, "#step-title") == 'Open "App passwords"'
            # Texts that name a step follow it: the already-on shortcut now leads one step further.
            assert app.texts("welcome.already_on").endswith(f"(go to step {app_passwords})")
    finally:
        step_content.load_steps.cache_clear()
        step_order.step_ids.cache_clear()
