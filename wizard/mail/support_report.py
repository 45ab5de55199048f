"""A support report a customer can send: versions, settings, where they are in the wizard,
the stage reached and the redacted SMTP transcript. Never the password, in any encoding,
and nothing a terminal or an editor would act on: each line goes through the output filter."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata

from wizard import __version__
from wizard.core.credentials import KeyringStatus
from wizard.core.output_filter import printable_lines
from wizard.core.redaction import redact
from wizard.core.texts import Texts
from wizard.mail.confirm import ConfirmResult, Outcome
from wizard.mail.diagnosis import explain_reply
from wizard.mail.mailbox import WaitsBy
from wizard.mail.send import SendRequest, SendResult


@dataclass(frozen=True)
class ReportContext:
    """Where the user is, for support staff on the phone."""

    display_name: str = ""
    step_on_screen: str = "-"
    completed: tuple[int, ...] = ()
    practice: bool = False
    keyring: KeyringStatus | None = None
    """What the password store said last; None when it was not used (practice, or never asked)."""
    terminal_size: str = "-"
    confirmed: tuple[tuple[str, str], ...] = ()
    """Earlier successes from progress: ("send", time), ("arrival", "<time> (受信トレイ)"), ("ecrea", time)."""
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _context_rows(context: ReportContext, texts: Texts) -> list[tuple[str, str]]:
    local = context.now.astimezone()
    versions = f"ecrea-gmail-setup {__version__}, textual {_version('textual')}, python {sys.version.split()[0]}"
    return [
        (texts("report.version"), versions),
        (texts("report.os"), platform.platform()),
        (texts("report.time"), f"{context.now:%Y-%m-%d %H:%M:%S} UTC / {local:%Y-%m-%d %H:%M:%S %z}"),
        (texts("report.practice"), texts("report.yes") if context.practice else texts("report.no")),
        (texts("report.terminal"), context.terminal_size),
        (texts("report.step_on_screen"), context.step_on_screen),
        (texts("report.completed"), ", ".join(map(str, context.completed)) or "-"),
        (texts("report.keyring"), texts(_KEYRING[context.keyring] if context.keyring else _KEYRING_NOT_USED)),
        *((texts(_CONFIRMED[kind]), when) for kind, when in context.confirmed),
    ]


# In words, as support staff and the user read them on the phone: never an internal code.
_KEYRING = {
    KeyringStatus.OK: "report.keyring_state.ok",
    KeyringStatus.NOT_FOUND: "report.keyring_state.not_found",
    KeyringStatus.NO_BACKEND: "report.keyring_state.no_backend",
    KeyringStatus.REFUSED: "report.keyring_state.refused",
    KeyringStatus.LOCKED: "report.keyring_state.locked",
    KeyringStatus.TIMED_OUT: "report.keyring_state.timed_out",
    KeyringStatus.FAILED: "report.keyring_state.failed",
}
_KEYRING_NOT_USED = "report.keyring_state.not_used"
_OUTCOME = {
    Outcome.INBOX: "report.outcome.inbox",
    Outcome.JUNK: "report.outcome.junk",
    Outcome.NOT_FOUND: "report.outcome.not_found",
    Outcome.SEEN: "report.outcome.seen",
    Outcome.UNAVAILABLE: "report.outcome.unavailable",
}
_WAITS_BY = {WaitsBy.IDLE: "report.waits.idle", WaitsBy.POLL: "report.waits.poll"}

_CONFIRMED = {"send": "report.send_confirmed", "arrival": "report.arrival_confirmed", "ecrea": "report.ecrea_confirmed"}


def build_report(request: SendRequest, result: SendResult, context: ReportContext, texts: Texts) -> str:
    diagnosis = result.diagnosis
    yes_no = {True: texts("report.yes"), False: texts("report.no")}
    # Practice mode's own throwaway CA is not one the user gave (--ca-file).
    ca_file = texts("report.ca_file_practice") if context.practice else yes_no[bool(request.ca_file)]
    rows = [
        *_context_rows(context, texts),
        (texts("report.address"), request.address),
        (texts("report.display_name"), context.display_name),
        (texts("report.server"), f"{request.host}:{request.port}"),
        (texts("report.ca_file"), ca_file),
        (texts("report.stage"), texts(result.reached.text_key) if result.reached else "-"),
        (texts("report.result"), texts(diagnosis.problem.title_key if diagnosis else "report.result_ok")),
    ]
    if diagnosis and diagnosis.reply:
        rows.append((texts("report.reply"), diagnosis.reply))
    if result.certificate:
        rows.append((texts("report.certificate"), result.certificate))
    lines = [texts("report.title"), *(f"{label}: {value}" for label, value in rows)]
    if diagnosis and (diagnosis.certificate_issuer or diagnosis.trust_stores):
        lines += explain_reply(replace(diagnosis, reply=""), texts).splitlines()
    lines += ["", texts("report.transcript"), *result.transcript]
    return printable_lines(redact("\n".join(lines), request.address, request.password.reveal())) + "\n"


def build_mailbox_record(
    result: ConfirmResult, context: ReportContext, texts: Texts, *, server: str, address: str, password: str
) -> str:
    """The same report for a look into the mailbox (IMAP): where it looked, what it found, the transcript."""
    rows = [
        *_context_rows(context, texts),
        (texts("report.address"), address),
        (texts("report.server"), server),
        (texts("report.result"), texts(result.problem.title_key if result.problem else _OUTCOME[result.outcome])),
        (texts("report.waits_by"), texts(_WAITS_BY[result.waits_by]) if result.waits_by else "-"),
    ]
    if result.detail:
        rows.append((texts("report.reply"), result.detail))
    lines = [texts("report.title"), *(f"{label}: {value}" for label, value in rows)]
    lines += ["", texts("report.transcript"), *result.transcript]
    return printable_lines(redact("\n".join(lines), address, password)) + "\n"
