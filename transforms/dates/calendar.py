"""Calendar arithmetic for date normalisation: periods, placement by tense, part-of-period narrowing."""

from __future__ import annotations

from datetime import date, timedelta

from transforms.dates.vocab import FUTURE_WEIGHT, PAST_DAY_TOLERANCE, PART_RANGES, TWO_DIGIT_WINDOW

Span = tuple[date, date]

_ONE = timedelta(days=1)
_SIX = timedelta(days=6)
_MIN_YEAR, _MAX_YEAR = 1, 9998


def month_end(y: int, m: int) -> date:
    """Return the last day of month m of year y."""
    if m == 12:
        return date(y, 12, 31)
    return date(y, m + 1, 1) - _ONE


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """Return (year, month) k months after (y, m)."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def month_span(y: int, m: int) -> Span:
    """Return the first and last day of a month."""
    return date(y, m, 1), month_end(y, m)


def year_span(y: int) -> Span:
    """Return 1 Jan .. 31 Dec of a year."""
    return date(y, 1, 1), date(y, 12, 31)


def week_span(d: date) -> Span:
    """Return Monday..Sunday of the ISO week containing d."""
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def quarter_span(y: int, q: int) -> Span:
    """Return the span of calendar quarter q (1-4) of year y."""
    return date(y, 3 * q - 2, 1), month_end(y, 3 * q)


def season_span(y: int, first: int, last: int) -> Span:
    """Return the span of a season that starts in year y (winter runs into y+1)."""
    end_year = y + 1 if last < first else y
    return date(y, first, 1), month_end(end_year, last)


def decade_span(y0: int) -> Span:
    """Return the span of the decade starting in y0."""
    return date(y0, 1, 1), date(y0 + 9, 12, 31)


def century_span(c: int) -> Span:
    """Return the span of century c, TimeBank style: the 21st century is 2000-2099."""
    y0 = (c - 1) * 100
    return date(max(y0, 1), 1, 1), date(y0 + 99, 12, 31)


def unit_span(unit: str, d: date) -> Span:
    """Return the calendar unit (day/week/month/quarter/year/decade/century) containing d."""
    if unit == "day":
        return d, d
    if unit == "week":
        return week_span(d)
    if unit == "month":
        return month_span(d.year, d.month)
    if unit == "quarter":
        return quarter_span(d.year, (d.month - 1) // 3 + 1)
    if unit == "year":
        return year_span(d.year)
    if unit == "decade":
        return decade_span(d.year - d.year % 10)
    return century_span(d.year // 100 + 1)


def offset_span(unit: str, d: date, n: int) -> Span:
    """Return the calendar unit n units away from the one containing d (same as unit_span(shift()))."""
    if unit == "day":
        x = d + timedelta(days=n)
        return x, x
    if unit == "week":
        start = d - timedelta(days=d.weekday() - 7 * n)
        return start, start + _SIX
    if unit == "month":
        y, m = add_months(d.year, d.month, n)
        return date(y, m, 1), month_end(y, m)
    if unit == "quarter":
        y, m = add_months(d.year, d.month - (d.month - 1) % 3, 3 * n)
        return date(y, m, 1), month_end(*add_months(y, m, 2))
    if unit == "year":
        y = d.year + n
        return date(y, 1, 1), date(y, 12, 31)
    if unit == "decade":
        return decade_span(d.year - d.year % 10 + 10 * n)
    return century_span(d.year // 100 + 1 + n)


def shift(d: date, unit: str, n: int) -> date:
    """Return d moved by n units; month arithmetic clamps the day to the month length."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = add_months(d.year, d.month, months)
    y = min(max(y, _MIN_YEAR), _MAX_YEAR)
    return date(y, m, min(d.day, month_end(y, m).day))


def two_digit_year(yy: int, ref: date) -> int:
    """Expand a 2-digit year: up to ref's year (mod 100) + window is 20xx, else 19xx."""
    century = ref.year - ref.year % 100
    y = century + yy
    return y if y <= ref.year + TWO_DIGIT_WINDOW else y - 100


def place(cands: list[Span], ref: date, tense: str | None, tolerance: int = PAST_DAY_TOLERANCE) -> Span | None:
    """Pick one occurrence of a partial date: past looks back (a single day up to tolerance
    days after ref counts), future forward, None = past-biased nearest."""
    if not cands:
        return None
    if tense == "past":
        # A single day may lie a day after ref (a publication date a time zone behind).
        late = ref + timedelta(days=tolerance)
        past = [c for c in cands if c[0] <= ref or (c[0] == c[1] and c[0] <= late)]
        return past[-1] if past else cands[0]
    if tense == "future":
        fut = [c for c in cands if c[1] >= ref]
        return fut[0] if fut else cands[-1]
    before = None
    for c in cands:
        if c[0] <= ref <= c[1]:
            return c
        if c[1] < ref:
            before = c
        elif before is None:
            return c
        else:
            # Future wins only if it is FUTURE_WEIGHT times closer than the past one.
            if (c[0] - ref).days * FUTURE_WEIGHT < (ref - before[1]).days:
                return c
            return before
    return before


def place_weekday(ref: date, wd: int, tense: str | None) -> date:
    """Place a bare weekday: on or before ref (past), on or after it (future), else past-biased nearest."""
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if tense == "future" or (tense is None and back and ahead * FUTURE_WEIGHT < back):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def nth_weekday(y: int, m: int, wd: int, n: int) -> date:
    """Return the n-th weekday wd of a month (n = -1 for the last one)."""
    if n > 0:
        first = date(y, m, 1)
        return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = month_end(y, m)
    return last - timedelta(days=(last.weekday() - wd) % 7)


def easter(y: int) -> date:
    """Return Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def narrow(span: Span, unit: str, part: str | None) -> Span:
    """Narrow a period to a half or an nth week; ranges come from date_words.yaml.

    Parts without a range there (early / mid / late) keep the whole period (TimeML style).
    """
    if not part:
        return span
    ranges = PART_RANGES.get(unit)
    if not ranges or part not in ranges:
        return span
    a, b = ranges[part]
    start, end = span
    if unit in ("week", "month"):
        # Sub-units are days counted from 1.
        last = (end - start).days + 1
        b = last if b == "last" else min(b, last)
        if a < 0:
            a = last + a  # counted back from the end ("the last week of": -6 .. last)
        return start + timedelta(days=a - 1), start + timedelta(days=b - 1)
    if unit in ("decade", "century"):
        # Sub-units are years counted from 0.
        y0 = start.year
        return date(max(y0 + a, 1), 1, 1), date(y0 + b, 12, 31)
    # quarter / season / year (including fiscal years): sub-units are months from the start.
    y1, m1 = add_months(start.year, start.month, a - 1)
    y2, m2 = add_months(start.year, start.month, b - 1)
    return date(y1, m1, 1), month_end(y2, m2)
