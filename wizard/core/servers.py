"""Gmail's servers: where the test send goes and where delivery is confirmed."""

from __future__ import annotations

from dataclasses import dataclass

SMTP_HOST = "smtp.gmail.com"
SMTP_PORT = 587
# Not in Ecrea's form: where the wizard signs in to confirm delivery, with the same app password.
IMAP_HOST = "imap.gmail.com"
IMAP_PORT = 993


@dataclass(frozen=True)
class Servers:
    """Where the wizard sends and looks: Gmail's servers, unless tests or a relay say otherwise."""

    smtp_host: str = SMTP_HOST
    smtp_port: int = SMTP_PORT
    imap_host: str = IMAP_HOST
    imap_port: int = IMAP_PORT
    ca_file: str | None = None
    """An extra CA certificate to trust, for both (verification stays on)."""
