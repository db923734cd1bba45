"""The one regex builder of the rule files: word lists to alternations, word sets into patterns.

* ``trie_alternation(words)``: literal words as a prefix trie (fast in ``re``, and greedy:
  the longer word wins where one is a prefix of another).
* ``phrase_alternation(words)``: words and phrases longest first, any run of white space
  between the words of a phrase, both apostrophes; with ``scan_case`` only Capitalised or
  UPPER forms (month and weekday names in running text).
* ``expand_sets(pattern, sets)``: ``&NAME`` in a rule pattern stands for the word set NAME of
  reference/text/word_sets.yaml (petrarch2's synonym sets: defined once, used by name).
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

_SET_REF = re.compile(r"&([A-Z][A-Z0-9_]+)")
# The builder and re's parser recurse once per character: absurdly long entries (none in
# the reference data) are skipped rather than risk the recursion limit.
_MAX_WORD = 150
_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def trie_alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words as a trie: fast, and greedy-longest at each branch."""
    trie: dict = {}
    for word in words:
        if not word or len(word) > _MAX_WORD:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return "(?!)"
    return _trie_to_regex(trie)


def _esc(ch: str) -> str:
    # Only real metacharacters: re.escape also escapes spaces and "-", which bloats big
    # patterns and slows re.compile (its parser dominates table build time).
    return "\\" + ch if ch in _SPECIAL else ch


def _trie_to_regex(node: dict) -> str:
    # Recursion depth is the word length (< 150 characters).
    terminal = "" in node
    singles: list[str] = []
    alternatives: list[str] = []
    for ch in sorted(k for k in node if k):
        rest = _trie_to_regex(node[ch])
        if rest:
            alternatives.append(_esc(ch) + rest)
        else:
            singles.append(ch)
    if len(singles) == 1:
        alternatives.append(_esc(singles[0]))
    elif singles:
        # Leaf branches as one character class: "[ns]" instead of "(?:n|s)".
        cls = "".join("\\" + c if c in "\\]^-[" else c for c in singles)
        alternatives.append(f"[{cls}]")
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if terminal:
        # Greedy optional suffix: prefers the longer word, backtracks to the shorter one.
        if len(alternatives) == 1 and (len(body) == 1 or (body.startswith("[") and body.endswith("]")
                                                            and body.count("[") == 1)
                                       or (len(body) == 2 and body[0] == "\\")):
            return body + "?"
        return "(?:" + body + ")?"
    return body


def phrase_alternation(words: Iterable[str], *, scan_case: bool = False) -> str:
    """A non-capturing alternation of words and phrases, longest first, spaces -> \\s+."""
    forms = set()
    for w in words:
        if scan_case:
            # In running text a month/weekday must be Capitalised or UPPER case.
            forms.update({w.capitalize(), w.upper()})
        else:
            forms.add(w)
    parts = []
    for w in sorted(forms, key=len, reverse=True):
        parts.append(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]"))
    return "(?:" + "|".join(parts) + ")"


def set_alternation(words: Iterable[str]) -> str:
    """A word set inside a rule pattern: its words and phrases as literals, longest first."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(words, key=len, reverse=True)) + ")"


def expand_sets(pattern: str, sets: Mapping[str, Iterable[str]]) -> str:
    """The pattern with every &NAME replaced by its word set; ValueError naming an unknown set."""
    if "&" not in pattern:
        return pattern

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in sets:
            raise ValueError(f"unknown word set &{name} (word sets: reference/text/word_sets.yaml)")
        return set_alternation(sets[name])

    return _SET_REF.sub(sub, pattern)
