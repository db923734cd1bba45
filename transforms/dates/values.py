"""The values the date functions return, and how references and anchors are read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved calendar span with its precision."""

    start: date
    end: date
    precision: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression found in text: span, surface text, resolved value and kind."""

    start: int
    end: int
    text: str
    value: DateValue | None
    kind: str



def as_anchor(anchor) -> tuple | None:
    """Normalise an anchor (DateValue | date | datetime | None) to (start, end, precision)."""
    if anchor is None:
        return None
    if isinstance(anchor, DateValue):
        return anchor.start, anchor.end, anchor.precision
    if isinstance(anchor, (datetime, str)):
        anchor = as_day(anchor)
    if isinstance(anchor, date):
        return anchor, anchor, "day"
    raise TypeError(f"anchor must be DateValue, date, ISO string or None, not {type(anchor).__name__}")


def as_day(reference) -> date:
    if isinstance(reference, datetime):
        return reference.date()
    if isinstance(reference, date):
        return reference
    if isinstance(reference, str):
        return date.fromisoformat(reference.strip()[:10])  # "2023-05-02" or an ISO timestamp
    raise TypeError(f"reference must be a date, not {type(reference).__name__}")

