"""Which countries a plural group of a sentence stands for ("the two ministers", "they") when the event
gives more or fewer than it counts: the two sides of one encounter among several, the release's own
government and the countries named beside it."""

from __future__ import annotations

import re

from transforms.extract.document import Doc
from transforms.extract.lexicon import commitment_rules


def country_code(c) -> str | None:
    return getattr(c, "code", None) or None


def plural_group(doc: Doc, group: set[str], n: int, pos: int | None = None) -> set[str]:
    """A plural group ("the two ministers", "they") of which the event's countries give too few: the
    countries of the people its own sentence names ("the two ministers agreed ..., and Safadi welcomed"),
    else the countries the article names most often fill it (a readout of a Kenyan minister's visit to
    Morocco whose talks were read with Morocco alone: "The two Ministers agreed" are Kenya and Morocco)."""
    want = n if n else 2
    if len(group) >= want or not group:
        return group
    if doc.home and doc.home not in group and len(group) == want - 1:
        return group | {doc.home}  # the release's own government is one side of the encounters it tells
    if pos is not None:
        i = doc.sentence_index(pos)
        sent = doc.sentences[i] if i >= 0 else None
        local = {p.country for p in doc.people.within(sent.start, sent.end) if getattr(p, "country", None)} - group \
            if sent is not None else set()
        if len(local) == want - len(group):
            return group | local
    # Counted once per article (a count per plural subject grew with the square of the text).
    counts = {code: n for code, n in doc.countries.counts(country_code).items() if code not in group}
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    if n == 0 and len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
        return group  # no clear second side
    return group | set(ranked[:want - len(group)])


# An adverbial that opens a sentence with the counterpart of one encounter among several ("In the call with
# Minister X, the two ministers agreed ...", "With Minister Y, they ...", "During her meeting with Z,").
_WITH_COUNTERPART = re.compile(r"(?:(?:in|during|at)\s+(?:the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
                               r"(?:meeting|call|talks|conversation|consultations|session|exchange)\s+|)"
                               r"with\s+[^,;]{2,120}?,", re.I)


def encounter_focus(doc: Doc, group: set[str], n: int, pos: int, host: str | None) -> set[str]:
    """The two sides of one encounter when the sentence's group stands for fewer countries than the event's
    (a minister's separate calls or meetings with several counterparts): the host and the counterpart the
    sentence opens with ("In the meeting with Minister X, the ministers agreed ...": the host and X's
    country), or, for a counted group ("the two ministers"), the host and the countries the sentence names
    before it. The group unchanged when the sentence narrows it to no such pair."""
    want = n or 2
    if len(group) <= want or host not in group:
        return group
    i = doc.sentence_index(pos)
    if i < 0:
        return group
    sent = doc.sentences[i]
    lead = commitment_rules().leading_adverbial.match(sent.text)
    opening = _WITH_COUNTERPART.match(sent.text) if lead else None
    if opening is not None and lead.end() >= opening.end():
        lo, hi = sent.start, sent.start + opening.end()
    elif n:
        lo, hi = sent.start, pos
    else:
        return group
    named = {getattr(c, "code", None) for c in doc.countries.within(lo, hi)}
    named |= {p.country for p in doc.people.within(lo, hi) if getattr(p, "country", None)}
    focus = (named & group) | {host}
    return focus if len(focus) == want else group
