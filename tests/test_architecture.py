"""The boundary the folders show: core decides, mail talks to servers, ui presents, cli prints.

The rules are checked by walking the packages, so a new module is covered the day it
is added:
- nothing outside `wizard.ui` imports Textual (directly, or by importing it at run time);
- `wizard.core` imports nothing from `mail`, `ui` or `cli`;
- `wizard.mail` imports nothing from `ui` or `cli`;
- the first screen's path loads none of the slow libraries.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "wizard"


def modules(package: str) -> list[str]:
    folder = PACKAGE.joinpath(*package.split(".")[1:])
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def imported_names(module: str) -> set[str]:
    """Every module named by an import statement anywhere in the file, function bodies included."""
    parts = module.split(".")
    path = PACKAGE.parent.joinpath(*parts)
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    names = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module} imports {name}"
        for module in modules(package)
        for name in sorted(imported_names(module))
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("wizard.core", ("textual", "wizard.mail", "wizard.ui", "wizard.cli")),
        ("wizard.mail", ("textual", "wizard.ui", "wizard.cli")),
        ("wizard.cli", ("textual",)),
    ],
)
def test_package_boundaries(package: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(package, forbidden) == []


def test_nothing_outside_ui_loads_textual() -> None:
    """Importing every module outside wizard.ui leaves Textual unloaded."""
    outside = [m for m in modules("wizard") if not m.startswith("wizard.ui") and m != "wizard.__main__"]
    assert "wizard.core.progress" in outside and "wizard.cli.check" in outside
    code = (
        f"import sys\nfor name in {outside!r}: __import__(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_the_first_screen_does_not_load_slow_libraries(tmp_path: Path) -> None:
    # Nor what a first start has no use for yet (start-up time counts): hmac (hashlib, OpenSSL) compares
    # passwords, json reads and writes a saved progress, calendar names a success's month.
    unused = ('keyring', 'aiosmtplib', 'email_validator', 'aiosmtpd', 'trustme', 'hmac', 'json', 'calendar',
              'wizard.ui.file_delivery')
    code = (
        "import sys\nfrom pathlib import Path\nfrom wizard.ui.app import make_app\n"
        "import wizard.ui.screens.welcome_screen\n"
        f"make_app(lang='ja', progress_file=Path({str(tmp_path / 'progress.json')!r}))\n"
        f"print(sorted(m for m in {unused!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def run_time_imports(module: str, known: set[str]) -> set[str]:
    """The wizard modules `module` imports when it runs: function bodies included, `if TYPE_CHECKING:` blocks not."""
    parts = module.split(".")
    path = PACKAGE.parent.joinpath(*parts)
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for branch in child.orelse:
                    visit_statement(branch)
                continue
            visit_statement(child)

    def visit_statement(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)  # `from wizard.core import browser`
        visit(node)

    visit(ast.parse(source.read_text(encoding="utf-8")))
    return (found & known) - {module}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or round a loop (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycle_anywhere() -> None:
    """Screens reach the App through a typed accessor imported only for type checking; the CLI's
    shared pieces live in cli/common.py: nothing imports its way back to itself."""
    known = set(modules("wizard"))
    graph = {module: run_time_imports(module, known) for module in known}
    assert graph["wizard.cli.check"] and graph["wizard.ui.app"]  # the walk sees imports at all
    assert import_cycles(graph) == []
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
