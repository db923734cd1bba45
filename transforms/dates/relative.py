"""Resolvers of the date rules relative to the reference day or an anchor: weekdays, "today",
"two weeks ago", "the next day", "later that year" (the absolute forms are in resolvers.py)."""

from __future__ import annotations

from datetime import date, timedelta

from transforms.dates import calendar as cal
from transforms.dates.resolvers import (
    ANAPHOR_NO_ANCHOR, PERIOD_MONTHS, anchor_span, count, day_number, h_md, norm_phrase, safe_date, shift_period,
    unit_multiple,
)
from transforms.dates.vocab import ANAPHORIC, DEICTIC_DAYS, RELATIVE, WEEKDAYS


def h_weekday(g, c):
    """Weekday: Tuesday (by tense), last Friday, next Monday, this Friday, Thursday of last week."""
    wd = WEEKDAYS[g["wd"].lower().rstrip(".")]
    rel = norm_phrase(g["rel"]) if g.get("rel") else None
    ref = c.ref
    if g.get("wk"):
        monday = cal.week_span(ref)[0] + timedelta(days=7 * RELATIVE[g["wk"].lower()])
        d = monday + timedelta(days=wd)
        return d, d, "day", "relative"
    if rel is None:
        d = cal.place_weekday(ref, wd, c.tense)
        return d, d, "day", "relative"
    off = RELATIVE.get(rel, -1)
    if off == 0:
        d = cal.week_span(ref)[0] + timedelta(days=wd)
    elif off < 0:   # strictly before the reference day
        d = ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)
    else:           # strictly after the reference day
        d = ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
    return d, d, "day", "relative"


def h_week_of(g, c):
    """The week of a date (its ISO week), or the seven days ending / beginning on it."""
    out = h_md(g, c)
    if out is None:
        return None
    k = (g.get("k") or "of").lower()
    if k in ("ending", "ended"):
        s, e = out[0] - timedelta(days=6), out[0]
    elif k in ("beginning", "starting"):
        s, e = out[0], out[0] + timedelta(days=6)
    else:
        s, e = cal.week_span(out[0])
    return s, e, "week", out[3]


def h_ana_weekday(g, c):
    """Weekday relative to the anchor: the following Monday."""
    a = anchor_span(c)
    if a is None:
        return ANAPHOR_NO_ANCHOR
    wd = WEEKDAYS[g["wd"].lower()]
    off = ANAPHORIC[g["a"].lower()]
    if off > 0:
        d = a[1] + timedelta(days=(wd - a[1].weekday() - 1) % 7 + 1)
    elif off < 0:
        d = a[0] - timedelta(days=(a[0].weekday() - wd - 1) % 7 + 1)
    else:
        d = cal.week_span(a[0])[0] + timedelta(days=wd)
    return d, d, "day", "anaphoric"


def _weekend(monday: date):
    return monday + timedelta(days=5), monday + timedelta(days=6)


def h_weekend(g, c):
    """Weekend: this weekend, last weekend, the weekend (by tense)."""
    rel = norm_phrase(g["rel"])
    monday = cal.week_span(c.ref)[0]
    if rel == "the":
        # Bare "the weekend": the latest one begun (past / no tense) or the next one (future).
        if c.tense == "future" or c.ref.weekday() >= 5:
            off = 0
        else:
            off = -1
    else:
        off = RELATIVE.get(rel, -1)
    s, e = _weekend(monday + timedelta(days=7 * off))
    return s, e, "week", "relative"  # the weekend part of a week


def h_deictic(g, c):
    """Day relative to the reference: today, tonight, yesterday, tomorrow."""
    d = c.ref + timedelta(days=DEICTIC_DAYS[norm_phrase(g["dd"])])
    return d, d, "day", "relative"


# An offset of decades or centuries lands on a year: "a decade ago" (said in 1999) is
# 1989, not the 1980s (TimeBank annotates it so, and it is what the writer counts).
_OFFSET_AS_YEARS = {"decade": 10, "century": 100}


def offset_unit(s: str) -> tuple[str, int]:
    unit, mult = unit_multiple(s)
    if unit in _OFFSET_AS_YEARS:
        return "year", mult * _OFFSET_AS_YEARS[unit]
    return unit, mult


def h_offset(g, c):
    """Offset from the reference: two weeks ago, in three days (the unit containing ref +/- n)."""
    unit, mult = offset_unit(g["u"])
    n = count(g["n"]) * mult
    direction = norm_phrase(g.get("dir") or "in")
    sign = -1 if direction == "ago" else 1
    s, e = cal.offset_span(unit, c.ref, sign * n)
    return s, e, unit, "relative"


def h_ago_compared(g, c):
    """"from ... a year ago" comparing a month or quarter named before (the anchor): that
    period a year back, as "a year earlier"; otherwise as h_offset."""
    if c.anchor is not None and c.anchor[2] in ("month", "quarter") and norm_phrase(g.get("dir") or "") == "ago":
        return h_ana_offset({**g, "dir": "earlier"}, c)[:3] + ("relative",)
    return h_offset(g, c)


def h_before_last(g, c):
    """Two units back from the reference: the year before last, the week after next."""
    unit = g["u"].lower()
    sign = -2 if g.get("dir") else 2
    s, e = cal.offset_span(unit, c.ref, sign)
    return s, e, unit, "relative"


def h_ana_offset(g, c):
    """Offset from the anchor: two days later, a week earlier; from a month, quarter or year
    anchor an offset in units at least that long keeps the anchor's precision ("sales in the
    third quarter rose from a year earlier" = that quarter a year before)."""
    a = anchor_span(c)
    if a is None:
        return ANAPHOR_NO_ANCHOR
    unit, mult = offset_unit(g["u"])
    n = count(g["n"]) * mult
    ap = c.anchor[2]
    if ap in PERIOD_MONTHS and PERIOD_MONTHS.get(unit, 0) >= PERIOD_MONTHS[ap]:
        months = n * PERIOD_MONTHS[unit]
        return shift_period(c.anchor, -months if g["dir"].lower() == "earlier" else months) + ("anaphoric",)
    if g["dir"].lower() == "earlier":
        base, n = a[0], -n
    else:
        base = a[1]
    s, e = cal.offset_span(unit, base, n)
    return s, e, unit, "anaphoric"


_DAY_WORDS = frozenset(["day", "morning", "afternoon", "evening", "night"])


def _ana_unit(u: str) -> str:
    u = u.lower()
    return "day" if u in _DAY_WORDS else u


def h_ana_rel(g, c):
    """Anaphoric period: the next day, the following week, the same day, that month."""
    a = anchor_span(c)
    if a is None:
        return ANAPHOR_NO_ANCHOR
    unit = _ana_unit(g["u"])
    off = ANAPHORIC[g["a"].lower()] if g.get("a") else 0
    if unit == "weekend":
        base = a[1] if off >= 0 else a[0]
        s, e = _weekend(cal.week_span(base)[0] + timedelta(days=7 * off))
        return s, e, "week", "anaphoric"
    if off == 0:
        if unit == "day" and c.anchor[2] != "day":
            return a[0], a[1], c.anchor[2], "anaphoric"  # "that day" of a coarser anchor: keep its span
        if unit == "day":
            return a[0], a[1], "day", "anaphoric"
        s, e = cal.unit_span(unit, a[0])
        return s, e, unit, "anaphoric"
    base = a[1] if off > 0 else a[0]
    s, e = cal.offset_span(unit, base, off)
    return s, e, unit, "anaphoric"


def h_ana_before(g, c):
    """Anaphoric neighbour: the day before, the week after."""
    a = anchor_span(c)
    if a is None:
        return ANAPHOR_NO_ANCHOR
    unit = _ana_unit(g["u"])
    if g["dir"].lower() in ("before", "earlier"):
        s, e = cal.offset_span(unit, a[0], -1)
    else:
        s, e = cal.offset_span(unit, a[1], 1)
    return s, e, unit, "anaphoric"


def h_ordinal_day(g, c):
    """Day of month without month, placed by tense: on the 26th."""
    d = day_number(g["d"])
    cands = []
    for k in (-1, 0, 1):
        y, m = cal.add_months(c.ref.year, c.ref.month, k)
        x = safe_date(y, m, d)
        if x:
            cands.append((x, x))
    span = cal.place(cands, c.ref, c.tense)
    return (span[0], span[1], "day", "partial") if span else None
