"""Event mentions of an article's title, read as a sentence with headline grammar.

A title is the first line of the article text and states its main event, in headline
grammar: nominal triggers ("Readout of X's Call with Y", "X's Travel to Z", "U.S.-Japan Joint
Leaders' Statement"), the present tense for the past ("X Holds Talks with Y"), the infinitive
for the future ("X to Travel to Z"). Its mentions have the title as evidence and no stated
date: merging joins them to the body's mentions of the same event, which give the date and
the evidence (merge.py). Rules: reference/events/headline.yaml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from transforms.extract.document import Doc, Sent
from transforms.extract.events import SPLIT_EACH
from transforms.extract.guards import between_parties, not_taking_place
from transforms.extract.hits import Hit, attach_names, clean_name
from transforms.extract.lexicon import event_rules
from transforms.extract.participants import Zone, country_participant, name_countries, trip_legs, zone
from transforms.extract.records import EventMention
from transforms.extract.when_where import event_location
from transforms.ids import make_id

# Where an event name may start in a title-case headline (elsewhere capitals say nothing).
_NAME_START = re.compile(r"(?:^|\b(?i:the|of|on|at|for|to|in|following|with|and)\s+|:\s+)(?=[A-Z0-9])")
_POSSESSIVE = re.compile(r"\w['’]s\b")
_ORDINAL = re.compile(r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Inaugural|\d+(?:st|nd|rd|th)"
                      r"|\d{4})\b")
_AT_NAME = re.compile(r"\b(?:at|participation in|attendance at)\s+(?:the\s+)?$", re.I)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_ON = re.compile(r"\son\s")
_DASH = re.compile(r"\s*[-\u2013\u2014]\s*")
_TO_BEFORE = re.compile(r"\bto\s+$")
_LAST_WORD = re.compile(r"[\w'’-]+$")


def find_title_mentions(doc: Doc) -> list[EventMention]:
    """Event mentions the title states (several for "Holds Talks Respectively with A, B")."""
    end = doc.headline_end
    if not end:
        return []
    head = doc.text[:end]
    sent = Sent(-1, 0, end, head, 0, False)
    hits = _hits(doc, head)
    out: list[EventMention] = []
    prev_end = 0
    for idx, hit in enumerate(hits):
        nxt = hits[idx + 1].start if idx + 1 < len(hits) else end
        obj_hi = min(_object_end(head, hit.end), nxt)
        subj_lo = _subject_start(doc, head, prev_end, hit)
        out += _mentions(doc, sent, hit, subj_lo, obj_hi, nxt)
        prev_end = hit.end
    return out


def _hits(doc: Doc, head: str) -> list[Hit]:
    """Event names and triggers of the title, in order, without overlaps (names first)."""
    rules = event_rules()
    hits: list[Hit] = []
    # Latest start first: "Briefs on Consensus of the Fourth X Meeting" names "Fourth X Meeting".
    last_head = max((m.end() for m in rules.name_head_re.finditer(head)), default=0)
    for pos in reversed([m.end() for m in _NAME_START.finditer(head, 0, last_head)]):
        m = rules.name_re.match(head, pos)
        if m is None or any(h.start < m.end() and pos < h.end for h in hits):
            continue
        name, s, e = clean_name(m)
        if name and _headline_name(doc, head, m, name):
            hits.append(Hit(s, e, None, rules.name_heads[m.group("head")], name, s, e))
    # The body's triggers only where their key words are (Doc.event_keys of the title's sentences).
    keys = set().union(*(doc.event_keys.get(s.index, ()) for s in doc.sentences if s.start < len(head)))
    for trig in rules.headline.triggers + tuple(t for t in rules.headline.body_triggers if t.index in keys):
        for m in trig.regex.finditer(head):
            s, e = m.span()
            if not_taking_place(head, s, e, len(head)):
                continue  # "Peru's president refuses to sign pension bill": no signing, as in the body
            if not any(s < h.end and h.start < e for h in hits):
                hits.append(Hit(s, e, trig, trig.event_type))
    return attach_names(sorted(hits, key=lambda h: h.start), head)


def _headline_name(doc: Doc, head: str, m: re.Match, name: str) -> bool:
    """A run of capitals ending in "Meeting" is a name only if it is not the headline's own
    subject ("Secretary X's Meeting", "Qin Gang Holds Talks", "Special Envoy for Y Negotiations Z"):
    no person, possessive or topic "on" in it, and an ordinal, a country or a region in it, or "the"
    before a name of three words or more ("the One Ocean Summit", not "the Virtual Meeting")."""
    start, end = m.span()
    body = m.group("body")
    if _POSSESSIVE.search(name) or _ON.search(body) or any(p.start < end and start < p.end for p in doc.people.items):
        return False
    return bool(_ORDINAL.match(name) or name_countries(doc, start, end)
                or _THE_BEFORE.search(head[max(0, start - 4):start]) and len(body.split()) >= 3)


def _object_end(head: str, start: int) -> int:
    m = event_rules().headline.object_end.search(head, start)
    return m.start() if m else len(head)


def _subject_start(doc: Doc, head: str, lo: int, hit: Hit) -> int:
    """After the last topic word before the trigger ("Statement by X on | Y's Call with Z").

    When nobody stands between that word and the trigger ("Statement by President X on Call
    with Y"), the subject is the one before it (the statement's author made the call); not for
    documents and agreements, whose issuers are listed after them.
    """
    start = lo
    for m in event_rules().headline.subject_breaks.finditer(head, lo, hit.start):
        start = m.end()
    for p in doc.people.within(0, hit.start):
        if p.start < start < p.end:
            start = p.start  # a break word inside an office ("Minister of State for Foreign Affairs")
    if (start > lo and hit.trigger is not None and hit.event_type not in event_rules().headline.document_types
            and not _POSSESSIVE.search(head, start, hit.start) and not _has_party(doc, start, hit.start)):
        return lo
    return start


def _has_party(doc: Doc, start: int, end: int) -> bool:
    return bool(doc.people.within(start, end) or [c for c in doc.countries.within(start, end) if c.code]
                or doc.orgs.within(start, end) or doc.regions.within(start, end))


_PIECES = re.compile(r",\s*(?:and\s+)?|\s+(?:and|with|between|by|&)\s+|/")


def _home_office(doc: Doc, head: str, start: int, end: int) -> bool:
    """Whether head[start:end] names an office with nobody, no country and no organization in it
    ("the Prime Minister's", "PM" in "Meeting between PM and President of X")."""
    home_subject = event_rules().headline.home_subject
    pos = start
    for m in [*_PIECES.finditer(head, start, end), None]:
        a, b = pos, (m.start() if m else end)
        pos = m.end() if m else end
        if not home_subject.search(head, a, b):
            continue
        if any(p.start < b and a < p.end for p in doc.people.items) or _has_party(doc, a, b):
            continue
        return True
    return False


def _compound_codes(doc: Doc, start: int, end: int) -> set[str]:
    """Countries joined by dashes ("U.S.-Japan", "United States – Switzerland – Liechtenstein")."""
    found = [c for c in doc.countries.within(start, end) if c.code]
    codes: set[str] = set()
    for a, b in zip(found, found[1:]):
        if _DASH.fullmatch(doc.text, a.end, b.start):
            codes |= {a.code, b.code}
    return codes


def _issuers(doc: Doc, head: str, hit: Hit, obj: Zone, obj_hi: int, nxt: int) -> tuple[Zone, bool]:
    """Issuers of a document named in the title, and whether the title lists them.

    "Joint Statement by/from/between A and B", "of the Leaders of A and B" and "Joint Statement on X
    by A and B" list them; a compound topic ("on the A-B Dialogue") names them when no list does.
    """
    hr = event_rules().headline
    rest = head[hit.end:obj_hi]
    listed = bool(hr.issuer_list.match(rest))
    of = hr.issuer_of.match(rest)
    if of and not listed:
        at = hit.end + of.end()
        listed = any(x.start == at for x in doc.countries.within(at, obj_hi)) or any(
            x.start == at for x in doc.people.within(at, obj_hi)) or any(
            x.start == at for x in doc.regions.within(at, obj_hi))
    later = hr.issuers_after_topic.search(head, obj_hi, nxt)
    if later:
        extra = zone(doc, later.end(), nxt, "participant", home_default=True, locative_ok=True)
        if extra.people or extra.countries:
            obj = Zone(obj.people + extra.people, obj.countries + extra.countries, obj.orgs + extra.orgs)
            listed = True
    if not listed:
        obj = Zone(obj.people, obj.countries + tuple(country_participant(c, "participant") for c in
                                                     sorted(_compound_codes(doc, hit.end, len(head)))), obj.orgs)
    return obj, listed


def _mentions(doc: Doc, sent: Sent, hit: Hit, subj_lo: int, obj_hi: int, nxt: int) -> list[EventMention]:
    """The event mentions of one hit of a title: subject, object, status and the release's own dates."""
    rules = event_rules()
    hr = rules.headline
    head = sent.text
    trig = hit.trigger
    document = hit.event_type in hr.document_types
    own = True  # the release's own event, not a topic ("Statement on the Ninth Summit")
    if trig is None:
        subject = Zone((), (), ())
        if rules.name_verbs.search(head[subj_lo:hit.start]) or _AT_NAME.search(head[subj_lo:hit.start]):
            subject = zone(doc, subj_lo, hit.start, "participant", home_default=True)  # "X at the Y Summit"
        else:
            own = subj_lo == 0  # "Japan-Philippines Foreign Ministers' Meeting", not "Statement on the X Summit"
        objs = [Zone((), (), ())]
    else:
        subject = zone(doc, subj_lo, hit.start, trig.subject_role, home_default=True)
        # A visit's destination and a statement's issuers ("Joint Statement from X and Y") are parties.
        objs = [zone(doc, hit.end, obj_hi, trig.object_role, locative_ok=hit.event_type == "visit" or document)]
    named = name_countries(doc, hit.name_start, hit.name_end) if hit.name else set()
    listed = False
    if document and trig is not None:
        objs[0], listed = _issuers(doc, head, hit, objs[0], obj_hi, nxt)
    if trig is not None and len(objs[0].people) + len(objs[0].countries) > 1 and SPLIT_EACH.search(
            head, hit.start, obj_hi):
        obj = objs[0]
        objs = ([Zone((p,), (country_participant(p.country, trig.object_role),) if p.country else (), ())
                 for p in obj.people] or [Zone((), (c,), ()) for c in obj.countries])
    if doc.home and (_home_office(doc, head, subj_lo, hit.start) or trig is not None and _home_office(
            doc, head, hit.end, obj_hi) or document and not listed and not (subject.people or subject.countries)):
        # "Readout of the Prime Minister's call", "Joint Statement on X": the publisher's own.
        role = trig.subject_role if trig else "participant"
        subject = Zone(subject.people, subject.countries + (country_participant(doc.home, role),), subject.orgs)
    if hit.event_type == "visit" and trig is not None and len(objs) == 1 and trip_legs(subject, objs[0]):
        # "Travel to Fiji, Papua New Guinea and Solomon Islands": a visit per country and the trip (as in a body).
        objs = [Zone((), (c,), objs[0].orgs) for c in {c.country: c for c in objs[0].countries}.values()] + objs
    location, location_country = event_location(doc, sent, hit.start, obj_hi, hit.event_type == "visit")
    if trig is not None and trig.needs_object and not hit.name and not any(z.people or z.countries or z.orgs
                                                                          for z in objs):
        if not (hit.event_type == "visit" and location) and not rules.counterparts.search(head, hit.end, obj_hi):
            return []
    if rules.hostile.search(head) and not hit.name:
        return []
    if hr.called_off.search(head, hit.end, nxt) or hit.trigger is None and not_taking_place(head, hit.start, hit.end, nxt):
        return []  # "ASEAN summit in Myanmar called off", "Leaders skip X Summit"
    if trig is not None and not document and not between_parties(head, trig, (hit.start, hit.end), (subj_lo, obj_hi),
                                                                 subject, objs, bool(hit.name)):
        return []  # "Manila summons Chinese envoy": one side only; "Rescue teams arrive in Marrakesh"
    status = _status(doc, head, hit, subj_lo, obj_hi)
    start = end = None
    precision = "unknown"
    if own and doc.published is not None and status != "planned" and (status == "occurred"
                                                                       or hit.event_type != "visit"):
        # The release's own event, around its publication: a guess (rank 0) that dates the event
        # only when no mention states its date. A travel title may announce a trip: no guess.
        start, end, precision = doc.published - dt.timedelta(days=6), doc.published, "week"
    return _title_mentions(doc, head, hit, subject, objs, named, status, (start, end, precision),
                           (location, location_country), own)


def _title_mentions(doc: Doc, head: str, hit: Hit, subject: Zone, objs: list[Zone], named: set[str], status: str,
                    dates: tuple, place: tuple[str | None, str | None], own: bool) -> list[EventMention]:
    """The mentions a title tells: one per object zone (per counterpart of a "respectively" list)."""
    trig = hit.trigger
    start, end, precision = dates
    location, location_country = place
    out = []
    for k, obj in enumerate(objs):
        participants = list(subject.people + subject.countries + subject.orgs + obj.people + obj.countries + obj.orgs)
        codes = set(subject.codes | obj.codes | named)
        participants += [country_participant(c, "participant") for c in sorted(named)]
        leg = location_country
        if hit.event_type == "visit" and len(objs) > 1 and len(obj.codes) == 1:
            leg = next(iter(obj.codes))  # a leg of a trip is in its own country
        if hit.event_type == "visit" and leg:
            codes.add(leg)
            if not any(p.entity_type == "country" and p.country == leg for p in participants):
                participants.append(country_participant(leg, "host"))
        if not (participants or hit.name):
            continue
        weak = len(codes) <= 1 and not hit.name
        out.append(EventMention(
            mention_id=make_id("evm", doc.article_id, hit.start, "title", k, hit.event_type),
            article_id=doc.article_id,
            source_path=doc.source_path,
            order=hit.start + k,
            event_type=hit.event_type,
            status=status,
            start_date=start,
            end_date=end,
            date_precision=precision,
            date_rank=0,
            name=hit.name,
            location=location if leg == location_country else None,
            location_country=leg,
            countries=tuple(sorted(codes)),
            char_start=0,
            char_end=len(head),
            evidence=head,
            confidence=round((0.8 if trig is not None else 0.7) - (0.15 if weak else 0.0), 2),
            participants=tuple(participants),
            group=f"{doc.article_id}:title:{hit.start}" if len(objs) > 1 else None,
            weak=weak,
            frame=own and status != "planned",
            headline=True,
            rule=trig.name if trig is not None else None,
        ))
    return out


def _status(doc: Doc, head: str, hit: Hit, subj_lo: int, obj_hi: int) -> str:
    """planned ("Upcoming", "X to Travel to Y", "will visit"), occurred ("Readout of", "Holds"), or unknown."""
    rules = event_rules()
    hr = rules.headline
    before = head[:obj_hi]
    if rules.planned.search(before) or hr.planned.search(before) or _infinitive(doc, head, hit, subj_lo):
        return "planned"
    if rules.occurred.search(head[:hit.end]) or hr.occurred.search(head[:hit.end]):
        return "occurred"
    return "unknown"


def _infinitive(doc: Doc, head: str, hit: Hit, subj_lo: int) -> bool:
    """A headline "X to V" tells what X will do; "Y Becomes Nation to Sign" does not: X must be a
    person, a country or an office."""
    trig = head[hit.start:hit.end]
    if not event_rules().headline.infinitive_verbs.match(trig):
        return False
    if trig.lower().startswith("to "):
        subject_end = hit.start
    else:
        m = _TO_BEFORE.search(head, subj_lo, hit.start)
        if m is None:
            return False
        subject_end = m.start()
    subject = head[subj_lo:subject_end].rstrip()
    at = subj_lo + len(subject)
    if any(at in (p.name_end, p.end) for p in doc.people.within(subj_lo, hit.start)) or any(
            c.end == at for c in doc.countries.within(subj_lo, hit.start)):
        return True
    last = _LAST_WORD.search(subject)
    return bool(last and event_rules().headline.home_subject.fullmatch(last.group(0)))


# A trip's days: the body's dated events in the destination within this many days; a trip
# already made was made within _TRIP_RECENT days before its release.
_TRIP_MAX_DAYS = 31
_TRIP_RECENT = dt.timedelta(days=14)


def _on_trip(m: EventMention, t: EventMention, country: str, published: dt.date | None) -> bool:
    if (m.date_rank < 2 or m.start_date is None or m.date_precision != "day" or m.location_country != country
            or m.event_type == "phone_call" or (t.status != "unknown" and m.status != t.status)):
        return False
    if m.status == "planned" or published is None:
        return True
    return published - _TRIP_RECENT <= m.start_date <= published + dt.timedelta(days=1)


def date_trips(doc: Doc, titles: list[EventMention], body: list[EventMention]) -> list[EventMention]:
    """Date an undated headline trip ("Counselor Chollet's Trip to Ukraine") by the days of
    the body's events located in its destination ("met ... in Kyiv, Ukraine, on July 20-21"),
    with the title's status, not calls, and (unless planned) in the fortnight before the
    release: from the first to the last, inferred (rank 1), when they span at most a month."""
    out = []
    for t in titles:
        dest = {t.location_country} if t.location_country else set(t.countries) - {doc.home}
        if t.event_type != "visit" or t.date_rank > 0 or len(dest) != 1:
            out.append(t)
            continue
        (country,) = dest
        days = [m for m in body if _on_trip(m, t, country, doc.published)]
        if not days:
            out.append(t)
            continue
        start, end = min(m.start_date for m in days), max(m.end_date for m in days)
        if (end - start).days > _TRIP_MAX_DAYS:
            out.append(t)
            continue
        out.append(dataclasses.replace(t, start_date=start, end_date=end, date_precision="day", date_rank=1))
    return out


__all__ = ["date_trips", "find_title_mentions"]
