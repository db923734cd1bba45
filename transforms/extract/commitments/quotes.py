"""Quotations: who speaks a quoted sentence, so that its "we" is the speaker's country.

Releases and wire news quote officials ('"We will continue to support Ukraine," the minister said', 'The
Minister said: "We are ready to host the next round"', '"..." said President X'). As in a transcript turn
(turns.py), the quotation's "we" is the country of the one who speaks it, not every country of the event.
The attribution is read in the sentence itself, else, for a sentence inside a quotation that runs over
several sentences, in the nearest sentences of its paragraph (cues.yaml quote_attribution).
"""

from __future__ import annotations

import re

from transforms.extract.commitments.referents import subject_before
from transforms.extract.commitments.subject import codes_in
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import commitment_rules

_QUOTE_MARK = re.compile(r"[\"“”]")
_WHO = ("who", "who2", "who3")
_PRONOUN = re.compile(r"\s*(?:he|she)\s*", re.I)
_NEAR = 3  # sentences of the paragraph looked at on each side for a quotation's attribution


def quote_speaker(doc: Doc, sent: Sent) -> tuple[str, ...]:
    """The country of whoever speaks the quotation `sent` is in; () when it is in none or none is named."""
    inside = _inside_quote(doc, sent)
    if not inside and not _QUOTE_MARK.search(sent.text):
        return ()
    for other in _nearest(doc, sent) if inside else (sent,):
        m = commitment_rules().quote_attribution.search(other.text)
        if m is None:
            continue
        group = next(g for g in _WHO if m.group(g))
        lo, hi = other.start + m.start(group), other.start + m.end(group)
        codes, _ = codes_in(doc, lo, hi)
        if codes:
            return tuple(sorted(codes))
        if _PRONOUN.fullmatch(m.group(group)):
            country = subject_before(doc, lo)  # '"...," he said': the subject of a recent sentence
            return (country,) if country else ()
        return ()
    return ()


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
