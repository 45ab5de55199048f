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

    back_to: Place | None = None
    """Where Esc leads when not sending: the welcome screen it was opened from after a finished
    setup ("Send a test message again"); otherwise step 14, the step before it."""


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


def place_code(place: Place) -> str:
    """The place's code on the status line (`S13`, `TS`, ...): see wizard.core.status_line."""
    from wizard.core.status_line import PlaceCode, step_code

    if isinstance(place, AtStep):
        from wizard.core.step_order import number_of

        return step_code(number_of(place.step_id))
    codes = {Welcome: PlaceCode.WELCOME, Account: PlaceCode.ACCOUNT, Send: PlaceCode.SEND,
             Arrival: PlaceCode.ARRIVAL, EcreaTest: PlaceCode.ECREA, Ending: PlaceCode.ENDING}
    return codes[type(place)].value


def place_for_code(query: str) -> Place | None:
    """The place a code someone typed names (`s13`, `ts`, full-width too), or None."""
    from wizard.core.status_line import STEP_CODE_PREFIX, PlaceCode, is_place_code, normalise_code
    from wizard.core.step_order import step_count, step_ids

    code = normalise_code(query)
    if not is_place_code(code, step_count()):
        return None
    places: dict[str, Place] = {
        PlaceCode.WELCOME.value: Welcome(), PlaceCode.ACCOUNT.value: Account(step_ids()[0]),
        PlaceCode.SEND.value: Send(), PlaceCode.ARRIVAL.value: Arrival(), PlaceCode.ECREA.value: EcreaTest(),
        PlaceCode.ENDING.value: Ending(),
    }
    return places.get(code) or AtStep(step_ids()[int(code.removeprefix(STEP_CODE_PREFIX)) - 1])
