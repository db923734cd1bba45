"""The curated tables of the contract: every column once, with type, nullability and meaning.

This registry is the single declaration from which the Arrow schemas
(`schemas.arrow`), the Great Expectations suites (`schemas.expectations`) and the
column docs are generated. `tests/schemas/test_contract.py` checks it against
CONTRACT.md's column lists so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import vocab

SCHEMA_VERSION = "1.0.0"


@dataclass(frozen=True)
class Field:
    """One column: its logical type, nullability, meaning and constraints."""

    name: str
    type: str  # string | date | timestamp | int32 | int64 | float32 | list<string> | map<string,int64>
    nullable: bool = False
    description: str = ""
    allowed: tuple[str, ...] | None = None  # controlled vocabulary
    iso3: bool = False  # values (or list items) are ISO 3166-1 alpha-3 codes
    unique: bool = False


@dataclass(frozen=True)
class Table:
    """A curated table: its grain, columns and keys."""

    name: str
    grain: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()  # unique together (for single-column ids, Field.unique)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    has_span: bool = False  # char_start/char_end index articles.text
    append_only: bool = False  # kept across runs (history), not rewritten
    partition_year_of: str | None = None  # hive-partitioned by the year of this date column (`year=2024/`)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _span_fields(nullable: bool = False) -> tuple[Field, ...]:
    return (
        Field("article_id", "string", description="article (or section) the span is in"),
        Field("char_start", "int32", nullable, "start of the evidence span in articles.text"),
        Field("char_end", "int32", nullable, "end (exclusive) of the evidence span in articles.text"),
    )


ARTICLES = Table(
    "articles",
    "one row per ingested article, or per section of a compound article",
    (
        Field("article_id", "string", unique=True, description="stable id of the article"),
        Field("source_path", "string", description="path of the raw file, relative to the raw folder"),
        Field("url", "string", True, "canonical URL when known"),
        Field("title", "string", True, "title of the article or section"),
        Field("published_date", "date", True, "document date"),
        Field("published_date_source", "string", allowed=vocab.PUBLISHED_DATE_SOURCES,
              description="where published_date came from"),
        Field("language", "string", description="ISO 639-1 language code"),
        Field("text", "string", description="the normalized text that all char offsets refer to"),
        Field("content_sha256", "string", description="SHA-256 of the UTF-8 text (duplicate detection)"),
        Field("ingested_at", "timestamp", description="when this run ingested the article"),
        Field("record_key", "string", True, "position of the record inside its raw file (JSON lists, sections)"),
    ),
    partition_year_of="published_date",
)

EVENTS = Table(
    "events",
    "one row per distinct real-world event, however often it is told",
    (
        Field("event_id", "string", unique=True, description="stable id of the event"),
        Field("event_type", "string", allowed=vocab.EVENT_TYPES, description="kind of event"),
        Field("plover_type", "string", True, "PLOVER event type mapped from event_type"),
        Field("name", "string", True, "proper name when the text gives one"),
        Field("status", "string", allowed=vocab.EVENT_STATUSES, description="whether the event happened"),
        Field("start_date", "date", True, "first day of the event (first day of its period when less precise)"),
        Field("end_date", "date", True, "last day of the event (last day of its period); >= start_date, equal for one day"),
        Field("date_precision", "string", allowed=vocab.DATE_PRECISIONS,
              description="how precisely the text dates the event"),
        Field("location", "string", True, "canonical place name"),
        Field("location_country", "string", True, "ISO3 of the location", iso3=True),
        Field("countries", "list<string>", description="every country taking part", iso3=True),
        Field("article_id", "string", description="article of the first mention"),
        Field("evidence", "string", description="the sentence that states the event"),
        Field("char_start", "int32", description="start of the evidence span in articles.text"),
        Field("char_end", "int32", description="end (exclusive) of the evidence span in articles.text"),
        Field("confidence", "float32", description="0..1, how sure the extractor is"),
        Field("mention_count", "int32", description="sentences that mention the event (event_mentions rows)"),
    ),
    foreign_keys=(("article_id", "articles", "article_id"),),
    has_span=True,
    partition_year_of="start_date",
)


def _mentions_table(name: str, parent: str, parent_id: str, what: str) -> Table:
    """A table of tellings: one row per sentence that states a `parent` row (an event, a commitment)."""
    return Table(
        name,
        f"one row per sentence that {what}",
        (
            Field(parent_id, "string", description=f"the {parent[:-1]} stated ({parent}.{parent_id})"),
            Field("article_id", "string", description="article of the sentence"),
            Field("char_start", "int32", description="start of the sentence in articles.text"),
            Field("char_end", "int32", description="end (exclusive) of the sentence in articles.text"),
            Field("evidence", "string", description="the sentence, equal to articles.text[char_start:char_end]"),
        ),
        key=(parent_id, "article_id", "char_start"),
        foreign_keys=((parent_id, parent, parent_id), ("article_id", "articles", "article_id")),
        has_span=True,
    )


EVENT_MENTIONS = _mentions_table("event_mentions", "events", "event_id", "mentions an event")

PARTICIPANTS = Table(
    "participants",
    "one row per (event, participant)",
    (
        Field("event_id", "string", description="the event (events.event_id)"),
        Field("entity_id", "string", description="the participant (entities.entity_id)"),
        Field("entity_type", "string", allowed=vocab.ENTITY_TYPES, description="person, country or organization"),
        Field("name", "string", description="canonical name (persons: given name first, no titles)"),
        Field("name_as_written", "string", description="surface form in the text"),
        Field("title", "string", True, "office, normalized"),
        Field("country", "string", True, "ISO3 the participant represents", iso3=True),
        Field("role", "string", allowed=vocab.ROLES, description="part played at the event"),
        *_span_fields(nullable=True),
    ),
    key=("event_id", "entity_id"),
    foreign_keys=(("event_id", "events", "event_id"), ("entity_id", "entities", "entity_id"),
                  ("article_id", "articles", "article_id")),
    has_span=True,
)

COMMITMENTS = Table(
    "commitments",
    "one row per pledge, agreement, support, proposal or opposition",
    (
        Field("commitment_id", "string", unique=True, description="stable id of the commitment"),
        Field("event_id", "string", True, "event at which it was made, when known"),
        Field("parties", "list<string>", description="ISO3 of every committing party", iso3=True),
        Field("actor_text", "string", description="subject as written"),
        Field("modality", "string", allowed=vocab.MODALITIES, description="kind of commitment"),
        Field("action", "string", description="main verb, lemmatized"),
        Field("description", "string", description="what is committed, as a clean clause"),
        Field("topic", "string", allowed=vocab.TOPICS, description="what the commitment is about"),
        Field("due_date", "date", True, "last day of the stated target period (\"by 2030\": 2030-12-31)"),
        Field("due_precision", "string", True, allowed=vocab.DUE_PRECISIONS,
              description="the period due_date closes (\"by 2030\": year)"),
        Field("article_id", "string", description="article of the first telling"),
        Field("evidence", "string", description="the sentence that states the commitment"),
        Field("char_start", "int32", description="start of the evidence span in articles.text"),
        Field("char_end", "int32", description="end (exclusive) of the evidence span in articles.text"),
        Field("confidence", "float32", description="0..1, how sure the extractor is"),
    ),
    foreign_keys=(("event_id", "events", "event_id"), ("article_id", "articles", "article_id")),
    has_span=True,
)

COMMITMENT_MENTIONS = _mentions_table("commitment_mentions", "commitments", "commitment_id",
                                      "states a commitment")

ENTITIES = Table(
    "entities",
    "one row per distinct person, country or organization",
    (
        Field("entity_id", "string", unique=True, description="stable id of the entity"),
        Field("entity_type", "string", allowed=vocab.ENTITY_TYPES, description="person, country or organization"),
        Field("name", "string", description="canonical name"),
        Field("country", "string", True, "ISO3 of the country a person or organization belongs to", iso3=True),
        Field("aliases", "list<string>", description="every surface form seen"),
    ),
)

QUARANTINE = Table(
    "quarantine",
    "one row per input or record that did not make it, with why",
    (
        Field("run_id", "string", description="the run that quarantined it (runs.run_id)"),
        Field("stage", "string", allowed=vocab.QUARANTINE_STAGES, description="pipeline stage that rejected it"),
        Field("source_path", "string", True, "raw file it came from, relative to the raw folder"),
        Field("record_key", "string", True, "which record: table:key, or the position inside the raw file"),
        Field("reason", "string", description="why it was rejected and what to do; for validate, the expectation's name"),
        Field("payload", "string", True, "the record as JSON text"),
        Field("quarantined_at", "timestamp", description="when it was quarantined"),
    ),
    append_only=True,
)

RUNS = Table(
    "runs",
    "one row per pipeline run",
    (
        Field("run_id", "string", unique=True, description="stable id of the run"),
        Field("started_at", "timestamp", description="when the run started"),
        Field("finished_at", "timestamp", True, "when the run finished (null while running)"),
        Field("status", "string", allowed=vocab.RUN_STATUSES, description="how the run ended"),
        Field("articles_seen", "int64", True, "articles (and sections) read from the raw folder"),
        Field("articles_new", "int64", True,
              "new and changed articles: read by the run, their row not in the run before's tables"),
        Field("rows_written", "map<string,int64>", True, "rows written per table"),
        Field("rows_quarantined", "int64", True, "rows this run sent to quarantine"),
        Field("expectations_passed", "int64", True, "expectations that passed"),
        Field("expectations_failed", "int64", True, "expectations that failed (blocking or warning)"),
        # Added run-level figures (the contract allows added columns): the report's trend charts.
        Field("expectations_blocking_failed", "int64", True, "failed expectations that block records"),
        Field("events_dated", "int64", True, "events written with a start_date (share = events_dated / events)"),
        Field("reference_version", "string", True, "reference/VERSION: the version of the rules and gazetteers used"),
        Field("generation_id", "string", True, "the curated generation the run committed (null: none)"),
        Field("error", "string", True, "why the run failed (null when it completed)"),
    ),
    append_only=True,
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (ARTICLES, EVENTS, EVENT_MENTIONS, PARTICIPANTS, COMMITMENTS, COMMITMENT_MENTIONS, ENTITIES, QUARANTINE,
              RUNS)
}
# Tables the extraction produces and validation checks, in foreign-key order.
CURATED_TABLES = ("articles", "entities", "events", "event_mentions", "participants", "commitments",
                  "commitment_mentions")
