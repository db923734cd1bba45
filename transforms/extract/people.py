"""One name per person across the articles of a run: spellings that differ only in accents and case
("Rosa Icela Rodriguez", "Rosa Icela Rodríguez") become the one the entities table keeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from transforms.extract.records import CommitmentMention, EventMention, ParticipantMention
from transforms.names import person_key


def _persons(mentions: list[EventMention], commitments: list[CommitmentMention]):
    for m in mentions:
        yield from (p for p in m.participants if p.entity_type == "person")
    for c in commitments:
        yield from (p for p in c.actor_people if p.entity_type == "person")


def canonical_spellings(mentions: list[EventMention], commitments: list[CommitmentMention],
                        more_names: Iterable[str] = ()) -> dict[str, str]:
    """name -> the spelling kept for its person: the one with the most accented letters (ASCII
    text often drops them), then the most frequent, then the first in sort order.

    `more_names`: the names of further person mentions, for a caller that does not hold all the records at once.
    """
    counts = Counter(p.name for p in _persons(mentions, commitments))
    counts.update(more_names)
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(person_key(name), []).append(name)
    out = {}
    for names in groups.values():
        if len(names) > 1:
            best = min(names, key=lambda n: (-sum(not ch.isascii() for ch in n), -counts[n], n))
            out.update({n: best for n in names if n != best})
    return out


def unify_people(mentions: list[EventMention], commitments: list[CommitmentMention]
                 ) -> tuple[list[EventMention], list[CommitmentMention]]:
    """The mentions with every person under the spelling kept for them (canonical_spellings)."""
    spelling = canonical_spellings(mentions, commitments)
    return respell_events(mentions, spelling), respell_commitments(commitments, spelling)


def _respelled(people: tuple[ParticipantMention, ...], spelling: dict[str, str]) -> tuple[ParticipantMention, ...]:
    return tuple(replace(p, name=spelling[p.name]) if p.entity_type == "person" and p.name in spelling else p
                 for p in people)


def respell_events(mentions: list[EventMention], spelling: dict[str, str]) -> list[EventMention]:
    """The event mentions with their participants under the kept spellings (`canonical_spellings`)."""
    if not spelling:
        return mentions
    return [replace(m, participants=_respelled(m.participants, spelling))
            if any(p.name in spelling for p in m.participants) else m for m in mentions]


def respell_commitments(commitments: list[CommitmentMention], spelling: dict[str, str]) -> list[CommitmentMention]:
    """The commitment mentions with the people of their actors under the kept spellings."""
    if not spelling:
        return commitments
    return [replace(c, actor_people=_respelled(c.actor_people, spelling))
            if any(p.name in spelling for p in c.actor_people) else c for c in commitments]


__all__ = ["canonical_spellings", "respell_commitments", "respell_events", "unify_people"]
