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

    @property
    def text_key(self) -> str:
        return f"stage.{self.value}"

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.text_key,)


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


class Problem(Enum):
    """Every way a test send can fail, with what the wizard can do about each.

    Its words are `diagnosis.<value>.title` and `.action` in the texts (a test checks both
    languages have them); the value is also the stable name `check --json` prints.
    """

    WEB_LOGIN = "web_login"
    ORDINARY_PASSWORD = "ordinary_password"
    BAD_CREDENTIALS = "bad_credentials"
    NO_TLS = "no_tls"
    TRY_LATER = "try_later"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    DAILY_LIMIT = "daily_limit"
    TOO_LARGE = "too_large"
    SYNTAX_ERROR = "syntax_error"
    REFUSED = "refused"
    HOST_NOT_FOUND = "host_not_found"
    CONNECTION_REFUSED = "connection_refused"
    CONNECT_TIMEOUT = "connect_timeout"
    NO_GREETING = "no_greeting"
    REPLY_TIMEOUT = "reply_timeout"
    DISCONNECTED = "disconnected"
    NO_STARTTLS = "no_starttls"
    TLS_UNAVAILABLE = "tls_unavailable"
    CERTIFICATE = "certificate"
    TLS_FAILED = "tls_failed"
    NO_AUTH = "no_auth"
    WRONG_PROTOCOL = "wrong_protocol"
    UNEXPECTED = "unexpected"

    @property
    def title_key(self) -> str:
        return f"diagnosis.{self.value}.title"

    @property
    def action_key(self) -> str:
        return f"diagnosis.{self.value}.action"

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.title_key, self.action_key)

    @property
    def redo_step(self) -> str | None:
        """The id of the wizard step to go back to; None when the fix is outside the wizard."""
        return _REDO.get(self)

    @property
    def offers(self) -> tuple[Offer, ...]:
        return _OFFERS.get(self, ()) + ((Offer.REDO_STEP,) if self.redo_step else ())


# What each problem offers besides its text: the step to redo, and other ways out.
_REDO = {
    Problem.ORDINARY_PASSWORD: "copy-app-password",
    Problem.BAD_CREDENTIALS: "app-passwords",
    Problem.NO_TLS: "paste-into-ecrea",
    Problem.SYNTAX_ERROR: "paste-into-ecrea",
    Problem.TOO_MANY_ATTEMPTS: "copy-app-password",
    Problem.NO_STARTTLS: "paste-into-ecrea",
    Problem.NO_AUTH: "paste-into-ecrea",
    Problem.WRONG_PROTOCOL: "paste-into-ecrea",
}
_OFFERS = {
    Problem.WEB_LOGIN: (Offer.OPEN_GMAIL,),
    Problem.CONNECTION_REFUSED: (Offer.TRY_PORT_465,),
    Problem.CONNECT_TIMEOUT: (Offer.TRY_PORT_465,),
}


@dataclass(frozen=True)
class Diagnosis:
    problem: Problem
    stage: Stage
    reply: str = ""
    """The server's own reply (or the error), shown beneath the explanation; already redacted."""
    from_server: bool = True
    """False when `reply` is a local error (DNS, socket, TLS) rather than the server's words."""
    certificate_issuer: str = ""
    """Who issued the certificate that could not be verified, when it could be read."""
    trust_stores: tuple[str, ...] = ()
    """What verification consulted: the system's store ("windows", "macos" or a path), then any --ca-file."""

    @property
    def key(self) -> str:
        """The problem's stable name (`check --json`, the support report)."""
        return self.problem.value

    @property
    def redo_step(self) -> str | None:
        return self.problem.redo_step

    @property
    def offers(self) -> tuple[Offer, ...]:
        return self.problem.offers

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.stage]


def diagnose_reply(stage: Stage, code: int, message: str) -> Diagnosis:
    """A diagnosis for an SMTP reply that refused what we asked."""
    reply = f"{code} {message}".strip()
    text = message.lower()
    if stage is Stage.TLS and code in (421, 454):
        problem = Problem.TLS_UNAVAILABLE  # the server cannot start TLS now; a sign-in count has nothing to do with it
    elif (code == 534 and ("webloginrequired" in text or "web browser" in text)) or "5.7.14" in text:
        problem = Problem.WEB_LOGIN
    elif code == 534 or "invalidsecondfactor" in text or "application-specific password required" in text:
        problem = Problem.ORDINARY_PASSWORD
    elif code == 535:
        problem = Problem.BAD_CREDENTIALS
    elif code == 530:
        problem = Problem.NO_TLS
    elif code == 421:
        problem = Problem.TRY_LATER
    elif code == 454:
        problem = Problem.TOO_MANY_ATTEMPTS
    elif (code == 550 and "5.4.5" in text) or "sending limit" in text:
        problem = Problem.DAILY_LIMIT
    elif code == 552:
        problem = Problem.TOO_LARGE
    elif code == 555:
        problem = Problem.SYNTAX_ERROR  # Gmail could not read a command: most often a malformed sender address
    else:
        problem = Problem.REFUSED
    return Diagnosis(problem, stage, reply, from_server=True)


def diagnose_problem(problem: Problem, stage: Stage, detail: str = "") -> Diagnosis:
    """For failures that are not a server reply: network, TLS, timeouts."""
    return Diagnosis(problem, stage, detail, from_server=False)


def explain_reply(diagnosis: Diagnosis, texts: Texts) -> str:
    """The server's words, or the local error, labelled as which it is; for a certificate, whose it was
    and what was trusted. Empty if there is nothing to add."""
    lines = []
    if diagnosis.reply:
        label = "send.server_reply" if diagnosis.from_server else "send.error_detail"
        lines.append(texts(label, reply=diagnosis.reply))
    lines += certificate_lines(diagnosis.certificate_issuer, diagnosis.trust_stores, texts)
    return "\n".join(lines)


def certificate_lines(issuer: str, stores: tuple[str, ...], texts: Texts) -> list[str]:
    """Whose certificate failed verification and what it was checked against (SMTP and IMAP alike)."""
    lines = [texts("trust.issuer", issuer=issuer)] if issuer else []
    if stores:
        lines.append(texts("trust.consulted", stores=describe_stores(stores, texts)))
    return lines


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
