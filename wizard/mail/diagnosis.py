"""What went wrong with a test send, in words a user can act on.

The table follows the replies Gmail gives (see shared/facts/gmail.md). Each
diagnosis names the stage it belongs to (for `check`'s exit code), the step of the
wizard to go back to, if any, and what a screen may offer to do about it.
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


class Offer(Enum):
    """Something a screen can offer beside the explanation."""

    REDO_STEP = "redo_step"
    TRY_PORT_465 = "try_port_465"
    OPEN_GMAIL = "open_gmail"


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
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Diagnosis:
    key: str
    """Names the texts "diagnosis.<key>.title" and "diagnosis.<key>.action"."""
    stage: Stage
    redo_step: str | None = None
    """The id of the wizard step to go back to; None when the fix is outside the wizard."""
    reply: str = ""
    """The server's own reply (or the error), shown beneath the explanation; already redacted."""
    from_server: bool = True
    """False when `reply` is a local error (DNS, socket, TLS) rather than the server's words."""
    offers: tuple[Offer, ...] = ()
    certificate_issuer: str = ""
    """Who issued the certificate that could not be verified, when it could be read."""
    trust_stores: tuple[str, ...] = ()
    """What verification consulted: the system's store ("windows", "macos" or a path), then any --ca-file."""

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.stage]


# What each diagnosis offers besides its text: the step to redo, and other ways out.
_REDO = {
    "ordinary_password": "copy-app-password",
    "bad_credentials": "app-passwords",
    "no_tls": "paste-into-ecrea",
    "too_many_attempts": "copy-app-password",
    "no_starttls": "paste-into-ecrea",
    "no_auth": "paste-into-ecrea",
    "wrong_protocol": "paste-into-ecrea",
}
_OFFERS = {
    "web_login": (Offer.OPEN_GMAIL,),
    "connection_refused": (Offer.TRY_PORT_465,),
    "connect_timeout": (Offer.TRY_PORT_465,),
}


def make_diagnosis(key: str, stage: Stage, reply: str = "", *, from_server: bool) -> Diagnosis:
    redo = _REDO.get(key)
    offers = _OFFERS.get(key, ()) + ((Offer.REDO_STEP,) if redo else ())
    return Diagnosis(key, stage, redo, reply, from_server, offers)


def diagnose_reply(stage: Stage, code: int, message: str) -> Diagnosis:
    """A diagnosis for an SMTP reply that refused what we asked."""
    reply = f"{code} {message}".strip()
    text = message.lower()
    if stage is Stage.TLS and code in (421, 454):
        key = "tls_unavailable"  # the server cannot start TLS now; a sign-in count has nothing to do with it
    elif (code == 534 and "webloginrequired" in text) or "5.7.14" in text:
        key = "web_login"
    elif code == 534 or "invalidsecondfactor" in text or "application-specific password required" in text:
        key = "ordinary_password"
    elif code == 535:
        key = "bad_credentials"
    elif code == 530:
        key = "no_tls"
    elif code == 421:
        key = "try_later"
    elif code == 454:
        key = "too_many_attempts"
    elif (code == 550 and "5.4.5" in text) or "sending limit" in text:
        key = "daily_limit"
    elif code == 552:
        key = "too_large"
    else:
        key = "refused"
    return make_diagnosis(key, stage, reply, from_server=True)


def diagnose_problem(key: str, stage: Stage, detail: str = "") -> Diagnosis:
    """For failures that are not a server reply: network, TLS, timeouts."""
    return make_diagnosis(key, stage, detail, from_server=False)


# Every key a Diagnosis can carry; each has a title and an action in the texts.
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
    "tls_unavailable",
    "certificate",
    "tls_failed",
    "no_auth",
    "wrong_protocol",
    "unexpected",
)


def explain_reply(diagnosis: Diagnosis, texts: Texts) -> str:
    """The server's words, or the local error, labelled as which it is; for a certificate, whose it was
    and what was trusted. Empty if there is nothing to add."""
    lines = []
    if diagnosis.reply:
        label = "send.server_reply" if diagnosis.from_server else "send.error_detail"
        lines.append(texts(label, reply=diagnosis.reply))
    if diagnosis.certificate_issuer:
        lines.append(texts("trust.issuer", issuer=diagnosis.certificate_issuer))
    if diagnosis.trust_stores:
        lines.append(texts("trust.consulted", stores=describe_stores(diagnosis.trust_stores, texts)))
    return "\n".join(lines)


_PLATFORM_STORES = {"windows": "trust.store_windows", "macos": "trust.store_macos"}


def describe_stores(stores: tuple[str, ...], texts: Texts) -> str:
    """The stores a verification consulted, in words: the system's own first, then the --ca-file."""
    names = []
    for position, store in enumerate(stores):
        if position and store:
            names.append(texts("trust.store_ca_file", path=store))
        elif store in _PLATFORM_STORES:
            names.append(texts(_PLATFORM_STORES[store]))
        else:
            names.append(texts("trust.store_file", path=store or "-"))
    return texts("trust.separator").join(names)
