"""The message a test send delivers: readable in Japanese, with a code to find it by."""

from __future__ import annotations

import secrets
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from wizard.core.texts import Texts

# No 0/O or 1/I/L, so the code reads back without doubt.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def one_time_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def build_sample_message(sender: str, display_name: str, recipient: str, code: str, texts: Texts) -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address(display_name=display_name, addr_spec=sender)
    message["To"] = recipient
    message["Subject"] = texts("mail.subject", code=code)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(texts("mail.body", code=code, sender=sender))
    return message
