"""The Ecrea input card: the values for 「メール設定 - 更新」 as plain text, one line a field.

The `settings` command prints it, `settings --output` writes it, and the Ecrea settings
step saves it as a file for users whose terminal has no clipboard. It never holds the
app password: `password_note` says where the password comes from instead.
"""

from __future__ import annotations

from rich.cells import cell_len

from wizard.core.ecrea_settings import ecrea_fields
from wizard.core.explain import field_label, field_value
from wizard.core.output_filter import printable
from wizard.core.texts import Texts

CARD_FILE_NAME = "ecrea-input-card.txt"


def ecrea_card(address: str, display_name: str, texts: Texts, *, password_note: str, status_line: str = "") -> str:
    """Every field exactly as Ecrea labels it, in the form's order, with its value.

    `status_line` is the one-line summary support staff ask for on the phone (place,
    practice or real, password saved, last result); left out when empty.
    """
    fields = ecrea_fields(address, display_name)
    labels = [field_label(field, texts) for field in fields]
    width = max(cell_len(label) for label in labels) + 2
    lines = [texts("settings.heading"), ""]
    if status_line:
        lines += [texts("card.status", status=status_line), ""]
    for field, label in zip(fields, labels, strict=True):
        indent = "  " if field.indented else ""
        padding = " " * (width - cell_len(indent + label))
        lines.append(f"{indent}{label}{padding}{field_value(field, texts, password_note)}")
    lines += ["", texts("settings.finish")]
    # Belt and braces: nothing read from a file may reach a terminal or an editor as a control sequence.
    return "\n".join(printable(line) for line in lines) + "\n"
