"""Date normalisation for news text: resolve date expressions to calendar spans.

Public API: ``resolve_date``, ``find_dates``, ``find_dateline``, ``infer_tense``,
``DateValue``, ``DateMention``. Vocabulary is data (reference/date_words.yaml); the grammar
is in _date_rules.py, its resolvers in _date_resolvers.py.

Conventions (where the calendar leaves a choice they follow TimeML / TimeBank values,
checked on TimeBank, AQUAINT and TempEval-3 annotations with benchmarks/timex_eval.py):

* ``DateValue(start, end, precision)``; precision is one of day, week, month, quarter,
  season, year, decade, century (``unknown`` is in the contract but never produced here).
* Weeks are ISO weeks (Monday..Sunday): "this week" is the week containing the reference.
  A weekend is Saturday..Sunday with precision week (the weekend part of a week).
* Seasons are meteorological, northern hemisphere: spring Mar-May, summer Jun-Aug,
  autumn/fall Sep-Nov, winter Dec-Feb; winter 2022 = Dec 2022 - Feb 2023. "last summer"
  is the summer of the previous year, "this summer" the current year's.
* Part-of-period words keep the whole period, as TimeML does (it puts the part in a
  ``mod`` attribute, which a DateValue does not carry): early/mid/late December, "the
  beginning/middle/end of" December = December; early 2024, "the end of the year", year-end,
  end-2023 = the year; the early 1990s = the decade; "early this week" = the week. Halves
  and nth weeks do narrow: "the first half of 2024" = Jan-Jun (precision year), "the first
  week of May" = May 1-7, "the last week of" = its last 7 days (precision month).
  "earlier this week" / "later this month" keep the whole period.
* Fiscal periods are labelled by the year they name (TimeML value "1989" for "fiscal 1989"),
  not computed, since fiscal calendars differ by organisation: fiscal 2024 = FY24 = the year
  2024; "this fiscal year" = the reference's year; "the first quarter of fiscal 2024" =
  2024-Q1; "the fiscal third quarter" = the third quarter of the reference's year.
* Decades and centuries follow TimeBank: "the 1990s" = 1990-1999, "the 21st century" =
  2000-2099, "the 1800s" = 1800-1899 (a century; "the 2000s" stays the decade).
* "the past week" / "the last month" / "the past year" (singular, no number) are the
  previous calendar unit, like "last week" (TimeML values "the last decade" 198 and "the last
  week" the previous ISO week; the rolling seven days themselves are a DURATION). With a
  count ("the past 10 years", "for three days") or no anchor in time ("for decades") they
  are durations: None.
* Quarters in business news: "the quarter" (bare) and "the latest / most recent quarter"
  are the last quarter completed before the reference (the reported one); "the year-ago /
  year-earlier quarter" is that quarter a year back. "this / the current quarter" is the
  reference's own quarter.
* "now", "right now", "currently" and other present/past/future references (TimeML
  PRESENT_REF, PAST_REF, FUTURE_REF: "recently", "the future") are not calendar dates: None.
  "today" is the reference day.
* "two weeks ago" / "in three days" / "a year from now": the unit containing ref -/+ n units,
  at that unit's precision.
* Placement of partial dates ("in May", "April 26", "the third quarter", "summer"):
  tense 'past' takes the latest occurrence starting on or before the reference (a single
  day up to ``past_day_tolerance`` days after it counts too: a publication date is often a
  time zone behind the event, "met on August 29" dated August 28; in running text not when
  its sentence says "last year" or "a year ago"), 'future' the
  earliest ending on or after it; no tense takes the occurrence containing the reference,
  else the nearest one, where a future one must be three times as close as the past one to
  win (news mostly reports the past; ``future_distance_weight`` in date_words.yaml). Bare
  weekdays ("on Tuesday") follow the same rule: 'past' gives the latest such day on or
  before the reference (the reference itself if it is that weekday), 'future' the first on
  or after it, no tense the past one unless the next one is three times closer (Thursday
  read on a Wednesday is tomorrow; Monday read on a Wednesday is two days ago). "last Friday" is strictly before the reference, "next
  Monday" strictly after, "this Friday" the Friday of the current ISO week.
* Numeric dates: a part > 12 must be the day ("26/04/2023"); dotted dates are day first
  ("05.04.2023" = 5 April); otherwise month/day (US, "05/04/2023" = May 4) unless
  ``dayfirst=True``. Two-digit years up to the reference year + 10 are 20xx, else 19xx.
  Spelled-out years are read only after "year" ("the year two thousand and one" = 2001);
  a bare "two thousand" is a number, not a date.
* Anaphora ("the next day", "two days later", "the same day") resolve against ``anchor``
  (forward ones from its end, backward ones from its start). ``resolve_date`` falls back to
  the reference when no anchor is given; ``find_dates`` uses the latest day-precision date
  found earlier in the same text, else ``anchor``, else returns the mention with value None.
  Anaphora in units at least as long as the latest month, quarter or year found ("a year
  earlier", "later that year", "the following month", "the year-earlier period") count
  from that period at its precision ("revenue in the third quarter rose from a year
  earlier" = that quarter a year back); a date that is a comparison base ("from 6% in
  February") or a year-ago figure does not become that period. "N years ago" counts from
  a month or quarter only when its sentence compares figures after naming it ("rose to $5
  million in the third quarter from $3 million a year ago"). "The full year" in a past
  clause on results in January-March is the year just ended.
* ``find_dates`` takes each partial date's tense from its clause: the nearest cue before
  it in the clause, else the nearest after it, else the nearest in the sentence (a cue after
  the date counting twice as far; no cue more than 300 characters away). Reporting verbs
  ("said", "told") place a date next to them or past their listener or medium ("told
  reporters Thursday", "told Reuters on Thursday", "said in a statement Thursday"), not one
  inside what was said (a past verb after a quote, '"...," the envoy added', reports too);
  a clause that is only an adverbial ("In June, the minister said ...") takes the next verb,
  a reporting one included. Future seen from the past ("was scheduled for", "was to take
  place"), a past clause's deadline ("extended the offer to Nov. 20", "postponed the vote
  until June", "agreed to finish by June", "a Jan. 14 deadline", "a deadline of June 30"),
  due dates ("payable Dec. 1", "effective Jan. 1") and an infinitive lasting until a date
  ("a program to run through June") are placed as with no tense; "lasted until", "by"
  opening its clause or after "had" ("By June, refugees had fled") and a possessive
  ("Sunday's strike") are not deadlines. A quarter in a future clause that speaks of
  results ("will report first-quarter results" in April) is the latest completed one. Cue words live
  in date_words.yaml (``tense``). A dateline at the start of the text comes first (kind 'dateline') and, when it is
  a full day, becomes the reference for the rest of the text.
* ``reference`` (and ``anchor``) may be a date, a datetime or an ISO "YYYY-MM-DD" string.
* Expressions may carry a leading preposition ("on", "in", "as of"...), "'s", a clock time
  ("10 p.m. Tuesday") and outer punctuation; case does not matter to ``resolve_date``. In
  running text (``find_dates``) month and weekday names must be Capitalised or UPPER case
  and a bare month, year or season needs a date cue before it ("in May", not "May I").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from transforms import _date_rules as _rules
from transforms._date_dispatch import lead_key, scan_key
from transforms._date_resolvers import PERIOD_MONTHS, Ctx, offset_unit, h_ago_compared
from transforms._date_tense import TenseIndex, infer_tense
from transforms._date_vocab import PREPOSITIONS

__all__ = ["DateValue", "DateMention", "resolve_date", "find_dates", "find_dateline", "infer_tense"]


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


_SCAN = _rules.build(scan=True)
_RESOLVE = _rules.build(scan=False)

# Outer punctuation and quotes never belong to the expression.
_STRIP_CHARS = " \t\r\n.,;:!?\"'()[]{}“”‘’«»"
_POSSESSIVE = re.compile(r"['’]s\Z")
# Leading prepositions ("on Tuesday", "as of early May") are context, not part of the date.
_PREP_1 = frozenset(p for p in PREPOSITIONS if " " not in p)
_PREP_N = frozenset(p for p in PREPOSITIONS if " " in p)
_TIME_OF_DAY = re.compile(
    r"(?:\b(?:at|by|around|from|until)\s+)?"
    r"(?:\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?!\w)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b)"
    r"(?:\s+(?:gmt|utc|est|edt|cst|cdt|pst|pdt|et|pt|cet|bst|local\s+time)\b)?"
)
_TENSES = (None, "past", "future")
# Where a date may start in running text: a word, a digit, an apostrophe before digits ('90s).
_TOKEN = re.compile(r"(?<!\w)(?:[A-Za-z]+|\d|['’]\d)")


def _as_anchor(anchor) -> tuple | None:
    """Normalise an anchor (DateValue | date | datetime | None) to (start, end, precision)."""
    if anchor is None:
        return None
    if isinstance(anchor, DateValue):
        return anchor.start, anchor.end, anchor.precision
    if isinstance(anchor, (datetime, str)):
        anchor = _as_day(anchor)
    if isinstance(anchor, date):
        return anchor, anchor, "day"
    raise TypeError(f"anchor must be DateValue, date, ISO string or None, not {type(anchor).__name__}")


def _as_day(reference) -> date:
    if isinstance(reference, datetime):
        return reference.date()
    if isinstance(reference, date):
        return reference
    if isinstance(reference, str):
        return date.fromisoformat(reference.strip()[:10])  # "2023-05-02" or an ISO timestamp
    raise TypeError(f"reference must be a date, not {type(reference).__name__}")


def _whole_match(s: str, *, dispatch: bool = True):
    """Match the whole expression against the rules that can start with its first words;
    return (matcher, match) or None. ``dispatch=False`` tries every rule (same result,
    slower; used by the tests)."""
    table, fallback = _RESOLVE.dispatch, _RESOLVE.fallback
    for _ in range(3):
        mt = table.get(lead_key(s), fallback) if dispatch else _RESOLVE.full
        m = mt.regex.fullmatch(s) if mt is not None else None
        if m is not None:
            return mt, m
        # Try again without one leading preposition (the expression whole came first,
        # so "in two weeks" keeps its "in").
        words = s.split(" ", 3)
        if len(words) < 2:
            return None
        if words[0] in _PREP_1:
            s = s[len(words[0]) + 1:].lstrip()
        elif len(words) >= 3 and " ".join(words[:2]) in _PREP_N:
            s = s.split(" ", 2)[2]
        elif len(words) == 4 and " ".join(words[:3]) in _PREP_N:
            s = words[3]
        else:
            return None
        if not s:
            return None
    return None


# Spoken years, as broadcast transcripts write them: "nineteen ninety-four" -> 1994,
# "eighteen twelve" -> 1812, "twenty twenty-three" -> 2023, "nineteen oh five" -> 1905,
# "the nineteen nineties" -> the 1990s.
# resolve_date reads them by rewriting the expression; find_dates does not look for them
# (a run of number words in running text is far more often a count).
_UNITS = {w: i for i, w in enumerate("one two three four five six seven eight nine".split(), 1)}
_TEENS = {w: i for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10)}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_CENTURIES = {"eighteen": 18, "nineteen": 19, "twenty": 20}
_SPOKEN_YEAR = re.compile(
    r"\b(?P<c>eighteen|nineteen|twenty)[\s-]+(?:(?P<t>" + "|".join(_TENS) + r")(?:[\s-]+(?P<u>"
    + "|".join(_UNITS) + r"))?|(?P<teen>" + "|".join(_TEENS) + r")|oh[\s-]+(?P<o>" + "|".join(_UNITS)
    + r")|(?P<h>hundred)|(?P<ds>" + "|".join(w[:-1] + "ies" for w in _TENS) + r"))\b")


def _spoken_year(m: re.Match) -> str:
    c = _CENTURIES[m["c"]] * 100
    if m["t"]:
        return str(c + _TENS[m["t"]] + (_UNITS[m["u"]] if m["u"] else 0))
    if m["teen"]:
        return str(c + _TEENS[m["teen"]])
    if m["ds"]:
        return f"{c + _TENS[m['ds'][:-3] + 'y']}s"  # the nineteen nineties -> the 1990s
    return str(c + _UNITS[m["o"]]) if m["o"] else str(c)


def resolve_date(expression, reference, *, tense=None, anchor=None, dayfirst=False) -> DateValue | None:
    """Resolve one date expression against a reference day; None if it is not a calendar date."""
    if not isinstance(expression, str):
        return None
    s = expression.strip(_STRIP_CHARS).lower()
    if not s:
        return None
    if len(s) == 2 and s.isdigit() and expression.strip()[:1] in "'’‘":
        s = "'" + s  # '98: the apostrophe marks a two-digit year
    if tense is not None and tense not in _TENSES:
        raise ValueError(f"tense must be None, 'past' or 'future', not {tense!r}")
    ref = reference if type(reference) is date else _as_day(reference)
    if "’" in s:
        s = s.replace("’", "'")
    if "  " in s or "\n" in s or "\t" in s or "\r" in s or "\xa0" in s:
        s = " ".join(s.split())
        if not s:
            return None  # only (non-ASCII) white space
    if s.endswith("'s"):
        s = _POSSESSIVE.sub("", s).rstrip()
        if not s:
            return None
    if s.endswith(" or so"):
        s = s[:-6].rstrip(_STRIP_CHARS)  # "the next year or so": a rounding, same period
    if ("nineteen" in s or "eighteen" in s or "twenty" in s) and (spoken := _SPOKEN_YEAR.sub(_spoken_year, s)) != s:
        s = spoken
    hit = _whole_match(s)
    if hit is None:
        # A clock time is finer than a date: "10 p.m. Tuesday", "May 5 at 3:30 pm".
        t = _TIME_OF_DAY.sub(" ", s).strip(" ,")
        if t == s:
            return None
        t = " ".join(t.split())
        if not t:
            return None
        hit = _whole_match(t)
        if hit is None:
            return None
    rule, g = _rules.read(_RESOLVE, hit[0], hit[1])
    # Without an anchor, an anaphor is read against the reference (the only date known).
    a = (ref, ref, "day") if anchor is None else _as_anchor(anchor)
    try:
        out = rule.handler(g, Ctx(ref, tense, a, dayfirst))
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # out-of-range calendar arithmetic (year 0, 31 February...)
    if out is None or out[0] is None:
        return None
    return DateValue(out[0], out[1], out[2])


def _resolve_match(rule, g, ref, tense, anchor, dayfirst, results=False, strict=False):
    try:
        return rule.handler(g, Ctx(ref, tense, anchor, dayfirst, results, strict))
    except (ValueError, OverflowError, KeyError, IndexError):
        return None


def find_dates(text, reference, *, anchor=None, dayfirst=False) -> list[DateMention]:
    """Find every date expression in text (not durations) with span, resolved value and kind."""
    return _find_dates(text, reference, anchor, dayfirst, dispatch=True)


def _match_at(text: str, s: int, tok: str, dispatch: bool):
    """The first rule matching at s, trying only rules that can start with the words there."""
    if not dispatch:
        return _SCAN.full, _SCAN.full.regex.match(text, s)
    grammar = _SCAN
    if tok[0].isalpha():
        if tok.lower() not in grammar.firsts and grammar.fallback is None:
            return None, None  # no rule starts with this word
        key = scan_key(text, s)
    else:
        key = "#" + tok[0]
    mt = grammar.dispatch.get(key)
    if mt is None:
        # Unknown two words ("Thursday with"): only rules that may stop after word one.
        mt = grammar.ends.get(key.split(" ", 1)[0], grammar.fallback) if " " in key else grammar.fallback
    return (mt, mt.regex.match(text, s)) if mt is not None else (None, None)


# Anaphors that may count from a month, quarter or year ("a year earlier", "the year-ago
# period", "later that year", "the following month") rather than from the latest day: the
# latest date of any precision anchors them when it is such a period and their unit is at
# least as long.
_PERIOD_ANAPHORS = frozenset(["ana_offset", "year_ago_period", "ana_rel", "ana_that"])


_AGO_COMPARED = _rules.Rule("ago_compared", "", h_ago_compared)


def _period_fits(rule, g, last) -> bool:
    if last[2] not in PERIOD_MONTHS:
        return False
    if rule.name == "ago":
        return last[2] != "year" and offset_unit(g["u"])[0] == "year"
    if rule.name == "year_ago_period":
        return True
    unit = offset_unit(g["u"])[0] if rule.name == "ana_offset" else g["u"].lower()
    return PERIOD_MONTHS.get(unit, 0) >= PERIOD_MONTHS[last[2]]


def _find_dates(text, reference, anchor, dayfirst, *, dispatch: bool) -> list[DateMention]:
    if not isinstance(text, str) or not text.strip():
        return []
    ref = _as_day(reference)
    chain = _as_anchor(anchor)
    out: list[DateMention] = []
    pos = 0
    dl = find_dateline(text, ref)
    if dl is not None:
        out.append(dl)
        pos = dl.end
        if dl.value is not None and dl.value.precision == "day":
            # The dateline dates the section: later relative dates count from it.
            ref = dl.value.start
            chain = (dl.value.start, dl.value.end, "day")
    tenses = None
    last = chain  # the latest date found, at any precision (not a comparison base)
    last_at = -1  # where it was found
    for w in _TOKEN.finditer(text, pos):
        s = w.start()
        if s < pos:
            continue  # inside the previous mention
        mt, m = _match_at(text, s, w.group(), dispatch)
        if m is None:
            continue
        rule, g = _rules.read(_SCAN, mt, m)
        e = m.end()
        if tenses is None:
            tenses = TenseIndex(text)
        tense_fn = lambda s=s, e=e: tenses.tense_at(s, e)  # noqa: E731
        if rule.check is not None and not rule.check(text, s, e, g, tense_fn):
            continue
        tense = tenses.placement_tense(s, e)
        results = ((tense == "future" and rule.name.startswith("quarter") and tenses.results_near(s, e))
                   or (tense == "past" and rule.name == "full_year" and tenses.results_near(s, e, False)))
        anchor, from_period = chain, False
        if rule.name == "ago" and last is not None and _period_fits(rule, g, last) \
                and tenses.compared(s, last_at):
            rule, anchor, from_period = _AGO_COMPARED, last, True  # "sales in May rose from a year ago"
        elif rule.name in _PERIOD_ANAPHORS and last is not None and _period_fits(rule, g, last):
            anchor, from_period = last, True  # "in the third quarter ... from a year earlier"
        strict = tense == "past" and tenses.year_back(s, e)  # "last year ... on March 3"
        res = _resolve_match(rule, g, ref, tense, anchor, dayfirst, results, strict)
        if res is None:
            continue
        pos = e
        start, end, precision, kind = res
        value = DateValue(start, end, precision) if start is not None else None
        out.append(DateMention(s, e, text[s:e], value, kind))
        if value is not None:
            # A year-ago figure or a comparison base ("from 6% in February") is not the
            # period the text is about; a day still anchors "two days later".
            if not from_period and not tenses.comparison_base(s):
                last, last_at = (start, end, precision), s
            if precision == "day":
                chain = (start, end, precision)
    return out


# ------------------------------------------------------------------ datelines

# "BEIJING, May 5 (Xinhua) --", "Washington, D.C., May 2, 2022 —": places are capitalised
# words (with dots, hyphens, apostrophes) separated by commas, no digits.
_PLACE = r"[A-Z][A-Za-z.'’\-]*(?:[ \t]+[A-Za-z.'’\-]+){0,4}"
_DATELINE_HEAD = re.compile(
    r"\s*(?:(?P<on>[Oo]n)\s+|(?P<place>" + _PLACE + r"(?:,[ \t]*" + _PLACE + r"){0,3}),[ \t]*)?"
)
_DATELINE_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:--|—|–|-|:|/|\|)")
_DATELINE_RULES = frozenset({"iso", "numeric", "mdy", "dmy"})


def find_dateline(text, reference=None) -> DateMention | None:
    """Return the dateline date at the start of a section ("BEIJING, May 5 (Xinhua) --"), else None."""
    if not isinstance(text, str):
        return None
    head = _DATELINE_HEAD.match(text)
    if head is None:
        return None
    m = _SCAN.full.regex.match(text, head.end())
    if m is None:
        return None
    rule, g = _rules.read(_SCAN, _SCAN.full, m)
    if rule.name not in _DATELINE_RULES:
        return None
    s, e = m.span()
    if head.group("on"):
        if not re.match(r"\s*,", text[e:e + 3]):
            return None  # "On April 27, 2023, ..." needs its comma to be a dateline
    elif not _DATELINE_TAIL.match(text, e):
        return None
    if reference is None:
        if len(g.get("y") or "") != 4:
            return DateMention(s, e, text[s:e], None, "dateline")  # the year needs a reference
        ref = date(int(g["y"]), 1, 1)  # unused by full dates; keeps the function pure
    else:
        ref = _as_day(reference)
    res = _resolve_match(rule, g, ref, None, None, False)
    if res is None or res[0] is None:
        return None
    return DateMention(s, e, text[s:e], DateValue(res[0], res[1], res[2]), "dateline")
