"""Merge event mentions into events (within and across documents) and build the event rows.

Grain: events = one row per distinct real-world event; event_mentions = one row per
(event, article, sentence); participants = one row per (event, entity). The merge is a pure
function of the mention records (no article text): a document is the raw record a mention
was told in (EventMention.document), never the file. The rules: CONVENTIONS.md, "Merging".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from schemas.vocab import PLOVER_BY_EVENT_TYPE
from transforms.extract import _deps
from transforms.extract.event_confidence import event_confidence, event_signals
from transforms.extract.events import family
from transforms.extract.identity import partner_key
from transforms.extract.lexicon import event_rules, places
from transforms.extract.merge_commitments import build_commitment_rows
from transforms.extract.records import EventMention, ParticipantMention
from transforms.extract.rows import Entities, Tables, country_name, entity_id, quarantine_row
from transforms.extract.tellings import distinct_tellings, document_of, event_telling, twins
from transforms.ids import make_id

# Named mentions of one event in one document may be told up to this far apart ("this month" vs "in May").
_NAME_DATE_SLACK = dt.timedelta(days=45)
# A title's event is not one that ended this long before the release.
_RECALLED = dt.timedelta(days=30)


@lru_cache(maxsize=8192)
def name_key(name: str | None) -> tuple[str, ...]:
    """Comparison tokens of an event name: no ordinal, article, punctuation or possessive."""
    if not name:
        return ()
    return tuple(_name_noise().sub(" ", name.replace("-", " ")).lower().split())


@lru_cache(maxsize=1)
def _name_noise() -> re.Pattern:
    """What names are compared without: articles, ordinals (events/triggers.yaml name_ordinals), possessives."""
    return re.compile(rf"\b(?:the|{event_rules().name_ordinals})\b|['’]s?\b|[^\w\s]", re.I)


def _names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal, or one is the tail of the other ("Foreign Ministers Meeting" in "China Central Asia ...")."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[len(long_) - len(short):] == short and len(short) >= 2


@lru_cache(maxsize=4096)
def _name_location(name: str | None) -> tuple[str | None, str | None]:
    """A place inside an event name ("Xi'an Summit" -> Xi'an)."""
    if not name:
        return None, None
    regex, lookup = places()
    m = regex.search(name)
    if m is None:
        return None, None
    place = lookup[m.group(0)]
    return place.name, place.country


@dataclass
class _Cluster:
    mentions: list[EventMention] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    names: list[tuple[str, ...]] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    apart: set[str] = field(default_factory=set)  # keys of its tellings (identity.keep_apart)
    documents: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)
    fam: str = ""
    rank: int = 0
    start: dt.date | None = None
    end: dt.date | None = None
    days: bool = False  # its span was told in days (not a month or a year)
    people: set[frozenset[str]] = field(default_factory=set)  # name tokens of the persons taking part
    offices: set[str] = field(default_factory=set)  # offices taking part told without a name ("title|ISO3")
    told: dict[str, set[str]] = field(default_factory=dict)  # article -> statuses its body mentions tell
    headline_only: bool = True  # every mention so far was read from a title
    has_frame: bool = False  # a body mention tells it as the release's own event

    def add(self, m: EventMention) -> None:
        self.mentions.append(m)
        self.headline_only = self.headline_only and m.headline
        self.has_frame = self.has_frame or (m.frame and not m.headline)
        self.countries.update(m.countries)
        self.people.update(person_tokens(m))
        self.offices.update(m.offices)
        if not m.headline and m.date_rank >= 2:
            self.told.setdefault(m.article_id, set()).add(m.status)
        if m.name:
            self.names.append(name_key(m.name))
        if m.group:
            self.groups.add(m.group)
        self.apart.update(m.apart)
        self.documents.add(document_of(m))
        self.articles.add(m.article_id)
        loc = m.location or _name_location(m.name)[0]
        if loc:
            self.locations.add(loc)
        self.fam = self.fam or family(m.event_type)
        self.rank = max(self.rank, m.date_rank)
        if m.start_date is not None and m.date_rank > 0:  # a rank-0 guess neither dates nor narrows
            if self.start is None:
                self.start, self.end = m.start_date, m.end_date
                self.days = m.date_precision == "day"
            elif self.fam == "visit" and self.days and m.date_precision == "day":
                pass  # a day of a trip told in days is one of its legs ("tomorrow he travels to X"), not all of it
            elif m.start_date <= self.end and self.start <= m.end_date:
                self.days = self.days or m.date_precision == "day"
                # Keep the overlap: the most precise statement of when it happened.
                self.start, self.end = max(self.start, m.start_date), min(self.end, m.end_date)


# Families whose tellings with different counterparts are different encounters (a signing told by
# its witnesses and by its signatories, or a summit by some of its leaders, stays one event).
_ENCOUNTER_FAMILIES = frozenset({"meet", "call"})


_OPPOSITE = {"planned": "occurred", "occurred": "planned"}


def person_tokens(m: EventMention) -> set[frozenset[str]]:
    """The persons of a mention, each as the tokens of its canonical name."""
    return {frozenset(_deps.person_key(p.name).split()) for p in m.participants
            if p.entity_type == "person" and p.name and p.name not in m.present}


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def people_contradict(a: set[frozenset[str]], b: set[frozenset[str]]) -> bool:
    """Two tellings name different encounters: each names somebody the other does not ("X called on
    President A" and "X then held talks with Minister B"). One naming fewer people is not a contradiction."""
    extra_a = any(not any(_same_person(p, q) for q in b) for p in a)
    extra_b = any(not any(_same_person(p, q) for q in a) for p in b)
    return extra_a and extra_b


def _same_office(a: str, b: str) -> bool:
    """"President|GHA" and "President|" are one office; so are "Minister|" and "Minister of Trade|GHA" (the
    shorter title says less, not something else)."""
    (ta, ca), (tb, cb) = a.split("|"), b.split("|")
    if ca and cb and ca != cb:
        return False
    wa, wb = set(ta.lower().split()), set(tb.lower().split())
    return wa <= wb or wb <= wa


def offices_contradict(a: set[str] | tuple[str, ...], b: set[str]) -> bool:
    """Two tellings name different unnamed counterparts: each names an office the other does not ("received by
    the President of Ghana" and "called on the Speaker of Parliament")."""
    extra_a = any(not any(_same_office(p, q) for q in b) for p in a)
    extra_b = any(not any(_same_office(p, q) for q in a) for p in b)
    return extra_a and extra_b


def _dates_compatible(m: EventMention, c: _Cluster, name_match: bool, same_document: bool) -> bool:
    """Dates agree at the precision told (the spans overlap); an undated telling, or an undated event, joins
    only within its document (ANNOTATION.md: an undated telling never joins another article's event)."""
    if m.start_date is None or m.date_rank == 0 or c.start is None:
        return same_document
    if m.start_date <= c.end and c.start <= m.end_date:
        return True
    if name_match and same_document:
        gap = max(m.start_date - c.end, c.start - m.end_date)
        return gap <= _NAME_DATE_SLACK
    return False


def _score(m: EventMention, c: _Cluster) -> float | None:
    """How well mention m fits cluster c; None when it cannot be the same event."""
    if family(m.event_type) != c.fam:
        return None
    if m.group and m.group in c.groups or any(partner_key(k) in c.apart for k in m.apart):
        return None  # "held talks respectively with A, B", "met X at the Y Summit": never one event
    key = name_key(m.name)
    name_match = any(_names_match(key, k) for k in c.names)
    same_document = document_of(m) in c.documents
    same_article = m.article_id in c.articles
    if (m.headline or c.headline_only) and not same_document:
        return None  # a title names its own release's event: other documents join it through their bodies
    if m.headline and m.start_date is not None and c.end is not None and (
            c.end < m.start_date - _RECALLED or c.start > m.end_date + _RECALLED):
        return None  # nor an event its body recalls from long before, or plans for long after
    loc = m.location or _name_location(m.name)[0]
    if key and c.names and not name_match:
        # Two names for one event ("Xi'an Summit", "China-Central Asia Summit"): same place, same document.
        if not (same_document and loc and loc in c.locations):
            return None
        name_match = True
    if not _dates_compatible(m, c, name_match, same_document):
        return None
    if not name_match and c.fam in _ENCOUNTER_FAMILIES and (people_contradict(person_tokens(m), c.people)
                                                             or offices_contradict(m.offices, c.offices)):
        return None
    if m.sequel and same_article and all(x.order < m.order for x in c.mentions if x.article_id == m.article_id):
        return None  # "In the afternoon the minister co-chaired ...": not the event told before it
    if not m.headline and m.date_rank >= 2 and _OPPOSITE.get(m.status) in c.told.get(m.article_id, ()):
        return None  # one article dates a meeting held and one still to come: two events
    a, b = set(m.countries), c.countries
    if not same_document and not name_match:
        # Across documents only a well-dated mention with the same parties can be the same event.
        if m.weak or len(a) < 2 or a != b or m.date_rank < 2 or c.rank < 2:
            return None
    # A title and its body tell one event with more or fewer of its parties.
    headline_pair = same_article and (m.headline or c.headline_only)
    if key and not c.names and not (len(a) >= 2 and a == b) and not headline_pair:
        return None  # a named event ("the X Conference") is not an unnamed meeting of other parties
    if not name_match:
        if headline_pair:
            if not (a <= b or b <= a):
                return None
        elif len(a) >= 2 and len(b) >= 2:
            if a != b:
                return None
        elif len(a) <= 1:
            if not a <= b or (not a and not same_document):
                return None
        elif not b <= a:
            return None
    score = 3.0 * name_match + 2.0 * same_article + 1.0 * same_document + len(a & b)
    if m.start_date is not None and m.date_rank > 0 and c.start is not None and m.start_date == c.start:
        score += 1.0
    if m.headline and c.has_frame:
        score += 0.5  # a title states the release's own event, not one its body recalls
    if m.headline and m.start_date is not None and c.start is not None and c.start <= m.end_date and (
            m.start_date <= c.end):
        score += 0.5  # ... told around its publication
    score += 0.01 * len(b)  # a vague mention joins the larger gathering
    return score


def order_keys(mentions: list[EventMention], published: dict[str, dt.date | None],
               record_keys: dict[str, str]) -> dict[str, tuple]:
    """article_id -> reading order: documents by earliest date, then sections in document order.

    Documents of one date are ordered by their content (their smallest article id), not by their
    path: ids derived from the first mention stay the same when a file is renamed or moved. (The
    document, path and record, only groups a compound article's sections.)
    """
    first_date: dict[str, dt.date] = {}
    content_key: dict[str, str] = {}
    for m in mentions:
        pub = published.get(m.article_id) or dt.date.max
        document = document_of(m)
        if pub < first_date.get(document, dt.date.max):
            first_date[document] = pub
        content_key[document] = min(content_key.get(document, m.article_id), m.article_id)
    out = {}
    for m in mentions:
        key = record_keys.get(m.article_id, "")
        section = tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", key))
        document = document_of(m)
        out[m.article_id] = (first_date.get(document, dt.date.max), content_key[document], section, m.article_id)
    return out


def _sort_key(m: EventMention, order: dict[str, tuple]):
    return (*order.get(m.article_id, (dt.date.max, m.article_id, (), m.article_id)), m.order)


def _index_keys(fam: str, m: EventMention) -> list[tuple]:
    """Where a mention's possible partners are: its document, its exact country set, its name."""
    keys = [(fam, "doc", document_of(m))]
    if len(m.countries) >= 2:  # only such mentions may join an event told in another document
        keys.append((fam, "set", m.countries))
    keys += [(fam, "n", t) for t in name_key(m.name)[-1:]]
    return keys


def cluster_mentions(mentions: list[EventMention], order: dict[str, tuple],
                     published: dict[str, dt.date | None] | None = None) -> list[list[EventMention]]:
    """Group mentions of one real event; strong mentions found events, vague ones join them; a telling
    repeated word for word in another document joins its twin's event (tellings.py).

    `order`: article_id -> reading order (order_keys); `published`: article_id -> publication date
    (an undated telling has a twin only in an article of the same, known, day).
    """
    published = published or {}
    twin = twins(mentions, lambda m: event_telling(m, published.get(m.article_id)), document_of,
                 lambda m: _sort_key(m, order))
    clusters = _found_clusters([m for i, m in enumerate(mentions) if i not in twin], order)
    where = {id(m): c for c in clusters for m in c.mentions}
    for i, j in sorted(twin.items()):
        c = where.get(id(mentions[j]))
        if c is not None:  # a twin of a telling that founded nothing founds nothing either
            c.mentions.append(mentions[i])
    return [sorted(c.mentions, key=lambda m: _sort_key(m, order)) for c in clusters]


def _found_clusters(mentions: list[EventMention], order: dict[str, tuple]) -> list[_Cluster]:
    """Clusters of distinct tellings: each joins the best-scoring event it may be (`_score`) or founds one."""
    # Best-told mentions found events first (explicit dates, places, names), so that vaguer
    # ones ("this month", "the Xi'an Summit") meet a complete picture when they are placed.
    ordered = sorted(mentions, key=lambda m: (-m.date_rank, m.location is None, _sort_key(m, order)))
    clusters: list[_Cluster] = []
    # Candidate clusters are found through what a match needs: a shared country, document or name word.
    index: dict[tuple, list[int]] = defaultdict(list)
    for pass_weak in (False, True):
        for m in ordered:
            if m.weak != pass_weak:
                continue
            fam = family(m.event_type)
            keys = _index_keys(fam, m)
            seen: set[int] = set()
            best, best_score = None, None
            for key in keys:
                for i in index.get(key, ()):
                    if i in seen:
                        continue
                    seen.add(i)
                    s = _score(m, clusters[i])
                    if s is not None and (best_score is None or s > best_score or (s == best_score and i < best)):
                        best, best_score = i, s
            if best is None:
                if pass_weak and not m.countries and not m.name:
                    continue  # nothing to found an event on, and nothing it belongs to
                clusters.append(_Cluster())
                best = len(clusters) - 1
            clusters[best].add(m)
            for key in keys:
                if best not in index[key]:
                    index[key].append(best)
    return clusters


def _event_dates(ms: list[EventMention]) -> tuple[dt.date | None, dt.date | None, str]:
    dated = [m for m in ms if m.start_date is not None]
    if not dated:
        return None, None, "unknown"
    top = max(m.date_rank for m in dated)
    best = [m for m in dated if m.date_rank == top]
    if all(family(m.event_type) == "visit" for m in ms):
        # A trip spans the days its legs are told on ("from 8 to 10 February" and "on 10 February,
        # travelled to Samarkand"): the widest stated span of days.
        days = [m for m in best if m.date_precision == "day" and m.end_date >= m.start_date]
        if days:
            widest = max(days, key=lambda m: (m.end_date - m.start_date).days)
            return widest.start_date, widest.end_date, "day"
    # Narrowest span among the best-ranked, then the overlap of those that agree with it.
    anchor = min(best, key=lambda m: ((m.end_date - m.start_date).days if m.end_date >= m.start_date else 10**6))
    start, end = anchor.start_date, anchor.end_date
    for m in best:
        if m.start_date <= end and start <= m.end_date and m.start_date >= start and m.end_date <= end:
            start, end = max(start, m.start_date), min(end, m.end_date)
    precision = anchor.date_precision
    # Less certain tellings (relative to a dateline or metadata) that agree and are more
    # precise narrow a period to the days they span: "met today" in the readout inside "in
    # November 2022" of a later article gives that day; "opened today" and "concluded today"
    # give the days between. A stated range of days is kept: its days are parts of it.
    inside = [] if precision == "day" else [
        m for m in dated if m.date_rank >= 2 and start <= m.start_date <= m.end_date <= end
        and m.end_date - m.start_date < end - start]
    if inside:
        lo, hi = min(m.start_date for m in inside), max(m.end_date for m in inside)
        if hi - lo < end - start:
            days = all(m.date_precision == "day" for m in inside)
            widest = max(inside, key=lambda m: m.end_date - m.start_date)
            start, end, precision = lo, hi, "day" if days else widest.date_precision
    return start, end, precision


def _status(ms: list[EventMention]) -> str:
    statuses = {m.status for m in ms}
    if "occurred" in statuses:
        return "occurred"
    if "planned" in statuses:
        return "planned"
    return "unknown"


def _best_name(ms: list[EventMention]) -> str | None:
    names = [m.name for m in ms if m.name]
    return max(names, key=lambda n: (len(name_key(n)), len(n))) if names else None


# Where an event's name may start in a sentence that tells the event itself ("The Nordic-Baltic Summit will be
# held in Geneva", "On Monday, the X Forum opened"), not in passing.
_SUBJECT_REACH = 30


def _only_named(ms: list[EventMention]) -> bool:
    """Whether an event is a name only: no one is told as taking part in any telling, and no telling has it as
    its sentence's subject ("preparations for the upcoming NATO Summit", "building on the commitments of the
    Hiroshima Summit"). Such a name is not an event row, as a programme or treaty only named is not
    (ANNOTATION.md: an event's countries are those taking part)."""
    if any(m.countries or m.participants or m.rule is not None for m in ms):
        return False  # a party, or a verb that tells the event ("chaired the second Alpine Meeting")
    return not any(m.name and 0 <= m.evidence.find(m.name) <= _SUBJECT_REACH for m in ms)


def _event_countries(ms: list[EventMention]) -> list[str]:
    """The countries taking part: every telling's, but a title's only when the body names fewer than two, or when it
    is the publisher's own (a title sums up: "travels to Central Asia" is the two countries the body names, not the
    region's five; the publisher's office in the title takes part in the trip its body tells)."""
    body = {c for m in ms if not m.headline for c in m.countries}
    if len(body) < 2:
        return sorted({c for m in ms for c in m.countries})
    return sorted(body.union(*(_home_countries(m) for m in ms if m.headline)))


def _home_countries(m: EventMention) -> set[str]:
    """The countries of a mention given by the publisher's home, not by a name in the text (the release's own
    office: "Senior Official Kamian's Travel to ...")."""
    return {p.country for p in m.participants if p.entity_type == "country" and p.char_start is None
            and p.name_as_written == p.country}


def build_event_rows(mentions: list[EventMention], order: dict[str, tuple], tables: Tables, entities: Entities,
                     published: dict[str, dt.date | None] | None = None) -> dict[str, str]:
    """Events, event_mentions and participants; returns mention_id -> event_id.

    `order`: article_id -> reading order (order_keys); `published`: article_id -> publication date."""
    mention_to_event: dict[str, str] = {}
    for ms in cluster_mentions(mentions, order, published):
        first = ms[0]
        if _only_named(ms):
            continue
        # The evidence: the most informative statement in the first article (a dated body
        # sentence before an undated one, any body sentence before the title).
        lead = min((m for m in ms if m.article_id == first.article_id),
                   key=lambda m: (m.headline, -m.date_rank, _sort_key(m, order)))
        strong = [m for m in ms if not m.weak] or ms
        types = Counter(m.event_type for m in strong)
        event_type = max(types, key=lambda t: (types[t], -next(i for i, m in enumerate(strong) if m.event_type == t)))
        event_id = make_id("evt", lead.article_id, lead.char_start, lead.order, family(event_type))
        start, end, precision = _event_dates(ms)
        countries = _event_countries(ms)
        locations = Counter(m.location for m in ms if m.location)
        name = _best_name(ms)
        status = _status(ms)
        signals = event_signals(ms, event_type, countries, precision, status, name, distinct_tellings(ms))
        location = None
        location_country = None
        if locations:
            location = locations.most_common(1)[0][0]
            location_country = next(m.location_country for m in ms if m.location == location)
        elif name:
            location, location_country = _name_location(name)
        row = {
            "event_id": event_id,
            "event_type": event_type,
            "plover_type": PLOVER_BY_EVENT_TYPE.get(event_type),
            "name": name,
            "status": status,
            "start_date": start,
            "end_date": end,
            "date_precision": precision,
            "location": location,
            "location_country": location_country,
            "countries": countries,
            "article_id": first.article_id,
            "evidence": lead.evidence,
            "char_start": lead.char_start,
            "char_end": lead.char_end,
            "confidence": event_confidence(signals),
            "mention_count": 0,
        }
        if start is not None and (end is None or end < start):
            tables.quarantine.append(quarantine_row(lead, event_id, "event end_date before start_date", row))
            continue
        seen_spans = set()
        for m in ms:
            mention_to_event[m.mention_id] = event_id
            span = (m.article_id, m.char_start)
            if span in seen_spans:
                continue
            seen_spans.add(span)
            tables.event_mentions.append({"event_id": event_id, "article_id": m.article_id, "char_start": m.char_start,
                                          "char_end": m.char_end, "evidence": m.evidence})
        row["mention_count"] = len(seen_spans)
        tables.events.append(row)
        tables.event_signals[event_id] = signals
        _participant_rows(event_id, ms, countries, first, tables, entities)
    return mention_to_event


def _participant_rows(event_id: str, ms: list[EventMention], countries: list[str], first: EventMention,
                      tables: Tables, entities: Entities) -> None:
    best: dict[str, tuple[ParticipantMention, str]] = {}
    country_roles: dict[str, str] = {}
    rank = event_rules().role_rank  # the more specific role wins (events/event_types.yaml)
    for m in ms:
        for p in m.participants:
            if p.entity_type == "country" and p.country not in countries:
                continue
            eid = entities.add(p)
            old = best.get(eid)
            same_rank = old is not None and rank[p.role] == rank[old[0].role]
            better = old is None or rank[p.role] > rank[old[0].role] or same_rank and (
                old[0].char_start is None and p.char_start is not None or old[0].country is None and p.country)
            if better:
                best[eid] = (p, m.article_id)
            if p.entity_type == "person" and p.country:
                r = country_roles.get(p.country)
                if r is None or rank[p.role] > rank[r]:
                    country_roles[p.country] = p.role
    for code in countries:
        p = ParticipantMention("country", code, code, None, code, "participant", None, None)
        eid = entities.add(p)
        if eid not in best:
            best[eid] = (p, first.article_id)
    for eid, (p, article_id) in sorted(best.items()):
        role = p.role
        if p.entity_type == "country":
            role = country_roles.get(p.country, role)
        tables.participants.append({
            "event_id": event_id,
            "entity_id": eid,
            "entity_type": p.entity_type,
            "name": country_name(p.country) if p.entity_type == "country" else p.name,
            "name_as_written": p.name_as_written if p.entity_type != "country" or p.name_as_written != p.country
            else country_name(p.country),
            "title": p.title,
            "country": p.country,
            "role": role,
            "article_id": article_id,
            "char_start": p.char_start,
            "char_end": p.char_end,
        })


__all__ = ["Tables", "build_commitment_rows", "build_event_rows", "cluster_mentions", "country_name",
           "entity_id", "name_key"]
