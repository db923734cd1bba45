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
    assert c["due_date"] == dt.date(2025, 12, 31) and c["due_precision"] == "year"  # the period's last day
    assert c["topic"] == "culture_people"


def test_agreement_between_named_parties_with_relative_due_date():
    c = only("Peru and Chile agreed to open a new border crossing next month.")
    assert (c["modality"], c["parties"], c["action"]) == ("agreement", ["CHL", "PER"], "open")
    assert c["due_date"] == dt.date(2023, 6, 30) and c["due_precision"] == "month"
    assert c["actor_text"] == "Peru and Chile"


@pytest.mark.parametrize("sentence, modality, action", [
    ("Norway firmly supports the peace process in Colombia.", "support", "support"),
    ("Austria resolutely opposes any interference in the internal affairs of Moldova.", "opposition", "oppose"),
    ("Kenya called for an immediate ceasefire in the region.", "proposal", "call for"),
    ("Chile pledged to double its contribution to the climate fund.", "pledge", "double"),
    ("Norway and Kenya reached consensus on expanding trade in fish products.", "agreement", "reach consensus"),
    ("Chile is ready to strengthen coordination with Peru on disaster relief.", "pledge", "strengthen"),
    ("Austria condemned the attack on the embassy.", "opposition", "condemn"),
    ("Kenya welcomed the decision of Uganda to reopen the border.", "support", "welcome"),
    ("Chile and Peru underscored the importance of freedom of navigation.", "support", "underscore"),
    ("Norway reaffirmed its commitment to strengthening the peace process.", "pledge", "strengthen"),
    ("Norway and Kenya signed a memorandum of understanding on fisheries.", "agreement", "sign"),
])
def test_modalities(sentence, modality, action):
    c = only(sentence)
    assert (c["modality"], c["action"]) == (modality, action)
    assert c["modality"] in MODALITIES and c["topic"] in TOPICS


@pytest.mark.parametrize("sentence", [
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
    out = build_tables([extract_articles([article("The staff of the United Nations Mission will support the "
                                                  "return of refugees.")])])
    assert out["commitments"] == []
    (q,) = out["quarantine"]
    assert q["stage"] == "extract" and "not resolved" in q["reason"]


def by_action(text: str) -> dict[str, dict]:
    return {c["action"]: c for c in commitments(text)}


def test_repeated_stance_verbs_are_one_commitment_each():
    found = commitments(MEETING + " The three countries support the river treaty, support Kenya's bid to host the "
                                  "secretariat, and oppose the dumping of waste in the Danube.")
    assert [c["modality"] for c in found] == ["support", "support", "opposition"]
    assert found[1]["description"].startswith("support Kenya's bid")
    # A counted group keeps its count even when it supports one of its own members.
    assert all(c["parties"] == ["CHL", "KEN", "NOR"] for c in found)


def test_one_modal_governing_several_verbs_is_one_commitment_per_object():
    found = commitments("Chile and Peru will open two border crossings, expand rail links and support joint patrols.")
    assert [(c["modality"], c["action"]) for c in found] == [("pledge", "open"), ("pledge", "expand"),
                                                             ("support", "support")]
    assert all(c["parties"] == ["CHL", "PER"] for c in found)


@pytest.mark.parametrize("sentence, actions", [
    ("Kenya and Morocco agreed to establish a joint business council and to conclude an investment treaty.",
     ["establish", "conclude"]),
    ("Norway called for an immediate ceasefire and for the release of all hostages.", ["call for", "call for"]),
    ("Chile and Peru agreed to expand cooperation in trade, energy and health.", ["expand"]),
    ("Ghana and Togo agreed to deepen trade ties and accelerate the coastal highway.", ["deepen", "accelerate"]),
])
def test_split_by_object(sentence, actions):
    assert [c["action"] for c in commitments(sentence)] == actions


def test_a_signing_list_is_one_agreement_per_item():
    found = commitments("Kenya and Morocco signed four agreements covering: visa exemption for diplomats; fisheries "
                        "and the blue economy; technical cooperation in agriculture; and youth and sports.")
    assert [(c["modality"], c["action"], c["parties"]) for c in found] == [("agreement", "sign", ["KEN", "MAR"])] * 4
    assert found[1]["description"] == "sign fisheries and the blue economy"


def test_a_clause_with_its_own_subject_is_its_own_commitment():
    found = commitments("Morocco pledged to provide fifty scholarships, while Kenya undertook to facilitate a plant.")
    assert [(c["parties"], c["action"]) for c in found] == [(["MAR"], "provide"), (["KEN"], "facilitate")]


def test_a_finite_stance_verb_after_a_modal_starts_a_new_commitment():
    found = commitments("Chile will double its aid to Peru, and supports Peru's bid to host the games.")
    assert [c["modality"] for c in found] == ["pledge", "support"]


def test_coordinated_frame_gives_a_proposal_of_the_same_speakers():
    found = commitments(MEETING + " All parties support Kenya's initiative to resume talks and hold that disputes "
                                  "should be settled through dialogue.")
    assert [(c["modality"], c["action"]) for c in found] == [("support", "support"), ("proposal", "settle")]
    assert found[0]["description"] == "support Kenya's initiative to resume talks"
    assert found[1]["description"] == "settle disputes through dialogue"
    # "Kenya's initiative" is supported by the others; the proposal is theirs too.
    assert found[0]["parties"] == found[1]["parties"] == ["AUT", "CHL", "NOR"]
    assert found[1]["actor_text"] == "All parties"


def test_stressed_the_need_to_is_a_proposal():
    c = only(MEETING + " The ministers expressed concern over the floods and stressed the need to build bridges "
                       "across the river basin.")
    assert (c["modality"], c["action"], c["actor_text"]) == ("proposal", "build", "The ministers")


def test_they_after_a_counted_group_and_its_counterpart():
    found = commitments(MEETING + " The foreign ministers of the three countries said that the talks were useful. "
                                  "They will work closely with Austria to clean the river.")
    (c,) = found
    assert c["parties"] == ["CHL", "KEN", "NOR"] and c["action"] == "clean"


def test_work_with_partner_is_not_a_party():
    c = only("Kenya and Chile will work with Peru to accelerate the feasibility study of a new port.")
    assert (c["parties"], c["action"]) == (["CHL", "KEN"], "accelerate")


@pytest.mark.parametrize("sentence, action", [
    ("The two sides should harness the potential of the river commission.", "harness"),
    ("Chile and Kenya agreed to implement the fisheries deal.", "implement"),
    ("Chile and Kenya agreed to a new fisheries deal.", "agree"),
    ("Chile and Kenya agreed that their commission will meet again in June.", "meet"),
    ("Chile shall not impose new taxes on Kenyan tea.", "impose"),
    ("We commit to continuing our cooperation on health.", "continue"),
])
def test_action_is_the_main_verb(sentence, action):
    c = only(MEETING + " " + sentence)
    assert c["action"] == action
    if "not" in sentence:
        assert c["description"] == "not impose new taxes on Kenyan tea"


@pytest.mark.parametrize("sentence", [
    "The Danube Summit will surely open a new chapter in regional relations.",
    "The Austria-Chile Summit will open a new era in bilateral ties.",
    "Chile's economy will grow by three percent next year.",
    "The ministers expressed confidence that the conference will be a complete success.",
    "Austria expressed hope that the new bridge will boost trade.",
    "Chile and Kenya agreed that the talks were useful.",
    "They discussed the junta's support for the militia.",
    "Norway announced five million euros in aid to support flood victims in Chile.",
    "The ministers discussed efforts to urge the rebels to lay down their arms.",
    "They reviewed plans for a ceasefire deal that will allow residents to return home.",
    "First, I think we want a serious conversation.",
    "The ministers praised the work done by the United Nations Mission to support the return of refugees.",
])
def test_predictions_nouns_and_purposes_are_not_commitments(sentence):
    assert commitments(MEETING + " " + sentence) == []


@pytest.mark.parametrize("sentence, parties", [
    ("Foreign Minister Ola Brekke reaffirmed Norway's strong support for Moldova's sovereignty.", ["NOR"]),
    ("Austria and Chile remain steadfast in their support for the peace process.", ["AUT", "CHL"]),
    ("The ministers discussed their unwavering support for the people of Moldova.", ["AUT", "CHL", "KEN", "NOR"]),
])
def test_support_as_a_noun_after_a_stance(sentence, parties):
    c = only(MEETING + " " + sentence)
    assert (c["modality"], c["parties"]) == ("support", parties)


def test_joint_statement_we_is_every_author():
    a = article(MEETING + " We will continue to support the river commission.")
    a["title"] = "Joint Statement of the Danube Foreign Ministers"
    a["text"] = a["title"] + "\n\n" + a["text"]
    (c,) = build_tables([extract_articles([a])])["commitments"]
    assert c["parties"] == ["AUT", "CHL", "KEN", "NOR"]


def test_a_statement_names_its_own_we():
    found = commitments("1. We, the Foreign Ministers of Austria, Chile, Kenya and Norway, met in Vienna on 4 May 2023. "
                        "2. We condemn the attacks on river shipping. 3. We will set up a joint river commission.")
    assert [c["parties"] for c in found] == [["AUT", "CHL", "KEN", "NOR"]] * 2


def test_he_is_the_subject_of_the_sentence_before():
    found = commitments("Foreign Minister Lena Vogt of Austria spoke today with Foreign Minister Rosa Pinto of Chile. "
                        "Minister Vogt thanked Minister Pinto of Chile for her leadership. "
                        "She also emphasized the importance of the OSCE's role in mediation.")
    assert [(c["modality"], c["parties"]) for c in found] == [("support", ["AUT"])]


def test_a_bare_home_office_joins_the_named_counterpart():
    text = ("President Amos Otieno of Kenya met the President today. "
            "The President and President Otieno reaffirmed their commitment to working together on river safety.")
    found = build_tables([extract_articles([{**article(text), "url": "https://www.whitehouse.gov/x"}])])["commitments"]
    assert [c["parties"] for c in found] == [["KEN", "USA"]]


def test_two_ministers_of_a_one_sided_event_take_the_other_side_the_article_names():
    found = commitments("Kenya's Foreign Minister concluded a visit to Morocco. The visit strengthened Kenya's ties "
                        "with Morocco, and Kenya's traders welcomed it. The two Ministers agreed to establish a joint "
                        "business council.")
    assert ["KEN", "MAR"] in [c["parties"] for c in found]


def test_informed_that_is_a_reporting_frame():
    c = only("Minister Rosa Pinto informed her counterpart from Peru that Chile will offer fifty training places.")
    assert (c["modality"], c["parties"], c["action"]) == ("pledge", ["CHL"], "offer")


def test_items_of_a_subject_intro_share_its_subject():
    text = ("Kenya and Uganda held the fifth session of their joint commission in Kampala on 3 May 2023.\n\n"
            "On security matters, the two sides:\n"
            "a. reaffirmed their commitment to the regional peace protocol;\n"
            "b. condemned the attacks on border posts and called for restraint;\n"
            "c. agreed to: (i) establish joint patrols on the lake; and (ii) exchange information on smuggling.")
    found = commitments(text)
    assert [(c["modality"], c["action"]) for c in found] == [
        ("pledge", "reaffirm"), ("opposition", "condemn"), ("proposal", "call for"), ("agreement", "establish"),
        ("agreement", "exchange")]
    assert all(c["parties"] == ["KEN", "UGA"] for c in found)


def test_signed_documents_are_one_agreement_each():
    found = commitments("Chile and Peru signed the Agreed Minutes of the session, as well as a Memorandum on Consular "
                        "Cooperation and an Agreement on Cultural Exchange.")
    assert len(found) == 3 and {c["action"] for c in found} == {"sign"}


@pytest.mark.parametrize("sentence, due", [
    ("Chile will open a consulate in Lima by the end of 2024.", dt.date(2024, 12, 31)),
    ("Chile will maintain the tariffs set forth in Executive Order 14257 of April 2, 2023 on Peruvian goods.", None),
    ("Chile and Peru will strengthen the treaty signed in 2006 on consular affairs.", None),
    ("Chile will continue the programme it launched in January 2023.", None),
    ("Chile will supply electricity to Peru from 2024.", None),
    ("Chile will address today's energy shortages in its northern regions.", None),
])
def test_due_date_is_a_target_never_a_date_that_names_something_else(sentence, due):
    assert only(sentence)["due_date"] == due


def test_a_reporters_attribution_ends_the_description_and_gives_no_due_date():
    c = only("Japan will provide $30 million in food aid to Ghana, Foreign Minister Ken Sato said on Thursday.")
    assert c["description"] == "provide $30 million in food aid to Ghana" and c["due_date"] is None


def test_a_month_without_its_year_is_the_next_one():
    c = only("Chile and Peru agreed to hold the next round of talks in Lima in March.", published=dt.date(2023, 5, 4))
    assert c["due_date"] == dt.date(2024, 3, 31)


def test_confidence_is_a_probability_from_the_rules_evidence():
    found = commitments("Chile and Peru agreed to open a border crossing. Chile welcomed the decision of Peru.")
    by_action = {c["action"]: c["confidence"] for c in found}
    assert all(0.0 < v < 1.0 for v in by_action.values())
    assert len(set(by_action.values())) == 2  # two kinds of evidence, two probabilities


def test_a_mention_carries_the_signals_its_confidence_weighs():
    from transforms.extract import extract_article
    from transforms.extract.commitments.confidence import confidence

    _, found = extract_article(article("Chile and Peru agreed to open a border crossing."))
    (c,) = found
    assert {"cue:agreed_to", "parties:named", "date:metadata"} <= set(c.signals)
    assert c.confidence == confidence(c.signals)


def test_questions_and_question_turns_of_a_transcript_commit_nobody():
    text = ("MODERATOR: Each minister will make a statement, after which we will take two questions.\n\n"
            "MINISTER ROSA PINTO: Chile will open a consulate in Arica next year.\n\n"
            "ANA SOTO (Radio Sur): Minister, will Chile send aid to Peru? And will Peru reopen the border?\n\n"
            "Q: Will Kenya support the bid?\n\n"
            "MINISTER ROSA PINTO: Chile will send two ships to Peru.")
    found = commitments(text)
    assert [c["action"] for c in found] == ["open", "send"]
    assert all(c["parties"] == ["CHL"] for c in found)


@pytest.mark.parametrize("sentence, modality", [
    ("Norway will continue to support the reconstruction of schools in Ukraine.", "pledge"),
    ("Chile said it shall back the regional fund for the Amazon.", "pledge"),
    ("Norway continues to support the reconstruction of schools in Ukraine.", "support"),
])
def test_a_future_support_is_a_pledge(sentence, modality):
    c = only(sentence)
    assert (c["modality"], c["action"]) == (modality, "support")


@pytest.mark.parametrize("sentence, descriptions", [
    # Two verbs, one object: one undertaking.
    ("Chile and Peru commit to lead and support international efforts for mine clearance.",
     ["lead and support international efforts for mine clearance"]),
    ("Kenya commits to adopt and maintain high labour standards and to enforce its labour laws.",
     ["adopt and maintain high labour standards", "enforce its labour laws"]),
    # A comma between adjectives coordinates no verbs; a comma list closed by "and" does.
    ("Chile and Peru remain committed to achieving a durable, lasting peace in the region.",
     ["achieving a durable, lasting peace in the region"]),
    ("Chile and Peru will open two crossings, expand rail links and deepen trade.",
     ["open two crossings", "expand rail links", "deepen trade"]),
])
def test_verbs_sharing_an_object_are_one_commitment(sentence, descriptions):
    assert [c["description"] for c in commitments(sentence)] == descriptions


def test_the_ends_of_a_pair_and_the_signatories_are_no_objects():
    found = commitments("After the talks, Kenya and Ghana witnessed the signing of a Memorandum on Cooperation between "
                        "the Diplomatic Academy of Kenya and the Foreign Service Institute of Ghana.")
    assert len(found) == 1
    found = commitments("Kenya and Ghana then witnessed the signing of two documents, including an Agreement on Air "
                        "Services, signed by the Minister of Transport and the Minister of Aviation, and a Memorandum "
                        "on Tourism, signed by the two Ministers of Tourism.")
    assert [c["description"].split(",")[0] for c in found] == ["sign an Agreement on Air Services",
                                                               "sign a Memorandum on Tourism"]


def test_a_listener_after_the_reporting_verb_is_part_of_the_frame():
    c = only("I have confirmed to my colleague that Chile will support Peru's candidacy for the council seat.")
    assert (c["parties"], c["modality"]) == (["CHL"], "support")  # a position toward a candidacy (position_object)


def test_hope_is_a_frame_and_a_relative_clause_holds_its_own_subject():
    assert commitments(MEETING + " We hope that they will honour the commitments of the meeting.") == []
    # The cue inside a relative clause: its subject is the relative's ("rights groups"), no party.
    assert commitments("A court in Vienna sentenced the activist on Friday, ending a trial that rights groups have "
                       "condemned as a sham.") == []


def test_a_possessive_government_is_the_pronouns_referent():
    c = only("President Ruto of Kenya spoke with President Boric of Chile. Ruto also conveyed that his government "
             "intends to open an embassy in Santiago.")
    assert (c["parties"], c["action"]) == (["KEN"], "open")


@pytest.mark.parametrize("sentence", [
    "China firmly opposed the sale and said it will take firm and forceful measures to defend its sovereignty.",
    "Canada will impose counter-tariffs on goods from Chile if the levies go ahead, Ottawa said.",
    "Israel said it would expand its ground operations in the north of the strip.",
    "Kenya's army will resume patrols along the border in response to the attacks on herders.",
])
def test_retaliation_and_countermeasures_are_threats_not_pledges(sentence):
    assert [c for c in commitments(sentence) if c["modality"] in ("pledge", "agreement")] == []


def test_a_speaker_whose_country_is_not_written_speaks_for_the_other_side():
    text = ("Joint press conference of Foreign Secretary Ana Ruiz and the Foreign Minister of Peru, Luis Soto.\n\n"
            "SECRETARY ANA RUIZ: This morning we held the Fourth Meeting of the Chile–Peru Binational Commission in "
            "Santiago. We will extend our scholarship programme to 500 students from Peru.\n\n"
            "MINISTER LUIS SOTO: Peru will send a trade mission to Santiago in June.")
    found = commitments(text)
    assert [(c["action"], c["parties"]) for c in found] == [("extend", ["CHL"]), ("send", ["PER"])]


def test_a_colon_ends_the_clause_before_the_subject():
    text = MEETING + " Austria's position is clear: we will not accept any change of borders by force."
    c = only(text)
    assert (c["modality"], c["action"], c["description"]) == ("opposition", "accept",
                                                              "not accept any change of borders by force")


def test_vice_ministers_are_the_events_other_sides():
    text = ("Deputy Secretary Lena Vogt of Austria spoke today with Vice Foreign Minister Ana Soto of Chile and Vice "
            "Foreign Minister Luis Prado of Peru. The Deputy Secretary and vice foreign ministers reaffirmed the "
            "importance of trilateral cooperation on fisheries.")
    assert only(text)["parties"] == ["AUT", "CHL", "PER"]


def test_a_possessive_before_a_support_noun_owns_the_stance():
    text = MEETING + " Amos Otieno reaffirmed Kenya's support for Chile's candidacy to the council."
    c = only(text)
    assert (c["modality"], c["parties"]) == ("support", ["KEN"])


def test_a_coordinated_clause_with_its_own_subject_and_stance_verb_ends_the_predicate():
    text = ("Foreign Minister Pinto said Chile will expand its aid to Peru, and Minister Otieno reiterated Kenya's "
            "support for Peru's efforts toward peace.")
    found = commitments(text)
    assert [(c["modality"], c["parties"]) for c in found] == [("pledge", ["CHL"]), ("support", ["KEN"])]


def test_a_coordinated_that_clause_is_its_own_commitment():
    text = ("Minister Pinto informed his counterpart that Chile will donate 500 tonnes of rice to Peru, and that the "
            "Chilean Cooperation Agency will open a new cycle of projects with Peru in 2025.")
    found = commitments(text)
    assert [(c["action"], c["parties"]) for c in found] == [("donate", ["CHL"]), ("open", ["CHL"])]


def test_the_subject_of_a_second_clause_after_a_past_one():
    c = only("Chile went to the Court in good faith and Chile will abide by the judgment of the Court.")
    assert (c["actor_text"], c["action"]) == ("Chile", "abide")


@pytest.mark.parametrize("sentence, due", [
    ("Chile and Peru agreed to conclude the negotiations within six months.", dt.date(2023, 11, 4)),
    ("Chile will open a consulate in Lima within the next two years.", dt.date(2025, 5, 4)),
    ("Chile will send a team of experts to Lima within 30 days.", dt.date(2023, 6, 3)),
    ("Chile will send a team of experts to Lima within a week.", dt.date(2023, 5, 11)),
    ("Chile will open a consulate in Lima within the framework of the treaty.", None),
])
def test_a_target_period_counted_from_the_article_ends_that_long_after_it(sentence, due):
    c = only(sentence)
    assert c["due_date"] == due and c["due_precision"] == ("day" if due else None)
