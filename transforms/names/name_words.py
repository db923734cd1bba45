"""Words inside a candidate person name, for the finder's trimming (transforms.names.scan): a roman
numeral after a title, a demonym inside a name, a run that is wholly a place, two more name words."""

from __future__ import annotations

import re

from transforms.names.office import MentionIndex
from transforms.names.people import particles

_ROMAN_RX = re.compile(r"[IVX]{1,4}")


def two_name_words(tokens: list, p) -> bool:
    """Two more capitalised words that are no stop words, with nothing between them."""
    return len(tokens) == 2 and not tokens[0][2].endswith(",") and all(
        t[:1].isupper() and t.rstrip(",.").isalpha() and t.rstrip(",.") not in p.stop_tokens for _, _, t in tokens)


def numeral(token: str) -> bool:
    """A roman numeral that is no surname ("II", but not "XI" of "XI Jinping")."""
    return bool(_ROMAN_RX.fullmatch(token)) and token.casefold() not in particles().family_first


def place_end(index: MentionIndex, start: int) -> int:
    """End of the country, organisation or masked region starting at start (-1 when none)."""
    for table in (index.country_by_start, index.org_by_start):
        if start in table:
            return table[start].end
    return index.mask_starts.get(start, -1)


def demonym_inside(index: MentionIndex, ts: int, tokens: list, i: int) -> bool:
    """A demonym followed by one more capitalised word that ends the run is a word of the name."""
    mention = index.country_by_start.get(ts)
    if mention is None or mention.kind != "demonym" or i + 2 != len(tokens):
        return False
    nxt = tokens[i + 1][2].rstrip(",.")
    return nxt[:1].isupper() and nxt not in particles().stop_tokens and tokens[i + 1][0] not in index.country_by_start


__all__ = ["demonym_inside", "numeral", "place_end", "two_name_words"]
