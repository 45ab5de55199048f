"""A third language is data plus one line of code: shown on a copy of the package.

The copy gets a French text file and a [fr] table in every step (here: the English
text marked, standing in for a translation), and one changed line: the list of
languages. The command line then speaks it, offers it and explains the steps in it.
The copy runs in a new process: this one has the installed package imported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import wizard
from wizard.core.step_order import step_count

PACKAGE = Path(wizard.__file__).resolve().parent
MARK = "[fr] "


def french_copy(folder: Path) -> Path:
    copy = folder / "wizard"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if not (copy / "steps").exists():  # an editable install keeps the steps beside the package
        shutil.copytree(PACKAGE.parent / "steps", copy / "steps", ignore=shutil.ignore_patterns("__pycache__"))
    texts = copy / "core" / "texts"
    english = (texts / "en.toml").read_text(encoding="utf-8")
    # Mark every English value, keeping keys and placeholders: the stand-in for a translation.
    french = re.sub(r'^(\w+ = )"""\n', rf'\1"""\n{MARK}', english, flags=re.M)
    french = re.sub(r'^(\w+ = )"(?!"")', rf'\1"{MARK}', french, flags=re.M)
    (texts / "fr.toml").write_text(french, encoding="utf-8")
    for step in (copy / "steps").glob("*.toml"):
        data = step.read_text(encoding="utf-8")
        if "\n[en]\n" in data:
            table = data.split("\n[en]\n", 1)[1]
            data += "\n[fr]\n" + re.sub(r'^(title = )"', rf'\1"{MARK}', table, flags=re.M)
        data = re.sub(r"^(en(?:_also)? = .*)$", lambda m: m.group(1) + "\n" + m.group(1).replace("en", "fr", 1), data, flags=re.M)
        step.write_text(data, encoding="utf-8")
    language = copy / "core" / "language.py"
    source = language.read_text(encoding="utf-8")
    assert source.count('LANGUAGES = ("ja", "en")') == 1
    language.write_text(source.replace('LANGUAGES = ("ja", "en")', 'LANGUAGES = ("ja", "en", "fr")'), encoding="utf-8")
    return folder


RUN_EACH = """
import io, json, sys
from contextlib import redirect_stderr, redirect_stdout
from wizard.cli.main import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


def run_each(folder: Path, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """The copy's commands, one after another in one new process: the copy must be what is imported."""
    env = {**os.environ, "PYTHONPATH": str(folder), "HOME": str(folder), "XDG_STATE_HOME": str(folder / "state")}
    process = subprocess.run([sys.executable, "-c", RUN_EACH, json.dumps(commands)], capture_output=True, text=True,
                             timeout=60, env=env, cwd=folder)
    assert process.returncode == 0, process.stderr
    return [subprocess.CompletedProcess(argv, *result) for argv, result in zip(commands, json.loads(process.stdout), strict=True)]


def test_a_third_language_needs_data_and_one_line(tmp_path: Path) -> None:
    folder = french_copy(tmp_path)
    guide, settings, refused = run_each(folder, ["guide", "--lang", "fr"], ["settings", "--lang", "fr"], ["--lang", "xx"])
    assert guide.returncode == 0, guide.stderr
    assert f"## {MARK}Step 1 of {step_count()}: {MARK}Open \"Manage your Google Account\"" in guide.stdout
    assert f"{MARK}Suggested app name" in guide.stdout
    assert settings.returncode == 0 and f"{MARK}What to enter" in settings.stdout
    assert "'fr'" in refused.stderr  # offered among the choices
