"""Commitments: pledges, agreements, support, proposals and opposition stated by diplomatic actors.

A commitment is a clause "SUBJECT CUE PREDICATE" ("China and Kazakhstan | will | set up
consulates") whose subject resolves to countries: named countries, officials, or
anaphors of the current event ("the two sides", "all parties", "the six countries"), or
to an organization ("NATO will ...": no country party, the organization is the actor).
Choices (documented in reference/commitments/cues.yaml, following ANNOTATION.md): "condemned"
is an opposition and "welcomed" a course of action a support (welcoming a guest is none);
"threatened to" / "warned that ... will" are threats; a modal's schedule ("will travel to") is a
planned event; a subject that is not a government actor ("police", "protesters", "Chinese
modernization") gives nothing, nor does a forecast ("The Summit will open a new chapter",
"expressed confidence that ... will").

Granularity: one commitment per undertaking (ANNOTATION.md "split by object", objects.py): a cue
governing several objects gives one per object ("agreed to open X and to renew Y", "will open X,
expand Y", "called for A and for B", a signing list "covering: A; B; C"); a list of fields under one
verb ("cooperation in trade, energy and health") is one. A repeated stance verb or a finite verb of
another cue starts a new one ("support A, support B, and oppose C" gives three), as does a clause with
its own subject ("X pledged A, while Y undertook B"). A coordinated frame ends a predicate ("support X
and hold that disputes should be settled ..." gives a support and a proposal of the same parties).
"support" as a noun is a cue only as the subject's own stance ("reaffirmed their strong support for"),
never in "the PRC's support for" or "measures to support".

Parties: an uncounted group ("they", "all parties") is the last counted group its paragraph
named ("the foreign ministers of the five countries said ..."), and loses a counterpart it
names ("They will work with China", "support China's proposal"); "X will work with Y to ..."
commits X. A statement's "we" is the group it names itself ("We, the Foreign Ministers of A, B and
C"); "he" is the subject of a recent sentence; a plural group of which the event gives one country
takes the country the article names most.
"""

from __future__ import annotations

from transforms.extract.commitments.clauses import clauses, list_item
from transforms.extract.commitments.context import Context, context_for, group_memory, we_group
from transforms.extract.commitments.cues import cue_matches, frame_end
from transforms.extract.commitments.subject import BULLET_MARK, resolve_subject, subject_span
from transforms.extract.document import Doc
from transforms.extract.lexicon import commitment_rules, event_rules
from transforms.extract.records import CommitmentMention, EventMention

__all__ = ["find_commitments"]


def find_commitments(doc: Doc, events: list[EventMention]) -> list[CommitmentMention]:
    """Every commitment stated in the article, linked to the event mention it was made at."""
    rules = commitment_rules()
    kinds = event_rules().types
    frames = [e for e in events if e.frame]
    by_sentence: dict[int, list[EventMention]] = {}
    for e in events:
        by_sentence.setdefault(e.char_start, []).append(e)
    out: list[CommitmentMention] = []
    list_parties: tuple[str, ...] | None = None
    list_actor = ""
    prev_parties: tuple[str, ...] = ()
    wanted = doc.cue_keys
    we = we_group(doc) if "We," in doc.text else ()
    for sent in doc.sentences:
        if sent.start < doc.headline_end:
            continue  # a headline states events; its commitments are told again in the body
        cue_ids = wanted.get(sent.index, set())
        listy = (sent.bullet and list_parties is not None) or sent.index in doc.listish
        low = doc.low[sent.start:sent.end] if doc.low is not doc.text else None
        cues = cue_matches(sent.text, cue_ids, low) if cue_ids else ([], False)
        if not listy and cues == ([], False):
            list_parties = None
            continue  # no cue matched: the event context need not be found
        ctx = context_for(doc, sent, frames, events)
        own = by_sentence.get(sent.start, [])
        own_ctx = [e for e in own if e.status != "planned" and not e.frame and kinds[e.event_type].holds_commitments]
        if own_ctx:
            # "they had a meeting, during which they reached ...": the recalled event is the context.
            ctx = Context(own_ctx[0], own_ctx[0].countries, None)
        ctx.we = we
        text = sent.text
        # Only a sentence that says "they" or "all parties" needs the group its paragraph named.
        memory = group_memory(doc, sent, ctx, own) if "hey " in text or "parties" in text else ()
        if sent.bullet and list_parties is not None:
            body = BULLET_MARK.match(text)
            c = list_item(doc, sent, 0, ctx, list_parties, list_actor, body.end() if body else 0)
            if c is not None:
                out.append(c)
            continue
        list_parties = None
        intro = rules.list_intro.search(text) if text.rstrip().endswith(":") else None
        if intro:
            # "reached consensus on five key points:" -> the bullets that follow are the agreements.
            subj_lo, subj_hi = subject_span(text, frame_end(text, intro.start()), intro.start())
            parties, _ = resolve_subject(doc, sent.start + subj_lo, sent.start + subj_hi, ctx, own, None,
                                         prev_parties, memory)
            list_parties = parties if parties else ctx.countries
            list_actor = text[subj_lo:subj_hi].strip(" ,") or "all parties"
            continue
        om = rules.ordinal_items.match(text)
        if om and ctx.countries:
            c = list_item(doc, sent, 0, ctx, ctx.countries, "all parties", om.end())
            if c is not None:
                out.append(c)
            continue
        found = clauses(doc, sent, ctx, own, memory or prev_parties, cue_ids, memory, cues)
        if found:
            prev_parties = found[-1].parties
        out.extend(found)
    return out
