"""Visit programmes: the trip and each encounter of it are events of their own (ANNOTATION.md).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id


def article(text: str, published: dt.date | None = dt.date(2023, 6, 14), source_path: str = "news/v.txt") -> dict:
    return {"article_id": make_id("art", source_path, "0"), "source_path": source_path, "record_key": "0",
            "url": None, "title": None, "published_date": published,
            "published_date_source": "metadata" if published else "unknown", "text": text}


def events_of(text: str, **kw) -> list[dict]:
    return build_tables([extract_articles([article(text, **kw)])])["events"]


def kinds(events: list[dict]) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((e["event_type"], tuple(e["countries"])) for e in events)


def test_one_sentence_of_encounters_gives_one_event_each():
    text = ("Chancellor Anna Berg of Austria was received by King Harald of Norway in the morning and later held talks "
            "with Prime Minister Jonas Brekke of Norway, after which the two heads of government looked on as their "
            "ministers signed two agreements and then met the press.")
    assert kinds(events_of(text)) == [("meeting", ("AUT", "NOR")), ("press_briefing", ("AUT", "NOR")),
                                      ("signing", ("AUT", "NOR")), ("talks", ("AUT", "NOR"))]


def test_a_programme_told_in_sequence_keeps_each_encounter_on_its_day():
    text = ("Foreign Minister Lena Vogt of Austria made an official visit to Chile from 5 to 7 June 2023.\n\n"
            "On 6 June, Minister Vogt called on President Rosa Pinto of Chile in Santiago. "
            "Minister Vogt then held talks with Foreign Minister Tomas Lagos of Chile. "
            "The two Ministers subsequently held a joint press conference.")
    evs = events_of(text)
    visit = next(e for e in evs if e["event_type"] == "visit")
    assert (visit["start_date"], visit["end_date"]) == (dt.date(2023, 6, 5), dt.date(2023, 6, 7))
    encounters = [e for e in evs if e["event_type"] != "visit"]
    assert kinds(encounters) == [("meeting", ("AUT", "CHL")), ("press_briefing", ("AUT", "CHL")),
                                 ("talks", ("AUT", "CHL"))]
    assert all(e["start_date"] == e["end_date"] == dt.date(2023, 6, 6) for e in encounters)


def test_an_encounter_with_an_unplaced_counterpart_takes_the_host_country():
    text = ("Foreign Minister Lena Vogt of Austria made an official visit to Chile from 5 to 7 June 2023. "
            "On 7 June, Minister Vogt travelled to Valparaiso, where she met business leaders.")
    meeting = next(e for e in events_of(text) if e["event_type"] == "meeting")
    assert meeting["countries"] == ["AUT", "CHL"]


def test_a_meeting_of_two_named_leaders_adds_no_venue_country():
    text = "On 6 June 2023, President Rosa Pinto of Chile met Prime Minister Jonas Brekke of Norway in Geneva."
    (meeting,) = events_of(text)
    assert meeting["countries"] == ["CHL", "NOR"]


def test_a_purpose_of_a_trip_is_an_encounter_of_its_own():
    text = ("Foreign Minister Lena Vogt of Austria will travel to Santiago next week for talks with her Chilean "
            "counterpart Tomas Lagos.")
    evs = events_of(text)
    assert kinds(evs) == [("talks", ("AUT", "CHL")), ("visit", ("AUT", "CHL"))]
    assert all(e["status"] == "planned" for e in evs)


def test_a_dateline_neither_dates_nor_places_an_event():
    text = "OSLO, June 14 (Wire) -- Foreign Minister Lena Vogt of Austria will visit Chile next week."
    (visit,) = events_of(text)
    assert visit["start_date"] == dt.date(2023, 6, 19) and visit["location_country"] == "CHL"
    assert visit["countries"] == ["AUT", "CHL"]


def test_the_two_ministers_are_the_last_two_named_together():
    text = ("On 6 June 2023, Foreign Minister Lena Vogt of Austria held talks with Foreign Minister Tomas Lagos of "
            "Chile. The agreement was signed by officials. The two ministers then met the press.")
    briefing = next(e for e in events_of(text) if e["event_type"] == "press_briefing")
    assert briefing["countries"] == ["AUT", "CHL"]


def test_hostile_words_outside_the_meeting_clause_do_not_cancel_it():
    text = ("The foreign ministers of Chile and Peru met on Tuesday in Lima, where they discussed the recent missile "
            "launches in the region.")
    assert kinds(events_of(text)) == [("meeting", ("CHL", "PER"))]


def test_tellings_contradict_only_when_each_names_someone_the_other_does_not():
    from transforms.extract.merge import people_contradict

    vogt, pinto, lagos = frozenset({"lena", "vogt"}), frozenset({"rosa", "pinto"}), frozenset({"tomas", "lagos"})
    assert people_contradict({vogt, pinto}, {vogt, lagos})
    assert not people_contradict({vogt}, {vogt, lagos})
    assert not people_contradict({frozenset({"vogt"}), lagos}, {vogt, lagos})


def test_a_day_told_in_a_relative_clause_and_by_the_lead_dates_the_programme():
    text = ("Austria and Chile will deepen their ties, Foreign Minister Lena Vogt of Austria said in Santiago on "
            "Tuesday.\n\n"
            "The minister, who arrived in the Chilean capital on Monday evening, was received in the morning by "
            "President Rosa Pinto of Chile. The minister then held talks with Foreign Minister Tomas Lagos of Chile.\n\n"
            "In the afternoon the minister co-chaired the fifth session of the Austrian-Chilean Joint Commission. At "
            "the end of the session the two co-chairs signed the protocol.")
    evs = events_of(text, published=dt.date(2023, 6, 14))  # a Wednesday
    tuesday = dt.date(2023, 6, 13)
    rows = sorted((e["event_type"], tuple(e["countries"]), e["start_date"]) for e in evs if e["event_type"] != "visit")
    assert rows == [("meeting", ("AUT", "CHL"), tuesday), ("meeting", ("AUT", "CHL"), tuesday),
                    ("signing", ("AUT", "CHL"), tuesday), ("talks", ("AUT", "CHL"), tuesday)]
    reception = next(e for e in evs if e["event_type"] == "meeting" and e["evidence"].startswith("The minister, who"))
    parts = build_tables([extract_articles([article(text, published=dt.date(2023, 6, 14))])])["participants"]
    roles = {p["name"]: p["role"] for p in parts if p["event_id"] == reception["event_id"] and p["entity_type"] == "person"}
    assert roles == {"Lena Vogt": "guest", "Rosa Pinto": "host"}  # "was received by": the passive


def participants_of(text: str, event_type: str) -> set[str]:
    tables = build_tables([extract_articles([article(text)])])
    event = next(e for e in tables["events"] if e["event_type"] == event_type)
    return {p["name"] for p in tables["participants"] if p["event_id"] == event["event_id"]}


def test_the_two_prime_ministers_are_the_heads_of_government_not_the_ministers_who_signed():
    text = ("On 6 June 2023, Prime Minister Lena Vogt of Austria held talks with Prime Minister Tomas Lagos of Chile. "
            "The agreement was signed by Minister of Transport Karl Huber of Austria and Minister of Energy Rosa "
            "Pinto of Chile. The two Prime Ministers then met the press.")
    assert participants_of(text, "press_briefing") >= {"Lena Vogt", "Tomas Lagos"}
    assert not participants_of(text, "press_briefing") & {"Karl Huber", "Rosa Pinto"}


def test_the_two_presidents_are_no_vice_president():
    text = ("On 6 June 2023, President Lena Vogt of Austria held talks with President Tomas Lagos of Chile and Vice "
            "President Karl Huber of Chile. The two presidents then met the press.")
    assert "Karl Huber" not in participants_of(text, "press_briefing")


@pytest.mark.parametrize("text, second", [
    ("On 6 June 2023, Prime Minister Lena Vogt of Austria chaired the welcome ceremony for Prime Minister Tomas "
     "Lagos of Chile. Immediately after the welcome ceremony, the two Prime Ministers held talks.", "talks"),
    ("On 6 June 2023, President Lena Vogt of Austria received President Tomas Lagos of Chile at the Hofburg. "
     "Shortly after the official welcome ceremony, the two presidents held talks.", "talks"),
])
def test_an_encounter_told_right_after_a_ceremony_is_an_event_of_its_own(text, second):
    assert kinds(events_of(text)) == sorted([("meeting", ("AUT", "CHL")), (second, ("AUT", "CHL"))])


@pytest.mark.parametrize("sentence", [
    "On the second day of our meeting we held a session with Foreign Minister Tomas Lagos of Chile.",
    "We also met Foreign Minister Tomas Lagos of Chile on 7 June 2023.",
])
def test_the_we_of_a_communique_is_every_government_that_issues_it(sentence):
    text = ("We, the Foreign Ministers of Austria, Ghana and Peru, met in Vienna on 6 June 2023 for our annual "
            f"meeting. {sentence}")
    art = article(text)
    art["title"] = "Joint Communiqué of the Foreign Ministers of Austria, Ghana and Peru"
    events = build_tables([extract_articles([art])])["events"]
    session = next(e for e in events if "CHL" in e["countries"])
    assert session["countries"] == ["AUT", "CHL", "GHA", "PER"]


# Who takes part in an encounter of a programme: (text, the event's type, a word of its sentence, its countries).
_CALL = ("This afternoon, Prime Minister Tomas Lagos of Chile is scheduled to pay a courtesy call on President Lena Vogt "
         "of Austria. {} will meet Speaker Karl Huber of Austria.")
_ARRIVED = ("On 6 June 2023, Foreign Minister Lena Vogt of Austria arrived in Santiago, Chile. {} she held talks with "
            "Foreign Minister Tomas Lagos.")
_WELCOME = ("On 6 June 2023, Prime Minister Lena Vogt of Austria chaired the welcome ceremony for Prime Minister Tomas "
            "Lagos of Chile. {}, the two Prime Ministers held delegation-level talks at the Chancellery.")
PARTIES = {
    "the two ministers of an event naming one of them are its two sides": (
        "Minister of Foreign Affairs Lena Vogt of Austria held talks today with her Chilean counterpart in Santiago. "
        "She will meet the Speaker of Parliament tomorrow. Following the talks, the two ministers held a joint press "
        "conference.", "press_briefing", "press"),
    "the two sides are the countries of the latest event with both": (
        "On 6 June 2023, Prime Minister Lena Vogt of Austria held talks with Prime Minister Tomas Lagos of Chile. An "
        "agreement was signed by Minister of Transport Karl Huber of Austria and Minister Rosa Pinto. The two sides "
        "agreed that the next meeting of the Joint Commission will be held in Vienna in 2024.", "meeting",
        "Commission"),
    "a pronoun after 'Tomorrow,'": (_CALL.format("Tomorrow, he"), "meeting", "Speaker"),
    "a pronoun after 'Next week,'": (_CALL.format("Next week, he"), "meeting", "Speaker"),
    "a pronoun after a date without a comma": (_ARRIVED.format("On 7 June 2023"), "talks", "talks"),
    "a pronoun after a weekday and a date": (_ARRIVED.format("On Wednesday 7 June"), "talks", "talks"),
    "the two Prime Ministers after 'Thereafter,'": (_WELCOME.format("Thereafter"), "talks", "talks"),
    "the two Prime Ministers after 'Subsequently,'": (_WELCOME.format("Subsequently"), "talks", "talks"),
    "a trip told by its last day hosts an encounter a day before": (
        "VIENNA, 14 June 2023 – Foreign Minister Lena Vogt of Austria concluded a three-day official visit to Chile on "
        "13 June 2023. On 12 June 2023 she paid a courtesy call on the Head of Government, Mr. Tomas Lagos.",
        "meeting", "courtesy"),
    "a visit told in a relative clause about its guest ('who is paying a state visit')": (
        "Prime Minister Lena Vogt of Austria met President Tomas Lagos of Chile, who is paying a state visit to "
        "Austria, in Vienna on 6 June 2023.", "visit", "state visit"),
    "a visit told in a relative clause about the one received ('who is on an official visit')": (
        "On 6 June 2023, the Chancellor of Austria received President Tomas Lagos of Chile, who is on an official "
        "visit to Austria, at the Chancellery.", "visit", "official visit"),
    "a trip hosts an encounter dated by the programme's day": (
        "Prime Minister Tomas Lagos of Chile arrived in Vienna on 6 June 2023 on an official visit to Austria. He was "
        "received at the airport by the Minister of State for Foreign Affairs, Mr. Karl Huber.", "meeting", "airport"),
}


@pytest.mark.parametrize("text, event_type, word", PARTIES.values(), ids=PARTIES.keys())
def test_who_takes_part_in_an_encounter_of_a_programme(text, event_type, word):
    event = next(e for e in events_of(text) if e["event_type"] == event_type and word in e["evidence"])
    assert event["countries"] == ["AUT", "CHL"]


def test_an_encounter_told_without_a_day_during_a_trip_is_on_the_trip_days():
    text = ("President Kofi Mensah of Ghana paid an official visit to Portugal from 11 to 13 March 2024 at the invitation "
            "of President Rui Tavares of Portugal.\n\nThe two Presidents held talks at Belem Palace.")
    talks = [e for e in events_of(text, published=dt.date(2024, 3, 14)) if e["event_type"] == "talks"]
    assert [(e["start_date"], e["end_date"]) for e in talks] == [(dt.date(2024, 3, 11), dt.date(2024, 3, 13))]


def test_a_planned_encounter_takes_the_planned_trip_days():
    text = ("Foreign Minister Mia Holt of Norway will travel to Suva on 20 March 2024 for a visit to Fiji.\n\n"
            "Minister Holt will meet Prime Minister Sione Vaka of Fiji.")
    evs = {(e["event_type"], e["status"]): e for e in events_of(text, published=dt.date(2024, 3, 14))}
    assert evs[("meeting", "planned")]["start_date"] == dt.date(2024, 3, 20)


def test_an_encounter_after_a_past_trip_is_not_dated_by_a_planned_one():
    text = ("Foreign Minister Mia Holt of Norway will travel to Suva on 20 March 2024 for a visit to Fiji.\n\n"
            "Last year the two ministers held talks.")
    talks = [e for e in events_of(text, published=dt.date(2024, 3, 14)) if e["event_type"] == "talks"]
    assert all(e["start_date"] != dt.date(2024, 3, 20) for e in talks)


def test_a_trip_told_in_an_opening_phrase_gives_no_country_to_the_next_trip():
    text = "After concluding her visit to Peru, Foreign Minister Mia Holt of Norway will travel to Chile."
    visits = {tuple(e["countries"]) for e in events_of(text) if e["event_type"] == "visit"}
    assert ("CHL", "NOR") in visits and not any("PER" in c and "CHL" in c for c in visits)


def test_talks_told_in_an_opening_phrase_give_no_country_to_the_main_clause():
    text = "Following his talks with the Prime Minister of Italy, the Chancellor of Austria travelled to Malta."
    visits = [e for e in events_of(text) if e["event_type"] == "visit"]
    assert [tuple(e["countries"]) for e in visits] == [("AUT", "MLT")]


def test_an_encounter_with_an_unplaced_counterpart_takes_the_other_side_of_the_article_pair():
    text = ("Assistant Secretary Jane Roe of the United States visited Lima on Tuesday and held talks with Foreign "
            "Minister Ana Ruiz of Peru.\n\nRoe also held talks with Deputy Foreign Minister Luis Quispe on mining.")
    talks = {tuple(e["countries"]) for e in events_of(text) if e["event_type"] == "talks"}
    assert talks == {("PER", "USA")}


def test_an_encounter_with_an_unplaced_counterpart_stays_one_sided_when_the_article_has_several_pairs():
    text = ("Foreign Minister Ana Ruiz of Peru met Foreign Minister Rosa Pinto of Chile in Lima on Tuesday. She then "
            "met Foreign Minister Luis Arce of Bolivia.\n\nRuiz also met Deputy Minister Jorge Quispe on mining.")
    meetings = [tuple(e["countries"]) for e in events_of(text) if "Quispe" in e["evidence"]]
    assert meetings in ([("PER",)], [])


def test_a_trip_of_a_traveller_nobody_placed_takes_the_other_side_of_the_article_pair():
    text = ("Minister for Trade Liisa Berg will lead a business delegation to Chile from 4 to 7 March 2024.\n\n"
            "During the visit, Norway and Chile are expected to sign an agreement on salmon farming.")
    visits = {tuple(e["countries"]) for e in events_of(text) if e["event_type"] == "visit"}
    assert visits == {("CHL", "NOR")}


def test_an_encounter_in_a_place_of_the_pair_with_nobody_placed_takes_the_pair_and_the_trip_days():
    text = ("Minister for Trade Liisa Berg will lead a business delegation to Chile from 4 to 7 March 2024.\n\n"
            "In Santiago, Minister Berg will meet Minister of Economy Tomas Vidal.\n\n"
            "During the visit, Norway and Chile are expected to sign an agreement on salmon farming.")
    (meeting,) = [e for e in events_of(text, published=dt.date(2024, 2, 20)) if e["event_type"] == "meeting"]
    assert meeting["countries"] == ["CHL", "NOR"]
    assert (meeting["start_date"], meeting["end_date"]) == (dt.date(2024, 3, 4), dt.date(2024, 3, 7))


def test_a_plan_told_after_a_trip_whose_traveller_nobody_placed_is_on_the_trip_days():
    text = ("Minister for Trade Liisa Berg will lead a business delegation to Chile from 4 to 7 March 2024.\n\n"
            "During the visit, Norway and Chile are expected to sign an agreement on salmon farming.")
    (signing,) = [e for e in events_of(text, published=dt.date(2024, 2, 20)) if e["event_type"] == "signing"]
    assert (signing["start_date"], signing["end_date"]) == (dt.date(2024, 3, 4), dt.date(2024, 3, 7))


def test_a_session_of_a_standing_body_told_with_one_side_takes_both_sides_of_the_article():
    text = ("On 21 April 2025, the Foreign Minister of Ghana, Kofi Mensah, received the Deputy Prime Minister of Togo, "
            "Ama Dzidzo, in Accra. On the same day, the 20th meeting of the Intergovernmental Commission was held "
            "under the co-chairmanship of Ghana's Minister of Trade Yaw Boateng and Kodjo Adedze. On 22 April "
            "2025, Kofi Mensah held a telephone conversation with the Foreign Minister of Benin.")
    sessions = [e for e in events_of(text, published=dt.date(2025, 4, 22)) if "20th" in e["evidence"]]
    assert [s["countries"] for s in sessions] == [["GHA", "TGO"]]


def test_a_list_item_told_without_its_subject_is_of_those_who_issue_the_list():
    text = ("The fifth session of the Ghana-Togo Joint Committee was held in Accra on 10 February 2025, co-chaired by "
            "the foreign ministers of Ghana and Togo.\n\nIn their joint statement, the two sides:\n\n"
            "1. Welcomed the growth of trade.\n\n2. Agreed to hold the sixth session of the Joint Committee in Lome "
            "in 2026.")
    (plan,) = [e for e in events_of(text, published=dt.date(2025, 2, 11)) if e["status"] == "planned"]
    assert plan["countries"] == ["GHA", "TGO"] and plan["start_date"] == dt.date(2026, 1, 1)
