"""App passwords are scrubbed by shape and by every value held, not only the one in memory."""

from __future__ import annotations

import base64
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.core.crash_report import save_crash_report
from wizard.core.redaction import REDACTED, redact, remember_password

ADDRESS = "victim@gmail.com"
NEVER_HELD = "xkcdpwqzrtmnbvha"
"""Shaped like an app password, and never typed, stored or loaded by any test."""


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def forms_of(password: str, address: str = ADDRESS) -> list[str]:
    grouped = " ".join(password[i : i + 4] for i in range(0, 16, 4))
    return [
        password, grouped, password.upper(), grouped.upper(), password.capitalize(), grouped.title(),
        b64(f"\0{address}\0{password}"), b64(f"\0{address}\0{password}").rstrip("="), b64(f"{address}\0{password}"),
        b64(password), b64(password).rstrip("="), b64(grouped), b64(f"\0someone.else@example.com\0{password}"),
    ]


def assert_hidden(text: str, password: str) -> None:
    for form in forms_of(password):
        assert form not in text, form
    assert password not in text.lower() and password[:8] not in text.lower()


@pytest.mark.parametrize("form", forms_of(NEVER_HELD))
def test_every_form_of_a_password_never_held_is_hidden_by_its_shape(form: str) -> None:
    for text in (form, f"plain={form}.", f"「{form}」です", f"b64auth={form}\n", f"9{form};", f"AUTH PLAIN {form}"):
        redacted = redact(text)
        assert REDACTED in redacted, text
        assert_hidden(redacted, NEVER_HELD)


@pytest.mark.parametrize("prefix", ["", "a", "ab", "abc", "+/9"])
def test_base64_glued_to_other_characters_is_still_read(prefix: str) -> None:
    text = f"data={prefix}{b64(chr(0) + ADDRESS + chr(0) + NEVER_HELD)}"
    assert_hidden(redact(text), NEVER_HELD)


def test_every_password_held_is_hidden_in_any_case_and_spacing() -> None:
    held = "qwhz7mvtr!kpld"  # not shaped like an app password: only holding it hides it
    remember_password(held)
    text = f"a={held} b={held.upper()} c={held[:4]} {held[4:8]} {held[8:]} d={b64(chr(0) + 'x@y.z' + chr(0) + held)}"
    redacted = redact(text)
    assert held[:8] not in redacted.lower() and "QWHZ" not in redacted
    assert redacted.count(REDACTED) == 4


def test_names_and_ordinary_text_stay_readable() -> None:
    text = (
        'Traceback (most recent call last):\n'
        '  File "/home/u/wizard/ui/widgets/app_password_panel.py", line 118, in on_input_changed\n'
        "    check = check_app_password(event.value)\n"
        "InterruptedError: 534 5.7.9 p=WebLoginRequired SMTPConnectError CertificateError AlertDescription\n"
        "15 letters: thequickbrownfo, 17 letters: thequickbrownfoxj, digits: thequick12345678\n"
        "日本語のテキスト、テストメール（照合用コード K7PQ2M）\n"
        "C: EHLO [127.0.0.1]\nS: 250-mx.google.com at your service\nC: AUTH [credentials hidden]\n"
        "ecrea.test@gmail.com 2026-12-01T00:48:40+00:00 SGVsbG8sIHdvcmxkIQ== /usr/lib/python3.11/asyncio/base_events.py\n"
    )
    assert redact(text, "ecrea.test@gmail.com", "zzzzyyyyxxxxwwww") == text


def test_the_support_report_labels_survive_in_both_languages() -> None:
    from wizard.core.texts import Texts

    for lang in ("ja", "en"):
        texts = Texts(lang)
        for key in ("report.title", "report.transcript", "report.reply", "report.certificate", "report.address"):
            assert redact(texts(key)) == texts(key)


def crash_with(message: str) -> RuntimeError:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return error


def test_a_crash_report_keeps_no_form_of_a_password_the_wizard_never_held(tmp_path: Path) -> None:
    grouped = " ".join(NEVER_HELD[i : i + 4] for i in range(0, 16, 4))
    message = (
        f"plain={NEVER_HELD} grouped={grouped} upper={NEVER_HELD.upper()} upper_grouped={grouped.upper()} "
        f"b64auth={b64(chr(0) + ADDRESS + chr(0) + NEVER_HELD)} b64={b64(NEVER_HELD)} "
        f"title=\x1b]0;PWNED\x07\u202e"
    )
    path = save_crash_report(crash_with(message), tmp_path, address=ADDRESS, password="ppppqqqqrrrrssss")
    assert path is not None and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError: plain=[redacted] grouped=[redacted] upper=[redacted]" in text
    assert_hidden(text, NEVER_HELD)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "test_redaction.py" in text and "crash_with" in text  # still a useful traceback


def test_the_l1_reproduction_in_the_running_wizard(tmp_path: Path) -> None:
    """The review's L1: an injected error quotes a typed password that is not the one in memory.

    A real process: the wizard's crash handling as the process ends is the subject."""
    script = (
        "import asyncio, base64, sys, time\n"
        "from pathlib import Path\n"
        "from wizard.core.step_order import number_of\n"
        "from wizard.ui.app import make_app\n"
        "from wizard.ui.places import AtStep\n"
        "from wizard.ui.widgets.app_password_panel import AppPasswordInput\n"
        "app = make_app(lang='en', progress_file=Path(sys.argv[1]))\n"
        "app.session.progress.email = 'victim@gmail.com'\n"
        "app.session.set_password('qwhzmvtrkpldsnex')\n"
        "app.session.set_password('ppppqqqqrrrrssss')\n"
        "typed, other = sys.argv[2], sys.argv[3]\n"
        "async def broken():\n"
        "    app.go(AtStep('copy-app-password'))\n"
        "    deadline = time.monotonic() + 30\n"
        "    while not app.screen.query(AppPasswordInput) and time.monotonic() < deadline:\n"
        "        await asyncio.sleep(0.05)\n"
        "    field = app.screen.query_one(AppPasswordInput)\n"
        "    field.value = 'hunter2 hunter2'\n"  # half typed, and not shaped like an app password
        "    b64 = base64.b64encode(('\\0victim@gmail.com\\0' + typed).encode()).decode()\n"
        "    raise RuntimeError(f'plain={typed} grouped={other} upper={typed.upper()} b64auth={b64} '\n"
        "                       f'field=hunter2 hunter2 old=qwhzmvtrkpldsnex')\n"
        "app.call_later(broken)\n"
        "app.run(headless=True, size=(80, 24))\n"
        "sys.exit(app.return_code)\n"
    )
    progress = tmp_path / "state" / "progress.json"
    grouped = " ".join(NEVER_HELD[i : i + 4] for i in range(0, 16, 4))
    result = subprocess.run([sys.executable, "-c", script, str(progress), NEVER_HELD, grouped],
                            capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "[redacted]" in output
    (report,) = (tmp_path / "state").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: plain=[redacted]" in text, text
    assert_hidden(text, NEVER_HELD)
    for secret in ("qwhzmvtrkpldsnex", "ppppqqqqrrrrssss", "hunter2 hunter2", "hunter2"):
        assert secret not in text, secret
