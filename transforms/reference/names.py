"""Schemas of reference/names/: office titles and the words around person names."""

from __future__ import annotations

from typing import Literal

from transforms.reference.fields import ISO3, NonEmpty, Strict


class Portfolio(Strict):
    forms: list[NonEmpty]
    extensions: list[NonEmpty] = []


class Offices(Strict):
    """names/offices.yaml: office titles, ministries and their normal forms."""

    titles: dict[NonEmpty, list[NonEmpty]]
    abbreviations: dict[NonEmpty, NonEmpty]
    abbreviation_countries: dict[NonEmpty, ISO3]
    country_overrides: dict[ISO3, dict[NonEmpty, NonEmpty]]
    deputy_prefixes: dict[NonEmpty, NonEmpty]
    secretary_deputy_prefixes: dict[NonEmpty, NonEmpty]
    generic_titles: list[NonEmpty]
    ministry_templates: dict[Literal["minister", "secretary", "state_minister"], list[NonEmpty]]
    modifiers: list[NonEmpty]
    portfolio_titles: list[NonEmpty]
    portfolios: dict[NonEmpty, Portfolio]


class NameParticles(Strict):
    """names/name_particles.yaml: honorifics, particles, suffixes and stop words around names."""

    honorifics: list[NonEmpty]
    weak_honorifics: list[NonEmpty]
    keep_with_name: list[NonEmpty]
    generational_suffixes: list[NonEmpty]
    regnal_numbers: list[NonEmpty]
    postnominals: list[NonEmpty]
    particles: list[NonEmpty]
    hyphen_particles: list[NonEmpty]
    patronymic_endings: list[NonEmpty]
    patronymic_words: list[NonEmpty]
    family_first_surnames: dict[NonEmpty, list[NonEmpty]]
    stop_tokens: list[NonEmpty]
    common_surnames: list[NonEmpty]
