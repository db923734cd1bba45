"""Undertakings told in other house styles: a goal told as a noun ("Our goal is to ..."), an intention announced,
a promise coordinated after another stance, a quotation that ends before its attribution, a cooperation in response
to a threat (one party's answer to hostility stays a threat).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import pytest

from tests.transforms.test_extract_commitment_parties import _read_url, rows

_KE = "https://www.mfa.go.ke/news/x"


def read(body: str, path: str = "news/x.txt") -> list[tuple[str, list[str], str]]:
    return sorted((c["modality"], c["parties"], c["action"]) for c in rows(body, path=path))


@pytest.mark.parametrize("body, expected", [
    ("\"Our goal is to double exports to Ghana by 2030,\" the Kenyan foreign minister said.",
     [("pledge", ["KEN"], "double")]),
    ("The Chilean minister said Chile's main aim was to conclude the trade agreement with Peru this year.",
     [("pledge", ["CHL"], "conclude")]),
    ("Peru's priority will be to reopen the consulate in Arica.", [("pledge", ["PER"], "reopen")]),
])
def test_a_goal_told_as_a_noun_is_its_owners_pledge(body, expected):
    assert read(body) == expected


@pytest.mark.parametrize("body", [
    "The programme's goal is to train young diplomats from Chile and Peru.",
    "Chile said the aim of the fund was to help Peru.",
])
def test_a_goal_of_a_thing_is_no_pledge(body):
    assert read(body) == []


@pytest.mark.parametrize("body, expected", [
    ("Chile announced its intention to open an embassy in Nairobi.", [("pledge", ["CHL"], "open")]),
    ("Norway indicated its readiness to host the next round of talks.", [("pledge", ["NOR"], "host")]),
])
def test_an_intention_announced_is_a_pledge(body, expected):
    assert read(body) == expected


def test_a_promise_after_another_stance_is_a_pledge_of_its_own():
    body = ("Cabinet Secretary Ama Wanjiru met Foreign Minister Jan Berg of Sweden in Nairobi. The Cabinet Secretary "
            "welcomed the proposal and promised that Kenya would facilitate Swedish investors.")
    assert _read_url(body, _KE) == [("pledge", ["KEN"]), ("support", ["KEN"])]


@pytest.mark.parametrize("body", [
    "\"We will open a trade office in Lima next year,\" the Chilean minister said.",
    "“We will open a trade office in Lima next year,” the Chilean minister said on Monday.",
])
def test_a_quotation_ends_the_undertaking(body):
    assert [c["description"] for c in rows(body, path="news/x.txt")] == ["open a trade office in Lima next year"]


@pytest.mark.parametrize("body, expected", [
    ("Kenya and Uganda agreed to strengthen border patrols in response to threats from armed groups.",
     [("agreement", ["KEN", "UGA"], "strengthen")]),
    ("Kenya vowed to expand its missile tests in response to the drills.", []),
    ("Chile pledged to increase humanitarian aid in response to the floods in Peru.", [("pledge", ["CHL"], "increase")]),
])
def test_a_joint_answer_to_a_threat_is_a_cooperation(body, expected):
    assert read(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Kenya and Ethiopia have agreed a new framework for border trade, officials said.", [("agreement", ["ETH", "KEN"])]),
    ("Chile and Peru agreed the talks were useful.", []),
])
def test_agreed_with_a_direct_object(body, expected):
    assert [(m, p) for m, p, _ in read(body)] == expected


def test_a_body_of_the_publisher_and_a_goal_in_one_release():
    found = _read_url("The Foreign Office intends to open a consulate in Lagos.", "https://www.gov.uk/news/x")
    assert found == [("pledge", ["GBR"])]
    assert _read_url("Our goal is to double trade with Ghana by 2030.", _KE) == [("pledge", ["KEN"])]


@pytest.mark.parametrize("body, expected", [
    ("Chile and Peru pledge to fight organized crime and its new methods.", [("pledge", ["CHL", "PER"], "fight")]),
    ("Chile and Peru will prosecute human smugglers on both sides of the border.",
     [("pledge", ["CHL", "PER"], "prosecute")]),
    ("Kenya vowed to fight the invaders until the last village is free.", []),
    ("Chile will target rebel positions near the border.", []),
])
def test_a_hostile_verb_against_a_scourge_is_a_cooperation(body, expected):
    assert read(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("We emphasize that our basic positions on Bolivia remain unchanged, and reiterate the importance of maintaining "
     "peace in the region.", [("support", ["CHL", "PER"], "reiterate")]),
    ("Chile and Peru note that the border with Bolivia stays open, and underline the importance of free transit.",
     [("support", ["CHL", "PER"], "underline")]),
])
def test_a_stance_coordinated_after_a_that_clause_is_the_speakers(body, expected):
    found = sorted((c["modality"], c["parties"], c["action"]) for c in rows(body, "Joint Statement of Chile and Peru"))
    assert found == expected


def test_a_pledge_to_stand_together_opens_a_list_of_undertakings():
    body = ("The United States and Mexico pledge to stand together to:\n\n- Protect our people by investing in public "
            "health.\n- Prevent transborder crime by securing ports.")
    found = sorted((c["modality"], c["parties"], c["action"]) for c in rows(body, "Joint Statement of Chile and Peru"))
    assert found == [("pledge", ["MEX", "USA"], "prevent"), ("pledge", ["MEX", "USA"], "protect")]


_MET = "Foreign Minister Ama Owusu of Ghana met Foreign Minister Koffi Dossou of Benin in Accra on Monday. "


@pytest.mark.parametrize("body", [
    "An agreement was reached to hold consultations on maritime affairs.",
    "It was agreed to hold consultations on maritime affairs.",
    "The two ministers concurred to hold consultations on maritime affairs.",
])
def test_an_agreement_told_impersonally_or_concurred_is_the_sides(body):
    assert [(m, p) for m, p, _ in read(_MET + body)] == [("agreement", ["BEN", "GHA"])]


@pytest.mark.parametrize("body, expected", [
    ("Chile demanded the immediate withdrawal of foreign troops from the border zone.", [("proposal", ["CHL"], "demand")]),
    ("Ghana and Togo insisted on an independent investigation into the killings.",
     [("proposal", ["GHA", "TGO"], "demand")]),
    ("Chile demanded an explanation from the Peruvian ambassador.", []),
    # One party endorsing a candidacy or a bid takes a position (support), as "will back X's bid" does.
    ("Brazil endorsed Colombia's bid to host the climate summit.", [("support", ["BRA"], "endorse")]),
])
def test_a_demand_proposes_and_an_endorsed_bid_is_supported(body, expected):
    assert read(body) == expected


@pytest.mark.parametrize("body, action", [
    ("Kenya's president urged Sudan's factions to lay down their arms.", "lay"),
    ("Chile will lay the foundation stone of the new port in May.", "lay"),
    ("Chile pledged to strengthen its coast guard.", "strengthen"),
])
def test_a_verb_in_its_base_form_keeps_it(body, action):
    assert [a for _, _, a in read(body)] == [action]
