"""Schemas of reference/events/: body triggers with the words around them, and the headline grammar."""

from __future__ import annotations

from pydantic import model_validator

from schemas import vocab
from transforms.reference.fields import EventType, NonEmpty, Pattern, Role, Strict


class Trigger(Strict):
    """One body trigger: a pattern that tells an event of `type`, and how its participants are read."""

    type: EventType
    pattern: Pattern
    keys: list[NonEmpty]
    subject_role: Role = "participant"
    object_role: Role = "participant"
    needs_object: bool = False
    headline: bool = True  # also tried on a title


class Triggers(Strict):
    """events/triggers.yaml."""

    triggers: list[Trigger]
    name_heads: dict[NonEmpty, EventType]
    name_ordinals: Pattern
    name_date_words: Pattern
    name_verbs: Pattern
    planned_cues: Pattern
    occurred_cues: Pattern
    families: dict[EventType, NonEmpty]
    counterpart_words: Pattern
    non_diplomatic_objects: Pattern
    hostile_context: Pattern
    portfolio_before: Pattern
    reporting_frame: Pattern

    @model_validator(mode="after")
    def _every_type_has_a_family(self):
        missing = sorted(set(vocab.EVENT_TYPES) - set(self.families))
        if missing:
            raise ValueError(f"families: no family for the event types {missing}")
        return self


class HeadlineTrigger(Strict):
    type: EventType
    pattern: Pattern
    subject_role: Role = "participant"
    object_role: Role = "participant"


class Headline(Strict):
    """events/headline.yaml."""

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
