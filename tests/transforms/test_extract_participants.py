"""Participants: persons with office and country, countries, organizations, roles, publisher home country.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.vocab import ROLES
from transforms.extract import build_tables, extract_articles
from transforms.extract.document import publisher_country
from transforms.ids import make_id


def article(text: str, source_path: str = "news/p.txt", url: str | None = None,
            published: dt.date = dt.date(2023, 9, 8)) -> dict:
    return {"article_id": make_id("art", source_path, "0"), "source_path": source_path, "record_key": "0",
            "url": url, "title": None, "published_date": published, "published_date_source": "metadata",
            "text": text}


def run(text: str, **kw) -> dict[str, list[dict]]:
    return build_tables([extract_articles([article(text, **kw)])])


def people(out: dict, event_type: str | None = None) -> dict[str, dict]:
    ids = {e["event_id"] for e in out["events"] if event_type is None or e["event_type"] == event_type}
    return {p["name"]: p for p in out["participants"] if p["entity_type"] == "person" and p["event_id"] in ids}


def test_call_subject_and_object_are_persons_with_countries():
    out = run("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal.")
    ps = people(out, "phone_call")
    assert ps["Karl Moen"]["country"] == "NOR" and ps["Ines Duarte"]["country"] == "PRT"
    countries = {p["country"] for p in out["participants"] if p["entity_type"] == "country"}
    assert countries == {"NOR", "PRT"}
    a = article("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal.")
    for p in out["participants"]:
        if p["char_start"] is not None:
            assert a["text"][p["char_start"]:p["char_end"]] == p["name_as_written"]


@pytest.mark.parametrize("sentence, name, role, event_type", [
    ("Foreign Minister Lena Vogt of Austria hosted Foreign Minister Ola Brekke of Norway in Vienna.", "Lena Vogt", "host",
     None),
    ("Foreign Minister Lena Vogt of Austria hosted Foreign Minister Ola Brekke of Norway in Vienna.", "Ola Brekke",
     "guest", None),
    ("Foreign Minister Lena Vogt of Austria chaired the second Alpine Ministers' Meeting in Vienna.", "Lena Vogt", "chair",
     None),
    ("Foreign Minister Lena Vogt of Austria briefed the press in Vienna.", "Lena Vogt", "speaker", None),
    ("Foreign Minister Lena Vogt of Austria and Foreign Minister Ola Brekke of Norway signed a transit accord.",
     "Ola Brekke", "signatory", None),
    ("Prime Minister Karl Moen of Norway visited Portugal and met with President Ines Duarte of Portugal.",
     "Karl Moen", "guest", "visit"),
    ("Prime Minister Karl Moen of Norway visited Portugal and met with President Ines Duarte of Portugal.",
     "Karl Moen", "participant", "meeting"),
])
def test_roles(sentence, name, role, event_type):
    ps = people(run(sentence), event_type)
    assert ps[name]["role"] == role
    assert all(p["role"] in ROLES for p in ps.values())


def test_publisher_home_country_from_path_and_url():
    assert publisher_country("https://www.state.gov/x", None) == "USA"
    assert publisher_country("https://bidenwhitehouse.archives.gov/briefing-room/x", None) == "USA"
    assert publisher_country(None, "state_dept/2022/x.html") == "USA"
    assert publisher_country(None, "statements/x.html") is None
    assert publisher_country(None, "news/x.txt") is None


def test_home_official_without_country_word_is_the_publisher():
    out = run("Secretary Mara Quill met with Foreign Minister Jonas Berg of Sweden in Stockholm.",
              source_path="state/readout.html")
    (event,) = out["events"]
    assert set(event["countries"]) == {"SWE", "USA"}
    assert people(out)["Mara Quill"]["country"] == "USA"


def test_organizations_take_part():
    out = run("Foreign Minister Lena Vogt of Austria met with NATO Secretary General Piet Dekker in Brussels.")
    orgs = [p for p in out["participants"] if p["entity_type"] == "organization"]
    assert orgs and all(p["country"] is None for p in orgs)


def test_one_row_per_event_and_entity_and_entities_table():
    text = ("Foreign Minister Lena Vogt of Austria hosted Foreign Minister Ola Brekke of Norway in Vienna on "
            "September 7. Lena Vogt and Ola Brekke held talks in Vienna on September 7.")
    out = run(text)
    keys = [(p["event_id"], p["entity_id"]) for p in out["participants"]]
    assert len(keys) == len(set(keys))
    entity_ids = {e["entity_id"] for e in out["entities"]}
    assert {p["entity_id"] for p in out["participants"]} <= entity_ids
    for e in out["entities"]:
        assert e["aliases"] == sorted(set(e["aliases"]))
        assert e["entity_type"] in ("person", "country", "organization")


def test_portfolio_country_and_organization_official_are_no_home_party():
    out = run("Special Envoy for Moldova Karl Moen traveled to Bucharest, Romania, on September 5.",
              source_path="state/e.html")
    assert [set(e["countries"]) for e in out["events"]] == [{"ROU", "USA"}]
    out = run("NATO Deputy Secretary General Ines Duarte met with Foreign Minister Ola Brekke of Norway on "
              "September 5.", source_path="state/n.html")
    assert [set(e["countries"]) for e in out["events"]] == [{"NOR"}]
    assert people(out)["Ines Duarte"]["country"] is None


def test_an_office_without_a_name_gives_its_country_not_a_person():
    # The gazetteer knows who held the office; the article does not name them (ANNOTATION.md:
    # every named person), so the country takes part but no person does.
    out = run("The Chinese Foreign Minister held talks with Foreign Minister Ana Lindqvist of Sweden on Monday.")
    assert set(people(out, "talks")) == {"Ana Lindqvist"}
    countries = {p["country"] for p in out["participants"] if p["entity_type"] == "country"}
    assert countries == {"CHN", "SWE"}


def test_open_titles_and_delegations_give_people_nobody_listed():
    out = run("Deputy Minister of Public Safety Jana Novak held talks with Khokim of Bukhara Region Ulugbek "
              "Rakhimov on Monday. The Deputy Minister was accompanied by the Director of the Consular Department, "
              "Ms. Petra Horvat.")
    assert {"Jana Novak", "Ulugbek Rakhimov", "Petra Horvat"} <= set(people(out, "talks"))


def test_one_entity_per_person_whatever_the_accents():
    a = article("Secretary of Security Rosa Icela Rodríguez met Ambassador Ken Salazar on Monday.", "news/a.txt")
    b = article("Secretary of Security Rosa Icela Rodriguez met Ambassador Ken Salazar on Tuesday.", "news/b.txt")
    out = build_tables([extract_articles([a, b])])
    names = {p["name"] for p in out["participants"] if p["entity_type"] == "person"}
    assert "Rosa Icela Rodríguez" in names and "Rosa Icela Rodriguez" not in names
    (row,) = [e for e in out["entities"] if e["name"] == "Rosa Icela Rodríguez"]
    assert {"Rosa Icela Rodríguez", "Rosa Icela Rodriguez"} <= set(row["aliases"])


def test_the_merge_in_two_steps_gives_the_rows_of_one():
    """merge_events then merge_commitments (the flow holds the two kinds of mention one after the other) give
    build_tables' rows, a spelling settled by a commitment's actor alone included."""
    from transforms.extract import canonical_spellings, merge_commitments, merge_events

    articles = [article("Secretary of Security Rosa Icela Rodriguez met Ambassador Ken Salazar on Monday.", "news/a.txt"),
                article("Foreign Minister Ana Núñez pledged $5 million to Chile on Tuesday.", "news/b.txt"),
                article("Foreign Minister Ana Nunez met Secretary Rosa Icela Rodríguez in Lima on Wednesday.",
                        "news/c.txt")]
    batch = extract_articles(articles)
    assert any(p.entity_type == "person" for c in batch.commitments for p in c.actor_people)
    names = [p.name for c in batch.commitments for p in c.actor_people if p.entity_type == "person"]
    spelling = canonical_spellings(batch.events, [], names)
    assert spelling == canonical_spellings(batch.events, batch.commitments) != canonical_spellings(batch.events, [])
    events = merge_events(batch.events, batch.published, batch.record_keys, spelling)
    assert merge_commitments(batch.commitments, events, batch.published, spelling) == build_tables([batch])


def test_a_title_alone_is_the_person_the_article_named_before():
    out = run("Minister of Foreign Affairs and Trade Jana Kovacs said on Tuesday that ties were strong. "
              "The minister, who arrived in Baku on Monday evening, was received by President Ilham Aliyev.")
    assert {"Jana Kovacs", "Ilham Aliyev"} <= set(people(out))


def test_publisher_home_country_from_a_government_host_or_the_letterhead():
    from transforms.extract.document import publisher_from_text

    assert publisher_country("https://www.gov.br/mre/en/press/x", None) == "BRA"
    assert publisher_country("https://foreignaffairs.gov.ng/news/x", None) == "NGA"
    assert publisher_country("https://www.reuters.com/world/x", None) is None
    assert publisher_from_text("A visit.\n\nThe minister met X.\n\nEmail: press@mfa.go.ke | Twitter: @x") == "KEN"
    assert publisher_from_text("Title\n\nText of the release.\n\nMINISTRY OF FOREIGN AFFAIRS\nSINGAPORE") == "SGP"
    assert publisher_from_text("Title\n\nText.\n\nPress Service of the Ministry of Foreign Affairs of Chile") == "CHL"
    # a ministry named in running text or two governments named are no letterhead
    assert publisher_from_text("Title\n\nThe Ministry of Foreign Affairs of Japan and the Government of Peru met.") is None


def test_the_minister_is_the_last_minister_who_acted():
    out = run("Foreign Minister Lena Vogt of Austria arrived in Santiago on Monday. "
              "The minister then held talks with Foreign Minister Tomas Lagos of Chile.")
    talks = next(e for e in out["events"] if e["event_type"] == "talks")
    assert talks["countries"] == ["AUT", "CHL"]


def test_a_pronoun_after_a_fronted_place_or_time_is_the_last_actor():
    text = ("Prime Minister Ana Ruiz of Peru will pay a visit to Chile on 3 September 2024. In Bolivia she will meet "
            "President Luis Arce of Bolivia.")
    evs = run(text, published=dt.date(2024, 8, 29))["events"]
    assert ("BOL", "PER") in {tuple(e["countries"]) for e in evs if e["event_type"] == "meeting"}
    text = ("Foreign Minister Ana Ruiz of Peru arrived in Santiago yesterday. This morning, prior to the talks, she was "
            "received by President Gabriel Boric of Chile.")
    evs = run(text, published=dt.date(2024, 7, 20))["events"]
    assert [tuple(e["countries"]) for e in evs if e["event_type"] == "meeting"] == [("CHL", "PER")]


def test_a_counterpart_from_a_country_represents_it():
    text = "Foreign Minister Ana Ruiz of Peru met her counterpart from Chile on Friday in Lima."
    assert [tuple(e["countries"]) for e in run(text)["events"] if e["event_type"] == "meeting"] == [("CHL", "PER")]
