"""The order of the steps, from `steps/order.toml` alone: a step's number is its place there.

Kept apart from the step content so that the first screen (which says how many steps
there are) and the texts (which name steps by id) need not read every step file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


class StepContentError(ValueError):
    """A step file is missing, malformed, lacks a language or names an unknown step."""


def steps_folder() -> Path:
    """Installed, the steps are the `wizard.steps` package; in a checkout (`python -m wizard`
    from the repository) they are the `steps/` folder beside `wizard/`."""
    from importlib import import_module

    try:
        return Path(str(import_module("wizard.steps").__file__)).parent
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "steps"


def read_order(folder: Path) -> tuple[str, ...]:
    import tomllib

    try:
        order = tomllib.loads((folder / "order.toml").read_text(encoding="utf-8"))["steps"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise StepContentError(f"order.toml: {error}") from None
    if not order or not all(isinstance(step_id, str) for step_id in order):
        raise StepContentError("order.toml: 'steps' must list step ids")
    if len(set(order)) != len(order):
        raise StepContentError("order.toml: a step is listed twice")
    return tuple(order)


@cache
def step_ids() -> tuple[str, ...]:
    return read_order(steps_folder())


def step_count() -> int:
    return len(step_ids())


def number_of(step_id: str) -> int:
    """The number of the step with this id; raises KeyError for an unknown id."""
    try:
        return step_ids().index(step_id) + 1
    except ValueError:
        raise KeyError(step_id) from None
