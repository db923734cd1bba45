"""Name normalisation for eventline: countries, offices, people and organisations.

Public API (pure functions, no network; rules live in reference/*.yaml and the gazetteer
CSVs, loaded once and cached):

    country_code(text)            -> ISO3 | None
    find_countries(text)          -> [CountryMention]
    normalize_office(text)        -> Office | None
    canonical_person(text, country=None)  -> str
    find_people(text, on_date=None)       -> [PersonMention]
    office_holder(country, office, on_date) -> str | None
    PersonResolver().resolve(mention)     -> PersonMention      (within-article coreference, forward)
    resolve_people(mentions)      -> [PersonMention]  (forward, then title surnames backward)
    find_organizations(text)      -> [OrgMention]
    organization_name(text)       -> str | None
    person_key(name)              -> str

Gazetteer: reference/gazetteers/people.csv and office_holders.csv. Every gazetteer-dependent
function takes an optional keyword ``gazetteer=`` (a ``Gazetteer``, e.g.
``Gazetteer.from_text(people_csv, holders_csv)``) so callers and tests can use their own data; ``reload_reference()`` drops all caches after the files change.

Parts: ``geo`` (countries, organisations), ``office`` (office titles), ``people`` (name
cleaning, keys, canonical names), ``gazetteer`` (people and office holders), ``scan``
(person mentions), ``coref`` (within-article coreference), ``text`` (folding, spelling
variants), ``types`` (result types). Decisions worth knowing are in
CONVENTIONS.md beside this file.
"""

from __future__ import annotations

from datetime import date

from transforms.names import geo as _geo
from transforms.names import coref as _coref
from transforms.names import gazetteer as _gazetteer
from transforms.names import office as _office
from transforms.names import people as _people
from transforms.names import scan as _scan
from transforms.names.gazetteer import Gazetteer, OfficeTerm, PersonRecord
from transforms.names.types import CountryMention, Office, OrgMention, PersonMention

__all__ = [
    "CountryMention",
    "Gazetteer",
    "Office",
    "OfficeTerm",
    "OrgMention",
    "PersonMention",
    "PersonRecord",
    "PersonResolver",
    "canonical_person",
    "country_code",
    "default_gazetteer",
    "find_countries",
    "find_organizations",
    "find_people",
    "normalize_office",
    "office_holder",
    "organization_name",
    "person_key",
    "reload_reference",
    "resolve_people",
]

PersonResolver = _coref.PersonResolver


def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a country name, abbreviation or demonym; None otherwise."""
    return _geo.country_code(text)


def find_countries(text: str) -> list[CountryMention]:
    """All country mentions in text, left to right (regions/organisations masked)."""
    return _geo.find_countries(text)


def find_organizations(text: str) -> list[OrgMention]:
    """All international-organisation mentions in text, with canonical names."""
    return _geo.find_organizations(text)


def organization_name(text: str) -> str | None:
    """Canonical organisation name for a name or abbreviation ("SCO"), None when unknown."""
    return _geo.organization_name(text)


def normalize_office(text: str) -> Office | None:
    """Normalised office title (compound parts joined by " and ") and its country/organisation."""
    return _office.normalize_office(text)


def canonical_person(text: str, country: str | None = None, *, gazetteer: Gazetteer | None = None) -> str:
    """Canonical person name: titles/honorifics/suffixes off, given name first, gazetteer spelling."""
    if not isinstance(text, str) or not text.strip():
        return ""
    return _people.canonical_cached(text, country, gazetteer or _gazetteer.default_gazetteer())


def person_key(name: str) -> str:
    """Normalised id key for a person name (ASCII-folded, casefolded, no dots, single spaces)."""
    return _people.person_key(name)


def find_people(text: str, on_date: date | None = None, *, gazetteer: Gazetteer | None = None,
                anaphora: bool = False) -> list[PersonMention]:
    """Person mentions: office+name, honorific+name, gazetteer aliases, appositions, surnames.

    With on_date, a definite office phrase without a name ("the Chinese Foreign Minister")
    becomes its holder on that date (name_as_written is the office phrase). anaphora=True
    also returns unresolved ones ("the Secretary") with name "" for PersonResolver.
    """
    return _scan.find_people(text, on_date, gazetteer=gazetteer, anaphora=anaphora)


def office_holder(country: str, office: str, on_date: date, *, gazetteer: Gazetteer | None = None) -> str | None:
    """Who held the office (any spelling; ISO3 or country name) on on_date, per the gazetteer."""
    return (gazetteer or _gazetteer.default_gazetteer()).holder(country, office, on_date)


def resolve_people(mentions: list[PersonMention], *, gazetteer: Gazetteer | None = None) -> list[PersonMention]:
    """Coreference over one article's mentions (in order): forward, then title surnames backward."""
    return _coref.resolve_people(mentions, gazetteer)


def default_gazetteer() -> Gazetteer:
    """The gazetteer loaded from reference/gazetteers/people.csv and office_holders.csv."""
    return _gazetteer.default_gazetteer()


def reload_reference() -> None:
    """Drop every cached table (call after reference/ files change)."""
    for cached in (
        _geo.country_tables,
        _geo.org_tables,
        _geo.cached_geo,
        _office.office_tables,
        _people.particles,
        _gazetteer.default_gazetteer,
        _people.clean_name,
        _people._person_key,
        _gazetteer._normalise_office_value,
        _people.canonical_cached,
        _scan._name_rx,
        _scan._alias_rx,
    ):
        cached.cache_clear()
