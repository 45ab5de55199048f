"""Keeping the app password out of everything shown, printed or reported.

A server may quote what it was sent (some echo the AUTH line in an error), and a
password travels base64-encoded inside AUTH PLAIN and AUTH LOGIN. Every text that
leaves the engine is scrubbed of each of these forms.
"""

from __future__ import annotations

import base64

from wizard.core.app_password import group_in_fours

REDACTED = "[redacted]"


def secret_forms(address: str, password: str) -> list[str]:
    """The password as it could appear: plain, spaced, and in the base64 of AUTH PLAIN / LOGIN / IMAP."""
    if not password:
        return []
    forms = {password, group_in_fours(password)}
    for raw in (password, f"\0{address}\0{password}", f"{address}\0{password}"):
        encoded = base64.b64encode(raw.encode()).decode()
        forms.add(encoded)
        forms.add(encoded.rstrip("="))
    # Longest first, so a form that contains another is replaced whole.
    return sorted(forms, key=len, reverse=True)


def redact(text: str, address: str, password: str) -> str:
    for secret in secret_forms(address, password):
        text = text.replace(secret, REDACTED)
    return text
