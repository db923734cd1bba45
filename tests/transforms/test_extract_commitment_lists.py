"""Commitments of lists and groups: numbered items, intros that end with a cue, groups named by office.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

from transforms.extract import extract_article
from transforms.extract.document import prepare
from transforms.ids import make_id

MET = "The Foreign Ministers of Chile, Peru and Ecuador met in Lima on 3 May 2023."


def article(text: str) -> dict:
    return {"article_id": make_id("art", "news/l.txt", "0"), "source_path": "news/l.txt", "record_key": "0",
            "url": None, "title": None, "published_date": dt.date(2023, 5, 4), "published_date_source": "metadata",
            "text": text}


def rows(text: str) -> list[tuple]:
    return [(c.modality, c.parties, c.action) for c in extract_article(article(text))[1]]


def test_a_number_alone_on_its_line_marks_the_sentence_after_it_as_an_item():
    doc = prepare(article(f"{MET}\n\nThe Ministers:\n\n1. Reaffirm their support for the peace process.\n\n2. Condemn terrorism."))
    items = [s for s in doc.sentences if s.bullet]
    assert [s.text for s in items] == ["Reaffirm their support for the peace process.", "Condemn terrorism."]


def test_numbered_items_share_the_subject_of_their_intro():
    found = rows(f"{MET}\n\nThe Ministers:\n\n1. Condemn all forms of terrorism.\n\n"
                 "2. Call on the international community to increase support for refugees.")
    three = ("CHL", "ECU", "PER")
    assert found == [("opposition", three, "condemn"), ("proposal", three, "call on")]


def test_the_items_of_an_intro_ending_with_a_cue_take_its_modality():
    found = rows(f"{MET} The Ministers agreed to:\n\n1. Establish a joint commission on trade;\n\n"
                 "2. Launch negotiations on a double taxation agreement.")
    three = ("CHL", "ECU", "PER")
    assert found == [("agreement", three, "establish"), ("agreement", three, "launch")]


def test_a_list_of_documents_signed_is_one_agreement_per_document():
    active = rows("The Foreign Ministers of Chile and Peru met in Lima on 3 May 2023. The two ministers signed the "
                  "following documents:\n\n• Agreement on Consular Cooperation;\n\n• Memorandum on Fisheries.")
    passive = rows("The Foreign Ministers of Chile and Peru met in Lima on 3 May 2023. The following agreements "
                   "were signed:\n\n- Agreement on Consular Cooperation;\n\n- Memorandum on Fisheries.")
    assert active == passive == [("agreement", ("CHL", "PER"), "sign")] * 2


def test_an_item_with_a_stance_verb_of_its_own_keeps_it():
    found = rows(f"{MET} The Ministers agreed on the following:\n\n• Welcomed the launch of the fisheries survey;\n\n"
                 "• Establish a joint commission on trade.")
    assert [f[0] for f in found] == ["support", "agreement"]


def test_groups_named_by_office_are_the_event_parties():
    envoys = rows("The Special Envoys of France, Germany and Norway met in Oslo on 3 May 2023 to discuss Sudan. "
                  "The Special Representatives and Envoys condemned the attacks on civilians in Darfur.")
    heads = rows("President Ana Ruiz of Chile and Prime Minister Jonas Berg of Norway held talks in Oslo on 3 May 2023. "
                 "The Heads of Government endorsed the Joint Action Plan for 2023-2026.")
    assert envoys == [("opposition", ("DEU", "FRA", "NOR"), "condemn")]
    assert heads == [("agreement", ("CHL", "NOR"), "endorse")]


def test_a_later_sentence_of_an_item_shares_the_intro_subject_and_keeps_the_list_open():
    found = rows(f"{MET}\n\nThe Ministers:\n\n• Noted the progress of the talks. Welcomed the launch of the fisheries "
                 "survey.\n\n• Condemned all forms of terrorism.")
    three = ("CHL", "ECU", "PER")
    assert found == [("support", three, "welcome"), ("opposition", three, "condemn")]


def test_a_finite_verb_after_a_comma_starts_a_commitment_of_its_own():
    found = rows("Foreign Minister Ana Ruiz of Chile met Foreign Minister Jonas Berg of Norway in Oslo on 3 May 2023. "
                 "They called for an immediate cessation of hostilities, condemned attacks on civilians and welcomed "
                 "the resumption of humanitarian deliveries.")
    assert [(f[0], f[2]) for f in found] == [("proposal", "call for"), ("opposition", "condemn"), ("support", "welcome")]
    kept = rows("Chile and Peru agreed to build a bridge, financed by both governments, across the river.")
    assert [(f[0], f[2]) for f in kept] == [("agreement", "build")]


def test_we_of_an_organization_official_in_a_transcript_is_the_organization():
    text = ("Remarks by Foreign Minister Ana Ruiz of Chile and UN Secretary-General António Guterres in Santiago on "
            "3 May 2023.\n\nMINISTER RUIZ: Chile will double its contribution to the peacebuilding fund.\n\n"
            "SECRETARY-GENERAL GUTERRES: We are committed to promote renewable energy across the region.")
    found = rows(text)
    assert found == [("pledge", ("CHL",), "double"), ("pledge", (), "promote")]


def test_support_in_the_perfect_is_a_past_action_unless_a_standing_position():
    assert rows("Chile and Peru met in Lima on 3 May 2023. We've supported these efforts with training programmes.") == []
    assert rows("Norway has always supported the peace process in Colombia.") == [("support", ("NOR",), "support")]
    assert rows("Peru has condemned the attack on the embassy.") == [("opposition", ("PER",), "condemn")]


def test_a_bare_secretary_is_the_last_secretary_not_a_secretary_general_or_a_foreign_minister():
    text = ("Secretary of State Ana Ruiz spoke by phone with Secretary General Jonas Berg of the Danube Commission "
            "and Foreign Minister Lena Vogt of Austria on 3 May 2023. The Secretary reaffirmed her support for the "
            "peace process in Colombia.")
    doc = prepare(article(text))
    last = doc.people.items[-1]
    assert text[last.start:last.end] == "Secretary" and last.name == "Ana Ruiz"
    trade = prepare(article("Trade Secretary Jan Adams of Chile met the press on 3 May 2023. The Secretary said exports grew."))
    assert trade.people.items[-1].name == "Jan Adams"


def test_a_modal_support_of_a_candidacy_or_proposal_is_a_position():
    assert rows("Nigeria will support Senegal's candidate for the presidency of the bank.") == [
        ("support", ("NGA",), "support")]
    assert rows("Brazil said on Tuesday it would back a Colombian proposal to create a regional fund.") == [
        ("support", ("BRA",), "back")]
    assert rows("Norway will continue to support the reconstruction of Ukraine.") == [("pledge", ("NOR",), "support")]


def test_a_wire_said_frame_may_carry_the_day_or_the_medium():
    assert rows("Turkey said on Wednesday it was ready to mediate between Russia and Ukraine.") == [
        ("pledge", ("TUR",), "mediate")]
    assert rows("Chile said in a statement it will send two ships to help with the rescue.") == [
        ("pledge", ("CHL",), "send")]


def test_thanks_for_a_partys_support_states_no_stance():
    assert rows("Minister Ruiz of Chile thanked Norway for its support and invited Minister Berg to visit Chile.") == []
    assert rows("Norway reaffirmed its support for the peace process.") == [("support", ("NOR",), "support")]


def test_the_country_after_a_speaker_of_a_state_is_that_state():
    assert rows("Chile's foreign ministry said in a statement that the country would double its aid to Haiti.") == [
        ("pledge", ("CHL",), "double")]


def test_assured_that_is_a_reporting_frame():
    found = rows("Foreign Minister Ana Ruiz of Chile met Foreign Minister Luis Soto of Peru in Lima on 3 May 2023. The "
                 "Peruvian side assured that it would consider Chile's request for the use of the port of Ilo.")
    assert found == [("pledge", ("PER",), "consider")]


def test_the_two_ministers_take_the_country_of_the_person_their_sentence_names():
    text = ("Foreign Minister Ayla Demir of Turkey held separate phone calls on Tuesday with Foreign Minister Ana Ruiz "
            "of Chile and Foreign Minister Luis Soto of Peru.\n\nIn the call with Ruiz, the two ministers agreed to "
            "coordinate the delivery of aid to the region, and Demir welcomed the Chilean initiative.")
    assert rows(text) == [("agreement", ("CHL", "TUR"), "coordinate"), ("support", ("TUR",), "welcome")]


def test_agreed_that_a_document_should_be_signed_is_an_agreement():
    found = rows("President Ana Ruiz of Chile and President Luis Soto of Peru spoke by telephone on 3 May 2023 and "
                 "agreed that a migration agreement between the two countries should be signed next month.")
    assert found == [("agreement", ("CHL", "PER"), "sign")]


def test_an_office_of_another_organization_is_not_the_person_named_before():
    doc = prepare(article("The Secretary General of the ASEAN, Dr. Kao Kim Hourn, met the Secretary General of the "
                          "Pacific Islands Forum, Mr. Baron Waqa, in Suva on 3 May 2023."))
    assert [(p.name, p.organization) for p in doc.people.items] == [
        ("Kao Kim Hourn", "Association of Southeast Asian Nations"), ("Baron Waqa", "Pacific Islands Forum")]


def test_the_government_is_the_one_country_of_the_last_commitment():
    found = rows("COLOMBO, Sept 1 (Reuters) - Sri Lanka reached a preliminary agreement with the International Monetary "
                 "Fund on Thursday. As part of the deal, the government has committed to raising tax revenue to 14% "
                 "of gross domestic product by 2025, the IMF said.")
    assert ("pledge", ("LKA",), "raise") in found


def test_initials_may_be_digraphs_after_the_first():
    doc = prepare(article("The delegation was headed by Minister K.Ch. Abdyldaev of Kyrgyzstan on 3 May 2023."))
    assert [p.name for p in doc.people.items][0] == "K. Ch. Abdyldaev"


def test_a_body_named_alone_is_its_organization():
    text = ("The Assembly of Heads of State and Government of the African Union convened in Malabo on 3 May 2023. "
            "The Assembly strongly condemned the attacks on civilians in the Sahel. The Assembly adopted the Malabo "
            "Declaration on Terrorism and decided to establish a counter-terrorism unit.")
    commitments_ = extract_article(article(text))[1]
    assert [(c.modality, c.parties, c.action) for c in commitments_] == [
        ("opposition", (), "condemn"), ("agreement", (), "adopt"), ("pledge", (), "establish")]
    assert all([o.name for o in c.actor_orgs] == ["African Union"] for c in commitments_)
