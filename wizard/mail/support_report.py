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
from wizard.core.output_filter import printable_lines
from wizard.core.redaction import redact
from wizard.core.texts import Texts
from wizard.mail.confirm import ConfirmResult
from wizard.mail.diagnosis import explain_reply
from wizard.mail.send import SendRequest, SendResult


@dataclass(frozen=True)
class ReportContext:
    """Where the user is, for support staff on the phone."""

    display_name: str = ""
    step_on_screen: str = "-"
    completed: tuple[int, ...] = ()
    practice: bool = False
    keyring: str = "-"
    """What the password store said last: ok, not_found, locked, timed_out, ..."""
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
        (texts("report.keyring"), context.keyring),
        *((texts(_CONFIRMED[kind]), when) for kind, when in context.confirmed),
    ]


_CONFIRMED = {"send": "report.send_confirmed", "arrival": "report.arrival_confirmed", "ecrea": "report.ecrea_confirmed"}


def build_report(request: SendRequest, result: SendResult, context: ReportContext, texts: Texts) -> str:
    diagnosis = result.diagnosis
    yes_no = {True: texts("report.yes"), False: texts("report.no")}
    rows = [
        *_context_rows(context, texts),
        (texts("report.address"), request.address),
        (texts("report.display_name"), context.display_name),
        (texts("report.server"), f"{request.host}:{request.port}"),
        (texts("report.ca_file"), yes_no[bool(request.ca_file)]),
        (texts("report.stage"), result.reached.value if result.reached else "-"),
        (texts("report.result"), "ok" if diagnosis is None else diagnosis.key),
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
        (texts("report.result"), result.problem.value if result.problem else result.outcome.value),
        (texts("report.waits_by"), result.waits_by.value if result.waits_by else "-"),
    ]
    if result.detail:
        rows.append((texts("report.reply"), result.detail))
    lines = [texts("report.title"), *(f"{label}: {value}" for label, value in rows)]
    lines += ["", texts("report.transcript"), *result.transcript]
    return printable_lines(redact("\n".join(lines), address, password)) + "\n"
