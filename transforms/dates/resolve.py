"""resolve_date: one date expression, read whole, against a reference day."""

from __future__ import annotations

import re
from datetime import date

from transforms.dates.dispatch import lead_key
from transforms.dates.grammar import RESOLVE, read
from transforms.dates.resolvers import Ctx
from transforms.dates.values import DateValue, as_anchor, as_day
from transforms.dates.vocab import PREPOSITIONS

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


def whole_match(s: str, *, dispatch: bool = True):
    """Match the whole expression against the rules that can start with its first words;
    return (matcher, match) or None. ``dispatch=False`` tries every rule (same result,
    slower; used by the tests)."""
    table, fallback = RESOLVE.dispatch, RESOLVE.fallback
    for _ in range(3):
        mt = table.get(lead_key(s), fallback) if dispatch else RESOLVE.full
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
    ref = reference if type(reference) is date else as_day(reference)
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
    hit = whole_match(s)
    if hit is None:
        # A clock time is finer than a date: "10 p.m. Tuesday", "May 5 at 3:30 pm".
        t = _TIME_OF_DAY.sub(" ", s).strip(" ,")
        if t == s:
            return None
        t = " ".join(t.split())
        if not t:
            return None
        hit = whole_match(t)
        if hit is None:
            return None
    rule, g = read(RESOLVE, hit[0], hit[1])
    # Without an anchor, an anaphor is read against the reference (the only date known).
    a = (ref, ref, "day") if anchor is None else as_anchor(anchor)
    try:
        out = rule.handler(g, Ctx(ref, tense, a, dayfirst))
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # out-of-range calendar arithmetic (year 0, 31 February...)
    if out is None or out[0] is None:
        return None
    return DateValue(out[0], out[1], out[2])


def resolve_match(rule, g, ref, tense, anchor, dayfirst, results=False, strict=False):
    try:
        return rule.handler(g, Ctx(ref, tense, anchor, dayfirst, results, strict))
    except (ValueError, OverflowError, KeyError, IndexError):
        return None


