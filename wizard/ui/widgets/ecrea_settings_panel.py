"""Step 14: Ecrea's mail settings form, field by field, with the value for each."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from wizard.core.app_password import group_in_fours
from wizard.core.ecrea_settings import EcreaField, FieldKind, ecrea_fields
from wizard.core.explain import field_label, field_value
from wizard.ui.prose import Prose
from wizard.core.texts import Texts

MASK = "●●●● ●●●● ●●●● ●●●●"


class EcreaSettingsPanel(Vertical):
    def __init__(self, texts: Texts) -> None:
        super().__init__(id="ecrea-settings", classes=f"-{texts.lang}")
        self.texts = texts
        self.revealed = False

    def secret_text(self) -> str:
        password = self.app.app_password
        if not password:
            return self.texts("settings.password_not_stored")
        return group_in_fours(password) if self.revealed else MASK

    def copyable(self, field: EcreaField) -> bool:
        if field.kind is FieldKind.SECRET:
            return bool(self.app.app_password)
        return field.kind is FieldKind.TEXT and field.known and bool(field.value)

    def compose(self) -> ComposeResult:
        t = self.texts
        progress = self.app.progress
        yield Prose(t("settings.heading"), id="settings-heading")
        for field in ecrea_fields(progress.email, progress.display_name):
            indent = " -indented" if field.indented else ""
            with Horizontal(classes="settings-row" + indent, id=f"row-{field.key}"):
                yield Static(field_label(field, t), classes="settings-name", markup=False)
                value = field_value(field, t, self.secret_text())
                yield Static(value, classes="settings-value", id=f"value-{field.key}", markup=False)
                if self.copyable(field):
                    yield Button(t("common.copy"), id=f"copy-{field.key}", classes="copy", compact=True)
        if self.app.app_password:
            yield Button(t("settings.reveal"), id="reveal", compact=True)
        yield Prose(t("settings.finish"), id="settings-finish")

    @on(Button.Pressed, ".copy")
    def copy_value(self, event: Button.Pressed) -> None:
        key = event.button.id.removeprefix("copy-")
        progress = self.app.progress
        field = next(f for f in ecrea_fields(progress.email, progress.display_name) if f.key == key)
        if field.kind is FieldKind.SECRET:
            self.app.copy_to_clipboard(self.app.app_password)
            self.notify(self.texts("settings.copied_secret"))
        else:
            self.app.copy_to_clipboard(field.value)
            self.notify(self.texts("settings.copied_field", field=field.ja))

    @on(Button.Pressed, "#reveal")
    def toggle_reveal(self) -> None:
        self.revealed = not self.revealed
        self.query_one("#value-smtp_password", Static).update(self.secret_text())
        self.query_one("#reveal", Button).label = self.texts("settings.conceal" if self.revealed else "settings.reveal")
