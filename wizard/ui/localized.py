"""Screens whose key bindings are described in the user's language.

Textual reads BINDINGS once, when a class is created, so each language gets its own
subclass of a screen, made on first use and cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import ClassVar, Self

from textual.binding import Binding
from textual.screen import Screen

from wizard.core.texts import Texts


@dataclass(frozen=True)
class Key:
    key: str
    action: str
    text_key: str
    show: bool = True
    priority: bool = False
    key_display: str | None = None


# On every screen; these shadow Textual's English descriptions of the same keys.
COMMON_KEYS = (
    Key("ctrl+q", "app.quit", "key.quit", priority=True),
    Key("ctrl+p", "app.command_palette", "key.palette", show=False, priority=True),
)


class LocalizedScreen(Screen):
    KEYS: ClassVar[tuple[Key, ...]] = ()
    COMMON_KEY_TEXTS: ClassVar[dict[str, str]] = {}
    """Replaces the text of a common key, e.g. with one in both languages."""
    texts: ClassVar[Texts]

    @classmethod
    @cache
    def localized(cls, lang: str) -> type[Self]:
        texts = Texts(lang)
        bindings = [
            Binding(
                key.key,
                key.action,
                texts(cls.COMMON_KEY_TEXTS.get(key.text_key, key.text_key)),
                show=key.show,
                priority=key.priority,
                key_display=key.key_display,
            )
            for key in (*cls.KEYS, *COMMON_KEYS)
        ]
        attributes = {"BINDINGS": bindings, "texts": texts, "__module__": cls.__module__}
        return type(cls.__name__, (cls,), attributes)
