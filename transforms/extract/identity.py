"""Which tellings of one sentence are different events (ANNOTATION.md: distinct encounters are distinct
events): read at extraction, recorded in EventMention.apart, obeyed by the merge (merge.py), which never
makes one event of a telling holding a key and one holding its partner (`partner_key`): the named event holds
its own key, each encounter told with it the key's partner, so the encounters stay free to be one event
("Austin and Dong met on the sidelines of the X Dialogue, the first face-to-face talks between ...")."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.extract.document import Sent
from transforms.extract.records import EventMention

# A named event after these is the occasion of another encounter, never that encounter.
_ASIDE = re.compile(r"\b(?:during|ahead of|before|after|on the (?:sidelines|margins) of|in the margins of)\s+"
                    r"(?:the\s+)?$", re.I)


def partner_key(key: str) -> str:
    """The key a telling must not share an event with: a named event's and its encounters' are each other's."""
    return key[:-1] if key.endswith(">") else key + ">"


def keep_apart(sent: Sent, found: list[EventMention], encounters: list[tuple[EventMention, bool]]) -> list[EventMention]:
    """The sentence's mentions `found`, a named event kept apart from the `encounters` (trigger mentions, with
    whether they have a counterpart) told with it: one with a counterpart ("will meet Speaker X and attend the
    Y Conference", "met X at the Z Summit"), or any on its sidelines, during or ahead of it ("the leaders met on
    the margins of the Z Forum"); "the ministers met at the NB8 Meeting" may be that meeting."""
    keys: dict[str, list[str]] = {}  # the encounters are apart from the named event, not from each other
    for named in found:
        if named.rule is not None or named.name is None:
            continue
        at = named.order - sent.start
        aside = bool(_ASIDE.search(sent.text, max(0, at - 40), at))
        for m, counterpart in encounters:
            if counterpart or aside:
                keys.setdefault(named.mention_id, []).append(named.mention_id)
                keys.setdefault(m.mention_id, []).append(partner_key(named.mention_id))
    return [replace(m, apart=m.apart + tuple(keys[m.mention_id])) if m.mention_id in keys else m for m in found]


__all__ = ["keep_apart", "partner_key"]
