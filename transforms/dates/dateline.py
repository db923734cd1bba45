"""find_dateline: the date of a dateline that opens a section ("BEIJING, May 5 (Xinhua) --")."""

from __future__ import annotations

import re
from datetime import date

from transforms.dates.grammar import SCAN, read
from transforms.dates.resolve import resolve_match
from transforms.dates.values import DateMention, DateValue, as_day

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
    m = SCAN.full.regex.match(text, head.end())
    if m is None:
        return None
    rule, g = read(SCAN, SCAN.full, m)
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
        ref = as_day(reference)
    res = resolve_match(rule, g, ref, None, None, False)
    if res is None or res[0] is None:
        return None
    return DateMention(s, e, text[s:e], DateValue(res[0], res[1], res[2]), "dateline")

