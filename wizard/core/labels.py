"""How a Google button name is written out for the user, in the user's language."""

from __future__ import annotations

from wizard.core.step_content import GoogleLabel, Step
from wizard.core.texts import Texts


def describe_label(label: GoogleLabel, texts: Texts) -> str:
    """「新しい名前」 plus the older names Google has used for the same button."""
    lang = texts.lang
    described = texts("common.quoted", text=label.text[lang])
    if label.also[lang]:
        names = texts("common.list_separator").join(texts("common.quoted", text=name) for name in label.also[lang])
        described += texts("step.label_also", names=names)
    return described


def describe_press(step: Step, texts: Texts) -> str:
    """What to do on whose page, in order: "(On Google's page) Look under: 「…」 → Click: 「…」"; "" if nothing."""
    if not step.press:
        return ""
    actions = " → ".join(f"{texts(*label.kind.text_keys)}: {describe_label(label, texts)}" for label in step.press)
    return f"{texts(*step.page.text_keys)}{actions}"
