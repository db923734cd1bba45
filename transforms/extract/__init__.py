"""Rule-based extraction of events, participants and commitments from article rows.

Public API (called by the pipeline flow):
    extract_articles(articles) -> ArticleBatch      per batch, pure
    build_tables(batches) -> {table: rows}          merges mentions across all batches
"""

from __future__ import annotations

import json
from dataclasses import replace

from transforms.extract.commitments import find_commitments
from transforms.extract.document import prepare
from transforms.extract.events import find_event_mentions
from transforms.extract.merge import build_event_rows, order_keys
from transforms.extract.merge_commitments import build_commitment_rows
from transforms.extract.participants import add_commitment_actors, add_sentence_people, add_unplaced_attendees
from transforms.extract.people import unify_people
from transforms.extract.rows import Entities, Tables
from transforms.extract.speakers import add_speakers
from transforms.extract.records import ArticleBatch, CommitmentMention, EventMention, ParticipantMention
from transforms.extract.titles import date_trips, find_title_mentions

__all__ = ["ArticleBatch", "CommitmentMention", "EventMention", "ParticipantMention", "build_tables",
           "extract_article", "extract_articles"]


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
    events = add_sentence_people(doc, add_unplaced_attendees(doc, events))
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
    mentions, commitments = unify_people(mentions, commitments)
    entities = Entities()
    order = order_keys(mentions, published, record_keys)
    mention_to_event = build_event_rows(mentions, order, tables, entities, published)
    build_commitment_rows(commitments, mention_to_event, tables, entities, published)
    tables.entities = entities.finish()
    if signals is not None:
        signals.update(tables.event_signals)
    return {
        "events": tables.events,
        "event_mentions": tables.event_mentions,
        "participants": tables.participants,
        "commitments": tables.commitments,
        "commitment_mentions": tables.commitment_mentions,
        "entities": tables.entities,
        "quarantine": tables.quarantine,
    }
