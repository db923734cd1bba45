"""Mention-level records that extraction produces per article, before cross-article merging."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ParticipantMention:
    """A person, country or organization taking part in one event mention."""

    entity_type: str  # person | country | organization
    name: str  # canonical name (country: ISO3 code; resolved to a display name when merged)
    name_as_written: str
    title: str | None
    country: str | None
    role: str
    char_start: int | None
    char_end: int | None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence's statement of one event (one per counterpart for "respectively" lists)."""

    mention_id: str
    article_id: str
    source_path: str
    order: int  # position of the mention in its article (sentence start, then index)
    event_type: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_precision: str
    # How much to trust the date: 3 explicit, 2 relative to a dateline/metadata, 1 inferred, 0 none. A date
    # with rank 0 is a guess from the publication date: it dates an event only when no mention states one,
    # and never keeps mentions apart.
    date_rank: int
    name: str | None
    location: str | None
    location_country: str | None
    countries: tuple[str, ...]
    char_start: int
    char_end: int
    evidence: str
    confidence: float
    participants: tuple[ParticipantMention, ...] = ()
    group: str | None = None  # mentions of one "respectively" list: never the same event
    weak: bool = False  # too little to found an event (one country, no name): joins one if it can
    frame: bool = False  # the article's own event (what the release reports), not a past one recalled
    headline: bool = False  # read from the article's title: merges with the body's mention of the event
    sequel: bool = False  # told as following the event before ("then", "in the afternoon"): not that event
    open_counterpart: bool = False  # its counterpart is told without a country ("met business leaders")
    # Keys it shares with the tellings of other events in its sentence ("met X at the Y Summit": the meeting and
    # the summit): a telling is never one event with a telling it shares a key with.
    apart: tuple[str, ...] = ()
    rule: str | None = None  # the trigger that read it (reference/events/*.yaml); None for an event name
    # People named in its sentence that no trigger placed (participants.add_sentence_people): they take part,
    # but do not set two tellings apart (merge.person_tokens).
    present: tuple[str, ...] = ()
    # Offices told without a name among its parties ("the Speaker of Parliament", "the Minister of Trade of
    # Ghana"), as "title|ISO3": two meetings with different unnamed counterparts are two encounters.
    offices: tuple[str, ...] = ()
    # The document it was told in: the raw record (a file, or one record of a JSON list or JSON Lines
    # file), which a compound article's sections share. Set by extract_articles; "" reads as source_path.
    document: str = ""


@dataclass(frozen=True, slots=True)
class CommitmentMention:
    """One pledge, agreement, support, proposal or opposition as stated in one sentence."""

    commitment_id: str
    event_mention_id: str | None
    parties: tuple[str, ...]
    actor_text: str
    modality: str
    action: str
    description: str
    topic: str
    due_date: dt.date | None
    due_precision: str | None
    article_id: str
    source_path: str
    evidence: str
    char_start: int
    char_end: int
    confidence: float
    actor_people: tuple[ParticipantMention, ...] = ()  # officials named in the subject (become entities)
    actor_orgs: tuple[ParticipantMention, ...] = ()  # organizations the subject is ("NATO will ...")
    # 1 when the article states its own date (dateline or metadata): a section that retells others
    # ("inferred" date, e.g. a blog's lead) is the weaker mention of a commitment told twice.
    authority: int = 0
    rule: str | None = None  # the cue that read it (reference/commitments/cues.yaml); None for a list item
    document: str = ""  # as EventMention.document
    signals: tuple[str, ...] = ()  # the evidence its confidence weighs (commitments/confidence.py)


@dataclass
class ArticleBatch:
    """Everything extracted from one batch of articles; `build_tables` merges batches."""

    events: list[EventMention] = field(default_factory=list)
    commitments: list[CommitmentMention] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    published: dict[str, dt.date | None] = field(default_factory=dict)  # article_id -> published date
    record_keys: dict[str, str] = field(default_factory=dict)  # article_id -> record key (section order)
