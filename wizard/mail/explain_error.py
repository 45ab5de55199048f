"""The error Ecrea (or any mail program) showed, in plain words: `explain` and its screen.

The text is scrubbed of anything shaped like an app password first (after Unicode's
compatibility normalisation, so that full-width letters are seen too); everything after
works on the scrubbed text only. Gmail's replies found anywhere in it are diagnosed by
`diagnose_reply`, exactly as the test send's; other wordings by the table in
`error_wordings`. Ecrea sends from its own server, so where the test send's advice is
about this computer (its network, antivirus, clock), an `EcreaAdvice` replaces it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from wizard.core.redaction import redact
from wizard.core.texts import Texts
from wizard.mail.diagnosis import Offer, Problem, Stage, diagnose_reply
from wizard.mail.error_wordings import WORDINGS

MAX_TEXT = 64 * 1024
"""A pasted error with a stack trace fits; a whole log file does not need to."""
MAX_EVIDENCE = 300
"""Characters of the recognised line shown back (a reply with its help link fits)."""

EXIT_RECOGNISED = 0
EXIT_UNRECOGNISED = 9
"""Documented in README: nothing in the text was recognised."""

# The codes Gmail's submission server replies with; a bare 465 or 587 is a port, not a reply.
_GMAIL_CODES = "421|454|530|534|535|550|552|554|555"
_REPLY = re.compile(
    rf"(?<![A-Za-z0-9_./-])({_GMAIL_CODES})(?:[ -]+(\d\.\d{{1,3}}\.\d{{1,3}})\b|(?=[ -]+[A-Za-z]))(.*)",
)


class EcreaAdvice(Enum):
    """What to do when a problem is seen from Ecrea's server, where the test send's advice is about this computer."""

    CHECK_HOST = "check_host"
    CHECK_HOST_AND_PORT = "check_host_and_port"
    CHECK_PORT = "check_port"
    PORT_FOR_SSL = "port_for_ssl"
    CERTIFICATE = "certificate"

    @property
    def text_key(self) -> str:
        return f"explain.advice.{self.value}"

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.text_key,)

    @property
    def redo_step(self) -> str:
        """Each is about Ecrea's form, which the last step fills in."""
        return "paste-into-ecrea"


ECREA_ADVICE = {
    Problem.HOST_NOT_FOUND: EcreaAdvice.CHECK_HOST,
    Problem.CONNECTION_REFUSED: EcreaAdvice.CHECK_HOST_AND_PORT,
    Problem.CONNECT_TIMEOUT: EcreaAdvice.CHECK_HOST_AND_PORT,
    Problem.NO_GREETING: EcreaAdvice.CHECK_PORT,
    Problem.DISCONNECTED: EcreaAdvice.CHECK_PORT,
    Problem.NO_STARTTLS: EcreaAdvice.CHECK_PORT,
    Problem.NO_AUTH: EcreaAdvice.CHECK_PORT,
    Problem.TLS_FAILED: EcreaAdvice.PORT_FOR_SSL,
    Problem.CERTIFICATE: EcreaAdvice.CERTIFICATE,
}


class InputTooLong(ValueError):
    """More than MAX_TEXT characters: not an error message someone copied."""


@dataclass(frozen=True)
class ErrorExplanation:
    problem: Problem | None
    """None when nothing in the text was recognised."""
    evidence: str = ""
    """The recognised words as they stand in the text, scrubbed."""
    redacted: bool = False
    """Something shaped like a password was taken out of the text."""
    text: str = field(default="", repr=False)
    """The whole text as it was given, scrubbed: what a screen may put back in place of the paste."""

    @property
    def recognised(self) -> bool:
        return self.problem is not None

    @property
    def key(self) -> str:
        """The problem's stable name, as `check --json` gives it; "unrecognised" otherwise."""
        return self.problem.value if self.problem else "unrecognised"

    @property
    def advice(self) -> EcreaAdvice | None:
        return ECREA_ADVICE.get(self.problem) if self.problem else None

    @property
    def title_key(self) -> str:
        return self.problem.title_key if self.problem else "explain.unrecognised_title"

    @property
    def action_key(self) -> str:
        if self.advice:
            return self.advice.text_key
        return self.problem.action_key if self.problem else "explain.unrecognised_action"

    @property
    def redo_step(self) -> str | None:
        if self.advice:
            return self.advice.redo_step
        return self.problem.redo_step if self.problem else None

    @property
    def offers(self) -> tuple[Offer, ...]:
        """The test send's offers that fit a problem seen from Ecrea: opening Gmail, not a retry
        on port 465 from this computer; the step is `redo_step`."""
        return tuple(offer for offer in (self.problem.offers if self.problem else ()) if offer is Offer.OPEN_GMAIL)

    @property
    def exit_code(self) -> int:
        return EXIT_RECOGNISED if self.recognised else EXIT_UNRECOGNISED


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_EVIDENCE else text[: MAX_EVIDENCE - 1] + "…"


def _replies(text: str) -> list[tuple[int, str]]:
    """Each Gmail reply in the text: its code and its words, a multi-line reply's lines joined."""
    replies: list[tuple[int, str]] = []
    last_code, last_end = 0, -1
    for match in _REPLY.finditer(text):
        code, enhanced, rest = int(match.group(1)), match.group(2) or "", match.group(3)
        words = f"{enhanced} {rest.strip()}".strip()
        between = text[last_end : match.start()] if last_end >= 0 else ""
        if replies and code == last_code and not between.strip():
            # The next line of the same reply ("535-5.7.8 ..." then "535 5.7.8 ...").
            replies[-1] = (code, f"{replies[-1][1]} {rest.strip()}")
        else:
            replies.append((code, words))
        last_code, last_end = code, match.end()
    return replies


def _wording(text: str) -> tuple[Problem, str] | None:
    for wording in WORDINGS:
        match = wording.compiled.search(text)
        if match:
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            return wording.problem, text[line_start : None if line_end < 0 else line_end]
    return None


def explain_error_text(text: str) -> ErrorExplanation:
    """What the text says went wrong. Raises InputTooLong past MAX_TEXT characters."""
    if len(text) > MAX_TEXT:
        raise InputTooLong(len(text))
    # As typed on a Japanese keyboard or copied from a web page: full-width letters and digits,
    # half-width katakana and non-breaking spaces become the plain ones the patterns know.
    text = unicodedata.normalize("NFKC", text)
    scrubbed = redact(text)
    redacted = scrubbed != text
    refused: tuple[int, str] | None = None
    for code, words in _replies(scrubbed):
        # The stage only tells a TLS refusal apart, and a pasted error is past TLS when Gmail speaks.
        diagnosis = diagnose_reply(Stage.AUTH, code, words)
        if diagnosis.problem is not Problem.REFUSED:
            return ErrorExplanation(diagnosis.problem, _shortened(diagnosis.reply), redacted, scrubbed)
        refused = refused or (code, words)
    found = _wording(scrubbed)
    if found:
        return ErrorExplanation(found[0], _shortened(found[1]), redacted, scrubbed)
    if refused:
        return ErrorExplanation(Problem.REFUSED, _shortened(f"{refused[0]} {refused[1]}"), redacted, scrubbed)
    return ErrorExplanation(None, "", redacted, scrubbed)


def explanation_lines(explanation: ErrorExplanation, texts: Texts) -> list[str]:
    """The explanation as `explain` prints it: cause, what to do, the step, the words recognised."""
    from wizard.core.step_content import step_by_id
    from wizard.core.step_order import number_of

    lines = [texts("explain.cause", title=texts(explanation.title_key)),
             texts("explain.action", action=texts(explanation.action_key))]
    if explanation.redo_step:
        step = step_by_id(explanation.redo_step)
        lines.append(texts("explain.redo_step", number=number_of(step.id), title=step.text[texts.lang].title))
    if explanation.evidence:
        lines.append(texts("explain.evidence", words=explanation.evidence))
    if explanation.redacted:
        lines.append(texts("explain.redacted"))
    return lines
