"""Grammar of date expressions: one regex rule per form, each with a resolver and a running-text check.

Every rule is a regex template (``$NAME`` pulls a fragment from the vocabulary), a
handler from ``resolvers`` turning the rule's groups into ``(start, end, precision,
kind)`` and an optional ``check`` that vetoes a match found in running text (e.g. "May" in
"they may meet"). Rules compile into alternations per mode: ``resolve`` (lower-cased
input, whole-string match) and ``scan`` (case-aware month/weekday names, matched at word
starts of running text); both try only the rules that can start with the first words
(see dispatch.py). An alternation takes the first rule that matches, so where two
rules can match at one position the longer form is listed first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Callable, NamedTuple

from transforms.dates.dispatch import first_words
from transforms.dates.relative import (
    h_ana_before, h_ana_offset, h_ana_rel, h_ana_weekday, h_before_last, h_deictic, h_offset, h_ordinal_day, h_week_of,
    h_weekday, h_weekend,
)
from transforms.dates.resolvers import (
    h_century, h_day_range, h_decade, h_fiscal, h_full_year, h_half, h_holiday, h_iso, h_md, h_month, h_month_range,
    h_month_relyear, h_month_year, h_numeric, h_period_end, h_quarter, h_rel_month, h_rel_period, h_season, h_year,
    h_year_ago_adj, h_year_ago_period, h_year_ago_quarter, h_year_range, norm_phrase,
)
from transforms.dates.vocab import DEICTIC_DAYS, MONTHS, ORDINAL_FOLLOWERS, PREPOSITIONS, fragments
from transforms.reference.patterns import phrase_alternation

# ---------------------------------------------------------------- running-text checks
# Each gets (text, start, end, groups, tense_fn) and says whether a scan match is a date.

_PREV_WORDS = re.compile(r"([A-Za-z]+)(?:\s+([A-Za-z]+))?[\s,(\"“]*\Z")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
_PUNCT_OR_END = re.compile(r"\s*(?:[.,;:!?)\]\"”'’—–-]|\Z)")


def _prev_cue(text: str, start: int) -> bool:
    m = _PREV_WORDS.search(text, max(0, start - 40), start)
    if not m:
        return False
    w1 = m.group(2) or m.group(1)
    two = f"{m.group(1)} {m.group(2)}".lower() if m.group(2) else None
    return w1.lower() in PREPOSITIONS or (two is not None and two in PREPOSITIONS)


def _has_part(g) -> bool:
    return bool(g.get("pa") or g.get("pb") or g.get("pc"))


def _ck_cue(text, s, e, g, tense):
    return _has_part(g) or _prev_cue(text, s)


def _ck_year(text, s, e, g, tense):
    if _has_part(g) or g.get("yr"):
        return True
    if text.startswith(("'s", "’s"), e):
        return True
    return _prev_cue(text, s)


def _ck_year_range(text, s, e, g, tense):
    return bool(g.get("lead")) or _prev_cue(text, s)


def _ck_season(text, s, e, g, tense):
    return bool(g.get("rel") or g.get("y")) or _ck_cue(text, s, e, g, tense)


def _ck_weekday(text, s, e, g, tense):
    if g.get("rel"):
        return True
    m = _NEXT_WORD.match(text, e)
    if m and m.group(1)[0].isupper() and m.group(1).lower().rstrip(".") not in MONTHS:
        return _prev_cue(text, s)  # "the Sunday Times" / "Good Friday Agreement"
    return True


def _ck_rel_period(text, s, e, g, tense):
    if not g.get("rel"):
        return _has_part(g)  # "the end of year", never a bare "year"
    if norm_phrase(g["rel"]) == "the":
        return _has_part(g) or bool(g.get("cmp"))
    return True


def _ck_in_n(text, s, e, g, tense):
    # "in 30 years" is a date only when the clause looks ahead ("will meet in two weeks"),
    # not in "the highest level in 30 years".
    return tense() == "future"


def _ck_followed_by_punct(text, s, e, g, tense):
    if g.get("dir", "").lower() in ("before", "after"):
        return bool(_PUNCT_OR_END.match(text, e))  # not "the day before the vote"
    return True


def _ck_ordinal_day(text, s, e, g, tense):
    if _PUNCT_OR_END.match(text, e):
        return True
    m = _NEXT_WORD.match(text, e)
    return bool(m) and m.group(1).lower() in ORDINAL_FOLLOWERS


def _ck_decade(text, s, e, g, tense):
    if g.get("d2b"):
        return False  # "in the 90s" is as likely a temperature
    if g.get("dw"):
        return _has_part(g) or text[s:s + 3].lower() == "the"  # not "in her forties"
    return True


def _ck_capital(text, s, e, g, tense):
    return g["h"][:1].isupper()


def _ck_numeric(text, s, e, g, tense):
    return g["sep"] == "/" or len(g["y"]) == 4


# ---------------------------------------------------------------- the rule table

class Rule(NamedTuple):
    """One form of date expression: regex template, resolver, running-text check."""

    name: str
    template: str
    handler: Callable
    check: Callable | None = None
    scan: bool = True


# A part-of-period prefix: "early ", "mid-", "the end of ", "the first half of ", "end-".
_PART = (
    r"(?:(?:the\s+)?(?:(?P<pa>(?:very\s+)?early|mid|late)(?:\s*-\s*|\s+in\s+|\s+)"
    r"|(?P<pb>beginning|start|middle|end|early\s+part|latter\s+part|first\s+half|second\s+half|(?:last|latter)\s+half"
    r"|(?:first|second|third|fourth|final|last)\s+week)\s+of\s+"
    r"|(?P<pc>end|start)-))"
)
_WDP = r"(?:(?:this\s+(?:coming\s+|past\s+)?|next\s+|last\s+)?(?P<wd>$WDX),?\s+)?"
_REL_DAY = r"this\s+past|this\s+coming|this|last|next|coming|past"
_ANA = r"following|next|previous|preceding|prior|same|subsequent"
_DEICTIC = phrase_alternation(DEICTIC_DAYS) + r"\b"
# A rounding word before a counted offset: "almost four years ago", "some two weeks later".
_APPROX = (r"(?:(?:almost|nearly|about|around|some|roughly|approximately|more\s+than|over|less\s+than"
           r"|just\s+over|just\s+under|under|at\s+least|only|just|barely)\s+)?")

# Ranges come in two flavours: "(from) X to/-/until Y" and "between X and Y".
_RANGE_FLAVOURS = (
    (r"(?:(?P<lead>from)\s+)?", r"(?P<conn>$TO)"),
    (r"(?P<lead>between)\s+", r"(?P<conn>\s+and\s+)"),
)
_DAYLIST_CONN = r"(?P<conn>$TO|\s+and\s+)"

_RANGE_RULES = [
    ("md_md", r"$LEAD" + _WDP + r"(?P<m1>$MON)\s+(?P<d1>$DAY)(?:,?\s+(?P<y1>$YEAR))?$CONN"
              r"(?:$WDX,?\s+)?(?P<m2>$MON)\s+(?P<d2>$DAY)(?:,?\s+(?P<y2>$YEAR))?", h_day_range, None),
    ("md_d", r"$LEAD" + _WDP + r"(?P<m>$MON)\s+(?P<d1>$DAY)$DCONN(?P<d2>$DAY)(?:,?\s+(?P<y>$YEAR))?",
     h_day_range, None),
    ("dm_dm", r"$LEAD(?P<d1>$DAY)\s+(?:of\s+)?(?P<m1>$MON)(?:,?\s+(?P<y1>$YEAR))?$CONN"
              r"(?P<d2>$DAY)\s+(?:of\s+)?(?P<m2>$MON)(?:,?\s+(?P<y2>$YEAR))?", h_day_range, None),
    ("d_d_m", r"$LEAD(?P<d1>$DAY)$DCONN(?P<d2>$DAY)\s+(?:of\s+)?(?P<m>$MON)(?:,?\s+(?P<y>$YEAR))?",
     h_day_range, None),
    ("my_my", r"$LEAD(?P<m1>$MON)(?:,?\s+(?P<y1>$YEAR))?$CONN(?P<m2>$MON)(?:,?\s+(?P<y2>$YEAR))?",
     h_month_range, None),
    ("y_y", r"$LEAD(?P<y1>$YEAR)$CONN(?P<y2>$YEARB|\d{2}\b)(?![.,:/-]\d)", h_year_range, _ck_year_range),
]

_SINGLE_RULES = [
    Rule("iso", r"(?<![\d.,/$£€:#-])(?P<y>$YEARB)[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"
         r"(?:t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b(?![.,:/-]?\d)",
         h_iso),
    Rule("numeric", r"(?<![\d/.\-,:])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b(?![.,:/-]\d)",
         h_numeric, _ck_numeric),
    Rule("mdy", _WDP + r"(?P<m>$MON)\s+(?:the\s+)?(?P<d>$DAY)(?:,?\s+(?P<y>$YEAR))?", h_md),
    # Spelled-out day after the month, as transcripts write it: "March eighth".
    Rule("mdy_words", _WDP + r"(?P<m>$MON)\s+(?:the\s+)?(?P<d>$ORDW)(?:,?\s+(?P<y>$YEAR))?", h_md, scan=False),
    Rule("dmy", _WDP + r"(?:the\s+)?(?P<d>$DAY)\s+(?:of\s+)?(?P<m>$MON)(?:,?\s+(?P<y>$YEAR))?", h_md),
    # Spelled-out day, only in the "the first of May" form (never "first May").
    Rule("dmy_words", _WDP + r"the\s+(?P<d>$ORDW)\s+of\s+(?P<m>$MON)(?:,?\s+(?P<y>$YEAR))?", h_md),
    Rule("holiday", r"(?:(?P<rel>this|last|next)\s+)?(?P<h>$HOLIDAY)(?:,?\s+(?P<y>$YEAR))?", h_holiday, _ck_capital),
    Rule("period_end", r"(?:the\s+)?(?P<u>year|month|quarter|week)(?:[\s-]|['’]s\s+)end\b", h_period_end),
    Rule("half", r"(?P<h>h[12]|[12]h)\s*(?P<y>$YEAR|['’]?\d{2}\b)", h_half),
    Rule("half_bare", r"the\s+(?P<h>first|second)\s+half", h_half, scan=False),
    Rule("ana_rel", r"(?:(?:earlier|later)\s+(?:in\s+|on\s+)?)?the\s+(?P<a>$ANA)\s+"
         r"(?P<u>day|week|month|year|quarter|decade|century|morning|afternoon|evening|night|weekend)\b", h_ana_rel),
    Rule("ana_weekday", r"the\s+(?P<a>$ANA)\s+(?P<wd>$WD)", h_ana_weekday),
    Rule("deictic", r"(?:(?:early|late|earlier|later)\s+)?(?P<dd>$DEICTIC)(?:\s+(?:$DP))?", h_deictic),
    Rule("ana_that", r"(?:(?:earlier|later)\s+(?:in\s+|on\s+)?)?that\s+(?:same\s+)?"
         r"(?P<u>day|week|month|year|morning|afternoon|evening|night|weekend)\b", h_ana_rel),
    Rule("before_last", r"the\s+(?P<u>week|month|year)\s+(?:(?P<dir>before)\s+last|(?P<dir2>after)\s+next)\b",
         h_before_last),
    Rule("ana_before", r"the\s+(?P<u>day|week|month|year|night|morning|evening)\s+"
         r"(?P<dir>before|after|earlier|later)\b", h_ana_before, _ck_followed_by_punct),
    Rule("weekend", r"(?P<rel>$RELD|the)\s+weekend\b", h_weekend),
    Rule("week_of", r"(?:the\s+)?week\s+(?P<k>of|ending|ended|beginning|starting)\s+(?P<m>$MON)\s+(?P<d>$DAY)(?:,?\s+(?P<y>$YEAR))?", h_week_of),
    Rule("year_ago_period", r"the\s+(?:year[\s-]+(?:ago|earlier)|prior[\s-]+year|previous[\s-]+year)\s+period\b",
         h_year_ago_period),
    Rule("year_ago_quarter", r"(?:the\s+)?year[\s-]+(?:ago|earlier)\s+quarter\b", h_year_ago_quarter),
    Rule("year_ago_adj", r"(?<![\w-])(?:the\s+)?year-(?:ago|earlier)\b(?![\s-]+(?:$QORD)[\s-]+quarter)",
         h_year_ago_adj),
    Rule("full_year", r"the\s+(?:full|whole|entire)[\s-]+year\b(?!\s+of\b)(?![\s,]*(?:\d|ended\b|ending\b|(?:through|to)\s+(?:\d|$MON)))", h_full_year),
    "PERIODS",  # the periods below, first with a part-of-period prefix, then without
    Rule("ago", r"$APPROX(?P<n>$NUM)\s+(?P<u>$UNIT)\s+(?P<dir>ago|from\s+now|from\s+today|hence)\b", h_offset),
    Rule("ana_offset", r"$APPROX(?P<n>$NUM)\s+(?P<u>$UNIT)\s+(?P<dir>later|earlier|afterwards?)\b", h_ana_offset),
    Rule("in_n", r"in\s+(?P<n>$NUM)\s+(?P<u>$UNIT)(?:['’]?\s+time)?", h_offset, _ck_in_n),
    Rule("weekday", r"(?:(?:early|late|earlier|later)\s+(?:on\s+)?)?(?:(?P<rel>$RELD)\s+)?(?P<wd>$WD)"
         r"(?:\s+(?:$DP))?(?:,?\s+(?:of\s+)?(?P<wk>this|last|next)\s+week\b)?", h_weekday, _ck_weekday),
    Rule("ordinal_day", r"on\s+the\s+(?P<d>$ORDD)(?!\s+of\s+$MON)", h_ordinal_day, _ck_ordinal_day),
]

# Periods that a part-of-period prefix ("early", "mid-", "the end of") can narrow. With the
# prefix they are compiled as one rule, so the prefix is matched once and then each period
# form is tried (instead of re-matching the prefix for every form); without it, each form
# is a rule of its own.
_PERIODS = [
    Rule("fiscal", r"(?:the\s+)?(?:fiscal(?:\s+year)?|fy)\s*['’]?(?:(?P<y>$YEARB)|(?P<yy>\d{2}))\b", h_fiscal),
    Rule("fiscal_rel", r"(?:(?P<rel>$REL)|(?:the\s+)?(?P<y>$YEAR))\s+fiscal(?:\s+year)?\b", h_fiscal),
    Rule("quarter", r"(?:the\s+)?(?:(?P<ry>this|last|next)\s+year['’]s\s+)?(?P<ago>year[\s-]+(?:ago|earlier)\s+)?(?:(?P<fq>fiscal[\s-]+)?(?P<qo>$QORD)[\s-]+quarter|(?P<qq>q[1-4])|(?P<qn>[1-4])q)\b"
         r"(?:,?\s+(?:of\s+)?(?:(?P<y>$YEAR)|fiscal\s+(?:year\s+)?(?P<fy>$YEARB)|fy\s*['’]?(?P<fy2>\d{4}|\d{2})\b"
         r"|(?P<rel>this|last|next|the)\s+year))?", h_quarter),
    Rule("quarter_yf", r"(?:the\s+)?(?P<y>$YEAR)\s+(?:(?P<qo>$QORD)[\s-]+quarter|(?P<qq>q[1-4]))\b", h_quarter),
    Rule("year", r"(?:(?P<yr>(?:the\s+)?year)\s+)?(?:(?P<y>$YEAR)|['’‘](?P<yy>\d{2})\b)", h_year, _ck_year),
    # Spoken millennium years, only after "year": "the year two thousand (and one)".
    Rule("year_words", r"(?:the\s+)?year\s+two[\s-]+thousand(?:\s+(?:and\s+)?(?P<yn>$NUM))?", h_year),
    # "(?!\s+of\b)": not "the fall of Kabul", nor "the last week of March" (the month is the date).
    Rule("season", r"(?:(?P<rel>$RELD|the)\s+)?(?:the\s+)?(?P<s>$SEASON)(?:\s+(?:of\s+)?(?P<y>$YEAR))?(?!\s+of\b)",
         h_season, _ck_season),
    Rule("decade", r"(?:the\s+)?(?:(?P<d4>1[5-9]\d|2[01]\d)0s|['’](?P<d2>\d)0s|(?P<d2b>\d)0s|(?P<dw>$DECW))\b",
         h_decade, _ck_decade),
    Rule("century", r"(?:the\s+)?(?P<c>$CORD)[\s-]+century\b", h_century),
    Rule("rel_period", r"(?:(?P<cmp>earlier|later)\s+(?:in\s+)?)?(?:(?P<rel>$REL)\s+)?"
         r"(?P<u>day|week|month|quarter|year|decade|century)\b(?!\s+of\b)", h_rel_period, _ck_rel_period),
    Rule("month_year", r"(?P<m>$MON),?\s+(?:of\s+)?(?P<y>$YEAR)", h_month_year),
    Rule("month_relyear", r"(?P<m>$MON)\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", h_month_relyear),
    Rule("rel_month", r"(?P<rel>$RELD)\s+(?P<m>$MONF)", h_rel_month),
    Rule("month", r"(?P<m>$MONF)(?![\w-])", h_month, _ck_cue),
]
_PART_GROUPS = ("pa", "pb", "pc")
_PERIOD_KEYS = tuple(f"P{j}" for j in range(len(_PERIODS)))
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")
# Per period form: its group names inside the family rule -> its own group names.
_PERIOD_GROUPS = [
    tuple((f"p{j}_{n}", n) for n in _GROUP_NAME.findall(rule.template)) for j, rule in enumerate(_PERIODS)
]


def _period_of(g: dict) -> tuple[Rule, dict]:
    """The period form that matched in the family rule, with its groups (and the part's)."""
    hit = g.get("_period")
    if hit is None:
        j = next(j for j, key in enumerate(_PERIOD_KEYS) if g[key] is not None)
        sub = {short: g[full] for full, short in _PERIOD_GROUPS[j]}
        for k in _PART_GROUPS:
            sub[k] = g[k]
        hit = g["_period"] = (_PERIODS[j], sub)
    return hit


def _period_handler(g, c):
    rule, sub = _period_of(g)
    return rule.handler(sub, c)


def _period_check(text, s, e, g, tense):
    rule, sub = _period_of(g)
    return rule.check is None or rule.check(text, s, e, sub, tense)


def _period_family() -> Rule:
    forms = "|".join(
        f"(?P<P{j}>" + _GROUP_NAME.sub(lambda m, j=j: f"(?P<p{j}_{m.group(1)}>", rule.template) + ")"
        for j, rule in enumerate(_PERIODS))
    return Rule("part_of_period", _PART + "(?:" + forms + ")", _period_handler, _period_check)


def _rules() -> list[Rule]:
    out = []
    for name, tpl, handler, check in _RANGE_RULES:
        for i, (lead, conn) in enumerate(_RANGE_FLAVOURS):
            t = tpl.replace("$LEAD", lead).replace("$CONN", conn)
            t = t.replace("$DCONN", _DAYLIST_CONN if i == 0 else conn)
            out.append(Rule(f"{name}{i}", t, handler, check))
    for r in _SINGLE_RULES:
        out.extend([_period_family(), *_PERIODS] if r == "PERIODS" else [r])
    return out


RULES: list[Rule] = _rules()
_FRAG_RE = re.compile(r"\$([A-Z]+)")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


class Matcher(NamedTuple):
    """A compiled alternation of some rules, and how to read each rule's groups from it."""

    regex: re.Pattern
    # rule key -> (group names, group numbers) when the regex keeps each rule's own groups;
    # None when it keeps only the rule key and groups are read by re-matching that rule.
    groups: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] | None


_MISSING = object()


class Lazy(Mapping):
    """A table whose values are compiled on first look-up: `make(source)` of the key's source.

    The dispatch tables hold a few hundred alternations of rule subsets: compiling them all (and
    each rule's own pattern) took most of this module's import, about 0.6 s that every run paid,
    also on one article that looks up a handful. A look-up gives what the eager table gave (None
    for a word whose subset is empty, `default` for an unknown key); keys and length are the table's.
    """

    def __init__(self, sources: dict, make: Callable):
        self._sources, self._make, self._done = sources, make, {}

    def get(self, key, default=None):  # the hot path of scanning: no exception for an unknown word
        done = self._done.get(key, _MISSING)
        if done is not _MISSING:
            return done
        source = self._sources.get(key, _MISSING)
        if source is _MISSING:
            return default
        done = self._done[key] = self._make(source)  # two threads may both compile it: the same value
        return done

    def __getitem__(self, key):
        done = self.get(key, _MISSING)
        if done is _MISSING:
            raise KeyError(key)
        return done

    def __iter__(self):
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


class Grammar(NamedTuple):
    """All rules of one mode, compiled, with first-word dispatch tables."""

    full: Matcher                          # every rule, in order
    rules: Mapping[str, tuple[Rule, re.Pattern]]
    dispatch: Mapping[str, Matcher | None]  # leading words (lower case) -> rules starting so
    ends: Mapping[str, Matcher | None]     # scan: first word -> rules that may stop after it
    fallback: Matcher | None               # rules whose leading words are unknown
    firsts: frozenset[str]                 # first words of all keys


# Alternations of up to this many rules keep the rules' own groups: with few branches the
# group bookkeeping on failed branches costs less than re-matching the winning rule.
_GROUPED_MAX_RULES = 8


def _expand(template: str, scan: bool) -> str:
    frag = _FRAGMENTS[scan]
    body = _FRAG_RE.sub(lambda m: frag[m.group(1)], template)
    return _FRAG_RE.sub(lambda m: frag[m.group(1)], body)  # fragments may nest once


_FRAGMENTS = {
    mode: {**fragments(mode), "DEICTIC": _DEICTIC, "APPROX": _APPROX, "ANA": "(?:" + _ANA + ")", "RELD": "(?:" + _REL_DAY + ")"}
    for mode in (False, True)
}


def build(scan: bool) -> Grammar:
    """Compile all rules into one alternation for the given mode (plus first-word dispatch)."""
    flags = re.IGNORECASE if scan else 0
    keys, bodies, table, starts = [], [], {}, []
    for i, rule in enumerate(RULES):
        if scan and not rule.scan:
            continue
        body = _expand(rule.template, scan)
        if scan:
            body = r"(?<!\w)" + body  # in running text a date never starts inside a word
        key = f"r{i}"
        keys.append(key)
        bodies.append(body)
        table[key] = (rule, body)
        # Leading words come from the lower-case (resolve) form of the rule; a scan looks
        # them up with the text's first words lower-cased.
        starts.append(first_words(_expand(rule.template, False)))

    def _matcher(idx) -> Matcher | None:
        if not idx:
            return None
        if len(idx) > _GROUPED_MAX_RULES:
            alt = "|".join(f"(?P<{keys[i]}>{_NAMED_GROUP.sub('(?:', bodies[i])})" for i in idx)
            return Matcher(re.compile(alt, flags), None)
        alt = "|".join(
            f"(?P<{keys[i]}>" + _NAMED_GROUP.sub(lambda m, k=keys[i]: f"(?P<{k}_{m.group()[4:]}", bodies[i]) + ")"
            for i in idx)
        rx = re.compile(alt, flags)
        groups = {}
        for i in idx:
            prefix = keys[i] + "_"
            names = tuple(n for n in rx.groupindex if n.startswith(prefix))
            groups[keys[i]] = (tuple(n[len(prefix):] for n in names), tuple(rx.groupindex[n] for n in names))
        return Matcher(rx, groups)

    by_subset: dict[tuple, Matcher | None] = {}

    def _compiled(idx: tuple[int, ...]) -> Matcher | None:  # one alternation per subset, shared by its words
        if idx not in by_subset:
            by_subset[idx] = _matcher(idx)
        return by_subset[idx]

    def _for(accept) -> tuple[int, ...]:
        return tuple(i for i, w in enumerate(starts) if w is None or accept(w))

    dispatch: dict[str, tuple[int, ...]] = {}
    ends: dict[str, tuple[int, ...]] = {}
    for word in sorted({k.rstrip("$") for w in starts if w for k in w}):
        if " " not in word:
            dispatch[word] = _for(lambda w, k=word: k in w or k + "$" in w)
            if scan:
                ends[word] = _for(lambda w, k=word + "$": k in w)
        elif scan:
            # In running text a match may end after its first word ("Thursday" in "Thursday
            # with"), so a two-word key also gets the rules that can stop after word one.
            end = word.split(" ", 1)[0] + "$"
            dispatch[word] = _for(lambda w, k=word, e=end: k in w or e in w)
        else:
            dispatch[word] = _for(lambda w, k=word: k in w)
    fallback = _matcher(tuple(i for i, w in enumerate(starts) if w is None))
    full = Matcher(re.compile("|".join(
        f"(?P<{k}>{_NAMED_GROUP.sub('(?:', b)})" for k, b in zip(keys, bodies)), flags), None)
    # Lower-case first words of all keys: in running text other words are skipped at once.
    firsts = frozenset(k.split(" ", 1)[0].rstrip("$") for k in dispatch if not k.startswith("#"))
    rules = Lazy(table, lambda rule_body: (rule_body[0], re.compile(rule_body[1], flags)))
    return Grammar(full, rules, Lazy(dispatch, _compiled), Lazy(ends, _compiled), fallback, firsts)


def read(grammar: Grammar, matcher: Matcher, m: re.Match) -> tuple[Rule, dict]:
    """Return the rule a match came from and that rule's groups by name."""
    key = m.lastgroup
    if matcher.groups is not None:
        names, idx = matcher.groups[key]
        if len(idx) > 1:
            return grammar.rules[key][0], dict(zip(names, m.group(*idx)))
        return grammar.rules[key][0], ({names[0]: m.group(idx[0])} if idx else {})
    rule, rx = grammar.rules[key]
    s, e = m.span(key)
    # Match on the whole string (not fullmatch on [s, e)): a lookahead must see what follows.
    mm = rx.match(m.string, s)
    if mm is None or mm.end() != e:
        mm = rx.fullmatch(m.string, s, e) or mm
    return rule, (mm.groupdict() if mm is not None else {})  # no groups: the handler declines


# The two compiled grammars: whole expressions (resolve_date) and running text (find_dates).
RESOLVE = build(scan=False)
SCAN = build(scan=True)
