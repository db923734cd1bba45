"""When and which: event names as told, dates read against the article's date, and which tellings are one
event (transforms/extract/hits.py clean_name, when_where.py, merge.py).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.transforms.test_extract_events import article, events_of
from transforms.extract.document import prepare
from transforms.extract.events import find_event_mentions
from transforms.extract.hits import clean_name
from transforms.extract.lexicon import event_rules


def _names(text: str) -> list[str | None]:
    return [clean_name(m)[0] for m in event_rules().name_re.finditer(text)]


@pytest.mark.parametrize("text, name", [
    ("At the Andean Leaders' Summit on March 3, the presidents agreed to act.", "Andean Leaders' Summit"),
    ("Following the Tirana Ministerial, the envoy travelled to Skopje.", "Tirana Ministerial"),
    ("They prepared the ministers' meeting in Oslo May 4-5 and the June 20-21 Baltic Summit.", "Baltic Summit"),
    ("the Second Danube Energy Dialogue on February 9", "Second Danube Energy Dialogue"),
    ("the 12th Chile-Peru Policy Dialogue on Fisheries", "12th Chile-Peru Policy Dialogue on Fisheries"),
])
def test_event_names_without_the_words_that_place_or_date_them(text, name):
    assert name in _names(text)


@pytest.mark.parametrize("text", ["Since the Summit, aid has grown.", "At the Summit, the leaders spoke."])
def test_a_bare_head_after_a_preposition_is_no_name(text):
    assert _names(text) == [None]


def test_a_named_summit_dated_after_its_name():
    text = "At the Andean Leaders' Summit on March 3, 2023, the presidents of Peru and Chile agreed to act."
    (summit,) = [e for e in events_of(text) if e["event_type"] == "summit"]
    assert summit["name"] == "Andean Leaders' Summit"
    assert summit["start_date"] == dt.date(2023, 3, 3)


@pytest.mark.parametrize("text, month", [
    ("Chile and Peru agreed to hold the seventh session of their Joint Commission in Lima in June, to expand "
     "trade.", dt.date(2024, 6, 1)),
    ("The foreign ministers of Chile and Peru look forward to the next meeting in Quito in July.", dt.date(2024, 7, 1)),
])
def test_a_planned_event_told_by_month_is_the_next_such_month(text, month):
    (ev,) = [e for e in events_of(text, published=dt.date(2024, 1, 19)) if e["status"] == "planned"]
    assert (ev["start_date"], ev["date_precision"]) == (month, "month")


@pytest.mark.parametrize("text, start, end", [
    ("Ghana and Togo agreed to hold the IX Session of the Ghana-Togo Permanent Joint Commission for Trade, Energy "
     "and Transport in Lome during the second half of this year.", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ("The foreign ministers of Chile and Peru look forward to the Fourth Chile-Peru Dialogue on Border Development "
     "in Tacna before the end of the year.", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
])
def test_a_plan_is_dated_past_the_rest_of_its_name_and_its_place(text, start, end):
    planned = [e for e in events_of(text, published=dt.date(2024, 3, 12)) if e["status"] == "planned"]
    assert [(e["start_date"], e["end_date"]) for e in planned] == [(start, end)]


def test_a_plan_takes_no_date_across_another_clause():
    text = ("Ghana and Togo agreed to hold the IX Session of the Ghana-Togo Permanent Joint Commission in Lome, and "
            "trade rose by a third in the first half of this year.")
    planned = [e for e in events_of(text, published=dt.date(2024, 9, 12)) if e["status"] == "planned"]
    assert [e["start_date"] for e in planned] == [None]


def test_a_past_event_told_by_month_stays_in_the_past():
    text = "The foreign ministers of Chile and Peru met in Lima in March."
    (ev,) = events_of(text, published=dt.date(2023, 6, 14))
    assert ev["start_date"] == dt.date(2023, 3, 1) and ev["status"] == "occurred"


_PROGRAMME = ("Prime Minister Ana Ruiz of Chile arrived in Lima yesterday evening. She was received at the airport by "
              "the Foreign Minister of Peru, Jorge Salas. This morning, Prime Minister Ruiz was accorded a ceremonial "
              "welcome at the palace. Defence Minister Luis Vera of Peru called on Prime Minister Ruiz at her hotel.")


def test_events_told_without_a_date_take_the_day_the_programme_is_on():
    evs = events_of(_PROGRAMME, published=dt.date(2023, 6, 14))
    by_text = {e["evidence"].split(" ")[0]: e for e in evs if e["event_type"] == "meeting"}
    assert by_text["She"]["start_date"] == dt.date(2023, 6, 13)  # after "arrived ... yesterday evening"
    assert by_text["Defence"]["start_date"] == dt.date(2023, 6, 14)  # after "This morning, ..."


def mentions_of(text: str, published: dt.date = dt.date(2023, 6, 14)):
    return find_event_mentions(prepare(article(text, published=published)))


@pytest.mark.parametrize("sentence", [
    "Prime Minister Ruiz has visited Peru three times.",  # a perfect: a record, not that day's news
    "Prime Minister Ruiz invited the President of Peru to visit Chile.",  # an infinitive: a plan
])
def test_a_record_or_an_invitation_takes_no_programme_day(sentence):
    ms = mentions_of("Prime Minister Ana Ruiz of Chile arrived in Lima yesterday evening. " + sentence)
    later = [m for m in ms if m.evidence == sentence]
    assert later and all(m.start_date is None for m in later)


@pytest.mark.parametrize("text, start, precision", [
    ("The foreign ministers of Chile and Peru looked forward to the next meeting of the Chile–Peru Joint Commission "
     "on Fisheries, which will be held in Lima in 2024.", dt.date(2024, 1, 1), "year"),
    ("The leaders recalled the decisions of the 12th Session of the Chile-Peru Joint Council, held in Quito "
     "in February 2022.", dt.date(2022, 2, 1), "month"),
])
def test_a_date_told_in_a_clause_on_when_the_event_is_held(text, start, precision):
    evs = [e for e in events_of(text, published=dt.date(2023, 6, 14)) if e["event_type"] == "meeting"]
    assert [(e["start_date"], e["date_precision"]) for e in evs] == [(start, precision)]


@pytest.mark.parametrize("text", [
    "This afternoon, Prime Minister Ana Ruiz of Chile paid courtesy calls on President Jorge Salas of Peru and "
    "Speaker Luis Vera of Peru.",
    "Foreign Minister Ana Ruiz of Chile also had constructive meetings with President Jorge Salas of Peru and "
    "Speaker Luis Vera of Peru.",
])
def test_a_plural_encounter_noun_is_one_encounter_per_counterpart(text):
    evs = [e for e in events_of(text) if e["event_type"] == "meeting"]
    assert len(evs) == 2 and all(tuple(e["countries"]) == ("CHL", "PER") for e in evs)


def test_talks_in_the_plural_stay_one_event():
    text = "Foreign Minister Ana Ruiz of Chile held talks with President Jorge Salas of Peru and Speaker Luis Vera of Peru."
    assert len([e for e in events_of(text) if e["event_type"] == "talks"]) == 1


def test_a_named_event_that_is_the_setting_of_an_encounter_is_another_event_on_its_day():
    text = "President Ana Ruiz of Chile met President Jorge Salas of Peru on Monday on the sidelines of the Andean Summit."
    evs = events_of(text, published=dt.date(2023, 6, 14))  # a Wednesday
    (meeting,) = [e for e in evs if e["event_type"] == "meeting"]
    (summit,) = [e for e in evs if e["event_type"] == "summit"]
    assert summit["name"] == "Andean Summit" and tuple(summit["countries"]) == ("CHL", "PER")
    assert meeting["start_date"] == summit["start_date"] == dt.date(2023, 6, 12)


def test_an_encounter_told_with_a_named_event_is_not_that_event():
    text = ("Tomorrow, Prime Minister Ana Ruiz of Chile will meet Speaker Jorge Salas of Peru and attend the Chile-Peru "
            "Investment Conference in Lima.")
    evs = events_of(text, published=dt.date(2023, 6, 14))
    assert sorted((e["name"] or "") for e in evs) == ["", "Chile-Peru Investment Conference"]


def test_the_ministers_meeting_at_their_named_meeting_is_that_meeting():
    text = "The foreign ministers of Chile, Peru and Ecuador met on Monday at the Fourth Chile-Peru-Ecuador Ministerial."
    evs = events_of(text, published=dt.date(2023, 6, 14))
    assert [e["name"] for e in evs] == ["Fourth Chile-Peru-Ecuador Ministerial"]


def test_a_date_after_a_venue_named_with_of():
    text = ("Foreign Minister Ana Ruiz of Peru received the Foreign Minister of Chile, Rosa Pinto, at the Ministry of "
            "Foreign Affairs on Tuesday.")
    (ev,) = events_of(text)
    assert (ev["start_date"], ev["date_precision"]) == (dt.date(2023, 6, 13), "day")


def test_a_place_in_the_topic_of_a_visit_is_not_its_destination():
    text = "Foreign Minister Ana Ruiz of Peru will travel to Chile and Bolivia next week to discuss the ceasefire in Gaza."
    visits = [e for e in events_of(text) if e["event_type"] == "visit"]
    assert sorted(v["countries"] for v in visits) == [["BOL", "CHL", "PER"], ["BOL", "PER"], ["CHL", "PER"]]


def test_a_later_trip_of_a_sentence_takes_the_date_after_it_and_its_own_destination():
    text = ("Prime Minister Ana Ruiz of Peru will pay a visit to Chile from September 3 to 4, and then travel to "
            "Bolivia on September 4 and 5.")
    visits = {e["location_country"] or "": (e["start_date"], e["end_date"], tuple(e["countries"]))
              for e in events_of(text, published=dt.date(2024, 8, 29)) if e["event_type"] == "visit"}
    assert visits["CHL"] == (dt.date(2024, 9, 3), dt.date(2024, 9, 4), ("CHL", "PER"))
    assert visits["BOL"][:2] == (dt.date(2024, 9, 4), dt.date(2024, 9, 5))


def test_a_plan_announced_today_is_dated_by_the_days_after_it():
    text = ("Lima - The Honourable Ana Ruiz, Minister of Foreign Affairs of Peru, today announced that she will travel "
            "to Santiago, Chile, from March 18 to 19, 2024.")
    (visit,) = [e for e in events_of(text, published=dt.date(2024, 3, 14)) if e["event_type"] == "visit"]
    assert (visit["start_date"], visit["end_date"]) == (dt.date(2024, 3, 18), dt.date(2024, 3, 19))


def test_meetings_counted_and_meetings_asked_about_are_no_events():
    assert not events_of("Since then, the presidents of Chile and Peru have met many times.")
    assert not events_of("Q: Minister, will you meet the Foreign Minister of Chile at the summit in Lima?")


def test_a_summit_of_a_group_is_dated_by_the_clause_that_tells_when_it_opens():
    text = ("Foreign Minister Ana Ruiz of Peru met Foreign Minister Rosa Pinto of Chile in Lima on Tuesday. They "
            "prepared the upcoming summit of the Andean Community, which opens in Quito on 16 June.")
    (summit,) = [e for e in events_of(text, published=dt.date(2023, 6, 14)) if e["event_type"] == "summit"]
    assert (summit["start_date"], summit["status"], summit["countries"]) == (dt.date(2023, 6, 16), "planned",
                                                                              ["CHL", "PER"])


def test_a_session_named_by_its_count_is_one_of_the_body_the_article_reports():
    text = ("Montevideo, 3 June 2025 - The foreign ministers of Uruguay and Chile co-chaired the Political Consultations "
            "Mechanism in Montevideo on 2 June 2025. Both delegations agreed that the IX Meeting of the Mechanism will "
            "take place in Santiago in the first half of 2026.")
    (plan,) = [e for e in events_of(text, published=dt.date(2025, 6, 3)) if e["status"] == "planned"]
    assert plan["countries"] == ["CHL", "URY"] and plan["start_date"] == dt.date(2026, 1, 1)


def test_a_date_after_a_place_told_in_lower_case_is_the_event_s():
    text = "The border commissions of Chile and Peru, led by two deputy ministers, met on the state border on Tuesday."
    (ev,) = events_of(text, published=dt.date(2023, 6, 14))
    assert (ev["start_date"], ev["date_precision"]) == (dt.date(2023, 6, 13), "day")
