"""The `settings` command: Ecrea's form values as text or JSON, never the password."""

from __future__ import annotations

import json

from rich.cells import cell_len

from wizard.core.credentials import KeyringStatus, load_app_password
from wizard.core.ecrea_settings import ecrea_fields
from wizard.core.explain import field_label, field_value
from wizard.core.texts import Texts

PASSWORD_STATES = {
    KeyringStatus.OK: "stored",
    KeyringStatus.NOT_FOUND: "not_stored",
}


def password_state(address: str) -> str:
    """"stored", "not_stored" or "unavailable" (no keyring, locked, failed, no address)."""
    if not address:
        return "not_stored"
    return PASSWORD_STATES.get(load_app_password(address).status, "unavailable")


def settings_as_json(address: str, display_name: str, state: str) -> str:
    fields = [
        {
            "field": field.ja,
            "field_en": field.en,
            "key": field.key,
            "kind": field.kind.value,
            "value": field.value if field.known else None,
        }
        for field in ecrea_fields(address, display_name)
    ]
    return json.dumps({"fields": fields, "smtp_password": state}, ensure_ascii=False, indent=2) + "\n"


def settings_as_text(address: str, display_name: str, state: str, texts: Texts) -> str:
    secret = texts(
        {"stored": "settings.password_stored", "not_stored": "settings.password_not_stored"}.get(
            state, "settings.password_unknown"
        )
    )
    fields = ecrea_fields(address, display_name)
    labels = [field_label(field, texts) for field in fields]
    width = max(cell_len(label) for label in labels) + 2
    lines = [texts("settings.heading"), ""]
    for field, label in zip(fields, labels, strict=True):
        indent = "  " if field.indented else ""
        padding = " " * (width - cell_len(indent + label))
        lines.append(f"{indent}{label}{padding}{field_value(field, texts, secret)}")
    lines += ["", texts("settings.finish")]
    return "\n".join(lines) + "\n"
