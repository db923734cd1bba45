"""Retellings of one event inside one article (ANNOTATION.md: one event told in several sentences is one row).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.extract.identity import partner_key
from transforms.extract.merge import _event_dates, cluster_mentions
from transforms.extract.records import EventMention
from transforms.ids import make_id


def _article(text: str) -> dict:
    return {"article_id": make_id("art", "blog/retell.txt", "0"), "source_path": "blog/retell.txt",
            "record_key": "0", "url": None, "title": None, "published_date": dt.date(2024, 6, 8),
            "published_date_source": "dateline", "text": text}


@pytest.mark.parametrize("text,countries,name", [
    # "met" and "talks" of one sentence, told with the occasion after them (news style).
    ("Defence Minister Ana Ruiz of Chile and Defence Minister Luis Soto of Peru met on Friday on the sidelines of the "
     "Andean Security Forum in Lima, the first face-to-face talks between the two countries' defence chiefs in two "
     "years.", ["CHL", "PER"], "Andean Security Forum"),
    # ... told with the occasion first, the encounter in two verbs (release style).
    ("During the Baltic Energy Forum in Riga on 4 June 2024, the Estonian and Latvian prime ministers met for an hour "
     "and held talks on the grid link.", ["EST", "LVA"], "Baltic Energy Forum"),
])
def test_encounter_told_twice_beside_a_named_event_is_one_encounter_apart_from_it(text, countries, name):
    events = build_tables([extract_articles([_article(text)])])["events"]
    encounters = [e for e in events if e["event_type"] in ("meeting", "talks") and e["name"] is None]
    assert [sorted(e["countries"]) for e in encounters] == [countries]
    assert [e["name"] for e in events if e["name"]] == [name]  # the occasion stays its own event


def test_partner_keys_pair_a_named_event_with_its_encounters_only():
    assert partner_key("evm_1") == "evm_1>" and partner_key("evm_1>") == "evm_1"
    assert partner_key(partner_key("evm_1")) == "evm_1"


def _visit(i: int, start: str, end: str, precision: str, rank: int, status: str = "occurred") -> EventMention:
    return EventMention(
        mention_id=f"evm_{i}", article_id="art_trip", source_path="news/trip.txt", order=i * 100,
        event_type="visit", status=status, start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end), date_precision=precision, date_rank=rank, name=None, location=None,
        location_country=None, countries=("GHA", "PER"), char_start=i * 100, char_end=i * 100 + 50,
        evidence=f"telling {i}", confidence=0.9)


def _clusters(ms: list[EventMention]) -> list[list[str]]:
    order = {"art_trip": (dt.date(2023, 10, 17), "art_trip", (), "art_trip")}
    return sorted(sorted(m.mention_id for m in c) for c in cluster_mentions(ms, order))


def test_a_leg_of_a_trip_told_in_days_does_not_narrow_it():
    # "is paying a visit from 16 to 18 October", "tomorrow (18th) he travels on to Cusco", and a sentence dated by
    # the dateline (17th): one visit of three days.
    ms = [_visit(1, "2023-10-16", "2023-10-18", "day", 3, "unknown"),
          _visit(2, "2023-10-18", "2023-10-18", "day", 2, "planned"),
          _visit(3, "2023-10-17", "2023-10-17", "day", 1)]
    assert _clusters(ms) == [["evm_1", "evm_2", "evm_3"]]
    assert _event_dates(ms)[:2] == (dt.date(2023, 10, 16), dt.date(2023, 10, 18))


def test_a_trip_told_in_a_month_still_takes_its_days_and_a_later_day_stays_apart():
    # "a visit in October", "from 16 to 18 October": the days; a visit on the 25th is another.
    ms = [_visit(1, "2023-10-01", "2023-10-31", "month", 3), _visit(2, "2023-10-16", "2023-10-18", "day", 3),
          _visit(3, "2023-10-25", "2023-10-25", "day", 2)]
    assert _clusters(ms) == [["evm_1", "evm_2"], ["evm_3"]]
