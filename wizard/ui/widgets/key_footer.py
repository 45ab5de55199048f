"""Textual's Footer, rebuilt only when the keys it shows have changed.

The stock Footer schedules a full recompose for every "bindings updated" signal. Showing a
screen sends four or five (focus set, the screen stack, refreshes queued for after the next
paint), and most change nothing: at start-up that was five rebuilds of the same three keys,
each mounting and restyling every key. Here one pending rebuild covers a burst of signals
(it reads the bindings when it runs), and a rebuild that would show what is already shown
is skipped.

Below 80 columns (a phone's browser) the keys drop their padding, so that all of a step's
keys still fit beside the palette's, which is docked at the right and would cover them.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

COMPACT_BELOW = 80


class KeyFooter(Footer):
    _rebuild_pending = False
    _shown: tuple | None = None

    def __init__(self) -> None:
        super().__init__()
        # The stock Footer waits for the first bindings signal, which comes after the first
        # paint: a screen would show an empty footer first. The screen's keys are known now.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        yield from super().compose()

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple:
        """What `compose` shows: the active bindings shown, whether each is enabled, and its tooltip."""
        bindings = tuple((key, binding, enabled, tooltip) for key, (_, binding, enabled, tooltip)
                         in self.screen.active_bindings.items() if binding.show)
        return (*bindings, self.show_command_palette, self.combine_groups)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
