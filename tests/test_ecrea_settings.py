from __future__ import annotations

from wizard.core.ecrea_settings import FieldKind, ecrea_fields


def test_fields_in_ecreas_order_with_ecreas_names() -> None:
    fields = ecrea_fields("ecrea.test@gmail.com", "Ecreaマニュアル用")
    assert [f.ja for f in fields] == [
        "送信元メールアドレス",
        "送信元表示名",
        "SMTPホスト",
        "SMTPポート",
        "SMTP認証",
        "SMTPユーザー",
        "SMTPパスワード",
        "POP before SMTP",
        "POPホスト",
        "POPポート",
        "POPユーザー",
        "POPパスワード",
        "TLS/SSL通信",
        "ローカルホスト名",
        "送信間隔",
    ]
    values = {f.key: (f.kind, f.value) for f in fields}
    assert values["sender_address"] == (FieldKind.TEXT, "ecrea.test@gmail.com")
    assert values["smtp_user"] == (FieldKind.TEXT, "ecrea.test@gmail.com")
    assert values["display_name"] == (FieldKind.TEXT, "Ecreaマニュアル用")
    assert values["smtp_host"] == (FieldKind.TEXT, "smtp.gmail.com")
    assert values["smtp_port"] == (FieldKind.TEXT, "587")
    assert values["smtp_auth"] == (FieldKind.CHECKBOX, "on")
    assert values["pop_before_smtp"] == (FieldKind.CHECKBOX, "off")
    assert values["tls"] == (FieldKind.CHECKBOX, "on")
    assert values["smtp_password"] == (FieldKind.SECRET, "")
    assert values["send_interval"] == (FieldKind.TEXT, "10000")
    assert all(values[key] == (FieldKind.EMPTY, "") for key in ("pop_host", "pop_port", "pop_user", "pop_password", "local_hostname"))


def test_unknown_address_is_marked_unknown() -> None:
    fields = {f.key: f for f in ecrea_fields("", "")}
    assert not fields["sender_address"].known and not fields["smtp_user"].known
    assert fields["display_name"].known and fields["smtp_host"].known
