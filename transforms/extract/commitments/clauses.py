"""The commitments of one sentence: each cue read into a commitment by a list of named steps.

A cue found in a sentence ("will", "agreed to", "supports") goes through ``STEPS`` in
order; each step reads one part of the clause (the reporting frame and its speaker, the
subject, the parties, the predicate, the action) or refuses the cue (a threat, a
prediction, a relative clause, a purpose infinitive, a forecast, a hostile act). A cue
that passes every step becomes a commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.extract.commitments.context import Context
from transforms.extract.commitments.lemmas import base_lemma, is_verb, lemma
from transforms.extract.commitments.made import make_commitment
from transforms.extract.commitments.refusals import not_hearsay, not_prediction, not_relative, not_threat, speaker
from transforms.extract.commitments.passive import passive_commitment, passive_signing
from transforms.extract.commitments.objects import PARTICIPLE_CUE, clause_end, object_spans
from transforms.extract.commitments.cues import (
    THAT, cue_matches, find_frames, stance_infinitive, support_subject_end,
)
from transforms.extract.commitments.predicate import (
    COORD, TRAILING, cue_lemma, due_date, nounish, passive_proposal, read_action, skip_adverbs,
)
from transforms.extract.commitments.referents import official_before
from transforms.extract.commitments.subject import (
    BULLET_MARK, actor_orgs, actor_people, body_organization, codes_in, counterparts, is_forecast_subject, leading_actor,
    both_sides, encounter_sides, own_state, resolve_subject, speaker_parties, subject_span,
)
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import Cue, commitment_rules
from transforms.extract.records import CommitmentMention, EventMention, ParticipantMention


@dataclass
class _Sentence:
    """What the steps of one sentence share, and what its earlier cues left."""

    doc: Doc
    sent: Sent
    ctx: Context
    sent_events: list[EventMention]
    memory: tuple[str, ...]
    prev_parties: tuple[str, ...]
    frames: list[tuple[int, int]]
    frame_cuts: list[int]
    later: list[int] = field(default_factory=list)  # where each cue of the sentence starts
    default: tuple[tuple[str, ...], str] | None = None  # (parties, actor) of a list intro ("the two sides:")
    out: list[CommitmentMention] = field(default_factory=list)
    used_until: int = -1  # a cue inside the last commitment's predicate is part of it
    clause_idx: int = 0

    @property
    def text(self) -> str:
        return self.sent.text


@dataclass
class _Clause:
    """One cue and what the steps have read around it (offsets into the sentence)."""

    start: int
    end: int
    cue: Cue
    modal: bool = False  # the cue is a modal ("will", "should"): a bare verb follows
    frame_start: int = 0  # the reporting frame before the cue ("X said that"): where its speaker ends
    frame_stop: int = 0  # ... and where the frame ends (0: no frame)
    speaker_codes: set[str] | None = None
    subj_end: int = 0
    subj_lo: int = 0
    subj_hi: int = 0
    parties: tuple[str, ...] | None = None
    grouped: bool = False  # parties read from an uncounted group ("they", "all parties")
    owner: bool = False  # parties named inside a stance noun ("reaffirmed Kenya's commitment")
    shared: bool = False  # no subject of its own: the last clause's or the list intro's ("..., and condemned")
    actor: str | None = None  # the subject as written, when not the span's
    official: object = None  # the speaker of a transcript's turn that "we" is, an official of an organization
    modality: str | None = None  # when not the cue's: a position told with a modal ("will support X's bid")
    body: object = None  # the organization whose body the subject names alone ("The Assembly")
    pred_end: int = 0
    predicate: str = ""
    action: str = ""
    description: str = ""


# ------------------------------------------------------------------ the steps

# Words right before a stance verb that make it a passive or a noun ("was welcomed", "a warm welcome").
_NOT_A_VERB_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|a|an|the|warm|ceremonial|official|"
                                r"his|her|their|its|our)\s+(?:(?-i:[a-z]\w*ly)\s+)?$", re.I)


# A negated support ("do not support", "does not back", "will never support"): the stance is against its object.
_DENIED_SUPPORT = re.compile(r"\b(?:(?:do|does|did|will|would|can|could|shall)\s+not|(?:do|does|did|wo|ca)n[’']t|never)\s+"
                             r"(?:(?-i:(?!only\b|merely\b|simply\b)[a-z]\w*ly)\s+)?$", re.I)


# "not only pledged ... but also": no negation.
_NEGATED_BEFORE = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(?:(?-i:(?!only\b|merely\b|simply\b)[a-z]\w*ly)\s+)?$", re.I)


# A be-form right before a participle cue makes it a passive with no agent ("could be signed", "was adopted").
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:(?-i:[a-z]\w*ly)\s+)?$", re.I)


def _subject_end(s: _Sentence, c: _Clause) -> bool:
    """Where the subject ends: at the cue, or before a stance noun's own modifiers ("reaffirmed U.S.
    support"); refuse a purpose infinitive ("efforts to urge Russia") and a passive ("backed by")."""
    text, cue = s.text, c.cue
    c.subj_end = c.start
    if not c.modal and re.match(r"\w+ed\b", text[c.start:c.end]) and commitment_rules().participle_as_adjective.search(
            text, max(0, c.start - 12), c.start):
        return False  # "discussed the proposed free trade zone": an adjective, no verb of the subject
    if cue.modality in ("agreement", "pledge", "proposal") and not c.modal and not stance_infinitive(text, c.start):
        return False
    if cue.name == "plans_to" and commitment_rules().intent_as_motive.search(text, max(0, c.start - 80), c.start):
        return False  # "..., as both countries seek to cushion the tariffs": a motive, no course announced
    if cue.modality == "agreement" and (cue.verb or cue.action_from_cue) and _PASSIVE_BEFORE.search(
            text, max(0, c.start - 30), c.start):
        return False  # "a deal could be signed within weeks": nobody is said to sign it
    if cue.modality in ("agreement", "pledge", "proposal") and not c.modal and _NEGATED_BEFORE.search(
            text, max(0, c.start - 20), c.start):
        return False  # "do not agree on where the border runs", "we haven't asked Ghana for any new step"
    if cue.name == "plans_to" and commitment_rules().plan_as_noun.search(text, max(0, c.start - 40), c.start):
        return False  # "noted President X's plan to dispatch ...", "its plans to provide": a noun, no verb
    if cue.modality in ("support", "opposition"):
        if re.match(r"\s*by\b", text[c.end:c.end + 5]) and text[c.start:c.end].endswith("ed"):
            return False
        if cue.action_from_cue and _NOT_A_VERB_BEFORE.search(text, max(0, c.start - 30), c.start):
            return False  # "was welcomed with a salute" (passive), "a ceremonial welcome" (a noun)
        if cue.verb == "support" and re.match(r"\w+ed\b", text[c.start:c.end]) and commitment_rules().perfect_before.search(
                text, max(0, c.start - 30), c.start):
            return False  # "We've supported these efforts with ...": what was done, not a stance
        subj_end = support_subject_end(text, c.start, c.end)
        if subj_end is None or subj_end < c.frame_stop:
            return False
        c.subj_end = subj_end
        if cue.modality == "support" and _DENIED_SUPPORT.search(text, max(0, c.start - 20), c.start):
            c.modality = "opposition"  # "We do not support efforts to normalize relations": a position against
    return True


# What may stand between a clause and a coordinated verb that shares its subject ("...; and condemned").
_ELLIPSIS = re.compile(r"(?:^|;|,\s*and|\band)\s*(?:(?:also|further|then|jointly)\s+)?$")


# A participle after a comma shares the subject of the clause before it ("Ghana condemned the attack, calling
# for an investigation", "..., urging all parties to ...", "..., vowing to ..."): no subject of its own.
_PARTICIPLE_BEFORE = re.compile(r",\s*(?:(?:and|while|thereby)\s+)?$")


# A stance noun cue that starts with a possessive ("and its rejection of"): it shares the subject of a stance
# told just before it in the sentence.
_POSSESSIVE_CUE = re.compile(r"(?:its|their|his|her|our)\s", re.I)
_STANCE_RULES = frozenset({"support", "stance_noun", "opposition_noun", "rejection_noun", "adheres_to", "importance_of"})


# The owner of a goal told as a noun, ending the subject before at most two modifiers of the goal: a possessive
# ("Chile's main", "the Government's") or a possessive determiner ("Our", "their shared").
_POSSESSOR = re.compile(r"(?P<owner>\S.*?)(?:['’]s?|(?<=\b(?i:our|its|his|her))|(?<=\b(?i:their)))(?:\s+[\w-]+){0,2}\s*$")


def _subject(s: _Sentence, c: _Clause) -> bool:
    """The subject's span; in "X share the same positions, and will keep ..." it is the clause's first actor;
    a verb with no subject of its own ("a. reaffirmed ...", "...; and called for ...") shares the last
    clause's, or the list intro's."""
    text = s.text
    before = text[c.frame_stop:c.subj_end]
    mark = BULLET_MARK.match(before)
    if _POSSESSIVE_CUE.match(text, c.start) and not (s.out and s.out[-1].rule in _STANCE_RULES):
        return False  # "... its support for X and its rejection of Y" continues a stance; "in recognition of ...
        # and its rejection of Y" names someone's position
    if (s.out or s.default) and _ELLIPSIS.search(before[mark.end() if mark else 0:].rstrip()):
        c.shared = True
        c.subj_lo = c.subj_hi = c.subj_end
        return True
    if PARTICIPLE_CUE.match(text, c.start):
        if not (s.out and _PARTICIPLE_BEFORE.search(text, max(0, c.start - 20), c.start)):
            return False  # a participle whose clause states no stance before it has no subject to share
        c.shared = True  # "Ghana condemned the attack, calling for ...": the subject of the clause before
        c.subj_lo = c.subj_hi = c.subj_end
        return True
    c.subj_lo, c.subj_hi = subject_span(text, c.frame_stop, c.subj_end)
    if c.cue.name == "goal_is":
        owner = _POSSESSOR.search(text, c.subj_lo, c.subj_hi)
        if owner is None:
            return False  # "The programme's goal", "the aim of the fund": a goal of no actor told
        c.subj_hi = owner.end("owner")  # "Chile's main aim was to": Chile
    subj_text = text[c.subj_lo:c.subj_hi]
    if re.search(r"(?:,\s*|\s)and\s*$|,\s*$", subj_text) or commitment_rules().first_clause.search(subj_text):
        actor_end = leading_actor(text, c.subj_lo, c.subj_hi)
        if actor_end > c.subj_lo:
            c.subj_hi = actor_end
    return c.subj_hi - c.subj_lo <= 200


def _parties(s: _Sentence, c: _Clause) -> bool:
    """The parties the subject names or points back to; "The Secretary reaffirmed U.S. support for" takes
    the country of the stance's own modifier."""
    base = s.sent.start
    if c.shared:
        c.parties, c.actor = (s.out[-1].parties, s.out[-1].actor_text) if s.out else s.default
        if s.out and s.out[-1].actor_orgs and not c.parties:
            c.body = s.out[-1].actor_orgs[0]  # "The Assembly adopted X and decided to ...": the same organization
        return True
    pronoun = s.text[c.subj_lo:c.subj_hi].strip(" ,").lower()
    # An organization's official speaking ("we" of a transcript's turn, "UN Secretary-General X ... He called on
    # ..."): the organization, no country.
    official = s.ctx.official if pronoun in ("we", "i") else official_before(s.doc, base + c.subj_lo) if (
        pronoun in ("he", "she") and not c.speaker_codes) else None
    if official is not None:
        c.parties, c.grouped, c.official = (), False, official
        return True
    if s.ctx.speaker and s.text[c.subj_lo:c.subj_hi].strip(" ,").lower() == "we":
        # A speaker of a transcript: "we will ..." is the speaker's country, "we agreed" with the event's others.
        joint = set(s.ctx.countries) if c.cue.modality == "agreement" else set()
        c.parties, c.grouped = tuple(sorted(set(s.ctx.speaker) | joint)), False
        return True
    c.parties, c.grouped = resolve_subject(s.doc, base + c.subj_lo, base + c.subj_hi, s.ctx, s.sent_events,
                                           c.speaker_codes, s.prev_parties, s.memory)
    if c.parties is None and c.subj_end < c.start:
        codes, _ = codes_in(s.doc, base + c.subj_end, base + c.start)
        c.parties = tuple(sorted(codes)) if codes else None
    if c.parties is None and s.ctx.body is not None and s.text[c.subj_lo:c.subj_hi].strip(" ,").lower() == "it":
        c.parties, c.body = (), s.ctx.body  # "The Assembly adopted X. It called on ...": the same organization
    if c.parties is None:
        org = body_organization(s.doc, base + c.subj_lo, s.text[c.subj_lo:c.subj_hi])
        if org is not None:  # "The Assembly condemned ...": the organization whose body it is
            c.parties = ()
            c.body = ParticipantMention("organization", org.name, org.text, None, None, "participant", org.start,
                                        org.end)
    named = _cue_countries(s, c)
    if named:
        c.parties, c.owner = named, True  # "President A reaffirmed France's commitment to ...": France alone
    if c.cue.modality == "agreement" and c.parties is not None and " with " in s.text[c.start:c.end]:
        partner, _ = codes_in(s.doc, base + c.start, base + c.end)  # "Kenya agreed with Uganda to ...": both agree
        c.parties = tuple(sorted(set(c.parties) | partner))
    if c.cue.modality == "agreement" and not c.shared:
        c.parties = both_sides(c.parties, s.text[c.subj_lo:c.subj_hi], s.ctx)
        c.parties = encounter_sides(c.parties, s.text, c.subj_hi, c.start, s.sent_events)
    if c.cue.name == "instructed_to" and c.parties is not None and len(c.parties) < 2:
        c.modality = "pledge"  # one leader instructing his own ministers binds his government alone
    if c.cue.name == "decision_noun" and c.parties and len(c.parties) > 1 and _GOAL.search(s.text, c.start, c.end):
        c.modality = "agreement"  # "Greece and Viet Nam set the goal of doubling trade": a goal set together
    if c.modal and c.cue.modality == "proposal" and c.speaker_codes and c.parties:
        # "Minister A of Austria said Chile should reopen the border", "Lula said Amazon countries should present
        # a joint position": the speaker proposes it to those addressed (ANNOTATION.md: "called on C to cease" is
        # a proposal of the callers, not of C).
        c.parties = tuple(sorted(c.speaker_codes))
    elif c.modal and c.cue.modality == "proposal" and not c.frame_stop and c.parties and not c.grouped:
        authors = set(s.ctx.we) or set(s.ctx.countries) or ({s.doc.home} if s.doc.home else set())
        if authors and not set(c.parties) & (authors | {s.doc.home}):
            c.parties = tuple(sorted(authors))  # "Russia must cease its aggression" in a statement of others
    return True


def _cue_countries(s: _Sentence, c: _Clause) -> tuple[str, ...]:
    """Countries a stance-noun cue names as the stance's owner ("reaffirmed Kenya's commitment to",
    "emphasized the U.S. commitment to"); () for a verb cue or none named."""
    base = s.sent.start
    if c.cue.modality == "support" and c.subj_end < c.start:
        lo, hi = base + c.subj_end, base + c.start  # "reaffirmed Kazakhstan's support for": Kazakhstan's
    elif c.cue.verb or not re.search(r"\s", s.text[c.start:c.end].strip()) or (
            c.cue.modality == "agreement" and " with " in s.text[c.start:c.end]):
        return ()  # a verb, or "agreed with Uganda to": the partner is no owner of the stance
    else:
        lo, hi = base + c.start, base + c.end
    codes = {getattr(m, "code", None) for m in s.doc.countries.within(lo, hi)
             if re.match(r"['’]s?\s", s.doc.text[m.end:m.end + 3]) or lo == base + c.start}
    own = own_state(s.doc) if _OWN_STATE_OWNER.search(s.doc.text, lo, hi) else None
    return tuple(sorted(code for code in codes | {own} if code))


# "affirmed the Kingdom's readiness to ...", "the Republic's commitment to": the state whose release it is.
_OWN_STATE_OWNER = re.compile(r"\b(?-i:the (?:Kingdom|Republic|Sultanate|Principality|Emirate|State))['’]s?\s")


def _predicate(s: _Sentence, c: _Clause) -> bool:
    """The predicate runs to a coordinated reporting frame, to the next stance verb (support and
    opposition: every repeated verb is a commitment of its own; a modal: a finite verb of its own), or to
    the sentence end."""
    text, cue = s.text, c.cue
    c.pred_end = next((cut for cut in s.frame_cuts if cut >= c.end), len(text))
    if cue.modality in ("support", "opposition"):
        for cm in COORD.finditer(text, c.end, c.pred_end):
            c.pred_end = cm.start()
            break
    elif c.modal:
        fs = commitment_rules().finite_stance.search(text, c.end, c.pred_end)
        if fs:
            c.pred_end = fs.start()
    c.pred_end = clause_end(text, c.end, c.pred_end, s.later)
    said = commitment_rules().attribution.search(text, c.end, c.pred_end)
    if said is not None:
        c.pred_end = said.start()  # "..., the ministry said Thursday": the reporter's, not the commitment's
    close = _QUOTE_END.search(text, c.end, c.pred_end) if _OPEN_QUOTE.search(text, 0, c.start) else None
    if close is not None:
        c.pred_end = close.start()  # '"We will open an office," Wanjiru said': the quotation ends the undertaking
    c.predicate = text[c.end:c.pred_end]
    return True


# A quotation that opens before a cue and closes after it with its own punctuation ('"We will ...," she said').
_OPEN_QUOTE = re.compile(r"[\"“]")
_QUOTE_END = re.compile(r"[,.!?;]?”|[,.!?;]\"")


_PRONOUN_SUBJECT = re.compile(r"\s*(?:it|they|we|he|she|this|that|there|these|those|which|who)\b", re.I)


_AGREED_FRAME = re.compile(r"\b(?:agreed|agree|agrees|decided|concurred)\b[^.;]*$", re.I)


def _speaker_proposal(s: _Sentence, c: _Clause) -> bool:
    """A subject that is no party ends the cue, unless a speaker proposes a passive course ("X held that
    disputes should be settled peacefully": a proposal of X) or a course to a subject that is no party ("X
    stressed that the Taliban must ...": X's proposal)."""
    if c.parties is not None:
        return True
    cue = c.cue
    if c.frame_stop and cue.modality == "proposal" and not cue.verb:
        speaker = speaker_parties(s.doc, s.sent, s.text, c.frame_start, c.frame_start, s.ctx, s.sent_events,
                                  c.speaker_codes, s.prev_parties, s.memory, s.out)
        found = passive_proposal(s.doc, s.sent, s.text, c.subj_lo, c.subj_hi, c.end, speaker)
        if found:
            due = due_date(s.doc, s.sent, s.sent.start + c.end, s.sent.start + c.pred_end)
            # "agreed that the agreement should be signed": what the parties agreed on is an agreement.
            agreed = _AGREED_FRAME.search(s.text, max(0, c.frame_start - 40), c.frame_stop) is not None
            _add(s, c, make_commitment(s.doc, s.sent, s.clause_idx, s.ctx, speaker[0], speaker[1],
                                       "agreement" if agreed else "proposal",
                                       found[0], found[1], due, ("cue:passive_proposal", "parties:speaker"),
                                       rule=cue.name))
            return False
        lead = s.text[:c.frame_start]
        mark = BULLET_MARK.match(lead)
        if speaker is None and s.default and not re.search(r"\w", lead[mark.end() if mark else 0:]):
            speaker = s.default  # a list item "Underscored that ...": the list intro's subject speaks
        relative = re.search(r"\b(?:which|who|whom|that)\s+(?:[\w.'’-]+\s+){0,4}$", lead)  # "trade, which X said should"
        if (speaker is not None and c.modal and speaker[0] and relative is None
                and not _PRONOUN_SUBJECT.match(s.text[c.subj_lo:c.subj_hi])):
            # "Underscored that the Taliban must fulfil their commitments": the speakers propose it to a subject
            # that is no party of theirs (ANNOTATION.md: "called on C to cease" is the callers' proposal).
            c.parties, c.actor = speaker
            return True
    return False


def _action(s: _Sentence, c: _Clause) -> bool:
    """The action lemma and description: after "agreed that" the clause's own modal verb, a cue that is the
    verb ("call for", "support"), else the predicate's first verb ("agreed to a shared future": the cue's)."""
    text, cue, predicate = s.text, c.cue, c.predicate
    if text[c.start:c.end].endswith("that"):
        # "agreed that the two sides will ...": a decision only when the clause has a modal of its own.
        modal = re.search(r"\b(?:will|shall|should|must|would)\b", predicate)
        if modal is None:
            return False
        c.action, _, _ = read_action(predicate[modal.end():])
        passive = commitment_rules().passive_proposal.match(predicate, modal.end())
        if passive is not None:
            c.action = lemma(passive.group("verb"))  # "agreed that the agreement should be signed": sign
        c.description = TRAILING.sub("", predicate.strip())
    elif cue.verb or cue.action_from_cue:
        c.action = cue.verb or cue_lemma(text[c.start:c.end]) or ""
        c.description = f"{c.action} {TRAILING.sub('', skip_adverbs(predicate))}".strip()
    else:
        c.action, c.description, _ = read_action(predicate)
        bare = skip_adverbs(predicate).lstrip()
        words = re.sub(r"^to\s+", "", bare, flags=re.I).split()
        first = re.sub(r"[^\w-]", "", words[0]) if words else ""
        asked = commitment_rules().asked_to.match(bare) if cue.modality == "proposal" and not c.modal else None
        if asked is not None and is_verb(asked.group(1)):
            c.action = base_lemma(asked.group(1))  # "urged all parties to respect the ceasefire": respect
        elif not c.action or not c.modal and (nounish(bare) or bare[:1].isupper() or not is_verb(first)):
            c.action = cue_lemma(text[c.start:c.end]) or c.action
        elif c.modal and first[:1].isupper() and not is_verb(first.lower()):
            return False  # "will continue to Tashkent for talks": a place, no action
    rules = commitment_rules()
    if c.cue.modality in ("pledge", "agreement") and rules.hostile_objects.search(predicate):
        return False  # "will take resolute countermeasures", "would expand its ground operations": a threat
    if c.cue.modality in ("pledge", "agreement") and len(c.parties or ()) < 2 and rules.response_to_hostility.search(
            predicate):
        return False  # one party's answer to the drills is a threat; two parties' joint answer a cooperation
    if cue.action_from_cue and rules.compliment_object.match(skip_adverbs(predicate)):
        return False  # "reaffirmed the strength and importance of the relationship": a compliment
    if c.cue.modality == "pledge" and c.action in ("support", "back") and rules.position_object.match(
            skip_adverbs(predicate)):
        c.modality = "support"  # "will support Ghana's candidacy", "would back a Chilean proposal": a position
    if c.cue.name == "adopted" and c.action == "endorse" and len(c.parties or ()) < 2 and rules.position_object.match(
            skip_adverbs(predicate)):
        c.modality = "support"  # "Brazil endorsed Colombia's bid to host the summit": one party's position, no accord
    return bool(c.action) and (c.action not in rules.hostile_actions or _against_a_scourge(predicate, c.action))


def _against_a_scourge(predicate: str, action: str) -> bool:
    """A hostile or law-enforcement verb whose object is a scourge ("fight organized crime", "prosecute human
    smugglers"): a cooperation, not an act of force (cues.yaml scourge_objects)."""
    verb = re.search(rf"\b{re.escape(action.split()[0])}\w*", predicate, re.I)
    return verb is not None and commitment_rules().scourge_objects.match(predicate[verb.end():]) is not None


def _not_schedule(s: _Sentence, c: _Clause) -> bool:
    """Refuse a schedule told with a modal ("X will travel to ...", "will meet ...", "would visit ..."): a
    planned event, not an undertaking; and a welcome of a guest ("welcomed the delegation")."""
    rules = commitment_rules()
    bare = skip_adverbs(c.predicate)
    progressive = _GERUND.match(bare) if c.modal and s.text[c.start:c.end].lower().endswith("be") else None
    if progressive:
        bare = lemma(progressive.group(1)) + bare[progressive.end(1):]  # "will be meeting X": "meet X"
    if c.modal and c.cue.modality == "pledge" and (rules.schedule.match(bare)
                                                    or _EVENT_RELATIVE.search(s.text, max(0, c.start - 90), c.start)):
        return False  # ("the official visit that the minister will pay to Peru": the visit's schedule)
    gerund = _GERUND.match(skip_adverbs(c.predicate)) if c.cue.name == "looks_forward" else None
    if gerund and rules.schedule.match(lemma(gerund.group(1)) + gerund.string[gerund.end(1):]):
        return False  # "looks forward to meeting X at the summit", "to welcoming President Y to Lima": a visit
    if c.cue.object_not_person:
        bare = skip_adverbs(c.predicate)
        lead = len(c.predicate) - len(bare)
        base = s.sent.start + c.end + lead
        if rules.not_a_course.match(bare) or any(p.start < base + 3 for p in s.doc.people.within(base, s.doc.limit)):
            return False
    return True


# A relative clause on an event noun before a modal ("the visit that X will pay", "the talks which Y will hold").
_EVENT_RELATIVE = re.compile(r"\b(?:visit|trip|tour|meeting|talks|summit|conference|session|call|consultations)\s+"
                             r"(?:that|which)\s+[^,;.]{0,70}$", re.I)


_GERUND = re.compile(r"\s*([a-z]+ing)\b")


_GOAL = re.compile(r"\b(?:goal|target|objective)\b", re.I)
# "will remain" with a stance of the subject ("will remain engaged", "shall remain committed to"): no forecast.
_REMAIN_STANCE = re.compile(r"\s*remain\s+(?:\w+ly\s+)?(?:committed|engaged|steadfast|ready|determined|resolute|united|"
                            r"dedicated|willing|prepared|firm)\b", re.I)


def _not_forecast(s: _Sentence, c: _Clause) -> bool:
    """Refuse a forecast: "will be a success", "will bring opportunities", "The Summit will open a new chapter"."""
    if c.cue.modality != "pledge":
        return True
    bare = skip_adverbs(c.predicate)  # ("We'll also be discussing": an adverb before the verb)
    if re.match(r"\s*(?:not\s+)?(?:be|been|become|bring|have|remain)\b", bare) and not _REMAIN_STANCE.match(bare) and (
            c.modal or not re.match(r"\s*remain\b", bare)):
        return False  # "will be a success", "will remain strong"; "will remain committed to" is an undertaking, as
        # "pledged to remain in close contact" is: a verb of pledging binds its subject to what follows
    rules = commitment_rules()
    neg = rules.negated.match(c.predicate) if c.modal else None
    if neg is not None and (neg.group(0).strip().lower() != "not"
                            or rules.schedule.match(skip_adverbs(c.predicate[neg.end():]))):
        return False  # "would never negotiate", "will not hold a summit" (no event); "shall not impose" binds
    return not (c.modal and is_forecast_subject(s.text[c.subj_lo:c.subj_hi]))


def _without_counterparts(s: _Sentence, c: _Clause) -> bool:
    """"They will work with China": an anaphor of a group that names China as the other side means the
    group without China ("X will work with China to ..." gives X, not X and China)."""
    if c.grouped and len(c.parties) > 1:
        lo, hi = s.sent.start + c.end, s.sent.start + c.pred_end
        others = counterparts(s.doc, lo, hi, c.cue.modality == "support")
        named = {getattr(m, "code", None) for m in s.doc.countries.within(lo, hi)}
        if set(c.parties) <= named:
            return True  # "reaffirmed the importance of U.S. and Portuguese cooperation": the group's own, no other side
        if others and set(c.parties) - others:
            c.parties = tuple(p for p in c.parties if p not in others)
    return True


STEPS = (speaker, not_threat, not_hearsay, not_prediction, not_relative, _subject_end, _subject, _parties, _predicate,
         _speaker_proposal, _action, _not_schedule, _not_forecast, _without_counterparts)


# ------------------------------------------------------------------ the sentence

def clauses(doc: Doc, sent: Sent, ctx: Context, sent_events: list[EventMention],
            prev_parties: tuple[str, ...], cue_ids: set[int], memory: tuple[str, ...] = (),
            cues: tuple[list, bool] | None = None,
            default: tuple[tuple[str, ...], str] | None = None) -> list[CommitmentMention]:
    """Commitments of one ordinary sentence; cues: its cue_matches when already found; default: the
    (parties, actor) of the list intro an item belongs to ("the two sides:" / "a. reaffirmed ...")."""
    matches, has_passive = cues if cues is not None else cue_matches(sent.text, cue_ids)
    if not matches and not has_passive:
        return []
    if has_passive and ctx.countries:
        passive = passive_commitment(doc, sent, ctx)
        if passive is not None:
            return [passive]
    sign = next((m[2] for m in matches if m[2].verb == "sign"), None)
    signed = passive_signing(doc, sent, ctx, sign) if sign is not None else []
    if signed:
        return signed
    frames = find_frames(sent.text)
    s = _Sentence(doc, sent, ctx, sent_events, memory, prev_parties, frames, _frame_cuts(sent.text, frames),
                  [m[0] for m in matches], default)
    for start, end, cue in matches:
        if start < s.used_until:
            continue
        c = _Clause(start, end, cue)
        if all(step(s, c) for step in STEPS):
            _emit(s, c)
    return s.out


def _frame_cuts(text: str, frames: list[tuple[int, int]]) -> list[int]:
    """Where a coordinated reporting frame starts ("support X and hold that ..."): predicates end there."""
    cuts = []
    if frames and "that" in text:
        for m in THAT.finditer(text):
            found = commitment_rules().coordinated_frame.search(text, max(0, m.start() - 50), m.end())
            if found is not None:
                cuts.append(found.start())
    return cuts


def _add(s: _Sentence, c: _Clause, made: CommitmentMention) -> None:
    s.out.append(made)
    s.clause_idx += 1
    s.used_until = c.pred_end


def _emit(s: _Sentence, c: _Clause) -> None:
    """The commitments a clause that passed every step states: one per object it governs."""
    doc, sent, cue = s.doc, s.sent, c.cue
    base = sent.start
    verbal = not cue.verb and not cue.action_from_cue and c.action != cue_lemma(s.text[c.start:c.end])
    spans = object_spans(s.text, c.end, c.pred_end, cue, verbal)
    signals = (f"cue:{cue.name}", _parties_signal(c), *_shape_signals(s, c, len(spans)))
    people = actor_people(doc, base + c.subj_lo, base + c.subj_hi) or _official(c)
    orgs = actor_orgs(doc, base + c.subj_lo, base + c.subj_hi) or ((c.body,) if c.body is not None else ())
    for lo, hi in spans:
        action, description = _object_action(s, c, lo, hi) if len(spans) > 1 else (c.action, c.description)
        due = due_date(doc, sent, base + lo, base + hi) if (c.modality or cue.modality) != "support" else (None, None)
        actor = c.actor if c.actor is not None else s.text[c.subj_lo:c.subj_hi].strip(" ,")
        _add(s, c, make_commitment(doc, sent, s.clause_idx, s.ctx, c.parties, actor,
                                   c.modality or cue.modality, action, description, due, signals, people, orgs,
                                   rule=cue.name))
    s.prev_parties = c.parties


def _official(c: _Clause) -> tuple:
    """The official whose turn's "we" a clause's subject is, as its actor."""
    p = c.official
    if p is None:
        return ()
    return (ParticipantMention("person", p.name, p.name_as_written, p.title, None, "participant", None, None),)


def _parties_signal(c: _Clause) -> str:
    """How the parties were found: the evidence the confidence model weighs (confidence.py)."""
    if not c.parties:
        return "parties:none"  # an organization or official without a country
    if c.shared:
        return "parties:shared"
    if c.owner:
        return "parties:stance_owner"
    if c.speaker_codes and set(c.parties) == c.speaker_codes:
        return "parties:speaker"
    return "parties:group" if c.grouped else "parties:named"


def _shape_signals(s: _Sentence, c: _Clause, objects: int) -> tuple[str, ...]:
    """The clause's shape: one of several objects, under a reporting frame, a modal, a list item."""
    shape = (("split", objects > 1), ("framed", bool(c.frame_stop)), ("modal", c.modal),
             ("list_item", s.default is not None))
    return tuple(f"shape:{name}" for name, present in shape if present)


def _object_action(s: _Sentence, c: _Clause, lo: int, hi: int) -> tuple[str, str]:
    """(action, description) of one object of a split predicate ("and to renew the fisheries accord")."""
    piece = s.text[lo:hi]
    if c.cue.verb or c.cue.action_from_cue:
        return c.action, f"{c.action} {TRAILING.sub('', skip_adverbs(piece))}".strip()
    action, description, _ = read_action(piece)
    return (action, description) if action and is_verb(action.split()[0]) else (c.action, description)
