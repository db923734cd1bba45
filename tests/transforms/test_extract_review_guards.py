"""Regression tests of a fresh-eyes review: a statement's topic countries are no sides, a foreign or non-state
ministry is not the publisher's, defiance and retaliation are no pledges, an honorific is no pronoun."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import build_tables, extract_articles
from transforms.extract.participants import SINGULAR_ANAPHOR
from transforms.ids import make_id

US = "https://www.state.gov/releases/statement"


def rows(body: str, title: str | None = None, path: str = "news/wire.txt", url: str | None = None):
    text = f"{title}\n\n{body}" if title else body
    article = {"article_id": make_id("art", path, "0"), "source_path": path, "record_key": "0", "url": url,
               "title": title, "published_date": dt.date(2024, 3, 14), "published_date_source": "metadata",
               "text": text}
    return build_tables([extract_articles([article])])["commitments"]


def parties(body: str, **kw) -> list[tuple[str, tuple[str, ...]]]:
    return [(c["modality"], tuple(c["parties"])) for c in rows(body, **kw)]


@pytest.mark.parametrize("title, body, want", [
    ("Statement on Russia's Attack on Ukraine", "The United States condemns the attack.", [("opposition", ("USA",))]),
    ("Statement on the Border Clash between Chad and Sudan", "The United States condemns the violence.",
     [("opposition", ("USA",))]),
    ("Joint Communique between the Republic of Ghana and the Togolese Republic",
     "The Parties agreed to expand trade.", [("agreement", ("GHA", "TGO"))]),
    ("Final Declaration of the Chile-Peru Joint Commission", "The Parties agreed to open two consulates.",
     [("agreement", ("CHL", "PER"))]),
])
def test_only_a_joint_or_encounter_title_gives_sides(title, body, want):
    assert parties(body, title=title, path="releases/x.html", url=US if "United States" in body else None) == want


def test_a_title_of_two_countries_at_odds_makes_no_pledge_of_theirs():
    assert parties("They will not back down, officials said.",
                   title="Ghana and Togo trade threats after the border incident") == []


@pytest.mark.parametrize("body, want", [
    ("The Taliban Ministry of Vice and Virtue will enforce new restrictions on women.", []),
    ("The Hamas-run Health Ministry will publish new casualty figures.", []),
    ("The Ministry of Health will deliver vaccines to Peru by June.", [("pledge", ("USA",))]),
    ("The Foreign Ministry will open a consulate in Lima.", [("pledge", ("USA",))]),
])
def test_a_ministry_without_a_country_is_the_publisher_s_only_by_its_portfolio(body, want):
    assert parties(body, title="Statement on aid", path="releases/us.html", url=US) == want


@pytest.mark.parametrize("body, want", [
    ("The militia said it would not stop its offensive until the capital falls.", []),
    ("The general said his forces would not retreat in the face of the enemy's threats.", []),
    ("Peru said it would not give in to pressure in the fishing dispute.", []),
    ("Chile said it would not abandon its research station on the island.", [("pledge", ("CHL",))]),
    ("The rebel commander promised severe punishment for the attackers of the convoy.", []),
    ("Peru promised retribution after the drone strike on its base.", []),
    ("Japan promised new aid to the flood victims.", [("pledge", ("JPN",))]),
])
def test_defiance_and_retaliation_are_no_pledges(body, want):
    assert parties(body) == want


@pytest.mark.parametrize("subject, anaphor", [
    ("His Majesty the King received the minister", False),
    ("Her Excellency the Ambassador met the delegation", False),
    ("His Royal Highness the Crown Prince hosted a dinner", False),
    ("his visit to Lima", True),
    ("He met the minister", True),
])
def test_an_honorific_is_no_pronoun(subject, anaphor):
    assert bool(SINGULAR_ANAPHOR.match(subject)) is anaphor
