"""Titles: headline grammar, the title's event with honest evidence, and its merge with the body's mention.

Fixture titles and texts are written for these tests (other names, offices and publishers than any
corpus text); real public figures appear only where the names gazetteer is needed to place them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id

PUBLISHED = dt.date(2023, 6, 14)


def article(title: str | None, body: str, url: str | None = None, source_path: str = "news/t.html",
            key: str = "0", published: dt.date | None = PUBLISHED) -> dict:
    text = f"{title}\n\n{body}" if title else body
    return {"article_id": make_id("art", source_path, key), "source_path": source_path, "record_key": key,
            "url": url, "title": title, "published_date": published,
            "published_date_source": "metadata" if published else "unknown", "text": text.rstrip()}


def tables(*articles: dict) -> dict[str, list[dict]]:
    return build_tables([extract_articles(list(articles))])


def title_events(title: str, url: str | None = None, body: str = "") -> list[dict]:
    return tables(article(title, body, url))["events"]


@pytest.mark.parametrize("url, title, event_type, countries, status", [
    ("https://www.dfat.gov.au/news/1", "Foreign Minister Wong's Meeting with Vietnamese Deputy Prime Minister "
     "Tran Luu Quang", "meeting", {"AUS", "VNM"}, "unknown"),
    # An office without a name or a country is the publisher's own.
    ("https://www.gov.uk/government/news/2", "Readout of the Prime Minister's call with the President of Ghana",
     "phone_call", {"GBR", "GHA"}, "occurred"),
    ("https://www.gov.uk/government/news/3", "PM call with President of Kenya: 3 March 2023", "phone_call",
     {"GBR", "KEN"}, "unknown"),
    # "X to V": still to come.
    ("https://www.international.gc.ca/news/4", "Minister Joly to travel to Mexico", "visit", {"CAN", "MEX"},
     "planned"),
    ("https://www.state.gov/5", "Upcoming Travel of Under Secretary Nuland to Georgia and Armenia", "visit",
     {"ARM", "GEO", "USA"}, "planned"),
    # Present tense for the past.
    ("https://www.fmprc.gov.cn/6", "Li Qiang Meets Prime Minister of Pakistan", "meeting", {"CHN", "PAK"},
     "occurred"),
    ("https://www.dfat.gov.au/news/7", "Australia and Fiji Sign Security Agreement", "signing", {"AUS", "FJI"},
     "occurred"),
    # A call on someone is a meeting in person (Singapore usage).
    ("https://www.mfa.gov.sg/8", "Call on Prime Minister Lee Hsien Loong by Foreign Minister of Peru", "meeting",
     {"PER", "SGP"}, "unknown"),
    ("https://www.mea.gov.in/9", "Visit of Prime Minister of Japan to India", "visit", {"IND", "JPN"}, "unknown"),
    # A portfolio country is no party ("Special Envoy for Yemen").
    ("https://www.state.gov/10", "Special Envoy for Yemen Lenderking's Travel to Saudi Arabia and Oman", "visit",
     {"OMN", "SAU", "USA"}, "unknown"),
    # A statement about someone else's call names the caller after "on".
    ("https://www.whitehouse.gov/16", "Statement by NSC Spokesperson Ana Lopez on National Security Advisor "
     "Lee Park's Call with Foreign Minister Omar Haddad of Jordan", "phone_call", {"JOR", "USA"}, "unknown"),
    # A foreign subject: the publisher does not take part.
    ("https://www.state.gov/17", "Lithuania Becomes Tenth Country to Sign the Lunar Charter", "signing", {"LTU"},
     "occurred"),
])
def test_headline_grammar(url, title, event_type, countries, status):
    evs = [e for e in title_events(title, url) if e["event_type"] == event_type]
    # A trip to several countries is also a visit per country (test_a_title_trip_to_several_countries_...).
    ev = max(evs, key=lambda e: len(e["countries"]))
    assert len(evs) == 1 or event_type == "visit", title_events(title, url)
    assert set(ev["countries"]) == countries
    assert ev["status"] == status
    assert (ev["evidence"], ev["char_start"], ev["char_end"]) == (title, 0, len(title))


@pytest.mark.parametrize("title", [
    "Foreign Secretary calls on Russia to end the war",   # a demand, not a visit
    "Australia Welcomes Decision by Japan on Whaling",    # a reaction
    "The United States and Peru: A Partnership for Growth",
    "Chile's president refuses to sign pension reform bill",  # a refusal: no signing
    "Premier declines to meet opposition leaders",
])
def test_titles_that_state_no_event(title):
    assert title_events(title, "https://www.state.gov/x") == []


def test_title_speaker_is_no_participant_of_the_call_it_reports():
    out = tables(article("Statement by NSC Spokesperson Ana Lopez on National Security Advisor Lee Park's Call with "
                         "Foreign Minister Omar Haddad of Jordan", "", "https://www.whitehouse.gov/x"))
    names = {p["name"] for p in out["participants"] if p["entity_type"] == "person"}
    assert names == {"Lee Park", "Omar Haddad"}


def test_title_merges_with_the_body_mention_which_gives_evidence_and_date():
    title = "Readout of President Holm's Call with Prime Minister Rui Tavares of Portugal"
    a = article(title, "President Anders Holm spoke on May 20 with Prime Minister Rui Tavares of Portugal about "
                       "energy security.", source_path="whitehouse/r.md")
    out = tables(a)
    (ev,) = out["events"]
    assert ev["event_type"] == "phone_call" and set(ev["countries"]) == {"PRT", "USA"}
    assert (ev["start_date"], ev["date_precision"]) == (dt.date(2023, 5, 20), "day")
    assert ev["evidence"].startswith("President Anders Holm spoke") and ev["char_start"] > len(title)
    spans = sorted((m["char_start"], m["evidence"]) for m in out["event_mentions"])
    assert spans[0] == (0, title) and len(spans) == 2
    for row in out["events"] + out["event_mentions"]:
        assert a["text"][row["char_start"]:row["char_end"]] == row["evidence"]


def test_title_alone_is_its_own_evidence_dated_around_publication():
    (ev,) = title_events("Readout of the Prime Minister's call with the President of Ghana",
                         "https://www.gov.uk/government/news/x", "The leaders discussed cocoa prices.")
    assert ev["evidence"] == "Readout of the Prime Minister's call with the President of Ghana"
    assert (ev["start_date"], ev["end_date"], ev["date_precision"]) == (
        PUBLISHED - dt.timedelta(days=6), PUBLISHED, "week")


def test_planned_title_has_no_date_of_its_own_but_takes_the_body_date():
    (ev,) = title_events("Minister Joly to travel to Mexico", "https://www.international.gc.ca/x")
    assert ev["start_date"] is None and ev["date_precision"] == "unknown"
    (ev,) = title_events("Minister Joly to travel to Mexico", "https://www.international.gc.ca/x",
                         "Minister of Foreign Affairs Mélanie Joly will travel to Mexico City, Mexico, from June 20 "
                         "to 22.")
    assert ev["status"] == "planned" and (ev["start_date"], ev["end_date"]) == (dt.date(2023, 6, 20),
                                                                              dt.date(2023, 6, 22))


def test_respectively_headline_joins_the_bilateral_events_of_its_section():
    title = "Foreign Minister Lena Vogt Holds Talks Respectively with Foreign Ministers of Norway, Chile and Kenya"
    body = ("On June 12, 2023, Foreign Minister Lena Vogt of Austria held talks in Vienna respectively with "
            "Foreign Minister of Norway Ola Brekke, Foreign Minister of Chile Rosa Pinto, and "
            "Foreign Minister of Kenya Amos Otieno.")
    out = tables(article(title, body, source_path="aut/talks.txt"))
    assert sorted(tuple(e["countries"]) for e in out["events"]) == [("AUT", "CHL"), ("AUT", "KEN"), ("AUT", "NOR")]
    assert all(e["start_date"] == dt.date(2023, 6, 12) and not e["evidence"].startswith(title)
               for e in out["events"])
    assert len(out["event_mentions"]) == 6
    vogt = {p["country"] for p in out["participants"] if p["name"] == "Lena Vogt"}
    assert vogt == {"AUT"}


def test_respectively_headline_with_a_group_splits_per_member():
    evs = title_events("Wang Yi Holds Talks Respectively with Foreign Ministers of the Three Baltic States",
                       "https://www.fmprc.gov.cn/x")
    assert sorted(tuple(e["countries"]) for e in evs) == [("CHN", "EST"), ("CHN", "LTU"), ("CHN", "LVA")]


@pytest.mark.parametrize("url, title", [
    ("https://www.state.gov/11", "Joint Statement by Norway and the United States on Arctic Research"),
    ("https://www.state.gov/12", "Joint Statement on Moldova"),
    ("https://www.whitehouse.gov/13", "U.S.-Japan Joint Leaders' Statement"),
    ("https://www.international.gc.ca/news/14", "Joint Communique of the Fourth Canada-Chile Strategic Dialogue"),
    ("https://www.state.gov/15", "Joint Statement on Coastal Research from the President of Peru and the United States"),
])
def test_a_title_that_names_the_statement_is_no_event(url, title):
    """The issuing of the release is not an event (ANNOTATION.md); an event it names still is."""
    evs = title_events(title, url)
    assert not [e for e in evs if e["event_type"] == "announcement"]
    if "Dialogue" in title:
        assert [(e["event_type"], set(e["countries"])) for e in evs] == [("talks", {"CAN", "CHL"})]


def test_named_event_after_a_topic_word_is_mentioned_not_dated():
    evs = title_events("Joint Statement on the Third Nordic-Baltic Summit", "https://www.state.gov/x")
    (summit,) = [e for e in evs if e["event_type"] == "summit"]
    assert summit["name"] == "Third Nordic-Baltic Summit" and summit["start_date"] is None
    # A run of title-case words is not a name ("Secretary X's Meeting", "Y Holds Talks").
    evs = title_events("Minister Ola Brekke Holds Talks with Foreign Minister Rosa Pinto of Chile")
    assert [e["name"] for e in evs] == [None]


def test_title_events_of_two_releases_do_not_merge_through_their_titles():
    title = "Readout of the Prime Minister's call with the President of Ghana"
    out = tables(article(title, "", "https://www.gov.uk/a", source_path="uk/a.html"),
                 article(title, "", "https://www.gov.uk/b", source_path="uk/b.html", published=dt.date(2023, 8, 1)))
    assert len(out["events"]) == 2


def test_text_without_a_title_line():
    out = tables(article(None, "The weather was mild in Oslo."))
    assert out["events"] == []
    a = article("Readout of the Prime Minister's call with the President of Ghana", "Text.")
    a["title"] = "Another title"  # the text does not start with it: no title is read
    assert tables(a)["events"] == []


def test_a_title_that_sums_up_adds_no_countries_to_the_two_its_body_names():
    # "Central Asia" stands for the two countries the body names, not for the region's five.
    body = ("Lisbon, 12 June 2023 - The Foreign Minister of Portugal, Rui Almeida, will travel to Tajikistan and "
            "Kyrgyzstan from 18 to 21 June 2023.")
    visits = [e for e in tables(article("Foreign Minister Almeida travels to Central Asia", body))["events"]
              if e["event_type"] == "visit"]
    assert set().union(*(v["countries"] for v in visits)) == {"KGZ", "PRT", "TJK"}


def test_a_title_trip_to_several_countries_is_a_visit_per_country_and_the_whole_trip():
    body = "On 3 May 2023, the delegation visited Lima, Peru, its last stop."
    visits = [e for e in tables(article("Readout of Senior Administration Travel to Chile, Bolivia and Peru", body,
                                        url="https://www.whitehouse.gov/x"))["events"] if e["event_type"] == "visit"]
    assert sorted(v["countries"] for v in visits) == [["BOL", "CHL", "PER", "USA"], ["BOL", "USA"], ["CHL", "USA"],
                                                      ["PER", "USA"]]
