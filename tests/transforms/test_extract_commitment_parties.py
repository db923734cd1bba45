"""Who takes a stance where the sentence does not name a country: the sides a joint document's title names,
an official of an international organization (and "he" / "she" pointing back to one), a plural "they"
after one side's stance, a group named by its office ("the three National Security Advisors"), a ministry or
department of the release's own government; and the grammar around them (a purpose infinitive before the
subject, a pledge of a noun, "pledged to remain", adjectives coordinated inside one object).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id


def rows(body: str, title: str | None = None, path: str = "releases/x.html") -> list[dict]:
    text = f"{title}\n\n{body}" if title else body
    article = {"article_id": make_id("art", path, "0"), "source_path": path, "record_key": "0", "url": None,
               "title": title, "published_date": dt.date(2024, 3, 14), "published_date_source": "metadata",
               "text": text}
    return build_tables([extract_articles([article])])["commitments"]


def read(body: str, title: str | None = None, path: str = "releases/x.html") -> list[tuple[str, list[str]]]:
    return sorted((c["modality"], c["parties"]) for c in rows(body, title, path))


@pytest.mark.parametrize("title, body, expected", [
    ("Joint Communique between the Republic of Ghana and the Togolese Republic",
     "Accra, 12 March 2024\nThe Parties agreed to open two new crossing points on the common border.\n"
     "The Parties reaffirmed their commitment to the ECOWAS protocol on free movement.",
     [("agreement", ["GHA", "TGO"]), ("pledge", ["GHA", "TGO"])]),
    ("Joint Statement by Chile and Norway on Ocean Governance",
     "1. The two countries will cooperate on marine spatial planning.\n"
     "2. Both sides stand ready to share data on illegal fishing.",
     [("pledge", ["CHL", "NOR"]), ("pledge", ["CHL", "NOR"])]),
])
def test_a_joint_document_without_an_event_takes_the_sides_its_title_names(title, body, expected):
    assert read(body, title) == expected


def test_a_title_with_one_country_gives_no_sides():
    assert read("The Parties agreed to review the plan.", "Statement on the floods in Mozambique") == []


@pytest.mark.parametrize("body, modality", [
    ("UN Secretary-General Antonio Guterres spoke to reporters in Geneva on Monday. He called on all parties to "
     "respect the truce.", "proposal"),
    ("NATO Secretary General Mark Rutte visited Riga on Monday. He called on allies to spend more on defence.",
     "proposal"),
    ("High Representative Kaja Kallas met the Foreign Minister of Chile in Brussels. She reaffirmed the EU's "
     "support for the trade agreement.", "support"),
    ("WHO Director-General Tedros Adhanom Ghebreyesus urged Chile to share vaccine doses with Peru.", "proposal"),
])
def test_an_official_of_an_organization_takes_no_country(body, modality):
    assert read(body, path="news/x.txt") == [(modality, [])]


def test_a_national_office_of_an_organization_official_is_the_country():
    body = "Dutch Prime Minister Mark Rutte met the Foreign Minister of Chile. He called on Chile to ratify the treaty."
    assert read(body, path="news/x.txt") == [("proposal", ["NLD"])]


def test_they_after_one_sides_stance_is_both_sides():
    body = ("Foreign Minister Ama Owusu of Ghana met Foreign Minister Koffi Dossou of Benin in Accra today. "
            "Minister Dossou expressed Benin's readiness to host the next joint commission. "
            "They committed to expand cooperation on solar energy.")
    assert read(body, path="news/x.txt") == [("pledge", ["BEN"]), ("pledge", ["BEN", "GHA"])]


@pytest.mark.parametrize("sentence", [
    "The two National Security Advisors reaffirmed their commitment to address regional challenges together.",
    "To advance this work, they commit to develop a joint action plan on critical minerals.",
    "They pledged to remain in close coordination on the situation in the region.",
    "They also pledged safe passage for foreign nationals leaving the capital.",
])
def test_group_grammar_of_joint_readouts(sentence):
    body = f"President Ana Vidal of Chile met President Lars Holm of Norway in Oslo today. {sentence}"
    assert read(body, path="news/x.txt") == [("pledge", ["CHL", "NOR"])]


def test_adjectives_coordinated_in_one_object_are_one_commitment():
    body = ("President Ana Vidal of Chile met President Lars Holm of Norway in Oslo today. Our governments will "
            "continue to coordinate our policies toward a free and open Arctic.")
    assert read(body, path="news/x.txt") == [("pledge", ["CHL", "NOR"])]


@pytest.mark.parametrize("sentence", [
    "The State Department intends to provide $2 million for flood relief in Bolivia.",
    "The Ministry of Health will send a team of surgeons to Malawi.",
])
def test_a_ministry_named_without_a_country_is_the_releases_own(sentence):
    assert read(sentence, "Fact Sheet: New Partnerships", "dev/whitehouse/x.md") == [("pledge", ["USA"])]


@pytest.mark.parametrize("sentence", [
    "Accordingly, they committed to build a joint research vessel.",
    "Beyond the region, our two nations intend to explore cooperation on polar research.",
    "We note the progress made so far, and we call on all parties to respect the fisheries accord.",
])
def test_openings_and_first_clauses_of_joint_statements(sentence):
    body = f"President Ana Vidal of Chile met President Lars Holm of Norway in Oslo today. {sentence}"
    found = read(body, "Joint Statement of Chile and Norway", "releases/x.html")
    assert found == [("proposal" if "call on" in sentence else "pledge", ["CHL", "NOR"])]


def test_italy_before_a_comma_stays_a_subject():
    body = "Italy, Chile and Norway will open a joint research station in Antarctica."
    assert read(body, path="news/x.txt") == [("pledge", ["CHL", "ITA", "NOR"])]


def test_a_list_intro_of_working_together_governs_its_infinitive_items():
    body = ("President Ana Vidal of Chile met President Lars Holm of Norway in Oslo today.\n\n"
            "The two countries intend to cooperate to:\n- support research on krill;\n- expand training of pilots.")
    assert read(body, path="news/x.txt") == [("pledge", ["CHL", "NOR"]), ("pledge", ["CHL", "NOR"])]


def test_separate_encounters_of_one_minister_keep_their_own_sides():
    body = ("SANTIAGO, 24 September 2024 - Foreign Minister Rosa Pinto of Chile held separate meetings on Monday with "
            "the Foreign Minister of Peru, Elmer Schialer, and the Foreign Minister of Ghana, Ama Owusu.\n"
            "With Minister Schialer, the ministers agreed to reopen the border crossing at Chacalluta.\n"
            "In the meeting with Minister Owusu, Ghana expressed interest in Chilean mining expertise, and the two "
            "ministers agreed to sign a memorandum on political consultations.")
    assert read(body, "Foreign Minister holds meetings with counterparts", "releases/cl.txt") == [
        ("agreement", ["CHL", "GHA"]), ("agreement", ["CHL", "PER"])]


def test_a_speaker_label_in_title_case_opens_a_turn_whose_we_is_the_speakers_country():
    body = ("Secretary Blinken: Thank you. We will keep supporting the security mission in Haiti.\n"
            "Foreign Minister Joly: Thank you. We are ready to host the next meeting of the group.\n"
            "Question (Reuters): Will you send troops?")
    assert read(body, "Joint press availability of Secretary Blinken and Foreign Minister Joly") == [
        ("pledge", ["CAN"]), ("pledge", ["USA"])]


@pytest.mark.parametrize("sentence, expected", [
    ("Chilean President Ana Vidal vowed on Wednesday that Chile would not abandon its station on the island.",
     [("pledge", ["CHL"])]),
    ("The Chilean minister said Chile would not hesitate to defend its fishing fleet.", []),
    ("Norway has allocated 50 million euros to the reconstruction of the power grid in Moldova.", [("pledge", ["NOR"])]),
    ("Prime Minister Ana Vidal said on Tuesday Chile would cover half of the cost of the new bridge to Peru.",
     [("pledge", ["CHL"])]),
])
def test_refusals_and_allocations_in_wire_copy(sentence, expected):
    assert read(sentence, path="news/x.txt") == expected


def test_a_quotation_of_an_organizations_official_is_the_organizations():
    body = ("Nairobi, 12 March 2024 - IAEA Director General Rafael Mariano Grossi met the Foreign Minister of Chile on "
            "Tuesday. Mr Grossi said the Agency would send an expert mission to Chile. \"We will support the "
            "programme at every step,\" he said.")
    assert read(body, "IAEA Director General visits Chile") == [("pledge", []), ("pledge", [])]


def test_a_present_refusal_to_recognise_is_an_opposition():
    body = "The Government of Chile does not recognise the outcome of the disputed vote in the province."
    assert read(body, path="news/x.txt") == [("opposition", ["CHL"])]


def test_title_case_turns_of_a_briefing():
    body = ("**Spokesperson Ms. Ana Ruiz:** Good afternoon. Yesterday the Foreign Minister of Chile spoke by phone "
            "with the Foreign Minister of Peru, and the two ministers agreed to reopen the border crossing.\n\n"
            "**Question (Andes Daily):** There are reports that the joint commission will not take place this year. "
            "Can you confirm?\n\n"
            "**Spokesperson:** Chile remains committed to the commission. We call on all members to share data.")
    found = read(body, "Transcript of the Regular Press Briefing by the Spokesperson")
    assert ("agreement", ["CHL", "PER"]) in found
    assert all("take place" not in c["evidence"] for c in rows(body, "Transcript of the Regular Press Briefing"))


@pytest.mark.parametrize("sentence", [
    "Minister Ana Silva of Chile will pay a courtesy call on the Prime Minister tomorrow before returning to Santiago.",
    "Minister Ana Silva of Chile will continue her Pacific tour to Fiji.",
    "Chile said it would consider opening a consulate in Apia if demand proves sufficient.",
])
def test_schedules_courtesy_calls_and_conditions_are_no_commitments(sentence):
    assert read(sentence, path="news/x.txt") == []


_MET = "Foreign Minister Ama Owusu of Ghana met Foreign Minister Koffi Dossou of Benin in Accra on Monday. "


@pytest.mark.parametrize("sentence", [
    "The two top diplomats agreed to convene the joint commission in Cotonou in the autumn.",
    "The two prime ministers agreed to convene the joint commission in Cotonou in the autumn.",
    "The counterparts agreed to convene the joint commission in Cotonou in the autumn.",
    "The two heads of diplomacy agreed to convene the joint commission in Cotonou in the autumn.",
])
def test_those_who_met_named_by_their_part_are_its_sides(sentence):
    assert read(_MET + sentence, path="news/x.txt") == [("agreement", ["BEN", "GHA"])]


@pytest.mark.parametrize("url, sentence, expected", [
    ("https://www.gov.uk/news/x", "The Foreign Secretary and Minister Owusu of Ghana agreed to launch a joint climate "
     "fund.", [("agreement", ["GBR", "GHA"])]),
    ("https://www.state.gov/x", "The President and King Abdullah II of Jordan agreed to expand the water project.",
     [("agreement", ["JOR", "USA"])]),
    ("https://www.mfa.go.ke/news/x", "The Cabinet Secretary and Minister Owusu of Ghana agreed to open a trade office.",
     [("agreement", ["GHA", "KEN"])]),
    # A named office is its holder's, not the publisher's; a guest's office ("the Ambassador") is nobody's told.
    ("https://www.gov.uk/news/x", "Minister Owusu of Ghana and the Ambassador agreed to open a trade office.",
     [("agreement", ["GHA"])]),
])
def test_a_bare_home_office_in_a_coordinated_subject_is_the_publisher(url, sentence, expected):
    assert _read_url(sentence, url) == expected


@pytest.mark.parametrize("url, sentence, expected", [
    ("https://www.gov.uk/news/x", "The Foreign Office intends to open a consulate in Lagos.", [("pledge", ["GBR"])]),
    ("https://www.state.gov/x", "The State Department intends to provide flood relief to Ghana.", [("pledge", ["USA"])]),
    ("https://www.mfa.go.ke/news/x", "The Trade & Industry Ministry will open an office in Accra.", [("pledge", ["KEN"])]),
    ("https://www.mfa.go.ke/news/x", "The Taliban Ministry of Education will reopen schools.", []),
])
def test_a_body_named_with_no_country_is_the_publishers(url, sentence, expected):
    assert _read_url(sentence, url) == expected


def _read_url(body: str, url: str) -> list[tuple[str, list[str]]]:
    text = body
    article = {"article_id": make_id("art", "releases/x.html", "0"), "source_path": "releases/x.html",
               "record_key": "0", "url": url, "title": None, "published_date": dt.date(2024, 3, 14),
               "published_date_source": "metadata", "text": text}
    return sorted((c["modality"], c["parties"]) for c in build_tables([extract_articles([article])])["commitments"])


_CALL = "Cabinet Secretary Ama Wanjiru held talks with her Ugandan counterpart Jeje Odongo in Nairobi on Monday. "


@pytest.mark.parametrize("sentence, expected", [
    ("The guest pledged to speed up the pipeline works.", [("pledge", ["UGA"])]),
    ("The visiting minister pledged to speed up the pipeline works.", [("pledge", ["UGA"])]),
    ("The host pledged to open a border post at Busia.", [("pledge", ["KEN"])]),
    ("The host and her guest agreed to build a regional power line.", [("agreement", ["KEN", "UGA"])]),
])
def test_a_part_in_the_encounter_is_its_country(sentence, expected):
    assert _read_url(_CALL + sentence, "https://www.mfa.go.ke/news/x") == expected


@pytest.mark.parametrize("title, body, expected", [
    # A joint statement's "we" is those its title names as issuing it, not the sides of a war it tells of.
    ("Chile-Norway Summit Joint Statement",
     "Chile and Norway met in Oslo. Russia's war against Ukraine was discussed at a meeting of Russia and Ukraine in "
     "Minsk. We will continue to provide Ukraine with financing.", [("pledge", ["CHL", "NOR"])]),
    ("Joint Statement by Ghana and Togo on Coastal Erosion",
     "Benin and Nigeria met in Abuja last week. We will build a sea wall at Aflao.", [("pledge", ["GHA", "TGO"])]),
])
def test_the_we_of_a_joint_statement_is_its_issuers(title, body, expected):
    assert read(body, title) == expected


@pytest.mark.parametrize("body, expected", [
    ("Foreign Minister Ama Owusu of Ghana met Foreign Minister Koffi Dossou of Benin in Accra on Monday. The United "
     "States will continue to fund the coastal highway.", [("pledge", ["USA"])]),
    ("Foreign Minister Ama Owusu of Ghana met Foreign Minister Koffi Dossou of Benin in Accra on Monday. The United "
     "Nations will continue to fund the coastal highway.", [("pledge", [])]),
])
def test_a_name_ending_in_a_group_noun_is_no_anaphor(body, expected):
    assert read(body, path="news/x.txt") == expected


@pytest.mark.parametrize("body, expected", [
    ("Foreign Minister Ama Owusu of Ghana spoke by phone with Foreign Minister Koffi Dossou of Benin on Monday. They "
     "reaffirmed the importance of Ghanaian and Beninese cooperation on maritime security.",
     [("support", ["BEN", "GHA"])]),
    ("Foreign Minister Ama Owusu of Ghana spoke by phone with Foreign Minister Koffi Dossou of Benin on Monday. They "
     "committed to deepen Ghana-Benin cooperation on maritime security.", [("pledge", ["BEN", "GHA"])]),
    # A third country named in the object is the other side still ("They will work with Togo").
    ("Foreign Minister Ama Owusu of Ghana spoke by phone with Foreign Minister Koffi Dossou of Benin on Monday. They "
     "will work with Togo to secure the coast.", [("pledge", ["BEN", "GHA"])]),
])
def test_an_object_naming_the_whole_group_is_their_own(body, expected):
    assert read(body, path="news/x.txt") == expected


def test_both_sides_keep_both_whoever_they_work_with():
    body = ("Foreign Minister Ama Owusu of Ghana met Foreign Minister Koffi Dossou of Benin in Accra on Monday. Both "
            "sides decided to consult regularly on energy markets, recognizing the need to work with Benin's port "
            "authority on power trade.")
    assert {tuple(p) for _, p in read(body, path="news/x.txt")} == {("BEN", "GHA")}
