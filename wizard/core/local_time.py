"""Times as the user reads them: in the computer's time zone, with their date, the language's way."""

from __future__ import annotations

from datetime import datetime

from wizard.core.texts import Texts


def local_date_time(when: datetime | str, texts: Texts, *, seconds: bool = False) -> str:
    """`when` (a datetime or ISO 8601 text) with its date: a record read days later must say which day."""
    import calendar  # here, not at start-up: the first screen shows a date only after a success

    moment = (datetime.fromisoformat(when) if isinstance(when, str) else when).astimezone()
    time = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    return texts("common.date_time", year=moment.year, month=moment.month, month_name=calendar.month_name[moment.month],
                 day=moment.day, time=time)
