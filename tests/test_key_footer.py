"""The footer is rebuilt when the keys it shows change, not for every bindings signal."""

from __future__ import annotations

import pytest
from helpers import LARGE as SIZE
from helpers import settle
from textual.widgets._footer import FooterKey

from wizard.core.step_order import step_count
from wizard.ui.places import AtStep
from wizard.ui.widgets.key_footer import KeyFooter


def keys_shown(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey) if key.display]


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per footer compose that had the bindings to show."""
    composed: list[str] = []
    original = KeyFooter.compose

    def counting(self):
        if self._bindings_ready:
            composed.append(type(self.screen).__name__)
        yield from original(self)

    monkeypatch.setattr(KeyFooter, "compose", counting)
    return composed


async def test_a_screen_is_shown_with_one_rebuild_and_a_language_switch_takes_one_more(wizard, rebuilds) -> None:
    app = wizard("ja")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Focus, the screen stack and refreshes after the first paint all signal; one rebuild shows them.
        assert rebuilds == ["WelcomeScreen"]
        assert keys_shown(app) == ["English", "終了", "コマンド"]
        await pilot.press("l")
        await settle(pilot)
        assert keys_shown(app) == ["日本語", "Quit", "Commands"]
        assert rebuilds == ["WelcomeScreen", "WelcomeScreen"]


async def test_next_changes_the_keys_only_where_the_step_has_other_actions(wizard, rebuilds) -> None:
    app = wizard("en")
    async with app.run_test(size=SIZE) as pilot:
        app.session.progress.email = "ecrea.test@gmail.com"
        app.go(AtStep("manage-account"))
        await settle(pilot)
        assert "Open page" in keys_shown(app)
        rebuilds.clear()
        await pilot.press("right")  # step 2 opens a page too: the same keys
        await settle(pilot)
        assert "Open page" in keys_shown(app)
        await pilot.press("right")  # step 3 has no page to open
        await settle(pilot)
        assert "Open page" not in keys_shown(app)
        # Keys come and go in place, in the frame the step changes: the footer is never recomposed.
        assert rebuilds == []


def keys_offered(app) -> list[str]:
    """What a freshly composed footer would show: the screen's shown bindings, then the palette's."""
    shown = [binding.description for _, binding, _, _ in app.screen.active_bindings.values() if binding.show]
    return [*dict.fromkeys(shown), "Commands"]


def restyled_keys(app, monkeypatch: pytest.MonkeyPatch) -> list[FooterKey]:
    """Every restyle of a footer key, whole, from now on (a class added or removed after it was built)."""
    restyled: list[FooterKey] = []
    original = type(app).update_styles

    def update_styles(self, node=None, animate: bool = True) -> None:
        if isinstance(node, FooterKey):
            restyled.append(node)
        original(self, node, animate)

    monkeypatch.setattr(type(app), "update_styles", update_styles)
    return restyled


async def test_the_keys_shown_on_every_step_are_the_ones_offered_there_in_order(wizard, monkeypatch) -> None:
    """Each key is also built with its look (not compact from 80 columns, but for the palette's) and never
    restyled on the way: the stock key started compact, then took its footer's look, two restyles of each."""
    app = wizard("en")
    restyled = restyled_keys(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        app.session.progress.email = "ecrea.test@gmail.com"
        app.go(AtStep("manage-account"))
        await settle(pilot)
        seen = []
        for _ in range(step_count() - 1):
            assert keys_shown(app) == keys_offered(app), app.screen.step.id
            seen.append(tuple(keys_shown(app)))
            app.screen.action_next()
            await settle(pilot)
            await app.workers.wait_for_complete()
        assert keys_shown(app) == keys_offered(app), app.screen.step.id
        assert all(key.has_class("-compact") == key.has_class("-command-palette") for key in app.screen.query(FooterKey))
        assert restyled == []  # the welcome screen's keys, the first step's, and those mounted on Next
        # The walk met steps with other keys (a page to open, a name to copy, Ecrea's form, the field),
        # and keys hidden by one step shown again by a later one ("o" and "q": steps 3 and 4).
        assert len(set(seen)) >= 3
