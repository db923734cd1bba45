"""Commitment extraction: modality, parties (named, anaphoric, count-based), action, description, topic, due date.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.vocab import MODALITIES, TOPICS
from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id

MEETING = ("On May 4, 2023, Foreign Minister Lena Vogt of Austria chaired the third Danube Foreign Ministers' "
           "Meeting in Vienna with Foreign Minister Ola Brekke of Norway, Foreign Minister Rosa Pinto of Chile "
           "and Foreign Minister Amos Otieno of Kenya.")


def article(text: str, published: dt.date = dt.date(2023, 5, 4), source_path: str = "news/c.txt") -> dict:
    return {"article_id": make_id("art", source_path, "0"), "source_path": source_path, "record_key": "0",
            "url": None, "title": None, "published_date": published, "published_date_source": "metadata",
            "text": text}


def commitments(text: str, **kw) -> list[dict]:
    return build_tables([extract_articles([article(text, **kw)])])["commitments"]


def only(text: str, **kw) -> dict:
    found = commitments(text, **kw)
    assert len(found) == 1, found
    return found[0]


def test_pledge_with_action_description_and_due_date():
    c = only("Foreign Minister Lena Vogt of Austria said that Austria will set up a consulate general in Lviv by 2025.")
    assert (c["modality"], c["parties"], c["action"]) == ("pledge", ["AUT"], "set up")
    assert c["description"] == "set up a consulate general in Lviv by 2025"
    assert c["due_date"] == dt.date(2025, 1, 1) and c["due_precision"] == "year"
    assert c["topic"] == "culture_people"


def test_agreement_between_named_parties_with_relative_due_date():
    c = only("Peru and Chile agreed to open a new border crossing next month.")
    assert (c["modality"], c["parties"], c["action"]) == ("agreement", ["CHL", "PER"], "open")
    assert c["due_date"] == dt.date(2023, 6, 1) and c["due_precision"] == "month"
    assert c["actor_text"] == "Peru and Chile"


@pytest.mark.parametrize("sentence, modality, action", [
    ("Norway firmly supports the peace process in Colombia.", "support", "support"),
    ("Austria resolutely opposes any interference in the internal affairs of Moldova.", "opposition", "oppose"),
    ("Kenya called for an immediate ceasefire in the region.", "proposal", "call for"),
    ("Chile pledged to double its contribution to the climate fund.", "pledge", "double"),
    ("Norway and Kenya reached consensus on expanding trade in fish products.", "agreement", "reach consensus"),
    ("Chile is ready to strengthen coordination with Peru on disaster relief.", "pledge", "strengthen"),
])
def test_modalities(sentence, modality, action):
    c = only(sentence)
    assert (c["modality"], c["action"]) == (modality, action)
    assert c["modality"] in MODALITIES and c["topic"] in TOPICS


@pytest.mark.parametrize("sentence", [
    "Austria condemned the attack on the embassy.",
    "Norway threatened to suspend fishing quotas for foreign vessels.",
    "Norway warned that it will close the border if the dispute continues.",
    "Police said they will investigate the break-in at the consulate.",
    "Protesters called for the resignation of the foreign minister.",
    "Analysts said Chilean exports will fall this year.",
])
def test_not_commitments(sentence):
    assert commitments(sentence) == []


def test_anaphoric_parties_follow_the_event():
    text = MEETING + (" All parties agreed to meet again in Oslo next year. The four countries will set up a joint "
                      "river commission. Chile and Kenya will exchange agricultural experts. The two sides should "
                      "deepen cooperation in renewable energy.")
    found = {c["actor_text"]: c for c in commitments(text)}
    four = ["AUT", "CHL", "KEN", "NOR"]
    assert found["All parties"]["parties"] == four and found["All parties"]["modality"] == "agreement"
    assert found["All parties"]["due_precision"] == "year"
    assert found["The four countries"]["parties"] == four
    assert found["Chile and Kenya"]["parties"] == ["CHL", "KEN"]
    assert found["The two sides"]["modality"] == "proposal"
    assert found["The two sides"]["topic"] == "energy_resources"
    events = build_tables([extract_articles([article(text)])])["events"]
    (meeting,) = [e for e in events if e["name"]]
    assert {c["event_id"] for c in found.values()} == {meeting["event_id"]}


def test_speaker_pronoun_and_country_subject():
    text = MEETING + " Lena Vogt said Austria will double its aid to Moldova. He said that they will respect the deal."
    found = commitments(text)
    assert found[0]["parties"] == ["AUT"] and found[0]["action"] == "double"


def test_passive_efforts_take_the_event_parties():
    c = [c for c in commitments(MEETING + " Efforts will be made to upgrade river ports along the Danube.")][0]
    assert c["parties"] == ["AUT", "CHL", "KEN", "NOR"]
    assert c["action"] == "upgrade" and c["topic"] == "connectivity_infrastructure"


def test_numbered_consensus_items_give_one_agreement_each():
    text = MEETING + ("\n\nFirst, uphold open trade and work together to lower tariffs.\n\nSecond, deepen health "
                      "cooperation and share vaccine research.\n\nThird, adhere to the principles of the UN Charter.")
    found = commitments(text)
    assert [c["modality"] for c in found] == ["agreement"] * 3
    assert [c["action"] for c in found] == ["uphold", "deepen", "adhere"]
    assert all(c["parties"] == ["AUT", "CHL", "KEN", "NOR"] for c in found)


def test_bullets_after_consensus_intro_give_one_agreement_each():
    text = MEETING + ("\n\nThe ministers reached consensus on three points:\n\n"
                      "  • Expanding river navigation and port cooperation.\n"
                      "  • Strengthening flood early-warning systems.\n"
                      "  • Holding the next meeting in Nairobi.")
    found = commitments(text)
    assert len(found) == 3
    assert [c["action"] for c in found] == ["expand", "strengthen", "hold"]
    assert all(c["modality"] == "agreement" and len(c["parties"]) == 4 for c in found)


def test_coordinated_support_and_opposition_split():
    found = commitments("Kenya supports the regional trade initiative and opposes unilateral export bans.")
    assert [c["modality"] for c in found] == ["support", "opposition"]


def test_evidence_matches_text():
    text = MEETING + " All parties agreed to meet again in Oslo next year."
    a = article(text)
    for c in build_tables([extract_articles([a])])["commitments"]:
        assert a["text"][c["char_start"]:c["char_end"]] == c["evidence"]


def test_organization_subject_is_kept_without_country_parties():
    out = build_tables([extract_articles([article("The European Union will double its support for vocational "
                                                  "schools in Moldova.")])])
    (c,) = out["commitments"]
    assert (c["parties"], c["actor_text"], c["action"]) == ([], "The European Union", "double")
    assert ("organization", "European Union") in {(e["entity_type"], e["name"]) for e in out["entities"]}
    assert out["quarantine"] == []


def test_subject_resolved_to_nothing_is_quarantined():
    out = build_tables([extract_articles([article("The ministers praised the work done by the United Nations "
                                                  "Mission to support the return of refugees.")])])
    assert out["commitments"] == []
    (q,) = out["quarantine"]
    assert q["stage"] == "extract" and "not resolved" in q["reason"]
