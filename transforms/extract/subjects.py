"""Who an event trigger's subject and objects are: the zones before and after it, their roles (swapped in the
passive), an anaphoric or participial subject, and one object per counterpart when a list splits."""

from __future__ import annotations

import re

from transforms.extract.anaphora import LEADING_PHRASE, State, anaphoric_subject, frame_countries
from transforms.extract.document import Doc, Sent
from transforms.extract.hits import Hit, object_end
from transforms.extract.lexicon import places
from transforms.extract.participants import (
    BOTH_SIDES, PLURAL_ANAPHOR, Zone, country_participant, home_official, joint_we, trip_legs, with_role, zone,
)
from transforms.extract.records import EventMention
from transforms.reference import word_set
from transforms.reference.patterns import phrase_alternation

_SUBJECT_SPAN = 60

# One event per counterpart: "held talks respectively with A, B", "separate meetings", and a plural encounter
# noun ("had meetings with A, B and C", "paid courtesy calls on A and B"; not "talks", one event in the plural).
SPLIT_EACH = re.compile(r"\b(?:respectively|separately|separate|individually|each)\b|"
                        r"\b(?:meetings|calls|audiences|bilaterals)\s+(?:with|on)\b", re.I)

# A passive trigger ("was received in audience by", "were welcomed by"): its subject has the object's role.
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", re.I)
_BY_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+by\b", re.I)
# A sentence opened by a participle ("Addressing the press, the leaders ..."): its subject after the comma. Not a
# possessive or a place ("Beijing's envoy", "Nanjing officials"): the gazetteer's places are no participles.
_OPENING_PARTICIPLE = re.compile(r"[A-Z]\w+ing\b(?!['’]s\b)")
# A subject owned by the parties told before it ("A and B said that | their foreign ministers will meet"): the
# possessive stands for them.
# ("said on Monday that | their ministers": a frame's day and "that" may stand before it.)
_THEIR = re.compile(r"^(?:(?:on|in)\s+[\w ]{1,20}?\s+)?(?:that\s+)?their\b", re.I)
# The complement of an event noun that names its parties ("talks | between the two Heads of State", "a meeting |
# of both delegations"): a plural anaphor there is the parties of the event told before, as in a subject.
# A list item whose subject is its list's ("the two sides: | a. agreed to ...", "(iii) convene ..."): a marker, then
# a verb.
_LIST_ITEM_VERB = re.compile(r"^\(?(?:[a-z]|[ivx]+|\d+)[.)]\s+(?-i:[a-z])", re.I)
_NOUN_COMPLEMENT = re.compile(r"\s*(?:between|among|amongst|of)\s+", re.I)
_COMPLEMENT_END = re.compile(r"\b(?:between|among|amongst|of)\s*$", re.I)  # the trigger's own ("Talks between")
# An object told as a pronoun ("Vice President X called on him"; "her" only where it is no possessive: "received her
# in Lima", not "met her counterpart"): the person who acted last. The words after "her" are the courtesy_call
# trigger's own (word set OBJECT_PRONOUN_NEXT).
_OBJECT_PRONOUN = re.compile(r"\s*(?:him\b|her\b(?=\s*(?:[,.;]|$|\s+(?:"
                             + phrase_alternation(word_set("OBJECT_PRONOUN_NEXT")) + r")\b)))", re.I)
# An event noun whose parties follow a topic ("Consultations | on consular matters | between Estonia and Finland
# took place"): the "between" phrase before the verb of the clause.
_EVENT_NOUN = re.compile(r"(?:talks|consultations|negotiations|dialogue|meetings?|session|summit)$", re.I)
_LATER_BETWEEN = re.compile(r"[^,;:.]{1,80}?\s(between|among)\s+", re.I)
_CLAUSE_VERB = re.compile(r"\s+(?:took place|takes place|will take place|(?:was|were|will be|is|are|has been|have been)"
                          r"\s+(?:held|conducted|organi[sz]ed|convened)|focused|centred|centered|resumed|opened|"
                          r"began|ended|concluded)\b|[,;:]", re.I)

def roles(text: str, hit: Hit, trig_lo: int, trig_hi: int) -> tuple[str, str]:
    """The roles of a trigger's subject and object; swapped in the passive ("X was received by the King")."""
    trig = hit.trigger
    if trig is None:
        return "participant", "participant"
    if _PASSIVE_BEFORE.search(text, max(0, trig_lo - 30), trig_lo) and _BY_AFTER.match(text, trig_hi):
        return trig.object_role, trig.subject_role
    return trig.subject_role, trig.object_role


def _participle_opens(doc: Doc, lo: int, hi: int, subject_text: str, role: str) -> bool:
    """Whether a subject zone (document offsets) is a participle phrase that names nobody ("Speaking to reporters
    after meeting", not "Beijing's envoy Li Wei met" nor "Nanjing officials met")."""
    m = _OPENING_PARTICIPLE.match(subject_text)
    if m is None or m.group(0) in places()[1]:
        return False
    told = zone(doc, lo, hi, role)
    return not (told.codes or told.people or told.orgs)


def participants_for(doc: Doc, sent: Sent, subj_lo: int, trig_lo: int, trig_hi: int, obj_hi: int,
                      hit: Hit, state: State, frame: EventMention | None = None,
                      dateline: int = 0) -> tuple[Zone, list[Zone], bool]:
    """Subject zone, object zones (one per counterpart when split) and whether to split (`dateline`: where the
    sentence's own words start)."""
    trig = hit.trigger
    s_role, o_role = roles(sent.text, hit, trig_lo, trig_hi)
    base = sent.start
    subject_text = LEADING_PHRASE.sub("", sent.text[subj_lo:trig_lo].strip(" ,"))
    opening = _OPENING_PARTICIPLE.match(sent.text, trig_lo) if not subject_text else (
        # "Speaking to reporters after meeting X, | Lavrov said ...": a participle phrase that names nobody, opening
        # the sentence.
        "," not in subject_text and not sent.text[dateline:subj_lo].strip()
        and _participle_opens(doc, base + subj_lo, base + trig_lo, subject_text, s_role))
    if opening and (comma := sent.text.find(", ", obj_hi)) >= 0:
        # "Addressing the press, the leaders pledged ...": the subject follows the participle's phrase.
        subj_lo, trig_lo = comma + 2, comma + 2 + _SUBJECT_SPAN
        subject_text = sent.text[subj_lo:trig_lo]
    subject = zone(doc, base + subj_lo, base + min(trig_lo, len(sent.text)), s_role, home_default=True)
    # A plural anaphor ("the two Prime Ministers") is never the one person a title names: resolve it anyway.
    if not subject.people and not subject.countries or PLURAL_ANAPHOR.match(subject_text) and len(subject.codes) < 2:
        subject = _their_subject(doc, sent, subj_lo, subject, subject_text, s_role, state, frame)
        subject = anaphoric_subject(doc, base, subject, subject_text, s_role, state, frame, base + subj_lo)
        if not subject.people and not subject.countries and doc.home and not subject.orgs and home_official(
                doc, base + subj_lo, base + trig_lo):
            subject = Zone((), (country_participant(doc.home, s_role),), ())
        elif not subject.people and not subject.countries and joint_we(doc, base + subj_lo, base + trig_lo):
            # "On the second day of our meeting we held a session with ..." in a communique: all who issue it.
            subject = Zone((), frame_countries(state, s_role), ())
    visit = hit.event_type == "visit"
    obj_start = trig_hi
    obj = zone(doc, base + obj_start, base + obj_hi, o_role, locative_ok=visit)
    if not (obj.people or obj.countries) and _OBJECT_PRONOUN.match(sent.text, obj_start):
        guest = next((p for m in reversed(state.recent) for p in m.participants
                      if p.entity_type == "person" and p.role == "guest"), None)  # a call on the visitor
        told = Zone(with_role((guest,), o_role), (), ()) if guest else anaphoric_subject(doc, base, obj, "he", o_role,
                                                                                          state, frame)
        if told.people and not {p.name for p in told.people} & {p.name for p in subject.people}:
            obj = Zone(told.people, tuple(country_participant(p.country, o_role) for p in told.people if p.country),
                       obj.orgs)
    lead = _NOUN_COMPLEMENT.match(sent.text, obj_start)
    at = lead.end() if lead else obj_start if _COMPLEMENT_END.search(sent.text, trig_lo, trig_hi) else None
    if not (obj.people or obj.countries) and at is not None and _THEIR.match(sent.text[at:obj_hi].strip()):
        # "after talks in Arica between | their foreign ministers": the parties the sentence told before, else its
        # subject's when that is the parties ("The two sides agreed to convene a meeting of | their defence chiefs");
        # the article's parties only when the noun opens the sentence ("Consultations between | their deputy
        # ministers took place") or the clause has no subject of its own (a communique's list item: "d. agreed to
        # convene a meeting of | their Chiefs of Defence Staff"). "Union leaders said a meeting between | their
        # members ...": no party.
        obj = _their_subject(doc, sent, at, obj, sent.text[at:obj_hi].strip(), o_role, state, frame,
                             anaphoric=not subject_text or bool(_LIST_ITEM_VERB.match(subject_text)))
        if not (obj.people or obj.countries) and len(subject.codes) >= 2:
            obj = Zone((), tuple(country_participant(c, o_role) for c in sorted(subject.codes)), obj.orgs)
    if not (obj.people or obj.countries) and at is not None and PLURAL_ANAPHOR.match(sent.text[at:obj_hi].strip()):
        # "Talks between the two Heads of State were held": the people of the event told before.
        obj = anaphoric_subject(doc, base, obj, sent.text[at:obj_hi].strip(), o_role, state, frame, base + at)
    if not (obj.people or obj.countries) and BOTH_SIDES.search(sent.text, obj_start, obj_hi):
        # "a bilateral meeting between the two delegations": the sides of the event told before.
        obj = Zone(obj.people, frame_countries(state, o_role, found=(frame,) if frame else ()), obj.orgs)
    split = bool(trig and SPLIT_EACH.search(sent.text[trig_lo:obj_hi]) and len(obj.people) + len(obj.countries) > 1)
    if visit and trig and not split and trip_legs(subject, obj):
        # "will travel to Kazakhstan and Uzbekistan": a visit per country (in its own country), and the whole trip.
        return subject, [Zone((), (c,), obj.orgs) for c in {c.country: c for c in obj.countries}.values()] + [obj], True
    if not split:
        return subject, [obj], False
    zones = []
    if obj.people:
        for p in obj.people:
            zones.append(Zone((p,), (country_participant(p.country, o_role),) if p.country else (), ()))
    else:
        for c in obj.countries:
            zones.append(Zone((), (c,), ()))
    return subject, zones, True


def _their_subject(doc: Doc, sent: Sent, subj_lo: int, subject: Zone, subject_text: str, role: str, state: State,
                   frame: EventMention | None, anaphoric: bool = True) -> Zone:
    """A subject owned by "their" ("Ethiopia and Somalia said that their foreign ministers will meet", "The two
    countries agreed that their defence chiefs would meet"): the countries of the clause that frames it, else
    (`anaphoric`) the parties "they" would stand for."""
    their = _THEIR.match(subject_text)
    if their is None:
        return subject
    framing = zone(doc, sent.start, sent.start + sent.text.find(their.group(0), subj_lo), role)
    if len(framing.codes) >= 2:
        return Zone((), tuple({c: country_participant(c, role) for c in sorted(framing.codes)}.values()), subject.orgs)
    if not anaphoric:
        return subject
    return anaphoric_subject(doc, sent.start, subject, "they", role, state, frame)


def parties_after_topic(doc: Doc, sent: Sent, hit: Hit, obj_hi: int, role: str) -> tuple[Zone, int] | None:
    """The parties of an event noun told after its topic, before the clause's verb ("Consultations on consular
    matters between Estonia and Finland took place"), and where its object now ends; None when there is no such
    phrase (the topic's own countries are no parties: "talks on Syria between A and B")."""
    if not _EVENT_NOUN.search(sent.text, hit.start, hit.end):
        return None
    m = _LATER_BETWEEN.match(sent.text, obj_hi)
    if m is None or _CLAUSE_VERB.search(sent.text, obj_hi, m.start(1)):
        return None
    end = _CLAUSE_VERB.search(sent.text, m.end())
    z = zone(doc, sent.start + m.end(), sent.start + (end.start() if end else len(sent.text)), role)
    return (z, object_end(sent.text, m.end())) if z.people or z.countries or z.orgs else None


__all__ = ["SPLIT_EACH", "participants_for", "parties_after_topic", "roles"]
