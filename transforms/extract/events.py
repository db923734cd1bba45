"""Event mentions of one article: each trigger or event name a sentence holds (hits.py) read by a list
of named steps (STEPS: subject, participants, the general-news guards, date and status, place)."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.extract.anaphora import State, frame_countries, relative_antecedent
from transforms.extract.attending import add_attendance, attendance_target
from transforms.extract.document import Doc, Sent
from transforms.extract.event_dates import date_and_status, dates_its_encounters, is_frame
from transforms.extract.guards import an_occasion, between_parties, denied, subordinate_subject
from transforms.extract.hits import Hit, all_hits, attach_names, object_end
from transforms.extract.identity import keep_apart
from transforms.extract.lexicon import event_rules
from transforms.extract.participants import (
    Zone, attendance, country_participant, ends_with_colon, is_diplomatic, name_countries, name_hosts,
    opening_subject, party_body, setting_subject, unnamed_offices, with_role, zone,
)
from transforms.extract.programme import add_host_countries, add_other_side
from transforms.extract.reading import NOMINAL, Reading, Sentence, is_setting, setting_of
from transforms.extract.records import EventMention
from transforms.extract.subjects import SPLIT_EACH, parties_after_topic
from transforms.extract.subjects import participants_for as _participants_for
from transforms.extract.subjects import roles as _roles
from transforms.extract.when_where import event_location, told_day
from transforms.ids import make_id
from transforms.reference import word_set
from transforms.reference.patterns import set_alternation

# Words before a nominal trigger that make it the object of something else ("highly of the call").
# (Not "the third round of | talks": a count; nor "who is on | an official visit", ", on | an official visit":
# being on it.)
_OBJECT_OF = re.compile(r"(?<!round )(?<!rounds )(?<!session )(?<!edition )(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bwere )"
                        r"\b(?:of|about|(?<!, )on|for|after|before|since|following|from|regarding|welcomed|praised|"
                        r"discussed|recalled|noted)\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+|its\s+)?"
                        r"(?:(?-i:[a-z0-9][\w-]*)\s+)?$", re.I)  # not a name: "the Minister of Chile | visits Peru"
# A nominal trigger that heads the phrase opening its sentence ("In | his talks with X, the Minister of Y ...", "At |
# the joint press | conference"), not one nested in it ("In response to | the talks between A and B, C said", "In a
# statement welcoming | the meeting": C only comments on it).
_HEADS_OPENING = re.compile(r"\s*(?:In|At|During|After|Following|Before|On|Upon|Ahead of)\s+(?:(?:a|an|the|his|her|its|"
                            r"their|this|today's)\s+)?(?:(?!(?:to|of|on|at|in|for|with|against|about|over|by|from)\b|"
                            r"(?!(?:upcoming|ongoing|opening|closing|concluding)\b)\w+ing\b)"
                            r"(?-i:[a-z][\w-]*)\s+){0,2}$")
# A nominal trigger's complement that names its parties ("A meeting | of the defence chiefs", "talks | between the
# two vice ministers"), or the trigger's own preposition ("Talks between").
_COMPLEMENT = re.compile(r"\s*(?:of|between|among|amongst)\s", re.I)
_COMPLEMENT_OWN = re.compile(r"\b(?:of|between|among|amongst)\s*$", re.I)
_CONVENES = re.compile(r"\b(?:re)?conven(?:e|es|ed|ing)\s*$", re.I)  # a verb whose object is the body that sits
# The subject's own event told as what it recalls ("The Minister recalled | his visit to Lima in January"): the
# subject made it (not "welcomed his visit": the guest's).
_OWN_RECALLED = re.compile(r"\b(?:recalled|recalls|noted|discussed|reviewed|mentioned|described)\s+(?:his|her|their)\s+"
                           r"(?:(?-i:[a-z][\w-]*)\s+)?$", re.I)
# A relative clause set off by commas ("The minister, who arrived in Baku on Monday evening, was received
# ..."): its date and its event belong to it, not to the main clause.
_RELATIVE = re.compile(r",\s*(?:who|which|(?:currently\s+|now\s+)?on\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:visit|trip|tour))\s[^,;]*,")  # and an apposition: "X, on an official visit to Peru, met"
# A trip named as the setting of the sentence's event ("... on the first day of a state visit to Kenya",
# "during his visit to Peru"): the sentence's subject makes it.
_TRIP_SETTING = re.compile(r"\b(?:during|on|as part of|in the course of|on the (?:\w+ )?day of|at the (?:start|end|close) "
                           r"of)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$", re.I)
# A day phrase between two triggers ("held a meeting | on Sunday, | followed by talks"): no new subject.
_DAY_PHRASE = re.compile(rf"\b(?:on|in)\s+(?:the\s+)?(?:{set_alternation(word_set('WEEKDAYS'))}|"
                         rf"{set_alternation(word_set('MONTHS'))}|\d)[\w ]*", re.I)
# A coordinated predicate that names nobody: a lower-case verb first, no pronoun, article or name
# ("... and | held a joint press conference", "... and then | paid a courtesy call on").
_PREDICATE = re.compile(r"^\s*(?!(?:the|a|an|both|each|his|her|their|its|he|she|they|we|it|all|two)\b)[a-z]+"
                        r"(?:\s+(?:a|an|the|their|his|her|its|joint|[a-z]+ly))*\s*$")
_VISIT_KIND = re.compile(r"(?:state|official|working|[\w]+-day)\s+visit", re.I)
_PURPOSE_TO = re.compile(r"\b(?:to|for)\s+$")
# The event noun an attendance cue attends is definite ("were present at | the | talks", "also attended | the |
# meeting"); a complement makes it another event ("the meeting | of the Council").
_DEFINITE = re.compile(r"\b(?:the|these|this)\s", re.I)
_COMPLEMENT_AFTER = re.compile(r"\s+(?:of|on|with|between|among)\s+(?:the\s+)?[A-Z0-9]")
_OURS = re.compile(r"\b(?:we|our|us)\b", re.I)  # a group's communique: its own summits and meetings
# A session named by its count ("IX Meeting", "Third Session", "4th Meeting").
_COUNTED = re.compile(rf"(?:(?-i:[IVXL]+)|\d+(?:st|nd|rd|th)|{set_alternation(word_set('ORDINAL_WORDS'))})\s+(?:Meeting|Session)\b",
                      re.I)
# An opening phrase that tells what came before or around the sentence's news ("After concluding his visit to
# Brazil, ...", "Following her talks with X, ..."): its event and its people end at its comma.
_OPENING_PHRASE = re.compile(r"(?:After|Following|Before|Upon|Having|Ahead of|Prior to|At the end of|In the wake of)\b"
                             r"[^,;:]{0,150}?,\s+")


def family(event_type: str) -> str:
    """Merge family of an event type (talks and meetings are one family)."""
    kind = event_rules().types.get(event_type)
    return kind.family if kind is not None else event_type


def _subject_start(text: str) -> int:
    m = event_rules().reporting_frame.match(text)
    return m.end() if m else 0


def _mention_id(doc: Doc, start: int, idx: int, event_type: str) -> str:
    return make_id("evm", doc.article_id, start, idx, event_type)


# ------------------------------------------------------------------ the steps

def _taking_place(s: Sentence, r: Reading) -> bool:
    """Whether the words around the trigger deny it, make it hypothetical, call it off (guards.denied): read first, so
    that a denied trigger's object is known before anything else rejects it ("ready to host | talks between A and B")."""
    nxt = s.hits[r.idx + 1].start if r.idx + 1 < len(s.hits) else len(s.text)
    if denied(s.text, r.hit, nxt, s.denied_end):
        s.denied_end, r.denied = r.hit.end, True  # "would not travel to | Brussels for the next round": its purpose too
    return True


def _not_attendance(s: Sentence, r: Reading) -> bool:
    """An event told before, named again as what people attend ("X and Y were present at the talks", "Z also
    attended the meeting"), is that event, not a new one: the attendance cue gives it its people (attending.py)."""
    hit, text, base = r.hit, s.text, s.sent.start
    if hit.name or not s.state.seen_event or _COMPLEMENT_AFTER.match(text, hit.end):
        return True  # "attended the meeting of the Council of Ministers": another event
    return not any(c.cue.scope == "before" and c.start - base <= hit.start <= c.end - base + 12
                   and _DEFINITE.search(text, max(0, c.start - base), hit.end)
                   for c in s.doc.participation.get(s.sent.index, ()))


def _purpose(s: Sentence, r: Reading) -> bool:
    """A trigger after "to"/"for" that serves the one before ("will travel to Tokyo for talks with X", "travelled
    to Tunis to meet Y") is an encounter of its own with the same subject, and its people join the trip."""
    hit, text = r.hit, s.text
    if r.denied or not (hit.trigger is not None and s.found and _PURPOSE_TO.search(text[max(0, hit.start - 5):hit.start])
                        and not hit.name):
        return True
    host = s.found[-1]
    z = zone(s.doc, s.sent.start + hit.end, s.sent.start + r.obj_hi,
             "host" if host.event_type == "visit" else "participant")
    extra = tuple(z.people + z.countries + z.orgs)
    codes = tuple(sorted(set(host.countries) | z.codes))
    s.found[-1] = replace(host, participants=host.participants + extra, countries=codes)
    if r.idx - 1 in s.subjects:
        r.shared = r.idx - 1
    return True


def _subject_bounds(s: Sentence, r: Reading) -> bool:
    """Where the subject of the hit starts: the sentence's subject for its first trigger (and gerunds), else
    after the hit before; "supports Kyrgyzstan in hosting": Kyrgyzstan hosts."""
    hit, text = r.hit, s.text
    first = s.first_trigger_lo
    r.trig_lo = hit.start if hit.trigger is not None or first is None else first
    if hit.trigger is not None and is_setting(s, r) and (hit.start <= (first or 0) or (r.idx - 1) in s.subjects):
        # "X told Y in a phone call": the telling is the call; "X welcomed Z at a joint news conference with Y":
        # X holds the conference too.
        r.lo_subject, r.shared = s.dateline, None if hit.start <= (first or 0) else r.idx - 1
        return True
    lo = s.subj_lo if (first is None or hit.start <= first
                       or re.search(r"\b(?:after|before|while|following)\s+\w+ing\b|\w+ing\s*$",
                                    text[max(0, hit.start - 20):hit.start + 12])) else _own_clause(s, r)
    lo = min(lo, r.trig_lo)
    if hit.trigger is not None:
        lo = subordinate_subject(text, lo, hit.start)  # "Farmers blocked roads as | EU leaders met"
    gerund = re.search(r"\b([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+(?:in|for|on)\s+$", text[lo:hit.start])
    if hit.trigger is not None and gerund and text[hit.start:hit.end].lower().endswith("ing"):
        lo = lo + gerund.start(1)
    if hit.trigger is not None and r.idx and _TRIP_SETTING.search(text, max(0, hit.start - 40), hit.start):
        first_idx = next(i for i, h in enumerate(s.hits) if h.trigger is not None)
        if first_idx in s.subjects:
            r.shared = first_idx  # "X held talks with Y on the first day of a state visit": X's visit
    if hit.event_type == "visit" and (antecedent := relative_antecedent(s.doc, s.sent, hit.start)) is not None:
        lo, r.shared = antecedent, None  # "received Mr. X, ..., who is on an official visit to the Kingdom": X's
    r.lo_subject = lo
    return True


def _own_clause(s: Sentence, r: Reading) -> int:
    """Where the subject of a later trigger starts: after the trigger before, or after the last clause
    opener past that trigger's object. A clause that names nobody ("... in the morning and later held
    talks") shares the subject of the trigger before (r.shared)."""
    rules, text = event_rules(), s.text
    prev = s.hits[r.idx - 1]
    lo = prev.end
    opening = _OPENING_PHRASE.match(text, s.subj_lo)
    if opening and prev.start < opening.end() <= r.hit.start:
        return opening.end()  # "After concluding his visit to Brazil, | Wang Yi will travel to Jamaica": not Brazil
    rel = s.relative_of(prev.start)
    if rel is not None and rel[1] <= r.hit.start and r.idx - 1 in s.subjects and not s.relative_of(r.hit.start):
        r.shared = r.idx - 1  # "The minister, who arrived on Monday, | was received ...": the antecedent
        return lo
    obj_end = object_end(text, prev.end)
    if obj_end >= r.hit.start or prev.trigger is None:
        return lo
    gap = text[obj_end:r.hit.start]
    if rules.shared_subject.match(_DAY_PHRASE.sub("", gap)) and r.idx - 1 in s.subjects:
        r.shared = r.idx - 1
        return lo
    openers = list(rules.clause_opener.finditer(gap))
    # The last opener set off by a comma (", and the ministers of A and B held ..."): an "and" after it joins
    # the new subject's parties; else the last one.
    marked = [m for m in openers if m.group(0).startswith(",")]
    if marked or openers:
        lo = obj_end + (marked or openers)[-1].end()
    rest = _DAY_PHRASE.sub("", text[lo:r.hit.start])
    if lo > obj_end and r.idx - 1 in s.subjects and (rules.shared_subject.match(rest) or _PREDICATE.match(rest)):
        # "signed a memorandum on trade | and | held a joint press conference": a coordinated predicate after the
        # object's topic names nobody either, and shares the subject.
        r.shared = r.idx - 1
    return lo


def _participants(s: Sentence, r: Reading) -> bool:
    """Subject and object zones: a trigger's, or the countries an event name names ("Brazil and Chile
    agreed to hold the X Summit": the subject takes part)."""
    hit, text, doc, base = r.hit, s.text, s.doc, s.sent.start
    if hit.trigger is None:
        codes = name_countries(doc, base + hit.start, base + hit.end) | name_hosts(doc, base + hit.end)
        if not codes and hit.event_type in ("summit", "meeting") and _OURS.search(text):  # "by our Leaders at the X Summit"
            codes = {p.country for p in frame_countries(s.state)} if len(frame_countries(s.state)) >= 3 else codes
        elif not codes and hit.event_type in ("meeting", "talks") and _COUNTED.match(text, hit.start):
            # "the IX Meeting of the Mechanism", "since the Third Meeting": a session of the body the article reports.
            codes = {p.country for p in frame_countries(s.state, found=tuple(s.found))}
        if setting_of(s, hit):
            # "A met B at the NATO Summit": A and B attend it (and C and D: "held separate meetings with C and D
            # on the sidelines of the Y Meeting").
            codes = codes.union(*(m.countries for m in setting_of(s, hit)))
        named = Zone((), tuple(country_participant(c, "participant") for c in sorted(codes)), ())
        if hit.name and event_rules().name_verbs.search(text[max(r.lo_subject, hit.start - 40):hit.start]):
            r.subject, _, _ = _participants_for(doc, s.sent, r.lo_subject, hit.start, hit.start, hit.start, hit,
                                                s.state)
        elif hit.name and (setting := setting_subject(doc, s.sent, hit.end)) is not None:
            r.subject = setting  # "At the X Summit on March 3, the presidents of Peru and Chile agreed ..."
        else:
            r.subject = Zone((), (), ())  # a bare name: its participants are the countries it names
        r.objs, r.split = [named], False
    else:
        r.subject, r.objs, r.split = _participants_for(doc, s.sent, r.lo_subject, r.trig_lo, hit.end, r.obj_hi, hit,
                                                       s.state, s.found[-1] if s.found else None, s.dateline)
        if not any(z.people or z.countries or z.orgs for z in r.objs) and (later := parties_after_topic(
                doc, s.sent, hit, r.obj_hi, _roles(text, hit, hit.start, hit.end)[1])):
            r.objs, r.obj_hi = [later[0]], later[1]  # "Consultations on X | between A and B | took place"
        heads_opening = NOMINAL.match(text[hit.start:hit.end]) and _HEADS_OPENING.match(text, s.dateline, hit.start)
        if r.shared is None and (is_setting(s, r) or heads_opening) and (opening := opening_subject(
                doc, s.sent, s.dateline, hit.start, hit.end, _roles(text, hit, hit.start, hit.end)[0])):
            r.subject = opening  # "During his talks with X, | the Minister of Y | raised ...": Y's talks
        if r.shared is not None:
            shared = s.subjects[r.shared]
            role = _roles(text, hit, hit.start, hit.end)[0]
            r.subject = Zone(with_role(shared.people, role), with_role(shared.countries, role), shared.orgs)
        elif (NOMINAL.match(text[hit.start:hit.end]) and _OBJECT_OF.search(text[max(0, hit.start - 40):hit.start])
              and not _OWN_RECALLED.search(text, max(0, hit.start - 40), hit.start)):
            r.subject = Zone((), (), ())  # "spoke highly of the phone call between A and B": not a party
            r.lo_subject = hit.start  # ... nor is the clause around it
        s.subjects[r.idx] = r.subject
    if hit.name:
        r.named_codes = name_countries(doc, base + hit.name_start, base + hit.name_end)
    # Told with none of its parties, or one side of the article's own event only ("the 20th meeting of the Commission
    # was co-chaired by X of Tajikistan and Y"): that event's parties.
    told = r.named_codes | r.subject.codes | {c for z in r.objs for c in z.codes}
    # A trigger that frames its parties, or a standing body's encounter that names none ("The Joint Working Group
    # met"): the article's own parties.
    framed = hit.trigger is not None and (hit.trigger.frame_parties or not told and party_body(
        r.subject, r.objs, family(hit.event_type) == family("meeting"), text[r.lo_subject:_body_end(text, hit, r)]))
    frame = frame_countries(s.state, found=tuple(s.found)) if framed else ()
    if frame and (not told or len(told) == 1 and told <= {p.country for p in frame}):
        r.objs = [Zone(o.people, o.countries + frame, o.orgs) for o in r.objs]
    return True


def _body_end(text: str, hit: Hit, r: Reading) -> int:
    """Where the words that may name a standing body end: the trigger's, or its complement's when a nominal trigger
    names the body after it ("A meeting | of the defence chiefs will be held"); never a verb's object ("Opposition
    leader X met | the electoral commission": a body of whom met, not of the parties)."""
    if _COMPLEMENT.match(text, hit.end) or _COMPLEMENT_OWN.search(text, hit.start, hit.end):
        return r.obj_hi
    if _CONVENES.search(text, hit.start, hit.end):
        return r.obj_hi  # "agreed to convene | the Commission in May": the body convened sits
    return hit.end


def _has_object(s: Sentence, r: Reading) -> bool:
    """A trigger that needs an object has one: a participant, a visit's place or a counterpart word."""
    hit = r.hit
    if hit.trigger is None or not hit.trigger.needs_object or hit.name or any(
            z.people or z.countries or z.orgs for z in r.objs):
        return True
    if hit.event_type == "visit":  # a destination, or a visit told as such ("a state visit to the former colony")
        return bool(event_location(s.doc, s.sent, hit.start, r.obj_hi, True)[0] or _VISIT_KIND.match(s.text, hit.start))
    return bool(event_rules().counterparts.search(s.text, hit.end, r.obj_hi))


def _diplomatic(s: Sentence, r: Reading) -> bool:
    """Not denied (a denied trigger's subject is read first: a later clause may share it), and an event between
    governments, not general news (guards.between_parties)."""
    if r.denied or r.hit.trigger is None:
        return not r.denied and is_diplomatic(r.subject, r.objs, bool(r.hit.name))
    return between_parties(s.text, r.hit.trigger, (r.hit.start, r.hit.end), (r.lo_subject, r.obj_hi), r.subject, r.objs,
                           bool(r.hit.name))


def _location(s: Sentence, r: Reading) -> bool:
    """Where the event took place ("in Xi'an"; a visit's destination). A trip of a party to its own country ("He
    departed for Bujumbura" after his state visit) is the way home, no visit."""
    r.location, r.location_country = event_location(s.doc, s.sent, r.hit.start, r.obj_hi, r.hit.event_type == "visit",
                                                    s.dateline)
    codes = r.subject.codes | {c for z in r.objs for c in z.codes}
    return not (r.hit.event_type == "visit" and r.location_country and r.subject.codes
                and codes <= {r.location_country})


def _an_occasion(s: Sentence, r: Reading) -> bool:
    """A talks noun without a verb (needs_occasion) is an event when dated, placed or set (guards.an_occasion)."""
    return an_occasion(s.text, r.hit, r.rank >= 2 or bool(r.location))


STEPS = (_taking_place, _not_attendance, _purpose, _subject_bounds, _participants, _has_object, _diplomatic, date_and_status,
         dates_its_encounters, _location, _an_occasion)


# ------------------------------------------------------------------ the article

# How many mentions back a plural anaphor ("the two ministers") looks for the people it stands for.
_RECENT = 4


def find_event_mentions(doc: Doc) -> list[EventMention]:
    """Every event mention in the article, in text order."""
    out: list[EventMention] = []
    state = State()
    prev_sentence_events: list[EventMention] = []
    listing: str | None = None  # the mention id of the event a list of attendees joins ("... took part:")
    by_sentence = all_hits(doc)
    for sent in doc.sentences:
        hits = attach_names(by_sentence.get(sent.index, []), sent.text)
        this_sentence = _read_sentence(doc, sent, hits, state) if hits else []
        target = attendance_target(doc, sent, this_sentence, prev_sentence_events, listing, state, out)
        z = attendance(doc, sent, whole=listing is not None and sent.bullet) if target is not None else None
        if doc.participation.get(sent.index) and ends_with_colon(sent) and target is not None:
            listing = target.mention_id
        elif not sent.bullet:
            listing = None
        if z is not None:
            # "The Minister was accompanied by ...": the cue's people join the event told here or before.
            this_sentence, out, prev_sentence_events = add_attendance(z, target, this_sentence, out,
                                                                       prev_sentence_events)
            if state.last_frame is not None:
                state.last_frame = next((m for m in out if m.mention_id == state.last_frame.mention_id),
                                        state.last_frame)
        day = state.last_day
        for m in this_sentence:
            out.append(m)
            state.seen_event = True
            state.recent = (state.recent + [m])[-_RECENT:]
            if m.start_date is not None and m.date_rank >= 2:
                state.last_date = m.start_date
                if m.date_precision == "day" and m.start_date == m.end_date and m.mention_id not in state.subordinate:
                    state.last_day = m.start_date
            if m.frame:
                state.last_frame, state.first_frame = m, state.first_frame or (m if len(m.countries) >= 2 else None)
        if state.last_day == day:
            # "This morning, the Prime Minister was accorded ...", "..., the minister said in Baku on Tuesday":
            # the day the events told next without one of their own took place.
            state.last_day = told_day(doc, sent, tuple(m.span() for m in _RELATIVE.finditer(sent.text))) or day
        if not hits and z is None:
            prev_sentence_events = []
        elif hits:
            prev_sentence_events = this_sentence
    return add_other_side(add_host_countries(out))


def _dateline_end(doc: Doc, sent: Sent) -> int:
    """Where the dateline that opens the sentence's paragraph ends (0: none)."""
    if doc.paragraph_start(sent) != sent.start:
        return 0
    m = event_rules().dateline.match(sent.text)
    return m.end() if m else 0


def _read_sentence(doc: Doc, sent: Sent, hits: list[Hit], state: State) -> list[EventMention]:
    """The event mentions of one sentence: each hit through the STEPS, then its mentions."""
    text = sent.text
    subj_lo = _subject_start(text)
    if subj_lo > hits[0].start:
        subj_lo = 0
    dateline = _dateline_end(doc, sent)
    s = Sentence(doc, sent, hits, state, max(subj_lo, dateline),
                  next((h.start for h in hits if h.trigger is not None), None), dateline=dateline,
                  relatives=[m.span() for m in _RELATIVE.finditer(text)])
    encounters: list[tuple[EventMention, bool]] = []  # trigger mentions, and whether they have a counterpart
    opening = _OPENING_PHRASE.match(text, s.subj_lo)
    opening_end = opening.end() if opening else 0  # an event in an opening phrase ends with it
    for idx, hit in enumerate(hits):
        nxt = hits[idx + 1].start if idx + 1 < len(hits) else len(text)
        r = Reading(hit, idx, min(object_end(text, hit.end), nxt, opening_end if hit.start < opening_end else len(text)))
        if all(step(s, r) for step in STEPS):
            told = _mentions(s, r)
            s.found.extend(told)
            counterpart = any(z.people or z.countries or z.orgs for z in r.objs)
            encounters += [(m, counterpart) for m in told if hit.trigger is not None]
            if s.relative_of(hit.start):
                state.subordinate.update(m.mention_id for m in told)  # its day is not the story's
            if r.subject.people:
                state.last_actor = r.subject.people[0]
            elif len(r.subject.codes) == 1:
                state.last_side = r.subject.countries
    return keep_apart(s.sent, s.found, encounters)


def _mentions(s: Sentence, r: Reading) -> list[EventMention]:
    """The mentions of a reading: one per object zone (per counterpart of a "respectively" list)."""
    doc, sent, hit, text = s.doc, s.sent, r.hit, s.text
    out = []
    base_conf = 0.9 if hit.trigger is not None else 0.75
    trig_text = text[hit.start:hit.end]
    nominal = hit.trigger is None or bool(NOMINAL.match(trig_text)) or trig_text.endswith("ing")
    for k, obj in enumerate(r.objs):
        participants = list(r.subject.people + r.subject.countries + r.subject.orgs)
        participants += list(obj.people + obj.countries + obj.orgs)
        codes = set(r.subject.codes | obj.codes | r.named_codes)
        location, location_country = r.location, r.location_country
        if hit.event_type == "visit" and r.split and len(obj.codes) == 1 and location_country not in obj.codes:
            location, location_country = None, next(iter(obj.codes))  # a leg of a trip is in its own country
        if hit.event_type == "visit" and location_country:
            codes.add(location_country)
            if not any(p.entity_type == "country" and p.country == location_country for p in participants):
                participants.append(country_participant(location_country, "host"))
        for c in r.named_codes:
            participants.append(country_participant(c, "participant"))
        weak = len(codes) <= 1 and not hit.name
        mention = EventMention(
            mention_id=_mention_id(doc, sent.start + hit.start, k, hit.event_type),
            article_id=doc.article_id,
            source_path=doc.source_path,
            order=sent.start + hit.start + k,
            event_type=hit.event_type,
            status=r.status,
            start_date=r.start,
            end_date=r.end,
            date_precision=r.precision,
            date_rank=r.rank,
            name=hit.name,
            location=location,
            location_country=location_country,
            countries=tuple(sorted(codes)),
            char_start=sent.start,
            char_end=sent.end,
            evidence=text,
            confidence=round(base_conf - (0.15 if weak else 0.0), 2),
            participants=tuple(participants),
            group=f"{doc.article_id}:{sent.start}:{hit.start}" if r.split else None,
            sequel=r.sequel,
            open_counterpart=not obj.codes,
            weak=weak,
            frame=False,
            rule=hit.trigger.name if hit.trigger is not None else None,
            offices=unnamed_offices(doc, sent, ((r.lo_subject, hit.start), (hit.end, r.obj_hi))),
        )
        out.append(replace(mention, frame=is_frame(mention, doc, nominal)))
    return out


__all__ = ["SPLIT_EACH", "family", "find_event_mentions"]
