"""Times from progress (ISO 8601, UTC) in the computer's time zone, written the user's language's way."""

from __future__ import annotations

from datetime import datetime

from wizard.core.texts import Texts


def local_date(iso_time: str, texts: Texts) -> str:
    import calendar

    when = datetime.fromisoformat(iso_time).astimezone()
    return texts("common.date_time", year=when.year, month=when.month, month_name=calendar.month_name[when.month],
                 day=when.day, time=f"{when:%H:%M}")
