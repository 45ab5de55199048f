"""Time limits for tests that wait out a limit against a server that never answers.

Such a test waits the whole limit, so the limit should be short; but the limit also has to cover
the work before the stall (a TLS context, a connection, the replies before the held-back one),
which a busy machine may slow down. So the test tries the shortest limit first and checks that
the run reached the stall (the server saw the command it never answers) before the limit ran
out. If not, that run proves nothing either way: it is run again with the next, longer limit.
The last limit is the generous one the test always had, and its run is asserted on whatever it
reached: the test is never weaker than with that limit alone, and it waits no elapsed time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def shortest_limit_that_reaches_the_stall(limits: Sequence[float], attempt: Callable[[float], T],
                                          reached: Callable[[T], bool]) -> T:
    """`attempt(limit)` with each limit in turn, until `reached(outcome)`; the last limit's outcome in any case."""
    assert list(limits) == sorted(limits) and limits, limits
    for limit in limits[:-1]:
        outcome = attempt(limit)
        if reached(outcome):
            return outcome
    return attempt(limits[-1])


async def shortest_limit_that_reaches_the_stall_async(limits: Sequence[float], attempt: Callable[[float], Awaitable[T]],
                                                      reached: Callable[[T], bool]) -> T:
    """The same for an `attempt` that is a coroutine function."""
    assert list(limits) == sorted(limits) and limits, limits
    for limit in limits[:-1]:
        outcome = await attempt(limit)
        if reached(outcome):
            return outcome
    return await attempt(limits[-1])
