"""Textual's Footer, changed only where the keys it shows have changed.

The stock Footer schedules a full recompose for every "bindings updated" signal. Showing a
screen sends four or five (focus set, the screen stack, refreshes queued for after the next
paint), and most change nothing: at start-up that was five rebuilds of the same three keys,
each mounting and restyling every key. Here one pending update covers a burst of signals
(it reads the bindings when it runs), and an update that would show what is already shown
is skipped.

A screen that changes its keys in place (the step screen on Next: "o" and "q" come and go
with a page to open) has them shown in the same frame (`show_keys`), and only the keys that
differ change: a key no longer offered is hidden, one offered again is shown, a new one is
mounted where it belongs. Recomposing the footer instead cost a second layout of the whole
screen after the step's own. A change with nothing in common (another language) recomposes.

Below 80 columns (a phone's browser) the keys drop their padding, so that all of a step's
keys still fit beside the palette's, which is docked at the right and would cover them.

Each key is built with the compact look it will have. The stock keys start compact and are then
bound to the footer's (not compact from 80 columns): two restyles of every key, whole, as each
screen is built (about 5% of a new step screen's CPU).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 80


def _identity(key: FooterKey) -> tuple:
    """What a FooterKey shows and does: two keys alike in this are interchangeable."""
    return (key.key, key.key_display, key.description, key.action, key._disabled, str(key.tooltip or ""),
            key.has_class("-command-palette"))


class KeyFooter(Footer):
    _update_pending = False
    _shown: tuple | None = None

    def __init__(self) -> None:
        super().__init__()
        # The stock Footer waits for the first bindings signal, which comes after the first
        # paint: a screen would show an empty footer first. The screen's keys are known now.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                self._styled_as_bound(widget)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._update_pending:
            self._update_pending = True
            self.call_after_refresh(self._update)

    def _keys(self) -> tuple:
        """What `compose` shows: the active bindings shown, whether each is enabled, and its tooltip."""
        bindings = tuple((key, binding, enabled, tooltip) for key, (_, binding, enabled, tooltip)
                         in self.screen.active_bindings.items() if binding.show)
        return (*bindings, self.show_command_palette, self.combine_groups)

    async def _update(self) -> None:
        self._update_pending = False
        if self.is_attached:
            await self.show_keys()

    async def show_keys(self) -> None:
        """Show the screen's keys as they are now; for a screen that has just changed them."""
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        if not self._changed_in_place():
            await self.recompose()

    def _changed_in_place(self) -> bool:
        """Hide, show or mount single keys so that the shown ones are what `compose` would yield.

        False (nothing changed) where that cannot be done: key groups, or no key in common.
        """
        wanted = self._wanted_keys()
        mounted = list(self.children)
        if wanted is None or not all(isinstance(widget, FooterKey) for widget in mounted):
            return False
        by_identity = {_identity(key): key for key in mounted if isinstance(key, FooterKey)}
        if len(by_identity) != len(mounted):
            return False
        plan: list[Widget | tuple] = []
        last_place = -1
        for identity in wanted:
            old = by_identity.get(identity)
            if old is None:
                plan.append(identity)
                continue
            place = mounted.index(old)
            if place < last_place:
                return False  # the same keys in another order
            last_place = place
            plan.append(old)
        kept = [widget for widget in plan if isinstance(widget, Widget)]
        if not kept:
            return False
        for widget in mounted:
            widget.display = widget in kept
        for index, wanted_key in enumerate(plan):
            if isinstance(wanted_key, tuple):
                after = next((later for later in plan[index + 1:] if isinstance(later, Widget)), None)
                new_key = self._new_key(*wanted_key)
                if after is not None:
                    self.mount(new_key, before=after)
                else:
                    self.mount(new_key)
        return True

    def _wanted_keys(self) -> list[tuple] | None:
        """The identities of the keys Footer's `compose` would yield now, in its order, without building
        them (building every key took longer than the rest of a Next); None for key groups."""
        by_action: dict[str, tuple] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            by_action.setdefault(binding.action, (binding.key, self.app.get_key_display(binding),
                                                  binding.description, binding.action, not enabled, tooltip or "",
                                                  False))
        wanted = list(by_action.values())
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _ = palette
                wanted.append((binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                               not enabled, binding.tooltip or binding.description, True))
        return wanted

    def _new_key(self, key: str, key_display: str, description: str, action: str, disabled: bool, tooltip: str,
                 palette: bool) -> FooterKey:
        """A key as Footer's `compose` makes it."""
        new = FooterKey(key, key_display, description, action, disabled=disabled, tooltip=tooltip,
                        classes="-command-palette" if palette else "")
        self._styled_as_bound(new)
        if not palette:
            with self._context():  # bound to this footer, as in compose
                new.data_bind(compact=Footer.compact)
        return new

    def _styled_as_bound(self, key: FooterKey) -> None:
        """Give a key, before it is mounted, the compact look its binding to this footer will give it
        (the palette's key is not bound: it keeps the stock key's compact look), so that neither the
        key's first compact value nor the binding restyles it."""
        compact = self.compact or key.has_class("-command-palette")
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)
