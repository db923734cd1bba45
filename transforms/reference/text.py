"""Schemas of reference/text/: boilerplate lines and the shared word sets."""

from __future__ import annotations

import re

from pydantic import ConfigDict, RootModel, model_validator

from transforms.reference.fields import NonEmpty, Pattern
from transforms.reference.grammar import GrammarFile


class Boilerplate(GrammarFile):
    """text/boilerplate.yaml: lines that start trailing noise, and lines that are never content."""

    pattern_lists = frozenset({"tail_markers", "line_patterns"})
    multiline = frozenset({"tail_markers"})
    whole_lines = frozenset({"line_patterns"})

    tail_markers: list[Pattern]
    line_patterns: list[Pattern]


_SET_NAME = re.compile(r"[A-Z][A-Z0-9_]+")


class WordSets(RootModel[dict[str, list[NonEmpty]]]):
    """text/word_sets.yaml: named word lists used by several rules (``&NAME`` in a pattern or a list).

    An entry '&OTHER' includes another set; a word may not be listed twice in one set."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _names_and_words(self):
        for name, words in self.root.items():
            if not _SET_NAME.fullmatch(name):
                raise ValueError(f"{name}: a set name is upper case (A-Z, 0-9, _)")
            literal = [w for w in words if not w.startswith("&")]
            dups = sorted({w for w in literal if literal.count(w) > 1})
            if dups:
                raise ValueError(f"{name}: repeated words {dups}")
            for w in words:
                if w.startswith("&") and w[1:] not in self.root:
                    raise ValueError(f"{name}: unknown word set {w!r}")
        self.resolved()  # no cycles
        return self

    def resolved(self) -> dict[str, tuple[str, ...]]:
        """Every set with its includes expanded (in order, each word once)."""
        out: dict[str, tuple[str, ...]] = {}

        def expand(name: str, seen: tuple[str, ...]) -> tuple[str, ...]:
            if name in seen:
                raise ValueError(f"word sets include each other: {' -> '.join((*seen, name))}")
            if name not in out:
                words: dict[str, None] = {}
                for w in self.root[name]:
                    for x in (expand(w[1:], (*seen, name)) if w.startswith("&") else (w,)):
                        words.setdefault(x)
                out[name] = tuple(words)
            return out[name]

        for name in self.root:
            expand(name, ())
        return out
