"""A third language is data plus one line of code: shown on a copy of the package.

The copy gets a French text file and a [fr] table in every step (here: the English
text marked, standing in for a translation), and one changed line: the list of
languages. The command line then speaks it, offers it and explains the steps in it.
"""

from __future__ import annotations

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


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(folder), "HOME": str(folder), "XDG_STATE_HOME": str(folder / "state")}
    code = "import sys; from wizard.cli.main import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, env=env, cwd=folder)


def test_a_third_language_needs_data_and_one_line(tmp_path: Path) -> None:
    folder = french_copy(tmp_path)
    guide = run(folder, "guide", "--lang", "fr")
    assert guide.returncode == 0, guide.stderr
    assert f"## {MARK}Step 1 of {step_count()}: {MARK}Open \"Manage your Google Account\"" in guide.stdout
    assert f"{MARK}Suggested app name" in guide.stdout
    settings = run(folder, "settings", "--lang", "fr")
    assert settings.returncode == 0 and f"{MARK}What to enter" in settings.stdout
    refused = run(folder, "--lang", "xx")
    assert "'fr'" in refused.stderr  # offered among the choices

