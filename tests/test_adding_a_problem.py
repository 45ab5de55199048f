"""Adding a way to fail is one enum member plus its words: shown on a copy of the package.

The copy gets one new `Problem` (a test send's failure) and one new `MailboxProblem` (a
mailbox that cannot be looked at), each a single line, and their titles and actions in
both languages. Nothing else changes, and the new members are then explained, in both
languages, by the same code the screens and the commands use.

The copy runs in a new process: this one has the installed package imported.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import wizard
from wizard.core.step_order import steps_folder

PACKAGE = Path(wizard.__file__).resolve().parent

WORDS = {
    "ja": ("このネットワークからは送れません", "社内の IT 担当者に相談してください。"),
    "en": ("This network cannot send mail", "Ask your IT department."),
}

CHECK = """
import sys
from wizard.core.language import LANGUAGES
from wizard.core.texts import Texts
from wizard.mail.diagnosis import Problem, Stage, diagnose_problem, explain_reply
from wizard.mail.confirm import ConfirmResult, Outcome
from wizard.mail.mailbox import MailboxProblem

assert sys.modules["wizard"].__file__.startswith(sys.argv[1]), "the copy, not the checkout"
diagnosis = diagnose_problem(Problem.BLOCKED_NETWORK, Stage.CONNECT, "detail")
assert diagnosis.key == "blocked_network" and diagnosis.exit_code == 3 and diagnosis.offers == ()
unavailable = ConfirmResult(Outcome.UNAVAILABLE, problem=MailboxProblem.BLOCKED_NETWORK)
for lang in LANGUAGES:
    texts = Texts(lang)
    for member in (Problem.BLOCKED_NETWORK, MailboxProblem.BLOCKED_NETWORK):
        print(lang, texts(member.title_key), texts(member.action_key))
    print(lang, explain_reply(diagnosis, texts))
    print(lang, texts(unavailable.problem.title_key))
"""


def add_member(path: Path, after: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1, after
    path.write_text(text.replace(after, after + line, 1), encoding="utf-8")


def test_a_new_problem_is_one_member_and_its_words(tmp_path: Path) -> None:
    copy = tmp_path / "wizard"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if not steps_folder().is_relative_to(PACKAGE):
        # A checkout: the steps live beside the package (installed, they are wizard/steps, copied above).
        shutil.copytree(steps_folder(), tmp_path / "steps", ignore=shutil.ignore_patterns("__pycache__"))
    add_member(copy / "mail" / "diagnosis.py", '    UNEXPECTED = "unexpected"\n', '    BLOCKED_NETWORK = "blocked_network"\n')
    add_member(copy / "mail" / "mailbox.py", '    UNEXPECTED = "unexpected"\n', '    BLOCKED_NETWORK = "blocked_network"\n')
    for lang, (title, action) in WORDS.items():
        with (copy / "core" / "texts" / f"{lang}.toml").open("a", encoding="utf-8") as texts:
            for table in ("diagnosis", "confirm.problem"):
                texts.write(f'\n[{table}.blocked_network]\ntitle = "{title}"\naction = "{action}"\n')
    result = subprocess.run([sys.executable, "-c", CHECK, str(copy)], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    for lang, (title, action) in WORDS.items():
        assert f"{lang} {title} {action}" in result.stdout
    assert "en Details: detail" in result.stdout and "ja 詳細: detail" in result.stdout
