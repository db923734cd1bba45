"""Who takes part and who commits: the countries an encounter's own words imply (a possessed office, a joint
briefing, a communique's "the Meeting") and the sides of an agreement reached at an encounter.

Fixture texts are written for these tests (other names, offices and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_article, extract_articles
from transforms.ids import make_id
from transforms.names import find_people, resolve_people


def article(text: str, url: str | None = None, published: dt.date = dt.date(2025, 3, 5)) -> dict:
    return {"article_id": make_id("art", text), "source_path": "news/p.txt", "record_key": "0", "url": url,
            "title": None, "published_date": published, "published_date_source": "metadata", "text": text}


def commitments(text: str, **kw) -> list[tuple[str, set[str]]]:
    out = build_tables([extract_articles([article(text, **kw)])])
    return [(c["modality"], set(c["parties"])) for c in out["commitments"]]


@pytest.mark.parametrize("text, want", [
    ("LIMA, March 4 (Reuters) - Peruvian Foreign Minister Rosa Vidal held phone talks with her Ecuadorian counterpart Luis "
     "Mora on Tuesday and agreed to reopen the border crossing at Huaquillas.", {"PER", "ECU"}),
    ("Peruvian President Ana Quispe met Chilean President Tomas Lagos in Arica on Tuesday and agreed to build a "
     "new customs post.", {"PER", "CHL"}),
    # A name particle does not end a coordinated subject.
    ("QUITO, March 4 (Reuters) - Ecuadorian President Luis Inacio Mora da Costa and Peruvian President Ana Quispe "
     "spoke by telephone on Tuesday and agreed to convene their trade ministers in May.", {"ECU", "PER"}),
    ("Foreign Minister Jan van der Berg of the Netherlands and Foreign Minister Ana Quispe of Peru met on Tuesday and "
     "agreed to open a consulate in Cusco.", {"NLD", "PER"}),
])
def test_an_agreement_reached_at_an_encounter_is_both_sides(text, want):
    assert ("agreement", want) in commitments(text)


def test_a_pledge_after_an_encounter_stays_its_subject_s():
    text = ("Peruvian President Ana Quispe met Chilean President Tomas Lagos in Arica on Tuesday and said Peru "
            "would build a new customs post.")
    assert ("pledge", {"PER"}) in commitments(text)


@pytest.mark.parametrize("text, want", [
    ("ACCRA, May 7 (Reuters) - Ghana's president met Togo's foreign minister on Tuesday.", {"GHA", "TGO"}),
    ("NAIROBI, May 7 (Reuters) - Kenya's foreign minister held talks with Uganda's prime minister on Tuesday.",
     {"KEN", "UGA"}),
])
def test_a_country_s_office_holder_takes_part_for_it(text, want):
    mentions, _ = extract_article(article(text))
    assert any(set(m.countries) == want for m in mentions), [m.countries for m in mentions]


def test_a_country_s_other_possessions_are_no_party():
    mentions, _ = extract_article(article("ACCRA, May 7 (Reuters) - Ghana's president met Kenyan President Ruto "
                                          "on Tuesday to discuss Togo's elections."))
    assert all("TGO" not in m.countries for m in mentions)


def test_a_joint_briefing_told_with_one_speaker_has_both_sides():
    mentions, _ = extract_article(article(
        "ANKARA, March 4 (AA) - Turkish Foreign Minister Ayse Kaya hosted her Bolivian counterpart Luis Mora in Ankara "
        "on Tuesday. Speaking at a joint news conference, Kaya said Türkiye was ready to host a donors' meeting."))
    briefings = [m for m in mentions if m.event_type == "press_briefing"]
    assert briefings and all(set(m.countries) == {"TUR", "BOL"} for m in briefings)


def test_the_meeting_of_a_communique_is_those_who_met():
    text = ("1. The Extraordinary Meeting of the Ministerial Committee was held on 4 March 2025 in Lusaka, Zambia.\n\n"
            "2. The Meeting was chaired by Hon. Amos Banda, Minister of Foreign Affairs of the Republic of Zambia.\n\n"
            "3. The Meeting was attended by Hon. Rosa Mbeki, Minister of Foreign Affairs of the Republic of Botswana; "
            "and Hon. Paul Kamau, Minister of Foreign Affairs of the Republic of Angola.\n\n"
            "4. The Meeting strongly condemned the attacks on civilians in the border areas.")
    assert ("opposition", {"ZMB", "BWA", "AGO"}) in commitments(text)


def test_a_surname_with_run_together_initials_is_the_person_named_before():
    text = ("The delegation was headed by the Deputy Minister of Foreign Affairs of the Republic of Uzbekistan Karimov "
            "Bakhtiyor Anvarovich. Later, Deputy Minister Karimov B.A. was received by the Speaker of Parliament.")
    people = resolve_people(find_people(text, anaphora=True))
    assert [p.name for p in people if "Karimov" in p.name_as_written] == ["Bakhtiyor Karimov", "Bakhtiyor Karimov"]
    assert all(p.country == "UZB" for p in people if "Karimov" in p.name_as_written)


@pytest.mark.parametrize("text, want", [
    ("KIGALI, May 7 (Reuters) - The Congolese President Félix Tshisekedi met Rwandan President Paul Kagame on "
     "Tuesday.", {"COD", "RWA"}),
    ("MOSCOW, May 7 (Reuters) - Congolese Foreign Minister Jean-Claude Gakosso met Russian Foreign Minister Sergey "
     "Lavrov on Tuesday.", {"COG", "RUS"}),
])
def test_a_look_alike_demonym_yields_to_the_person_s_known_country(text, want):
    mentions, _ = extract_article(article(text))
    assert any(set(m.countries) == want for m in mentions), [m.countries for m in mentions]
