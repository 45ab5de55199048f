"""No screen can restyle another, and a widget's look travels with it.

Textual reads every screen's CSS_PATH into one app-wide stylesheet, unscoped: a rule for
`#result` in one screen's file reaches every `#result` once that screen has been shown.
So each `ui/screens/<name>.tcss` is one block nested under the screen type defined in
`<name>.py`, and each widget's DEFAULT_CSS starts every rule at its own class (as
frogmouth's dialogs do). The send → arrival → send walk in test_send_screen checks the
result on screen.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from helpers import WIDE, settle, wait_until
from smtp_fixtures import PASSWORD
from textual.screen import Screen
from textual.widget import Widget

import wizard.ui
from wizard.core.step_content import Panel, step_with_panel
from wizard.ui.app import make_app
from wizard.ui.places import AtStep
from wizard.ui.widgets.ecrea_settings_panel import LABEL_WIDTH, EcreaSettingsPanel

SCREENS = Path(wizard.ui.__file__).parent / "screens"


def top_level_selectors(css: str) -> list[str]:
    """The selectors of the outermost rules, one per comma-separated part."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors, depth, start = [], 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selectors += [part.strip() for part in css[start:index].split(",")]
            depth += 1
        elif char == "}":
            depth -= 1
            start = index + 1
    return selectors


def ui_classes(base: type) -> list[type]:
    found = {}
    for module_info in pkgutil.walk_packages(wizard.ui.__path__, "wizard.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                found[cls.__qualname__] = cls
    return list(found.values())


@pytest.mark.parametrize("path", sorted(SCREENS.glob("*.tcss")), ids=lambda path: path.name)
def test_a_screen_stylesheet_is_nested_under_its_screen(path: Path) -> None:
    module = importlib.import_module(f"wizard.ui.screens.{path.stem}")
    screens = {name for name, cls in vars(module).items()
               if isinstance(cls, type) and issubclass(cls, Screen) and cls.__module__ == module.__name__}
    (selector,) = top_level_selectors(path.read_text(encoding="utf-8"))
    assert selector in screens, f"{path.name}: rules must be nested under one of {sorted(screens)}, not {selector!r}"


@pytest.mark.parametrize("widget", [cls for cls in ui_classes(Widget) if "DEFAULT_CSS" in vars(cls)],
                         ids=lambda cls: cls.__name__)
def test_a_widget_default_css_styles_only_itself(widget: type[Widget]) -> None:
    for selector in top_level_selectors(widget.DEFAULT_CSS):
        assert re.match(rf"{widget.__name__}\b", selector), f"{widget.__name__}: {selector!r} does not start at the widget"


@pytest.mark.parametrize("lang", sorted(LABEL_WIDTH))
async def test_the_settings_labels_are_as_wide_as_fit_reckons(tmp_path: Path, lang: str) -> None:
    """`fit` decides stacking from LABEL_WIDTH; side by side, the labels on screen are that wide."""
    app = make_app(lang=lang, progress_file=tmp_path / "progress.json")
    app.session.progress.email, app.session.progress.display_name = "taro.yamada@gmail.com", "山田商店"
    app.session.set_password(PASSWORD)
    async with app.run_test(size=WIDE) as pilot:
        app.go(AtStep(step_with_panel(Panel.ECREA_SETTINGS).id))
        await settle(pilot)
        panel = app.screen.query_one(EcreaSettingsPanel)
        await wait_until(pilot, lambda: panel.region.width > 0)
        assert not panel.has_class("-stacked")
        widths = {label.outer_size.width for label in panel.query(".settings-name")}
        assert widths == {LABEL_WIDTH[lang]}
