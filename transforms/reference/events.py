"""Schemas of reference/events/: body triggers with the words around them, and the headline grammar."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import model_validator

from schemas import vocab
from transforms.reference.fields import ISO3, EventType, NonEmpty, Pattern, Role, Strict
from transforms.reference.rules import Rule, RuleFile


class EventExample(Strict):
    """A sentence a trigger must read, and what it must read in it (the event's type by default
    the trigger's own; countries and status when given)."""

    text: NonEmpty
    type: EventType | None = None
    countries: list[ISO3] | None = None
    status: Literal[vocab.EVENT_STATUSES] | None = None


class Trigger(Rule):
    """One body trigger: a pattern that tells an event of `type`, and how its participants are read."""

    type: EventType
    pattern: Pattern
    subject_role: Role = "participant"
    object_role: Role = "participant"
    needs_object: bool = False
    headline: bool = True  # also tried on a title
    frame_parties: bool = False  # told without its parties, it has those of the article's own event
    two_sides: bool = False  # needs two parties (people or countries): "A and B spoke about X", not "A spoke about X"
    in_person: bool = False  # told in a call's setting (remote_setting), its event is the call
    needs_subject: bool = False  # a person or country before the trigger ("The minister was in Lima on a visit")
    joint: bool = False  # a joint act: two parties in the subject ("A and B announced"), not "A announced aid to B"
    needs_occasion: bool = False  # a noun told without a verb: an event only when its sentence places or sets it
    examples: list[EventExample] = []


class Triggers(RuleFile):
    """events/triggers.yaml."""

    rules_field = "triggers"
    own_evidence = frozenset({"triggers"})
    case_sensitive = frozenset({"name_heads", "name_ordinals"})  # inside the name pattern, capitalised words

    triggers: list[Trigger]
    name_heads: dict[NonEmpty, EventType]
    name_ordinals: Pattern
    name_date_words: Pattern
    name_lead_words: Pattern
    name_verbs: Pattern
    planned_cues: Pattern
    occurred_cues: Pattern
    trigger_past: Pattern
    counterpart_words: Pattern
    non_diplomatic_objects: Pattern
    non_diplomatic_subjects: Pattern
    hostile_context: Pattern
    portfolio_before: Pattern
    reporting_frame: Pattern
    clause_opener: Pattern
    shared_subject: Pattern
    sequence_cues: Pattern
    programme_cues: Pattern
    background_cues: Pattern
    own_occasion: Pattern
    dateline: Pattern
    negation_before: Pattern
    called_off: Pattern
    reception_after: Pattern
    occasion_before: Pattern
    occasion_after: Pattern
    reception_passive: Pattern
    hypothetical_before: Pattern
    confirmed_after: Pattern
    recurring_after: Pattern
    domestic_bodies: Pattern
    chain_of_command: Pattern
    subordinate_clause: Pattern
    remote_setting: Pattern
    party_bodies: Pattern


class TypeEntry(Strict):
    """What the extraction does because of one event type (events/event_types.yaml)."""

    family: NonEmpty
    takes_name: bool = False
    keeps_type: bool = False
    frames_commitments: bool = False
    holds_commitments: bool = False


class EventTypes(Strict):
    """events/event_types.yaml: every event type of the contract once, and the ranking of roles."""

    types: dict[EventType, TypeEntry]
    role_rank: list[Role]

    @model_validator(mode="after")
    def _complete(self):
        missing = sorted(set(vocab.EVENT_TYPES) - set(self.types))
        if missing:
            raise ValueError(f"types: the event types {missing} are not listed")
        if sorted(self.role_rank) != sorted(vocab.ROLES):
            raise ValueError(f"role_rank must list every role of schemas/vocab.py once: {sorted(vocab.ROLES)}")
        return self


class HeadlineTrigger(Rule):
    """A trigger of titles (no pre-filter: a title is always read)."""

    type: EventType
    pattern: Pattern
    subject_role: Role = "participant"
    object_role: Role = "participant"
    examples: list[EventExample] = []

    def check(self) -> None:
        regex = re.compile(self.pattern, re.IGNORECASE)
        for example in self.examples:
            if regex.search(example.text) is None:
                raise ValueError(f"rule {self.name} does not read its example {example.text!r}")


class Headline(RuleFile):
    """events/headline.yaml."""

    rules_field = "triggers"
    own_evidence = frozenset({"triggers", "document_types"})

    triggers: list[HeadlineTrigger]
    subject_breaks: Pattern
    object_end: Pattern
    planned: Pattern
    occurred: Pattern
    infinitive_verbs: Pattern
    home_subject: Pattern
    document_types: list[EventType]
    issuer_list: Pattern
    issuer_of: Pattern
    issuers_after_topic: Pattern
    called_off: Pattern
