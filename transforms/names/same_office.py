"""When two normalised titles can name the same office (coreference of "Secretary Adams" and "Trade
Secretary Jan Adams"; "Vice Chairman" and "Vice Chairman of the Central Military Commission")."""

from __future__ import annotations

import re

from transforms.names.office import office_tables, split_title


def title_compatible(a: str | None, b: str | None, ministerial: bool = True) -> bool:
    """True when two normalised titles can name the same office ("Secretary" ~ "Secretary of State");
    ministerial=False: a bare "Secretary" is only a title that says "Secretary", not any minister's."""
    if not a or not b:
        return True
    generic = office_tables().generic
    for x in split_title(a):
        for y in split_title(b):
            if x == y:
                return True
            for g, other in ((x, y), (y, x)):
                # "General" after it ("Secretary General", "Director-General") makes another office.
                if g in generic and not re.search(rf"\b{re.escape(g)}[\s-]+General\b", other, re.I) and (
                        other.startswith(g + " ") or ministerial and _ministerial(g, other)):
                    return True
    return _same_office_words(a, b)


def _ministerial(generic: str, other: str) -> bool:
    """A bare "Minister" or "Secretary" is any minister or secretary: "X Secretary" is read as
    "Minister of X" (offices.yaml), so "Secretary Adams" is the "Trade Secretary Jan Adams"."""
    words = other.split()
    return generic in ("Minister", "Secretary") and ("Minister" in words or "Secretary" in words)


_TITLE_STEMS = {"chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "spokesman": "spokesperson",
                "spokeswoman": "spokesperson", "vice": "deputy", "adviser": "advisor"}
_TITLE_FILLER = frozenset({"of", "the", "for", "and", "to", "in", "on", "at", "&"})
_TITLE_RANKS = frozenset({"deputy", "assistant", "under", "first", "associate", "principal", "senior", "acting",
                          "general"})  # "Secretary General" is not the "Secretary"


def _office_words(title: str) -> frozenset[str]:
    words = (w.strip(",.'’") for w in title.lower().replace("-", " ").split())
    return frozenset(_TITLE_STEMS.get(w, w) for w in words if w and w not in _TITLE_FILLER)


def _same_office_words(a: str, b: str) -> bool:
    """A short title whose words are all in the longer one, with the same rank words: "Vice
    Chairman" ~ "Vice Chairman of the Central Military Commission" (an office as written), but not
    "Prime Minister" ~ "Deputy Prime Minister"."""
    x, y = _office_words(a), _office_words(b)
    if not x or not y or (x & _TITLE_RANKS) != (y & _TITLE_RANKS):
        return False
    return x <= y or y <= x


__all__ = ["title_compatible"]
