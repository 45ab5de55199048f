"""The core modules decide everything that can be decided without a screen: they import no Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "wizard.account",
    "wizard.app_password",
    "wizard.check_command",
    "wizard.credentials",
    "wizard.diagnosis",
    "wizard.ecrea_settings",
    "wizard.explain",
    "wizard.gmail_like_server",
    "wizard.guide_markdown",
    "wizard.line_breaking",
    "wizard.practice",
    "wizard.progress",
    "wizard.settings_report",
    "wizard.smtp_check",
    "wizard.step_content",
    "wizard.support_report",
    "wizard.test_message",
    "wizard.texts",
]


def test_core_modules_import_no_textual() -> None:
    code = f"import sys\nfor name in {CORE!r}: __import__(name)\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_the_first_screen_does_not_load_slow_libraries() -> None:
    code = (
        "import sys\nfrom wizard.app import make_app\nimport wizard.screens.welcome_screen\n"
        "print(sorted(m for m in ('keyring', 'aiosmtplib', 'email_validator', 'aiosmtpd', 'trustme') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
