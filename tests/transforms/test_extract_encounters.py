"""How encounters are told in house styles the first rules did not see: other verbs, a call's setting, an
encounter that opens its sentence, standing bodies, coordinated predicates, joint announcements and programmes
of several meetings with unnamed counterparts.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_article, extract_articles
from transforms.extract.merge import offices_contradict
from transforms.ids import make_id


def article(text: str, published: dt.date = dt.date(2024, 3, 14), key: str = "0") -> dict:
    return {"article_id": make_id("art", "releases/r.txt", key), "source_path": "releases/r.txt", "record_key": key,
            "url": None, "title": None, "published_date": published, "published_date_source": "metadata",
            "text": text}


def mentions(text: str):
    return extract_article(article(text))[0]


def rows(text: str) -> list[dict]:
    return build_tables([extract_articles([article(text)])])["events"]


@pytest.mark.parametrize("text,countries", [
    ("The Foreign Minister of Chile sat down with the Foreign Minister of Peru in Lima on Monday.", ("CHL", "PER")),
    ("Prime Minister Ana Ruiz of Norway conferred with President Amos Otieno of Kenya on Tuesday.", ("KEN", "NOR")),
    ("The Emir of Qatar granted an audience to the Minister of Trade of Ghana on Sunday.", ("GHA", "QAT")),
    ("The Minister of Trade of Ghana was granted an audience by the Emir of Qatar on Sunday.", ("GHA", "QAT")),
    ("The Foreign Minister of Togo had an audience with the King of Morocco on Sunday.", ("MAR", "TGO")),
    ("The Prime Minister of Japan will be meeting the President of Kenya on Friday.", ("JPN", "KEN")),
    ("The presidents of Chile and Peru held a tete-a-tete in Lima on Monday.", ("CHL", "PER")),
])
def test_encounter_verbs_other_than_meet(text, countries):
    (m,) = [m for m in mentions(text) if m.event_type == "meeting"]
    assert m.countries == countries


def test_encounter_verb_in_a_calls_setting_is_the_call():
    text = "During the telephone conversation, the President of Chile exchanged views with the President of Peru."
    found = mentions(text)
    assert {m.event_type for m in found} == {"phone_call"} and ("CHL", "PER") in [m.countries for m in found]
    text = "The President of Chile exchanged views with the President of Peru in Lima on Monday."
    assert [m.event_type for m in mentions(text)] == ["meeting"]


@pytest.mark.parametrize("text", [
    "The foreign ministers of Ghana and Togo had a working lunch in Accra on 3 March 2024.",
    "The Minister of Foreign Affairs of Peru offered a luncheon in honour of the Foreign Minister of Chile.",
])
def test_a_working_meal_is_a_meeting(text):
    assert [m.event_type for m in mentions(text)] == ["meeting"]


@pytest.mark.parametrize("text,countries", [
    ("In his meeting with the Foreign Minister of Japan, the President of Kenya praised the partnership.",
     ("JPN", "KEN")),
    ("During her talks with the President of Peru, the Foreign Minister of Chile raised the border.", ("CHL", "PER")),
    ("At their meeting in Lima on Monday, the foreign ministers of Chile and Peru agreed to reopen the border.",
     ("CHL", "PER")),
])
def test_an_encounter_that_opens_the_sentence_has_the_sentence_subject(text, countries):
    (m,) = mentions(text)
    assert m.countries == countries


@pytest.mark.parametrize("second,status", [
    ("The Joint Working Group met in Arica on 2 February.", "occurred"),
    ("The permanent secretaries of the two ministries met the day before.", "occurred"),
    ("The Joint Commission will hold its next session in Santiago in 2025.", "planned"),
    ("The joint border commission is to convene before the end of the year.", "planned"),
])
def test_a_standing_body_without_parties_is_of_the_articles_own_parties(second, status):
    text = f"The foreign ministers of Chile and Peru held talks in Lima on 3 March 2024. {second}"
    (m,) = [m for m in mentions(text) if m.event_type == "meeting"]
    assert (m.countries, m.status) == (("CHL", "PER"), status)


def test_a_board_is_no_body_of_the_parties():
    text = ("The foreign ministers of Chile and Peru held talks in Lima on 3 March 2024. The board of the state "
            "mining company met on Friday.")
    assert [m.event_type for m in mentions(text)] == ["talks"]


def test_a_coordinated_predicate_after_a_topic_shares_the_subject():
    text = ("The foreign ministers of Chile and Peru held talks in Lima on 3 March 2024. They later signed a "
            "memorandum on consular cooperation and held a joint press conference.")
    briefings = [m for m in mentions(text) if m.event_type == "press_briefing"]
    assert [m.countries for m in briefings] == [("CHL", "PER")]


def test_a_comma_opener_starts_a_new_subject_with_its_own_and():
    text = "The President of Ghana met the Prime Minister of Togo on trade, and the foreign ministers of Chile and Peru held talks."
    assert [(m.event_type, m.countries) for m in mentions(text)] == [("meeting", ("GHA", "TGO")),
                                                                      ("talks", ("CHL", "PER"))]


@pytest.mark.parametrize("text,events", [
    ("The governments of Chile and Peru announced a new trade corridor.", 1),
    ("Chile also announced 100 additional scholarships for Peruvian students.", 0),
    ("Spain will allocate 50 million euros in aid to Sudan this year, the Foreign Minister of Spain announced.", 0),
    ("Norway and the European Union announced a joint fund for green shipping.", 1),
    ("The green shipping fund was announced by the President of Chile and the President of Peru in Lima.", 1),
])
def test_an_announcement_is_an_event_when_it_is_joint(text, events):
    assert len([m for m in mentions(text) if m.event_type == "announcement"]) == events


def test_meetings_with_different_unnamed_counterparts_are_different_events():
    text = ("Accra, 12 June 2024. The President of Ghana received the Foreign Minister of Togo, Robert Dussey, at "
            "Jubilee House on Tuesday. Mr Dussey also called on the Speaker of Parliament. The Foreign Minister of "
            "Togo met the Minister of Trade of Ghana on the same day.")
    assert len([e for e in rows(text) if e["event_type"] == "meeting"]) == 3


def test_a_retelling_with_a_shorter_office_is_the_same_meeting():
    text = ("Accra, 12 June 2024. The President of Ghana received the Foreign Minister of Togo at Jubilee House on "
            "Tuesday. The meeting between the President and the Minister focused on trade.")
    assert len([e for e in rows(text) if e["event_type"] == "meeting"]) == 1


def test_offices_contradict():
    assert offices_contradict({"President|GHA"}, {"Speaker|"})
    assert not offices_contradict({"President|GHA"}, {"President|"})
    assert not offices_contradict({"Minister|", "President|"}, {"Minister of Trade|GHA", "President|GHA"})
    assert not offices_contradict(set(), {"Speaker|"})


@pytest.mark.parametrize("text", [
    "The Kremlin denies President Ivanov plans to meet the President of Ukraine in Istanbul.",
    "The government of Chile denied that its minister would travel to Peru for talks.",
    "The President of Indonesia has postponed a planned visit to Australia, his office said on Sunday.",
    "Peru cancelled the state visit to Chile after the border incident.",
])
def test_a_denied_or_called_off_encounter_is_no_event(text):
    assert [m for m in mentions(text) if m.event_type in ("meeting", "talks", "visit")] == []


def test_a_denial_before_and_does_not_reach_the_next_clause():
    text = "The Foreign Minister of Chile denied the reports and met the Foreign Minister of Peru in Lima on Monday."
    assert [m.event_type for m in mentions(text)] == ["meeting"]


def test_a_joint_press_conference_told_by_one_side_is_both_sides():
    text = ("The foreign ministers of Ghana and Togo held talks in Accra on 3 March 2024. At the joint press "
            "conference after the talks, the Foreign Minister of Togo said the border would reopen.")
    (briefing,) = [m for m in mentions(text) if m.event_type == "press_briefing"]
    assert (briefing.countries, briefing.status) == (("GHA", "TGO"), "occurred")


def test_a_press_conference_of_one_side_stays_one_sided():
    text = ("The foreign ministers of Ghana and Togo held talks in Accra on 3 March 2024. On Friday the Foreign "
            "Minister of Togo said at a press conference in Lome that the border would reopen.")
    assert [m.countries for m in mentions(text) if m.event_type == "press_briefing"] == [("TGO",)]


@pytest.mark.parametrize("title", [
    "Weekly Media Briefing by the Official Spokesperson of the Ministry of External Affairs of India",
    "Transcript of Special Briefing by the Foreign Secretary of India on the visit of the President of Chile",
])
def test_a_title_that_names_a_briefing_is_a_press_briefing(title):
    art = article(f"{title}\n\nSpokesperson: Good afternoon.")
    art["title"] = title
    assert "press_briefing" in {m.event_type for m in extract_article(art)[0]}


def test_a_meeting_that_follows_in_a_relative_clause_is_another_encounter():
    text = ("His Majesty the Sultan of Brunei later received the Prime Minister of Cambodia in an audience at the "
            "palace, which was followed by a bilateral meeting between the two delegations.")
    meetings = [e for e in rows(text) if e["event_type"] == "meeting"]
    assert sorted(tuple(e["countries"]) for e in meetings) == [("BRN", "KHM"), ("BRN", "KHM")]


def test_a_setting_told_before_its_past_verb_occurred():
    text = ("The President of Burundi paid a courtesy call on the President of Uganda at State House on 18 March "
            "2024. The two Presidents then led their delegations in official talks.")
    (talks,) = [m for m in mentions(text) if m.event_type == "talks"]
    assert (talks.countries, talks.status) == (("BDI", "UGA"), "occurred")


def test_the_way_home_is_no_visit():
    text = ("The President of Burundi paid a state visit to Uganda on 18 March 2024. He departed for Bujumbura in "
            "the afternoon.")
    assert [m.countries for m in mentions(text) if m.event_type == "visit"] == [("BDI", "UGA")]


@pytest.mark.parametrize("text", [
    "On 3 March 2024, the Foreign Minister of Chile, on an official visit to Peru, met the President of Peru.",
    "The Foreign Minister of Chile visits Peru on 3 March 2024 and meets the President of Peru.",
])
def test_the_visitor_of_an_apposition_or_a_present_tense_visit(text):
    found = mentions(text)
    assert {m.event_type for m in found} == {"visit", "meeting"}
    assert all(m.countries == ("CHL", "PER") for m in found)


def test_following_the_talks_names_the_talks_told_before():
    text = ("The foreign ministers of Kuwait and Uzbekistan held official talks in Kuwait City on 21 April 2025. "
            "Following the talks, the two ministers signed a memorandum on political consultations.")
    assert sorted(e["event_type"] for e in rows(text)) == ["signing", "talks"]


def test_talks_that_follow_a_one_on_one_are_another_encounter():
    text = ("The President of Azerbaijan and the Prime Minister of Pakistan held a one-on-one meeting in Baku on "
            "28 October 2025, followed by talks in an expanded format with the participation of delegations.")
    assert sorted(e["event_type"] for e in rows(text)) == ["meeting", "talks"]
