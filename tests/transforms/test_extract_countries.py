"""Which countries an event gets: who comes "from" a country, an organization's official, a country word in a
person's own name, a named event's hosts told past its place, capitals for their governments.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import pytest

from tests.transforms.test_extract_events import events_of


def _countries(text: str, event_type: str) -> list[tuple[str, ...]]:
    return [tuple(e["countries"]) for e in events_of(text) if e["event_type"] == event_type]


@pytest.mark.parametrize("text,event_type,expected", [
    # People named by their group come from a country, whatever the case of the group word.
    ("Delegations from Chile and Peru met in Quito on Monday.", "meeting", ("CHL", "PER")),
    ("Officials from both Japan and South Korea met in Busan on Tuesday.", "meeting", ("JPN", "KOR")),
    ("On Monday, negotiators from the United States held talks with Iranian officials in Muscat.", "talks",
     ("IRN", "USA")),
])
def test_who_comes_from_a_country_is_of_it(text, event_type, expected):
    assert _countries(text, event_type) == [expected]


def test_a_place_one_comes_from_is_no_party():
    assert _countries("He arrived from Chile on Monday and met Peruvian President Ana Ruiz in Lima.",
                      "meeting") == [("PER",)]


@pytest.mark.parametrize("text,event_type,expected", [
    # The gazetteer gives the person a country (a former national office) and an organization: the office the text
    # writes is no state's, so the organization takes part, not the country.
    ("High Representative Kaja Kallas met the Foreign Minister of Chile in Brussels on Monday.", "meeting",
     ("CHL",)),
    ("NATO Secretary General Mark Rutte held talks with Polish President Andrzej Duda in Warsaw on Monday.", "talks",
     ("POL",)),
    # The same person holding a state's office acts for the state.
    ("Dutch Prime Minister Mark Rutte met Polish President Andrzej Duda in Warsaw on Monday.", "meeting",
     ("NLD", "POL")),
])
def test_an_organizations_official_takes_part_for_it_not_for_a_country(text, event_type, expected):
    assert _countries(text, event_type) == [expected]


@pytest.mark.parametrize("text,event_type,expected", [
    ("Prime Minister Luis Montenegro met Spanish Prime Minister Pedro Sanchez in Madrid on Monday.", "meeting",
     ("ESP", "PRT")),
    ("On Tuesday, US envoy Chad Fowler held talks with Kenyan President William Ruto in Nairobi.", "talks",
     ("KEN", "USA")),
])
def test_a_country_word_in_a_persons_own_name_is_no_party(text, event_type, expected):
    assert _countries(text, event_type) == [expected]


@pytest.mark.parametrize("text", [
    "Ministers attended the Ocean Action Forum, co-hosted in Lisbon on 3 May by Kenya and Portugal.",
    "Ministers attended the Ocean Action Forum, hosted jointly by Kenya and Portugal, on 3 May.",
])
def test_a_named_events_hosts_told_past_its_place_and_day(text):
    assert _countries(text, "forum") == [("KEN", "PRT")]


@pytest.mark.parametrize("text,event_type,expected", [
    ("Moscow and Kyiv held a new round of talks in Istanbul on Monday.", "talks", [("RUS", "UKR")]),
    ("Talks between Tokyo and Seoul took place in Busan on Monday.", "talks", [("JPN", "KOR")]),
    ("Officials from Seoul and Tokyo met in Busan on Monday.", "meeting", [("JPN", "KOR")]),
])
def test_capitals_coordinated_stand_for_their_governments(text, event_type, expected):
    assert _countries(text, event_type) == expected


@pytest.mark.parametrize("text,event_type,expected", [
    # A pair of capitals after a preposition is where, not who; a capital in a name is no party.
    ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris and Berlin last week.", "meeting",
     [("DEU", "FRA")]),
    ("The minister flew to Paris and Berlin on Monday for talks with German Chancellor Olaf Scholz.", "talks",
     [("DEU",)]),
    ("Ministers of Kenya and Japan met on Monday to discuss the Paris Agreement and Rome Statute.", "meeting",
     [("JPN", "KEN")]),
])
def test_capitals_as_places_or_names_are_no_parties(text, event_type, expected):
    assert _countries(text, event_type) == expected


_MET = "On 12 June, Foreign Minister Rosa Pinto of Chile met Foreign Minister Amos Otieno of Kenya in Santiago. "


@pytest.mark.parametrize("second", [
    "Ambassador Ana Ruiz and Deputy Minister Jorge Paz of Chile were present at the talks.",
    "Deputy Minister Jorge Paz of Chile also attended the meeting.",
    "Deputy Minister Jorge Paz of Chile also took part in the meeting.",
])
def test_an_event_attended_again_is_the_event_told_before(second):
    evs = [e for e in events_of(_MET + second) if e["event_type"] in ("meeting", "talks")]
    assert [tuple(e["countries"]) for e in evs] == [("CHL", "KEN")]


@pytest.mark.parametrize("second,expected", [
    # Another event: told with its own body, or indefinite.
    ("On 14 June, she attended the meeting of the Council of Ministers of Mercosur in Lima.", 2),
    ("The ministers also took part in a meeting with business leaders on 13 June.", 2),
])
def test_another_event_attended_is_its_own(second, expected):
    evs = [e for e in events_of(_MET + second) if e["event_type"] in ("meeting", "talks")]
    assert len(evs) == expected
