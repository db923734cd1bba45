"""Cues and frames: where a sentence states a stance (will, agreed to, supports ...) and who reports it
("X said that ...")."""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.extract.lexicon import Cue, commitment_rules


# A frame of hope or belief: what follows is a prediction ("expressed confidence that ... will").
HOPE = re.compile(r"hope|confiden|belie|expect|optimis|predict|trust|view", re.I)


# A relative pronoun right before a cue: "a deal that will allow", "leaders who will".
RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:\w+ly\s+)?$", re.I)


# A cue after which a bare verb follows ("should harness", "need to advance", "we'll keep", "won't abandon", "is
# to open", "plans to invest"; "will be deepening": its -ing verb; "does not recognise": its do-support), never a
# noun phrase.
MODAL_CUE = re.compile(r"(?:\b(?:should|must|will|shall|would|need to|needs to|ought to|won['’]t|does|do|(?:does|do)n['’]t|(?:is|are|am)(?: also| now| soon)?"
                       r"(?: going)? to|(?:plans?|aims?|seeks?|intends?) to|(?:is|are) (?:planning|seeking|aiming) to)|"
                       r"['’]ll)(?:\s+be)?\s*$", re.I)


def cue_matches(text: str, cue_ids: set[int], low: str | None = None) -> tuple[list[tuple[int, int, Cue]], bool]:
    """Every cue of a sentence, in order (the longer first at one place), and whether it has a passive
    commitment ("Efforts will be made to ..."). low: the sentence lower-cased, same offsets (faster)."""
    rules = commitment_rules()
    matches = []
    for k in sorted(cue_ids):
        cue = rules.cues[k]
        regex, scanned = (cue.low_regex, low) if low is not None and cue.low_regex is not None else (cue.regex, text)
        for m in regex.finditer(scanned):
            if not _in_a_name(text, m.start()):
                matches.append((m.start(), m.end(), cue))
    matches.sort(key=lambda x: (x[0], -x[1]))
    has_passive = (" be " in text or "t was" in text or "t has been" in text or " reached " in text) and rules.passive.search(
        rules.leading_adverbial.sub("", text)) is not None
    return matches, has_passive


# A capitalised word right before a capitalised cue word makes the cue part of a name ("the Ukraine Energy
# Support Fund", "the Friends of Syria Support Group"), not a verb: prose writes its verbs in lower case.
_NAME_WORD_BEFORE = re.compile(r"(?-i:[A-Z][a-z][\w'’-]*)\s+$")


def _in_a_name(text: str, start: int) -> bool:
    """The cue at `start` is a word of a proper name (its own capital after a capitalised word)."""
    return text[start:start + 1].isupper() and _NAME_WORD_BEFORE.search(text, max(0, start - 40), start) is not None


THAT = re.compile(r"\s+that\s+")


@lru_cache(maxsize=1)
def _reporting_end() -> re.Pattern:
    """A reporting verb that ends where " that" starts ("stressed| that", "expressed the hope| that")."""
    return re.compile(rf"\b(?:{commitment_rules().reporting.pattern})$", re.I)


def find_frames(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every reporting frame of a text ("X stressed that |", "they said |"), in order.

    Frames are found from their " that" (few per sentence) rather than by scanning for every
    reporting verb, which is many times slower on long sentences.
    """
    limit = len(text) if limit is None else limit
    out = []
    if "that" in text:
        for m in THAT.finditer(text, 0, limit):
            r = _reporting_end().search(text, max(0, m.start() - 60), m.start())
            if r is not None:
                out.append((r.start(), m.end()))
    low = text.lower()
    rules = commitment_rules()
    if any(w in low for w in rules.saying_words):
        out += [(m.start(), m.end()) for m in rules.said_frame.finditer(text, 0, limit)]
        out.sort()
    return out


def last_frame(text: str, limit: int, frames: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """(end of the speaker, end of the frame) of the last reporting frame before `limit`; (0, 0) if none.

    frames: every frame of the text, when already found (a sentence with several cues reads them once).
    """
    found = (0, 0)
    for f in find_frames(text, limit) if frames is None else frames:
        if f[1] > limit:
            break
        found = f
    return found


def frame_end(text: str, limit: int) -> int:
    """End of the last reporting frame before `limit` ("X said that |", "they said |"); 0 if none."""
    return last_frame(text, limit)[1]


def stance_infinitive(text: str, start: int) -> bool:
    """False for a verb cue that is a purpose infinitive ("measures to support", "efforts to urge Russia"):
    after "to", only a stance word may govern it ("ready to support", "the commitment of X to support")."""
    before = text[max(0, start - 120):start]
    words = before.lower().split()
    if not words or words[-1] != "to":
        return True
    # A coordinated "..., and to support" looks further back for the governing word.
    window = words[-16:-1] if len(words) > 1 and words[-2] == "and" else words[-7:-1]
    return any(w.strip(",") in commitment_rules().stance_to for w in window)


_TOKEN = re.compile(r"[\w.'’-]+")


# Words that end the modifiers of a noun "support" ("the importance of ... support" is no stance).
_NOT_MODIFIER = frozenset("of to for about in on with by from against regarding over that which".split())


_THANKED_FOR = re.compile(r"\b(?:thank\w*|grateful|gratitude|appreciat\w*|commend\w*|prais\w*)\b[^.;]{0,80}\bfor\b[^.;]{0,40}$",
                          re.I)


def _stance_before(before: str) -> int | None:
    """Offset in `before` where a stance ending right before a noun "support" starts: a stance verb and up
    to six modifiers ("reaffirmed their strong", "confirmed unwavering U.S."), a possessive of the subject
    ("their steadfast"), or "steadfast in (their)"; None when there is none."""
    rules = commitment_rules()
    if _THANKED_FOR.search(before):
        return None  # "thanked Japan for its consistent support": the counterpart's support
    tokens = list(_TOKEN.finditer(before))[-8:]
    for back, m in enumerate(reversed(tokens)):
        word = m.group(0).lower()
        if word in rules.stance_verbs:
            return m.start()
        if word in rules.own_support_words and back <= 3:
            return m.start()
        if word == "in" and back <= 1 and len(tokens) > back + 1:
            prev = tokens[-back - 2]
            if prev.group(0).lower() in rules.steadfast_in:
                return prev.start()
        if word in _NOT_MODIFIER or back >= 6:
            return None
    return None


# Words ending in "s" that are no plural subject before a noun "support" ("thanked Norway for its support").
_NOT_PLURAL = frozenset({"its", "his", "hers", "ours", "yours", "theirs", "this", "various", "previous", "generous",
                         "continuous", "tremendous", "enormous", "numerous", "serious", "vigorous", "unanimous"})


def support_subject_end(text: str, start: int, end: int) -> int | None:
    """Where the subject of a "support" cue ends; None when "support" is a noun that states no stance.

    A verb ("The five countries support", "to support"): the cue's start. A noun right after a stance
    ("confirmed unwavering U.S. support for", "their steadfast support"): the stance's start. Any other
    noun ("the PRC's support for", "military support to") is no cue.
    """
    rules = commitment_rules()
    if text[start:end].split()[0].lower() != "support":
        prev = re.search(r"([\w'’-]+)\s*$", text[max(0, start - 30):start])
        if prev is not None and prev.group(1).lower() in rules.back_particle_verbs:
            return None  # "would hit back", "pushed back": a particle, no support
        return start if stance_infinitive(text, start) else None  # "supports", "will support": a verb
    lo = max(0, start - 100)
    before = text[lo:start]
    prev = re.search(r"([\w.'’-]+)\s*$", before)
    if prev is None:
        return start
    word = prev.group(1)
    low = word.lower()
    if low == "to":
        return start if stance_infinitive(text, start) else None
    if low in rules.verb_support_before or (word[:1].isupper() and not re.search(r"['’]s?$|^[A-Z.]+$", word)) or (
            low.endswith("s") and not low.endswith(("ss", "us")) and low.isalpha() and low not in _NOT_PLURAL):
        return start  # the end of a subject: "Kenya and Norway support", "the countries support", "we support"
    stance = _stance_before(before)
    return lo + stance if stance is not None else None  # "the PRC's support", "military support": a noun
