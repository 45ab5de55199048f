"""Explanations of input problems, in the user's language."""

from __future__ import annotations

from wizard.account import AddressCheck, AddressProblem, display_name_problem
from wizard.app_password import PasswordCheck, Verdict
from wizard.credentials import KeyringResult, KeyringStatus
from wizard.diagnosis import Diagnosis
from wizard.ecrea_settings import EcreaField, FieldKind
from wizard.texts import Texts

_ADDRESS_KEYS = {
    AddressProblem.EMPTY: "address_empty",
    AddressProblem.NO_AT: "address_no_at",
    AddressProblem.SEVERAL_AT: "address_several_at",
    AddressProblem.SPACE: "address_space",
    AddressProblem.INVALID: "address_invalid",
}

_PASSWORD_KEYS = {
    Verdict.EMPTY: "password_empty",
    Verdict.VALID: "password_valid",
    Verdict.TOO_SHORT: "password_too_short",
    Verdict.TOO_LONG: "password_too_long",
    Verdict.SMS_CODE: "password_sms_code",
    Verdict.NOT_LETTERS: "password_not_letters",
}

_KEYRING_KEYS = {
    KeyringStatus.OK: "keyring_saved",
    KeyringStatus.NO_BACKEND: "keyring_no_backend",
    KeyringStatus.LOCKED: "keyring_locked",
    KeyringStatus.FAILED: "keyring_failed",
}


def explain_address(check: AddressCheck, texts: Texts) -> str:
    if check.problem is None:
        return ""
    return texts(_ADDRESS_KEYS[check.problem])


def explain_display_name(name: str, texts: Texts) -> str:
    char = display_name_problem(name)
    return texts("display_name_control", char=char) if char else ""


def explain_password(check: PasswordCheck, texts: Texts) -> str:
    return texts(_PASSWORD_KEYS[check.verdict], count=check.letters)


def explain_keyring_store(result: KeyringResult, texts: Texts) -> str:
    return texts(_KEYRING_KEYS[result.status], reason=result.reason)


def field_label(field: EcreaField, texts: Texts) -> str:
    """Ecrea's own (Japanese) name, with the English one beside it in English mode."""
    return field.ja if texts.lang == "ja" or field.ja == field.en else f"{field.ja} ({field.en})"


def field_value(field: EcreaField, texts: Texts, secret: str) -> str:
    """What to enter in an Ecrea field; `secret` is what to show for the password."""
    if not field.known:
        return texts("settings_unknown")
    match field.kind:
        case FieldKind.CHECKBOX:
            value = texts("settings_checkbox_on" if field.value == "on" else "settings_checkbox_off")
            return f"{value} ({texts('settings_tls_note')})" if field.key == "tls" else value
        case FieldKind.EMPTY:
            return texts("settings_empty")
        case FieldKind.SECRET:
            return secret
    if field.key == "display_name" and not field.value:
        return texts("settings_display_name_empty")
    if field.key == "send_interval":
        return f"{field.value} {texts('settings_send_interval_unit')}"
    return field.value


def explain_reply(diagnosis: Diagnosis, texts: Texts) -> str:
    """The server's words, or the local error, labelled as which it is; empty if none."""
    if not diagnosis.reply:
        return ""
    label = "send_server_reply" if diagnosis.from_server else "send_error_detail"
    return texts(label, reply=diagnosis.reply)
