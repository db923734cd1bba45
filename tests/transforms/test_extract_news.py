"""Wire-news phrasing of meetings and calls, and the general-news guards (ANNOTATION.md, issue 10).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id

PUBLISHED = dt.date(2023, 8, 20)  # a Sunday


def events_of(text: str, published: dt.date = PUBLISHED) -> list[dict]:
    art = {"article_id": make_id("art", "news/w.jsonl", "0"), "source_path": "news/w.jsonl", "record_key": "0",
           "url": None, "title": None, "published_date": published, "published_date_source": "metadata",
           "text": text}
    return build_tables([extract_articles([art])])["events"]


def rows(events: list[dict]) -> list[tuple]:
    return sorted((e["event_type"], tuple(e["countries"]), e["status"], e["start_date"]) for e in events)


def test_told_in_a_phone_call_is_a_call_between_teller_and_addressee():
    text = ("ANKARA (Wire) - President Ali Demir of Turkey told President Ivan Petrov of Bulgaria in a phone call "
            "on Sunday that talks should resume.")
    assert rows(events_of(text)) == [("phone_call", ("BGR", "TUR"), "occurred", PUBLISHED)]


def test_a_call_recalled_in_a_sentence_about_fighting_is_still_a_call():
    text = ("OSH, Aug 20 (Wire) - Kyrgyzstan and Tajikistan agreed on Sunday to pull back troops after clashes that "
            "killed 12 people, following a phone call between Presidents Sadyr Japarov and Emomali Rahmon late on "
            "Saturday. Border commanders from both sides will meet on Monday to oversee the withdrawal.")
    assert rows(events_of(text)) == [
        ("meeting", ("KGZ", "TJK"), "planned", dt.date(2023, 8, 21)),
        ("phone_call", ("KGZ", "TJK"), "occurred", dt.date(2023, 8, 19))]


def test_a_conversation_on_the_sidelines_is_dated_by_the_day_after_the_place():
    text = ("LIMA, Aug 20 (Wire) - President Rosa Pinto of Chile and President Luis Vega of Peru had a conversation "
            "on the sidelines of the Andean summit in Quito on Friday, officials said.")
    # The summit named as the setting is an event of its own (ANNOTATION.md: background events with a name).
    assert rows(events_of(text)) == [("meeting", ("CHL", "PER"), "occurred", dt.date(2023, 8, 18)),
                                     ("summit", ("CHL", "PER"), "occurred", dt.date(2023, 8, 18))]


def test_a_refusal_to_sign_is_no_signing():
    text = "LIMA, Aug 20 (Wire) - President Luis Vega of Peru refused on Friday to sign the trade bill."
    assert not [e for e in events_of(text) if e["event_type"] == "signing"]


def test_a_demonym_is_not_the_destination_of_a_visit():
    text = ("NAIROBI (Wire) - King Harald of Norway held talks with President Amos Otieno of Kenya on Sunday, the "
            "first day of a four-day state visit to the former Norwegian trading partner.")
    visits = [e for e in events_of(text) if e["event_type"] == "visit"]
    assert all(e["location_country"] != "NOR" for e in visits)


def test_a_date_after_the_place_of_a_reception_dates_it():
    text = "Foreign Minister Ali Demir of Turkey received the visiting Foreign Minister of Oman, Saif Hamed, in Ankara on Friday."
    assert rows(events_of(text)) == [("meeting", ("OMN", "TUR"), "occurred", dt.date(2023, 8, 18))]


def test_a_dateline_place_is_no_party():
    text = "GENEVA (Wire) — President Rosa Pinto of Chile and President Luis Vega of Peru met on Saturday."
    assert rows(events_of(text)) == [("meeting", ("CHL", "PER"), "occurred", dt.date(2023, 8, 19))]


def test_a_meeting_followed_by_talks_gives_both():
    text = ("Baku, Aug 20, WIRE. President Ali Demir of Turkey and Prime Minister Ivan Petrov of Bulgaria held a "
            "one-on-one meeting in Baku on Sunday, followed by talks in an expanded format.")
    assert rows(events_of(text)) == [("meeting", ("BGR", "TUR"), "occurred", PUBLISHED),
                                     ("talks", ("BGR", "TUR"), "occurred", PUBLISHED)]


def test_a_state_visit_without_a_named_destination_goes_to_the_host_of_its_talks():
    text = ("NAIROBI, Kenya (Wire) — King Harald of Norway was welcomed with a gun salute on Sunday, where he held "
            "talks with President Amos Otieno of Kenya on the first day of a state visit to the former trading post.")
    assert rows(events_of(text)) == [("talks", ("KEN", "NOR"), "occurred", PUBLISHED),
                                     ("visit", ("KEN", "NOR"), "occurred", PUBLISHED)]


def test_a_visitor_meeting_their_own_diaspora_adds_no_host():
    text = ("MANILA – President Luis Reyes of the Philippines will leave for Riyadh on Monday. Reyes will also meet "
            "members of the Filipino community in Riyadh before returning to Manila on Wednesday.")
    meeting = next(e for e in events_of(text) if e["event_type"] == "meeting")
    assert meeting["countries"] == ["PHL"]


def test_an_undated_encounter_of_the_story_takes_its_day():
    text = ("President Ali Demir of Turkey and Prime Minister Ivan Petrov of Bulgaria held talks in Sofia on Friday. "
            "Addressing the press, the two leaders pledged to double trade.")
    briefing = next(e for e in events_of(text) if e["event_type"] == "press_briefing")
    assert (briefing["countries"], briefing["start_date"]) == (["BGR", "TUR"], dt.date(2023, 8, 18))


def test_a_visit_under_way_occurs_around_publication():
    text = "It is a great pleasure to welcome Foreign Minister Ivan Petrov of Bulgaria to Ankara on his first official visit to Turkey."
    (visit,) = [e for e in events_of(text) if e["event_type"] == "visit"]
    assert visit["status"] == "occurred" and visit["start_date"] <= PUBLISHED <= visit["end_date"]


def test_a_greeting_to_the_audience_is_no_visit_under_way():
    text = "Good evening and welcome to this briefing on the official visit of Prime Minister Ivan Petrov of Bulgaria to Turkey."
    assert all(e["status"] != "occurred" for e in events_of(text) if e["event_type"] == "visit")


@pytest.mark.parametrize("text", [
    "LIMA, Aug 20 (Wire) - Chile will meet Peru in their Group B opener at the National Stadium on Tuesday.",
    "ACCRA, Aug 20 (Wire) - Hundreds of fans met the Ghana national football team at Kotoka airport on Sunday.",
])
def test_sport_is_no_meeting_between_governments(text):
    assert events_of(text) == []


def test_a_league_of_states_is_no_sport():
    text = "CAIRO, Aug 20 (Wire) - The foreign ministers of Egypt and Jordan met at the Arab League on Sunday."
    assert rows(events_of(text)) == [("meeting", ("EGY", "JOR"), "occurred", PUBLISHED)]


def test_talks_denied_are_no_event():
    text = "MOSCOW (Wire) - The Kremlin on Thursday denied that any talks between President Ivan Petrov of Bulgaria and President Ali Demir of Turkey were planned."
    assert not [e for e in events_of(text) if e["event_type"] in ("talks", "meeting")]


def test_a_bid_to_host_games_is_no_meeting():
    text = "LIMA (Wire) - Chile will back Peru's bid to host the 2031 Pan American Games, the Foreign Minister of Chile said on Sunday."
    assert not [e for e in events_of(text) if e["event_type"] == "meeting"]


def test_talks_postponed_are_no_event():
    text = ("BRUSSELS, Oct 22 (Wire) - A round of EU-mediated talks between Chilean and Peruvian negotiators that had "
            "been scheduled for Thursday in Brussels was postponed indefinitely, a spokesperson said.")
    assert not [e for e in events_of(text) if e["event_type"] in ("talks", "meeting")]


def test_a_summit_called_off_is_no_event_but_one_held_after_a_postponement_is():
    text = "ACCRA (Wire) - The summit of the presidents of Ghana and Togo has been called off, officials said on Tuesday."
    assert not events_of(text)
    text = ("ACCRA (Wire) - The presidents of Ghana and Togo met in Lome on Tuesday, after a summit was postponed in "
            "June.")
    assert [e["event_type"] for e in events_of(text)] == ["meeting"]


def test_a_decree_signed_is_no_signing_and_a_summoned_envoy_is_met():
    assert not events_of("MOSCOW (Wire) - President Ivan Petrov of Bulgaria signed a decree on Monday on citizenship.")
    text = "LIMA (Wire) - Peru's foreign ministry summoned the Chilean ambassador on Tuesday to protest the remarks."
    assert [tuple(e["countries"]) for e in events_of(text)] == [("CHL", "PER")]


def test_talks_denied_or_ruled_out_are_no_event():
    denied = "SANTIAGO (Wire) - The Foreign Ministry of Chile denied that any talks with Peru had taken place on Monday."
    ruled_out = "LIMA, May 4 (Wire) - The Foreign Minister of Peru ruled out a meeting with his Chilean counterpart this month."
    for text in (denied, ruled_out):
        assert not [e for e in events_of(text) if e["event_type"] in ("talks", "meeting")], text


@pytest.mark.parametrize("text", [
    "ACCRA (Wire) - Ghana's presidency on Monday denied media reports that President Kofi Mensah was preparing to "
    "meet the Togolese leader in Lome.",
    "LIMA (Wire) - The foreign ministry of Peru dismissed reports that its minister would travel to Santiago next "
    "week for talks with Chile.",
    "QUITO (Wire) - Ecuador's government denied claims on Friday that the two presidents had secretly met in Panama.",
])
def test_an_encounter_inside_a_denied_report_is_no_event(text):
    assert not events_of(text)


@pytest.mark.parametrize("text", [
    "NIAMEY (Wire) - Niger's military rulers refused on Monday to receive a delegation of Nigerian ministers that "
    "had planned to travel to Niamey this week.",
    "LA PAZ (Wire) - Bolivia declined to host a team of Chilean negotiators who were due to visit La Paz on "
    "Thursday, officials said.",
])
def test_a_visit_its_hosts_refused_is_no_event(text):
    assert not events_of(text)


@pytest.mark.parametrize("text, expected", [
    ("ACCRA (Wire) - The presidents of Ghana and Togo met in Lome on Monday, days after officials denied reports of "
     "a rift.", [("meeting", ("GHA", "TGO"))]),
    ("SANTIAGO (Wire) - Chile's foreign minister met his Peruvian counterpart on Monday; he denied reports that the "
     "border would close.", [("meeting", ("CHL", "PER"))]),
])
def test_a_denial_after_the_encounter_leaves_it_alone(text, expected):
    assert [(e["event_type"], tuple(e["countries"])) for e in events_of(text)] == expected


@pytest.mark.parametrize("text", [
    # no plans, speculation: nothing concrete is told (ANNOTATION.md: concrete future events only)
    "LIMA (Wire) - There are no plans for the Foreign Minister of Peru to meet his Chilean counterpart, officials said.",
    "LIMA (Wire) - Peru's president has no plans to visit Chile this year, officials said on Monday.",
    "ACCRA (Wire) - There will be no meeting between the presidents of Ghana and Togo this week, officials said.",
    "LIMA (Wire) - Peru's foreign minister is considering a visit to Chile, officials said on Monday.",
    "ACCRA (Wire) - Ghana's president is weighing a state visit to Togo, his office said on Monday.",
    # a side that stays away, or turns the encounter down
    "LIMA (Wire) - Bolivia will not take part in talks with Chile on Monday, officials said.",
    "LIMA (Wire) - Bolivia's president skipped the summit with Chile and Peru on Monday, officials said.",
    "LIMA (Wire) - Bolivia's president stayed away from the meeting with Chile's foreign minister on Monday.",
    "LIMA (Wire) - Bolivia boycotted the talks with Chile on Monday, officials said.",
    "LIMA (Wire) - Peru's rebels rejected a Chilean invitation to hold talks with the government on Monday.",
    "ACCRA (Wire) - Ghana declined an invitation to talks with Togo on Monday.",
    # a negated passive is no encounter ("conditions had not been met")
    "CARACAS (Wire) - Venezuela's opposition said on Monday it would boycott a dialogue with the government proposed "
    "by Norway, saying conditions for free elections had not been met.",
    # a reception, not an encounter
    "ANKARA (Wire) - Turkey's decision to close the border was met with criticism from Greece and Bulgaria on Monday.",
    "WARSAW (Wire) - The proposal by Poland's foreign minister met with resistance from Hungary and Slovakia on Monday.",
    "ACCRA (Wire) - The proposal met with stiff resistance from Togo and Benin on Monday.",
])
def test_an_encounter_nobody_holds_is_no_event(text):
    assert not events_of(text)


@pytest.mark.parametrize("text, expected", [
    ("ACCRA (Wire) - The foreign minister of Ghana met with a delegation from Togo on Monday.",
     [("meeting", ("GHA", "TGO"))]),
    ("ACCRA (Wire) - Ghana's president accepted an invitation to visit Togo and will travel to Lome on 3 September.",
     [("visit", ("GHA", "TGO"))]),
    ("ACCRA (Wire) - Ghana and Togo held talks on Monday despite calls to boycott the meeting by opposition groups.",
     [("talks", ("GHA", "TGO"))]),
    ("ACCRA (Wire) - The foreign ministers of Ghana and Togo discussed the proposal for a joint commission when they "
     "met on Monday.", [("meeting", ("GHA", "TGO"))]),
])
def test_encounters_beside_those_words_stay(text, expected):
    assert [(e["event_type"], tuple(e["countries"])) for e in events_of(text)] == expected


@pytest.mark.parametrize("text, countries", [
    # the office holder of a country no gazetteer lists still brings the country
    ("ACCRA (Wire) - Ghana's president met Togo's president on Monday.", ("GHA", "TGO")),
    ("ACCRA (Wire) - Togo's president received Ghana's foreign minister in Lome on Monday.", ("GHA", "TGO")),
    ("LONDON (Wire) - Uganda's foreign minister met Benin's vice-president on Monday.", ("BEN", "UGA")),
    ("LONDON (Wire) - Uganda's foreign minister spoke by phone with Oman's sultan on Monday.", ("OMN", "UGA")),
    # a possessor of the office's own possession is a topic, not a party
    ("LONDON (Wire) - Uganda's foreign minister met Kenya's president on Monday to discuss Togo's president's "
     "peace plan.", ("KEN", "UGA")),
])
def test_a_countrys_office_holder_brings_the_country(text, countries):
    assert [tuple(e["countries"]) for e in events_of(text)] == [countries]


@pytest.mark.parametrize("text, day", [
    # a short topic between the event's object and its date ("on visas", "on maritime search and rescue")
    ("VALLETTA, 4 March 2024 - The foreign ministers of Malta and Tunisia signed an agreement on visas on Monday.",
     dt.date(2024, 3, 4)),
    ("VALLETTA, 4 March 2024 - Malta and Tunisia signed a memorandum of understanding on maritime search and rescue "
     "on 1 March 2024.", dt.date(2024, 3, 1)),
    ("ACCRA, 4 March 2024 - Ghana's foreign minister held talks with Togo's foreign minister about border trade on "
     "Saturday.", dt.date(2024, 3, 2)),
])
def test_a_topic_between_object_and_date_keeps_the_date(text, day):
    assert [(e["start_date"], e["date_precision"]) for e in events_of(text, dt.date(2024, 3, 4))] == [(day, "day")]


def test_a_topic_does_not_reach_past_a_comma_or_a_clause():
    text = ("MADRID, 4 March 2024 - The foreign minister of Spain will hold talks with his Moroccan counterpart on "
            "migration and energy, the ministry said on Friday.")
    assert [e["start_date"] for e in events_of(text, dt.date(2024, 3, 4))] != [dt.date(2024, 3, 1)]


@pytest.mark.parametrize("text, expected", [
    # a denial of something else than the encounter leaves the encounter alone
    ("LIMA (Wire) - The Foreign Minister of Chile dismissed the criticism during his visit to Peru on Monday.",
     [("visit", ("CHL", "PER"))]),
    ("LIMA (Wire) - The Foreign Minister of Chile denied wrongdoing as he met the President of Peru in Lima on "
     "Monday.", [("meeting", ("CHL", "PER"))]),
    # a group nobody's ("Health experts") is no body of the article's parties
    ("LIMA (Wire) - The Foreign Minister of Chile held talks with the Foreign Minister of Peru on Monday. Health "
     "experts met in Geneva on Tuesday to discuss the pandemic treaty.", [("talks", ("CHL", "PER"))]),
    # a call for or from somebody is no call setting
    ("LIMA (Wire) - The Foreign Minister of Chile exchanged views with the Foreign Minister of Peru in Lima on Monday "
     "and renewed a call for dialogue in Venezuela.", [("meeting", ("CHL", "PER"))]),
    ("LIMA (Wire) - The President of Chile sat down with the President of Peru in Lima on Monday, answering a call "
     "from business leaders.", [("meeting", ("CHL", "PER"))]),
    # a written joint statement is no briefing
    ("LIMA (Wire) - The Foreign Minister of Chile met the Foreign Minister of Peru in Lima on Monday. The two "
     "ministers issued a joint press statement on the outcome.", [("meeting", ("CHL", "PER"))]),
])
def test_review_regressions_stay_mended(text, expected):
    assert sorted((e["event_type"], tuple(e["countries"])) for e in events_of(text)) == expected


def test_a_call_as_the_setting_still_makes_the_encounter_a_call():
    text = ("LIMA (Wire) - The Foreign Minister of Chile spoke with the Foreign Minister of Peru on Monday. During the "
            "call, the ministers exchanged views on the border.")
    assert {e["event_type"] for e in events_of(text)} == {"phone_call"}
