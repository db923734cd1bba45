"""Resolvers for the absolute date rules: turn a rule's regex groups into a calendar span (the forms
relative to the reference or an anchor are in relative.py).

Each handler gets the rule's groups (by name) and a ``Ctx`` and returns
``(start, end, precision, kind)``, ``ANAPHOR_NO_ANCHOR`` for an anaphor without anchor,
or None when the groups do not make a calendar date (e.g. 31 April).
"""

from __future__ import annotations

from datetime import date, timedelta

from transforms.dates import calendar as cal
from transforms.dates.vocab import (
    DECADE_WORDS, HOLIDAYS_EASTER, HOLIDAYS_FIXED, HOLIDAYS_NTH, MONTHS, NUMBERS, ORDINALS, PART_WORDS, RELATIVE, SEASONS, UNIT_FORMS, WEEKDAYS,
)


class Ctx:
    """Resolution context: reference day, tense hint, anchor span, numeric-date order,
    whether the running text speaks of reported results (earnings, sales, GDP), and whether
    it places a past day strictly before the reference."""

    __slots__ = ("ref", "tense", "anchor", "dayfirst", "results", "strict")

    def __init__(self, ref: date, tense: str | None, anchor, dayfirst: bool, results: bool = False,
                 strict: bool = False):
        self.ref, self.tense, self.anchor, self.dayfirst = ref, tense, anchor, dayfirst
        self.results = results
        self.strict = strict  # a past day may not lie after ref (the text says "last year")


# ---------------------------------------------------------------- word parsing

def norm_phrase(s: str) -> str:
    """Lower-case a matched phrase with single spaces and straight apostrophes."""
    s = s.lower()
    if "’" in s:
        s = s.replace("’", "'")
    if "  " in s or "\n" in s or "\t" in s:
        s = " ".join(s.split())
    return s


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def day_number(s: str) -> int:
    """Day of month from digits ("26", "26th") or an ordinal word ("twenty-sixth")."""
    if s[:1].isdigit():
        return int(s.rstrip("stndrhSTNDRH"))
    return ORDINALS[norm_phrase(s)]


def count(s: str) -> int:
    return int(s) if s.isdigit() else NUMBERS[norm_phrase(s)]


def unit_multiple(s: str) -> tuple[str, int]:
    return UNIT_FORMS[s.lower()]


def _ordinal(s: str) -> int:
    s = norm_phrase(s)
    return int(s[:-2]) if s[:1].isdigit() else ORDINALS[s]


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _part(g: dict) -> str | None:
    p = g.get("pa") or g.get("pb") or g.get("pc")
    return PART_WORDS.get(norm_phrase(p)) if p else None


def anchor_span(c: Ctx):
    a = c.anchor
    return None if a is None else (a[0], a[1])


# ---------------------------------------------------------------- handlers
# Each returns (start, end, precision, kind), ANAPHOR_NO_ANCHOR, or None (not a date).

ANAPHOR_NO_ANCHOR = (None, None, None, "anaphoric")


def h_iso(g, c):
    """ISO date: 2023-04-26, 2023/04/26, 2023-04-26T10:30Z."""
    d = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    return (d, d, "day", "absolute") if d else None


def h_numeric(g, c):
    """Numeric date: 26/04/2023, 04/26/2023, 26.04.2023, 4/26/23."""
    a, b, ys = int(g["a"]), int(g["b"]), g["y"]
    y = int(ys) if len(ys) == 4 else cal.two_digit_year(int(ys), c.ref)
    # A part > 12 can only be the day; dotted dates (26.04.2023) are European, day first;
    # otherwise month first (US) unless dayfirst.
    if a > 12 or ((c.dayfirst or g["sep"] == ".") and b <= 12):
        day, month = a, b
    else:
        month, day = a, b
    d = safe_date(y, month, day)
    return (d, d, "day", "absolute") if d else None


def _md_cands(m: int, d: int, ref: date, wd: int | None = None):
    out = [x for x in (safe_date(y, m, d) for y in (ref.year - 1, ref.year, ref.year + 1)) if x]
    if wd is not None:
        # "Tuesday, April 25": the weekday picks the year when it can.
        hit = [x for x in out if x.weekday() == wd]
        out = hit or out
    return [(x, x) for x in out]


def h_md(g, c):
    """Month and day with optional year and weekday: April 26, 26 April 2023, Tuesday, April 25."""
    m, d = _month(g["m"]), day_number(g["d"])
    if g.get("y"):
        x = safe_date(int(g["y"]), m, d)
        return (x, x, "day", "absolute") if x else None
    wd = WEEKDAYS[g["wd"].lower().rstrip(".")] if g.get("wd") else None
    span = cal.place(_md_cands(m, d, c.ref, wd), c.ref, c.tense, 0 if c.strict else cal.PAST_DAY_TOLERANCE)
    return (span[0], span[1], "day", "partial") if span else None


def _range_years(m1, d1, y1, m2, d2, y2, c: Ctx):
    """Fill in missing years of a two-ended range; the end never precedes the start."""
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2
    if y1 is not None and y2 is None:
        y2 = y1 + 1 if (m1, d1) > (m2, d2) else y1
    if y1 is None:
        cands = []
        for y in (c.ref.year - 1, c.ref.year, c.ref.year + 1):
            ye = y + 1 if (m1, d1) > (m2, d2) else y
            s, e = safe_date(y, m1, min(d1, 31)), safe_date(ye, m2, min(d2, 31))
            if s and e:
                cands.append((s, e))
        span = cal.place(cands, c.ref, c.tense)
        if not span:
            return None
        y1, y2 = span[0].year, span[1].year
    return y1, y2


def h_day_range(g, c):
    """Day range: April 26-27, 26-27 April, from 3 to 5 May, April 26 to May 2."""
    if g.get("m"):
        # "April 26-27" / "26-27 April 2023": one month, one optional year.
        m1 = m2 = _month(g["m"])
        y1 = y2 = int(g["y"]) if g.get("y") else None
        if day_number(g["d2"]) < day_number(g["d1"]):
            return None  # "April 27-26" is not a range (nor "3-2 May", a score)
    else:
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        y1 = int(g["y1"]) if g.get("y1") else None
        y2 = int(g["y2"]) if g.get("y2") else None
    d1, d2 = day_number(g["d1"]), day_number(g["d2"])
    ys = _range_years(m1, d1, y1, m2, d2, y2, c)
    if not ys:
        return None
    s, e = safe_date(ys[0], m1, d1), safe_date(ys[1], m2, d2)
    if not s or not e or e < s:
        return None
    return s, e, "day", "range"


def h_month_range(g, c):
    """Month range: between March and June 2024, May 2022 to March 2023."""
    m1, m2 = _month(g["m1"]), _month(g["m2"])
    y1, y2 = g.get("y1"), g.get("y2")
    ys = _range_years(m1, 1, int(y1) if y1 else None, m2, 1, int(y2) if y2 else None, c)
    if not ys:
        return None
    s, e = date(ys[0], m1, 1), cal.month_end(ys[1], m2)
    return (s, e, "month", "range") if s <= e else None


def h_year_range(g, c):
    """Year range (2020-2023, 2022-23) or an ISO year-month (2023-04)."""
    y1, tail = int(g["y1"]), g["y2"]
    if len(tail) == 2:
        n = int(tail)
        if n == (y1 + 1) % 100:
            y2 = y1 + 1          # "2022-23": consecutive years are a span (seasons, fiscal years)
        elif 1 <= n <= 12 and not g.get("lead") and g.get("conn", "-").strip() in ("-", ""):
            s, e = cal.month_span(y1, n)   # "2023-04": an ISO year-month
            return s, e, "month", "absolute"
        else:
            y2 = y1 - y1 % 100 + n
    else:
        y2 = int(tail)
    if y2 < y1:
        return None
    return date(y1, 1, 1), date(y2, 12, 31), "year", "range"


def h_holiday(g, c):
    """Holiday, fixed or movable: Christmas, Easter 2023, last Thanksgiving."""
    name = norm_phrase(g["h"])
    if name in HOLIDAYS_FIXED:
        hm, hd = HOLIDAYS_FIXED[name]
        on = lambda y: date(y, hm, hd)  # noqa: E731
    elif name in HOLIDAYS_NTH:
        hm, wd, n, after = HOLIDAYS_NTH[name]
        on = lambda y: cal.nth_weekday(y, hm, wd, n) + timedelta(days=after)  # noqa: E731
    else:
        off = HOLIDAYS_EASTER[name]
        on = lambda y: cal.easter(y) + timedelta(days=off)  # noqa: E731
    if g.get("y"):
        d = on(int(g["y"]))
        return d, d, "day", "absolute"
    ys = (c.ref.year - 1, c.ref.year, c.ref.year + 1)
    days = [on(y) for y in ys]
    rel = norm_phrase(g["rel"]) if g.get("rel") else None
    if rel == "this":
        d = days[1]
    elif rel == "last":
        d = [x for x in days if x < c.ref][-1]
    elif rel == "next":
        d = [x for x in days if x > c.ref][0]
    else:
        d = cal.place([(x, x) for x in days], c.ref, c.tense)[0]
        return d, d, "day", "partial"
    return d, d, "day", "relative"


def h_fiscal(g, c):
    """Fiscal year, labelled as TimeML does: fiscal 2024 / FY24 = the year 2024, this fiscal
    year = the reference's year (fiscal calendars differ by organisation; the label is what
    the text states)."""
    if g.get("y"):
        fy, kind = int(g["y"]), "absolute"
    elif g.get("yy"):
        fy, kind = cal.two_digit_year(int(g["yy"]), c.ref), "absolute"
    else:
        fy, kind = c.ref.year + RELATIVE.get(norm_phrase(g["rel"]), -1), "relative"
    s, e = cal.narrow(cal.year_span(fy), "year", _part(g))
    return s, e, "year", kind


def _latest_quarter(ref: date) -> tuple[int, int]:
    """(year, quarter) of the last quarter completed before ref: the one news reports on."""
    y, m = cal.add_months(ref.year, ref.month - (ref.month - 1) % 3, -3)
    return y, (m - 1) // 3 + 1


def h_quarter(g, c):
    """Quarter: the third quarter, Q3 2024, 2024 Q3, next year's first quarter, the first
    quarter of fiscal 2024 (= 2024-Q1,
    fiscal labels as in h_fiscal), the fiscal first quarter (the reference's year)."""
    q = int(g["qq"][1]) if g.get("qq") else int(g["qn"]) if g.get("qn") else _ordinal(g["qo"])
    if not 1 <= q <= 4:
        return None
    fy = g.get("fy") or g.get("fy2")
    kind = "absolute"
    if fy:
        fy = int(fy) if len(fy) == 4 else cal.two_digit_year(int(fy), c.ref)
        span = cal.quarter_span(fy, q)
    elif g.get("y"):
        span = cal.quarter_span(int(g["y"]), q)
    elif g.get("ago"):
        # the year-ago third quarter: that quarter of the year before its latest occurrence
        latest = cal.place([cal.quarter_span(y, q) for y in (c.ref.year - 1, c.ref.year)], c.ref, "past")
        span, kind = cal.quarter_span(latest[0].year - 1, q), "relative"
    elif g.get("rel") or g.get("ry"):
        # the first quarter of next year, next year's first quarter
        span = cal.quarter_span(c.ref.year + RELATIVE[norm_phrase(g.get("rel") or g["ry"])], q)
        kind = "relative"
    elif g.get("fq"):
        span, kind = cal.quarter_span(c.ref.year, q), "relative"
    elif c.tense == "future" and c.results and _latest_quarter(c.ref)[1] == q:
        # "expects to report third-quarter results" in October: results come out after the
        # quarter ends, so the latest completed quarter is still ahead in the news ("expects
        # to finish the project in the first quarter" in April is next year's).
        span, kind = cal.quarter_span(_latest_quarter(c.ref)[0], q), "partial"
    else:
        cands = [cal.quarter_span(y, q) for y in (c.ref.year - 1, c.ref.year, c.ref.year + 1)]
        span, kind = cal.place(cands, c.ref, c.tense), "partial"
    s, e = cal.narrow(span, "quarter", _part(g))
    return s, e, "quarter", kind


def h_year_ago_period(g, c):
    """The year-earlier / year-ago / prior-year period: the anchor's month, quarter or year a
    year before; without one, the reporting period of financial news, the latest completed
    quarter a year back."""
    if c.anchor is not None and c.anchor[2] in PERIOD_MONTHS:  # "sales for 2022 ... the year-earlier period"
        return shift_period(c.anchor, -PERIOD_MONTHS["year"]) + ("anaphoric",)
    return h_year_ago_quarter(g, c)


def h_year_ago_quarter(g, c):
    """The year-ago / year-earlier quarter: the latest completed quarter, one year back."""
    y, q = _latest_quarter(c.ref)
    s, e = cal.quarter_span(y - 1, q)
    return s, e, "quarter", "relative"


def h_full_year(g, c):
    """The full / whole / entire year: the reference's year; in a past clause on results in
    the first quarter ("sales for the full year rose 5%" in February) the year just ended."""
    s, e = cal.year_span(c.ref.year - (c.results and c.tense == "past" and c.ref.month <= 3))
    return s, e, "year", "relative"


def h_year_ago_adj(g, c):
    """A bare year-ago / year-earlier (adjective: "year-ago results"): the previous year."""
    s, e = cal.year_span(c.ref.year - 1)
    return s, e, "year", "relative"


def h_half(g, c):
    """Half year: H1 2024, the second half."""
    h = "h1" if g["h"].lower() in ("h1", "1h", "first") else "h2"
    if g.get("y"):
        ys = g["y"].lstrip("'’")
        y = int(ys) if len(ys) == 4 else cal.two_digit_year(int(ys), c.ref)
        kind = "absolute"
    else:
        y, kind = c.ref.year, "relative"
    s, e = cal.narrow(cal.year_span(y), "year", h)
    return s, e, "year", kind


def _season_year_now(ref: date, first: int, last: int) -> int:
    # Winter (Dec-Feb) seen from January/February started the year before.
    return ref.year - 1 if last < first and ref.month <= last else ref.year


def h_season(g, c):
    """Season: last summer, the fall, winter 2022, the summer of 2021."""
    first, last = SEASONS[g["s"].lower()]
    rel = norm_phrase(g["rel"]) if g.get("rel") else None
    if g.get("y"):
        span, kind = cal.season_span(int(g["y"]), first, last), "absolute"
    elif rel and rel != "the":
        y = _season_year_now(c.ref, first, last) + RELATIVE.get(rel, -1)
        span, kind = cal.season_span(y, first, last), "relative"
    else:
        y0 = _season_year_now(c.ref, first, last)
        cands = [cal.season_span(y, first, last) for y in (y0 - 1, y0, y0 + 1)]
        span, kind = cal.place(cands, c.ref, c.tense), "partial"
    s, e = cal.narrow(span, "season", _part(g))
    return s, e, "season", kind


def h_decade(g, c):
    """Decade: the 1990s, the '90s, the nineties; the 1800s is a century."""
    if g.get("d4"):
        d4 = int(g["d4"])
        if d4 % 10 == 0 and d4 < 200:
            # "the 1800s" / "the 1900s" are centuries (TimeML 18, 19); "the 2000s" stays a decade.
            s, e = cal.narrow(cal.century_span(d4 // 10 + 1), "century", _part(g))
            return s, e, "century", "absolute"
        y0 = d4 * 10
    else:
        digit = int(g.get("d2") or g.get("d2b")) if (g.get("d2") or g.get("d2b")) else DECADE_WORDS[g["dw"].lower()]
        # "the '90s": the latest such decade that has already begun.
        y0 = c.ref.year - c.ref.year % 100 + digit * 10
        if y0 > c.ref.year:
            y0 -= 100
    s, e = cal.narrow(cal.decade_span(y0), "decade", _part(g))
    return s, e, "decade", "absolute"


def h_century(g, c):
    """Century: the 21st century, the twentieth century."""
    n = _ordinal(g["c"])
    if not 1 <= n <= 22:
        return None
    s, e = cal.narrow(cal.century_span(n), "century", _part(g))
    return s, e, "century", "absolute"


def h_rel_period(g, c):
    """Deictic period: this week, last year, next quarter, the past month (= last month), the
    quarter (the latest completed one, as in earnings news), the end of year."""
    unit = g["u"].lower()
    part = _part(g)
    if not g.get("rel"):
        if not part:
            return None  # a bare "year" is no date; "the end of year" is
        rel = "the"
    else:
        rel = norm_phrase(g["rel"])
    if unit == "day" and rel not in ("the", "this"):
        return None  # "the last day", "next day": not this-day expressions
    off = RELATIVE.get(rel, -1)
    if unit == "quarter" and rel == "the" and not part:
        off = -1  # "in the quarter": the reported (latest completed) quarter
    span = cal.offset_span(unit, c.ref, off)
    s, e = cal.narrow(span, unit, part)
    return s, e, unit, "relative"


def h_rel_month(g, c):
    """Month relative to the reference: last July, next March, this December."""
    m, rel = _month(g["m"]), norm_phrase(g["rel"])
    off = RELATIVE.get(rel, -1)
    if off == 0:
        y = c.ref.year
    elif off < 0:
        y = c.ref.year if m < c.ref.month else c.ref.year - 1
    else:
        y = c.ref.year if m > c.ref.month else c.ref.year + 1
    s, e = cal.narrow(cal.month_span(y, m), "month", _part(g))
    return s, e, "month", "relative"


def h_month_relyear(g, c):
    """Month of a relative year: July last year, March of next year."""
    y = c.ref.year + RELATIVE[norm_phrase(g["rel"])]
    s, e = cal.narrow(cal.month_span(y, _month(g["m"])), "month", _part(g))
    return s, e, "month", "relative"


def h_month_year(g, c):
    """Month and year: April 2023."""
    s, e = cal.narrow(cal.month_span(int(g["y"]), _month(g["m"])), "month", _part(g))
    return s, e, "month", "absolute"


def h_month(g, c):
    """Bare month placed by tense: (in) May."""
    m = _month(g["m"])
    cands = [cal.month_span(y, m) for y in (c.ref.year - 1, c.ref.year, c.ref.year + 1)]
    s, e = cal.narrow(cal.place(cands, c.ref, c.tense), "month", _part(g))
    return s, e, "month", "partial"


def h_year(g, c):
    """Year: 2023, the year 2000, '98, the year two thousand (and one)."""
    if g.get("y"):
        y = int(g["y"])
    elif g.get("yy"):
        y = cal.two_digit_year(int(g["yy"]), c.ref)
    else:  # "the year two thousand [and N]"
        y = 2000 + (count(g["yn"]) if g.get("yn") else 0)
    s, e = cal.narrow(cal.year_span(y), "year", _part(g))
    return s, e, "year", "absolute"


def h_period_end(g, c):
    """Period end: year-end, the month-end (the late part of the current period)."""
    unit = g["u"].lower()
    s, e = cal.narrow(cal.unit_span(unit, c.ref), unit, "late")
    return s, e, unit, "relative"


# Months in a period: an offset of a whole number of the anchor's periods keeps its precision.
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def shift_period(anchor, months: int) -> tuple[date, date, str]:
    """The anchor's month, quarter or year moved by a whole number of such periods (months)."""
    precision = anchor[2]
    s, e = cal.offset_span(precision, anchor[0], months // PERIOD_MONTHS[precision])
    return s, e, precision
