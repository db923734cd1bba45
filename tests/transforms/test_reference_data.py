"""Validation of the versioned reference data in reference/office_holders.csv and people.csv."""

import csv
import datetime
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

REF = Path(__file__).resolve().parents[2] / "reference"

OFFICE_HEADER = ["person", "country", "office", "start_date", "end_date", "source_note"]
PEOPLE_HEADER = ["person", "country", "organization", "name_order", "aliases"]

ALLOWED_OFFICES = {
    "President",
    "Vice President",
    "Prime Minister",
    "Deputy Prime Minister",
    "Chancellor",
    "Monarch",
    "Crown Prince",
    "Premier",
    "Minister of Foreign Affairs",
    "Deputy Minister of Foreign Affairs",
    "Secretary of State",
    "Deputy Secretary of State",
    "National Security Advisor",
    "Minister of Defense",
    "Secretary General",
}
NAME_ORDERS = {"given_first", "family_first", "surname_first_patronymic"}
EXTRA_CODES = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1

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


def _read(name):
    with open(REF / name, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, row)) for row in reader]
    return header, rows


@pytest.fixture(scope="module")
def offices():
    return _read("office_holders.csv")


@pytest.fixture(scope="module")
def people():
    return _read("people.csv")


def _valid_country(code):
    return code in EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


def _date(value):
    return datetime.date.fromisoformat(value)


def test_headers(offices, people):
    assert offices[0] == OFFICE_HEADER
    assert people[0] == PEOPLE_HEADER


def test_rows_have_all_columns(offices, people):
    for header, rows in (offices, people):
        for row in rows:
            assert len(row) == len(header), row


def test_office_countries_are_iso3(offices):
    bad = sorted({r["country"] for r in offices[1] if not _valid_country(r["country"])})
    assert not bad, bad


def test_people_countries_are_iso3_or_org(people):
    for r in people[1]:
        if r["country"]:
            assert _valid_country(r["country"]), r
        else:
            assert r["organization"], f"international official without organization: {r['person']}"


def test_dates_parse_and_are_ordered(offices):
    for r in offices[1]:
        start = _date(r["start_date"])
        if r["end_date"]:
            assert start <= _date(r["end_date"]), r


def test_offices_in_controlled_list(offices):
    bad = sorted({r["office"] for r in offices[1]} - ALLOWED_OFFICES)
    assert not bad, bad


def test_no_duplicate_office_rows(offices):
    keys = [(r["person"], r["country"], r["office"], r["start_date"]) for r in offices[1]]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    assert not dups, dups


def test_office_holders_are_in_people(offices, people):
    known = {r["person"] for r in people[1]}
    missing = sorted({r["person"] for r in offices[1]} - known)
    assert not missing, missing


def test_no_duplicate_people(people):
    names = [r["person"] for r in people[1]]
    dups = sorted({n for n in names if names.count(n) > 1})
    assert not dups, dups


def test_name_order_values(people):
    bad = sorted({r["name_order"] for r in people[1]} - NAME_ORDERS)
    assert not bad, bad


def test_aliases_are_unambiguous(people):
    owners = defaultdict(set)
    for r in people[1]:
        owners[r["person"].casefold()].add(r["person"])
        for alias in filter(None, r["aliases"].split("|")):
            owners[alias.strip().casefold()].add(r["person"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


def test_aliases_are_clean(people):
    for r in people[1]:
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
    for r in people[1]:
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
