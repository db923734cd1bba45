"""Publication dates from metadata: which field states the date, and how its value is read.

Where to look is data (reference/dates/published.yaml: field names best first, locale
fields, labels of a visible date line); how a value is read is in CONVENTIONS.md beside
this file. The reader refuses to load when the file's own examples are read otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from transforms.dates.resolve import resolve_date
from transforms.reference import ReferenceDataError, load

# Epoch values outside these years are counts or ids, not publication times.
_FIRST_YEAR, _LAST_YEAR = 1971, 2100
_MS_FROM = 10 ** 11  # a larger epoch value counts milliseconds (seconds would be after the year 5000)

_DIGITS = re.compile(r"\d{8,13}(?:\.\d+)?")
# Year first: ISO 8601 (time and offset after it ignored), 2023/02/09, 2023.02.09, 2023. 2. 9., 2023年2月9日.
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[.日]?(?=$|[T\s,])")
# A clock time and its zone after (or before) the date: "17:19", "5:19 PM", "17:19:00 +0000", "at 5 p.m. EST".
_CLOCK = re.compile(
    r"(?:\s*(?:,|\bat\b|-|–|\|))?\s*(?:\b\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?\s?m\b\.?)?"
    r"|\b\d{1,2}\s*[ap]\.?\s?m\b\.?)"
    r"(?:\s*(?:z\b|utc\b|gmt\b|[+-]\d{2}:?\d{2}\b|\(?\b[a-z]{2,5}\b\)?(?=\s*$)))?", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
_WORD_DASH = re.compile(r"(?<=\w)-(?=[A-Za-z])|(?<=[A-Za-z])-(?=\d)")  # 9-Feb-2023
_LOCALE = re.compile(r"([a-z]{2,3})(?:[-_]([a-z]{2})\b)?", re.I)
_SEGMENT = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")
_MAX_VALUE = 80  # characters; a longer value is text, not a date


def _key(name: str) -> str:
    """A field name as compared: case, dots, dashes, colons and underscores ignored."""
    return re.sub(r"[\W_]+", "", str(name)).lower()


@dataclass(frozen=True)
class _Places:
    fields: dict[str, int]  # compared key -> rank (0 best)
    locale_fields: tuple[str, ...]
    month_first: frozenset[str]
    label: re.Pattern
    copyright: re.Pattern


@lru_cache(maxsize=1)
def _read_places() -> _Places:
    data = load("dates/published.yaml")
    labels = sorted(data.labels, key=len, reverse=True)
    label = re.compile(r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in labels)
                       + r")\b\s*[:\-–]?\s*(?:on\s+)?(?P<rest>.+)", re.I)
    return _Places({_key(f): i for i, f in enumerate(data.fields)}, tuple(_key(f) for f in data.locale_fields),
                   frozenset(data.month_first_regions), label, re.compile(data.copyright, re.I | re.M))


@lru_cache(maxsize=1)
def _places() -> _Places:
    """The places of reference/dates/published.yaml, once its examples are read as they say."""
    places = _read_places()
    data = load("dates/published.yaml")
    wrong = [f"{e.meta} gives {got}, not {e.day}" for e in data.examples
             if (got := _published(e.meta, None, places)[1]) != e.day]
    wrong += [f"{e.meta} gives {got}, not None" for e in data.not_
              if (got := _published(e.meta, None, places)[1]) is not None]
    wrong += [f"line {e.text!r} gives {got}, not {e.day}" for e in data.lines
              if (got := _line_date(e.text, None, places)) != e.day]
    wrong += [f"line {t!r} gives {got}, not None" for t in data.not_lines
              if (got := _line_date(t, None, places)) is not None]
    wrong += [f"copyright {e.text!r} gives {got}, not {e.year}" for e in data.copyright_examples
              if (got := _copyright_year(e.text, places)) != e.year]
    wrong += [f"copyright {t!r} gives {got}, not None" for t in data.copyright_not
              if (got := _copyright_year(t, places)) is not None]
    if wrong:
        raise ReferenceDataError("reference/dates/published.yaml: the reader does not read its own examples: "
                                 + "; ".join(wrong) + " (fix the example or the reader)")
    return places


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        out = dt.date(year, month, day)
    except ValueError:
        return None
    return out if _FIRST_YEAR <= out.year <= _LAST_YEAR else None


def _epoch(value: float) -> dt.date | None:
    """The UTC day of an epoch time in seconds or milliseconds."""
    if not math.isfinite(value) or value <= 0:
        return None
    seconds = value / 1000 if value >= _MS_FROM else value
    try:
        out = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
    return out if _FIRST_YEAR <= out.year <= _LAST_YEAR else None


def _digits(s: str) -> dt.date | None:
    """A number written as text: YYYYMMDD, or epoch seconds (9-10 digits) or milliseconds (12-13)."""
    whole = s.split(".", 1)[0]
    if len(whole) == 8:
        return _day(int(whole[:4]), int(whole[4:6]), int(whole[6:]))
    if len(whole) in (9, 10, 12, 13):
        return _epoch(float(s))
    return None


def _written(s: str, dayfirst: bool | None) -> dt.date | None:
    """A date written out ("09 Feb 2023, 17:19", "Thursday, 9 February 2023", "9.2.2023"): it must name its year."""
    year = _YEAR.search(s)
    if year is None:
        return None
    bare = _WORD_DASH.sub(" ", _CLOCK.sub(" ", s)).strip(" ,;-–|")
    value = resolve_date(bare, dt.date(int(year.group()), 7, 1), dayfirst=bool(dayfirst))
    if value is None or value.precision != "day" or value.start != value.end:
        return None
    return value.start if _FIRST_YEAR <= value.start.year <= _LAST_YEAR else None


def read_metadata_date(value: Any, *, dayfirst: bool | None = None) -> dt.date | None:
    """The day a metadata value states (ISO 8601, written dates, epoch seconds or ms, day-first numbers), else None.

    `dayfirst`: True when the source writes numeric dates day first (a locale hint, see
    `dayfirst_hint`); None or False read an ambiguous one ("06/03/2023") month first.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()  # as written: a datetime with an offset is dated where it was published
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        return _epoch(float(value))
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    if not s or len(s) > _MAX_VALUE:
        return None
    if _DIGITS.fullmatch(s):
        return _digits(s)
    year_first = _YEAR_FIRST.match(s)
    if year_first is not None:
        return _day(int(year_first[1]), int(year_first[2]), int(year_first[3]))
    return _written(s, dayfirst)


def _hint(meta: Mapping[str, Any], language: str | None, places: _Places) -> bool | None:
    keyed = {_key(k): v for k, v in meta.items()}
    values = [keyed.get(k) for k in places.locale_fields] + [language]
    first_language = None
    for value in values:
        m = _LOCALE.fullmatch(value.strip()) if isinstance(value, str) else None
        if m is None:
            continue
        if m.group(2):
            return m.group(2).upper() not in places.month_first
        first_language = first_language or m.group(1).lower()
    if first_language is None or first_language == "en":
        return None  # English without a region: US and British sources both write "en"
    return True


def dayfirst_hint(meta: Mapping[str, Any], language: str | None = None) -> bool | None:
    """True when the source's locale writes numeric dates day first ("vi-VN", "en_GB", "de"), False when it
    writes them month first ("en-US"), None when nothing says (English without a region, no locale)."""
    return _hint(meta, language, _places())


def _published(meta: Mapping[str, Any], language: str | None, places: _Places) -> tuple[Any, dt.date | None]:
    ranked = sorted(((places.fields[k], v) for name, v in meta.items()
                     if (k := _key(name)) in places.fields and v not in (None, "") and not isinstance(v, (list, dict))),
                    key=lambda kv: kv[0])
    if not ranked:
        return None, None
    dayfirst = _hint(meta, language, places)
    for _, value in ranked:
        day = read_metadata_date(value, dayfirst=dayfirst)
        if day is not None:
            return value, day
    return ranked[0][1], None


def metadata_published(meta: Mapping[str, Any], language: str | None = None) -> tuple[Any, dt.date | None]:
    """(value, day) of the best publication-date field of `meta`: the first field (reference/dates/published.yaml
    order) whose value is a calendar date, else the first such field's value with day None; (None, None)
    when no field names a publication date."""
    return _published(meta, language, _places())


def _line_date(line: str, dayfirst: bool | None, places: _Places) -> dt.date | None:
    for segment in _SEGMENT.split(line.strip()):
        segment = segment.strip()
        if not segment or len(segment) > _MAX_VALUE:
            continue
        labelled = places.label.fullmatch(segment)
        day = read_metadata_date(labelled.group("rest") if labelled else segment, dayfirst=dayfirst)
        if day is not None:
            return day
    return None


def _copyright_year(text: str, places: _Places) -> int | None:
    years = {int(m.group("year") or m.group("year2")) for m in places.copyright.finditer(text)}
    return years.pop() if len(years) == 1 else None


def copyright_year(text: str) -> int | None:
    """The one year the text's copyright lines state ("2024 (c) News Agency", "© 2024 Ministry of ..."); None when
    there is none, a range, or several."""
    return _copyright_year(text, _places())


def published_line_date(line: str, dayfirst: bool | None = None) -> dt.date | None:
    """The day a visible line states as the publication date ("Published 9 February 2023", "Date: 14.9.2023",
    "Press release | 09 Feb 2023"): a labelled date or a date alone, in any segment between '|' bars."""
    return _line_date(line, dayfirst, _places())


__all__ = ["copyright_year", "dayfirst_hint", "metadata_published", "published_line_date", "read_metadata_date"]
