"""Who an anaphoric subject is: "He later called on ...", "The minister then held talks ...", "the two
ministers signed ...", "officials from both sides": what earlier sentences of the article told."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from transforms.extract.document import Doc, Sent
from transforms.extract.participants import (
    BOTH_SIDES, OFFICE_ANAPHOR, PLURAL_ANAPHOR, SINGULAR_ANAPHOR, Zone, country_participant, last_person_before,
    with_role,
)
from transforms.extract.records import EventMention, ParticipantMention

# A time or place phrase before a subject ("On Monday, the ministers", "In the afternoon the minister", "At
# the end of the session the two co-chairs", "Immediately after the ceremony, the two Prime Ministers", "Tomorrow,
# he", "On 12 June 2023 she", "Thereafter, the two Prime Ministers"): the subject starts after it.
LEADING_PHRASE = re.compile(
    r"^(?:(?:thereafter|subsequently|afterwards|afterward|later|then|meanwhile|separately|earlier),\s*"
    r"|(?:(?:immediately|shortly|soon|right|just|directly|later|earlier)\s+)?"
    r"(?:on|in|at|during|after|following|before|yesterday|today|tomorrow|tonight|earlier today|last \w+|next \w+|"
    r"this (?:morning|afternoon|evening|week))[^,]*,\s*"
    r"|(?:at the end of|in|on|at|after|following|during|before)\s+(?:the|this|that|their|its)\s+[\w-]+"
    r"(?:\s+of\s+(?:the\s+)?[\w-]+)?\s+(?=(?:the|he|she|they|both)\b)"
    r"|(?:on|in)\s+(?:\w+\s+){0,2}?\d{1,4}(?:st|nd|rd|th)?(?:\s+[A-Z][a-z]+)?(?:\s+\d{4})?\s+"
    r"(?=(?:the|he|she|they|both)\b))",
    re.I)


# A pronoun subject after a fronted phrase the leading phrases do not strip ("In Singapore he will", "This
# morning, prior to the talks, she was"): only auxiliaries or adverbs between it and the trigger.
_FRONTED_PRONOUN = re.compile(r"(?:^|[\s,])(?:he|she)(?:\s+[a-z]+){0,2}\s*$", re.I)


@dataclass
class State:
    """What earlier sentences of the article established."""

    last_date: dt.date | None = None
    last_frame: EventMention | None = None
    first_frame: EventMention | None = None  # the release's own event: the first it tells as such
    seen_event: bool = False
    last_day: dt.date | None = None  # the day of the last event told with one
    recent: list[EventMention] = field(default_factory=list)  # the last few mentions, oldest first
    subordinate: set[str] = field(default_factory=set)  # mentions told in a relative clause
    last_actor: ParticipantMention | None = None  # the person who acted in the last event told ("He later ...")
    # The country of the unnamed office holder who acted last ("Prime Minister will travel to X. ... he will hold
    # talks"): what "he" stands for when no person was named before.
    last_side: tuple[ParticipantMention, ...] = ()


_LEADER_WORDS = re.compile(r"\b(?:leaders|heads of state|presidents|heads of government)\b", re.I)
_MINISTER_WORDS = re.compile(r"\b(?:ministers|foreign ministers|secretaries)\b", re.I)
# An office the plural names itself ("the two Prime Ministers", "the two presidents"): only its holders, not
# the ministers who signed after them. Group "office": the office, singular.
_NAMED_OFFICE = re.compile(r"\b(?P<office>prime minister|president|foreign minister)s\b", re.I)
_FOREIGN_TITLE = re.compile(r"\bforeign\b|\b(?:foreign|external) affairs\b", re.I)


def _same_rank(anaphor: str, p: ParticipantMention) -> bool:
    """Whether "the foreign ministers" / "the leaders" / "the two Prime Ministers" can include this person."""
    title = (p.title or "").lower()
    named = _NAMED_OFFICE.search(anaphor)
    if named:
        office = named.group("office").lower()
        if office == "foreign minister":
            return "minister" in title and bool(_FOREIGN_TITLE.search(title))
        if office == "president":
            return re.search(r"(?<!vice )(?<!vice-)\bpresident\b", title) is not None
        return office in title and "deputy" not in title
    if _MINISTER_WORDS.search(anaphor):
        return "minister" in title or "secretary" in title
    if _LEADER_WORDS.search(anaphor):
        return any(w in title for w in ("president", "prime minister", "chancellor", "king", "premier", "emir"))
    return True


# What stands before a trigger in a list item told without its subject: nothing, or its verb ("Agreed to | hold ...").
_ELIDED = re.compile(r"^(?:[A-Za-z]+ed(?:\s+(?:to|that|on))?)?$")


def anaphoric_subject(doc: Doc, pos: int, subject: Zone, subject_text: str, s_role: str, state: State,
                       frame: EventMention | None, at: int | None = None) -> Zone:
    """The subject a pronoun or a plural anaphor stands for: "He later called on ..." is the person who
    acted in the event told before, or the subject of its own sentence ("X was welcomed ..., where he held
    talks"); "the two ministers then signed" are the people of that event. pos: where the sentence
    starts; at: where the anaphor stands."""
    office = OFFICE_ANAPHOR.match(subject_text)
    if office:
        actor = _office_holder(doc, pos, office.group("office").lower(), state)
        if actor is not None:
            return Zone((replace(actor, role=s_role, char_start=None, char_end=None),), (), subject.orgs)
        return subject
    if SINGULAR_ANAPHOR.match(subject_text) or _FRONTED_PRONOUN.search(subject_text):
        own = doc.people.within(pos, at) if at is not None and at > pos else []
        actor = _mention_of(doc, own[0], s_role) if own and own[0].name else state.last_actor
        if actor is None:
            p = last_person_before(doc, pos)
            if p is None:
                return Zone((), with_role(state.last_side, s_role), subject.orgs) if state.last_side else subject
            actor = ParticipantMention("person", p.name, p.name_as_written, getattr(p, "title", None),
                                       getattr(p, "country", None) or doc.home, s_role, None, None)
        return Zone((replace(actor, role=s_role, char_start=None, char_end=None),), (), subject.orgs)
    if PLURAL_ANAPHOR.match(subject_text) or BOTH_SIDES.search(subject_text):
        # "the foreign ministers signed": the people of the event just told, in this event's role; when
        # that one names fewer than two of them ("The MOU was signed by officials"), the latest that does.
        # "The two sides" are two countries: the latest that names two of them and two sides first, then the
        # latest naming two (ministers of one side), then the latest with two countries ("Lavrov" unknown).
        candidates = [m for m in (frame, *reversed(state.recent), state.last_frame) if m is not None]
        if not candidates:
            return subject
        ranked = [(m, tuple(p for p in m.participants if p.entity_type == "person" and _same_rank(subject_text, p)))
                  for m in candidates]
        candidate, people = next((c for c in ranked if len(c[1]) >= 2 and len(c[0].countries) >= 2),
                                 next((c for c in ranked if len(c[1]) >= 2),
                                      next((c for c in ranked if len(c[0].countries) >= 2), ranked[0])))
        return Zone(with_role(people, s_role),
                    tuple(country_participant(c, "participant") for c in candidate.countries), subject.orgs)
    if _ELIDED.match(subject_text) and any(s.bullet and s.start == pos for s in doc.sentences):
        # A list item told without its subject ("the two sides: | - Agreed to hold the eighth session ..."): those
        # who issue the list, the parties of the article's own event.
        return Zone((), frame_countries(state, s_role), subject.orgs)
    return subject


# A trip told in a relative clause about a person (", who is on an official visit to the Kingdom").
# ... or an apposition that places the person on the visit (", on an official visit to Peru,").
_WHO_BEFORE = re.compile(r",\s*(?:who\s+(?:is|was|are|were|has been|had been)\b[^,;]{0,40}|(?:currently\s+|now\s+)?"
                         r"on\s+(?:a|an|his|her|their)\s+)$", re.I)


def relative_antecedent(doc: Doc, sent: Sent, pos: int) -> int | None:
    """Where the person starts (sentence offset) whom a relative clause ending at sentence offset pos is about:
    "received Mr. X, Minister of Foreign Affairs of Y, who is on an official visit to the Kingdom" is X's visit."""
    m = _WHO_BEFORE.search(sent.text, max(0, pos - 60), pos)
    if m is None:
        return None
    p = last_person_before(doc, sent.start + m.start())
    return p.start - sent.start if p is not None and p.start >= sent.start else None


def _mention_of(doc: Doc, p, role: str) -> ParticipantMention:
    return ParticipantMention("person", p.name, p.name_as_written, getattr(p, "title", None),
                              getattr(p, "country", None) or doc.home, role, None, None)


# People "the minister" may stand for, counted back from it (as coreference keeps its 100 most recent
# people): a look back to the article's start per anaphor grew with the square of the text.
_LOOKBACK = 100


def _office_holder(doc: Doc, pos: int, office: str, state: State) -> ParticipantMention | None:
    """The person "the minister" stands for: the last who acted with that office, else the last named with it."""
    actor = state.last_actor
    if actor is not None and office in (actor.title or "").lower():
        return actor
    for p in doc.people.before(pos, _LOOKBACK):
        if office in (getattr(p, "title", None) or "").lower() and p.name:
            return ParticipantMention("person", p.name, p.name_as_written, p.title,
                                      getattr(p, "country", None) or doc.home, "participant", None, None)
    return None


def frame_countries(state: State, role: str = "participant", found: tuple[EventMention, ...] = ()
                     ) -> tuple[ParticipantMention, ...]:
    """The countries of the article's own event (else of the latest told with two or more): the members of
    a standing body it names without them ("the Joint Commission", "the Working Group")."""
    for m in (state.first_frame, state.last_frame, *reversed(state.recent), *reversed(found)):
        if m is not None and len(m.countries) >= 2:
            return tuple(country_participant(c, role) for c in m.countries)
    return ()


__all__ = ["LEADING_PHRASE", "State", "anaphoric_subject", "frame_countries", "relative_antecedent"]
