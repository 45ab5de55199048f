"""The README's promises: the two commands, the pictures, the exit codes, the commands it names."""

from __future__ import annotations

import re
from pathlib import Path

from wizard.mail.confirm import EXIT_NOT_FOUND, EXIT_UNAVAILABLE
from wizard.mail.diagnosis import EXIT_BAD_INPUT, EXIT_CODES, EXIT_INTERRUPTED
from wizard.mail.explain_error import EXIT_UNRECOGNISED

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_the_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci.startswith("python3 -m venv .venv && ")
    assert shell_blocks().count(ci) == 2  # once in Japanese, once in English


def test_the_run_command_installs_and_starts_the_wizard() -> None:
    run = "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/ecrea-gmail-setup"
    assert shell_blocks().count(run) == 2
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'ecrea-gmail-setup = "wizard.cli.main:main"' in pyproject


def test_every_picture_and_link_exists() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_exit_codes_match_the_code() -> None:
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, re.M))
    assert sorted(int(code) for code in table) == sorted(
        {0, EXIT_BAD_INPUT, *EXIT_CODES.values(), EXIT_NOT_FOUND, EXIT_UNAVAILABLE, EXIT_UNRECOGNISED, EXIT_INTERRUPTED}
    )
    for code in (EXIT_BAD_INPUT, *EXIT_CODES.values(), EXIT_NOT_FOUND, EXIT_UNAVAILABLE, EXIT_UNRECOGNISED,
                 EXIT_INTERRUPTED):
        assert f"**{code}**" in README  # the English list names them too


def test_every_command_and_option_named_exists() -> None:
    from wizard.cli.main import build_parser
    from wizard.core.texts import Texts

    parser = build_parser(Texts("en"))
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    options = {flag for p in (parser, *subcommands.values()) for action in p._actions for flag in action.option_strings}
    assert set(re.findall(r"^\| `([a-z][a-z-]+) ", README, re.M)) == set(subcommands)
    named_options = set(re.findall(r"`[^`]*?(--[a-z][a-z-]+)", README)) | set(re.findall(r" (--[a-z][a-z-]+)", README))
    not_ours = {"--snapshot-update", "--runs", "--rounds"}  # pytest's and the benchmarks'
    assert named_options and named_options - not_ours <= options, named_options - not_ours - options


def getting_started(heading: str) -> str:
    start = README.index(heading)
    return README[start : README.index("\n### ", start + len(heading))]


def test_getting_python_comes_first_in_both_languages_and_names_what_the_commands_use() -> None:
    import tomllib

    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    minimum = requires.removeprefix(">=")
    for heading, run_heading in (("### はじめての方へ: Python を用意する", "### 起動する"), ("### First time: getting Python", "### Run it")):
        section = getting_started(heading)
        assert README.index(heading) < README.index(run_heading)
        assert f"Python {minimum}" in section
        # The version the section installs meets the minimum, and the checks use the commands the run commands use.
        installed = re.findall(r"Python\.Python\.(3\.\d+)", section)
        assert installed and all(tuple(map(int, v.split("."))) >= tuple(map(int, minimum.split("."))) for v in installed)
        assert "Add python.exe to PATH" in section and "https://www.python.org/downloads/" in section
        assert "`py --version`" in section and "`python3 --version`" in section
        for error in ("'py'", "Microsoft Store", "ensurepip", "Activate.ps1", "python3-venv"):
            assert error in section, (heading, error)
    run_commands = shell_blocks() + [block.strip() for block in re.findall(r"```powershell\n(.*?)```", README, re.S)]
    assert any(command.startswith("py -m venv") for command in run_commands)
    assert any(command.startswith("python3 -m venv") for command in run_commands)
    assert not any("Activate.ps1" in command or "activate" in command for command in run_commands)
