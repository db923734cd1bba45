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

Lists: an intro ending with a colon opens a list whose items ("•", "-", "1.", "(a)") share its subject
("The Ministers:" / "• Reaffirmed ..."; a later sentence on an item's line too), or, when the intro ends
with a cue ("agreed to:", "the Parties agreed, among others:", "signed the following documents:"), are
what that cue governs, one commitment per item.

Parties: an uncounted group ("they", "all parties") is the last counted group its paragraph
named ("the foreign ministers of the five countries said ..."), and loses a counterpart it
names ("They will work with China", "support China's proposal"); "X will work with Y to ..."
commits X. A statement's "we" is the group it names itself ("We, the Foreign Ministers of A, B and
C"); "he" is the subject of a recent sentence; a plural group of which the event gives one country
takes the country of a person its sentence names, else the one the article names most. A body named alone
("The Assembly") is the organization the article named it with; "we" of an organization's official in a
transcript is that organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.extract.commitments.clauses import clauses
from transforms.extract.commitments.items import cue_item, list_item
from transforms.extract.commitments.lemmas import lemma
from transforms.extract.commitments.context import (
    Context, FrameIndex, context_for, document_sides, group_memory, we_group,
)
from transforms.extract.commitments.cues import cue_matches, frame_end
from transforms.extract.commitments.subject import BULLET_MARK, both_sides, resolve_subject, subject_span
from transforms.extract.commitments.quotes import quote_official, quote_speaker
from transforms.extract.commitments.turns import other_side, read_turns
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import Cue, commitment_rules, event_rules
from transforms.extract.records import CommitmentMention, EventMention

__all__ = ["find_commitments"]


# Only a sentence that says "we" needs the speaker of its quotation (a quotation's "we" is its speaker's country).
_WE = re.compile(r"\b[Ww]e\b")


@dataclass
class _List:
    """The list an intro line opens: its parties and actor; `consensus`: its items are agreements ("reached
    consensus on five points:"), else clauses whose verbs share the intro's subject ("the two sides:")."""

    parties: tuple[str, ...]
    actor: str
    consensus: bool
    cue: tuple[Cue, str] | None = None  # the cue the intro ends with ("agreed to:", "signed the following documents:")


def find_commitments(doc: Doc, events: list[EventMention]) -> list[CommitmentMention]:
    """Every commitment stated in the article, linked to the event mention it was made at."""
    rules = commitment_rules()
    kinds = event_rules().types
    frames = FrameIndex([e for e in events if e.frame], events)
    by_sentence: dict[int, list[EventMention]] = {}
    for e in events:
        by_sentence.setdefault(e.char_start, []).append(e)
    out: list[CommitmentMention] = []
    open_list: _List | None = None
    prev_parties: tuple[str, ...] = ()
    body = None  # the organization whose act the last stance was
    wanted = doc.cue_keys
    we = we_group(doc) if "We," in doc.text else ()
    turns = read_turns(doc)
    item_paragraph = -1  # the paragraph of the last list item: its later sentences continue the item
    sides: tuple[str, ...] | None = None  # the title's countries, read when a sentence has no event to stand on
    prev_paragraph = -1
    for sent in doc.sentences:
        if sent.start < doc.headline_end or sent.index in turns.asked:
            continue  # a headline states events (told again in the body); a question commits nobody
        if sent.paragraph != prev_paragraph and len(prev_parties) < 2:
            # One party is the referent of "he" / "the government" within its paragraph only; a group ("both
            # sides", "the two leaders") stays the article's sides where no event names them (joint statements).
            prev_parties = ()
        cue_ids = wanted.get(sent.index, set())
        item = open_list is not None and sent.bullet
        # "• Noted that ... . Highlighted that ...": a later sentence of an item's line shares its subject.
        cont = not item and _continues(doc, sent, open_list, item_paragraph)
        item_paragraph = sent.paragraph if item else item_paragraph
        listy = item or sent.index in doc.listish
        low = doc.low[sent.start:sent.end] if doc.low is not doc.text else None
        cues = cue_matches(sent.text, cue_ids, low) if cue_ids else ([], False)
        if not listy and cues == ([], False):
            open_list = None if not (sent.bullet or cont) else open_list
            continue  # no cue matched: the event context need not be found
        ctx = context_for(doc, sent, frames)
        if not ctx.countries:
            # No event told before it: a joint statement's "The Parties agreed" are the sides its title names.
            sides = document_sides(doc, any(e.headline for e in events)) if sides is None else sides
            ctx.countries = sides
        own = by_sentence.get(sent.start, [])
        own_ctx = [e for e in own if e.status != "planned" and not e.frame and kinds[e.event_type].holds_commitments]
        if own_ctx:
            # "they had a meeting, during which they reached ...": the recalled event is the context.
            ctx = Context(own_ctx[0], own_ctx[0].countries, None)
        ctx.we = we
        ctx.official = turns.organization.get(sent.index)
        ctx.speaker = (turns.speaker.get(sent.index) or (other_side(turns, events) if sent.index in turns.unplaced else ())
                       or (quote_speaker(doc, sent) if _WE.search(sent.text) else ()))
        if ctx.official is None and not ctx.speaker and _WE.search(sent.text):
            ctx.official = quote_official(doc, sent)  # '"We will ...," the Director General said': the organization
        text = sent.text
        # Only a sentence that says "they" or "all parties" needs the group its paragraph named.
        memory = group_memory(doc, sent, ctx, own) if "hey " in text or "parties" in text else ()
        if item:
            out.extend(_list_item(doc, sent, ctx, own, open_list, cue_ids, cues))
            continue
        if cont:
            out.extend(clauses(doc, sent, ctx, own, memory or prev_parties, cue_ids, memory, cues,
                               (open_list.parties, open_list.actor)))
            continue
        open_list = _list_intro(doc, sent, ctx, own, prev_parties, memory, cues[0])
        if open_list is not None:
            continue
        om = rules.ordinal_items.match(text)
        if om and ctx.countries:
            c = list_item(doc, sent, 0, ctx, ctx.countries, "all parties", om.end())
            if c is not None:
                out.append(c)
            continue
        ctx.body = body
        found = clauses(doc, sent, ctx, own, memory or prev_parties, cue_ids, memory, cues)
        if found:
            prev_parties, prev_paragraph = found[-1].parties, sent.paragraph
            # An organization's act ("The Assembly adopted ...") is what a later "It called on ..." refers to.
            body = found[-1].actor_orgs[0] if found[-1].actor_orgs and not found[-1].parties else None
        out.extend(found)
    return out


def _continues(doc: Doc, sent: Sent, open_list: _List | None, item_paragraph: int) -> bool:
    """A sentence on the line of a list item whose verbs share the intro's subject: part of the item."""
    return (open_list is not None and not open_list.consensus and open_list.cue is None
            and sent.paragraph == item_paragraph and "\n" not in doc.text[max(0, sent.start - 3):sent.start])


def _list_intro(doc: Doc, sent: Sent, ctx: Context, own: list[EventMention], prev_parties: tuple[str, ...],
                memory: tuple[str, ...], matches: list) -> _List | None:
    """The list a line ending in a colon opens: "reached consensus on five key points:" (its items are
    agreements), "the two sides agreed to:" / "signed the following documents:" (its items are what the
    intro's cue governs) or "On security matters, the two sides:" (its items' verbs share the subject)."""
    text = sent.text.rstrip()
    if not text.endswith(":"):
        return None
    rules = commitment_rules()
    intro = rules.list_intro.search(text)
    cue = None if intro else next((m for m in matches if rules.list_tail.fullmatch(text, m[1])), None)
    end = intro.start() if intro else cue[0] if cue else len(text) - 1
    subj_lo, subj_hi = subject_span(text, frame_end(text, end), end)
    parties, _ = resolve_subject(doc, sent.start + subj_lo, sent.start + subj_hi, ctx, own, None, prev_parties, memory)
    actor = text[subj_lo:subj_hi].strip(" ,")
    if cue is not None and cue[2].modality == "agreement":
        parties = both_sides(parties, actor, ctx)  # "Minister X and the Deputy Minister of Y attended the signing of:"
    if intro:
        return _List(parties if parties else ctx.countries, actor or "all parties", True)
    if cue is not None and not parties and rules.passive_intro.search(text[:cue[0]]):
        parties = ctx.countries  # "The following documents were signed:": the event's parties signed them
    if cue is not None and parties:
        return _List(parties, actor or "all parties", False, (cue[2], text[cue[0]:cue[1]]))
    return _List(parties, actor, False) if parties else None


def _bare_form(cue_text: str) -> bool:
    """A cue that is one verb in its base form ("support", "promote"): an infinitive an intro's cue governs."""
    word = cue_text.strip().lower()
    return word.isalpha() and lemma(word) == word


def _list_item(doc: Doc, sent: Sent, ctx: Context, own: list[EventMention], open_list: _List, cue_ids: set[int],
               cues: tuple[list, bool]) -> list[CommitmentMention]:
    """The commitments of one item of a list: an agreement of a consensus list, else the item's own clauses,
    whose verbs share the intro's subject ("the two sides: a. reaffirmed ...; b. condemned ...")."""
    mark = BULLET_MARK.match(sent.text)
    at = mark.end() if mark else 0
    # "agreed on the following: - welcomed X" (a finite verb of its own); "intend to cooperate to: - support X" is
    # the intro's cue's infinitive.
    own_cue = any(m[0] == at and not _bare_form(sent.text[m[0]:m[1]]) for m in cues[0])
    if open_list.cue is not None and not own_cue:
        found = cue_item(doc, sent, ctx, open_list.parties, open_list.actor, *open_list.cue)
        if found:
            return found  # else an item with a subject of its own ("the two sides will ..."): its own clauses
    if not open_list.consensus or open_list.cue is not None:
        return clauses(doc, sent, ctx, own, open_list.parties, cue_ids, (), cues, (open_list.parties, open_list.actor))
    body = BULLET_MARK.match(sent.text)
    c = list_item(doc, sent, 0, ctx, open_list.parties, open_list.actor, body.end() if body else 0)
    return [c] if c is not None else []
