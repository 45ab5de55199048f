"""Explanations of input problems, in the user's language."""

from __future__ import annotations

from wizard.core.account import AddressCheck, AddressProblem, display_name_problem
from wizard.core.app_password import PasswordCheck, Verdict
from wizard.core.credentials import ALLOW_BACKEND_VARIABLE, KeyringResult, KeyringStatus
from wizard.core.ecrea_settings import EcreaField, FieldKind
from wizard.core.output_filter import printable
from wizard.core.texts import Texts

_ADDRESS_KEYS = {
    AddressProblem.EMPTY: "address.empty",
    AddressProblem.NO_AT: "address.no_at",
    AddressProblem.SEVERAL_AT: "address.several_at",
    AddressProblem.SPACE: "address.space",
    AddressProblem.NOT_ASCII: "address.not_ascii",
    AddressProblem.INVALID: "address.invalid",
}

_PASSWORD_KEYS = {
    Verdict.EMPTY: "password.empty",
    Verdict.VALID: "password.valid",
    Verdict.TOO_SHORT: "password.too_short",
    Verdict.TOO_LONG: "password.too_long",
    Verdict.SMS_CODE: "password.sms_code",
    Verdict.NOT_LETTERS: "password.not_letters",
}

_KEYRING_KEYS = {
    KeyringStatus.OK: "keyring.saved",
    KeyringStatus.NO_BACKEND: "keyring.no_backend",
    KeyringStatus.REFUSED: "keyring.refused",
    KeyringStatus.LOCKED: "keyring.locked",
    KeyringStatus.TIMED_OUT: "keyring.timed_out",
    KeyringStatus.FAILED: "keyring.failed",
}


def explain_address(check: AddressCheck, texts: Texts) -> str:
    if check.problem is None:
        return ""
    # email-validator's explanation may quote what was typed or pasted.
    return texts(_ADDRESS_KEYS[check.problem], char=printable(check.detail))


def explain_display_name(name: str, texts: Texts) -> str:
    char = display_name_problem(name)
    return texts("display_name.control", char=char) if char else ""


def explain_password(check: PasswordCheck, texts: Texts) -> str:
    return texts(_PASSWORD_KEYS[check.verdict], count=check.letters)


def explain_keyring_store(result: KeyringResult, texts: Texts) -> str:
    return texts(_KEYRING_KEYS[result.status], reason=result.reason, variable=ALLOW_BACKEND_VARIABLE)


def field_label(field: EcreaField, texts: Texts) -> str:
    """Ecrea's own (Japanese) name, with the English one beside it in English mode."""
    return field.ja if texts.lang == "ja" or field.ja == field.en else f"{field.ja} ({field.en})"


def field_value(field: EcreaField, texts: Texts, secret: str) -> str:
    """What to enter in an Ecrea field; `secret` is what to show for the password."""
    if not field.known:
        return texts("settings.unknown")
    match field.kind:
        case FieldKind.CHECKBOX:
            value = texts("settings.checkbox_on" if field.value == "on" else "settings.checkbox_off")
            if field.key == "tls":
                return texts("settings.with_note", value=value, note=texts("settings.tls_note"))
            return value
        case FieldKind.EMPTY:
            return texts("settings.empty")
        case FieldKind.SECRET:
            return secret
    if field.key == "display_name" and not field.value:
        return texts("settings.display_name_empty")
    if field.key == "send_interval":
        return f"{field.value} {texts('settings.send_interval_unit')}"
    return field.value

