"""The first steps of a clause (clauses.STEPS): its reporting frame and speaker, and the refusals of a cue that
states no stance of its subject: a threat, hearsay, a prediction or a condition, a relative clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from transforms.extract.commitments.cues import HOPE, MODAL_CUE, RELATIVE_BEFORE, last_frame
from transforms.extract.commitments.subject import codes_in, subject_span
from transforms.extract.lexicon import commitment_rules

if TYPE_CHECKING:
    from transforms.extract.commitments.clauses import _Clause, _Sentence


def speaker(s: _Sentence, c: _Clause) -> bool:
    """The reporting frame before the cue; refuse a threat ("X warned that it will") or a speaker that is
    no actor ("police said they will investigate")."""
    rules = commitment_rules()
    c.frame_start, c.frame_stop = last_frame(s.text, c.start, s.frames)
    if c.cue.needs_frame and not c.frame_stop and not rules.attribution.search(s.text, c.end):
        return False  # "would" states a stance only as reported speech ("Brazil said it would back ...", "Seoul
        # would provide $20 million ..., the ministry said")
    if c.frame_stop:
        speaker_text = s.text[:c.frame_start]
        if rules.threat.search(speaker_text):
            return False
        # The speaker is the subject of the frame's own clause ("Petro urged Brazil to X, while Lula said ...": Lula).
        lo, hi = subject_span(s.text, 0, c.frame_start)
        sp_codes, sp_actor = codes_in(s.doc, s.sent.start + lo, s.sent.start + hi)
        if not sp_codes and not sp_actor:
            sp_codes, sp_actor = codes_in(s.doc, s.sent.start, s.sent.start + c.frame_start)
        if sp_codes:
            c.speaker_codes = sp_codes
        elif rules.non_actors.search(speaker_text) and not sp_actor and not (
                s.out and re.search(r"\band\s+(?:also\s+)?$", speaker_text)):
            return False  # (a frame coordinated with a clause is that clause's)
    return True


def not_threat(s: _Sentence, c: _Clause) -> bool:
    """Refuse a cue right after a threat verb ("threatened that they will ..."); a pledge or agreement anywhere
    after one in its sentence ("Poland threatened to block the pact, with its premier saying Warsaw will veto
    any quota"): a conditional threat is no commitment (ANNOTATION.md)."""
    rules = commitment_rules()
    lo = 0 if c.cue.modality in ("pledge", "agreement") else max(0, c.start - 40)
    return not rules.threat.search(s.text, lo, c.start)


def not_hearsay(s: _Sentence, c: _Clause) -> bool:
    """Refuse a pledge or an agreement the sentence does not assert: denied ("denied that the government had
    agreed to ..."), hearsay or speculation ("Reports suggest Turkey will sign ...", "are likely to ..., local
    media reported"): others' claims, no stance taken."""
    if c.cue.modality not in ("pledge", "agreement"):
        return True
    return not commitment_rules().unasserted.search(s.text)


def not_prediction(s: _Sentence, c: _Clause) -> bool:
    """Refuse a modal pledge under a frame of hope or belief ("expressed confidence that the Summit will"), and a
    hypothetical one with a condition ("said it would consider opening a route if demand proves sufficient")."""
    c.modal = MODAL_CUE.search(s.text, c.start, c.end) is not None
    if c.cue.name == "would" and _CONDITION.search(s.text, c.end):
        return False
    return not (c.modal and c.cue.modality == "pledge" and c.frame_stop
                and HOPE.search(s.text, c.frame_start, c.frame_stop))


# A condition after a hypothetical "would" (not "for as long as it takes": a pledge's duration).
_CONDITION = re.compile(r"\b(?:if|unless|provided(?: that)?)\s", re.I)


def not_relative(s: _Sentence, c: _Clause) -> bool:
    """Refuse a cue in a relative clause ("a deal that will allow ..."): its subject is the antecedent."""
    return not RELATIVE_BEFORE.search(s.text, max(c.frame_stop, c.start - 40), c.start)
