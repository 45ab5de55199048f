"""Every screen works in an 80x24 terminal (and larger): the way forward is on screen, values
and addresses are never broken, no button's label is cut, keyboard and wheel scroll what does
not fit.

One walk per size and language visits every screen in the order a user meets them, then the
ways to step 14 and back after the test send (issue 19); each check says what it is about and
where. One walk rather than a test per look: each screen shown at a size costs a layout and a
full render, and step 14 alone a fifth of a second.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import (
    LARGE,
    SMALL,
    STEP_OF,
    WIDE,
    fully_visible,
    paste,
    settle,
    shown,
    visible_text,
    wait_until,
)
from rich.cells import cell_len
from screen_walk import show_step
from smtp_fixtures import PASSWORD

from wizard.core.step_content import get_step
from wizard.core.step_order import number_of, step_count, step_ids
from wizard.core.texts import Texts
from wizard.mail.confirm import SentTest
from wizard.ui.places import Account, AtStep, EcreaTest, Ending, Send, Welcome
from wizard.ui.screens.ecrea_test_screen import EcreaTestScreen
from wizard.ui.screens.ending_screen import EndingScreen
from wizard.ui.screens.step_screen import StepScreen
from wizard.ui.widgets.ecrea_settings_panel import EcreaSettingsPanel

LANGS = ["ja", "en"]
ADDRESS = "yamada.shoten.sales@gmail.com"  # a long one: it must still stand on one line


def assert_nothing_under_the_footer(app) -> None:
    """A widget docked at the bottom beside the Footer would hide part of either."""
    footer = app.screen.query_one("Footer")
    for x in range(footer.region.x, footer.region.right):
        widget, _ = app.screen.get_widget_at(x, footer.region.y)
        assert widget is footer or footer in widget.ancestors, widget


def assert_no_label_cut(app, where: str) -> None:
    """Every button on screen shows its whole label on its row."""
    from textual.widgets import Button

    rows = visible_text(app).splitlines()
    screen = app.screen.region
    for button in app.screen.query(Button):
        region = button.region
        if not button.display or not region or not screen.contains_region(region):
            continue  # scrolled out of view, or hidden
        if app.screen.get_widget_at(region.x + 1, region.y + region.height // 2)[0] is not button:
            continue  # under the docked part of the screen (scrolled behind the buttons there)
        label = str(button.label)
        assert any(label in row for row in rows[region.y:region.bottom]), (where, label, rows[region.y:region.bottom])


async def check_welcome(pilot) -> None:
    app = pilot.app
    assert_no_label_cut(app, "welcome")
    for button in ("#start", "#already-on", "#never-asks"):
        assert fully_visible(app, button), button
    assert_nothing_under_the_footer(app)
    app.session.progress.visit("turn-on")
    await app.screen.rebuild()
    await settle(pilot)
    assert fully_visible(app, "#resume")
    assert_no_label_cut(app, "welcome, resuming")


async def check_account_with_the_workspace_question_open(pilot) -> None:
    app = pilot.app
    app.go(Account(step_ids()[0]))
    await settle(pilot)
    await paste(pilot, "#address", "sales@example.co.jp")
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen.query_one("#workspace").display
    for button in ("#next", "#back", "#workspace-yes"):
        assert fully_visible(app, button), button
    assert_nothing_under_the_footer(app)
    assert_no_label_cut(app, "account, the workspace question open")


async def check_addresses_stand_whole(pilot) -> None:
    app = pilot.app
    for step_id in ("manage-account", "open-security", "two-step-verification", "app-passwords"):
        number = number_of(step_id)
        show_step(app, step_id)
        await settle(pilot)
        url_text = app.screen.query_one("#url-text")
        url_text.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        assert url_text.size.height == 1, number
        assert get_step(number).url in visible_text(app).splitlines()[url_text.region.y]
        assert fully_visible(app, "#next")
    assert_nothing_under_the_footer(app)


async def check_step_13_field_in_view(pilot) -> None:
    app = pilot.app
    show_step(app, "create-app-password")
    await settle(pilot)
    await pilot.press("right")  # the page changes in place, then focuses the field
    await wait_until(pilot, lambda: getattr(app.screen.focused, "id", None) == "app-password")
    await settle(pilot)
    # The field the keys type into is in view; the first instruction too where both fit.
    assert fully_visible(app, "#app-password") and fully_visible(app, "#next")
    await paste(pilot, "#app-password", "abcd")
    await settle(pilot)
    assert fully_visible(app, "#app-password") and fully_visible(app, "#next")
    assert fully_visible(app, "#password-message")  # it answers each paste


SIZE_CLASSES = {SMALL: ("-narrow", "-short"), LARGE: ("-wide", "-tall")}
"""The breakpoint classes a screen has at each size (the step list shows only from 100 columns)."""
ONE_CELL_TOO_WIDE = "taro.yamada@gmail.com"
"""One cell too wide to stand beside its English label at 100 columns (as in test_snapshots);
one cell shorter, the tightest row side by side."""
SHORTER = "ecrea.test@gmail.com"


FIRST_STACKED_AT_100 = {"en": len(ONE_CELL_TOO_WIDE), "ja": 28}
"""The shortest address whose rows stack at 100 columns: English labels are long; Japanese ones
short, but "コピー" is two cells wider than "Copy" (a 29-letter address once cut it to "コピ")."""


def stacked_here(address: str, lang: str, size) -> bool:
    """Step 14's rows stacked: where a value would not fit beside its label and its Copy button.
    At 100 columns the step list takes its share; at 80x24 every address here fits."""
    return size == LARGE and len(address) >= FIRST_STACKED_AT_100[lang]


class Step14Seen:
    """What the walk's step 14 screens showed before any test looks at them (Textual's methods, wrapped)."""

    def __init__(self, monkeypatch) -> None:
        from textual.widgets._footer import FooterKey

        self.classes_when_built: list[set[str]] = []
        self.first_frames: list[tuple[bool, bool, list[str]]] = []
        self.stacked_after_fit: list[bool] = []
        build, show_panel, fit = StepScreen.__init__, StepScreen.show_panel, EcreaSettingsPanel.fit

        def built(screen, *args, **kwargs) -> None:
            build(screen, *args, **kwargs)
            self.classes_when_built.append(set(screen.classes))  # before any layout

        async def panel_shown(screen, panel) -> None:
            await show_panel(screen, panel)
            panels = screen.query("#ecrea-settings")
            self.first_frames.append((bool(panels), bool(panels) and panels.first().has_class("-stacked"),
                                      [str(key.description) for key in screen.query(FooterKey)]))

        def fitted(panel, width: int) -> None:
            fit(panel, width)
            self.stacked_after_fit.append(panel.has_class("-stacked"))

        monkeypatch.setattr(StepScreen, "__init__", built)
        monkeypatch.setattr(StepScreen, "show_panel", panel_shown)
        monkeypatch.setattr(EcreaSettingsPanel, "fit", fitted)

    def clear(self) -> None:
        self.classes_when_built.clear()
        self.first_frames.clear()
        self.stacked_after_fit.clear()


async def check_the_way_on_grows_when_next_becomes_the_test_send(pilot) -> None:
    """Step 13 → 14 changes the button's label in place ("Next" → "To the test send"): it grows to
    fit. Step 14 shows the shorter address: English rows at 100 columns side by side with no cell
    to spare, and every button's label whole there."""
    from wizard.mail.practice import PRACTICE_PASSWORD

    app = pilot.app
    texts = Texts(app.lang)
    app.session.progress.email, app.session.progress.display_name = SHORTER, "山田商店"
    app.session.set_password(PRACTICE_PASSWORD)
    app.screen.query_one("#next").press()
    await wait_until(pilot, lambda: app.screen.step.id == "paste-into-ecrea")
    await settle(pilot)
    button = app.screen.query_one("#next")
    assert str(button.label) == texts("step.to_test_send")
    assert button.region.width >= cell_len(str(button.label)) + 2, ("step 14's way on, in place", button.region)
    assert not app.screen.query_one("#ecrea-settings").has_class("-stacked")
    assert_no_label_cut(app, "step 14")
    app.screen.query_one("#back").press()  # back to 13: "Next" again
    await wait_until(pilot, lambda: app.screen.step.id == "copy-app-password")
    await settle(pilot)
    assert str(app.screen.query_one("#next").label) == texts("common.next")


def assert_values_on_one_line(app, size, seen: Step14Seen) -> None:
    """A long address, a name with a space: every value stands whole on one line."""
    for key, value in [("sender_address", ADDRESS), ("display_name", "山田商店 営業部"), ("smtp_host", "smtp.gmail.com"),
                       ("smtp_port", "587"), ("smtp_user", ADDRESS), ("smtp_password", "**** **** **** ****")]:
        widget = app.screen.query_one(f"#value-{key}")
        assert str(widget.render()) == value
        assert widget.size.height == 1 and widget.size.width >= len(value), (key, widget.size)
    interval = app.screen.query_one("#value-send_interval")
    assert str(interval.render()).startswith("10000") and interval.size.height == 1
    # Textual gives a screen its size classes on its first Resize, after a layout without them;
    # here they were there as it was built (see WizardScreen.set_class_for_size).
    assert seen.classes_when_built and set(SIZE_CLASSES[size]) <= seen.classes_when_built[0], seen.classes_when_built
    if not stacked_here(ADDRESS, app.lang, size):
        # Laid out for this size from its first fit: never stacked, then unstacked (each a restyle
        # of the whole panel), as when it was first sized beside a step list not shown at 80x24.
        assert seen.stacked_after_fit and not any(seen.stacked_after_fit), ("stacked on the way", seen.stacked_after_fit)
    assert fully_visible(app, "#next")


async def check_a_notification_leaves_the_step_bar_and_the_buttons_clear(pilot) -> None:
    from textual.widgets._toast import Toast

    app = pilot.app
    app.show_about()  # the palette's "About": a toast
    await wait_until(pilot, lambda: app.screen.query(Toast) and app.screen.query_one(Toast).region.height)
    toast = app.screen.query_one(Toast).region
    for part in ("TitleBar", "#step-number", "#step-dots", "#nav"):
        widget = app.screen.query_one(part)
        assert not (widget.display and toast.overlaps(widget.region)), part
    app.clear_notifications()  # out of the way of what the walk looks at next
    await wait_until(pilot, lambda: not app.screen.query(Toast))


RETURNS = {
    "ja": [(EcreaTest(), EcreaTestScreen, "Ecrea からの送信の確認に戻る", ADDRESS),
           (Ending(), EndingScreen, "まとめに戻る", ONE_CELL_TOO_WIDE)],
    "en": [(EcreaTest(), EcreaTestScreen, "Back to checking Ecrea's send", ADDRESS),
           (Ending(), EndingScreen, "Back to the summary", ONE_CELL_TOO_WIDE)],
}
"""Each screen after the test send, step 14's way back to it, and the address step 14 shows on the way."""
BACK_KEY = {"ja": "戻る", "en": "Back"}


async def check_step_14_opened_after_the_test_send_leads_back(pilot, size, seen: Step14Seen) -> None:
    """From the screens after the test send, step 14 opens with a way back there (not to a fresh
    test send), drawn once: the layout decided, and the footer has its keys, before the first
    paint (no stacked-then-side-by-side jump), checked as soon as the panel is mounted. On the
    way its values stand on one line, and a notification leaves its bar and buttons clear."""
    app = pilot.app
    lang = app.lang
    app.session.progress.display_name = "山田商店 営業部"
    app.session.set_password(PASSWORD)
    app.session.record_success(SentTest(ADDRESS, ADDRESS, "K7PQ2M", datetime.now(UTC), PASSWORD))
    for place, screen, label, address in RETURNS[lang]:
        where = screen.__name__
        app.session.progress.email = address
        app.go(place)
        await settle(pilot)
        assert isinstance(app.screen, screen), where
        assert_no_label_cut(app, where)
        seen.clear()
        await pilot.click("#show-settings")
        await wait_until(pilot, lambda: seen.first_frames)
        stacked = stacked_here(address, lang, size)
        has_panel, was_stacked, keys = seen.first_frames[0]
        assert has_panel and was_stacked == stacked, (where, "first frame", has_panel, was_stacked)
        assert keys and BACK_KEY[lang] in keys, (where, "first frame's keys", keys)
        await settle(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.step.id == "paste-into-ecrea", where
        # Side by side where every value fits beside its label, stacked where one would not.
        assert app.screen.query_one("#ecrea-settings").has_class("-stacked") == stacked, where
        assert str(app.screen.query_one("#next").label) == label, where
        assert label in visible_text(app), where  # the label whole, at either size
        if address == ADDRESS:
            assert_values_on_one_line(app, size, seen)
            await check_a_notification_leaves_the_step_bar_and_the_buttons_clear(pilot)
        assert_no_label_cut(app, f"step 14 from {where}")
        await pilot.click("#next")
        await settle(pilot)
        assert isinstance(app.screen, screen), f"step 14's way back to {where}"  # no fresh test send on the way
    app.go(Welcome())
    await wait_until(pilot, lambda: app.screen.query("#completed"))
    await settle(pilot)
    assert_no_label_cut(app, "welcome, set up")  # the finished setup's four ways on


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "100x32"])
@pytest.mark.parametrize("lang", LANGS)
async def test_every_screen_at_this_size(wizard, monkeypatch, lang: str, size) -> None:
    seen = Step14Seen(monkeypatch)
    app = wizard(lang, practice=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await check_welcome(pilot)
        await check_account_with_the_workspace_question_open(pilot)
        await check_addresses_stand_whole(pilot)
        await check_step_13_field_in_view(pilot)
        await check_the_way_on_grows_when_next_becomes_the_test_send(pilot)
        await check_step_14_opened_after_the_test_send_leads_back(pilot, size, seen)


async def test_addresses_stand_whole_in_a_wide_terminal(wizard) -> None:
    app = wizard("en")
    async with app.run_test(size=WIDE) as pilot:
        await check_addresses_stand_whole(pilot)


async def test_below_100_columns_the_step_list_gives_way_to_a_line_of_marks(wizard) -> None:
    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep("security-page"))
        await settle(pilot)
        assert not app.screen.query_one("#step-list").display
        assert shown(app, "#step-dots") == "··▶" + "·" * (step_count() - 3)
        assert shown(app, "#step-number") == STEP_OF["ja"].format(3)
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        assert app.screen.query_one("#step-list").display
        assert not app.screen.query_one("#step-dots").display


async def test_a_new_screen_does_not_lay_out_the_welcome_screen_beneath_it_again(wizard, monkeypatch) -> None:
    """Textual lays out every screen beneath on a Resize, and a new screen's first layout sends it
    one at the same size: the welcome screen stays under every screen, so each screen shown cost
    a layout of a screen nobody sees. A real change of size still lays out both."""
    from textual.screen import Screen

    laid_out: list[str] = []
    original = Screen._refresh_layout

    def refresh_layout(self, size=None, scroll: bool = False) -> None:
        laid_out.append(type(self).__name__)
        original(self, size, scroll)

    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        app.go(Account(step_ids()[0]))
        await settle(pilot)
        monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
        for place in (AtStep("manage-account"), AtStep("open-security"), AtStep("paste-into-ecrea")):
            app.go(place)
            await settle(pilot)
        assert "WelcomeScreen" not in laid_out and "StepScreen" in laid_out
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        assert "WelcomeScreen" in laid_out
        assert app.screen.query_one("#step-list").display  # the step screen on top, laid out for 100 columns


async def test_a_new_screen_is_styled_as_it_is_built_not_once_more_when_first_shown(wizard, monkeypatch) -> None:
    """Textual restyles every widget of a screen each time it is shown; a new screen's widgets were
    styled as they were mounted, so its first showing restyles nothing whole. Shown again, it may.
    Nor is a widget styled while it is being built (a Button's variant and look, set in its
    constructor, restyled each Button twice before its mounting styled it anyway), nor are the
    screens beneath restyled when the first step screen brings its own stylesheet, nor is the
    step's folded help restyled as it is mounted."""
    from textual.css.stylesheet import Stylesheet

    from wizard.ui.screens.step_screen import StepScreen

    restyled: list[object] = []
    original = type(app := wizard("ja")).update_styles

    def update_styles(self, node=None, animate: bool = True) -> None:
        restyled.append(node)
        original(self, node, animate)

    styled_unmounted: list[object] = []
    styled: list[object] = []
    update_nodes = Stylesheet.update_nodes

    def styling(self, nodes, animate: bool = False) -> None:
        nodes = list(nodes)
        styled_unmounted.extend(node for node in nodes if not node.is_attached)
        styled.extend(nodes)
        update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", styling)

    async with app.run_test(size=SMALL) as pilot:
        app.go(Account(step_ids()[0]))
        await settle(pilot)
        monkeypatch.setattr(type(app), "update_styles", update_styles)
        styled.clear()
        app.go(AtStep("manage-account"))
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.screen not in restyled
        assert shown(app, "#step-number") == STEP_OF["ja"].format(1)
        assert styled_unmounted == []
        beneath = app.screen_stack[:-1]  # the welcome and account screens
        assert not [node for node in styled if any(screen in beneath for screen in node.ancestors_with_self)]
        assert app.screen.query_one("#step-help") not in styled  # built folded: not restyled whole as it mounts


async def test_step_14_stacks_labels_over_values_when_narrow(wizard) -> None:
    app = wizard("en")
    app.session.progress.email = ADDRESS
    async with app.run_test(size=(60, 24)) as pilot:
        app.go(AtStep("paste-into-ecrea"))
        await wait_until(pilot, lambda: app.screen.query("#ecrea-settings"))
        await settle(pilot)
        assert app.screen.query_one("#ecrea-settings").has_class("-stacked")
        value = app.screen.query_one("#value-sender_address")
        assert value.size.height == 1 and str(value.render()) == ADDRESS


@pytest.mark.parametrize("lang", LANGS)
async def test_the_test_send_result_and_its_way_on_are_visible(gmail_server, ca_file, progress_file, lang) -> None:
    from wizard.ui.app import make_app

    server = gmail_server()
    app = make_app(lang=lang, progress_file=progress_file, ca_file=ca_file, smtp_host="127.0.0.1", smtp_port=server.port)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.set_password("zzzzzzzzzzzzzzzz")
    async with app.run_test(size=SMALL) as pilot:
        app.go(Send())
        await settle(pilot)
        assert fully_visible(app, "#start")
        await pilot.click("#start")
        await wait_until(pilot, lambda: app.screen.query_one("#result").display)
        await settle(pilot)
        assert fully_visible(app, "#redo")  # focused, so scrolled into view
        assert_nothing_under_the_footer(app)


async def test_page_down_the_arrows_and_the_wheel_scroll_from_the_buttons(wizard) -> None:
    from textual.events import MouseScrollDown

    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep("paste-into-ecrea"))
        await wait_until(pilot, lambda: app.screen.query("#ecrea-settings"))
        await settle(pilot)
        body = app.screen.query_one("#step-body")
        assert app.screen.focused.id == "next" and body.scroll_y == 0
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        await pilot.press("pageup")
        assert body.scroll_y == 0
        await pilot.press("down")
        assert body.scroll_y == 1
        # The mouse wheel over the text (Pilot's own way of sending mouse events).
        await pilot._post_mouse_events([MouseScrollDown], offset=(10, 10))
        await settle(pilot)
        assert body.scroll_y > 1


@pytest.mark.parametrize("step_id", ["two-step-verification", "copy-app-password"])
async def test_a_scroll_key_typed_ahead_of_a_step_scrolls_that_step(wizard, step_id: str) -> None:
    """→ and PageDown typed at once: the new step scrolls as if PageDown came once it was drawn.
    (A step's own scroll to its top, or to the password field, comes a refresh after it is drawn:
    applied at once, a key typed ahead was undone by it.)"""
    from textual.events import Key

    from wizard.core.step_content import step_before, step_by_id

    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        app.session.progress.email = "ecrea.test@gmail.com"
        before = step_before(step_by_id(step_id)).id
        show_step(app, before)
        await settle(pilot)
        app.post_message(Key("right", None))
        await wait_until(pilot, lambda: app.screen.step.id == step_id)
        await settle(pilot)
        body = app.screen.query_one("#step-body")
        settled_at = body.scroll_y
        await pilot.press("pagedown")
        expected = body.scroll_y
        assert expected > settled_at, (settled_at, expected)  # PageDown moves this step at 80x24

        show_step(app, before)
        await settle(pilot)
        # As a terminal delivers keys typed ahead: both queued before the first is handled.
        app.post_message(Key("right", None))
        app.post_message(Key("pagedown", None))
        await wait_until(pilot, lambda: app.screen.step.id == step_id)
        await settle(pilot)
        assert body.scroll_y == expected, (settled_at, expected, body.scroll_y)


async def test_page_down_in_the_password_field_while_the_step_settles_is_kept_for_it(wizard) -> None:
    """With the focus in the field, PageDown is the step body's own key (the field does not take it):
    pressed while the step settles it waits too, and moves the step once it has settled."""
    app = wizard("ja")
    async with app.run_test(size=SMALL) as pilot:
        app.session.progress.email = "ecrea.test@gmail.com"
        show_step(app, "copy-app-password")
        await wait_until(pilot, lambda: getattr(app.screen.focused, "id", None) == "app-password")
        await settle(pilot)
        screen, body = app.screen, app.screen.query_one("#step-body")
        settled_at = body.scroll_y
        screen.early_scrolls = []  # as from a step's change until it has settled
        await pilot.press("pagedown")
        assert screen.early_scrolls == ["page_down"] and body.scroll_y == settled_at
        screen.settled(screen.shown)
        await settle(pilot)
        assert screen.early_scrolls is None and body.scroll_y > settled_at
        await pilot.press("pageup")  # settled: the body's own key again
        assert body.scroll_y < body.max_scroll_y


@pytest.mark.parametrize("lang", LANGS)
async def test_step_13_at_80x24_keeps_its_first_instruction_above_the_paste_field(wizard, lang: str) -> None:
    """"Copy before you click Done" is what the step is for, and its title says which step this is:
    scrolling to the field must hide neither. The answer to a paste is then scrolled into view."""
    app = wizard(lang)
    async with app.run_test(size=SMALL) as pilot:
        app.session.progress.email = ADDRESS
        app.go(AtStep("copy-app-password"))
        await wait_until(pilot, lambda: getattr(app.screen.focused, "id", None) == "app-password")
        await settle(pilot)
        first = get_step(number_of("copy-app-password")).text[lang].instructions.splitlines()[0]
        title = get_step(number_of("copy-app-password")).text[lang].title
        assert title in visible_text(app) and first in visible_text(app)
        assert fully_visible(app, "#app-password")
        await paste(pilot, "#app-password", "123456")  # an SMS code, not an app password
        await wait_until(pilot, lambda: fully_visible(app, "#password-message"))
        assert fully_visible(app, "#app-password")


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_step_13_in_practice_at_80x24_shows_the_field_the_keys_type_into(wizard, lang: str) -> None:
    """Practice mode's panel (the practice password and its Copy) is taller: the focused field
    comes first, so typing or pasting never goes into a field out of sight."""
    app = wizard(lang, practice=True)
    async with app.run_test(size=SMALL) as pilot:
        app.go(AtStep("copy-app-password"))
        await wait_until(pilot, lambda: getattr(app.screen.focused, "id", None) == "app-password")
        await settle(pilot)
        await wait_until(pilot, lambda: fully_visible(app, "#app-password"))
        assert fully_visible(app, "#practice-password-text")
