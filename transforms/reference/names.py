"""Schemas of reference/names/: office titles and the words around person names."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from transforms.reference.fields import ISO3, NonEmpty, Pattern, Role, Strict, Words
from transforms.reference.grammar import GrammarFile
from transforms.reference.rules import Rule, RuleFile


class Portfolio(Strict):
    forms: list[NonEmpty]
    extensions: list[NonEmpty] = []


class LocalTitle(Strict):
    """A title in a national language: its normal title and the country it implies, if one."""

    title: NonEmpty
    country: ISO3 | None = None


class Offices(GrammarFile):
    """names/offices.yaml: office titles, ministries and their normal forms."""

    # Read as written, but for the surface forms of titles, portfolios and overrides (compared without case).
    case_sensitive = frozenset({"abbreviations", "abbreviation_countries", "local_titles", "modifiers",
                                "deputy_prefixes", "secretary_deputy_prefixes", "article_countries", "body_words",
                                "body_heads"})

    titles: dict[NonEmpty, list[NonEmpty]]
    abbreviations: dict[NonEmpty, NonEmpty]
    abbreviation_countries: dict[NonEmpty, ISO3]
    local_titles: dict[NonEmpty, LocalTitle]
    country_overrides: dict[ISO3, dict[NonEmpty, NonEmpty]]
    deputy_prefixes: dict[NonEmpty, NonEmpty]
    secretary_deputy_prefixes: dict[NonEmpty, NonEmpty]
    generic_titles: list[NonEmpty]
    ministry_templates: dict[Literal["minister", "secretary", "state_minister"], list[NonEmpty]]
    modifiers: list[NonEmpty]
    portfolio_titles: list[NonEmpty]
    portfolios: dict[NonEmpty, Portfolio]
    article_countries: list[NonEmpty]
    body_words: list[NonEmpty]
    body_heads: list[NonEmpty]


class NameParticles(GrammarFile):
    """names/name_particles.yaml: honorifics, particles, suffixes and stop words around names."""

    case_sensitive = frozenset({"honorifics", "weak_honorifics", "keep_with_name", "generational_suffixes",
                                "regnal_numbers", "postnominals", "particles", "hyphen_particles",
                                "apostrophe_particles", "patronymic_endings", "patronymic_words", "father_connectors",
                                "inner_honorifics", "family_first_surnames", "stop_tokens", "calendar_given_names",
                                "initial_digraphs", "common_surnames"})
    # Parts of a word, not words: an ending ("Petrovich"), a prefix glued by a hyphen or an apostrophe ("al-Sudani").
    templates = {"patronymic_endings": r"\B(?:{})\b", "hyphen_particles": r"\b(?:{})-(?=[A-Z])",
                 "apostrophe_particles": r"\b(?:{})['’](?=[A-Z])"}

    honorifics: list[NonEmpty]
    weak_honorifics: list[NonEmpty]
    keep_with_name: list[NonEmpty]
    generational_suffixes: list[NonEmpty]
    regnal_numbers: list[NonEmpty]
    postnominals: list[NonEmpty]
    particles: list[NonEmpty]
    hyphen_particles: list[NonEmpty]
    apostrophe_particles: list[NonEmpty]
    patronymic_endings: list[NonEmpty]
    patronymic_words: list[NonEmpty]
    father_connectors: list[NonEmpty]
    inner_honorifics: list[NonEmpty]
    family_first_surnames: dict[NonEmpty, list[NonEmpty]]
    stop_tokens: list[NonEmpty]
    calendar_given_names: list[NonEmpty]
    initial_digraphs: list[NonEmpty]
    common_surnames: list[NonEmpty]


class TitledPerson(Strict):
    """A person an example sentence names: the name as canonicalised, and the title and country
    read for them when the example gives them."""

    name: NonEmpty
    title: NonEmpty | None = None
    country: ISO3 | None = None


class TitleExample(Strict):
    text: NonEmpty
    people: list[TitledPerson]


class Titles(GrammarFile):
    """names/titles.yaml: the words open-world office titles are built of, with examples."""

    own_evidence = frozenset({"examples", "not_"})
    # Words compared as written (transforms.names.titled); lowercase_heads are the lower-case forms.
    case_sensitive = frozenset({"heads", "lowercase_heads", "modifiers", "title_words", "inner_words", "connectors"})

    heads: Words
    lowercase_heads: Words
    modifiers: Words
    title_words: Words
    inner_words: Words
    connectors: Words
    examples: list[TitleExample]
    not_: list[NonEmpty] = Field(alias="not")

    @model_validator(mode="after")
    def _examples_name_people(self):
        for example in self.examples:
            for person in example.people:
                last = person.name.split()[-1]
                if last not in example.text:
                    raise ValueError(f"example {example.text!r} does not hold the name {person.name!r}")
        return self


class ParticipationExample(Strict):
    """A sentence a participation cue must read (after the file's lead sentence), and the people it adds."""

    text: NonEmpty
    people: list[NonEmpty]


class ParticipationCue(Rule):
    """One participation cue: its people take part in the event told in or before its sentence."""

    pattern: Pattern
    scope: Literal["after", "before"]
    role: Role = "participant"
    joins: Literal["told", "own"] = "told"
    shares_country: bool = False
    examples: list[ParticipationExample] = []


class NameExample(Strict):
    """A sentence or line, and the person a rule must read in it."""

    text: NonEmpty
    name: NonEmpty


class NameRule(Strict):
    """A named pattern about one person, with the lines it must read (`examples`) and leave (`not`)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    pattern: Pattern
    examples: list[NameExample]
    not_: list[NonEmpty] = Field(default=[], alias="not")


class SpeakerLabel(NameRule):
    """A speaker label of transcripts: a line-start pattern whose group `name` holds who speaks."""

    @model_validator(mode="after")
    def _reads_its_examples(self):
        regex = re.compile(self.pattern, re.MULTILINE)
        if "name" not in regex.groupindex:
            raise ValueError(f"speaker label {self.name}: the pattern needs a group (?P<name>...)")
        for example in self.examples:
            if regex.match(example.text) is None:
                raise ValueError(f"speaker label {self.name} does not read its example {example.text!r}")
        return self


class Reporter(NameRule):
    """Words right before a person (and their title) that make them the reporter of an event, not a party."""


class Participation(RuleFile):
    """names/participation.yaml."""

    rules_field = "cues"
    own_evidence = frozenset({"lead", "cues", "reporters", "mentioned", "speaker_labels"})

    lead: NonEmpty
    cues: list[ParticipationCue]
    reporters: list[Reporter]
    mentioned: list[Reporter]  # people only mentioned in an event's sentence: no participants
    speaker_labels: list[SpeakerLabel]
    possessive_party: Pattern  # after a country's possessive: its institution or office holder, who act for it
