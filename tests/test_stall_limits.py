"""The ladder of limits the waiting tests use (tests/stall_limits.py): never weaker than its last limit."""

from __future__ import annotations

from stall_limits import shortest_limit_that_reaches_the_stall, shortest_limit_that_reaches_the_stall_async


def test_the_first_limit_that_reaches_the_stall_is_the_one_used() -> None:
    tried: list[float] = []
    outcome = shortest_limit_that_reaches_the_stall((0.5, 1, 3), lambda limit: tried.append(limit) or limit, lambda limit: limit >= 1)
    assert (outcome, tried) == (1, [0.5, 1])


def test_the_last_limit_is_returned_even_where_the_stall_was_never_reached() -> None:
    # Its outcome is what the test then asserts on: a run that never gets there fails as it always did.
    tried: list[float] = []
    outcome = shortest_limit_that_reaches_the_stall((0.5, 3), lambda limit: tried.append(limit) or limit, lambda limit: False)
    assert (outcome, tried) == (3, [0.5, 3])


async def test_the_same_for_coroutines() -> None:
    tried: list[float] = []

    async def attempt(limit: float) -> float:
        tried.append(limit)
        return limit

    assert await shortest_limit_that_reaches_the_stall_async((0.25, 1), attempt, lambda limit: True) == 0.25
    assert tried == [0.25]
