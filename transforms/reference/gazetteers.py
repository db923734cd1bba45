"""Schemas of reference/gazetteers/: countries, organisations, regions, places, people, office holders, publishers."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from transforms.reference.fields import ISO3, ISO3OrEmpty, IsoDateOrEmpty, NonEmpty, Pattern, Strict
from transforms.reference.grammar import GrammarFile

# The controlled office list of office_holders.csv (reference/README.md says what each covers).
GAZETTEER_OFFICES = (
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Chancellor", "Monarch",
    "Crown Prince", "Premier", "Minister of Foreign Affairs", "Deputy Minister of Foreign Affairs",
    "Secretary of State", "Deputy Secretary of State", "National Security Advisor", "Minister of Defense",
    "Secretary General",
)
NAME_ORDERS = ("given_first", "family_first", "surname_first_patronymic")


class Country(Strict):
    names: list[NonEmpty] = []
    demonyms: list[NonEmpty] = []
    abbreviations: list[NonEmpty] = []


class Countries(GrammarFile):
    """gazetteers/countries.yaml: names, demonyms and abbreviations pycountry lacks."""

    # The gazetteer itself and the lookalike groups (codes, no words: tests/transforms/test_parties.py reads them).
    own_evidence = frozenset({"countries", "lookalikes"})
    case_sensitive = frozenset({"combining_forms", "scan_exclude", "iso2_exclude"})
    templates = {"combining_forms": r"(?:{})(?=[-–][^\S\n]?\w)"}  # a prefix before a dash: "Sino-Japanese"

    countries: dict[ISO3, Country]
    combining_forms: dict[NonEmpty, ISO3]
    scan_exclude: list[NonEmpty]
    iso2_exclude: list[NonEmpty]
    drop_names: list[NonEmpty]
    regions: list[NonEmpty]
    lookalikes: list[list[ISO3]] = []  # countries whose words writers use for each other (COG and COD)


class Organization(Strict):
    names: list[NonEmpty]
    abbreviations: list[NonEmpty] = []
    parent: str | None = None


class Organizations(Strict):
    """gazetteers/organizations.yaml: international organisations by canonical name."""

    organizations: dict[NonEmpty, Organization]

    @model_validator(mode="after")
    def _parents_known(self):
        for name, org in self.organizations.items():
            if org.parent is not None and org.parent not in self.organizations:
                raise ValueError(f"{name!r}: parent {org.parent!r} is not an organisation of this file")
        return self


class Region(Strict):
    name: NonEmpty
    phrases: list[NonEmpty]
    members: list[ISO3]


class Regions(Strict):
    """gazetteers/regions.yaml: regions and standing groups named as a whole."""

    regions: list[Region]


class IssuerExample(Strict):
    """A release of `issuer`'s examples: its title and first sentence, and the issuer read from them."""

    title: NonEmpty
    text: NonEmpty
    issuer: ISO3 | None = None


class Issuer(GrammarFile):
    """gazetteers/publishers.yaml `issuer`: how a release's own government is read from its title, lead and dateline."""

    own_evidence = frozenset({"examples", "not_"})
    case_sensitive = frozenset({"wire", "home_offices", "home_executive"})
    whole_lines = frozenset({"speaks_now"})  # matched against the issuer verb read
    templates = {"home_offices": r"\b(?:{})\b", "home_executive": r"(?:{})\b"}  # whole words

    verbs: Pattern
    speaks_now: Pattern
    joint: Pattern
    wire: Pattern
    visit_of: Pattern
    home_offices: Pattern
    home_executive: Pattern
    guest_offices: Pattern
    opening: Pattern
    examples: list[IssuerExample]
    not_: list[IssuerExample] = Field(alias="not")


class Publishers(GrammarFile):
    """gazetteers/publishers.yaml: the country of a release's publisher, by URL host or source folder."""

    own_evidence = frozenset({"hosts", "issuer"})
    pattern_lists = frozenset({"folders"})  # its keys are patterns of a folder name
    # A government host of a country-code domain: a label, then the country's two letters ("mfa.go.ke").
    templates = {"government_labels": r"\b(?:{})\.(?:[a-z]{2,4}\.)?(?P<cc>[a-z]{2})\b(?![.-]\w)"}

    hosts: dict[NonEmpty, ISO3]
    folders: dict[Pattern, ISO3]
    government_labels: list[NonEmpty]
    institution_line: Pattern
    issuer: Issuer


class Place(Strict):
    place: NonEmpty
    country: ISO3
    aliases: str
    capital: Literal["yes", ""]  # the seat of its government: "Beijing and Washington agreed" names the governments


class Person(Strict):
    person: NonEmpty
    country: ISO3OrEmpty
    organization: str
    name_order: Literal[NAME_ORDERS]
    aliases: str


class OfficeHolder(Strict):
    person: NonEmpty
    country: ISO3
    office: Literal[GAZETTEER_OFFICES]
    start_date: IsoDateOrEmpty
    end_date: IsoDateOrEmpty
    source_note: str

    @field_validator("person", "source_note")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if re.search(r"[\r\n]", value):
            raise ValueError("a value spans lines")
        return value
