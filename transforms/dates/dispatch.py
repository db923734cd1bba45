"""First-word dispatch for rule matching (a speed-up only; results are unchanged).

For each grammar rule we compute, from its pattern, the set of keys an expression it
matches can start with: its first two words ("the end"), or its leading letters when no
second word follows ("mid" in "mid-2024"; "may$" when the match can end after them), or
"#c" for a first character c that is not a letter. ``resolve_date`` and ``find_dates``
then try only the rules for the key at hand instead of the whole alternation (the tests
check both give the same matches). This reads patterns with the stdlib regex parser
(``re._parser``); if that private API changes, every rule is marked "can start with
anything" and matching falls back to the full alternation.
"""

from __future__ import annotations

import re

try:  # CPython 3.11+ names; older ones are sre_parse / sre_constants.
    from re import _constants as _c, _parser as _sre
except ImportError:  # pragma: no cover
    _c = _sre = None

_LETTERS = frozenset(range(ord("a"), ord("z") + 1))
_SPACES = " \t\n\r\f\v"
_MAX_REPEAT_WALK = 4


class _Unknown(Exception):
    """The pattern can start with too many things to enumerate."""


def _chars(items) -> tuple[set[str], set[str]]:
    letters, others = set(), set()
    for op, av in items:
        if op is _c.LITERAL:
            (letters if av in _LETTERS else others).add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > 64:
                raise _Unknown
            for x in range(lo, hi + 1):
                (letters if x in _LETTERS else others).add(chr(x))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            others.update("0123456789")
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            others.update(_SPACES)
        else:
            raise _Unknown
    return letters, others


def _step(open_: set[str], letters, others, done: set[str]) -> set[str]:
    """Consume one character class: letters extend the open key, one space may start its
    second word, anything else ends it."""
    new = {p + ch for p in open_ for ch in letters}
    for o in others:
        space = o in _SPACES
        for p in open_:
            if not p:
                done.add("#" + o)
            elif space and p.endswith(" "):
                new.add(p)                      # runs of spaces count once
            elif space and " " not in p:
                new.add(p + " ")                # first word done, second may follow
            else:
                done.add(p.rstrip(" "))         # key complete
    return new


def _walk(seq, open_: set[str]) -> tuple[set[str], set[str]]:
    """Return (finished keys, still-open keys) after matching seq."""
    done: set[str] = set()
    for op, av in seq:
        if not open_:
            break
        if op is _c.LITERAL:
            ch = chr(av)
            open_ = _step(open_, {ch} if av in _LETTERS else (), () if av in _LETTERS else {ch}, done)
        elif op is _c.IN:
            open_ = _step(open_, *_chars(av), done)
        elif op is _c.BRANCH:
            new: set[str] = set()
            for branch in av[1]:
                d, o = _walk(branch, set(open_))
                done |= d
                new |= o
            open_ = new
        elif op is _c.SUBPATTERN:
            d, open_ = _walk(av[-1], open_)
            done |= d
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            d, open_ = _walk(av, open_)
            done |= d
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            cur, seen = open_, set()
            result = set(open_) if lo == 0 else set()
            for i in range(min(hi, _MAX_REPEAT_WALK)):
                d, cur = _walk(sub, cur)
                done |= d
                if i + 1 >= lo:
                    result |= cur
                if not cur or (i + 1 >= lo and cur <= seen):
                    break  # nothing new can come from more repetitions
                seen |= cur
            else:
                if cur and hi > _MAX_REPEAT_WALK:
                    raise _Unknown  # a letter loop: keys are unbounded
            open_ = result
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: ignoring it can only admit more keys
        else:
            raise _Unknown
    return done, open_


def first_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Leading words a pattern can start with, or None when they cannot be enumerated."""
    if _sre is None or flags & re.IGNORECASE:
        return None
    try:
        done, open_ = _walk(list(_sre.parse(pattern, flags)), {""})
    except (_Unknown, Exception):  # noqa: BLE001 - any parser surprise means "unknown"
        return None
    for p in open_:
        p = p.rstrip(" ")
        # A one-word key that can end the whole match is marked "w$": in running text it
        # may be followed by any word ("Thursday" in "on Thursday with ...").
        done.add(p if " " in p else (p + "$" if p else "#end"))
    return frozenset(done)


_KEY = re.compile(r"([a-z]+)(?: ([a-z]+))?")


def lead_key(s: str) -> str:
    """Dispatch key of a lower-case, single-spaced expression ("the end", "mid", "#2")."""
    # Two words when both start with letters ("the end of..."), else the leading letters
    # ("mid" for "mid-2024", "fy" for "fy2024"), else "#" and the first character.
    m = _KEY.match(s)
    if m is None:
        return "#" + s[0]
    first, second = m.groups()
    return first if second is None else first + " " + second


_SCAN_KEY = re.compile(r"([A-Za-z]+)(?:\s+([A-Za-z]+))?")


def scan_key(text: str, pos: int) -> str:
    """``lead_key`` for the text starting at pos, in any case and with any whitespace."""
    m = _SCAN_KEY.match(text, pos)
    if m is None:
        return "#" + text[pos]
    first, second = m.groups()
    return first.lower() if second is None else f"{first} {second}".lower()
