"""Who takes part in an event mention: persons, countries and organizations found in a text zone."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from transforms.extract.document import Doc, Sent
from transforms.extract.issuer import home_office
from transforms.extract.lexicon import event_rules
from transforms.extract.participation import only_mentioned, reports
from transforms.extract.records import ParticipantMention
from transforms.names import person_key
from transforms.names.geo import lookalike
from transforms.names.office import find_offices
from transforms.reference import load
from transforms.reference.gazetteers import GAZETTEER_OFFICES

# A country word used as a possessive or topic ("Russia's war", "on Ukraine") is not a party.
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")


@lru_cache(maxsize=1)
def _possessive_party() -> re.Pattern:
    """A country's own institution, envoy or office holder after its possessive ("China's foreign ministry", "Togo's
    envoy"): the country takes part (names/participation.yaml possessive_party)."""
    return load("names/participation.yaml").key_regex("possessive_party")
# "in Japan", "at the Embassy of Japan": the country is where, not who (visits read it as who).
# Capitalised too ("In Singapore he will meet ...").
_LOCATIVE_BEFORE = re.compile(r"\b(?i:in|at|near|across|throughout|within|inside|outside|around|from)\s+(?:the\s+)?"
                              r"(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?,\s*)?$")  # "in Vilnius, Lithuania"
# Who comes "from" a country is of it: people named by their group ("her counterpart from Chile", "Delegations from
# Russia and Ukraine met", "Officials from both Japan and Korea", "negotiators from the United States").
_ORIGIN_BEFORE = re.compile(r"\b(?:counterparts?|colleagues?|delegations?|delegates|officials?|ministers?|"
                            r"representatives?|envoys?|leaders?|diplomats?|negotiators?|experts?|teams?|lawmakers|"
                            r"parliamentarians|heads of (?:state|government|delegation)s?)\s+from\s+(?:both\s+)?"
                            r"(?:the\s+)?(?:[\w'.-]+(?:\s+[\w'.-]+)?,\s*)?$", re.I)  # "from North Macedonia, | Moldova"
# Subjects that point back at the people of the event told before.
PLURAL_ANAPHOR = re.compile(
    r"^(?:they|both|both sides|both leaders|the two(?: [\w-]+)?|the (?:leaders|ministers|foreign ministers|officials|"
    r"delegations|sides|parties|presidents|heads of state|counterparts|participants|co-chairs|chairs|signatories|"
    r"prime ministers|heads of government|heads of delegation)|all (?:the )?parties|"
    r"the foreign ministers|the ministers|the (?:\w+ )?group)\b", re.I)
# "his visit to Lima": his own; not an honorific ("His Majesty the King", "Her Excellency", "His Royal Highness").
SINGULAR_ANAPHOR = re.compile(r"^(?:he|she|(?:his|her)(?!\s+(?:majesty|excellency|highness|royal|holiness|eminence|beatitude|serene|grace)\b))\b",
                              re.I)
# An office named without its holder ("The minister then held talks", "the Cabinet Secretary was received"):
# the person of that office told before. Group "office": the head word a title must hold.
OFFICE_ANAPHOR = re.compile(r"^the (?:(?:foreign|prime|deputy|vice|cabinet|state|chief|visiting|two-day)\s+)?"
                            r"(?P<office>minister|secretary|president|chancellor|premier|ambassador|envoy|king|queen|"
                            r"emir|amir|sultan|governor|commissioner|tánaiste|taoiseach)\b(?!\s+(?:of|for)\b)", re.I)
# Sides named anywhere in a subject ("border commanders from both sides"): the countries of the event told before.
BOTH_SIDES = re.compile(r"\b(?:both|the two) (?:sides|countries|governments|nations|delegations)\b", re.I)
_WE = re.compile(r"\b(?:we|our|us)\b")
_WE_ANY = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")  # also opening a sentence ("We also met"; "US" is a country)
# A document several governments issue together: its "we" is all of them.
JOINT_TITLE = re.compile(r"\bjoint (?:statement|declaration|communiqu|readout)|\bleaders['’]? (?:statement|declaration)|"
                         r"\bcommuniqu|\bdeclaration\b", re.I)


@dataclass(frozen=True)
class Zone:
    """Participants found in one stretch of a sentence."""

    people: tuple[ParticipantMention, ...]
    countries: tuple[ParticipantMention, ...]
    orgs: tuple[ParticipantMention, ...]

    @property
    def codes(self) -> set[str]:
        return {p.country for p in self.people + self.countries if p.country}


def _person(p, role: str, country: str | None) -> ParticipantMention:
    start = getattr(p, "name_start", p.start)
    end = getattr(p, "name_end", p.end)
    return ParticipantMention("person", p.name, p.name_as_written, getattr(p, "title", None), country, role, start, end)


def country_participant(code: str, role: str, start: int | None = None, end: int | None = None,
                        written: str | None = None) -> ParticipantMention:
    """A country taking part (name resolved when entities are built)."""
    return ParticipantMention("country", code, written or code, None, code, role, start, end)


def people_in(doc: Doc, start: int, end: int, unnamed: bool = False) -> list:
    """Person mentions named in the text whose name starts inside [start, end).

    An office told without a name ("the Nigerian Minister of Foreign Affairs") is not a
    participant even when the gazetteer knows its holder (ANNOTATION.md: every *named* person):
    the reader of the article alone does not know who it is, and the holder on the
    publication date need not be the one meant. unnamed=True also returns those offices."""
    return [p for p in doc.people.starting_in(start, end, doc.limit)
            if getattr(p, "name_start", p.start) < end and (unnamed or named(p, doc))]


def named(p, doc: Doc | None = None) -> bool:
    """Whether the article names the person of a mention: the mention writes (part of) the name,
    or it is an office ("the Minister") whose person the article names elsewhere."""
    if doc is not None and p.name in doc.named:
        return True
    written = set(person_key(p.name_as_written).split())
    return bool(written & set(person_key(p.name).split()))


def zone(doc: Doc, start: int, end: int, role: str, *, home_default: bool = False,
         locative_ok: bool = False) -> Zone:
    """Persons, countries and organizations in text[start:end], each with `role`.

    home_default: a person with no known country (and no organization) is the publisher's own
    official ("Secretary Blinken met with ...") when the article has a home country.
    locative_ok: keep countries after "in/at" (a visit's destination is a party).
    """
    text = doc.text
    people = []
    people_orgs: list[ParticipantMention] = []
    covered: list[tuple[int, int]] = []
    covered_codes: list[str | None] = []  # the country of each covered person
    office_countries: list[ParticipantMention] = []
    own_names: list[tuple[int, int, frozenset[str]]] = []  # the name each person is written with, and its words
    for p in people_in(doc, start, end, unnamed=True):
        country = getattr(p, "country", None) or _country_after(doc, p.end)
        org = getattr(p, "organization", None)
        covered.append((p.start, p.end))
        covered_codes.append(country)
        own_names.append((p.name_start, p.name_end, frozenset(person_key(p.name).split())))
        if acts_for_organization(p):
            country = None  # "High Representative Kaja Kallas": the EU's official, not Estonia's (the gazetteer's)
        if reports(text, p.start):
            continue  # "Readout by Spokesperson X of ...": X tells the event, X takes no part
        if not named(p, doc):
            # "Japan's prime minister": no person, but the office's country takes part.
            if country:
                office_countries.append(country_participant(country, role, p.start, p.end, p.name_as_written))
            continue
        if country is None and home_default and not org:
            country = doc.home  # an organization's official ("NATO Secretary General X") is not the publisher's
        people.append(_person(p, role, country))
        if org:
            # "NATO Secretary General Dekker": the organization takes part through its official.
            people_orgs.append(ParticipantMention("organization", org, org, None, None, role, None, None))
    countries = office_countries
    portfolio_end = -1
    for c in doc.countries.within(start, end):
        code = getattr(c, "code", None)
        if not code:
            continue
        if event_rules().portfolio_before.search(text[max(0, c.start - 60):c.start]) or (
                portfolio_end >= 0 and re.fullmatch(r"\s*\(", text[portfolio_end:c.start])):
            portfolio_end = c.end  # "Special Envoy for Yemen", "... for the DPRK (North Korea)": not a party
            continue
        if any(s <= c.start < e and set(person_key(c.text).split()) <= words for s, e, words in own_names):
            continue  # a word of a person's own name ("Prime Minister Luis Montenegro", "envoy Chad Fowler")
        holder = next((k for (s, e), k in zip(covered, covered_codes) if s <= c.start < e), "")
        if lookalike(code, holder):
            continue  # "Congolese President Tshisekedi": the gazetteer's COD, not the word's COG
        inside_person = any(s <= c.start < e for s, e in covered)
        if not inside_person:
            if _POSSESSIVE_AFTER.match(text[c.end:c.end + 3]) and not _possessive_party().match(text, c.end):
                continue
            if not locative_ok and _LOCATIVE_BEFORE.search(text, max(start, c.start - 25), c.start) and not (
                    _ORIGIN_BEFORE.search(text, max(0, c.start - 60), c.start)):
                continue
        countries.append(country_participant(code, role, c.start, c.end, c.text))
    for r in doc.regions.within(start, end):
        for code in r.value.members:
            countries.append(country_participant(code, role, None, None, r.text))
    countries += _capital_parties(doc, start, end, role, covered)
    orgs = list(people_orgs)
    for o in doc.orgs.within(start, end):
        if any(s <= o.start < e for s, e in covered):
            continue  # "Chief of the General Staff of the Israel Defense Forces": part of a title
        name = getattr(o, "name", None) or o.text
        if any(x.name == name for x in orgs):
            continue
        orgs.append(ParticipantMention("organization", name, o.text, None, None, role, o.start, o.end))
    return Zone(tuple(people), tuple(countries), tuple(orgs))


# The offices a state's officials hold (office_holders.csv): a person of an organization who holds one of them
# acts for the state ("Dutch Prime Minister Mark Rutte"); any other office of theirs is the organization's.
_STATE_OFFICES = frozenset(GAZETTEER_OFFICES) - {"Secretary General"}


def acts_for_organization(person) -> bool:
    """An official who speaks for an international organization, not a country: a person the gazetteer gives an
    organization, named with no country or with an office that is no state's ("NATO Secretary General Mark
    Rutte", "High Representative Kaja Kallas"); "Prime Minister Mark Rutte" acts for the Netherlands."""
    if not getattr(person, "organization", None):
        return False
    title = getattr(person, "title", None) or ""
    if not getattr(person, "country", None):
        return True
    return bool(title) and title not in _STATE_OFFICES and not title.startswith("Minister")


# Capitals for their governments, coordinated with another party ("Beijing and Washington agreed", "talks between
# Moscow and Kyiv", "Seoul and Japan"); not where the pair is a place ("flights to Paris and Berlin", "in Rome and
# Milan") nor part of a name ("the Paris Agreement").
_AND = re.compile(r"\s+and\s+")
_PLACE_PREP = re.compile(r"\b(?i:in|at|to|from|near|via|into|of|outside|across|around|towards?|for|on|by|through|"
                         r"over|within|inside|visiting|visited|visit|visits|left|leaves|reached)\s+(?:the\s+)?$")
_NAME_AFTER = re.compile(r"[\s-]+(?!and\b)[A-Z]")


def _capital_parties(doc: Doc, start: int, end: int, role: str,
                     covered: list[tuple[int, int]]) -> list[ParticipantMention]:
    """The governments a pair of capitals (or a capital and a country) names in text[start:end]."""
    text = doc.text
    sent = doc.sentences[doc.sentence_index(start)]
    capitals = [p for p in doc.places_in(sent) if start <= p.start < end and p.value.capital
                and not any(a <= p.start < b for a, b in covered)]
    if not capitals:
        return []
    sides = {p.start: (p.end, p.value.country) for p in capitals}
    sides.update({c.start: (c.end, c.code) for c in doc.countries.within(start, end) if getattr(c, "code", None)})
    out = []
    for p in capitals:
        after = _AND.match(text, p.end)
        partner_after = after is not None and after.end() in sides
        before = next((s for s, (e, _) in sides.items() if s < p.start and _AND.fullmatch(text, e, p.start)), None)
        if not (partner_after or before is not None) or _NAME_AFTER.match(text, sides.get(
                after.end() if partner_after else p.start, (p.end, None))[0]):
            continue
        head = before if before is not None else p.start
        if _PLACE_PREP.search(text, max(0, head - 25), head) and not _ORIGIN_BEFORE.search(text, max(0, head - 60), head):
            continue  # "flights to Paris and Berlin"; not "officials from Seoul and Tokyo"
        out.append(country_participant(p.value.country, role, p.start, p.end, p.text))
    return out


_OF_AFTER = re.compile(r"\s*,?\s+(?:of|from)\s+(?:the\s+)?")


def _country_after(doc: Doc, pos: int) -> str | None:
    """The country in "Prime Minister Moen of Norway" right after a name."""
    m = _OF_AFTER.match(doc.text, pos)
    if m is None:
        return None
    for c in doc.countries.within(m.end(), m.end() + 60):
        if c.start == m.end():
            return getattr(c, "code", None)
    return None


def home_official(doc: Doc, start: int, end: int) -> bool:
    """True when text[start:end] names the publisher's own office or speaks as 'we'."""
    if doc.home is None:
        return False
    chunk = doc.text[start:end]
    return bool(home_office().search(chunk) or _WE.search(chunk))


def joint_we(doc: Doc, start: int, end: int) -> bool:
    """True when text[start:end] speaks as 'we' in a document several governments issue together (a joint
    statement, a communique) whose publisher is not one of them."""
    return doc.home is None and bool(_WE_ANY.search(doc.text, start, end) and JOINT_TITLE.search(doc.title or ""))


# A sentence opened by an event as its setting ("At the X Summit on March 3, | the presidents ... agreed") and the
# verb that ends the subject after it (a lowercase past or a modal: "agreed", "met", "will").
_OPENING_SETTING = re.compile(r"^(?:at|during|in|on the (?:sidelines|margins) of)\s+(?:(?:the|their|his|her|its)\s+)?"
                              r"(?P<name>[^,]{3,120}),\s*",
                              re.I)
_MAIN_VERB = re.compile(r"\b(?:[a-z]\w*ed|met|held|said|signed|took|made|will|would|shall|have|has)\b")


def setting_subject(doc: Doc, sent: Sent, name_end: int) -> Zone | None:
    """Who attends an event that opens the sentence as its setting and ends before `name_end` (relative to the
    sentence): the sentence's subject ("At the Andean Leaders' Summit on March 3, the presidents of Peru and Chile
    agreed ..."); None for another sentence."""
    opening = _OPENING_SETTING.match(sent.text)
    if opening is None or opening.end("name") < name_end:
        return None
    verb = _MAIN_VERB.search(sent.text, opening.end())
    if verb is None:
        return None
    return zone(doc, sent.start + opening.end(), sent.start + verb.start(), "participant")


def opening_subject(doc: Doc, sent: Sent, lo: int, hit_start: int, hit_end: int, role: str) -> Zone | None:
    """The subject of an encounter told in the phrase that opens the sentence with nobody named before it ("In
    his meeting with X, the President of Y praised ...", "At their meeting in Lima, the ministers of A and B
    agreed ..."): the sentence's subject after the comma; None elsewhere (offsets relative to the sentence)."""
    before = zone(doc, sent.start + lo, sent.start + hit_start, "participant")
    if before.people or before.countries or before.orgs:
        return None
    opening = setting_subject(doc, sent, hit_end)
    if opening is None or not (opening.people or opening.countries):
        return None
    return Zone(with_role(opening.people, role), with_role(opening.countries, role), opening.orgs)


def party_body(subject: Zone, objs: list[Zone], encounter: bool, told: str) -> bool:
    """An encounter of a standing body or a group of officials that names no person or organisation ("The Joint
    Working Group met in Arica", "the permanent secretaries of the two ministries met"): a body of the article's
    own parties (events/triggers.yaml party_bodies)."""
    if not encounter or subject.people or subject.orgs or any(z.people or z.orgs for z in objs):
        return False
    return bool(event_rules().party_bodies.search(told))


_WE = re.compile(r"\b(?:we|our)\b", re.I)
_BY = re.compile(r"^\s*by\b", re.I)


def joint_act(subject: Zone, objs: list[Zone], subject_text: str, object_text: str) -> bool:
    """Whether an act is told as joint: two parties (countries, organisations, persons of no country) in its
    subject ("the U.S. and the EU announced"), in its agent when passive ("announced by Presidents A and B"), or
    the first-person plural of a joint statement ("we are announcing")."""
    def parties(z: Zone) -> set[str]:
        return z.codes | {o.name for o in z.orgs} | {p.name for p in z.people if not p.country}
    if _BY.match(object_text):
        return any(len(parties(z)) >= 2 for z in objs)
    return len(parties(subject)) >= 2 or bool(_WE.search(subject_text))


def last_person_before(doc: Doc, pos: int):
    """The last person mentioned before `pos` (the 'he' of the next sentence)."""
    return doc.people.last_within(pos)


def with_role(items: tuple[ParticipantMention, ...], role: str) -> tuple[ParticipantMention, ...]:
    """The same participants with another role."""
    return tuple(replace(p, role=role) for p in items)


def region_members(doc: Doc, start: int, end: int) -> set[str]:
    """Members of regions and groups named in text[start:end]."""
    out: set[str] = set()
    for r in doc.regions.within(start, end):
        out.update(r.value.members)
    return out


# The tail of a name that says what the event is for ("International Humanitarian Conference | for Sudan and its
# Neighbours", "Conference on Afghanistan"): its countries are the topic, not the parties.
_TOPIC_TAIL = re.compile(r"\s(?:for|on|in support of)\s")


def name_countries(doc: Doc, start: int, end: int) -> set[str]:
    """Countries an event name states ("China-Central Asia Summit", "U.S.-Japan Dialogue"), not those of what it
    is for ("Conference for Sudan")."""
    tail = _TOPIC_TAIL.search(doc.text, start, end)
    end = tail.start() if tail else end
    codes = {c.code for c in doc.countries.within(start, end) if getattr(c, "code", None)}
    return codes | region_members(doc, start, end)


# A named event's hosts told right after it ("the Ukraine Recovery Conference | to be hosted by Germany and Ukraine",
# "the X Forum, co-chaired by Chile and Peru"), also past its place, day or manner ("the Conference for Sudan,
# convened in Paris on Monday by France and Germany", "the Y Summit, hosted virtually by Chile").
_HOSTED_BY = re.compile(r",?\s+(?:(?:to be|was|were|is|are|will be)\s+)?(?:co-?hosted|hosted|convened|organi[sz]ed|"
                        r"co-?chaired|chaired)(?:\s+\w+ly)?(?:\s+(?:in|on|at|last|this)\s+[^,;.()]{1,40}?)?\s+"
                        r"(?:jointly\s+)?by\s+")


def name_hosts(doc: Doc, end: int) -> set[str]:
    """The countries told as hosting the named event that ends at `end` (none when no "hosted by" follows)."""
    by = _HOSTED_BY.match(doc.text, end)
    if by is None:
        return set()
    stop = re.search(r"[,;.]\s|\s(?:in|on|at|to|from|which|that)\s", doc.text[by.end():by.end() + 120])
    hosts = zone(doc, by.end(), by.end() + (stop.start() if stop else 120), "host")
    return hosts.codes


def person_country(p) -> str | None:
    """The country a person mention represents, when known."""
    return getattr(p, "country", None)


# ------------------------------------------------------------------ attendance (participation cues)

# "on the Kenyan side", "the Ghanaian delegation", "Kenya's delegation": the country of the people after it.
_SIDE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:side|delegation|delegations|team)\b")
_SIDE_BEFORE = re.compile(r"\bdelegations?\s+of\s+(?:the\s+)?$", re.I)
_CLAUSE_END = re.compile(r".*[;:]\s*", re.S)


def attendance(doc: Doc, sent: Sent, whole: bool = False) -> Zone | None:
    """The people a participation cue of the sentence says take part (names/participation.yaml),
    with their countries; whole=True reads every person of the sentence (an item of a list that
    a cue introduced: "The following ministers took part:")."""
    if whole:
        scopes = [(sent.start, sent.end, "participant", None)]
    else:
        scopes = [(*_cue_scope(doc, sent, hit), hit.cue.role, hit) for hit in doc.participation.get(sent.index, ())]
    people: list[ParticipantMention] = []
    orgs: list[ParticipantMention] = []
    seen: set[int] = set()
    sides = _side_countries(doc, sent)
    for lo, hi, role, hit in scopes:
        shared = _shared_country(doc, sent, hit) if hit is not None and hit.cue.shares_country else None
        for p in people_in(doc, lo, hi):
            start = getattr(p, "name_start", p.start)
            if start in seen or not p.name:
                continue
            seen.add(start)
            side = next((code for pos, code in reversed(sides) if pos < p.start), None)
            org = getattr(p, "organization", None)
            country = getattr(p, "country", None) or _country_after(doc, p.end) or (None if org else side or shared)
            people.append(_person(p, role, country))
            if org and not any(o.name == org for o in orgs):
                orgs.append(ParticipantMention("organization", org, org, None, None, role, None, None))
    if not people:
        return None
    codes = sorted({p.country for p in people if p.country})
    return Zone(tuple(people), tuple(country_participant(c, "participant") for c in codes), tuple(orgs))


def _cue_scope(doc: Doc, sent: Sent, hit) -> tuple[int, int]:
    """Where a cue's people are: after it to the sentence end, or before it from the clause start."""
    if hit.cue.scope == "after":
        return hit.end, sent.end
    clause = _CLAUSE_END.match(doc.text, sent.start, hit.start)
    return (clause.end() if clause else sent.start), hit.start


def _side_countries(doc: Doc, sent: Sent) -> list[tuple[int, str]]:
    """(position, country) of the side and delegation phrases of a sentence, in order."""
    out = []
    for c in doc.countries.within(sent.start, sent.end):
        code = getattr(c, "code", None)
        if code and (_SIDE_AFTER.match(doc.text[c.end:c.end + 16])
                     or _SIDE_BEFORE.search(doc.text[max(sent.start, c.start - 20):c.start])):
            out.append((c.start, code))
    return out


def _shared_country(doc: Doc, sent: Sent, hit) -> str | None:
    """The country of whom the cue's people accompany: the first person before the cue with one,
    else the release's own country when that is its own official ("The Minister was accompanied")."""
    for p in people_in(doc, sent.start, hit.start, unnamed=True):
        if getattr(p, "country", None):
            return p.country
    return doc.home if home_official(doc, sent.start, hit.start) else None


def add_unplaced_attendees(doc: Doc, events: list) -> list:
    """Events with the people of participation cues that found no event in the body (a release
    whose only event is told in its title): they join the release's own event."""
    if not events or not doc.participation:
        return events
    held = {p.name for m in events for p in m.participants if p.entity_type == "person"}
    new: list[ParticipantMention] = []
    for sent in doc.sentences:
        if sent.index in doc.participation:
            z = attendance(doc, sent)
            new += [p for p in (z.people if z else ()) if p.name not in held and p.name not in {q.name for q in new}]
    if not new:
        return events
    target = next((m for m in events if m.frame), events[0])
    codes = {p.country for p in new if p.country}
    updated = replace(target, participants=target.participants + tuple(new),
                      countries=tuple(sorted(set(target.countries) | codes)))
    return [updated if m.mention_id == target.mention_id else m for m in events]


def add_sentence_people(doc: Doc, events: list) -> list:
    """The named people of an event's sentence that no event of the sentence took in ("... was received by the
    Vice-President, X, and met with the Minister of Agriculture, Y"; "co-chaired the Joint Commission together
    with Minister of Economy Z") join its first event: a titled person (or one the gazetteer places) whose
    country takes part in it, unless only mentioned ("the initiative of President X", participation.yaml
    mentioned) or reporting it; an event told with nobody taking part gets no one. They do not set two tellings
    apart (EventMention.present): a sentence that tells again an encounter told before may name others too."""
    held: dict[int, set[str]] = {}
    for m in events:
        held.setdefault(m.char_start, set()).update(p.name for p in m.participants if p.entity_type == "person")
    out, done = [], set()
    for m in events:
        if m.headline or not m.participants or m.char_start in done:
            out.append(m)
            continue
        done.add(m.char_start)
        names = held[m.char_start]
        new = []
        for p in people_in(doc, m.char_start, m.char_end):
            country = getattr(p, "country", None)
            if (p.name in names or not (getattr(p, "title", None) or country) or (country and country not in m.countries)
                    or reports(doc.text, p.start) or only_mentioned(doc.text, p.start, p.end)):
                continue
            names.add(p.name)
            new.append(_person(p, "participant", country))
        out.append(replace(m, participants=m.participants + tuple(new), present=m.present + tuple(p.name for p in new))
                   if new else m)
    return out


def add_commitment_actors(events: list, commitments: list) -> list:
    """The named officials who make a commitment at an event take part in it ("Ruben Rubinyan and former
    Turkish ambassador Serdar Kilic also agreed to open the land border": the envoys' meeting). Like the
    sentence's people, they do not set two tellings apart (EventMention.present)."""
    adds: dict[str, list] = {}
    for c in commitments:
        if c.event_mention_id and c.actor_people:
            adds.setdefault(c.event_mention_id, []).extend(c.actor_people)
    if not adds:
        return events
    out = []
    for m in events:
        held = {p.name for p in m.participants if p.entity_type == "person"}
        new = []
        for p in adds.get(m.mention_id, ()):
            if p.name not in held and p.name:
                held.add(p.name)
                new.append(replace(p, role="participant"))
        out.append(replace(m, participants=m.participants + tuple(new), present=m.present + tuple(p.name for p in new))
                   if new else m)
    return out


def joins_own_event(doc: Doc, sent: Sent) -> bool:
    """Whether a cue of the sentence gives people of the release's own event ("Participants: ...")."""
    return any(hit.cue.joins == "own" for hit in doc.participation.get(sent.index, ()))


def ends_with_colon(sent: Sent) -> bool:
    """A sentence that introduces a list ("The following ministers took part:")."""
    return sent.text.rstrip().endswith(":")


def trip_legs(subject: Zone, obj: Zone) -> bool:
    """A trip whose object names two or more countries, each in the text (not the members of a region), none of
    them the traveller's own, and nobody to meet: the countries are its legs."""
    named = {c.country for c in obj.countries if c.char_start is not None}
    return (bool(subject.codes) and not obj.people and len(named) >= 2 and named == obj.codes
            and not subject.codes & obj.codes)


def unnamed_offices(doc: Doc, sent: Sent, spans: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    """The offices told without a name in these spans of a sentence (its subject and object), as "title|ISO3":
    "the Speaker of Parliament" ("Speaker|"), "the Minister of Trade of Ghana" ("Minister of Trade|GHA"); not
    the office of a named person ("Foreign Minister Jane Doe")."""
    out: list[str] = []
    for lo, hi in spans:
        if hi <= lo:
            continue
        a, b = sent.start + lo, sent.start + hi
        # A person written by name ("Foreign Minister Jane Doe"), not an office the gazetteer put a name to.
        named = [(p.start, p.end) for p in doc.people.within(a, b) if not find_offices(p.name_as_written)]
        for o in find_offices(sent.text[lo:hi]):
            s, e = a + o.start, a + o.end
            if o.titles and not any(ps < e and s < pe for ps, pe in named):
                out.append(f"{o.titles[0]}|{o.country or ''}")
    return tuple(dict.fromkeys(out))


def is_diplomatic(subject: Zone, objs: list[Zone], named: bool, two_sides: bool = False) -> bool:
    """Somebody takes part: a person, a country, an organization, or the event is named; two of them (two people,
    or two countries, or a person and an organization) when the trigger is a reciprocal verb (`two_sides`)."""
    people = subject.people + tuple(p for z in objs for p in z.people)
    codes = subject.codes | {c for z in objs for c in z.codes}
    orgs = subject.orgs + tuple(o for z in objs for o in z.orgs)
    if two_sides:
        return named or len({p.name for p in people}) + len(orgs) >= 2 or len(codes) >= 2
    return bool(named or people or codes or orgs)


__all__ = ["BOTH_SIDES", "OFFICE_ANAPHOR", "PLURAL_ANAPHOR", "SINGULAR_ANAPHOR", "Zone", "acts_for_organization",
           "add_commitment_actors", "add_sentence_people", "add_unplaced_attendees", "attendance", "country_participant",
           "ends_with_colon", "home_official", "is_diplomatic", "joins_own_event", "joint_act", "last_person_before",
           "name_countries", "named", "opening_subject", "party_body", "people_in", "person_country", "region_members",
           "trip_legs", "unnamed_offices", "with_role", "zone"]
