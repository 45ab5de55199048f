"""The `settings` command: Ecrea's form values as text or JSON, never the password."""

from __future__ import annotations

import sys
from argparse import Namespace

from wizard.cli.common import deliver_output
from wizard.core.credentials import KeyringStatus, load_app_password
from wizard.core.ecrea_card import ecrea_card
from wizard.core.ecrea_settings import ecrea_fields
from wizard.core.explain import explain_address, explain_display_name
from wizard.core.output_filter import printable_json
from wizard.core.texts import Texts

PASSWORD_STATES = {
    KeyringStatus.OK: "stored",
    KeyringStatus.NOT_FOUND: "not_stored",
}


def password_state(address: str) -> str:
    """"stored", "not_stored" or "unavailable" (no store, locked, timed out, failed)."""
    if not address:
        return "not_stored"
    return PASSWORD_STATES.get(load_app_password(address).status, "unavailable")


def account_from_options(args: Namespace, texts: Texts, *, saved: bool) -> tuple[str, str] | None:
    """The address and display name from --email/--name (else the saved ones, if `saved`).

    Checked as the account screen checks them; None after printing what is wrong.
    """
    from wizard.core.account import check_address, suggest_gmail

    address = name = ""
    if saved:
        from wizard.core.locations import progress_path
        from wizard.core.progress import ProgressStore

        progress = ProgressStore(progress_path()).load().progress
        address, name = progress.email, progress.display_name
    if args.email is not None:
        check = check_address(args.email)
        if check.problem:
            print(texts("cli.bad_email", message=explain_address(check, texts)), file=sys.stderr)
            return None
        address = check.address
        suggestion = suggest_gmail(address)
        if suggestion:
            # The account screen's question, for a typo that would otherwise go into Ecrea's form.
            question = texts("address.did_you_mean", typed=address.partition("@")[2])
            print(texts("cli.email_typo", question=question, address=suggestion), file=sys.stderr)
    if args.name is not None:
        problem = explain_display_name(args.name, texts)
        if problem:
            print(texts("cli.bad_name", message=problem), file=sys.stderr)
            return None
        name = args.name
    return address, name


def settings_as_json(address: str, display_name: str, state: str) -> str:
    fields = [
        {
            "field": field.ja,
            "field_en": field.en,
            "key": field.key,
            "kind": field.kind.value,
            "value": field.value if field.known else None,
        }
        for field in ecrea_fields(address, display_name)
    ]
    return printable_json({"fields": fields, "smtp_password": state}, indent=2) + "\n"


def settings_as_text(address: str, display_name: str, state: str, texts: Texts) -> str:
    """The Ecrea input card, saying where the password comes from (never the password)."""
    note = texts(
        {"stored": "settings.password_stored", "not_stored": "settings.password_not_stored"}.get(
            state, "settings.password_unknown"
        )
    )
    return ecrea_card(address, display_name, texts, password_note=note)


def print_settings(args: Namespace, texts: Texts) -> int:
    account = account_from_options(args, texts, saved=True)
    if account is None:
        return 2
    address, name = account
    state = password_state(address)
    output = settings_as_json(address, name, state) if args.json else settings_as_text(address, name, state, texts)
    return deliver_output(output, args, texts)
