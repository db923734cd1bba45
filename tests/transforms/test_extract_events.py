"""Event extraction: triggers, types, status, dates, places, names, noise and the general-news guard.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.vocab import EVENT_TYPES, PLOVER_BY_EVENT_TYPE
from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id


def article(text: str, published: dt.date | None = dt.date(2023, 6, 14), source_path: str = "news/a.txt",
            title: str | None = None, url: str | None = None, key: str = "0") -> dict:
    return {"article_id": make_id("art", source_path, key), "source_path": source_path, "record_key": key,
            "url": url, "title": title, "published_date": published,
            "published_date_source": "metadata" if published else "unknown", "text": text}


def tables(*articles: dict) -> dict[str, list[dict]]:
    return build_tables([extract_articles(list(articles))])


def events_of(text: str, **kw) -> list[dict]:
    return tables(article(text, **kw))["events"]


def test_phone_call_readout_with_publisher_home():
    text = "President Anders Holm spoke today with Prime Minister Rui Tavares of Portugal about energy security."
    evs = events_of(text, source_path="whitehouse/readout.md")
    (call,) = [e for e in evs if e["event_type"] == "phone_call"]
    assert set(call["countries"]) >= {"PRT", "USA"}
    assert call["status"] == "occurred"
    assert (call["start_date"], call["end_date"], call["date_precision"]) == (dt.date(2023, 6, 14),) * 2 + ("day",)
    assert call["plover_type"] == "CONSULT"


def test_respectively_gives_one_bilateral_event_per_counterpart():
    text = ("On June 12, 2023, Foreign Minister Lena Vogt of Austria held talks in Vienna respectively with "
            "Foreign Minister of Norway Ola Brekke, Foreign Minister of Chile Rosa Pinto, and "
            "Foreign Minister of Kenya Amos Otieno.")
    evs = [e for e in events_of(text) if e["event_type"] == "talks"]
    assert sorted(tuple(e["countries"]) for e in evs) == [("AUT", "CHL"), ("AUT", "KEN"), ("AUT", "NOR")]
    assert all(e["start_date"] == dt.date(2023, 6, 12) and e["location"] == "Vienna" for e in evs)
    assert all(e["location_country"] == "AUT" for e in evs)


def test_planned_summit_with_place_and_month():
    text = "The Nordic-Baltic Summit will be held in Geneva in September."
    (summit,) = [e for e in events_of(text) if e["event_type"] == "summit"]
    assert summit["status"] == "planned"
    assert summit["name"] == "Nordic-Baltic Summit"
    assert (summit["location"], summit["location_country"]) == ("Geneva", "CHE")
    assert summit["start_date"] == dt.date(2023, 9, 1) and summit["end_date"] == dt.date(2023, 9, 30)
    assert summit["date_precision"] == "month"


def test_agreed_to_hold_is_planned():
    text = "Brazil and Argentina have agreed to hold the Southern Cone Summit next month."
    (summit,) = [e for e in events_of(text) if e["event_type"] == "summit"]
    assert summit["status"] == "planned"
    assert {"ARG", "BRA"} <= set(summit["countries"])


def test_following_day_resolves_against_previous_event():
    text = ("On March 3, 2023, Foreign Minister Lena Vogt of Austria met with Foreign Minister Ola Brekke of Norway "
            "in Salzburg.\n\nThe following day, Lena Vogt chaired the second Alpine Foreign Ministers' Meeting.")
    evs = events_of(text, published=dt.date(2023, 3, 5))
    (named,) = [e for e in evs if e["name"]]
    assert named["name"] == "Second Alpine Foreign Ministers' Meeting"
    assert named["start_date"] == dt.date(2023, 3, 4)


def test_past_event_without_date_keeps_honest_precision():
    text = "Secretary of State Mara Quill met with Foreign Minister Jonas Berg of Sweden in Stockholm."
    (meeting,) = events_of(text, source_path="state/m.html")
    assert meeting["date_precision"] != "day"
    assert meeting["start_date"] <= dt.date(2023, 6, 14) <= meeting["end_date"]
    assert (meeting["location"], meeting["location_country"]) == ("Stockholm", "SWE")
    assert {"SWE", "USA"} <= set(meeting["countries"])


def test_visit_travel_notice():
    text = "Deputy Secretary Ray Lund will travel to Brussels, Belgium, June 20-22 to meet with NATO officials."
    (visit,) = [e for e in events_of(text, source_path="state/t.html") if e["event_type"] == "visit"]
    assert visit["status"] == "planned"
    assert {"BEL", "USA"} <= set(visit["countries"])
    assert (visit["start_date"], visit["end_date"]) == (dt.date(2023, 6, 20), dt.date(2023, 6, 22))
    assert visit["location"] == "Brussels"


@pytest.mark.parametrize("text", [
    "Deputy Secretary Ray Lund will travel on June 20-22 to Brussels, Belgium, to meet with NATO officials.",
    "Deputy Secretary Ray Lund will travel June 20-22 to Brussels, Belgium, to meet with NATO officials.",
])
def test_visit_travel_notice_with_the_date_before_the_destination(text):
    (visit,) = [e for e in events_of(text, source_path="state/t.html") if e["event_type"] == "visit"]
    assert {"BEL", "USA"} <= set(visit["countries"])
    assert (visit["start_date"], visit["end_date"]) == (dt.date(2023, 6, 20), dt.date(2023, 6, 22))


@pytest.mark.parametrize("text", [
    "The Foreign Minister of Norway, Karl Moen, will travel to Kenya and Ghana from 6 to 9 May.",
    "Prime Minister Ines Duarte of Portugal toured Chile, Peru and Ecuador last week.",
])
def test_a_trip_to_several_countries_is_one_visit_per_country_and_the_whole_trip(text):
    visits = [e for e in events_of(text) if e["event_type"] == "visit"]
    own = "NOR" if "Norway" in text else "PRT"
    hosts = [set(v["countries"]) - {own} for v in visits]
    assert sorted(map(sorted, hosts)) == sorted([[c] for c in set().union(*hosts)] + [sorted(set().union(*hosts))])
    assert len(hosts) >= 3 and all(own in v["countries"] for v in visits)
    assert all(v["location_country"] in (None, *v["countries"]) for v in visits)


def test_a_trip_whose_object_names_one_country_twice_is_one_visit():
    text = ("Foreign Minister Ana Ruiz of Peru held talks with Foreign Minister Rosa Pinto of Chile in Lima on 3 May "
            "2024. The sides reviewed the agreements reached during the state visit of the President of Kazakhstan in "
            "2023, and agreed to reopen the border.")
    visits = [e for e in events_of(text) if e["event_type"] == "visit"]
    assert len(visits) == 1


def test_a_trip_to_a_region_is_one_visit():
    text = "The Foreign Minister of Norway, Karl Moen, will travel to Central Asia from 6 to 9 May."
    assert len([e for e in events_of(text) if e["event_type"] == "visit"]) == 1


@pytest.mark.parametrize("sentence, event_type", [
    ("President Ines Duarte of Portugal and Prime Minister Karl Moen of Norway signed a memorandum on "
     "offshore wind in Oslo.", "signing"),
    ("Foreign Minister Ines Duarte of Portugal briefed the press after the session in Lisbon.", "press_briefing"),
    ("The governments of Portugal and Norway announced a joint fund for Arctic research.", "announcement"),
    ("Prime Minister Karl Moen of Norway visited Portugal from June 5 to 7.", "visit"),
    ("Prime Minister Karl Moen of Norway held a video call with President Ines Duarte of Portugal.", "phone_call"),
])
def test_event_types(sentence, event_type):
    evs = events_of(sentence)
    assert event_type in {e["event_type"] for e in evs}
    assert all(e["event_type"] in EVENT_TYPES for e in evs)
    assert all(e["plover_type"] == PLOVER_BY_EVENT_TYPE[e["event_type"]] for e in evs)


def test_reader_comments_after_noise_yield_nothing():
    text = ("Foreign Minister Lena Vogt of Austria met with Foreign Minister Ola Brekke of Norway on June 12.\n\n"
            "Leave a Reply\n\nI met with my neighbours and we agreed to hold a party. "
            "President Biden will travel to Japan, I bet, and China will support it.")
    out = tables(article(text))
    noise_at = text.index("Leave a Reply")
    for name in ("events", "event_mentions", "commitments", "participants"):
        assert all((row["char_start"] or 0) < noise_at for row in out[name]), name
    assert len(out["events"]) == 1


def test_empty_and_untitled_articles():
    assert tables(article("")) ["events"] == []
    assert tables(article("Weather was mild.", published=None))["events"] == []
    assert build_tables([]) == {k: [] for k in ("events", "event_mentions", "participants", "commitments",
                                                  "commitment_mentions", "entities", "quarantine")}


def test_evidence_is_the_text_slice():
    a = article("Prime Minister Karl Moen of Norway visited Portugal from June 5 to 7. He met with President "
                "Ines Duarte of Portugal in Lisbon, and the two sides agreed to expand ferry links by 2025.")
    out = tables(a)
    for name in ("events", "event_mentions", "commitments"):
        for row in out[name]:
            assert a["text"][row["char_start"]:row["char_end"]] == row["evidence"]


# Sentences that report no meeting and no agreement: threats, protests, attacks, sanctions,
# crime, markets. Written for this test.
NEGATIVE_SENTENCES = [
    "Police said they will investigate the cause of the fire at the warehouse.",
    "Protesters called for the resignation of the mayor after the flooding.",
    "Troops attacked a village near the border on Tuesday, killing three people.",
    "The rebel group threatened to seize the airport if the army advanced.",
    "The militia warned that it will retaliate against any strike on its bases.",
    "Hundreds of demonstrators marched through the capital on Sunday.",
    "The government imposed sanctions on two shipping companies last week.",
    "Gunmen stormed a hotel in the city centre late on Friday.",
    "The company said it will cut 2,000 jobs by the end of the year.",
    "Residents said they will leave the area if the shelling continues.",
    "Prosecutors said they will seek a ten-year sentence for the former mayor.",
    "Russia threatened to expel diplomats in response to the new measures.",
    "Officials warned that the storm will hit the coast by Thursday morning.",
    "The opposition called for a general strike across the country.",
    "Students protested outside the parliament building demanding lower fees.",
    "Rockets were fired at the northern town overnight, the army said.",
    "The militants said they will continue fighting until the troops withdraw.",
    "Witnesses said soldiers shot at the crowd near the central square.",
    "The union vowed to continue the strike until wages are raised.",
    "Investors fear the central bank will raise interest rates again.",
    "Analysts said the economy will shrink by two percent this year.",
    "The court said it will announce its verdict next month.",
    "Fighters loyal to the warlord attacked an aid convoy on the highway.",
    "Farmers blocked roads with tractors to protest against fuel prices.",
    "The army said its forces will respond with full force to any incursion.",
    "Police arrested twelve people after clashes broke out near the stadium.",
    "The hackers threatened to publish the stolen data unless a ransom is paid.",
    "Several embassies closed their doors as protests spread across the city.",
    "Hospital officials said dozens of people were wounded in the blast.",
    "The insurgents claimed responsibility for the bombing of the pipeline.",
    "Activists urged consumers to boycott the brand over its labor practices.",
    "The minister was booed by protesters as she left the building.",
    "A spokesman for the rebels said they will not lay down their arms.",
    "Thousands rallied in the streets to denounce the election results.",
    "The navy seized an oil tanker in the strait on Monday.",
    "Critics said the new law will restrict press freedom.",
    "Security forces fired tear gas to disperse the crowd.",
    "The European Union imposed fresh sanctions on the regime's officials.",
    "Officials said the missile struck an apartment block, killing five.",
    "The group said it will hold more protests next week.",
    "The authorities detained the journalist at the airport on arrival.",
    "The striking workers said they will march to the ministry on Friday.",
    "Norway warned that it will impose tariffs if the dispute is not settled.",
    "Striking dock workers met with company managers on Monday without reaching a deal.",
    "Police officers visited the homes of the victims' families.",
    "Fans welcomed the team at the airport after the victory.",
    "Protest leaders said they will meet again on Saturday to plan more marches.",
    "Pirates hijacked a cargo ship off the coast of Somalia.",
    "Iran condemned the strike and vowed revenge against those responsible.",
    "Demonstrators in Chile demanded that the government will resign.",
    "The rebels, backed by a foreign power, said they will attack the port.",
    "Protesters said they support the strike and oppose the new fuel tax.",
    "Police said the suspects should be punished for the attack on the embassy.",
    "The junta's support for the militia has prolonged the fighting.",
    "Investors expressed confidence that the sanctions will hurt the economy.",
    "The army announced new funding to support its troops at the front.",
]
_MEETING_TYPES = {"talks", "meeting", "summit", "visit", "phone_call", "signing", "forum"}


def test_general_news_guard():
    assert len(NEGATIVE_SENTENCES) >= 40
    batch = [article(s, source_path=f"news/{i}.txt") for i, s in enumerate(NEGATIVE_SENTENCES)]
    out = build_tables([extract_articles(batch)])
    fired_events = {e["article_id"] for e in out["events"] if e["event_type"] in _MEETING_TYPES}
    fired_commitments = {c["article_id"] for c in out["commitments"]
                         if c["modality"] in ("pledge", "agreement", "support")}
    assert len(fired_events) / len(batch) <= 0.05, [e["evidence"] for e in out["events"]]
    assert len(fired_commitments) / len(batch) <= 0.05, [c["evidence"] for c in out["commitments"]]


def test_ids_are_deterministic():
    a = article("Prime Minister Karl Moen of Norway met with President Ines Duarte of Portugal on June 5.")
    assert tables(a)["events"] == tables(dict(a))["events"]


def test_a_day_after_publication_told_in_the_past_is_an_occurred_event():
    # A readout dated in Washington a time zone behind the meeting in Rome.
    (meeting,) = [e for e in events_of(
        "Foreign Minister Lena Vogt of Austria met on October 12 with Foreign Minister Marco Ricci of Italy in Rome.",
        published=dt.date(2023, 10, 11)) if e["event_type"] in ("meeting", "talks")]
    assert meeting["start_date"] == dt.date(2023, 10, 12) and meeting["status"] == "occurred"


def test_go_on_a_day_to_a_court_is_not_a_visit():
    text = "The border dispute between Guyana and Venezuela will go on Monday to the International Court of Justice."
    assert [e for e in events_of(text) if e["event_type"] == "visit"] == []


def test_an_undated_headline_trip_takes_the_days_of_its_events_in_the_destination():
    text = ("Secretary Ray Lund's Travel to Japan\n\nSecretary Ray Lund met with Foreign Minister Ken Sato of Japan "
            "in Tokyo on June 12. The two ministers had first met in Tokyo on January 5, 2023.")
    arts = tables(article(text, title="Secretary Ray Lund's Travel to Japan", source_path="state/trip.html"))
    visits = [e for e in arts["events"] if e["event_type"] == "visit"]
    assert [(v["start_date"], v["end_date"]) for v in visits] == [(dt.date(2023, 6, 12), dt.date(2023, 6, 12))]


def test_an_article_without_a_date_still_dates_events_by_their_full_dates():
    text = ("The Foreign Minister of Ruritania met the Foreign Minister of Chile on 23 November 2021 in Santiago. "
            "On 9 February the Foreign Minister of Chile spoke by phone with the Foreign Minister of Peru.")
    evs = events_of(text, published=None)
    met = next(e for e in evs if e["event_type"] in ("meeting", "talks"))
    assert (met["start_date"], met["date_precision"]) == (dt.date(2021, 11, 23), "day")
    call = next(e for e in evs if e["event_type"] == "phone_call")
    assert call["start_date"] is None  # no year, no article date: not placed


def test_a_day_without_a_year_takes_it_from_the_date_the_title_gives():
    from transforms.articles import build_articles
    from transforms.ingest import RawDocument

    doc = RawDocument("releases/visit.txt", "0", "txt", title="Visit of the Foreign Minister to Chile, 8 to 10 February 2023",
                      body="On 9 February, the Foreign Minister of Ruritania met the Foreign Minister of Chile in Santiago.")
    (row,) = build_articles(doc, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    assert (row["published_date"], row["published_date_source"]) == (dt.date(2023, 2, 10), "inferred")
    met = next(e for e in tables(row)["events"] if e["event_type"] in ("meeting", "talks"))
    assert met["start_date"] == dt.date(2023, 2, 9)


@pytest.mark.parametrize("text, name, countries", [
    ("Prime Minister Ana Silva will attend the Chile – Peru Investment Cooperation Conference in Lima on 20 June 2024.",
     "Chile – Peru Investment Cooperation Conference", ["CHL", "PER"]),
    ("The ministers welcomed the outcome of the Kenya — Uganda Joint Commission Session held in Kampala on 3 May 2024.",
     "Kenya — Uganda Joint Commission Session", ["KEN", "UGA"]),
])
def test_a_name_whose_countries_are_joined_by_a_spaced_dash_names_both(text, name, countries):
    (named,) = [e for e in events_of(text) if e["name"] == name]
    assert named["countries"] == countries


@pytest.mark.parametrize("text", [
    "The foreign ministers of the eight Nordic and Baltic countries met in Oslo on 13 September 2023.",
    "The NB8 foreign ministers last met in Riga on 7 and 8 November 2022.",
])
def test_the_nordic_baltic_group_named_as_a_whole_is_its_eight_members(text):
    (meeting,) = [e for e in events_of(text) if e["event_type"] == "meeting"]
    assert meeting["countries"] == ["DNK", "EST", "FIN", "ISL", "LTU", "LVA", "NOR", "SWE"]


@pytest.mark.parametrize("text, event_type, countries", [
    ("At the Andean Leaders' Summit on March 3, 2023, the presidents of Peru and Chile agreed to act.", "summit",
     ["CHL", "PER"]),
    ("During the Danube Forum in Vienna on 5 May 2023, the foreign ministers of Austria and Hungary signed a "
     "declaration on river transport.", "forum", ["AUT", "HUN"]),
])
def test_the_subject_of_a_sentence_an_event_opens_as_its_setting_attends_it(text, event_type, countries):
    (named,) = [e for e in events_of(text) if e["event_type"] == event_type]
    assert named["countries"] == countries


@pytest.mark.parametrize("text", [
    "They reviewed preparations for the upcoming Pacific Leaders' Summit in Suva.",
    "Building on the commitments made at the Baltic Summit in May 2023, the ministers reaffirmed their support.",
])
def test_a_name_no_one_is_told_to_take_part_in_is_no_event(text):
    assert [e for e in events_of(text) if e["event_type"] == "summit"] == []


def test_a_setting_told_after_another_trigger_shares_the_sentence_subject():
    text = ("Vice President Jane Roe of the United States welcomed Peru's decision at a joint news conference with "
            "Prime Minister Ana Ruiz of Peru on Tuesday.")
    briefings = [tuple(e["countries"]) for e in events_of(text) if e["event_type"] == "press_briefing"]
    assert briefings == [("PER", "USA")]


@pytest.mark.parametrize("text, expected", [
    ("Foreign Minister Ana Ruiz of Peru held separate phone calls on Tuesday with Chilean Foreign Minister Rosa Pinto "
     "and Bolivian Foreign Minister Luis Arce.", [["BOL", "PER"], ["CHL", "PER"]]),
    ("Foreign Minister Ana Ruiz of Peru held talks on 12 June with Foreign Minister Rosa Pinto of Chile.",
     [["CHL", "PER"]]),
])
def test_a_day_between_the_trigger_and_its_counterpart_ends_no_object(text, expected):
    assert sorted(e["countries"] for e in events_of(text)) == expected


@pytest.mark.parametrize("question", [
    "Has the Foreign Minister of Chile met the Foreign Minister of Peru since the election?",
    "Did the Foreign Minister of Chile meet the Foreign Minister of Peru in Lima last week?",
])
def test_a_question_tells_no_event(question):
    assert events_of(question) == []


@pytest.mark.parametrize("text, calls", [
    ("The Ambassador of Chile also spoke about the importance of protecting human rights defenders.", 0),
    ("President Ana Ruiz of Peru and President Rosa Pinto of Chile spoke today about the border.", 1),
])
def test_spoke_about_needs_two_sides(text, calls):
    assert len([e for e in events_of(text) if e["event_type"] == "phone_call"]) == calls
