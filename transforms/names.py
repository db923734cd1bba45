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

Gazetteer: reference/people.csv and reference/office_holders.csv (absent files are empty
tables). Every gazetteer-dependent function takes an optional keyword ``gazetteer=`` (a
``Gazetteer``, e.g. ``Gazetteer.from_text(people_csv, holders_csv)``) so callers and tests
can use their own data; ``reload_reference()`` drops all caches after the files change.

Decisions worth knowing (details in the YAML headers):
  * Abbreviations are case-sensitive ("US" yes, "us" no); names and demonyms are not, but in
    running text a country word must start with a capital ("turkey", "china" are not).
  * Korea -> KOR, Congo/Congolese -> COG, America/American -> USA, England/Scotland/Wales ->
    GBR, Kosovo -> XKX, Hong Kong -> HKG, Macau -> MAC, Taiwan -> TWN, "English" -> None.
    Regions (Central Asia, South China Sea, Korean Peninsula, Latin America ...) and
    organisations are None and masked in text, also with a one-letter typo ("Centra Asia",
    "Korean Peninsual"). country_code also reads statistical-table forms ("Korea, Rep.",
    "Congo (DRC)") and falls back to a same-initial fuzzy match for misspellings.
  * Honorifics (Mr, Dr, H.E., Sheikh, Prince, Dato' Seri, ...) are removed unless the
    gazetteer knows the longer form ("Amir Khan Muttaqi") or the name is in keep_with_name
    ("Sheikh Hasina"). Regnal numbers stay ("Charles III"); Jr./Sr./III go.
  * Unknown names keep their middle initials; they are dropped only when the gazetteer's
    canonical form lacks them. Family-name-first names are never reordered; patronymic
    (post-Soviet) forms are ("Kulubaev Zheenbek Moldokanovich" -> "Zheenbek Kulubaev").
  * "Secretary Blinken" -> title "Secretary" unless the gazetteer says which Secretary;
    "PM Lee" -> the Lee who held that office (on the date; without one, the latest).
  * find_people detects and canonicalises (gazetteer); coreference ("Blinken", "PM Lee", "the
    Secretary") is PersonResolver's job (forward only) or resolve_people(mentions)'s, which
    also resolves a surname-only mention nothing before it explains (the title, "President
    Holm to Visit ...") to the one compatible person of that surname after it. Office and
    PersonMention carry an extra defaulted ``organization`` field ("UN Secretary-General").
  * A line break ends every office phrase, name and "of <Country>": titles are the first
    paragraph and have no final period ("... to Mexico\n\nMinister ... Joly" is not Mexican).
  * "X and Y of Country" is one person holding both offices ("Deputy Prime Minister and
    Minister of Foreign Affairs"); if the gazetteer has different holders for the parts
    ("Prime Minister and President of France") no holder is picked.
  * Only "of X" gives an office its country. "to X" (a posting) and, for envoys, "for X" (a
    brief) belong to the phrase without one: "U.S. Special Envoy for Yemen" -> USA,
    "Special Representative for the DPRK" -> None (offices.yaml portfolio_titles).
"""

from __future__ import annotations

from datetime import date

from transforms import _names_geo, _names_office, _names_people, _names_scan
from transforms._names_people import Gazetteer, OfficeTerm, PersonRecord
from transforms._names_types import CountryMention, Office, OrgMention, PersonMention

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

PersonResolver = _names_scan.PersonResolver


def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a country name, abbreviation or demonym; None otherwise."""
    return _names_geo.country_code(text)


def find_countries(text: str) -> list[CountryMention]:
    """All country mentions in text, left to right (regions/organisations masked)."""
    return _names_geo.find_countries(text)


def find_organizations(text: str) -> list[OrgMention]:
    """All international-organisation mentions in text, with canonical names."""
    return _names_geo.find_organizations(text)


def organization_name(text: str) -> str | None:
    """Canonical organisation name for a name or abbreviation ("SCO"), None when unknown."""
    return _names_geo.organization_name(text)


def normalize_office(text: str) -> Office | None:
    """Normalised office title (compound parts joined by " and ") and its country/organisation."""
    return _names_office.normalize_office(text)


def canonical_person(text: str, country: str | None = None, *, gazetteer: Gazetteer | None = None) -> str:
    """Canonical person name: titles/honorifics/suffixes off, given name first, gazetteer spelling."""
    if not isinstance(text, str) or not text.strip():
        return ""
    return _names_people.canonical_cached(text, country, gazetteer or _names_people.default_gazetteer())


def person_key(name: str) -> str:
    """Normalised id key for a person name (ASCII-folded, casefolded, no dots, single spaces)."""
    return _names_people.person_key(name)


def find_people(text: str, on_date: date | None = None, *, gazetteer: Gazetteer | None = None,
                anaphora: bool = False) -> list[PersonMention]:
    """Person mentions: office+name, honorific+name, gazetteer aliases, appositions, surnames.

    With on_date, a definite office phrase without a name ("the Chinese Foreign Minister")
    becomes its holder on that date (name_as_written is the office phrase). anaphora=True
    also returns unresolved ones ("the Secretary") with name "" for PersonResolver.
    """
    return _names_scan.find_people(text, on_date, gazetteer=gazetteer, anaphora=anaphora)


def office_holder(country: str, office: str, on_date: date, *, gazetteer: Gazetteer | None = None) -> str | None:
    """Who held the office (any spelling; ISO3 or country name) on on_date, per the gazetteer."""
    return (gazetteer or _names_people.default_gazetteer()).holder(country, office, on_date)


def resolve_people(mentions: list[PersonMention], *, gazetteer: Gazetteer | None = None) -> list[PersonMention]:
    """Coreference over one article's mentions (in order): forward, then title surnames backward."""
    return _names_scan.resolve_people(mentions, gazetteer)


def default_gazetteer() -> Gazetteer:
    """The gazetteer loaded from reference/people.csv and reference/office_holders.csv."""
    return _names_people.default_gazetteer()


def reload_reference() -> None:
    """Drop every cached table (call after reference/ files change)."""
    for cached in (
        _names_geo.country_tables,
        _names_geo.org_tables,
        _names_geo.cached_geo,
        _names_office.office_tables,
        _names_people.particles,
        _names_people.default_gazetteer,
        _names_people.clean_name,
        _names_people._person_key,
        _names_people._normalise_office_value,
        _names_people.canonical_cached,
        _names_scan._name_rx,
        _names_scan._alias_rx,
    ):
        cached.cache_clear()
