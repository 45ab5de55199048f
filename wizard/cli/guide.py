"""The whole guide as Markdown, for support staff to send to a customer."""

from __future__ import annotations

from wizard.core.labels import describe_label
from wizard.core.step_content import STEP_COUNT, load_steps
from wizard.core.texts import Texts


def _bullets(text: str) -> list[str]:
    # Help texts are written as lines starting with "・" (ja) or "- " (en).
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("・"):
            line = "- " + line[1:]
        lines.append(line)
    return lines


def render_guide(lang: str) -> str:
    texts = Texts(lang)
    out = [f"# {texts('guide.title')}", "", texts("welcome.why"), "", f"## {texts('welcome.needs_heading')}", ""]
    out += _bullets(texts("welcome.needs"))
    out += ["", f"> {texts('welcome.never_asks')}", ""]
    for step in load_steps():
        text = step.text[lang]
        heading = texts("step.of", number=step.number, total=STEP_COUNT)
        out += [f"## {heading}: {text.title}", ""]
        # Two trailing spaces make a Markdown line break, needed between lines only.
        out.append("  \n".join(text.instructions.splitlines()))
        out.append("")
        if step.press:
            press = " → ".join(describe_label(label, texts) for label in step.press)
            out += [f"**{texts('step.press_heading')}:** {press}", ""]
        if step.url:
            out += [f"**{texts('guide.open')}:** <{step.url}>", ""]
        if step.example:
            out += [texts("step.sms_example", example=step.example), ""]
        if step.copy:
            out += [f"**{texts('guide.copy')}:** `{step.copy[lang]}`", ""]
        if text.warning:
            out += [f"> **{text.warning}**", ""]
        out += [f"**{texts('guide.help')}:**", ""]
        out += _bullets(text.help)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
