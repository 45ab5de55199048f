"""What every part of the wizard that lives in its app shares: the app, typed, and keys in the user's language.

Mixed in before the Textual class (`class StageRows(WizardWidget, Vertical)`), so that
its `check_action` is the one Textual asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from wizard.ui.keys import in_language

if TYPE_CHECKING:
    from textual.app import App

    from wizard.ui.app import WizardApp


class _InApp(Protocol):
    @property
    def app(self) -> App[object]: ...


class WizardWidget:
    @property
    def wizard(self: _InApp) -> WizardApp:
        """The app, typed: its session, texts, servers and navigation."""
        return cast("WizardApp", self.app)

    def check_action(self: _InApp, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Bindings made with `localized` run only in the language on screen.
        return in_language(parameters, cast("WizardApp", self.app).lang)
