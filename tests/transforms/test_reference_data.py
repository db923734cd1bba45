"""Consistency of the gazetteer data in reference/gazetteers/ (office_holders.csv, people.csv).

Each row's columns, codes and vocabularies are checked by the strict loader
(transforms.reference); these tests check what holds across rows and files.
"""

import datetime
import re
from collections import defaultdict

import pytest

from transforms.reference import rows

# Titles that must never appear anywhere in an alias.
TITLE_ANYWHERE = re.compile(
    r"(?<![\w.])(President|Minister|Premier|Chancellor|Secretary|Majesty|Highness|Excellency"
    r"|Mr\.|Mrs\.|Ms\.|Dr\.|H\.E\.)(?![\w])",
    re.IGNORECASE,
)
# Honorifics that must not start an alias (unless the canonical name itself starts with it,
# e.g. "Sheikh Hasina", where "Sheikh" is part of the name).
LEADING_HONORIFICS = {
    "king", "queen", "prince", "princess", "emperor", "sultan", "emir", "sheikh", "sheikha",
    "pope", "ayatollah", "sir", "dame", "lord", "his", "her", "cardinal", "general", "ambassador",
}


@pytest.fixture(scope="module")
def offices():
    return [r.model_dump() for r in rows("gazetteers/office_holders.csv")]


@pytest.fixture(scope="module")
def people():
    return [r.model_dump() for r in rows("gazetteers/people.csv")]


def _date(value):
    return datetime.date.fromisoformat(value)


def test_people_without_country_have_an_organization(people):
    for r in people:
        if not r["country"]:
            assert r["organization"], f"international official without organization: {r['person']}"


def test_dates_are_given_and_ordered(offices):
    for r in offices:
        start = _date(r["start_date"])
        if r["end_date"]:
            assert start <= _date(r["end_date"]), r


def test_no_duplicate_office_rows(offices):
    keys = [(r["person"], r["country"], r["office"], r["start_date"]) for r in offices]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    assert not dups, dups


def test_office_holders_are_in_people(offices, people):
    known = {r["person"] for r in people}
    missing = sorted({r["person"] for r in offices} - known)
    assert not missing, missing


def test_no_duplicate_people(people):
    names = [r["person"] for r in people]
    dups = sorted({n for n in names if names.count(n) > 1})
    assert not dups, dups


def test_aliases_are_unambiguous(people):
    owners = defaultdict(set)
    for r in people:
        owners[r["person"].casefold()].add(r["person"])
        for alias in filter(None, r["aliases"].split("|")):
            owners[alias.strip().casefold()].add(r["person"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


def test_aliases_are_clean(people):
    for r in people:
        canonical_first = r["person"].split()[0].casefold()
        for alias in r["aliases"].split("|"):
            if not alias:
                continue
            assert alias == alias.strip(), (r["person"], alias)
            assert not TITLE_ANYWHERE.search(alias), (r["person"], alias)
            first = alias.split()[0].casefold()
            if first in LEADING_HONORIFICS:
                assert first == canonical_first, (r["person"], alias)


def test_seed_article_names_resolve(people):
    """Names exactly as written in the China-Central Asia seed article must be known."""
    lookup = {}
    for r in people:
        lookup[r["person"].casefold()] = r["person"]
        for alias in filter(None, r["aliases"].split("|")):
            lookup[alias.casefold()] = r["person"]
    for name in [
        "Qin Gang",
        "Murat Nurtleu",
        "Kulubaev Zheenbek Moldokanovich",
        "Sirojiddin Muhriddin",
        "Saidov Bakhtiyor Odilovich",
        "Vepa Hajiyev",
        "Xi Jinping",
        "Kassym-Jomart Tokayev",
        "Emomali Rahmon",
        "Serdar Berdimuhamedov",
        "Volodymyr Zelenskyy",
    ]:
        assert name.casefold() in lookup, name
