"""The host side of a visit's encounters: who a visitor meets there is of the country visited.

"Minister A paid an official visit to Guinea-Bissau. He called on President B and held talks with Foreign
Minister C": a reader knows B and C are Bissau-Guinean though no gazetteer knows them and the text never
writes their country. The same holds for a visit to the release's own country ("President X of Peru paid
a state visit to Kenya. He held talks with Deputy President Y"): the host's officials are the host's.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.extract.participants import country_participant
from transforms.extract.records import EventMention

# Encounters a visitor has in the country visited (a call may be with anyone anywhere).
_ENCOUNTERS = frozenset({"meeting", "talks", "signing", "press_briefing"})


def add_host_side(events: list[EventMention]) -> list[EventMention]:
    """Events told after a visit to one country, in which the visitor's side meets a person of no known
    country: that person, and the event, get the country visited."""
    updated: dict[int, EventMention] = {}
    leg: tuple[str, frozenset[str]] | None = None  # (country visited, the visitor's countries)
    for i in sorted(range(len(events)), key=lambda k: events[k].char_start):
        m = events[i]
        if m.event_type == "visit":
            leg = _leg(m)
        elif leg is not None and m.event_type in _ENCOUNTERS and m.status != "planned":
            updated[i] = _with_host(m, *leg)
    return [updated.get(i, m) for i, m in enumerate(events)]


def _leg(visit: EventMention) -> tuple[str, frozenset[str]] | None:
    """(the one country visited, the visitor's countries) of a visit mention; None when it does not say."""
    guests = frozenset(p.country for p in visit.participants if p.role == "guest" and p.country)
    visited = set(visit.countries) - guests
    if visit.location_country and visit.location_country not in guests:
        visited = {visit.location_country}
    return (next(iter(visited)), guests) if len(visited) == 1 and guests else None


def _with_host(m: EventMention, host: str, visitors: frozenset[str]) -> EventMention:
    """m with its people of no country as the host's (and the host taking part), when the visitor's side does."""
    if not visitors & set(m.countries):
        return m
    unknown = [p for p in m.participants if p.entity_type == "person" and not p.country]
    if not unknown or any(p.entity_type == "organization" for p in m.participants):
        return m
    people = tuple(replace(p, country=host) if p in unknown else p for p in m.participants)
    if host not in m.countries:
        people += (country_participant(host, "participant"),)
    return replace(m, participants=people, countries=tuple(sorted({*m.countries, host})))
