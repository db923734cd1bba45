"""Pre-filter keys of a rule, read from its own pattern.

A sentence is tried with a rule only when it holds one of the rule's key words (one pass
over the article finds every key). The keys come from the pattern itself: a set of words
such that every match of the pattern contains one of them as a whole word, so no key list
can hide a trigger. ``required_words`` reads the pattern with the stdlib regex parser
(``re._parser``, as transforms.dates.dispatch does); when it cannot prove such a set it
answers None and the rule is tried on every sentence.

How: the pattern's items are grouped into word units (items that may join into one word:
``calls?``, ``(?:tele)?phone``, ``co-?chaired``); a unit that every match passes through
and whose words can be listed gives a candidate set, as does, recursively, a mandatory
group. The cheapest candidate wins: fewest words, very common words (``with``, ``the``)
counting as many.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

try:  # CPython 3.11+ names
    from re import _constants as _c, _parser as _sre
except ImportError:  # pragma: no cover
    _c = _sre = None

_MAX_STRINGS = 400  # a unit with more spellings than this is not listed
_MAX_REPEAT = 3
# Words so common that a rule keyed on them would be tried on nearly every sentence.
_COMMON = frozenset("""a an the and or of to in on at by for with from as that this these those is are was were be
been has have had it its his her their our we they he she s between into over after before will shall would
can could may might must not no""".split())
_WORD = re.compile(r"\w+")
_MARK = "\x00"  # a word boundary inside a listed spelling


class _Unknown(Exception):
    """An item whose spellings cannot be listed."""


def _is_word(ch: str) -> bool:
    return bool(_WORD.fullmatch(ch))


def _chars(items, ignore_case: bool) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > 30:
                raise _Unknown
            out.update(chr(x) for x in range(lo, hi + 1))
        else:
            raise _Unknown
    return {c.lower() for c in out} if ignore_case else out


def _strings(seq, ignore_case: bool) -> set[str]:
    """Every string a sequence of items can match (zero-width items match ""), or _Unknown."""
    out = {""}
    for op, av in seq:
        if op is _c.LITERAL:
            part = {chr(av).lower() if ignore_case else chr(av)}
        elif op is _c.IN:
            part = _chars(av, ignore_case)
        elif op is _c.BRANCH:
            part = set().union(*(_strings(b, ignore_case) for b in av[1]))
        elif op is _c.SUBPATTERN:
            part = _strings(av[-1], ignore_case)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, hi, sub = av
            if hi > _MAX_REPEAT:
                raise _Unknown
            one = _strings(sub, ignore_case)
            part = set()
            for n in range(lo, hi + 1):
                part |= {"".join(p) for p in itertools.product(one, repeat=n)}
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            # A boundary inside a spelling is kept as a mark that ends a word.
            part = {_MARK} if _breaks_glue(op, av, "left") or _breaks_glue(op, av, "right") else {""}
        else:
            raise _Unknown
        out = {a + b for a in out for b in part}
        if len(out) > _MAX_STRINGS:
            raise _Unknown
    return out


def _breaks_glue(op, av, side: str) -> bool:
    """A zero-width item after which (side 'left') or before which ('right') no word runs on:
    \\b, ^, $, a negative look-behind / look-ahead that refuses a word character, or a
    look-ahead / look-behind that needs a character that ends a word."""
    if op is _c.AT:
        return av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_END, _c.AT_END_STRING)
    if op not in (_c.ASSERT, _c.ASSERT_NOT):
        return False
    direction, sub = av
    if (direction < 0) != (side == "left"):
        return False
    if op is _c.ASSERT_NOT:
        return "CATEGORY_WORD" in str(list(sub))
    start, end, _ = _seq_edges(sub)
    return not (end if direction < 0 else start)


def _edges(op, av) -> tuple[bool, bool, bool]:
    """(may start with a word character, may end with one, may match nothing) of one item."""
    if op is _c.LITERAL:
        w = _is_word(chr(av))
        return w, w, False
    if op is _c.IN:
        if any(o is _c.NEGATE for o, _ in av):
            return True, True, False
        w = False
        for o, a in av:
            if o is _c.LITERAL:
                w = w or _is_word(chr(a))
            elif o is _c.RANGE:
                w = w or any(_is_word(chr(x)) for x in range(a[0], a[1] + 1))
            elif o is _c.CATEGORY:
                w = w or a not in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)
            else:
                w = True
        return w, w, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return False, False, True
    if op is _c.BRANCH:
        parts = [_seq_edges(b) for b in av[1]]
        return any(p[0] for p in parts), any(p[1] for p in parts), any(p[2] for p in parts)
    if op is _c.SUBPATTERN:
        return _seq_edges(av[-1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        start, end, empty = _seq_edges(av[2])
        return start, end, empty or av[0] == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq_edges(av)
    return True, True, True  # anything else: assume the worst


def _seq_edges(seq) -> tuple[bool, bool, bool]:
    items = [_edges(op, av) for op, av in seq]
    start = end = False
    for s_, _, empty in items:
        start = start or s_
        if not empty:
            break
    for _, e_, empty in reversed(items):
        end = end or e_
        if not empty:
            break
    return start, end, all(empty for _, _, empty in items)


class _Item:
    """One item of a sequence with what matters for word units."""

    def __init__(self, op, av, ignore_case: bool):
        self.op, self.av = op, av
        self.zero = op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
        self.strings: set[str] | None
        try:
            self.strings = None if self.zero else _strings([(op, av)], ignore_case)
        except _Unknown:
            self.strings = None
        self.starts_word, self.ends_word, self.empty = _edges(op, av)


def _sequence_keys(seq, ignore_case: bool, glue_left: bool, glue_right: bool) -> list[frozenset[str]]:
    """Candidate key sets of a sequence; glue_*: whether a word may run on from outside."""
    items = [_Item(op, av, ignore_case) for op, av in seq]
    n = len(items)
    # glue[i]: item i may join into one word with the next item that is not skipped empty.
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(items):
        if a.zero or not a.ends_word:
            continue
        for j in range(i + 1, n):
            b = items[j]
            if b.zero:
                if _breaks_glue(b.op, b.av, "right"):
                    break
                continue
            if b.starts_word:
                for k in range(i, j + 1):
                    parent[find(k)] = find(i)
            if not b.empty:
                break
    units: dict[int, list[int]] = {}
    for i in range(n):
        if not items[i].zero:
            units.setdefault(find(i), []).append(i)
    out: list[frozenset[str]] = []
    for members in units.values():
        lo, hi = min(members), max(members)
        if all(items[k].empty for k in range(lo, hi + 1)):
            continue  # an optional unit: no match needs to pass through it
        left_open = _open_edge(items, lo, -1, glue_left)
        right_open = _open_edge(items, hi, 1, glue_right)
        span = items[lo:hi + 1]
        if all(it.strings is not None or it.zero for it in span):
            keys = _unit_words(span, left_open, right_open)
            if keys is not None:
                out.append(keys)
        elif lo == hi:
            out.extend(_item_keys(items[lo], ignore_case, left_open, right_open))
    return out


def _open_edge(items, k: int, step: int, glue_outside: bool) -> bool:
    """Whether a word may run on past item k (left: step -1, right: +1) into what is outside."""
    side = "left" if step < 0 else "right"
    j = k + step
    while 0 <= j < len(items):
        it = items[j]
        if it.zero:
            if _breaks_glue(it.op, it.av, side):
                return False
        elif (it.ends_word if step < 0 else it.starts_word) or it.empty:
            if not it.empty:
                return True
        else:
            return False
        j += step
    return glue_outside


def _unit_words(span, left_open: bool, right_open: bool) -> frozenset[str] | None:
    """The words a unit's spellings hold whole, one per spelling: a rare word before a common
    one, then the word most spellings share ("support" in "reaffirmed its support for"), then
    the longest."""
    strings = {""}
    for it in span:
        if it.zero:
            continue
        strings = {a + b for a in strings for b in it.strings}
        if len(strings) > _MAX_STRINGS:
            return None
    whole: dict[str, list[str]] = {}
    for s in strings:
        words = list(_WORD.finditer(s))
        whole[s] = [w.group(0) for w in words
                    if not (left_open and w.start() == 0) and not (right_open and w.end() == len(s))]
        if not whole[s]:
            return None
    shared: dict[str, int] = {}
    for words in whole.values():
        for w in set(words):
            shared[w] = shared.get(w, 0) + 1
    return frozenset(max(words, key=lambda w: (w not in _COMMON, shared[w], len(w))) for words in whole.values())


def _item_keys(item: _Item, ignore_case: bool, glue_left: bool, glue_right: bool) -> list[frozenset[str]]:
    op, av = item.op, item.av
    if op is _c.SUBPATTERN:
        return _choose_all(av[-1], ignore_case, glue_left, glue_right)
    if op is _c.BRANCH:
        sets = [_best(_sequence_keys(b, ignore_case, glue_left, glue_right)) for b in av[1]]
        return [frozenset().union(*sets)] if all(s is not None for s in sets) else []
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return _choose_all(av[2], ignore_case, True, True)
    return []


def _choose_all(seq, ignore_case, glue_left, glue_right) -> list[frozenset[str]]:
    seq = list(seq)
    if len(seq) == 1 and seq[0][0] is _c.BRANCH:
        return _item_keys(_Item(*seq[0], ignore_case), ignore_case, glue_left, glue_right)
    return _sequence_keys(seq, ignore_case, glue_left, glue_right)


def _cost(keys: frozenset[str]) -> tuple:
    return (sum(1000 if k in _COMMON else 1 for k in keys), -min(len(k) for k in keys))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    candidates = [c for c in candidates if c]
    return min(candidates, key=_cost) if candidates else None


@lru_cache(maxsize=4096)
def required_words(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Words one of which every match of pattern holds whole (lower case when flags ignore case),
    or None when they cannot be proved (the rule is then tried everywhere)."""
    if _sre is None:
        return None
    try:
        parsed = list(_sre.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - a pattern re cannot parse is reported by the loader
        return None
    ignore_case = bool(flags & re.IGNORECASE)
    keys = _best(_choose_all(parsed, ignore_case, True, True))
    if keys is None or any(k in _COMMON for k in keys) and len(keys) > 40:
        return None
    return keys
