"""Tense cues for placing partial dates: which way ("past"/"future") a clause points."""

from __future__ import annotations

import bisect
import re

from transforms.dates.vocab import TENSE


# Cues are matched on word tokens: single words by lookup, phrases ("going to", "is
# expected") by their word sequence, contractions ("she'll") by their ending.
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def _cue_tables():
    single, phrases = {}, {}
    for tense, words in (("future", TENSE.future), ("neutral", TENSE.future_in_past),
                         ("past", TENSE.past + TENSE.irregular_past)):
        for w in words:
            parts = tuple(w.split())
            if w.startswith("'"):
                continue  # clitics are matched by ending
            if len(parts) == 1:
                single.setdefault(w, tense)
            else:
                phrases.setdefault(parts[0], []).append((parts, tense))
    for lst in phrases.values():
        lst.sort(key=lambda p: -len(p[0]))
    clitics = tuple(w for w in TENSE.future if w.startswith("'"))
    return single, phrases, clitics


_SINGLE, _PHRASES, _CLITICS = _cue_tables()
_REPORTING = frozenset(TENSE.reporting)
# A reporting verb governs only a date next to it: "said on Thursday", "said Monday", also
# past its listener or medium: "told reporters Thursday", "said in a statement on Thursday".
_LISTENER = (r"(?:to\s+)?(?:reporters|journalists|lawmakers|legislators|parliament|congress|"
             r"senators|delegates|the\s+(?:press|media|house|senate|council|assembly|committee|"
             r"newspaper|agency|channel|station|nation|country)|an?\s+(?:news|press)\s+conference)")
# "told" takes a named listener too: "told Reuters on Thursday", "told The New York Times".
_NAMED = r"(?-i:[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*){0,4})"
_MEDIUM = (r"(?:in|at|on|during|via|through)\s+(?:(?:a|an|the|his|her|its|their)\s+)?"
           r"(?:[A-Za-z-]+\s+){0,2}?(?:statement|remarks|interview|speech|address|briefing|"
           r"conference|post|tweet|letter|release|broadcast|session|hearing|meeting|television|radio)")
_DATE_LEAD = r"(?:(?:on|in|at|during|late|early|earlier|later)\s+)?\Z"


def _adjacent(listener: str | None) -> re.Pattern:
    """The gap from a reporting verb to a date it governs: listener, medium, a preposition."""
    head = r"[\s,]*" if listener is None else (
        r"[\s,]*(?:" + listener + r"[\s,]+)?(?:" + _MEDIUM + r"[\s,]+)?")
    return re.compile(head + _DATE_LEAD, re.IGNORECASE)


_ADJACENT = _adjacent(_LISTENER)
_ADJACENT_TOLD = _adjacent(r"(?:" + _LISTENER + r"|" + _NAMED + r")")
_ADJACENT_AFTER = _adjacent(None)  # "Thursday, she said": nothing but a comma between
# A clause that is only an adverbial or participial phrase ("In June,", "Speaking to
# reporters on Thursday,") has no verb of its own: the next clause's verb places it,
# a reporting verb included ("In June, the minister said ...").
_ADVERBIAL_HEAD = re.compile(
    r"[\s\"“”'‘’(]*(?:(?:on|in|at|during|since|after|before|by|until|from|early|late|later|"
    r"earlier|last|this|that|next|over|throughout|as\s+of)\b|[A-Za-z]+ing\b)", re.IGNORECASE)
_DEADLINE_BEFORE = frozenset(TENSE.deadline_before)
_DEADLINE_AFTER = frozenset(TENSE.deadline_after)
_DUE_BEFORE = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in TENSE.due_words_before) + r")[\s,]*\Z", re.IGNORECASE)
_DEADLINE_VERBS = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in TENSE.deadline_verbs) + r")\b",
    re.IGNORECASE)
_DEADLINE_NOUN_BEFORE = re.compile(
    r"\b(?:" + "|".join(TENSE.deadline_nouns_before) + r")\s+(?:(?:of|is|was|for|set\s+for)\s+)?\Z",
    re.IGNORECASE)
_PREV_WORD = re.compile(r"([A-Za-z]+)[\s,]*\Z")
_POSSESSIVE = re.compile(r"['’]s\b")
# An infinitive lasting up to the date: set in the past, it may end on either side.
# "to" + a lowercase verb, not after a past verb ("continued to occupy ... until").
_INFINITIVE_UNTIL = re.compile(r"(?<!ed\s)\bto\s+[a-z]+(?:\s+[a-z]+){0,3}\s+(?:through|until|till|thru)\s+\Z")
_HAD = re.compile(r"\bhad\b", re.IGNORECASE)
_BY_OPENS = re.compile(r"[\s\"“”'‘’(]*by\b", re.IGNORECASE)
# A closing quote and a short subject before a past verb make it a quote tag, a reporting
# verb: '"Talks resume in June," the envoy added.'
_QUOTE_TAG = re.compile(r"[,!?][\"”’']\s+(?:[A-Za-z.'’-]+\s+){0,4}\Z")
_NEXT_WORDS = re.compile(r"(?:['’]s)?\s+([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?")
_COMPARED = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|versus|vs|against)\b", re.IGNORECASE)
# Context searches look at most this many characters around a date (a text without
# sentence punctuation must not make them quadratic).
_WINDOW = 300
# A comparison base: "compared with March", "than in 2021", "from 6% in February" (after
# "from" only with a figure: "withdrew from Kherson on November 11" is no comparison).
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:than|compared\s+(?:with|to)|versus|vs)\b[^.;:,]{0,20}"
    r"|\bfrom\s+[^.;:,]{0,20}?[\d$€£¥%][^.;:,]{0,15})\Z", re.IGNORECASE)
# Words that put a past day a year back: "last year", "a year ago", "the previous year".
_YEAR_BACK = re.compile(r"\blast\s+year\b|\byears?\s+(?:ago|earlier|before)\b|\b(?:previous|prior)\s+year\b",
                        re.IGNORECASE)
_FIGURE = re.compile(r"[$€£¥%]|\d|\bper\s?cent\b", re.IGNORECASE)
_FORECAST = re.compile(r"\b(?:" + "|".join(TENSE.full_year_not_results) + r")\b", re.IGNORECASE)
_RESULTS = re.compile(r"\b(?:" + "|".join(TENSE.quarter_results) + r")\b", re.IGNORECASE)
_NOT_PAST_ED = frozenset(TENSE.not_past_ed)
_IRREGULAR = frozenset(TENSE.irregular_past)
# A participle after these is passive, infinitive or adjectival ("will be held", "is held",
# "the revised plan"), not a past verb.
_NOT_FINITE_BEFORE = frozenset(["be", "being", "is", "are", "am", "to", "been", "the", "a", "an"])

# Sentence ends: . ! ? ; followed by space (a "." inside "Apr. 26" is followed by a digit).
_SENTENCE_END = re.compile(r"[!?;]|\.(?=\s+[^\d\s]|\s*$)|\n\s*\n")
# Clause boundaries inside a sentence: commas, dashes, parentheses, conjunctions, relativizers.
_CLAUSE_END = re.compile(
    r"[,:()\u2014\u2013]|\s--?\s|\b(?:that|which|who|while|but|and|whereas|although|because|after|before|when)\b",
    re.IGNORECASE,
)


def cues(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, tense) for every tense cue in text."""
    toks = [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in _WORD.finditer(text)]
    out = []
    i, n = 0, len(toks)
    while i < n:
        s, e, w = toks[i]
        hit = None
        for parts, tense in _PHRASES.get(w, ()):
            k = len(parts)
            if i + k <= n and all(toks[i + j][2] == parts[j] for j in range(1, k)):
                hit = (s, toks[i + k - 1][1], tense)
                break
        if hit is not None:
            out.append(hit)
            i += len(parts)
            continue
        tense = _SINGLE.get(w)
        if tense is None:
            if w.endswith(_CLITICS):
                tense = "future"
            elif len(w) > 3 and w.endswith("ed") and w not in _NOT_PAST_ED:
                tense = "past"
        if tense == "past" and (w in _IRREGULAR or w.endswith("ed")) and (
                (i and toks[i - 1][2] in _NOT_FINITE_BEFORE) or (i + 1 < n and toks[i + 1][2] == "by")):
            tense = None  # a participle, not a past verb: "will be held", "the planned", "followed by"
        if tense == "past" and w in _REPORTING:
            tense = "report"
        elif tense == "past" and _QUOTE_TAG.search(text, max(0, s - 60), s):
            tense = "tag"  # '"...," the envoy added': reports what the quote says
        if tense is not None:
            out.append((s, e, tense))
        i += 1
    return out


def infer_tense(clause: str) -> str | None:
    """Return 'future', 'past' or None for a clause; a future cue outranks past ones."""
    if not clause or not isinstance(clause, str):
        return None
    found = {"past" if k in ("report", "tag") else k for _, _, k in cues(clause)}
    if "future" in found:
        return "future"
    if "past" in found:
        return "past"
    return None


class TenseIndex:
    """Per-text index answering "which tense governs the span [start, end)?"."""

    __slots__ = ("_text", "_cues", "_cue_starts", "_sent", "_clause")

    def __init__(self, text: str):
        self._text = text
        self._cues = cues(text)
        self._cue_starts = [c[0] for c in self._cues]
        self._sent = [m.end() for m in _SENTENCE_END.finditer(text)]
        self._clause = sorted(set(self._sent + [m.end() for m in _CLAUSE_END.finditer(text)]))

    @staticmethod
    def _bounds(marks: list[int], start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(marks, start)
        lo = marks[i - 1] if i else 0
        j = bisect.bisect_left(marks, end)
        hi = marks[j] if j < len(marks) else 1 << 60
        return lo, hi

    def _nearest(self, lo: int, hi: int, start: int, end: int, before_first: bool = False,
                 any_report: bool = False) -> str | None:
        i = bisect.bisect_left(self._cue_starts, lo)
        best, best_d = None, None
        while i < len(self._cues) and self._cues[i][0] < hi:
            cs, ce, kind = self._cues[i]
            i += 1
            if cs >= start and ce <= end:
                continue  # a cue inside the expression itself ("last", "next") says nothing new
            # A time adverbial mostly follows its verb ("said on Thursday it would..."),
            # so a cue after the expression counts as twice as far away; inside one clause
            # (before_first) any cue before it wins: "the ceasefire agreed in June is
            # holding", "the sanctions imposed in March should be lifted".
            if kind == "tag" and ce <= start:
                kind = "past"  # '"Enough," protesters chanted in the capital in June'
            if kind in ("report", "tag"):
                # "said" tells when something was said: it places a date next to it, not
                # one inside the reported words ("will leave Thursday," Castro said).
                if not (any_report and cs >= end):  # "In June, the minister said"
                    adjacent = _ADJACENT_TOLD if self._text[cs:ce].lower() == "told" else _ADJACENT
                    near = (adjacent.match(self._text, ce, start) if ce <= start
                            else _ADJACENT_AFTER.match(self._text, end, cs))
                    if not near:
                        continue
                kind = "past"
            if ce <= start:
                d = start - ce
            elif before_first and best is not None and best_d < 1 << 40:
                break
            else:
                d = (1 << 40) + (cs - end) if before_first else 2 * (cs - end)
            if best_d is None or d < best_d:
                best, best_d = kind, d
        return best

    def placement_tense(self, start: int, end: int) -> str | None:
        """The tense that places a partial date at [start, end): its clause's tense, except
        that a past clause does not place a deadline or target ("extended the offer to
        Nov. 20", "set a Jan. 14 deadline", "a deadline of June 30"): its verb tells when
        the date was set, not when it falls, so the date is placed as with no tense."""
        tense = self.tense_at(start, end)
        if tense != "past":
            return tense
        text = self._text
        after = _NEXT_WORDS.match(text, end)
        if after and (after.group(1).lower() in _DEADLINE_AFTER
                      or (after.group(2) or "").lower() in _DEADLINE_AFTER):
            return None  # "a Jan. 14 deadline", "Wednesday's deadline", "a Jan. 14 return date"
        if _POSSESSIVE.match(text, end):
            return tense  # "Sunday's strike" names an event, not a deadline
        lo, _ = self._bounds(self._clause, start, end)
        head = text[max(0, start - 40):start]
        before = _PREV_WORD.search(head)
        if before:
            word = before.group(1).lower()
            if word == "by":
                # "agreed to finish by June"; not "By June, ... had fled", "had left by June"
                if not _BY_OPENS.match(text, lo) and not _HAD.search(text, max(lo, start - 200), start):
                    return None
            elif word in _DEADLINE_BEFORE and _DEADLINE_VERBS.search(text, max(lo, start - 200), start):
                return None  # "postponed the vote until June", "extended the offer to Nov. 20"
        if _INFINITIVE_UNTIL.search(text, max(0, start - 60), start):
            return None  # "a program to run through June", "troops to stay until June"
        if _DUE_BEFORE.search(head):
            return None  # "payable Dec. 1", "of record Nov. 10", "effective Jan. 1"
        if _DEADLINE_NOUN_BEFORE.search(head):
            return None  # "a deadline of June 30"
        return tense

    def _near(self, marks: list[int], start: int, end: int) -> tuple[int, int]:
        """The clause or sentence bounds around [start, end), at most _WINDOW characters out."""
        lo, hi = self._bounds(marks, start, end)
        return max(lo, start - _WINDOW), min(hi, len(self._text), end + _WINDOW)

    def compared(self, start: int, since: int) -> bool:
        """Whether a figure is compared between since (a period named in the same sentence)
        and start: "rose to $5 million in the third quarter from $3 million a year ago"."""
        lo, _ = self._near(self._sent, start, start)
        if since < lo:
            return False
        return bool(_COMPARED.search(self._text, since, start)) and bool(_FIGURE.search(self._text, lo, start))

    def comparison_base(self, start: int) -> bool:
        """Whether the date at start is what something is compared with ("from 6% in
        February", "compared with March"): a comparison word shortly before it."""
        return bool(_COMPARED_BEFORE.search(self._text, max(0, start - 30), start))

    def year_back(self, start: int, end: int) -> bool:
        """Whether the date's sentence puts it a year back ("last year", "a year ago")."""
        lo, hi = self._near(self._sent, start, end)
        return bool(_YEAR_BACK.search(self._text, lo, hi))

    def results_near(self, start: int, end: int, forecasts: bool = True) -> bool:
        """Whether the expression's clause speaks of reported results (earnings, sales, GDP);
        with forecasts=False, not of forecasts ("raised its forecast for the full year")."""
        lo, hi = self._near(self._clause, start, end)
        return bool(_RESULTS.search(self._text, lo, hi)) and (forecasts or not _FORECAST.search(self._text, lo, hi))

    def tense_at(self, start: int, end: int) -> str | None:
        """Tense of the nearest cue in the expression's clause, else in its sentence (where a
        clause that is only an adverbial phrase takes a reporting verb's past too)."""
        lo, _ = self._bounds(self._clause, start, end)
        t = self._nearest(*self._near(self._clause, start, end), start, end, before_first=True)
        if t is None:  # no cue farther than _WINDOW counts
            adverbial = _ADVERBIAL_HEAD.match(self._text, lo) is not None or (
                start - lo <= _WINDOW and not self._text[lo:start].strip(" \t\n,"))
            t = self._nearest(*self._near(self._sent, start, end), start, end, any_report=adverbial)
        return None if t == "neutral" else t
