"""Gmail's servers: where the test send goes, where delivery is confirmed, and how long each may take."""

from __future__ import annotations

from dataclasses import dataclass

SMTP_HOST = "smtp.gmail.com"
SMTP_PORT = 587
# Not in Ecrea's form: where the wizard signs in to confirm delivery, with the same app password.
IMAP_HOST = "imap.gmail.com"
IMAP_PORT = 993

# How long the wizard waits on them; the screens and the command line's defaults alike.
SEND_TIMEOUT = 60.0
"""The default bound on the whole test send, resolve to QUIT."""
ARRIVAL_TIMEOUT = 60.0
"""How long to look for the test mail: Gmail usually files it within seconds."""
SENT_TIMEOUT = 180.0
"""How long to watch Sent Mail for Ecrea's test: time to switch windows and press two buttons."""


@dataclass(frozen=True)
class Servers:
    """Where the wizard sends and looks: Gmail's servers, unless tests or a relay say otherwise."""

    smtp_host: str = SMTP_HOST
    smtp_port: int = SMTP_PORT
    imap_host: str = IMAP_HOST
    imap_port: int = IMAP_PORT
    ca_file: str | None = None
    """An extra CA certificate to trust, for both (verification stays on)."""
