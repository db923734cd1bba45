"""Identical tellings in different documents: one event, one commitment (ANNOTATION.md).

A release that is copied, archived, syndicated or quoted whole tells its events and
commitments in the same sentences as the original, read the same way: the same event (or
commitment) however the rest of the documents differ. `twins` maps each such telling to the
first document's, so that the merge clusters one telling and attaches its twins: N copies
give the rows of one, each with N times the mentions (benchmarks/merge_copies.py).

A telling is identical when its sentence and everything read from it are: type, status,
dates, countries, name, place and participants of an event; parties, modality, action,
description, due date and event of a commitment. An undated telling also needs the same
publication date (two releases of different days saying "the ministers met" are not one
meeting) and a known one (an undated telling never joins another article's event on its
words alone).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Hashable, Sequence, TypeVar

from transforms.extract.records import CommitmentMention, EventMention

T = TypeVar("T")


def document_of(m: EventMention | CommitmentMention) -> str:
    """The document a mention was told in (its source file when the mention does not say)."""
    return m.document or m.source_path


def _words(text: str) -> str:
    return " ".join(text.split())


def event_telling(m: EventMention, published: dt.date | None) -> Hashable | None:
    """What makes two event tellings identical; None for one that has no twin (undated, in an undated article)."""
    dated = m.start_date is not None and m.date_rank > 0
    if not dated and published is None:
        return None
    people = frozenset((p.entity_type, p.name, p.role, p.country) for p in m.participants)
    return (_words(m.evidence), m.event_type, m.status, m.start_date, m.end_date, m.date_precision, m.date_rank,
            m.countries, m.name, m.location, m.headline, m.weak, people, None if dated else published)


def commitment_telling(c: CommitmentMention, event: str | None, published: dt.date | None) -> Hashable | None:
    """What makes two commitment tellings identical: the same sentence read the same way, at the same event
    (or, without one, in articles of the same day); None when it has no twin."""
    if event is None and published is None:
        return None
    return (_words(c.evidence), c.parties, c.modality, c.action, c.description, c.due_date, c.due_precision,
            event, None if event else published)


def distinct_tellings(ms: Sequence[EventMention] | Sequence[CommitmentMention]) -> int:
    """How many different sentences tell it: copies of one sentence in other documents are one piece of evidence."""
    return len({_words(m.evidence) for m in ms})


def twins(items: Sequence[T], key: Callable[[T], Hashable | None], document: Callable[[T], str],
          order: Callable[[T], Any]) -> dict[int, int]:
    """index -> index of the same telling in the first document (by `order`) that tells it; items told first
    in their own document are not keys. The n-th telling of a sentence in a document twins the n-th in
    the first (a sentence told twice in one document stays two tellings there)."""
    groups: dict[Hashable, dict[str, list[int]]] = {}
    for i in sorted(range(len(items)), key=lambda i: order(items[i])):
        k = key(items[i])
        if k is not None:
            groups.setdefault(k, {}).setdefault(document(items[i]), []).append(i)
    out: dict[int, int] = {}
    for by_document in groups.values():
        if len(by_document) < 2:
            continue
        first, *others = by_document.values()
        for other in others:
            for n, i in enumerate(other):
                out[i] = first[min(n, len(first) - 1)]
    return out


__all__ = ["commitment_telling", "distinct_tellings", "document_of", "event_telling", "twins"]
