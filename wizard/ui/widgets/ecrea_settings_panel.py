"""Step 14: Ecrea's mail settings form, field by field, with the value for each.

A value is what the user copies or types, so it never breaks across lines. Where
label, value and Copy button do not all fit side by side, the panel stacks them: the
label on one line, the value and its Copy button on the next.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Button, Static

from wizard.core.app_password import group_in_fours
from wizard.core.ecrea_card import CARD_FILE_NAME, ecrea_card
from wizard.core.ecrea_settings import EcreaField, FieldKind, ecrea_fields
from wizard.core.explain import field_label, field_value
from wizard.ui.layout import STEP_LIST_WIDTH, WIDE_FROM
from wizard.ui.prose import Prose
from wizard.ui.sized_by_layout import LaidOutHorizontal, LaidOutVertical, SizedByLayout
from wizard.ui.widgets.copy_button import CopyButton
from wizard.ui.widgets.message_line import MessageLine
from wizard.ui.widgets.save_button import SaveButton
from wizard.ui.widgets.wizard_widget import WizardWidget

# Not "●": East Asian Ambiguous width, drawn two cells wide by some Japanese terminals.
MASK = "**** **** **** ****"
LABEL_WIDTH = {"ja": 23, "en": 32}
"""Cells for a field's name, by language: the stylesheet below and `fit` both read it."""
# A Copy button's cells besides its label (padding and border), and its least width (the CSS below).
BUTTON_FRAME, BUTTON_MIN_WIDTH = 4, 8


def row_extra(copy_label: str) -> int:
    """Cells a row needs besides its label and value: two gaps of 2 and the Copy button, whose label's
    width is the language's ("Copy" 4 cells, "コピー" 6: a fixed 12 cut the Japanese one to "コピ")."""
    return 2 + 2 + max(BUTTON_MIN_WIDTH, cell_len(copy_label) + BUTTON_FRAME)

# Columns around the panel: the step's padding and the body's scrollbar (2 + 2).
AROUND_PANEL = 4

LABEL_WIDTH_CSS = "".join(
    f"""
    EcreaSettingsPanel.-{lang} .settings-name {{
        width: {width};
    }}"""
    for lang, width in LABEL_WIDTH.items()
)


class FieldText(Static, SizedByLayout):
    """A field's name or value: one line that scrolls nothing, so its new size needs no second layout."""


class EcreaSettingsPanel(WizardWidget, Vertical):
    # Side by side when every value fits, else stacked (`fit` decides). The stacked rules name
    # .settings-row too: one class more than the label widths, so stacking always wins.
    DEFAULT_CSS = f"""
    EcreaSettingsPanel {{
        height: auto;
        margin: 1 0 0 0;
        border: round $secondary;
        padding: 0 1;
    }}
    EcreaSettingsPanel #settings-heading {{
        text-style: bold;
        margin: 0 0 1 0;
    }}
    EcreaSettingsPanel .settings-row {{
        height: auto;
        layout: horizontal;
    }}
    EcreaSettingsPanel .settings-name {{
        padding: 0 1 0 0;
        color: $text-muted;
    }}{LABEL_WIDTH_CSS}
    EcreaSettingsPanel .settings-row.-indented .settings-name {{
        padding: 0 1 0 2;
    }}
    EcreaSettingsPanel .settings-value-row {{
        width: 1fr;
        height: auto;
    }}
    EcreaSettingsPanel .settings-value {{
        width: 1fr;
        text-style: bold;
    }}
    EcreaSettingsPanel .settings-row.-copyable .settings-value {{
        width: auto;
    }}
    EcreaSettingsPanel .settings-value-row Button {{
        width: auto;
        min-width: {BUTTON_MIN_WIDTH};
        margin: 0 0 0 2;
    }}
    EcreaSettingsPanel.-stacked .settings-row {{
        layout: vertical;
        margin: 0 0 1 0;
    }}
    EcreaSettingsPanel.-stacked .settings-row .settings-name {{
        width: 1fr;
    }}
    EcreaSettingsPanel.-stacked .settings-value-row {{
        padding: 0 0 0 2;
    }}
    EcreaSettingsPanel #reveal, EcreaSettingsPanel #save-card {{
        margin: 1 0 0 0;
    }}
    EcreaSettingsPanel #settings-finish {{
        margin: 1 0 0 0;
        text-style: bold;
    }}
    """

    revealed: var[bool] = var(False, init=False)
    """The app password is shown in groups of four, not masked; the Show/Hide button switches it."""

    def __init__(self) -> None:
        super().__init__(id="ecrea-settings")

    def fields(self) -> tuple[EcreaField, ...]:
        progress = self.wizard.session.progress
        return ecrea_fields(progress.email, progress.display_name)

    def secret_text(self) -> str:
        password = self.wizard.session.password
        if not password:
            return self.wizard.texts("settings.password_not_stored")
        return group_in_fours(password.reveal()) if self.revealed else MASK

    def copyable(self, field: EcreaField) -> bool:
        if field.kind is FieldKind.SECRET:
            return bool(self.wizard.session.password)
        return field.kind is FieldKind.TEXT and field.known and bool(field.value)

    def expected_width(self) -> int:
        """The width this panel will get (as its Resize says it), from the terminal's: the layout is decided
        before the first paint (a Resize corrects it if the guess was off)."""
        width = self.app.size.width
        if width >= WIDE_FROM:
            width -= STEP_LIST_WIDTH
        return width - AROUND_PANEL

    def compose(self) -> ComposeResult:
        t = self.wizard.texts
        self.add_class(f"-{t.lang}")
        stacked = self.stacks_at(self.expected_width())
        self.set_class(stacked, "-stacked")
        yield Prose(t("settings.heading"), id="settings-heading")
        for field in self.fields():
            indent = " -indented" if field.indented else ""
            copyable = " -copyable" if self.copyable(field) else ""
            # Laid out once: rows and values hold nothing that scrolls (see `SizedByLayout`).
            with LaidOutVertical(classes="settings-row" + indent + copyable, id=f"row-{field.key}"):
                yield FieldText(field_label(field, t), classes="settings-name", markup=False)
                with LaidOutHorizontal(classes="settings-value-row"):
                    value = field_value(field, t, self.secret_text())
                    shown = FieldText(value, classes="settings-value", id=f"value-{field.key}", markup=False)
                    if self.copyable(field):
                        # As `fit` sets it: a Resize that finds the same layout then changes nothing.
                        shown.styles.width = self.copyable_value_width(stacked)
                    yield shown
                    if self.copyable(field):
                        yield self.copy_button(field)
        if self.wizard.session.password:
            yield Button(t("settings.reveal"), id="reveal", compact=True)
        yield SaveButton(t("save.card"), id="save-card", says_in="settings-copy-result", text=self.card,
                         file_name=CARD_FILE_NAME, what=t("save.card_what"))
        yield MessageLine("", id="settings-copy-result")
        yield Prose(t("settings.finish"), id="settings-finish")

    def card(self) -> str:
        """The Ecrea input card to save: these values, the password never (only where it comes from)."""
        progress, t, status = self.wizard.session.progress, self.wizard.texts, self.wizard.status
        return ecrea_card(progress.email, progress.display_name, t, password_note=t("settings.password_not_stored"),
                          status_line=status.text(t) if status is not None else "")

    def widest_value(self) -> int:
        """Cells the longest copyable value needs (the password as shown when revealed)."""
        t = self.wizard.texts
        shown_password = group_in_fours(self.wizard.session.password.reveal() or "x" * 16)
        widths = [cell_len(field_value(field, t, shown_password)) for field in self.fields() if self.copyable(field)]
        return max(widths, default=0)

    def on_mount(self) -> None:
        # Resize normally decides, but a panel mounted while the screen is busy can be laid out
        # without one reaching it: decide again from where the first paint put it.
        self.call_after_refresh(self.fit_to_region)

    def fit_to_region(self) -> None:
        if self.region.width:
            self.fit(self.region.width)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def stacks_at(self, width: int) -> bool:
        copy_label = self.wizard.texts("common.copy")
        return LABEL_WIDTH[self.wizard.lang] + self.widest_value() + row_extra(copy_label) > width

    def fit(self, width: int) -> None:
        """Side by side when every value fits beside its label in `width` cells (border included), else stacked."""
        stacked = self.stacks_at(width)
        value_width = self.copyable_value_width(stacked)
        self.set_class(stacked, "-stacked")
        for value in self.query(".-copyable .settings-value"):
            value.styles.width = value_width

    def copyable_value_width(self, stacked: bool) -> int | str:
        """Side by side, every copyable value gets the widest one's width: the Copy buttons line up."""
        return "auto" if stacked else self.widest_value()

    def copy_button(self, field: EcreaField) -> CopyButton:
        label, says_in = self.wizard.texts("common.copy"), "settings-copy-result"
        if field.kind is FieldKind.SECRET:
            # Without spaces: the form that works in every mail program. Read when pressed, never kept.
            return CopyButton(label, id=f"copy-{field.key}", says_in=says_in,
                              text=lambda: self.wizard.session.password.reveal(),
                              what=self.wizard.texts("settings.password_what"))
        return CopyButton(label, id=f"copy-{field.key}", says_in=says_in, text=field.value)

    @on(Button.Pressed, "#reveal")
    def toggle_reveal(self) -> None:
        self.revealed = not self.revealed

    def watch_revealed(self, revealed: bool) -> None:
        self.query_one("#value-smtp_password", Static).update(self.secret_text())
        label = "settings.conceal" if revealed else "settings.reveal"
        self.query_one("#reveal", Button).label = self.wizard.texts(label)
