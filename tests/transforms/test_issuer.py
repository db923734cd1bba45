"""The government a release speaks for, read from the release itself (transforms.extract.issuer), and what
follows from it: the release's own officials, a bare "the Minister", and the letterhead's institution.

Fixture texts are written for these tests (other names, offices and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.extract.document import prepare, publisher_from_text
from transforms.ids import make_id
from transforms.reference import load


def article(title: str | None, body: str, url: str | None = None) -> dict:
    text = f"{title}\n\n{body}" if title else body
    return {"article_id": make_id("art", text), "source_path": "releases/i.txt", "record_key": "0", "url": url,
            "title": title, "published_date": dt.date(2024, 5, 10), "published_date_source": "metadata",
            "text": text}


def run(title: str | None, body: str, url: str | None = None) -> dict[str, list[dict]]:
    return build_tables([extract_articles([article(title, body, url)])])


_ISSUER = load("gazetteers/publishers.yaml").issuer


@pytest.mark.parametrize("ex", _ISSUER.examples, ids=lambda ex: ex.title[:40])
def test_issuer_examples_read_their_issuer(ex):
    assert prepare(article(ex.title, ex.text)).home == ex.issuer


@pytest.mark.parametrize("ex", _ISSUER.not_, ids=lambda ex: ex.title[:40])
def test_issuer_not_examples_have_none(ex):
    assert prepare(article(ex.title, ex.text)).home is None


def test_an_address_wins_over_the_title():
    a = article("Estonia and Mongolia hold consultations", "The delegations met in Tallinn.",
                url="https://www.mfa.gov.mn/en/x")
    assert prepare(a).home == "MNG"


def test_the_release_s_unnamed_official_takes_the_issuer_s_country():
    # Neither official is in any gazetteer: the title's first actor says whose release it is.
    out = run("Paraguay and Namibia hold first political consultations",
              "Asunción, 6 May 2024. Deputy Minister Rosa Benítez held consultations with Deputy Minister of "
              "International Relations of Namibia Selma Haufiku. Both sides agreed to open a joint business council.")
    assert any(set(e["countries"]) == {"PRY", "NAM"} for e in out["events"])
    assert any(set(c["parties"]) == {"PRY", "NAM"} for c in out["commitments"])


def test_a_dateline_capital_gives_the_release_its_country():
    out = run("Vice President meets delegation of Zambia",
              "Kigali, 4 May 2024 - Vice President Jean Habimana met a delegation from Zambia led by Minister "
              "Mulenga Banda. The two sides agreed to resume the work of the Joint Permanent Commission.")
    assert any(set(e["countries"]) == {"RWA", "ZMB"} for e in out["events"])


def test_the_institution_s_own_name_gives_the_letterhead_country():
    # The country the line names after the institution is a topic, not the institution's.
    assert publisher_from_text("Statement by the Ministry of Foreign Affairs on the situation in Chad\n\n"
                               "The ministry notes with concern the events.") is None
    assert publisher_from_text("Communiqué of the Ministry of Foreign Affairs and Senegalese Abroad following "
                               "the floods in Gambia\n\nText.") == "SEN"
    assert publisher_from_text("Title\n\nRoyal Thai Government statement on the border\n\nText.") == "THA"
    assert publisher_from_text("Title\n\nText.\n\nMINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF ESTONIA") == "EST"


@pytest.mark.parametrize("body, want", [
    # The release's minister, named first; the guest's office is written with the guest's country.
    ("On 6 May, Minister of Foreign Affairs Olivier Kamanzi met Dutch Foreign Minister Anna de Wit in Kigali. "
     "The Minister underlined the importance of the regional peace process.", {"RWA"}),
    ("Foreign Minister Lina Sorensen of Denmark received Foreign Minister Pedro Alves of Portugal. "
     "The Foreign Minister called for a swift conclusion of the trade talks.", {"DNK"}),
])
def test_a_bare_office_is_the_release_s_own_official(body, want):
    out = run(None, body, url="https://www.mfa.gov.rw/x" if "Kigali" in body else "https://um.dk/en/x")
    assert [set(c["parties"]) for c in out["commitments"]] == [want]


def test_a_guest_named_with_the_office_keeps_the_guest():
    out = run(None, "On 6 May, Minister of Foreign Affairs Olivier Kamanzi met Dutch Foreign Minister Anna de Wit. "
                    "The Dutch Minister pledged to increase support for the Great Lakes region.",
              url="https://www.mfa.gov.rw/x")
    assert [set(c["parties"]) for c in out["commitments"]] == [{"NLD"}]


@pytest.mark.parametrize("sentence, want", [
    ("Foreign Minister Luis Mora of Peru and his Bolivian counterpart, Ana Quispe, signed an agreement on "
     "border trade.", {"PER", "BOL"}),
    ("Minister Kofi Boateng of Ghana and her Togolese colleague, Afi Mensah, signed a memorandum on fisheries.",
     {"GHA", "TGO"}),
])
def test_an_apposed_counterpart_is_part_of_the_subject(sentence, want):
    out = run(None, sentence)
    assert any(set(c["parties"]) == want for c in out["commitments"])


@pytest.mark.parametrize("sentence, want", [
    ("Minister of Foreign Affairs Ian Vella of Malta held bilateral meetings with his counterparts from North "
     "Macedonia, Moldova and Georgia.", {"MKD", "MDA", "GEO"}),
    ("Minister Ana Popescu of Romania met in Riga with her counterparts from Poland, Hungary and Czechia.",
     {"POL", "HUN", "CZE"}),
])
def test_every_country_of_a_counterparts_from_list_takes_part(sentence, want):
    mentions, _ = __import__("transforms.extract", fromlist=["extract_article"]).extract_article(article(None, sentence))
    assert want <= {c for m in mentions for c in m.countries}


@pytest.mark.parametrize("sentence", [
    "The Minister met the Ambassador of Japan on 7 May.",
    "The Head of State received the Ambassador of Japan on 7 May.",
    "On 7 May, the Deputy Prime Minister held talks with the Deputy Prime Minister of Japan.",
    "The Chancellor spoke by phone with the Prime Minister of Japan on 7 May.",
])
def test_a_bare_home_office_is_the_issuer_s(sentence):
    mentions, _ = __import__("transforms.extract", fromlist=["extract_article"]).extract_article(
        article(None, sentence, url="https://www.vm.ee/en/news/1"))
    assert any(set(m.countries) == {"EST", "JPN"} for m in mentions), [m.countries for m in mentions]


def test_a_bare_office_in_a_release_of_no_one_adds_no_country():
    mentions, _ = __import__("transforms.extract", fromlist=["extract_article"]).extract_article(
        article(None, "NAIROBI, March 9 (Reuters) - The minister met the Ambassador of Japan on Friday."))
    assert all(set(m.countries) == {"JPN"} for m in mentions)


def test_who_a_visitor_meets_in_the_country_visited_is_of_that_country():
    out = run(None, "Minister for Foreign Affairs Ana Reyes of Colombia paid an official visit to Benin on 6-7 May "
                    "2024. She called on President Koffi Adjovi and held talks with Foreign Minister Rachidi Dossou.",
              url="https://www.cancilleria.gov.co/x")
    talks = [e for e in out["events"] if e["event_type"] in ("meeting", "talks")]
    assert talks and all(set(e["countries"]) == {"COL", "BEN"} for e in talks), [e["countries"] for e in talks]
    people = {p["name"]: p["country"] for p in out["participants"] if p["entity_type"] == "person"}
    assert people["Rachidi Dossou"] == "BEN"


@pytest.mark.parametrize("body, want", [
    # "the Minister" is not the release's Deputy Minister; "the President and Prime Minister" are two people.
    ("Deputy Minister Ana Lopez of Peru met Minister Kwame Boateng of Ghana. The Minister welcomed the opening of "
     "a new consulate.", {"GHA"}),
    ("President Ana Lopez of Peru met Prime Minister Kofi Boateng of Ghana. The President and Prime Minister "
     "then agreed to widen cooperation on coastal patrols.", {"GHA", "PER"}),
])
def test_a_bare_office_keeps_its_own_antecedent(body, want):
    out = run(None, body, url="https://www.gob.pe/x")
    assert [set(c["parties"]) for c in out["commitments"]] == [want]
