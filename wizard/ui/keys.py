"""Key bindings whose descriptions follow the user's language, switched live.

Textual reads BINDINGS once per class. Each key therefore gets one binding per
language, the language passed as the action's last parameter (`back('lang:ja')`);
`check_action` hides the ones not in the current language, so the Footer shows and
runs the right one. Textual passes an action method only the parameters it takes,
so the marker costs the action methods nothing.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from wizard.core.language import LANGUAGES
from wizard.core.texts import Texts

_MARKER = "lang:"


def _with_language(action: str, lang: str) -> str:
    marker = f"'{_MARKER}{lang}'"
    if action.endswith("()"):
        return f"{action[:-2]}({marker})"
    if action.endswith(")"):
        return f"{action[:-1]}, {marker})"
    return f"{action}({marker})"


def localized(
    key: str,
    action: str,
    text_key: str,
    *,
    show: bool = True,
    priority: bool = False,
    key_display: str | None = None,
    system: bool = False,
) -> list[BindingType]:
    """The binding for `key`, once per language, described by `text_key`."""
    return [
        Binding(
            key,
            _with_language(action, lang),
            Texts(lang)(text_key),
            show=show,
            priority=priority,
            key_display=key_display,
            system=system,
        )
        for lang in LANGUAGES
    ]


def in_language(parameters: tuple[object, ...], lang: str) -> bool:
    """False for a binding made for another language; True for any other action."""
    marker = parameters[-1] if parameters else None
    if isinstance(marker, str) and marker.startswith(_MARKER):
        return marker == _MARKER + lang
    return True
