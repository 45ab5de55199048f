"""`ecrea-gmail-setup guide`: the whole guide as Markdown, for support staff to send.

It stands on its own: addresses instead of the wizard's buttons, Ecrea's form with
every value, and the common failures with what to do about each.
"""

from __future__ import annotations

from argparse import Namespace

from wizard.core.ecrea_settings import FieldKind, ecrea_fields
from wizard.core.explain import field_label, field_value
from wizard.core.labels import describe_press
from wizard.core.step_content import Panel, load_steps, step_text
from wizard.core.step_order import number_of, step_count
from wizard.core.texts import Texts
from wizard.mail.diagnosis import Problem

# The failures Ecrea's own test most often reports, with a reply to recognise each by.
COMMON_FAILURES = (
    (Problem.BAD_CREDENTIALS, "535-5.7.8 Username and Password not accepted"),
    (Problem.ORDINARY_PASSWORD, "534-5.7.9 Application-specific password required"),
    (Problem.WEB_LOGIN, "534-5.7.9 Please log in with your web browser"),
    (Problem.NO_TLS, "530 5.7.0 Must issue a STARTTLS command first"),
    (Problem.CERTIFICATE, "certificate verify failed"),
    (Problem.CONNECTION_REFUSED, "Connection refused / timed out"),
    (Problem.TOO_MANY_ATTEMPTS, "454 4.7.0 Too many login attempts"),
    (Problem.DAILY_LIMIT, "550-5.4.5 Daily user sending limit exceeded"),
)

# Ecrea sends from its own server: the wizard's advice about this PC (antivirus, clock,
# office firewall) does not apply there, so these failures have the guide's own words.
ECREA_SIDE_ACTIONS = {
    Problem.NO_TLS: "guide.fail_no_tls",
    Problem.CERTIFICATE: "guide.fail_certificate",
    Problem.CONNECTION_REFUSED: "guide.fail_connect",
}


def _bullets(text: str) -> list[str]:
    # Help texts are written as lines starting with "・" (ja) or "- " (en); "　・" and "  - " are nested.
    lines = []
    for line in text.splitlines():
        if line.startswith("　・"):
            line = "  - " + line[2:]
        elif line.startswith("・"):
            line = "- " + line[1:]
        lines.append(line.rstrip())
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def settings_table(texts: Texts, address: str, display_name: str) -> list[str]:
    """Ecrea's form as a Markdown table; placeholders where the address is not known."""
    lines = [f"| {texts('guide.settings_field')} | {texts('guide.settings_value')} |", "|---|---|"]
    for field in ecrea_fields(address, display_name):
        if field.kind is FieldKind.SECRET:
            value = texts("guide.password_value")
        elif not field.known:
            value = texts("guide.address_placeholder")
        elif field.key == "display_name" and not field.value:
            value = texts("guide.display_name_value")  # not 「（空欄）」, which reads as "leave it empty"
        else:
            value = field_value(field, texts, "")
            if field.kind is FieldKind.TEXT and field.value:
                value = value.replace(field.value, f"`{field.value}`", 1)  # "`10000` ms": the part to type
        indent = "　" if field.indented else ""
        lines.append(f"| {indent}{_cell(field_label(field, texts))} | {_cell(value)} |")
    return lines


def qr_block(url: str, texts: Texts) -> list[str]:
    """The page's QR code in a code block: a monospaced font keeps the half blocks square."""
    from wizard.core.qr_code import qr_block_lines

    return [texts("guide.qr_caption"), "", "```text", *qr_block_lines(url), "```", ""]


def render_guide(lang: str, address: str = "", display_name: str = "", *, qr: bool = False) -> str:
    """The guide as Markdown; with `qr`, each Google page's address also as a QR code for a phone."""
    texts = Texts(lang)
    out = [f"# {texts('guide.title')}", "", texts("welcome.why"), "", texts("guide.how"), ""]
    out += [f"## {texts('welcome.needs_heading')}", "", *_bullets(texts("welcome.needs")), ""]
    out += [f"> {texts('guide.never_share')}", ""]
    for step in load_steps():
        text = step.text[lang]
        heading = texts("step.of", number=step.number, total=step_count())
        out += [f"## {heading}: {text.title}", ""]
        # Two trailing spaces make a Markdown line break, needed between lines only.
        out.append("  \n".join(step_text(text.instructions, texts, url=step.url).splitlines()))
        out.append("")
        if step.press:
            out += [f"**{describe_press(step, texts)}**", ""]
        if step.url:
            out += [f"**{texts('guide.open')}:** <{step.url}>", ""]
            if qr:
                out += qr_block(step.url, texts)
        if step.example:
            out += [texts("step.sms_example", example=step.example), ""]
        if step.copy:
            out += [f"**{texts('guide.copy')}:** `{step.copy[lang]}`", ""]
        if text.warning:
            out += [f"> **{text.warning}**", ""]
        if step.skip:
            target = texts("step.skip_to", number=number_of(step.skip.to))
            out += [texts("guide.skip_line", text=step.skip.text[lang], target=target), ""]
        if step.panel is Panel.ECREA_SETTINGS:
            out += [f"### {texts('guide.settings_heading')}", "", *settings_table(texts, address, display_name), ""]
            out += [texts("settings.finish"), ""]
        out += [f"**{texts('guide.help')}:**", ""]
        out += _bullets(step_text(text.help, texts, url=step.url))
        out.append("")
    out += [f"## {texts('guide.troubleshooting_heading')}", "", *_bullets(texts("guide.troubleshooting_intro")), ""]
    for problem, example in COMMON_FAILURES:
        out += [
            f"### {texts(problem.title_key)}",
            "",
            f"{texts('guide.example_reply')}: `{example}`",
            "",
            texts(ECREA_SIDE_ACTIONS.get(problem, problem.action_key)),
            "",
        ]
    # Not a server reply the wizard can see: Ecrea's own wording for its TLS/SSL box.
    out += [
        f"### {texts('guide.tls_ssl_title')}",
        "",
        f"{texts('guide.example_reply')}: {texts('guide.tls_ssl_example')}",
        "",
        texts("guide.tls_ssl_action"),
        "",
        texts("guide.support"),
        "",
    ]
    return "\n".join(out).rstrip() + "\n"


def print_guide(args: Namespace, texts: Texts) -> int:
    """The `guide` command: --email and --name fill Ecrea's table, checked as the wizard checks them."""
    from wizard.cli.common import deliver_output
    from wizard.cli.settings import account_from_options

    account = account_from_options(args, texts, saved=False)
    if account is None:
        return 2
    return deliver_output(render_guide(texts.lang, *account, qr=args.qr), args, texts)
