"""Schemas of reference/commitments/: commitment cues with their grammar words, and the topic lexicon."""

from __future__ import annotations

import re

from transforms.reference.fields import ISO3, Modality, NonEmpty, Pattern, Strict, Topic, Words
from transforms.reference.grammar import GrammarFile
from transforms.reference.patterns import trie_alternation
from transforms.reference.rules import Rule, RuleFile


class CommitmentExample(Strict):
    """A sentence a cue must read, and what it must read in it (the modality by default the cue's
    own; parties and action when given)."""

    text: NonEmpty
    modality: Modality | None = None
    parties: list[ISO3] | None = None
    action: NonEmpty | None = None


class Cue(Rule):
    """One commitment cue: it sits between the committing party and the committed predicate."""

    modality: Modality
    pattern: Pattern
    verb: NonEmpty | None = None  # the action lemma when the cue itself is the verb
    action_from_cue: bool = False  # the action is the cue's own verb, lemmatized ("condemned" -> condemn)
    needs_frame: bool = False  # only under a reporting frame ("Brazil said it would ...")
    object_not_person: bool = False  # no stance when its object is a person ("welcomed President X")
    examples: list[CommitmentExample] = []

    def compiled(self) -> str:
        if self.pattern.startswith(("['’]", "[''’]")):
            return rf"(?:{self.pattern})"  # a contraction ("We'll", "we're") starts at its apostrophe
        return rf"(?<![\w-])(?:{self.pattern})"  # a cue starts at a word start ("will", not "goodwill")


class Cues(RuleFile):
    """commitments/cues.yaml."""

    rules_field = "cues"
    own_evidence = frozenset({"cues"})
    case_sensitive = frozenset({"ordinal_items", "speaker_label"})

    cues: list[Cue]
    passive_subjects: Pattern
    leading_adverbial: Pattern
    bare_lead: Pattern
    participle_as_adjective: Pattern
    plan_as_noun: Pattern
    intent_as_motive: Pattern
    ordinal_items: Pattern
    list_intro: Pattern
    list_tail: Pattern
    passive_intro: Pattern
    signed_items: Pattern
    counted_documents: Pattern
    signed_passive: Pattern
    perfect_before: Pattern
    position_object: Pattern
    compliment_object: Pattern
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
    negated_predicate: Pattern
    unasserted: Pattern
    back_particle_verbs: Words
    hostile_actions: Words
    hostile_objects: Pattern
    scourge_objects: Pattern
    response_to_hostility: Pattern
    adverbs: Words
    phrasal_verbs: Words
    schedule: Pattern
    not_due: Pattern
    attribution: Pattern
    speaker_label: Pattern
    question_speakers: Pattern
    quote_attribution: Pattern
    not_a_course: Pattern
    light_frames: Pattern
    joint_title: Pattern
    noun_like_verbs: Words
    nouns_before_to: Words


class Topics(GrammarFile):
    """commitments/topics.yaml."""

    topics: dict[Topic, Words]
    political_fallback: Pattern

    def key_regex(self, key: str) -> re.Pattern:
        if key == "topics":  # keyword prefixes at a word start, of every topic (as transforms.extract.topics reads them)
            return re.compile(rf"\b(?:{trie_alternation(w.lower() for ws in self.topics.values() for w in ws)})", re.I)
        return super().key_regex(key)


class CalibrationBin(Strict):
    """One bin of the calibration measured when the model was fitted."""

    low: float
    high: float
    rows: int
    matched: float  # share of the bin's rows that match a gold item
    mean_confidence: float


class Confidence(Strict):
    """commitments/confidence.yaml and events/confidence.yaml: a logistic model over a row's signals (the evidence
    its rule had), and how it was fitted."""

    intercept: float
    weights: dict[NonEmpty, float]
    fitted: dict[NonEmpty, str | int | float]
    calibration: list[CalibrationBin]
