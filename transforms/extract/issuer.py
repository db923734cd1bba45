"""The government a release speaks for when neither its address nor its letterhead says (doc.home).

A release of a ministry names its own officials without their country ("The Minister received the
Ambassador of Japan"), and a reader knows whose they are from the release itself: the actor its title
or its first sentence opens with ("Cuban President receives ...", "Indonesia and Timor-Leste hold ...",
"On 12 March, Deputy Minister of Foreign Affairs of Ukraine X met ..."), else the capital it is
datelined in ("Kigali, 4 May 2024 - Vice President X met ..."). A document several governments issue
together (a joint statement) has no one issuer, and a wire story ("NAIROBI, March 9 (Reuters) -") is
written by nobody's government. Words are in reference/gazetteers/publishers.yaml (`issuer`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from transforms.extract.lexicon import event_rules, places
from transforms.names import person_key
from transforms.names.scan import title_compatible
from transforms.reference import load

if TYPE_CHECKING:
    from transforms.extract.document import Doc


@lru_cache(maxsize=1)
def home_office() -> re.Pattern:
    """An office a release names bare for its own officials, as whole words ("the Minister", "The Head of State":
    publishers.yaml issuer.home_offices): compiled once, here, for every reader (participants, commitments)."""
    return load("gazetteers/publishers.yaml").issuer.key_regex("home_offices")


@lru_cache(maxsize=1)
def _home_executive() -> re.Pattern:
    return load("gazetteers/publishers.yaml").issuer.key_regex("home_executive")


def opens_with_home_office(text: str) -> bool:
    """True when text opens (after "The ") with a home office or the home executive ("The Minister will ...",
    "The Administration supports ...": publishers.yaml issuer.home_executive), as a subject naming its issuer."""
    pos = 4 if text.startswith(("The ", "the ")) else 0
    return bool(home_office().match(text, pos) or _home_executive().match(text, pos))


@lru_cache(maxsize=1)
def _rules():
    data = load("gazetteers/publishers.yaml").issuer
    return (re.compile(data.verbs, re.I), re.compile(data.joint, re.I), re.compile(data.wire, 0),
            re.compile(data.opening, re.I), re.compile(data.visit_of, re.I), re.compile(data.guest_offices, re.I),
            re.compile(data.speaks_now, re.I))


def issuer_country(doc: Doc) -> str | None:
    """The country a release speaks for, read from its title, first sentence or dateline; None when they do
    not say, for a joint document and for a wire story."""
    verbs, joint, wire, opening, visit_of, _, _ = _rules()
    title = doc.title or ""
    document, verb = joint.search(title), verbs.search(title)
    if document is not None and (verb is None or document.start() < verb.start()):
        return None  # a joint statement, not a release that tells of one ("... signs Joint Declaration")
    lead = _lead_sentence(doc)
    head = event_rules().dateline.match(lead.text) if lead is not None else None
    if head is not None and wire.search(head.group(0)):
        return None
    visited = _visited(doc, visit_of)
    if visited:
        return visited
    spans = [(0, doc.headline_end)] if doc.headline_end else []
    if lead is not None:
        start = lead.start + (head.end() if head is not None else 0)
        m = opening.match(doc.text, start, lead.end)
        spans.append((m.end() if m else start, lead.end))
    for i, (start, end) in enumerate(spans):
        # A release names its own side first ("Estonia and Mongolia hold ...", "Minister A of X and Minister B
        # of Y held ..."): the first country of the actor phrase. In the lead only an official of a country
        # counts: a country there may be the topic ("Venezuela held elections on Sunday" in a statement on
        # them), an ambassador or envoy is the guest ("The Ambassador of Peru paid a courtesy call on the
        # Minister").
        actor = _first_actor(doc, start, end, verbs, officials_only=lead is not None and i == len(spans) - 1)
        if actor is not None:
            return actor or None  # "": an organization speaks ("Forum Secretary General concludes mission")
    return _dateline_place(doc, lead, head) if head is not None else _date_line_place(doc)


def _visited(doc: Doc, visit_of: re.Pattern) -> str | None:
    """The country a title's visit goes to, when the title writes the visitor's country ("Official visit of the
    Prime Minister of Vietnam to Greece"): a release writes its guest's country, not its own official's."""
    m = visit_of.search(doc.text, 0, doc.headline_end) if doc.headline_end else None
    if m is None:
        return None
    who = {c.code for c in doc.countries.within(m.start("who"), m.end("who")) if getattr(c, "code", None)}
    dest = {c.code for c in doc.countries.within(m.start("dest"), m.end("dest")) if getattr(c, "code", None)}
    return next(iter(dest)) if who and len(dest) == 1 and not dest & who else None


def _lead_sentence(doc: Doc):
    """The body's first sentence (after the title), skipping short heading lines ("PRESS RELEASE")."""
    for s in doc.sentences[:6]:
        if s.start >= doc.headline_end and len(s.text.split()) > 4:
            return s
    return None


def _first_actor(doc: Doc, start: int, end: int, verbs: re.Pattern, officials_only: bool = False) -> str | None:
    """The country of the first actor of text[start:verb] before an issuer's verb ("holds", "received"):
    "" when that actor is an organization or its official, None when the phrase names no actor.
    officials_only: only a person of a country counts, not a country named alone nor a guest's office."""
    m = verbs.search(doc.text, start, end)
    if m is None:
        return None
    stop = m.start()
    found: list[tuple[int, str]] = []
    for p in doc.people.starting_in(start, stop, doc.limit):
        if getattr(p, "name_start", p.start) < stop and (getattr(p, "country", None) or getattr(p, "organization", None)):
            if officials_only and _rules()[5].search(getattr(p, "title", None) or p.name_as_written or ""):
                return None
            found.append((p.start, p.country or ""))
    # A country itself speaks for the release in the present ("Ukraine welcomes the adoption of ..."); one told in
    # the past in a lead is news the release reacts to ("Venezuela held elections", "Russia signed an agreement").
    if not officials_only or _rules()[6].fullmatch(m.group(0)):
        found += [(c.start, c.code) for c in doc.countries.within(start, stop) if getattr(c, "code", None)]
    found += [(o.start, "") for o in doc.orgs.within(start, stop)]
    return min(found)[1] if found else None


def _date_line_place(doc: Doc) -> str | None:
    """The place of a dateline written as a line of its own ("Havana, 12 March 2024."), before the lead."""
    for s in [s for s in doc.sentences[:6] if s.start >= doc.headline_end][:2]:
        if len(s.text.split()) <= 6 and any(ch.isdigit() for ch in s.text):
            place = next((p for p in doc.places_in(s) if p.start == s.start), None)
            if place is not None:
                return getattr(place.value, "country", None)
    return None


def _dateline_place(doc: Doc, lead, head: re.Match) -> str | None:
    """The country of the place a release is datelined in ("Abidjan, 6 May 2024 -")."""
    place = next((p for p in doc.places_in(lead) if p.end <= lead.start + head.end()), None)
    if place is not None:
        return getattr(place.value, "country", None)
    _, lookup = places()
    city = re.match(r"[A-Z][A-Za-z .'’-]+?(?=\s*[,.(]|\s+[-–—])", head.group(0))
    found = lookup.get(city.group(0).title()) if city else None
    return found.country if found is not None else None


_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def home_offices(doc: Doc) -> None:
    """A bare office of a release ("The Minister underlined ...") is its own government's official when the
    release named one with that office before: coreference gave it the last minister named, who may be the
    guest ("Minister X met Belgian Foreign Minister Y. The Minister underlined ..." is X); the guest's office
    is written with the guest's country ("The Belgian Minister")."""
    if doc.home is None:
        return
    items = list(doc.people.items)
    changed = False
    for i, p in enumerate(items):
        if p.country in (None, doc.home) or p.organization or not _bare_office(doc, p):
            continue
        # The release's own official of that office ("Vice President" is not "the President"): of its country,
        # or of none told (a name no gazetteer knows).
        own = next((q for q in reversed(items[:i]) if q.country in (doc.home, None) and not q.organization
                    and q.title and _written_name(q) and title_compatible(p.name_as_written, q.title,
                                                                           ministerial=False)), None)
        if own is not None:
            items[i] = replace(p, name=own.name, title=own.title, country=doc.home)
            changed = True
    if changed:
        doc.people = type(doc.people)(items)


def _bare_office(doc: Doc, p) -> bool:
    """"the Minister", "the Foreign Minister": an office written without a name or a country after "the"."""
    return (not _written_name(p) and _THE_BEFORE.search(doc.text, max(0, p.start - 6), p.start) is not None
            and not doc.countries.within(p.start, p.end)
            and " and " not in p.name_as_written)  # "the President and Prime Minister": two people


def _written_name(p) -> bool:
    return bool(set(person_key(p.name_as_written).split()) & set(person_key(p.name).split()))
