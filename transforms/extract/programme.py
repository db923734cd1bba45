"""Visit programmes: what a trip told in an article gives the encounters told during it.

A release on a visit tells the trip ("made an official visit to Uzbekistan from 8 to 10
February") and then each encounter of its programme ("met Minister X over lunch", "travelled
to Samarkand, where he met the regional governor"). The counterpart of such an encounter is
often an official nobody lists, named without a country (or not named: "business leaders"):
the host country takes part (ANNOTATION.md: a visit's host country does; the encounters of a
visit are events of their own). Two leaders meeting in Davos stay two countries: only an
encounter told with one country takes the host's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from transforms.extract.participants import country_participant
from transforms.extract.records import EventMention

# How far from a trip's told days an encounter of the same programme may be (a trip dated by its last day).
_NEAR = dt.timedelta(days=3)
# Encounters whose counterpart is the host when nobody says otherwise (a visit itself is the trip).
_ENCOUNTERS = frozenset({"meeting", "talks", "signing", "press_briefing", "forum", "other"})


def _trips(mentions: list[EventMention]) -> list[EventMention]:
    """The trips an article tells with a destination country and dates."""
    return [m for m in mentions if m.event_type == "visit" and m.location_country and m.start_date is not None
            and m.date_rank >= 2 and not m.headline]


def _host_of(m: EventMention, trips: list[EventMention]) -> str | None:
    """The host of the trip the encounter is part of: the trip to the country of its place, else the trip
    whose days hold its day (an encounter in New York is no visit to the United States unless one is told); a
    day inferred from the programme ("He was received at the airport by ..." after "arrived in New Delhi") counts."""
    if m.location_country:
        return m.location_country if any(t.location_country == m.location_country for t in trips) else None
    if m.start_date is None or m.date_rank < 1:
        return None
    inside = [t for t in trips if t.start_date <= m.start_date and m.end_date <= t.end_date]
    if not inside and len({t.location_country for t in trips}) == 1:
        # "concluded a three-day official visit" told by its last day only: a day a few days before it is the
        # same trip's, when the article tells trips to one country only.
        inside = [t for t in trips if t.start_date - _NEAR <= m.start_date and m.end_date <= t.end_date + _NEAR]
    codes = {t.location_country for t in inside}
    return codes.pop() if len(codes) == 1 else None


def _one_sided(m: EventMention) -> bool:
    """One country only, and a counterpart told without one ("met business leaders", "met Governor X"; not
    "met members of the Filipino community")."""
    return len(m.countries) == 1 and m.open_counterpart


def _destination(trip: EventMention, mentions: list[EventMention]) -> str | None:
    """The host of a trip told without a destination ("held talks with President X on the first day of a
    state visit to the former colony"): the other country of the encounter told in its sentence."""
    if trip.event_type != "visit" or trip.location_country or len(trip.countries) != 1:
        return None
    hosts = {c for m in mentions if m.char_start == trip.char_start and m.event_type != "visit"
             and trip.countries[0] in m.countries and len(m.countries) == 2 for c in m.countries} - set(trip.countries)
    return hosts.pop() if len(hosts) == 1 else None


def add_host_countries(mentions: list[EventMention]) -> list[EventMention]:
    """Each encounter of a trip told with the visitor's country only takes the host country; a trip told
    without its destination takes the host of the encounter told with it; an encounter told without a day
    during a trip takes the trip's days."""
    mentions = [_with_host(m, host) if (host := _destination(m, mentions)) else m for m in mentions]
    trips = _trips(mentions)
    out = []
    for m in mentions:
        host = _host_of(m, trips) if m.event_type in _ENCOUNTERS and _one_sided(m) else None
        if host is not None and host not in m.countries:
            m = _with_host(m, host)
        out.append(_within_trip(m, trips))
    return out


def _undated(m: EventMention) -> bool:
    """Told without a day of its own: no date, or only the release's week guessed for it."""
    return m.start_date is None or m.date_rank <= 1 and m.date_precision == "week"


def _within_trip(m: EventMention, trips: list[EventMention]) -> EventMention:
    """An encounter told without a day after a trip, with the trip's parties and status ("paid an official visit
    to Portugal from 11 to 13 March. The two Presidents held talks at Belem Palace", "will travel to Suva on
    Monday for a two-day visit. She will meet Prime Minister X"): on the trip's days, inferred (rank 1), as
    an annotator dates it. Not a trip told after it, nor one whose parties it does not share."""
    if m.event_type not in _ENCOUNTERS or not _undated(m) or len(m.countries) < 2:
        return m
    before = [t for t in trips if t.order < m.order and set(m.countries) <= set(t.countries)
              and (t.status == "planned") == (m.status == "planned")]
    if not before:
        return m
    trip = before[-1]
    if m.start_date is not None and not (m.start_date <= trip.end_date and trip.start_date <= m.end_date):
        return m  # the release's week guessed for it is not the trip's
    return replace(m, start_date=trip.start_date, end_date=trip.end_date, date_precision=trip.date_precision,
                   date_rank=1)


# Encounters that need two sides (and trips: a traveller and a host): one told with one country and a named person
# of none has the other side of the article's pair.
_TWO_SIDED = frozenset({"meeting", "talks", "press_briefing", "phone_call", "visit"})


def add_other_side(mentions: list[EventMention]) -> list[EventMention]:
    """An encounter told with one country and a named counterpart nobody placed ("Campbell also held talks with
    Deputy Foreign Minister Ha Kim Ngoc", "Hermono also called on Foreign Minister Mohamad Hasan"), or a trip told
    with its destination and a traveller nobody placed ("Minister X will lead a business delegation to India"), or an
    encounter of people nobody placed told in a place of that country ("In New Delhi, Minister X will meet Minister
    Y"), in an article whose two-country events are all of one pair holding that country: the pair takes part (and
    the trip told before dates the encounter)."""
    pairs = {m.countries for m in mentions if len(m.countries) == 2}
    out = []
    for m in mentions:
        unplaced = any(p.entity_type == "person" and not p.country for p in m.participants)
        orgs = any(p.entity_type == "organization" for p in m.participants)
        # One country told, or none but a place in one ("In New Delhi, Minister X will meet Minister Y").
        told = m.countries or ((m.location_country,) if m.location_country else ())
        mine = [p for p in pairs if len(told) == 1 and told[0] in p]
        if m.event_type in _TWO_SIDED and unplaced and not orgs and len(mine) == 1 and len(pairs) == 1:
            m = replace(m, countries=mine[0], weak=False, participants=m.participants + tuple(
                country_participant(c, "participant") for c in sorted(set(mine[0]) - set(m.countries))))
        out.append(m)
    # Now that both sides are known, the trip told before dates the encounters told without a day.
    trips = _trips(out)
    return [_within_trip(m, trips) for m in out]


def _with_host(m: EventMention, host: str) -> EventMention:
    return replace(m, countries=tuple(sorted({*m.countries, host})), weak=False,
                   participants=m.participants + (country_participant(host, "host"),))


__all__ = ["add_host_countries", "add_other_side"]
