"""Names read by their shape and what stands beside them, without a title or honorific:
"Jane Doe (Kenya)" in a list of participants is a person of Kenya."""

from __future__ import annotations

import re
from typing import Callable

from transforms.names.titled import title_words

# "Jane Doe (Kenya)": a capitalised run, then a country filling a parenthesis.
_BEFORE_PAREN = re.compile(r"[^\S\n]*\(")
_CLOSE = re.compile(r"[^\S\n]*\)")
_RUN_START = re.compile(r"(?:^|(?<=[\s,;:(]))(?=[^\W\d_])", re.M)
_CONNECTOR_BEFORE = re.compile(r"\b(?:of|in|at|for|from|to|the)[^\S\n]+\Z")

Trim = Callable[[object, int, int], "tuple[int, int] | None"]


def country_tagged_spans(scan, name_rx: re.Pattern, trim: Trim
                         ) -> list[tuple[tuple[int, int], str | None, str | None]]:
    """(name span, country, organisation) of every "Name (Country)" and "Name (Organisation)": two
    words at least, none a country or title word first, not after "of"/"in"/"the" ("the
    University of Nairobi (Kenya)")."""
    text, index = scan.text, scan.index
    out = []
    tags = [(m.start, m.end, m.code, None) for m in index.countries] + \
        [(m.start, m.end, None, m.name) for m in index.orgs]
    for start, end, code, org in sorted(tags):
        if text[start - 1:start] != "(" or not _CLOSE.match(text, end):
            continue
        gap = _BEFORE_PAREN.search(text, max(0, start - 4), start)
        span = _name_ending_at(scan, gap.start(), name_rx, trim) if gap else None
        if span is not None:
            out.append((span, code, org))
    return out


def _name_ending_at(scan, end: int, name_rx: re.Pattern, trim: Trim) -> tuple[int, int] | None:
    """The name that ends exactly at `end` (at most six words back, on the same line)."""
    text = scan.text
    line_start = text.rfind("\n", 0, end) + 1
    window = max(line_start, end - 80)
    for m in _RUN_START.finditer(text, window, end):
        start = m.start()
        match = name_rx.match(text, start)
        if match is None or match.end() != end:
            continue
        index = scan.index
        if start in index.country_by_start or start in index.org_by_start or start in index.mask_starts:
            return None  # "Kenya Airways (Kenya)"
        span = trim(scan, start, end)
        if span is None or span != (start, end) or not scan.free(start, end):
            return None
        words = text[start:end].split()
        if len(words) < 2 or title_words().blocks_name(words[0]) or _CONNECTOR_BEFORE.search(text, window, start):
            return None
        return span
    return None


_APPOSED = re.compile(r",[^\S\n]+(?:(?:the|The)[^\S\n]+)?\Z")


def retitle(scan, found: list, offices: list) -> list:
    """A name found without a title ("Hon. Jane Doe") and a title right after it ("..., Minister of
    Finance of Kenya,"): the mention takes the title, its country and organisation."""
    by_end = {m.name_end: i for i, m in enumerate(found) if m.title is None}
    out = list(found)
    for office in offices:
        if not scan.free(office.start, office.end):
            continue
        lead = _APPOSED.search(scan.text, max(0, office.start - 8), office.start)
        i = by_end.get(lead.start()) if lead else None
        if i is None:
            continue
        m = out[i]
        out[i] = type(m)(m.start, office.end, m.name_start, m.name_end, m.name_as_written, m.name, office.title,
                         m.country or office.country, m.organization or office.organization)
        scan.take(office.start, office.end)
    return out


# "Deputy Prime Ministers A and B", "the Foreign Ministers, A, B and C": a plural title before a list.
_PLURAL_HEAD = re.compile(r"(?P<stem>[^\W\d_]+?)(?P<end>ies|s)[^\S\n]*,?[^\S\n]*\Z")
_LIST_GAP = re.compile(r"[^\S\n]*,[^\S\n]+(?:and[^\S\n]+)?|[^\S\n]+and[^\S\n]+")
_MAX_LISTED = 6

NameAt = Callable[[object, int], "tuple[int, int] | None"]


def listed_spans(scan, found: list, name_at: NameAt) -> list[tuple[object, tuple[int, int]]]:
    """(mention, name span) of the further names a plural title lists after its first name ("Deputy Prime
    Ministers Jane Doe and John Roe"): two words each, each free; they share the title, not the country."""
    text = scan.text
    out = []
    for m in found:
        head = _PLURAL_HEAD.search(text, m.start, m.name_start) if m.title and m.start < m.name_start else None
        if head is None or _singular(head) not in title_words().heads:
            continue
        pos = m.name_end
        for _ in range(_MAX_LISTED):
            gap = _LIST_GAP.match(text, pos)
            span = name_at(scan, gap.end()) if gap else None
            if span is None or span[0] != gap.end() or len(text[span[0]:span[1]].split()) < 2 \
                    or not scan.free(span[0], span[1]):
                break
            out.append((m, span))
            pos = span[1]
            if "and" in gap.group():
                break
    return out


def _singular(head: re.Match) -> str:
    stem = head.group("stem")
    return stem + ("y" if head.group("end") == "ies" else "")


__all__ = ["country_tagged_spans", "listed_spans", "retitle"]
