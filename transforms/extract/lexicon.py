"""Reference data for extraction, loaded and compiled once (the rules live in reference/: events/,
commitments/, gazetteers/; transforms.reference reads and checks them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.reference import load, rows, word_set
from transforms.reference.keys import required_words
from transforms.reference.patterns import trie_alternation


@dataclass(frozen=True)
class Trigger:
    """One event trigger rule of reference/events/triggers.yaml (or headline.yaml)."""

    event_type: str
    regex: re.Pattern
    subject_role: str = "participant"
    object_role: str = "participant"
    needs_object: bool = False
    index: int = 0
    headline: bool = True  # also tried on a title
    name: str = ""  # the rule's name in its file (EventMention.rule)
    frame_parties: bool = False  # told without its parties, it has those of the article's own event
    two_sides: bool = False  # needs two parties, people or countries (a reciprocal verb: "A and B spoke about X")
    in_person: bool = False  # told in a call's setting, its event is the call (events/triggers.yaml remote_setting)
    needs_subject: bool = False  # a person or country before the trigger
    joint: bool = False  # a joint act: two parties in its subject ("A and B announced ...")
    needs_occasion: bool = False  # a noun with no verb: an occasion only when its sentence places or sets it


@dataclass(frozen=True)
class HeadlineRules:
    """How a title is read (reference/events/headline.yaml): its own triggers, then the body's."""

    triggers: tuple[Trigger, ...]  # its own, tried first
    body_triggers: tuple[Trigger, ...]  # the body's triggers that hold in a headline, tried next
    subject_breaks: re.Pattern
    object_end: re.Pattern
    planned: re.Pattern
    occurred: re.Pattern
    infinitive_verbs: re.Pattern
    home_subject: re.Pattern
    document_types: frozenset[str]
    issuer_list: re.Pattern
    issuer_of: re.Pattern
    issuers_after_topic: re.Pattern
    called_off: re.Pattern  # "ASEAN summit called off": headline grammar's passive without "was"


def _key_index(groups: list[list[str]]) -> tuple[re.Pattern, dict[str, tuple[int, ...]]]:
    """One regex over every key word, and word -> indices of the rules that need it."""
    owners: dict[str, list[int]] = {}
    for i, words in enumerate(groups):
        for w in words:
            owners.setdefault(str(w).lower(), []).append(i)
    return re.compile(rf"\b(?:{trie_alternation(owners)})\b", re.I), {w: tuple(v) for w, v in owners.items()}


@dataclass(frozen=True)
class EventRules:
    triggers: tuple[Trigger, ...]
    key_re: re.Pattern  # every trigger key word (read from its pattern) and name head, for the pre-filter
    key_map: dict[str, tuple[int, ...]]  # key word -> trigger indices (len(triggers) = a name head)
    name_re: re.Pattern
    name_head_re: re.Pattern  # a name head anywhere (cheap test before name_re)
    name_heads: dict[str, str]
    name_date_words: re.Pattern  # a date word before a name is not part of it
    name_lead_words: re.Pattern  # a preposition or article before a name ("At the X Summit")
    name_ordinals: str  # "the fourth", "the 2023": words before a name that are not part of it
    name_verbs: re.Pattern
    planned: re.Pattern
    occurred: re.Pattern
    types: dict  # event type -> what the extraction does because of it (events/event_types.yaml)
    role_rank: dict[str, int]  # role -> rank, higher is more specific (events/event_types.yaml)
    trigger_past: re.Pattern  # a trigger told in the past: its event occurred
    non_diplomatic: re.Pattern
    counterparts: re.Pattern
    hostile: re.Pattern
    publisher_hosts: dict[str, str]
    publisher_folders: tuple[tuple[re.Pattern, str], ...]
    government_host: re.Pattern  # "mfa.gov.eg", "kormany.hu": group "cc" is the country code
    institution_line: re.Pattern  # "Ministry of Foreign Affairs of Japan, ...": a release's letterhead
    headline: HeadlineRules
    portfolio_before: re.Pattern
    reporting_frame: re.Pattern  # "X said that |": a trigger's subject starts after it
    clause_opener: re.Pattern  # where a later trigger's own clause starts (", after which | the two ...")
    shared_subject: re.Pattern  # a clause that names nobody: its trigger shares the subject before it
    sequence_cues: re.Pattern  # "then", "in the afternoon": the event follows the one told before, that day
    dateline: re.Pattern  # "TOKYO, Feb. 15 (Kyodo) -- ": where and when a story was written
    negation_before: re.Pattern  # "refused to | sign": the event is denied
    called_off: re.Pattern  # "talks ... | was postponed indefinitely": the event did not take place
    reception_after: re.Pattern  # "was met | with criticism": a reception, not an encounter
    remote_setting: re.Pattern  # "During the call": an in_person trigger there tells the call
    party_bodies: re.Pattern  # "The Joint Working Group met": a body of the article's own parties


@lru_cache(maxsize=1)
def event_rules() -> EventRules:
    """Triggers, name pattern and cues for events."""
    data = load("events/triggers.yaml")
    kinds = load("events/event_types.yaml")
    triggers = tuple(_trigger(t, i) for i, t in enumerate(data.triggers))
    key_groups = [sorted(t.keys()) for t in data.triggers] + [list(data.name_heads)]
    key_re, key_map = _key_index(key_groups)
    heads = data.name_heads
    head_alt = "|".join(sorted(heads, key=len, reverse=True))
    # Words may be joined by dashes of any kind, spaced or not ("Mexico–Belize Binational Commission", "the Viet
    # Nam – Laos Investment Cooperation Conference").
    word = r"(?:[A-Z0-9][\w'.&\-\u2013\u2014]*|of|and|the|for|on|de|[-\u2013\u2014])"
    # "the fourth China-Central Asia Foreign Ministers' Meeting", "Summit for Democracy",
    # "Summit of the Americas": capitalized words ending in a head, then an optional
    # "of/for/on + capitalized words" tail.
    name_re = re.compile(
        rf"(?:(?P<ord>{data.name_ordinals})\s+)?"
        rf"(?P<body>(?:[A-Z0-9][\w'.&\-\u2013\u2014]*(?:\s+|[-\u2013\u2014]\s?)(?:{word}(?:\s+|[-\u2013\u2014]\s?))"
        rf"{{0,8}}?)?(?P<head>{head_alt}))\b"
        rf"(?P<tail>\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'\-\u2013\u2014]*(?:\s+(?:and\s+)?[A-Z][\w'\-\u2013\u2014]*)"
        rf"{{0,4}})?")
    publishers = load("gazetteers/publishers.yaml")
    folders = tuple((re.compile(k, re.I), v) for k, v in publishers.folders.items())
    head = load("events/headline.yaml")
    headline = HeadlineRules(
        triggers=tuple(_trigger(t, i) for i, t in enumerate(head.triggers)),
        body_triggers=tuple(t for t in triggers if t.headline),
        subject_breaks=re.compile(head.subject_breaks, re.I),
        object_end=re.compile(head.object_end, re.I),
        planned=re.compile(head.planned, re.I),
        occurred=re.compile(head.occurred, re.I),
        infinitive_verbs=re.compile(head.infinitive_verbs, re.I),
        home_subject=re.compile(head.home_subject, re.I),
        document_types=frozenset(head.document_types),
        issuer_list=re.compile(head.issuer_list, re.I),
        issuer_of=re.compile(head.issuer_of, re.I),
        issuers_after_topic=re.compile(head.issuers_after_topic, re.I),
        called_off=re.compile(head.called_off, re.I),
    )
    return EventRules(
        triggers=triggers,
        key_re=key_re,
        key_map=key_map,
        name_re=name_re,
        name_head_re=re.compile(rf"\b(?:{head_alt})\b"),
        name_heads=heads,
        name_ordinals=data.name_ordinals,
        name_date_words=re.compile(data.name_date_words, re.I),
        name_lead_words=re.compile(data.name_lead_words, re.I),
        name_verbs=re.compile(data.name_verbs, re.I),
        planned=re.compile(data.planned_cues, re.I),
        occurred=re.compile(data.occurred_cues, re.I),
        types=kinds.types,
        role_rank={role: len(kinds.role_rank) - i for i, role in enumerate(kinds.role_rank)},
        trigger_past=re.compile(data.trigger_past, re.I),
        non_diplomatic=re.compile(data.non_diplomatic_objects, re.I),
        counterparts=re.compile(data.counterpart_words, re.I),
        hostile=re.compile(data.hostile_context, re.I),
        publisher_hosts=publishers.hosts,
        publisher_folders=folders,
        government_host=publishers.key_regex("government_labels"),
        institution_line=re.compile(publishers.institution_line, re.I),
        headline=headline,
        portfolio_before=re.compile(data.portfolio_before, re.I),
        reporting_frame=re.compile(data.reporting_frame, re.I),
        clause_opener=re.compile(data.clause_opener, re.I),
        shared_subject=re.compile(data.shared_subject, re.I),
        sequence_cues=re.compile(data.sequence_cues, re.I),
        dateline=re.compile(data.dateline, re.I),
        negation_before=re.compile(data.negation_before, re.I),
        called_off=re.compile(data.called_off, re.I),
        reception_after=re.compile(data.reception_after, re.I),
        remote_setting=re.compile(data.remote_setting, re.I),
        party_bodies=re.compile(data.party_bodies, re.I),
    )


def _trigger(t, i: int) -> Trigger:
    return Trigger(t.type, re.compile(t.pattern, re.I), t.subject_role, t.object_role,
                   getattr(t, "needs_object", False), i, getattr(t, "headline", True), t.name,
                   getattr(t, "frame_parties", False), getattr(t, "two_sides", False), in_person=getattr(t, "in_person", False),
                   joint=getattr(t, "joint", False), needs_subject=getattr(t, "needs_subject", False),
                   needs_occasion=getattr(t, "needs_occasion", False))


@dataclass(frozen=True)
class Cue:
    """One commitment cue of reference/commitments/cues.yaml, compiled."""

    modality: str
    regex: re.Pattern
    verb: str | None
    low_regex: re.Pattern | None = None  # the same, case-sensitive, for lower-cased text (faster)
    name: str = ""  # the rule's name in its file (CommitmentMention.rule)
    action_from_cue: bool = False  # the action is the cue's own verb ("condemned" -> condemn)
    needs_frame: bool = False  # read only under a reporting frame ("X said it would ...")
    object_not_person: bool = False  # no stance toward a person ("welcomed President X")


@dataclass(frozen=True)
class CommitmentRules:
    cues: tuple[Cue, ...]
    key_re: re.Pattern  # every cue key word, for the pre-filter
    key_map: dict[str, tuple[int, ...]]  # key word -> cue indices
    passive: re.Pattern
    leading_adverbial: re.Pattern  # "In this regard, ": stripped before the subject
    bare_lead: re.Pattern  # "Together we will": a sentence adverb before the subject, no comma
    participle_as_adjective: re.Pattern  # "the" before "proposed": an adjective, no stance
    plan_as_noun: re.Pattern  # "Modi's" before "plan to": a noun
    intent_as_motive: re.Pattern  # "as both" before "seek to": a motive
    ordinal_items: re.Pattern
    list_intro: re.Pattern
    list_tail: re.Pattern  # "the following documents:" after a cue ending a list intro
    passive_intro: re.Pattern  # "were" before a list intro's cue: a passive ("... were signed:")
    signed_items: re.Pattern  # ", and a memorandum on": a new document in a signing's object
    counted_documents: re.Pattern  # "two memoranda of understanding, on": a count whose items follow
    signed_passive: re.Pattern  # "A memorandum on energy was signed": a signing of the encounter's sides
    perfect_before: re.Pattern  # "we've" before "supported": a past action, not a stance
    position_object: re.Pattern  # "Ghana's candidacy" after "will support": a position, not a pledge
    compliment_object: re.Pattern  # "the strength of the relationship": a compliment, no course of action
    reporting: re.Pattern
    said_frame: re.Pattern  # "X said |": a frame without "that"
    saying_words: tuple[str, ...]  # its verbs, read from the pattern (a cheap test before the scan)
    first_clause: re.Pattern  # a finite verb of a clause before the cue's own
    threat: re.Pattern
    negated: re.Pattern  # "will not hold", "would never": what a party will not do, no undertaking
    unasserted: re.Pattern  # "denied that", "reports suggest", "is likely to": no stance asserted
    back_particle_verbs: frozenset[str]  # "hit back": no support
    hostile_actions: frozenset[str]
    hostile_objects: re.Pattern  # retaliation, countermeasures, operations kept up: a threat, no pledge
    response_to_hostility: re.Pattern  # "in response to the drills": one party's answer, a threat
    scourge_objects: re.Pattern  # "organized crime" after "fight": a cooperation, no act of force
    adverbs: tuple[str, ...]
    adverb_re: re.Pattern  # a run of adverbs (and commas) at the start of a predicate
    phrasal: frozenset[str]
    schedule: re.Pattern  # "will travel to ...": a planned visit, not a pledge
    speaker_label: re.Pattern  # "SECRETARY X:", "Q:" at a line start: a transcript turn
    question_speakers: re.Pattern  # the labels of questioners
    quote_attribution: re.Pattern  # '"...," the minister said': who speaks a quote (its `who` groups)
    attribution: re.Pattern  # ", the ministry said Thursday": ends a predicate
    not_due: re.Pattern  # "of April 2, 2025", "signed in 2006": a date before it is no target
    not_a_course: re.Pattern  # "welcomed the delegation", "the steady growth": no course of action
    light_frames: re.Pattern
    joint_title: re.Pattern  # a title of a document between parties: its countries are their sides
    finite_stance: re.Pattern  # a coordinated finite stance verb: ends a modal's predicate
    coordinated_frame: re.Pattern  # "... and hold that": ends the predicate before it
    passive_proposal: re.Pattern  # "be settled" after should/must: the speaker's proposal
    non_actors: re.Pattern  # subjects that are no diplomatic actor ("police", "the economy")
    forecast_heads: frozenset[str]  # subject heads that make a forecast ("The Summit will ...")
    counterpart_re: re.Pattern  # "'s proposal": the possessor is the counterpart, not a party
    noun_like_verbs: frozenset[str]  # "implement", "advance": verbs, though their ending looks like a noun's
    stance_verbs: frozenset[str]  # "reaffirmed (their strong) support": a noun "support" that is a stance
    own_support_words: frozenset[str]  # "their (steadfast) support": the subject's own support
    steadfast_in: frozenset[str]  # "steadfast in (their) support"
    verb_support_before: frozenset[str]  # words that may stand right before a verb "support"
    stance_to: frozenset[str]  # "ready to support": the words after which "to support" is a stance
    asked_to: re.Pattern  # "urged all parties to respect": the addressee and the verb asked of them


@lru_cache(maxsize=1)
def commitment_rules() -> CommitmentRules:
    """Cues, frames and lemma data for commitments."""
    data = load("commitments/cues.yaml")
    # A cue starts at a word start ("will", not "goodwill").
    cues = tuple(Cue(c.modality, re.compile(c.compiled(), re.I), c.verb, re.compile(c.compiled()), c.name,
                     c.action_from_cue, c.needs_frame, c.object_not_person) for c in data.cues)
    key_re, key_map = _key_index([sorted(c.keys()) for c in data.cues])
    adverbs = tuple(sorted({a.lower() for a in data.adverbs}, key=len, reverse=True))
    return CommitmentRules(
        cues=cues,
        key_re=key_re,
        key_map=key_map,
        passive=re.compile(data.passive_subjects, re.I),
        leading_adverbial=re.compile(data.leading_adverbial, re.I),
        bare_lead=re.compile(data.bare_lead, re.I),
        participle_as_adjective=re.compile(data.participle_as_adjective, re.I),
        plan_as_noun=re.compile(data.plan_as_noun, re.I),
        intent_as_motive=re.compile(data.intent_as_motive, re.I),
        ordinal_items=re.compile(data.ordinal_items),
        list_intro=re.compile(data.list_intro, re.I),
        list_tail=re.compile(data.list_tail, re.I),
        passive_intro=re.compile(data.passive_intro, re.I),
        signed_items=re.compile(data.signed_items, re.I),
        counted_documents=re.compile(data.counted_documents, re.I),
        signed_passive=re.compile(data.signed_passive, re.I),
        perfect_before=re.compile(data.perfect_before, re.I),
        position_object=re.compile(data.position_object, re.I),
        compliment_object=re.compile(data.compliment_object, re.I),
        reporting=re.compile(data.reporting_verbs, re.I),
        said_frame=re.compile(data.said_frame, re.I),
        saying_words=tuple(sorted(required_words(data.said_frame) or word_set("SAYING_VERBS"))),
        first_clause=re.compile(data.first_clause, re.I),
        threat=re.compile(data.threat_verbs, re.I),
        negated=re.compile(data.negated_predicate, re.I),
        unasserted=re.compile(data.unasserted, re.I),
        back_particle_verbs=frozenset(data.back_particle_verbs),
        hostile_actions=frozenset(a.lower() for a in data.hostile_actions),
        hostile_objects=re.compile(data.hostile_objects, re.I),
        response_to_hostility=re.compile(data.response_to_hostility, re.I),
        scourge_objects=re.compile(data.scourge_objects, re.I),
        adverbs=adverbs,
        adverb_re=re.compile(r"[ ,]*(?:(?:" + "|".join(re.escape(a.rstrip(",")) for a in adverbs) + r")(?:[ ,]+|$))*",
                             re.I),
        phrasal=frozenset(data.phrasal_verbs),
        schedule=re.compile(data.schedule, re.I),
        not_due=re.compile(data.not_due, re.I),
        attribution=re.compile(data.attribution, re.I),
        speaker_label=re.compile(data.speaker_label),
        question_speakers=re.compile(data.question_speakers, re.I),
        quote_attribution=re.compile(data.quote_attribution, re.I),
        not_a_course=re.compile(data.not_a_course, re.I),
        light_frames=re.compile(data.light_frames, re.I),
        joint_title=re.compile(data.joint_title, re.I),
        finite_stance=re.compile(data.finite_stance, re.I),
        coordinated_frame=re.compile(data.coordinated_frame, re.I),
        passive_proposal=re.compile(data.passive_proposal, re.I),
        non_actors=re.compile(data.non_actors, re.I),
        forecast_heads=frozenset(w.lower() for w in data.forecast_heads),
        counterpart_re=re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(
            sorted(data.counterpart_nouns, key=len, reverse=True)) + r")\b", re.I),
        noun_like_verbs=frozenset(w.lower() for w in data.noun_like_verbs),
        stance_verbs=frozenset(data.stance_verbs),
        own_support_words=frozenset(data.own_support_words),
        steadfast_in=frozenset(data.steadfast_in),
        verb_support_before=frozenset(data.verb_support_before),
        stance_to=frozenset(data.stance_to),
        # The addressee and the verb of a proposal made to someone ("urged all parties to respect ..."): the action
        # is what they are asked to do; not after a noun whose "to" is its own ("a return to talks").
        asked_to=re.compile(r"(?:[\w.'’-]+,?\s+){1,8}?" + "".join(f"(?<!{re.escape(n)} )" for n in data.nouns_before_to)
                            + r"to\s+(?:\w+ly\s+)?([a-z]+)\b"),
    )


@lru_cache(maxsize=1)
def key_words() -> tuple[re.Pattern, dict[str, tuple[tuple[int, ...], tuple[int, ...]]]]:
    """One regex over every trigger and cue key word (lower case): word -> (trigger indices, cue indices)."""
    ev, cm = event_rules(), commitment_rules()
    words = set(ev.key_map) | set(cm.key_map)
    key_map = {w: (ev.key_map.get(w, ()), cm.key_map.get(w, ())) for w in words}
    # Matched against the lower-cased text: a case-sensitive scan is several times faster.
    return re.compile(rf"\b(?:{trie_alternation(words)})\b"), key_map


@dataclass(frozen=True)
class TopicRules:
    keywords: tuple[tuple[str, str, int], ...]  # topic, keyword, weight
    weights: dict[str, tuple[str, int]]  # keyword -> (topic, weight)
    order: tuple[str, ...]  # topics in file order (ties)
    regex: re.Pattern
    political: re.Pattern


@lru_cache(maxsize=1)
def topic_rules() -> TopicRules:
    """Topic keyword lexicon."""
    data = load("commitments/topics.yaml")
    keywords = []
    for topic, words in data.topics.items():
        for w in words:
            keywords.append((topic, w.lower(), 2 if " " in w else 1))
    weights = {k: (t, w) for t, k, w in keywords}
    order = tuple(dict.fromkeys(t for t, _, _ in keywords))
    # Matched against lower-cased text: a case-sensitive scan is several times faster.
    return TopicRules(tuple(keywords), weights, order, re.compile(rf"\b(?:{trie_alternation(k for _, k, _ in keywords)})"),
                      re.compile(data.political_fallback, re.I))


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    capital: bool = False


@lru_cache(maxsize=1)
def places() -> tuple[re.Pattern, dict[str, Place]]:
    """Place gazetteer: one regex over every name and alias, and alias -> Place."""
    lookup: dict[str, Place] = {}
    for row in rows("gazetteers/places.csv"):
        place = Place(row.place, row.country, row.capital == "yes")
        for alias in [row.place, *filter(None, row.aliases.split("|"))]:
            lookup.setdefault(alias, place)
            lookup.setdefault(alias.replace("'", "\u2019"), place)
    return re.compile(rf"(?<![\w-])(?:{trie_alternation(lookup)})(?![\w-])"), lookup


@dataclass(frozen=True)
class Region:
    name: str
    members: tuple[str, ...]


@lru_cache(maxsize=1)
def regions() -> tuple[re.Pattern, dict[str, Region]]:
    """Regions and standing groups: one regex over their phrases, and phrase -> Region."""
    data = load("gazetteers/regions.yaml")
    lookup: dict[str, Region] = {}
    for r in data.regions:
        region = Region(r.name, tuple(sorted(r.members)))
        for phrase in r.phrases:
            lookup[phrase] = region
            # Title-case headlines capitalize every word ("Five Central Asian Countries").
            lookup.setdefault(" ".join(w[:1].upper() + w[1:] for w in phrase.split(" ")), region)
    # "China-Central Asia": a region may follow a hyphen.
    return re.compile(rf"(?<!\w)(?:{trie_alternation(lookup)})(?![\w])"), lookup
