"""The event a release's title states ("Readout of X's Call with Y of Japan") as a hint for its body.

A press-release title names the release's main event. The body tells it too, but often
with less: "spoke today with Prime Minister Kishida" (no country word), "The text of the
following statement was released ..." (no parties). The title hint adds the parties the
title names to the body's matching mention, retypes an ambiguous "spoke with" when the
title says it was a meeting, and, when the body has no mention of the titled event at
all, founds one on the first body sentence that names one of its parties.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from transforms.extract import _deps
from transforms.extract.document import Doc
from transforms.extract.events import family
from transforms.extract.participants import country_participant
from transforms.extract.records import EventMention
from transforms.ids import make_id

# Title wording -> event type, first match wins (the order of the checks matters).
_TITLE_TYPES = (
    ("phone_call", re.compile(r"(?<!courtesy )\b(?:phone call|telephone call|video call|call|calls|spoke|speaks|"
                              r"telephone|video ?conference)\b(?!\s+(?:on|for)\b)", re.I)),
    ("visit", re.compile(r"\b(?:visit|visits|visited|visiting|travel|travels|traveled|travelled|trip|trips)\b", re.I)),
    ("summit", re.compile(r"\bsummit\b", re.I)),
    ("signing", re.compile(r"\b(?:sign|signs|signed|signing|memorandum|MOU|MoU)\b", re.I)),
    ("meeting", re.compile(r"\b(?:meeting|meetings|meets|met with|talks|consultations?|courtesy calls?|calls? on|"
                           r"dialogue|ministerial|trilateral|bilateral|negotiations?|engagement(?=\s+with))\b", re.I)),
    ("statement", re.compile(r"\b(?:joint (?:leaders'? )?statement|leaders'? (?:joint )?statement|joint declaration|"
                             r"declaration|communiqu[eé]|joint readout|joint press (?:statement|release))\b", re.I)),
    ("agreement", re.compile(r"\bagreements?\b", re.I)),
    ("announcement", re.compile(r"\b(?:announces?|announcing|launch(?:es|ed)?)\b", re.I)),
)
# What each title kind founds, and which body event families may stand for it.
_KIND_TYPE = {"statement": "announcement", "agreement": "announcement"}
_KIND_ACCEPTS = {"statement": ("announcement", "signing", "meet"), "agreement": ("announcement", "signing"),
                 "announcement": ("announcement",)}
# Press events about an event are not the event ("Background Press Call on the President's Meeting").
_MASKS = re.compile(r"\b(?:background |on-the-record |off-the-record )?press (?:call|briefing|availability|conference|"
                    r"gaggle)\b|\bbriefing\b|\b(?:years?|months?) since\b.*$", re.I)
_FUTURE = re.compile(r"\b(?:upcoming|previewing|to travel|will travel|will visit|to visit|plans to)\b", re.I)
# A country after one of these words is the topic, not a party ("Joint Statement on Belarus").
_TOPIC = re.compile(r"\b(?:on|regarding|concerning|about|calling for|supporting|addressing|welcoming)\b", re.I)
_RESET = re.compile(r"\b(?:with|between|by|from|of)\b", re.I)
_PORTFOLIO = re.compile(r"\b(?:envoys?|representatives?|coordinator|ambassador|secretary[- ]general|commissioner|"
                        r"administrator)\s+(?:for|to|on)\s+(?:the\s+)?$", re.I)
_THIRD_PARTY = re.compile(r"\b(?:welcom(?:e|es|ed|ing)|concerns? (?:with|about|over)|on the occasion of)\b", re.I)
_PHONE_WORDS = re.compile(r"\b(?:phone|telephone|video|virtual|call|calls|called)\b", re.I)


@dataclass(frozen=True)
class TitleEvent:
    """What a title states: event type, parties (ISO3) and whether it is still to come."""

    event_type: str
    countries: frozenset[str]
    future: bool
    kind: str = ""  # the title's wording group (statement, agreement, ...) or the event type


def read_title(title: str, home: str | None) -> TitleEvent | None:
    """The event a release title states, or None when the title states none."""
    if not title:
        return None
    scan = _MASKS.sub(lambda m: " " * len(m.group(0)), title)
    found = None
    for event_type, regex in _TITLE_TYPES:
        m = regex.search(scan)
        if m:
            found = (event_type, m)
            break
    if found is None:
        return None
    event_type, trigger = found
    codes: set[str] = set()
    foreign_subject = False
    portfolio_end = -1
    for c in _deps.find_countries(title):
        code = getattr(c, "code", None)
        if not code:
            continue
        before = title[:c.start]
        if _PORTFOLIO.search(before) or (portfolio_end >= 0 and re.fullmatch(r"\s*\(", title[portfolio_end:c.start])):
            portfolio_end = c.end  # "Special Representative for the DPRK" (and a following "(DPRK)")
            continue
        # "U.S.-Mexico", "United States – Italy": a compound names the parties, wherever it stands.
        compound = bool(re.match(r"\s*[-\u2013\u2014]\s*[A-Z]", title[c.end:]) or
                        re.search(r"[A-Za-z.]\s*[-\u2013\u2014]\s*$", before))
        if c.start > trigger.end() and not compound:
            between = title[trigger.end():c.start]
            intro = None
            for intro in _TOPIC.finditer(between):
                pass
            if intro is not None and not _RESET.search(between[intro.end():]):
                continue
        elif code != home and not re.search(r"[-\u2013]\s*$", before):
            foreign_subject = True
        codes.add(code)
    if home:
        if _THIRD_PARTY.search(title) and event_type != "statement" and not re.search(r"\bwith\b", title):
            pass
        elif not foreign_subject or re.search(r"\b(?:Secretary|President|Vice President|Advisor|Ambassador|Envoy)\b",
                                              title[:trigger.start()]):
            codes.add(home)
    if not codes:
        return None
    kind = event_type
    if kind == "agreement" and re.search(r"\b(?:sign|signs|signed|signing|memorandum|MOU|MoU)\b", title):
        kind = "signing"
    return TitleEvent(_KIND_TYPE.get(kind, kind), frozenset(codes), bool(_FUTURE.search(title)) or kind == "visit",
                      kind)


def ensure_title_event(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """Events of the article, completed with what its title states about the main one."""
    hint = read_title(doc.title, doc.home)
    if hint is None:
        return events
    want = family(hint.event_type)
    accepts = _KIND_ACCEPTS.get(hint.kind, (want,))
    for i, e in enumerate(events):
        fam = family(e.event_type)
        if fam == "call" and want == "meet" and not _PHONE_WORDS.search(e.evidence) and i == _first_index(events):
            e = replace(e, event_type="meeting", mention_id=e.mention_id + "m")
            fam = want
        if fam not in accepts:
            continue
        if set(e.countries) & hint.countries or not e.countries or i == _first_index(events, want):
            missing = hint.countries - set(e.countries)
            if missing:
                extra = tuple(country_participant(c, "participant") for c in sorted(missing))
                e = replace(e, countries=tuple(sorted(set(e.countries) | missing)),
                            participants=e.participants + extra, weak=False)
            return events[:i] + [e] + events[i + 1:]
    founded = _found_from_title(doc, hint)
    return events + [founded] if founded is not None else events


def _first_index(events: list[EventMention], want: str | None = None) -> int:
    for i, e in enumerate(events):
        if want is None or family(e.event_type) == want:
            return i
    return -1


def _found_from_title(doc: Doc, hint: TitleEvent) -> EventMention | None:
    """A mention for the titled event, evidenced by the first body sentence naming one of its parties."""
    foreign = hint.countries - ({doc.home} if doc.home else set())
    sent = None
    content = [s for s in doc.sentences if len(s.text) > 40 and not s.text.endswith(":")]
    for s in content:
        codes = {getattr(c, "code", None) for c in doc.countries.within(s.start, s.end)}
        if codes & (foreign or hint.countries):
            sent = s
            break
    if sent is None:
        # No sentence names a party: the first that names an official, else the first one
        # (a joint statement's own text states the statement).
        sent = next((s for s in content[:6] if doc.people.within(s.start, s.end)), content[0] if content else None)
    if sent is None:
        return None
    start = end = None
    precision, rank = "unknown", 0
    status = "planned" if hint.future and hint.event_type == "visit" else "occurred"
    if doc.published is not None and status == "occurred":
        start, end, precision, rank = doc.published - dt.timedelta(days=6), doc.published, "week", 1
    participants = tuple(country_participant(c, "participant") for c in sorted(hint.countries))
    return EventMention(
        mention_id=make_id("evm", doc.article_id, sent.start, "title", hint.event_type),
        article_id=doc.article_id,
        source_path=doc.source_path,
        order=sent.start,
        event_type=hint.event_type,
        status=status,
        start_date=start,
        end_date=end,
        date_precision=precision,
        date_rank=rank,
        name=None,
        location=None,
        location_country=None,
        countries=tuple(sorted(hint.countries)),
        char_start=sent.start,
        char_end=sent.end,
        evidence=sent.text,
        confidence=0.5,
        participants=participants,
        frame=False,
    )
