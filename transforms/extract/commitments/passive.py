"""Passive commitments, whose parties are the countries of the current event: "Efforts will be made to ...",
"It was agreed to hold ...", "it was decided that the two countries would ..." (cues.yaml passive_subjects), and
documents signed in the passive ("Two agreements were signed, on A and on B": cues.yaml signed_passive)."""

from __future__ import annotations

import re

from transforms.extract.commitments.context import Context
from transforms.extract.commitments.lemmas import lemma
from transforms.extract.commitments.made import make_commitment
from transforms.extract.commitments.objects import object_spans
from transforms.extract.commitments.predicate import TRAILING, due_date, read_action
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import Cue, commitment_rules
from transforms.extract.records import CommitmentMention


def passive_commitment(doc: Doc, sent: Sent, ctx: Context) -> CommitmentMention | None:
    """ "Efforts will be made to ...": a commitment of the current event's countries."""
    rules = commitment_rules()
    text = sent.text
    lead = rules.leading_adverbial.match(text)
    off = lead.end() if lead else 0
    pm = rules.passive.match(text[off:])
    if not pm:
        return None
    told = pm.group(0).lower()
    modality = ("proposal" if re.search(r"\b(?:should|must)\b", told) else
                "agreement" if "agreed" in told or "reached" in told else "pledge")
    action, description = _passive_action(text[off + pm.end():], told.endswith("that"))
    if not action or action in rules.hostile_actions:
        return None
    due = due_date(doc, sent, sent.start + off + pm.end(), sent.end)
    return make_commitment(doc, sent, 0, ctx, ctx.countries, text[off:off + pm.end()].split()[0], modality,
                           action, description, due, ("cue:passive", "parties:event"))


def _passive_action(rest: str, that: bool) -> tuple[str, str]:
    """(action, description) after an impersonal passive: "to hold the next session" reads "hold"; a clause "that
    the commission would meet twice a year" reads its own modal's verb ("meet"), or its passive ("would be held":
    "hold"); a clause with no modal states no action."""
    if not that:
        action, description, _ = read_action(rest)
        return action, description
    modal = re.search(r"\b(?:will|shall|should|must|would)\b", rest)
    if modal is None:
        return "", ""
    passive = commitment_rules().passive_proposal.match(rest, modal.end())
    if passive is not None and lemma(passive.group("verb")) in _SCHEDULED:
        return "", ""  # "that the next session would be held in Accra": a planned event, as "will be held" is
    action = lemma(passive.group("verb")) if passive is not None else read_action(rest[modal.end():])[0]
    return action, TRAILING.sub("", rest.strip())


# Passives that schedule an event ("would be held", "will be convened"): a planned event, no undertaking.
_SCHEDULED = frozenset({"hold", "convene", "organize", "organise", "host", "stage"})


# What follows a passive signing that lists its documents' subjects ("were signed, on visas and on air services",
# "were exchanged: on A; on B").
_ITEMS_AFTER = re.compile(r"\s*[,:]\s*(?=(?:on|covering|concerning|regarding|in the fields? of)\s)", re.I)


def passive_signing(doc: Doc, sent: Sent, ctx: Context, sign: Cue) -> list[CommitmentMention]:
    """Documents signed in the passive at an encounter of two or more countries ("A memorandum on energy was
    signed", "Two agreements were signed, on A and on B"): one agreement of its sides per document, as "the two
    sides signed ..." is (ANNOTATION.md: split by object)."""
    if len(ctx.countries) < 2:
        return []
    rules = commitment_rules()
    text = sent.text
    lead = rules.leading_adverbial.match(text)
    off = lead.end() if lead else 0
    m = rules.signed_passive.match(text[off:])  # ("^" anchors at the string's start, not at a pos)
    if m is None:
        return []
    told = m.group("object")
    items = _ITEMS_AFTER.match(text, off + m.end())
    if items is not None:  # "Two agreements were signed, on A and on B": the object is the count and its items
        told = f"{told}, {text[items.end():].rstrip(' .')}"
    spans = object_spans(told, 0, len(told), sign, False)
    out = []
    for i, (lo, hi) in enumerate(spans):
        description = f"sign {TRAILING.sub('', told[lo:hi].strip(' ,'))}"
        due = (None, None)
        out.append(make_commitment(doc, sent, i, ctx, ctx.countries, "", "agreement", "sign", description, due,
                                   ("cue:signed_passive", "parties:event", *(("shape:split",) if len(spans) > 1 else ())),
                                   rule="signed_passive"))
    return out
