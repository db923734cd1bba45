"""Commitments that general guards refuse or bound: wire news that reports no undertaking (negated plans,
threats, denials, hearsay, punitive sums, agentless passives), referents looked for within their paragraph,
and targets that are no due dates.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.extract.commitments.subject import is_forecast_subject
from transforms.ids import make_id


def commitments(text: str, published: dt.date = dt.date(2024, 3, 14)) -> list[dict]:
    art = {"article_id": make_id("art", "news/g.txt", "0"), "source_path": "news/g.txt", "record_key": "0",
           "url": None, "title": None, "published_date": published, "published_date_source": "metadata",
           "text": text}
    return build_tables([extract_articles([art])])["commitments"]


@pytest.mark.parametrize("text", [
    # a negated schedule or a "never": what a party will not do
    "Chile and Peru will not hold a summit at the regional forum this month, a government source said.",
    "The foreign minister said Bolivia would never negotiate under pressure.",
    # a threat earlier in the sentence
    "Ghana threatened on Monday to quit the pact, with its minister saying Ghana will veto any quota.",
    # a denial, hearsay, speculation
    "Peru's foreign minister denied that the government had agreed to send troops to Bolivia.",
    "Reports suggest that Togo will sign a fisheries deal with Benin next week.",
    "Benin will reportedly open a consulate in Lome, local media said.",
    # a sum levied as a punishment; force kept up; a particle "back"
    "The United States announced $18 billion in new tariffs on imports from Peru on Tuesday.",
    "Kenya said it would press on with its offensive against the militia despite calls for a truce.",
    "Chile said it would hit back hard if its ships were attacked.",
    # an agentless passive; a domestic act; an exercise
    "Officials said a new loan deal with Ghana could be signed within weeks.",
    "Peru's parliament approved a bill on Tuesday that would raise the fuel tax.",
    "Chile and Peru will hold joint naval drills off Arica next month, the navy said.",
])
def test_wire_news_that_states_no_undertaking_gives_no_commitment(text):
    assert commitments(text) == []


def test_a_negated_undertaking_of_an_agreement_text_stays_a_pledge():
    found = commitments("Togo shall not impose any digital services tax on companies of Benin.")
    assert [(c["modality"], c["parties"], c["action"]) for c in found] == [("pledge", ["TGO"], "impose")]


def test_a_real_sum_and_a_real_plan_stay():
    found = commitments("Norway pledged $40 million for the reconstruction of schools in Ukraine.")
    assert [(c["modality"], c["parties"]) for c in found] == [("pledge", ["NOR"])]
    found = commitments("The Chilean foreign minister said Chile will not only open a consulate in Tacna but also "
                        "expand consular services.")
    assert found and found[0]["parties"] == ["CHL"]


def test_the_government_is_the_country_its_paragraph_names_last():
    text = ("Germany pledged to support the rebuilding of schools in Ukraine.\n\n"
            "Peru held general elections last month. The government will raise fuel taxes next year.")
    rows = {c["action"]: c["parties"] for c in commitments(text)}
    assert rows == {"support": ["DEU"], "raise": ["PER"]}


def test_the_government_of_an_earlier_paragraph_is_no_referent():
    text = ("Germany pledged to support the rebuilding of schools in Ukraine.\n\n"
            "Fuel prices rose by a fifth last month. The government will raise fuel taxes next year.")
    assert [c["action"] for c in commitments(text)] == ["support"]


def test_they_points_back_within_its_paragraph_only():
    text = ("Chile pledged to double its aid to the region.\n\n"
            "The ministers of Kenya and Ghana met in Accra. They agreed to open a joint trade office.")
    rows = {c["action"]: c["parties"] for c in commitments(text)}
    assert rows["open"] == ["GHA", "KEN"]


def test_a_weekday_in_a_predicate_is_no_target_a_year_later():
    found = commitments("The United States announced $250 million in new security assistance for Ukraine on "
                        "Tuesday.")
    assert found and found[0]["due_date"] is None
    found = commitments("Kenya and Uganda agreed to meet again in February.")
    assert found[0]["due_date"] == dt.date(2025, 2, 28)  # a month without its year: the next one


@pytest.mark.parametrize("subject,forecast", [
    ("This new initiative to build engines in India", True),
    ("The corridor between Kenya and Ethiopia", True),
    ("Foreign ministers of the five countries", False),
    ("The United States of America", False),
])
def test_the_head_of_a_subject_ends_before_its_modifier(subject, forecast):
    assert is_forecast_subject(subject) is forecast


def test_a_capitalised_cue_word_inside_a_name_is_no_cue():
    found = commitments("Spain announced a new contribution of 10 million euros to the Ukraine Energy Support Fund.")
    assert [(c["modality"], c["parties"]) for c in found] == [("pledge", ["ESP"])]  # the sum, no "support"


@pytest.mark.parametrize("text,kept", [
    ("Abuja, Nov. 8 (NAN) - The Federal Government has committed to cut routine gas flaring by half by 2027.", True),
    ("Ghana said it would cut diplomatic ties with Togo.", False),
    ("Kenya will close its border with Somalia next week.", False),
])
def test_a_link_cut_is_hostile_but_a_harm_cut_is_a_pledge(text, kept):
    assert bool(commitments(text)) is kept


def test_the_government_of_a_story_that_names_no_country_is_its_datelines():
    found = commitments("Abuja, Nov. 8 (NAN) - The Federal Government has committed to end gas flaring by 2030.")
    assert [(c["parties"], c["due_date"]) for c in found] == [(["NGA"], dt.date(2030, 12, 31))]


def test_a_wire_header_is_no_subject():
    text = ("ASTANA. KAZINFORM - President Kassym-Jomart Tokayev of Kazakhstan and President Shavkat Mirziyoyev of "
            "Uzbekistan held a telephone conversation on Tuesday and agreed to speed up work on the joint dam.")
    assert [(c["modality"], c["parties"]) for c in commitments(text)] == [("agreement", ["KAZ", "UZB"])]


def test_should_is_the_speakers_proposal():
    found = commitments("Foreign Minister Lena Vogt of Austria said the militias in Chile must lay down their arms.")
    assert [(c["modality"], c["parties"]) for c in found] == [("proposal", ["AUT"])]
    text = ("We, the Foreign Ministers of Austria, Chile and Norway, met in Vienna. We:\n\n"
            "• Underscored that the rebels must release all hostages;")
    assert [(c["modality"], c["parties"]) for c in commitments(text)] == [("proposal", ["AUT", "CHL", "NOR"])]


def test_a_clause_with_its_own_reported_subject_is_a_commitment_of_its_own():
    text = ("The presidents of Kenya and Ghana met in Accra. The two sides agreed to launch talks on a trade "
            "agreement and Ghana said it would build a new market in Kumasi by 2026.")
    rows = {(c["modality"], tuple(c["parties"])) for c in commitments(text)}
    assert rows == {("agreement", ("GHA", "KEN")), ("pledge", ("GHA",))}


def test_office_words_before_a_group_noun_are_no_region():
    text = ("Foreign Minister Lena Vogt of Austria met Foreign Minister Ola Brekke of Norway and Foreign Minister "
            "Rosa Pinto of Chile in Vienna. The Austrian Minister and Foreign Ministers shared their unwavering "
            "support for the sovereignty of Ukraine.")
    assert [c["parties"] for c in commitments(text)] == [["AUT", "CHL", "NOR"]]


def test_a_denied_support_is_an_opposition_and_a_negated_forecast_no_pledge():
    found = commitments("Chile does not back the proposal to enlarge the council.")
    assert [c["modality"] for c in found] == ["opposition"]
    assert commitments("The parties recognize that Peru will not be secure until the border is settled.") == []


def test_the_kingdom_of_a_release_is_its_datelines_state():
    text = ("Talks with Thailand\n\nRIYADH, 6 September 2022 - The Minister of Foreign Affairs received the Foreign "
            "Minister of Thailand. The Minister affirmed the Kingdom's readiness to increase its investments in "
            "Thailand.")
    assert [c["parties"] for c in commitments(text)] == [["SAU"]]


def test_the_government_of_a_story_datelined_after_its_title_is_the_datelines():
    text = "Gas flaring to end\n\nAbuja, Nov. 8 (NAN) - The Federal Government has committed to end gas flaring by 2030."
    assert [c["parties"] for c in commitments(text)] == [["NGA"]]


@pytest.mark.parametrize("subject", ["Delegation members", "Senior officials", "The two delegations"])
def test_members_and_officials_of_the_delegations_are_the_events_sides(subject):
    text = f"The foreign ministers of Chile and Peru met in Lima. {subject} agreed to meet again in May."
    assert [c["parties"] for c in commitments(text)] == [["CHL", "PER"]]


def test_announced_or_confirmed_before_a_clause_reports_a_stance_as_said_does():
    found = commitments("Germany announced it would send more engineers to Lithuania.")
    assert [(c["modality"], c["parties"], c["action"]) for c in found] == [("pledge", ["DEU"], "send")]
    found = commitments("President Ruto of Kenya confirmed unwavering Kenyan support for Somalia.")
    assert [(c["modality"], c["parties"]) for c in found] == [("support", ["KEN"])]  # the stance itself, no frame


def test_agreed_with_a_partner_is_an_agreement_of_both():
    found = commitments("Kenya agreed with Tanzania to build a second railway line to the coast.")
    assert [(c["modality"], c["parties"]) for c in found] == [("agreement", ["KEN", "TZA"])]


def test_a_second_stance_noun_of_the_same_subject_is_its_own_commitment():
    found = commitments("Peru reiterated its support for the peace talks and its firm rejection of any foreign "
                        "interference.")
    assert sorted((c["modality"], c["action"]) for c in found) == [("opposition", "reject"), ("support", "support")]
    text = ("Chile will designate Peru as a partner in recognition of its contributions to the mission and its "
            "rejection of the invasion.")
    assert all(c["modality"] != "opposition" for c in commitments(text))


def test_a_group_of_a_later_paragraph_of_a_statement_without_an_event_is_its_two_sides():
    text = ("Joint Statement of Chile and Peru on the Climate\n\n"
            "Chile and Peru share the goal of a clean energy transition. Peru will expand its solar parks.\n\n"
            "Both countries affirm the importance of reducing emissions from shipping.")
    rows = {c["modality"]: c["parties"] for c in commitments(text)}
    assert rows["support"] == ["CHL", "PER"]


def test_committed_to_addressing_is_no_schedule_and_looking_forward_to_a_visit_is_one():
    found = commitments("Chile remains committed to addressing the humanitarian crisis in the region.")
    assert [c["modality"] for c in found] == ["pledge"]
    assert commitments("The President of Chile looks forward to welcoming the President of Peru to Santiago.") == []


def test_an_adverbial_before_a_subject_is_no_apposition():
    assert not is_forecast_subject("By the regional summit in Lima, Chile and Peru")


def test_the_government_is_the_one_the_release_named_as_such():
    text = ("The Government of the Republic of Chile has learned with consternation of the attack in Peru.\n\n"
            "Chile condemns the attack in the strongest terms.\n\n"
            "The Government calls on the international community to strengthen its support to the region.")
    rows = {c["modality"]: c["parties"] for c in commitments(text)}
    assert rows["proposal"] == ["CHL"]


def test_a_name_with_a_particle_is_one_subject():
    found = commitments("Côte d'Ivoire expresses its solidarity with Benin and reaffirms its determination to "
                        "continue to pool intelligence with its neighbours.")
    assert [(c["modality"], c["parties"]) for c in found] == [("pledge", ["CIV"])]


def test_items_of_a_declaration_in_the_present_and_instructions_to_ministers_are_agreements():
    text = ("The presidents of Chile and Peru met in Arica. At the end of the meeting the Presidents signed a "
            "declaration, under which the two Governments:\n\n"
            "1. agree to complete the new border bridge by December 2026;\n"
            "2. instruct their foreign ministries to convene the commission on migration within ninety days.")
    rows = sorted((c["modality"], c["action"], tuple(c["parties"])) for c in commitments(text))
    assert rows == [("agreement", "complete", ("CHL", "PER")), ("agreement", "convene", ("CHL", "PER"))]


def test_a_signing_witnessed_of_counted_memoranda_gives_one_agreement_per_item():
    text = ("The presidents of Ghana and Togo met in Lome. The Heads of State witnessed the signing of three "
            "Memoranda of Understanding, on:\n(a) fisheries;\n(b) youth and sport;\n(c) customs cooperation.")
    found = [c for c in commitments(text) if c["modality"] == "agreement"]
    assert len(found) == 3 and all(c["parties"] == ["GHA", "TGO"] for c in found)


def test_an_agreement_of_two_named_actors_with_one_country_read_is_the_events_two():
    text = ("The foreign ministers of Ghana and Togo held consultations in Accra. Minister Kofi Mensah and the "
            "Deputy Minister of Foreign Affairs of Togo signed a protocol on border demarcation.")
    assert [c["parties"] for c in commitments(text) if c["modality"] == "agreement"] == [["GHA", "TGO"]]


@pytest.mark.parametrize("text", [
    "Second, yesterday the State Secretary held political consultations with Peru in Lima.",
    "SPOKESPERSON: We will inform you in due course.",
    "The minister discussed the preparations for the official visit that the Chilean president will pay to Peru.",
    "The Government of Chile urges Chilean nationals in the border regions to remain vigilant.",
])
def test_no_undertaking_in_briefing_lines(text):
    assert commitments(text) == []
