"""Schemas of reference/commitments/: commitment cues with their grammar words, and the topic lexicon."""

from __future__ import annotations

from transforms.reference.fields import Modality, NonEmpty, Pattern, Strict, Topic, Words


class Cue(Strict):
    """One commitment cue: it sits between the committing party and the committed predicate."""

    modality: Modality
    pattern: Pattern
    keys: list[NonEmpty]
    verb: NonEmpty | None = None  # the action lemma when the cue itself is the verb


class Cues(Strict):
    """commitments/cues.yaml."""

    cues: list[Cue]
    passive_subjects: Pattern
    leading_adverbial: Pattern
    ordinal_items: Pattern
    list_intro: Pattern
    reporting_verbs: Pattern
    said_frame: Pattern
    first_clause: Pattern
    finite_stance: Pattern
    coordinated_frame: Pattern
    passive_proposal: Pattern
    stance_verbs: Words
    own_support_words: Words
    steadfast_in: Words
    verb_support_before: Words
    stance_to: Words
    non_actors: Pattern
    forecast_heads: Words
    counterpart_nouns: Words
    threat_verbs: Pattern
    hostile_actions: Words
    adverbs: Words
    phrasal_verbs: Words
    light_frames: Pattern
    noun_like_verbs: Words
    irregular: dict[NonEmpty, NonEmpty]


class Topics(Strict):
    """commitments/topics.yaml."""

    topics: dict[Topic, Words]
    political_fallback: Pattern
