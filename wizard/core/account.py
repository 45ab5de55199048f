"""The Gmail address and the sender display name, checked before they are used."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from wizard.core.output_filter import refused_character

GMAIL_DOMAINS = ("gmail.com", "googlemail.com")

# Real mail services a letter or two away from gmail.com: never "corrected".
_REAL_NEIGHBOURS = frozenset({"mail", "email", "ymail", "gmx", "mail.com", "email.com", "ymail.com", "gmx.com"})


class AddressProblem(Enum):
    EMPTY = "empty"
    NO_AT = "no_at"
    SEVERAL_AT = "several_at"
    SPACE = "space"
    NOT_ASCII = "not_ascii"
    """Gmail addresses are ASCII; a full-width or accented letter is a typo that would fail later."""
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
    local_part = text.rpartition("@")[0]
    foreign = next((char for char in local_part if not char.isascii() or not char.isprintable()), None)
    if foreign is not None:
        shown = f"{foreign} " if foreign.isprintable() else ""
        return AddressCheck(problem=AddressProblem.NOT_ASCII, detail=f"{shown}U+{ord(foreign):04X}")
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


def _edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of two neighbours (gamil -> gmail)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def suggest_gmail(address: str) -> str | None:
    """The address with gmail.com if its domain looks like a typo of it (gmial.com, gmail.con)."""
    local, _, domain = address.rpartition("@")
    domain = domain.lower()
    first_label = domain.partition(".")[0]
    if not local or domain in GMAIL_DOMAINS or {domain, first_label} & _REAL_NEIGHBOURS:
        return None
    # gmial.com, gmail.con, and "gmail" with another ending (gmail.co.jp, gmail.net).
    if _edit_distance(domain, "gmail.com") <= 2 or _edit_distance(first_label, "gmail") <= 1:
        return f"{local}@gmail.com"
    return None


def display_name_problem(name: str) -> str | None:
    """As `refused_character`: an empty name is fine."""
    return refused_character(name)
