"""What went wrong with a test send, in words a user can act on.

The table follows the replies Gmail gives (see shared/facts/gmail.md). Each
diagnosis names the stage it belongs to (for `check`'s exit code) and the step of
the wizard to go back to, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wizard.core.texts import Texts


class Stage(Enum):
    RESOLVE = "resolve"
    CONNECT = "connect"
    GREETING = "greeting"
    TLS = "tls"
    AUTH = "auth"
    SEND = "send"


# Documented in README: 0 is success, 2 is bad input (as argparse uses).
EXIT_CODES = {
    Stage.RESOLVE: 3,
    Stage.CONNECT: 3,
    Stage.GREETING: 3,
    Stage.TLS: 4,
    Stage.AUTH: 5,
    Stage.SEND: 6,
}
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Diagnosis:
    key: str
    """Names the texts "diagnosis_<key>_title" and "diagnosis_<key>_action"."""
    stage: Stage
    redo_step: int | None = None
    """The wizard step to go back to; None when the fix is outside the wizard."""
    reply: str = ""
    """The server's own reply (or the error), shown beneath the explanation."""
    from_server: bool = True
    """False when `reply` is a local error (DNS, socket, TLS) rather than the server's words."""

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.stage]


def diagnose_reply(stage: Stage, code: int, message: str) -> Diagnosis:
    """A diagnosis for an SMTP reply that refused what we asked."""
    reply = f"{code} {message}".strip()
    text = message.lower()
    if (code == 534 and "webloginrequired" in text) or "5.7.14" in text:
        return Diagnosis("web_login", stage, None, reply)
    if code == 534 or "invalidsecondfactor" in text or "application-specific password required" in text:
        return Diagnosis("ordinary_password", stage, 13, reply)
    if code == 535:
        return Diagnosis("bad_credentials", stage, 11, reply)
    if code == 530:
        return Diagnosis("no_tls", stage, 14, reply)
    if code == 421:
        return Diagnosis("try_later", stage, None, reply)
    if code == 454:
        return Diagnosis("too_many_attempts", stage, 13, reply)
    if (code == 550 and "5.4.5" in text) or "sending limit" in text:
        return Diagnosis("daily_limit", stage, None, reply)
    if code == 552:
        return Diagnosis("too_large", stage, None, reply)
    return Diagnosis("refused", stage, None, reply)


def diagnose_problem(key: str, stage: Stage, detail: str = "") -> Diagnosis:
    """For failures that are not a server reply: network, TLS, timeouts."""
    redo = {"no_starttls": 14}.get(key)
    return Diagnosis(key, stage, redo, detail, from_server=False)


# Every key a Diagnosis can carry; each has a title and an action in wizard.texts.
KNOWN_KEYS = (
    "web_login",
    "ordinary_password",
    "bad_credentials",
    "no_tls",
    "try_later",
    "too_many_attempts",
    "daily_limit",
    "too_large",
    "refused",
    "host_not_found",
    "connection_refused",
    "connect_timeout",
    "no_greeting",
    "reply_timeout",
    "disconnected",
    "no_starttls",
    "certificate",
    "tls_failed",
    "unexpected",
)


def explain_reply(diagnosis: Diagnosis, texts: Texts) -> str:
    """The server's words, or the local error, labelled as which it is; empty if none."""
    if not diagnosis.reply:
        return ""
    label = "send.server_reply" if diagnosis.from_server else "send.error_detail"
    return texts(label, reply=diagnosis.reply)
