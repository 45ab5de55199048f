"""Where the wizard can be: every way of moving is `app.go(place)` with one of these.

A step is named by its id; its number exists only where text shows it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Welcome:
    """The first screen; it stays at the bottom of the stack."""


@dataclass(frozen=True)
class Account:
    """The Gmail address and display name, then on to `next_step`."""

    next_step: str


@dataclass(frozen=True)
class AtStep:
    step_id: str
    back_to: Place | None = None
    """Where the user came from to look at this step (the Ecrea-send check, the ending, the
    welcome screen after a finished setup): the last step then leads back there, not on to a
    fresh test send."""


@dataclass(frozen=True)
class Send:
    """The test send."""


@dataclass(frozen=True)
class Arrival:
    """Did the test message arrive? Needs a test send Gmail accepted."""


@dataclass(frozen=True)
class EcreaTest:
    """Ecrea's own test send, seen in Sent Mail. Needs a test send Gmail accepted."""


@dataclass(frozen=True)
class Ending:
    """What was proven. Needs a test send Gmail accepted."""


Place = Welcome | Account | AtStep | Send | Arrival | EcreaTest | Ending
