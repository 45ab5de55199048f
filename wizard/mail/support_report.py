"""A support report a customer can send: versions, settings, stage reached and the
redacted SMTP transcript. Never the password, in any encoding."""

from __future__ import annotations

import base64
import platform
import sys
from importlib import metadata

from wizard import __version__
from wizard.core.app_password import group_in_fours
from wizard.mail.send import CheckRequest, CheckResult


def secret_forms(address: str, password: str) -> list[str]:
    """The password as it could appear on the wire: plain, spaced, and in AUTH's base64."""
    if not password:
        return []
    forms = [password, group_in_fours(password)]
    for raw in (password, f"\0{address}\0{password}", f"{address}\0{password}"):
        forms.append(base64.b64encode(raw.encode()).decode())
    return forms


def redact(text: str, address: str, password: str) -> str:
    for secret in secret_forms(address, password):
        text = text.replace(secret, "[redacted]")
    return text


def build_report(request: CheckRequest, result: CheckResult, display_name: str) -> str:
    try:
        textual_version = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual_version = "?"
    diagnosis = result.diagnosis
    lines = [
        "ecrea-gmail-setup support report",
        f"version: {__version__}",
        f"os: {platform.platform()}",
        f"python: {sys.version.split()[0]}",
        f"textual: {textual_version}",
        f"address: {request.address}",
        f"display name: {display_name}",
        f"server: {request.host}:{request.port}",
        f"extra CA file: {'yes' if request.ca_file else 'no'}",
        f"stage reached: {result.reached.value if result.reached else '-'}",
        f"result: {'ok' if result.ok else diagnosis.key}",
    ]
    if diagnosis and diagnosis.reply:
        lines.append(f"reply: {diagnosis.reply}")
    if result.certificate:
        lines.append(f"certificate: {result.certificate}")
    lines += ["", "transcript:", *result.transcript]
    return redact("\n".join(lines) + "\n", request.address, request.password)
