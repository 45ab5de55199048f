"""The values to enter in Ecrea's mail settings form (「メール設定 - 更新」), in its order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wizard.core.servers import SMTP_HOST, SMTP_PORT

SEND_INTERVAL_MS = 10000


class FieldKind(Enum):
    TEXT = "text"
    """A value typed into a text box."""
    CHECKBOX = "checkbox"
    SECRET = "secret"
    EMPTY = "empty"
    """Left empty."""


@dataclass(frozen=True)
class EcreaField:
    key: str
    ja: str
    """The field's name exactly as Ecrea's form shows it."""
    en: str
    kind: FieldKind
    value: str = ""
    """For CHECKBOX: "on" or "off". For SECRET: empty; the password is never held here."""
    known: bool = True
    """False when the wizard does not know the value yet (e.g. no address entered)."""

    @property
    def indented(self) -> bool:
        """The POP fields sit under the "POP before SMTP" checkbox in Ecrea's form."""
        return self.key.startswith("pop_") and self.key != "pop_before_smtp"


def ecrea_fields(address: str, display_name: str) -> tuple[EcreaField, ...]:
    return (
        EcreaField("sender_address", "送信元メールアドレス", "Sender address", FieldKind.TEXT, address, bool(address)),
        EcreaField("display_name", "送信元表示名", "Sender display name", FieldKind.TEXT, display_name),
        EcreaField("smtp_host", "SMTPホスト", "SMTP host", FieldKind.TEXT, SMTP_HOST),
        EcreaField("smtp_port", "SMTPポート", "SMTP port", FieldKind.TEXT, str(SMTP_PORT)),
        EcreaField("smtp_auth", "SMTP認証", "SMTP authentication", FieldKind.CHECKBOX, "on"),
        EcreaField("smtp_user", "SMTPユーザー", "SMTP user", FieldKind.TEXT, address, bool(address)),
        EcreaField("smtp_password", "SMTPパスワード", "SMTP password", FieldKind.SECRET),
        EcreaField("pop_before_smtp", "POP before SMTP", "POP before SMTP", FieldKind.CHECKBOX, "off"),
        EcreaField("pop_host", "POPホスト", "POP host", FieldKind.EMPTY),
        EcreaField("pop_port", "POPポート", "POP port", FieldKind.EMPTY),
        EcreaField("pop_user", "POPユーザー", "POP user", FieldKind.EMPTY),
        EcreaField("pop_password", "POPパスワード", "POP password", FieldKind.EMPTY),
        EcreaField("tls", "TLS/SSL通信", "TLS/SSL", FieldKind.CHECKBOX, "on"),
        EcreaField("local_hostname", "ローカルホスト名", "Local host name", FieldKind.EMPTY),
        EcreaField("send_interval", "送信間隔", "Send interval", FieldKind.TEXT, str(SEND_INTERVAL_MS)),
    )
