"""The grammar of commitment in house styles the cue list was not written from: quotations and their
speakers, contractions, the "be to" future and verbs of intent, a progressive after "will", commissive
frames whose "that" is left out, a participle that shares the clause's subject, a subordinator before
the subject, and adjectival participles that state no stance.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id

TALKS = "The foreign ministers of Ghana and Senegal held talks in Dakar on 3 March 2024."


def rows(text: str) -> list[dict]:
    article = {"article_id": make_id("art", "news/g.txt", "0"), "source_path": "news/g.txt", "record_key": "0",
               "url": None, "title": None, "published_date": dt.date(2024, 3, 4),
               "published_date_source": "metadata", "text": text}
    return build_tables([extract_articles([article])])["commitments"]


def read(sentence: str, context: str = TALKS) -> list[tuple[str, list[str], str]]:
    """(modality, parties, action) of the commitments the sentence states after its context paragraph."""
    text = f"{context}\n\n{sentence}" if context else sentence
    start = len(context) + 2 if context else 0
    return [(c["modality"], c["parties"], c["action"]) for c in rows(text) if c["evidence"] in text[start:]]


@pytest.mark.parametrize("sentence, expected", [
    ('"We will keep supporting the regional force," the Ghanaian minister said.', ("pledge", ["GHA"], "keep")),
    ('The Senegalese minister told reporters: "We are ready to host the next round of talks."',
     ("pledge", ["SEN"], "host")),
    ('"We agreed to reopen the ferry line," the Ghanaian minister said.', ("agreement", ["GHA", "SEN"], "reopen")),
])
def test_a_quotation_s_we_is_its_speaker_s_country(sentence, expected):
    assert read(sentence) == [expected]


def test_a_quotation_without_a_named_speaker_is_still_read():
    # Whose "we" it is then is the article's reading of its issuer (subject.py), not the quotation's.
    assert [(m, a) for m, _, a in read('"We will open a consulate in Kumasi," the minister said.')] == [("pledge", "open")]


@pytest.mark.parametrize("sentence, expected", [
    ('"We\'ll send two more battalions to the regional force," the Ghanaian minister said.',
     ("pledge", ["GHA"], "send")),
    ('"We\'re committed to finishing the coastal highway by 2027," the Senegalese minister said.',
     ("pledge", ["SEN"], "finish")),
    ('"Ghana won\'t abandon its neighbours," the Ghanaian minister said.', ("pledge", ["GHA"], "abandon")),
])
def test_contractions_read_as_their_full_forms(sentence, expected):
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Ghana is to open an embassy in Canberra next year.", ("pledge", ["GHA"], "open")),
    ("Senegal plans to open a trade office in Accra in 2025.", ("pledge", ["SEN"], "open")),
    ("The two countries aim to double bilateral trade by 2030.", ("pledge", ["GHA", "SEN"], "double")),
    ("The two ministers will be stepping up cooperation against piracy.", ("pledge", ["GHA", "SEN"], "step up")),
])
def test_the_be_to_future_verbs_of_intent_and_the_progressive_are_pledges(sentence, expected):
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "The Ghanaian minister is to travel to Abuja next week.",
    "The two ministers plan to reconvene in Accra in the autumn.",
    "The Senegalese minister will be meeting the President of Ghana on Friday.",
    "The next session is to be held in Accra.",
    "The Ghanaian minister said the negotiations will be challenging.",
])
def test_schedules_and_forecasts_told_in_those_forms_are_no_pledges(sentence):
    assert read(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("The Ghanaian minister vowed that Ghana would stand by Senegal against terrorism.", ("pledge", ["GHA"], "stand")),
    ("The Senegalese minister reaffirmed Senegal would continue its support to the mission.",
     ("pledge", ["SEN"], "continue")),
    ("The Ghanaian president promised his country would build a new road to the border.", ("pledge", ["GHA"], "build")),
])
def test_a_commissive_frame_reports_the_clause_after_it_with_or_without_that(sentence, expected):
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Ghana condemned the attack on the convoy, calling for a thorough investigation.",
     [("opposition", ["GHA"], "condemn"), ("proposal", ["GHA"], "call for")]),
    ("Senegal reaffirmed its support for the peace process, urging all parties to respect the ceasefire.",
     [("support", ["SEN"], "support"), ("proposal", ["SEN"], "respect")]),
])
def test_a_participle_after_a_comma_shares_the_subject_of_the_clause_before(sentence, expected):
    assert read(sentence) == expected


def test_a_subordinator_before_the_subject_is_no_part_of_it():
    found = read("The talks confirmed the strong bond between the two countries, as the ministers agreed to "
                 "open a joint trade office in Dakar.")
    assert found == [("agreement", ["GHA", "SEN"], "open")]


@pytest.mark.parametrize("sentence", [
    "The ministers discussed the proposed free trade zone.",
    "The ministers reviewed the agreed timetable of the joint commission.",
])
def test_a_participle_after_a_determiner_names_a_thing_not_a_stance(sentence):
    assert read(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Senegal sharply criticized the postponement of the elections in the region.",
     ("opposition", ["SEN"], "criticize")),
    ("Minister Diop of Senegal appealed to donors to increase humanitarian aid to the Sahel.",
     ("proposal", ["SEN"], "appeal")),
    ("Ghana pressed the regional bank to release the second tranche of the loan.", ("proposal", ["GHA"], "press")),
    ("The Ghanaian side put forward an initiative to create a regional water council.",
     ("proposal", ["GHA"], "propose")),
])
def test_stances_told_by_phrases_other_than_the_usual_verbs(sentence, expected):
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("It was agreed to establish a joint business council.", ("agreement", ["GHA", "SEN"], "establish")),
    ("During the talks, it was also decided that the two countries would open consulates in Kumasi and Thies.",
     ("pledge", ["GHA", "SEN"], "open")),
])
def test_an_impersonal_passive_decision_is_the_event_s_parties(sentence, expected):
    assert read(sentence) == [expected]


def test_an_impersonal_passive_that_schedules_a_session_is_a_planned_event():
    assert read("It was agreed that the next session of the joint commission would be held in Accra.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("The Ghanaian minister reaffirmed the commitment of Ghana to the regional integration agenda.",
     ("pledge", ["GHA"], "reaffirm")),
    ("The Government of Senegal announced its decision to open a consulate in Kumasi.", ("pledge", ["SEN"], "open")),
    ("The two countries set the goal of doubling bilateral trade by 2030.", ("agreement", ["GHA", "SEN"], "double")),
    ("The two ministers reiterated their condemnation of the attacks on civilians in the Sahel.",
     ("opposition", ["GHA", "SEN"], "condemn")),
])
def test_stances_told_as_nouns(sentence, expected):
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Ghana will remain committed to the peace process in the Sahel.", ("pledge", ["GHA"], "remain")),
    ("In this spirit the two governments remain committed to the reform of the Security Council.",
     ("pledge", ["GHA", "SEN"], "commit")),
    ("Recognizing the importance of the corridor, the two ministers agreed to build a second bridge at Rosso.",
     ("agreement", ["GHA", "SEN"], "build")),
])
def test_sentence_adverbs_and_openers_before_the_subject(sentence, expected):
    assert read(sentence) == [expected]


def test_a_sentence_adverb_before_we_is_no_part_of_the_subject():
    found = read("Together we will strengthen maritime security in the Gulf of Guinea.")
    assert [(m, a) for m, parties, a in found if parties] == [("pledge", "strengthen")]


def test_will_remain_in_a_state_is_a_forecast():
    assert read("Relations between Ghana and Senegal will remain strong.") == []


def test_would_with_a_reporter_s_attribution_after_it():
    found = read("Senegal would provide 5 million dollars to the regional fund, the foreign ministry said.")
    assert found == [("pledge", ["SEN"], "provide")]


@pytest.mark.parametrize("sentence", [
    "We haven't asked Senegal for any new step on the border.",
    "The purpose of the new fund is to finance small farmers in both countries.",
    "The two ministers will discuss the situation in the Sahel.",
    "MODERATOR: Next, we'll hear from a journalist in Dakar.",
])
def test_denials_definitions_and_briefing_talk_are_no_commitments(sentence):
    assert read(sentence) == []


def test_a_plan_after_a_possessive_is_a_noun():
    found = read("The Ghanaian minister welcomed Senegal's plan to open a consulate in Kumasi.")
    assert found == [("support", ["GHA"], "welcome")]


def test_a_verb_of_intent_in_a_clause_of_reason_is_a_motive():
    found = read("The two ministers agreed to meet again in May, as both countries seek to cushion the tariffs.")
    assert [f for f in found if f[0] == "pledge"] == []


def test_it_after_an_organization_s_act_is_that_organization():
    text = ("The Assembly of the African Union met in Malabo on 28 May 2022.\n\n"
            "The Assembly adopted the Malabo Declaration on humanitarian action.\n\n"
            "It called on member states to pay their contributions to the Peace Fund in full.")
    found = [c for c in rows(text) if c["evidence"].startswith("It called")]
    assert [(c["modality"], c["parties"], c["action"]) for c in found] == [("proposal", [], "call on")]


def test_it_with_no_organization_before_it_is_no_actor():
    assert read("It called on member states to pay their contributions in full.", context="") == []


@pytest.mark.parametrize("sentence, expected", [
    ("The two ministers established a joint commission on cross-border trade.",
     ("agreement", ["GHA", "SEN"], "establish")),
    ("The two ministers concluded an agreement on the mutual recognition of driving licences.",
     ("agreement", ["GHA", "SEN"], "conclude")),
    ("Ghana announced 200 additional scholarships for Senegalese students.", ("pledge", ["GHA"], "pledge")),
    ("The Senegalese minister recommended that the commission meet twice a year.",
     ("proposal", ["SEN"], "recommend")),
])
def test_bodies_set_up_texts_concluded_countable_aid_and_recommendations(sentence, expected):
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # "not only ... but also" is no negation
    ("The President of Senegal not only pledged to increase aid to Ghana but also to open a consulate in Kumasi.",
     ("pledge", ["SEN"], "increase")),
    # a noun's "to" is no verb asked for ("a return to talks"); the proposal's verb is the urging itself
    ("The Foreign Minister of Senegal urged restraint and a return to talks in Sudan.", ("proposal", ["SEN"], "urge")),
    ("The President of Ghana urged the parties to respect the ceasefire.", ("proposal", ["GHA"], "respect")),
])
def test_review_regressions_of_the_commitment_grammar(sentence, expected):
    assert read(sentence, context="")[:1] == [expected]
