"""The Gmail address and the sender display name, checked before they are used."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


class AddressProblem(Enum):
    EMPTY = "empty"
    NO_AT = "no_at"
    SEVERAL_AT = "several_at"
    SPACE = "space"
    INVALID = "invalid"


class AccountKind(Enum):
    GMAIL = "gmail"
    OTHER_DOMAIN = "other_domain"
    """Maybe Google Workspace: the user is asked."""


@dataclass(frozen=True)
class AddressCheck:
    address: str = ""
    kind: AccountKind | None = None
    problem: AddressProblem | None = None
    detail: str = ""
    """email-validator's own explanation (English), for support staff."""


def check_address(text: str) -> AddressCheck:
    """Syntax only: nothing is looked up on the network."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return AddressCheck(problem=AddressProblem.EMPTY)
    if "@" not in text:
        return AddressCheck(problem=AddressProblem.NO_AT)
    if text.count("@") > 1:
        return AddressCheck(problem=AddressProblem.SEVERAL_AT)
    if any(char.isspace() for char in text):
        return AddressCheck(problem=AddressProblem.SPACE)
    # Imported here: email-validator (and idna) would slow the wizard's start-up.
    from email_validator import EmailNotValidError, validate_email

    try:
        valid = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        return AddressCheck(problem=AddressProblem.INVALID, detail=str(error))
    domain = valid.domain.lower()
    address = f"{valid.local_part}@{domain}"
    kind = AccountKind.GMAIL if domain in GMAIL_DOMAINS else AccountKind.OTHER_DOMAIN
    return AddressCheck(address=address, kind=kind)


def display_name_problem(name: str) -> str | None:
    """The first character that would break a mail header, as U+XXXX, or None.

    Control characters (CR and LF above all) and line or paragraph separators are
    refused; any other text, Japanese included, is fine, and so is an empty name.
    """
    for char in name:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return f"U+{ord(char):04X}"
    return None
