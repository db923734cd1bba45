"""Rule-based extraction of events, participants and commitments from article rows.

Public API (called by the pipeline flow):
    extract_articles(articles) -> ArticleBatch      per batch, pure
    build_tables(batches) -> {table: rows}          merges mentions across all batches
    merge_events, then merge_commitments            the same merge in two steps (flows/merging.py)
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from transforms.extract.commitments import find_commitments
from transforms.extract.document import prepare
from transforms.extract.events import find_event_mentions
from transforms.extract.hosts import add_host_side
from transforms.extract.merge import build_event_rows, order_keys
from transforms.extract.merge_commitments import build_commitment_rows
from transforms.extract.participants import add_commitment_actors, add_sentence_people, add_unplaced_attendees
from transforms.extract.people import canonical_spellings, respell_commitments, respell_events
from transforms.extract.rows import Entities, Tables
from transforms.extract.speakers import add_speakers
from transforms.extract.records import ArticleBatch, CommitmentMention, EventMention, ParticipantMention
from transforms.extract.titles import date_trips, find_title_mentions

__all__ = ["ArticleBatch", "CommitmentMention", "EventMention", "EventsMerged", "ParticipantMention", "build_tables",
           "canonical_spellings", "extract_article", "extract_articles", "merge_commitments", "merge_events"]


def document_key(article: dict) -> str:
    """The document an article row was told in: its raw record (the file, or one record of a JSON list or
    JSON Lines file); the sections a compound article was split into share it."""
    record = str(article.get("record_key") or "0").split("#", 1)[0]
    return f"{article.get('source_path')}#{record}"


def extract_article(article: dict) -> tuple[list[EventMention], list[CommitmentMention]]:
    """Event and commitment mentions of one article row."""
    doc = prepare(article)
    body = find_event_mentions(doc)
    events = add_speakers(doc, date_trips(doc, find_title_mentions(doc), body) + body)
    events = add_host_side(add_sentence_people(doc, add_unplaced_attendees(doc, events)))
    commitments = find_commitments(doc, events)
    events = add_commitment_actors(events, commitments)
    document = document_key(article)
    return ([replace(m, document=document) for m in events],
            [replace(c, document=document) for c in commitments])


def extract_articles(articles: list[dict]) -> ArticleBatch:
    """Mentions of every article in the batch; an article that breaks a rule is quarantined, not lost."""
    batch = ArticleBatch()
    for article in articles:
        batch.published[article["article_id"]] = article.get("published_date")
        batch.record_keys[article["article_id"]] = str(article.get("record_key") or "")
        try:
            events, commitments = extract_article(article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            batch.quarantine.append({
                "stage": "extract",
                "source_path": article.get("source_path"),
                "record_key": article.get("record_key") or article["article_id"],
                "reason": f"extraction failed: {type(exc).__name__}: {exc}",
                "payload": json.dumps({"article_id": article["article_id"], "title": article.get("title")}),
            })
            continue
        batch.events.extend(events)
        batch.commitments.extend(commitments)
    return batch


@dataclass
class EventsMerged:
    """The first step of the merge: event rows and their participants, and which event each mention is of."""

    tables: Tables
    entities: Entities
    mention_to_event: dict[str, str]


def merge_events(mentions: list[EventMention], published: dict[str, dt.date | None], record_keys: dict[str, str],
                 spelling: dict[str, str], tables: Tables | None = None) -> EventsMerged:
    """Event mentions of all articles into events (people under `spelling`, see people.canonical_spellings).

    With `merge_commitments` after it, what `build_tables` does, for a caller that holds the event mentions and
    the commitment mentions of a large corpus one after the other rather than both at once.
    """
    mentions = respell_events(mentions, spelling)
    tables = tables if tables is not None else Tables()
    entities = Entities()
    order = order_keys(mentions, published, record_keys)
    mention_to_event = build_event_rows(mentions, order, tables, entities, published)
    return EventsMerged(tables, entities, mention_to_event)


def merge_commitments(commitments: list[CommitmentMention], events: EventsMerged, published: dict[str, dt.date | None],
                      spelling: dict[str, str]) -> dict[str, list[dict]]:
    """Commitment mentions into commitments beside the merged events; every curated table's rows."""
    tables = events.tables
    build_commitment_rows(respell_commitments(commitments, spelling), events.mention_to_event, tables,
                          events.entities, published)
    tables.entities = events.entities.finish()
    return {
        "events": tables.events,
        "event_mentions": tables.event_mentions,
        "participants": tables.participants,
        "commitments": tables.commitments,
        "commitment_mentions": tables.commitment_mentions,
        "entities": tables.entities,
        "quarantine": tables.quarantine,
    }


def build_tables(batches: list[ArticleBatch],
                 signals: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[dict]]:
    """Merge the mentions of all batches into the curated rows (events, mentions, participants, ...); `signals`,
    when given, gets the evidence each event's confidence was read from (event_id -> signals; fit_confidence)."""
    published: dict = {}
    record_keys: dict = {}
    mentions: list[EventMention] = []
    commitments: list[CommitmentMention] = []
    tables = Tables()
    for b in batches:
        published.update(b.published)
        record_keys.update(b.record_keys)
        mentions.extend(b.events)
        commitments.extend(b.commitments)
        tables.quarantine.extend(b.quarantine)
    spelling = canonical_spellings(mentions, commitments)
    events = merge_events(mentions, published, record_keys, spelling, tables)
    if signals is not None:
        signals.update(tables.event_signals)
    return merge_commitments(commitments, events, published, spelling)


# A made-up release that reaches every kind of rule: a dateline and dates, officials with their titles,
# countries, a meeting and a commitment with a due date.
_WARM_UP_TEXT = ("Foreign Ministers Meet in Oslo\n\nOSLO, 3 May 2022 - Foreign Minister of Norway Anniken Huitfeldt held "
                 "talks in Oslo on Tuesday with Foreign Minister of Chile Antonia Urrejola. The two ministers signed a "
                 "memorandum on climate cooperation. Norway and Chile agreed to open a direct flight between Oslo and "
                 "Santiago by 2024, and the minister said Norway will provide $5 million next year.\n")


def warm_up() -> None:
    """Load the reference data and compile the rules as the first article of a process would (a worker process
    does it while the run starts, not on its first batch); nothing is kept but those caches."""
    extract_articles([{"article_id": "warm-up", "source_path": "warm-up.txt", "record_key": "0",
                       "title": "Foreign Ministers Meet in Oslo", "text": _WARM_UP_TEXT,
                       "published_date": dt.date(2022, 5, 3), "published_date_source": "text"}])
