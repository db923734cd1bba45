"""find_dates: every date expression in running text, each read with its clause's context."""

from __future__ import annotations

import re
from datetime import date

from transforms.dates.dateline import find_dateline
from transforms.dates.dispatch import scan_key
from transforms.dates.grammar import SCAN, Rule, read
from transforms.dates.resolve import resolve_match
from transforms.dates.relative import h_ago_compared, offset_unit
from transforms.dates.resolvers import PERIOD_MONTHS
from transforms.dates.tense import TenseIndex
from transforms.dates.values import DateMention, DateValue, as_anchor, as_day

# Where a date may start in running text: a word, a digit, an apostrophe before digits ('90s).
_TOKEN = re.compile(r"(?<!\w)(?:[A-Za-z]+|\d|['’]\d)")


def find_dates(text, reference, *, anchor=None, dayfirst=False) -> list[DateMention]:
    """Find every date expression in text (not durations) with span, resolved value and kind.

    With `reference` None (an article without a date) only what the text fixes on its own is
    resolved ("on 23 November 2021", "in 2019", "two days later" after such a day); the others
    are found with value None.
    """
    return _find_dates(text, reference, anchor, dayfirst, dispatch=True)


# Without a reference, a date is resolved against both of these: what the text fixes on its own
# reads the same against both ("23 November 2021"), what needs a reference does not ("on 9 February").
_UNANCHORED = (date(1904, 3, 15), date(2096, 9, 15))


def _resolve(rule, g, refs, tense, anchor, dayfirst, results, strict):
    """resolve_match against the reference, or against both _UNANCHORED days when there is none."""
    if len(refs) == 1:
        return resolve_match(rule, g, refs[0], tense, anchor, dayfirst, results, strict)
    first, second = (resolve_match(rule, g, r, tense, anchor, dayfirst, results, strict) for r in refs)
    if first is None or second is None:
        one = first or second
        return None if one is None else (None, None, None, one[3])
    return first if first == second else (None, None, None, first[3])


def _match_at(text: str, s: int, tok: str, dispatch: bool):
    """The first rule matching at s, trying only rules that can start with the words there."""
    if not dispatch:
        return SCAN.full, SCAN.full.regex.match(text, s)
    grammar = SCAN
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


_AGO_COMPARED = Rule("ago_compared", "", h_ago_compared)


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
    ref = as_day(reference) if reference is not None else None
    chain = as_anchor(anchor)
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
        rule, g = read(SCAN, mt, m)
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
        res = _resolve(rule, g, _UNANCHORED if ref is None else (ref,), tense, anchor, dayfirst, results, strict)
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

