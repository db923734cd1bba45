"""Event mentions of one article: triggers and event names per sentence, with date, status and place."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from schemas.vocab import DATE_PRECISIONS
from transforms.dates.vocab import PAST_DAY_TOLERANCE
from transforms.extract import _deps
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import Trigger, event_rules
from transforms.extract.participants import (
    PLURAL_ANAPHOR, SINGULAR_ANAPHOR, Zone, country_participant, home_official, last_person_before,
    name_countries, with_role, zone,
)
from transforms.extract.records import EventMention, ParticipantMention
from transforms.ids import make_id

# Where the object phrase of a trigger ends: a topic, a purpose, a new clause.
_OBJECT_END = re.compile(
    r"\s+to\s+(?!the\b|[A-Z])[a-z]+|\s+(?:on|about|regarding|concerning|amid|over|following|after|before|during|"
    r"ahead of|as part of|where|when|which|who|whose|because|since|while|for (?:talks|discussions) on)\s+"
    r"|,\s+(?=[a-z])(?!respectively\b|and\s+(?:[A-Z]|(?:the|his|her|other|senior|several|deputy|vice)\b))"
    r"|(?:,\s*|\s+)and\s+(?=[a-z])(?!the\b|his\b|her\b|their\b|other\b|senior\b|several\b|deputy\b|vice\b|"
    r"high-level\b|minister\b|foreign\b)|;|:|\s[\u2013\u2014-]\s")
SPLIT_EACH = re.compile(r"\b(?:respectively|separately|individually|each)\b", re.I)
_AFTER_FRAME = re.compile(r"^(?:After|Following|At the end of|On the sidelines of|During|Before) (?:the|this|today's) "
                          r"(?:meeting|talks|summit|call|session|visit|ceremony|dialogue|conference)\b")
_TODAYISH = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)\b", re.I)
_ATTENDANCE = re.compile(r"\b(?:were|was) (?:also )?(?:present|in attendance)\b|"
                         r"\b(?:also )?(?:attended|participated|took part)(?: in)?(?: the (?:meeting|talks|event|session|"
                         r"ceremony|call))?\s*\.?$", re.I)
_LOCATION_PREP = re.compile(r"\b(?:in|at|to)\s+(?:the\s+(?:city of\s+)?)?$", re.I)
# A trigger that is a noun phrase ("the phone call between", "a visit to") mentions an event;
# the release's own event is told with a verb ("spoke with", "visited").
_NOMINAL = re.compile(r"^(?:phone|telephone|video|virtual|call|calls|a|an|the|their|his|her|today's|talks|consultations|"
                      r"negotiations|meeting|meetings|bilateral|trilateral|in-person|visit|visits|trip|trips|travel|tour|"
                      r"signing|press|joint|courtesy|state|official|working|first|historic|recent|upcoming|successful|"
                      r"two-day|three-day|four-day|week-long|productive|constructive|warm|good|by)\b", re.I)
# Words before a nominal trigger that make it the object of something else ("highly of the call").
_OBJECT_OF = re.compile(r"\b(?:of|about|on|for|after|before|during|since|following|from|regarding|welcomed|praised|"
                        r"discussed|recalled|noted)\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+|its\s+)?"
                        r"(?:[\w-]+\s+)?$", re.I)
_GENERIC_NAME = re.compile(r"^(?:The|This|That|A|An|Its|Their|His|Her|Our|Next|Last|Each|Every)$")
_DATE_AFTER = re.compile(r",?\s*(?:(?:on|in|from)\s+(?:the\s+)?)?")
_COREF_WORDS = re.compile(r"^(?:meeting|meetings|talks|call|visit|summit|trip)$", re.I)
_PURPOSE_TO = re.compile(r"\bto\s+$")
# Generic nouns that make a named mention a category, not an event ("a Belt and Road forum").
_INDEFINITE = re.compile(r"\b(?:a|an|any|such|every|each|regular|annual|future)\s+$", re.I)

@dataclass
class Hit:
    """A trigger or an event name found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    trigger: Trigger | None
    event_type: str
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None


def family(event_type: str) -> str:
    """Merge family of an event type (talks and meetings are one family)."""
    kind = event_rules().types.get(event_type)
    return kind.family if kind is not None else event_type


def clean_name(match: re.Match) -> tuple[str | None, int, int]:
    """The event name of a name-pattern match (None for a bare head: "the Summit"), and its span."""
    body = match.group("body")
    tail = match.group("tail") or ""
    words = body.split()
    if len(words) <= 1 or (len(words) == 2 and _GENERIC_NAME.match(words[0])):
        return None, match.start(), match.end()
    while words and (_GENERIC_NAME.match(words[0]) or event_rules().name_date_words.match(words[0])):
        words.pop(0)
    if len(words) <= 1:
        return None, match.start(), match.end()
    name = " ".join(words) + tail
    ordinal = match.group("ord")
    if ordinal:
        name = f"{ordinal} {name}"
    name = name[0].upper() + name[1:]
    return name, match.start(), match.end()


def _all_hits(doc: Doc) -> dict[int, list[Hit]]:
    """Triggers and names per sentence index, sentence-relative, in order, without overlaps.

    Each pattern runs once over the article (cheaper than once per sentence); names win
    over triggers, earlier triggers over later ones.
    """
    rules = event_rules()
    sents = doc.sentences
    found: dict[int, list[tuple[int, int, Hit]]] = {}
    # Pre-filter (Doc.event_keys): a pattern runs only on sentences holding one of its key words.
    n_trig = len(rules.triggers)
    wanted = doc.event_keys
    taken: dict[int, list[tuple[int, int]]] = {}
    for i, rule_ids in wanted.items():
        sent = sents[i]
        if sent.start < doc.headline_end:
            continue  # the title is read with headline grammar (titles.py)
        spans = taken.setdefault(i, [])
        hits = found.setdefault(i, [])
        if n_trig in rule_ids:
            for m in rules.name_re.finditer(sent.text):
                name, s, e = clean_name(m)
                head_type = rules.name_heads[m.group("head")]
                if name is None:
                    # "The Summit": a mention of an event named before; typed, unnamed.
                    if m.group("head") in ("Summit", "Forum") and re.search(r"\bthe\s+$", sent.text[max(0, s - 5):s],
                                                                            re.I):
                        hits.append((s, e, Hit(s, e, None, head_type)))
                        spans.append((s, e))
                    continue
                if _INDEFINITE.search(sent.text[max(0, s - 12):s]):
                    continue
                hits.append((s, e, Hit(s, e, None, head_type, name, s, e)))
                spans.append((s, e))
        for k in sorted(r for r in rule_ids if r < n_trig):
            trig = rules.triggers[k]
            for m in trig.regex.finditer(sent.text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in spans):
                    continue
                hits.append((s, e, Hit(s, e, trig, trig.event_type)))
                spans.append((s, e))
    return {i: [h for _, _, h in sorted(v, key=lambda x: x[0])] for i, v in found.items() if v}


def _object_end(text: str, start: int) -> int:
    m = _OBJECT_END.search(text, start)
    return m.start() if m else len(text)


def attach_names(hits: list[Hit], text: str) -> list[Hit]:
    """A trigger whose object is an event name becomes that named event ("chaired the X Meeting")."""
    kinds = event_rules().types
    out: list[Hit] = []
    for h in hits:
        if (h.trigger is None and h.name and out and out[-1].trigger is not None and out[-1].name is None
                and kinds[out[-1].event_type].takes_name
                and h.start - out[-1].end <= 60 and _object_end(text, out[-1].end) >= h.start):
            prev = out[-1]
            # "attended / held / chaired the X Summit": the name gives the type; "visit to the X Forum" stays a visit.
            kind = prev.event_type if kinds[prev.event_type].keeps_type else h.event_type
            out[-1] = Hit(prev.start, h.end, prev.trigger, kind, h.name, h.name_start, h.name_end)
            continue
        out.append(h)
    return out


def _subject_start(text: str) -> int:
    m = event_rules().reporting_frame.match(text)
    return m.end() if m else 0


@dataclass
class _State:
    """What earlier sentences of the article established."""

    last_date: dt.date | None = None
    last_frame: EventMention | None = None
    seen_event: bool = False


def _pick_date(doc: Doc, sent: Sent, lo: int, hi: int, state: _State):
    """(start, end, precision, rank, text) of the date of an event told in sent.text[lo:hi]."""
    mentions = doc.dates_in(sent)
    mentions = [d for d in mentions if not re.search(r"\b(?:since|by|until|over the past|for the past)\s+$",
                                                     doc.text[max(sent.start, d.start - 16):d.start], re.I)]
    if not mentions:
        return None
    abs_lo, abs_hi = sent.start + lo, sent.start + hi
    inside = [d for d in mentions if abs_lo <= d.start < abs_hi]
    pool = inside or [d for d in mentions if d.start < abs_lo]  # a leading "On April 26, 2023, ..."
    if not pool:
        # A date right where the object ends: "met X in Canberra | on 12 June", "spoke | on May 20 with X",
        # "will travel to X, | from June 20 to 22".
        pool = [d for d in mentions if abs_hi <= d.start and _DATE_AFTER.fullmatch(doc.text, abs_hi, d.start)
                and d.value is not None and getattr(d, "kind", "absolute") != "anaphoric"]
    if not pool:
        return None
    best = min(pool, key=lambda d: abs(d.start - abs_lo))
    value = best.value
    kind = getattr(best, "kind", "absolute")
    if kind == "anaphoric" or value is None:
        if state.last_date is None or doc.published is None:
            return None
        try:
            value = _deps.resolve_date(best.text, doc.published, anchor=state.last_date)
        except Exception:  # noqa: BLE001
            value = None
        if value is None:
            return None
        rank = 2
    elif kind in ("relative",):
        rank = 2 if doc.published_source in ("metadata", "dateline") else 1
    else:
        rank = 3
    if value.precision not in DATE_PRECISIONS:
        return None  # "the 1990s": a decade says when a context was, not when a meeting was
    return value.start, value.end, value.precision, rank, best.text


# A past verb may tell a day this far after publication (transforms.dates' past_day_tolerance).
_LAG = dt.timedelta(days=PAST_DAY_TOLERANCE)


def _status(text: str, lo: int, hi: int, start: dt.date | None, end: dt.date | None, precision: str,
            published: dt.date | None, trigger_text: str) -> str:
    """planned / occurred / unknown from the words around the trigger and the date against publication."""
    rules = event_rules()
    window = text[max(0, lo - 60):hi]
    if rules.planned.search(window) and not re.search(r"\b(?:has|have) been\b", window):
        return "planned"
    if start is not None and published is not None and start > published + _LAG:
        return "planned"
    if rules.trigger_past.search(trigger_text) or rules.occurred.search(text[max(0, lo - 60):lo + len(trigger_text)]):
        return "occurred"  # "met on August 29" in a readout dated August 28 (a time zone behind)
    if start is not None and published is not None and start > published:
        return "planned"
    if end is not None and published is not None and (end < published or precision == "day" and end <= published):
        return "occurred"
    return "unknown"


def event_location(doc: Doc, sent: Sent, lo: int, hi: int, visit: bool) -> tuple[str | None, str | None]:
    """Canonical place and its country: "in Xi'an", "at Camp David", a visit's destination."""
    candidates = doc.places_in(sent)
    best = None
    for p in candidates:
        rel = p.start - sent.start
        before = sent.text[max(0, rel - 20):rel]
        near = lo - 10 <= rel <= hi + 60
        if _LOCATION_PREP.search(before) or (visit and near) or re.search(r",\s*$", before) and best is None:
            if best is None or (near and not (lo - 10 <= best.start - sent.start <= hi + 60)):
                best = p
    if best is not None:
        return best.value.name, best.value.country
    if visit:
        for c in doc.countries.within(sent.start + lo, sent.start + hi):
            code = getattr(c, "code", None)
            if code:
                return c.text, code
    return None, None


def _mention_id(doc: Doc, start: int, idx: int, event_type: str) -> str:
    return make_id("evm", doc.article_id, start, idx, event_type)


def _participants_for(doc: Doc, sent: Sent, subj_lo: int, trig_lo: int, trig_hi: int, obj_hi: int,
                      hit: Hit, state: _State) -> tuple[Zone, list[Zone], bool]:
    """Subject zone, object zones (one per counterpart when split) and whether to split."""
    trig = hit.trigger
    s_role = trig.subject_role if trig else "participant"
    o_role = trig.object_role if trig else "participant"
    base = sent.start
    subject = zone(doc, base + subj_lo, base + trig_lo, s_role, home_default=True)
    subject_text = sent.text[subj_lo:trig_lo].strip(" ,")
    subject_text = re.sub(r"^(?:on|in|at|during|after|following|before|yesterday|today|earlier today|last \w+)"
                          r"(?:[^,]*),\s*", "", subject_text, flags=re.I)
    if not subject.people and not subject.countries:
        if SINGULAR_ANAPHOR.match(subject_text):
            p = last_person_before(doc, base)
            if p is not None:
                country = getattr(p, "country", None) or doc.home
                subject = Zone((ParticipantMention("person", p.name, p.name_as_written, getattr(p, "title", None),
                                                   country, s_role, None, None),), (), subject.orgs)
        elif PLURAL_ANAPHOR.match(subject_text) and state.last_frame is not None:
            # "the foreign ministers signed": the people of the event just told, in this event's role.
            frame = state.last_frame
            people = tuple(p for p in frame.participants if p.entity_type == "person" and _same_rank(subject_text, p))
            subject = Zone(with_role(people, s_role),
                           tuple(country_participant(c, "participant") for c in frame.countries), subject.orgs)
        elif doc.home and home_official(doc, base + subj_lo, base + trig_lo) and not subject.orgs:
            subject = Zone((), (country_participant(doc.home, s_role),), ())
    visit = hit.event_type == "visit"
    obj_start = trig_hi
    obj = zone(doc, base + obj_start, base + obj_hi, o_role, locative_ok=visit)
    split = bool(trig and SPLIT_EACH.search(sent.text[trig_lo:obj_hi]) and len(obj.people) + len(obj.countries) > 1)
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


_LEADER_WORDS = re.compile(r"\b(?:leaders|heads of state|presidents|heads of government)\b", re.I)
_MINISTER_WORDS = re.compile(r"\b(?:ministers|foreign ministers|secretaries)\b", re.I)


def _same_rank(anaphor: str, p: ParticipantMention) -> bool:
    """Whether "the foreign ministers" / "the leaders" can include this person."""
    title = (p.title or "").lower()
    if _MINISTER_WORDS.search(anaphor):
        return "minister" in title or "secretary" in title
    if _LEADER_WORDS.search(anaphor):
        return any(w in title for w in ("president", "prime minister", "chancellor", "king", "premier", "emir"))
    return True


def _is_diplomatic(subject: Zone, objs: list[Zone], named: bool) -> bool:
    people = subject.people + tuple(p for z in objs for p in z.people)
    codes = subject.codes | {c for z in objs for c in z.codes}
    orgs = subject.orgs + tuple(o for z in objs for o in z.orgs)
    return bool(named or people or codes or orgs)


def find_event_mentions(doc: Doc) -> list[EventMention]:
    """Every event mention in the article, in text order."""
    rules = event_rules()
    out: list[EventMention] = []
    state = _State()
    prev_sentence_events: list[EventMention] = []
    all_hits = _all_hits(doc)
    for sent in doc.sentences:
        text = sent.text
        hits = attach_names(all_hits.get(sent.index, []), text)
        if not hits:
            if prev_sentence_events and _ATTENDANCE.search(text):
                out, prev_sentence_events = _add_attendance(doc, sent, out, prev_sentence_events)
                if state.last_frame is not None and prev_sentence_events:
                    state.last_frame = next((m for m in out if m.mention_id == state.last_frame.mention_id),
                                            state.last_frame)
            else:
                prev_sentence_events = []
            continue
        subj_lo = _subject_start(text)
        if subj_lo > hits[0].start:
            subj_lo = 0
        this_sentence: list[EventMention] = []
        first_trigger_lo = next((h.start for h in hits if h.trigger is not None), None)
        for idx, hit in enumerate(hits):
            nxt = hits[idx + 1].start if idx + 1 < len(hits) else len(text)
            obj_hi = min(_object_end(text, hit.end), nxt)
            # A trigger after "to" that serves another ("travel to Tunis to meet with X") adds its
            # people to that event instead of founding one.
            if (hit.trigger is not None and this_sentence and _PURPOSE_TO.search(text[max(0, hit.start - 4):hit.start])
                    and not hit.name):
                host = this_sentence[-1]
                z = zone(doc, sent.start + hit.end, sent.start + obj_hi,
                         "host" if host.event_type == "visit" else "participant")
                extra = tuple(z.people + z.countries + z.orgs)
                codes = tuple(sorted(set(host.countries) | z.codes))
                this_sentence[-1] = replace(host, participants=host.participants + extra, countries=codes)
                continue
            trig_lo = hit.start if hit.trigger is not None or first_trigger_lo is None else first_trigger_lo
            lo_subject = subj_lo if (first_trigger_lo is None or hit.start <= first_trigger_lo
                                     or re.search(r"\b(?:after|before|while|following)\s+\w+ing\b|\w+ing\s*$",
                                                  text[max(0, hit.start - 20):hit.start + 12])) else hits[idx - 1].end
            lo_subject = min(lo_subject, trig_lo)
            gerund = re.search(r"\b([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+(?:in|for|on)\s+$", text[lo_subject:hit.start])
            if hit.trigger is not None and gerund and text[hit.start:hit.end].lower().endswith("ing"):
                lo_subject = lo_subject + gerund.start(1)  # "supports Kyrgyzstan in hosting": Kyrgyzstan hosts
            event_type = hit.event_type
            if hit.trigger is None and hit.name and rules.name_verbs.search(text[max(lo_subject, hit.start - 40):hit.start]):
                # "Brazil and Chile agreed to hold the X Summit": the subject takes part.
                subject, _, _ = _participants_for(doc, sent, lo_subject, hit.start, hit.start, hit.start, hit, state)
                objs = [Zone((), tuple(country_participant(c, "participant")
                                       for c in sorted(name_countries(doc, sent.start + hit.start, sent.start + hit.end))), ())]
                split = False
            elif hit.trigger is None:
                # A bare name: its participants are the countries it names.
                subject = Zone((), (), ())
                objs = [Zone((), tuple(country_participant(c, "participant")
                                       for c in sorted(name_countries(doc, sent.start + hit.start, sent.start + hit.end))), ())]
                split = False
            else:
                subject, objs, split = _participants_for(doc, sent, lo_subject, trig_lo if hit.trigger else hit.start,
                                                         hit.end, obj_hi, hit, state)
                if _NOMINAL.match(text[hit.start:hit.end]) and _OBJECT_OF.search(text[max(0, hit.start - 40):hit.start]):
                    # "spoke highly of the phone call between A and B": the subject did not take part.
                    subject = Zone((), (), ())
            named_codes = name_countries(doc, sent.start + hit.name_start, sent.start + hit.name_end) if hit.name else set()
            if hit.trigger is not None and hit.trigger.needs_object and not hit.name and not any(
                    z.people or z.countries or z.orgs for z in objs):
                if not (event_type == "visit" and event_location(doc, sent, hit.start, obj_hi, True)[0]) and not (
                        event_type != "visit" and rules.counterparts.search(text, hit.end, obj_hi)):
                    continue
            if hit.trigger is not None and rules.non_diplomatic.search(text[hit.end:obj_hi][:40]) and not any(
                    z.people or z.countries for z in objs):
                continue
            if not _is_diplomatic(subject, objs, bool(hit.name)):
                continue
            if hit.trigger is not None and rules.hostile.search(text) and not hit.name and not (
                    subject.people and any(z.people for z in objs)):
                continue  # "troops attacked ... after talks": general news, not a meeting
            date = _pick_date(doc, sent, lo_subject if hit.trigger else hit.start, obj_hi, state)
            status = _status(text, hit.start, obj_hi, date[0] if date else None, date[1] if date else None,
                             date[2] if date else "unknown", doc.published, text[hit.start:hit.end])
            rank = 0
            start = end = None
            precision = "unknown"
            if date is not None:
                start, end, precision, rank, _ = date
            elif _AFTER_FRAME.match(text) and state.last_frame is not None and state.last_frame.start_date:
                # "After the meeting, the ministers signed ...": the day of the event just told.
                frame = state.last_frame
                start, end, precision, rank = frame.start_date, frame.end_date, frame.date_precision, frame.date_rank
            elif (status != "planned" and doc.published is not None and hit.trigger is not None
                  and _TODAYISH.search(text)):
                start = end = doc.published
                precision, rank = "day", 2
            elif (status == "occurred" and doc.published is not None and hit.trigger is not None
                  and not state.seen_event and not hit.name):
                # The release's own event, told without a date: on or a few days before publication.
                start, end, precision, rank = doc.published - dt.timedelta(days=6), doc.published, "week", 1
            location, location_country = event_location(doc, sent, hit.start, obj_hi, event_type == "visit")
            base_conf = 0.9 if hit.trigger is not None else 0.75
            for k, obj in enumerate(objs):
                participants = list(subject.people + subject.countries + subject.orgs)
                participants += list(obj.people + obj.countries + obj.orgs)
                codes = set(subject.codes | obj.codes | named_codes)
                if event_type == "visit" and location_country:
                    codes.add(location_country)
                    if not any(p.entity_type == "country" and p.country == location_country for p in participants):
                        participants.append(country_participant(location_country, "host"))
                for c in named_codes:
                    participants.append(country_participant(c, "participant"))
                weak = len(codes) <= 1 and not hit.name
                mention = EventMention(
                    mention_id=_mention_id(doc, sent.start + hit.start, k, event_type),
                    article_id=doc.article_id,
                    source_path=doc.source_path,
                    order=sent.start + hit.start + k,
                    event_type=event_type,
                    status=status,
                    start_date=start,
                    end_date=end,
                    date_precision=precision,
                    date_rank=rank,
                    name=hit.name,
                    location=location,
                    location_country=location_country,
                    countries=tuple(sorted(codes)),
                    char_start=sent.start,
                    char_end=sent.end,
                    evidence=text,
                    confidence=round(base_conf - (0.15 if weak else 0.0), 2),
                    participants=tuple(participants),
                    group=f"{doc.article_id}:{sent.start}:{hit.start}" if split else None,
                    weak=weak,
                    frame=False,
                    rule=hit.trigger.name if hit.trigger is not None else None,
                )
                trig_text = text[hit.start:hit.end]
                nominal = hit.trigger is None or bool(_NOMINAL.match(trig_text)) or trig_text.endswith("ing")
                mention = replace(mention, frame=_is_frame(mention, doc, nominal))
                this_sentence.append(mention)
        for m in this_sentence:
            out.append(m)
            state.seen_event = True
            if m.start_date is not None and m.date_rank >= 2:
                state.last_date = m.start_date
            if m.frame:
                state.last_frame = m
        prev_sentence_events = this_sentence
    return out


def _is_frame(m: EventMention, doc: Doc, nominal: bool) -> bool:
    """The release's own event (what happened around its date), not one recalled or planned."""
    if m.status == "planned" or m.event_type == "announcement" and m.start_date is None:
        return False
    if m.start_date is None or doc.published is None:
        return not nominal and m.name is None
    if m.date_precision not in ("day", "week"):
        return False  # "this year", "in May": too vague to be the release's own event
    recent = 0 <= (doc.published - m.start_date).days <= 14 or m.start_date <= doc.published <= m.end_date
    return recent and (not nominal or m.date_rank >= 2)


def _add_attendance(doc: Doc, sent: Sent, out: list[EventMention], prev: list[EventMention]):
    """ "A, B and C were present.": their people join the event told just before."""
    z = zone(doc, sent.start, sent.end, "participant", home_default=False)
    if not (z.people or z.countries):
        return out, []
    target = prev[-1]
    updated = replace(target, participants=target.participants + z.people + z.countries + z.orgs,
                      countries=tuple(sorted(set(target.countries) | z.codes)), weak=False)
    out = [updated if m.mention_id == target.mention_id else m for m in out]
    return out, prev[:-1] + [updated]


__all__ = ["Hit", "SPLIT_EACH", "attach_names", "clean_name", "event_location", "family",
           "find_event_mentions"]
