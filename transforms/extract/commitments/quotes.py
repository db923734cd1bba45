"""Quotations: who speaks a quoted sentence, so that its "we" is the speaker's country.

Releases and wire news quote officials ('"We will continue to support Ukraine," the minister said', 'The
Minister said: "We are ready to host the next round"', '"..." said President X'). As in a transcript turn
(turns.py), the quotation's "we" is the country of the one who speaks it, not every country of the event.
The attribution is read in the sentence itself, else, for a sentence inside a quotation that runs over
several sentences, in the nearest sentences of its paragraph (cues.yaml quote_attribution).
"""

from __future__ import annotations

import re

from transforms.extract.commitments.referents import acts_for_organization, official_before, subject_before
from transforms.extract.commitments.subject import codes_in
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import commitment_rules

_QUOTE_MARK = re.compile(r"[\"“”]")
_WHO = ("who", "who2", "who3")
_PRONOUN = re.compile(r"\s*(?:he|she)\s*", re.I)
_NEAR = 3  # sentences of the paragraph looked at on each side for a quotation's attribution


def quote_speaker(doc: Doc, sent: Sent) -> tuple[str, ...]:
    """The country of whoever speaks the quotation `sent` is in; () when it is in none or none is named."""
    found = _attribution(doc, sent)
    if found is None:
        return ()
    lo, hi, pronoun = found
    codes, _ = codes_in(doc, lo, hi)
    if codes:
        return tuple(sorted(codes))
    if pronoun:
        country = subject_before(doc, lo)  # '"...," he said': the subject of a recent sentence
        return (country,) if country else ()
    return ()


def quote_official(doc: Doc, sent: Sent):
    """The official of an organization who speaks the quotation `sent` is in ('"We will support ...," the
    Director General said', '..., he said' after one): its "we" is the organization; None otherwise."""
    found = _attribution(doc, sent)
    if found is None:
        return None
    lo, hi, pronoun = found
    if pronoun:
        return official_before(doc, lo)
    people = doc.people.starting_in(lo, hi, doc.limit)
    return people[0] if len(people) == 1 and acts_for_organization(people[0]) else None


def _attribution(doc: Doc, sent: Sent) -> tuple[int, int, bool] | None:
    """(start, end, is a pronoun) of who the quotation `sent` is in is attributed to; None when it is in none
    or its attribution is not found."""
    inside = _inside_quote(doc, sent)
    if not inside and not _QUOTE_MARK.search(sent.text):
        return None
    for other in _nearest(doc, sent) if inside else (sent,):
        m = commitment_rules().quote_attribution.search(other.text)
        if m is None:
            continue
        group = next(g for g in _WHO if m.group(g))
        return other.start + m.start(group), other.start + m.end(group), bool(_PRONOUN.fullmatch(m.group(group)))
    return None


def _inside_quote(doc: Doc, sent: Sent) -> bool:
    """The sentence starts inside a quotation opened earlier in its paragraph, or opens one itself."""
    if sent.text.lstrip()[:1] in ('"', "“"):
        return True
    start = doc.text.rfind("\n", 0, sent.start) + 1
    before = doc.text[start:sent.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _nearest(doc: Doc, sent: Sent) -> list[Sent]:
    """The sentence, then the other sentences of its paragraph, nearest first."""
    out = [sent]
    for k in range(1, _NEAR + 1):
        for i in (sent.index + k, sent.index - k):
            if 0 <= i < len(doc.sentences) and doc.sentences[i].paragraph == sent.paragraph:
                out.append(doc.sentences[i])
    return out
