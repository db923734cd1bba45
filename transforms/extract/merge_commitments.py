"""Merge commitment mentions told more than once into one commitment, and build the commitment rows.

Grain: commitments = one row per real commitment; commitment_mentions = one row per
(commitment, article, sentence) that tells it.

A release, a blog that retells it, and a second report of the same meeting state one pledge
several times; the commitments table has one row per real commitment. A telling repeated word
for word in another document (a copy, an archive, a syndicated release) is the same
commitment as its twin (tellings.py). Two other mentions are one commitment when they have
the same parties and modality and
* come from different sections of one document (a lead that retells its embedded readouts)
  and describe the same thing: mostly the same words once the action verb is set aside ("have
  agreed to hold the Summit this month" / "have agreed to host the Summit next month"), or
* come from different documents, are linked to the same event, have the same action and nearly the
  same description, or
* come from one article with the same action and all but the same words (a summary that
  repeats a paragraph). Within one text, parallel clauses ("shall not impose digital services
  taxes ..." / "shall not impose value-added taxes ...") are different commitments.
Mentions of one document linked to different events still merge: a lead that retells its sections
often attaches what it retells to the wrong occasion.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from transforms.extract.records import CommitmentMention, ParticipantMention
from transforms.extract.rows import Entities, Tables, quarantine_row
from transforms.extract.tellings import commitment_telling, distinct_tellings, document_of, twins

_WORD = re.compile(r"[a-z0-9]+")
_SUFFIX = re.compile(r"(?:ing|ed|es|s|e)$")
_STOP = frozenset("""a an the of to in on at by for with from into and or as its their his her our this that these those
each other such all both be is are was were will shall should must also further more new well so than rather which
who whom whose it they we he she them us two sides side parties party countries country""".split())
# Share of the shorter description's words the other must hold (and at least _MIN_SHARED of them):
# sections of one file with the same action / another action; other files; one article.
_SAME_ACTION = 0.6
_OTHER_ACTION = 0.75
_OTHER_FILE = 0.8
_SAME_ARTICLE = 0.9
_MIN_SHARED = 3


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem that folds inflections ("adhering"/"adhere", "countries"/"country") and nothing more."""
    if len(word) > 4:
        word = _SUFFIX.sub("", word)
    return word[:6]


@lru_cache(maxsize=16384)
def _content(description: str, action: str) -> frozenset[str]:
    """Stems of a description's content words, without the action's own words."""
    verb = {_stem(w) for w in _WORD.findall(action.lower())}
    return frozenset(s for s in (_stem(w) for w in _WORD.findall(description.lower()) if w not in _STOP)
                     if s not in verb)


def _similar(a: CommitmentMention, b: CommitmentMention, same_document: bool) -> float | None:
    """Share of the shorter description's content found in the other; None when they are not one commitment."""
    wa, wb = _content(a.description, a.action), _content(b.description, b.action)
    if not wa or not wb:
        return None
    shared = len(wa & wb)
    small = min(len(wa), len(wb))
    ratio = shared / small
    if a.article_id == b.article_id:
        if a.action != b.action or len(wa | wb) > small / _SAME_ARTICLE:
            return None  # one text: only a repetition of all but the same words
        need = _SAME_ARTICLE
    elif same_document:
        need = _SAME_ACTION if a.action == b.action else _OTHER_ACTION
    elif a.action == b.action:
        need = _OTHER_FILE
    else:
        return None
    # A short description must be found whole in the other ("support Ukraine" in a longer one).
    if shared < min(_MIN_SHARED, small) or ratio < need:
        return None
    return ratio


def authority_key(c: CommitmentMention) -> tuple:
    """Best mention first: a section with its own date, then the fullest description, then text order."""
    return (-c.authority, -len(c.description), c.article_id, c.char_start, c.commitment_id)


def cluster_commitments(commitments: list[CommitmentMention], event_of: dict[str, str | None],
                        published: dict[str, dt.date | None] | None = None) -> list[list[CommitmentMention]]:
    """Groups of mentions that state one commitment, best mention first; event_of: commitment_id -> event id,
    published: article_id -> publication date (a telling without an event twins one of the same day)."""
    published = published or {}
    twin = twins(commitments, lambda c: commitment_telling(c, event_of.get(c.commitment_id),
                                                           published.get(c.article_id)),
                 document_of, authority_key)
    clusters = _cluster([c for i, c in enumerate(commitments) if i not in twin], event_of)
    where = {id(c): group for group in clusters for c in group}
    for i, j in sorted(twin.items()):
        where[id(commitments[j])].append(commitments[i])
    return clusters


def _cluster(commitments: list[CommitmentMention], event_of: dict[str, str | None]) -> list[list[CommitmentMention]]:
    """Groups of distinct tellings, each joining the most similar group it may be (`_similar`) or founding one."""
    clusters: list[list[CommitmentMention]] = []
    sections: dict[str, set[str]] = {}
    for c in commitments:
        sections.setdefault(document_of(c), set()).add(c.article_id)
    # Where a mention's possible partners are: its article (same action), the other sections of its
    # file (a file of one article has none), and its event in other files (same action).
    index: dict[tuple, list[int]] = {}
    for c in sorted(commitments, key=authority_key):
        parties = c.parties  # sorted and unique
        event = event_of.get(c.commitment_id)
        keys = [("article", c.article_id, parties, c.modality, c.action)]
        if len(sections[document_of(c)]) > 1:
            keys.append(("document", document_of(c), parties, c.modality))
        if event:
            keys.append(("event", event, parties, c.modality, c.action))
        best, best_ratio = None, 0.0
        for key in keys:
            same_document = key[0] != "event"
            for i in index.get(key, ()):
                rep = clusters[i][0]
                if key[0] == "document" and rep.article_id == c.article_id or key[0] == "event" and (
                        document_of(rep) == document_of(c)):
                    continue  # each pair is weighed once, by the rule of its kind
                rep_event = event_of.get(rep.commitment_id)
                if key[0] == "article" and event and rep_event and event != rep_event:
                    continue  # one text, two occasions ("They agreed to stay in close touch" after each call)
                ratio = _similar(rep, c, same_document)
                if ratio is not None and (ratio > best_ratio or ratio == best_ratio and best is not None and i < best):
                    best, best_ratio = i, ratio
        if best is not None:
            clusters[best].append(c)
            continue
        clusters.append([c])
        for key in keys:
            index.setdefault(key, []).append(len(clusters) - 1)
    return clusters


def _commitment_mentions(commitment_id: str, group: list[CommitmentMention]) -> list[dict]:
    """One commitment_mentions row per sentence that tells the commitment, in one article or many."""
    rows, seen = [], set()
    for m in group:
        span = (m.article_id, m.char_start)  # the table's key: a sentence starts once
        if span not in seen:
            seen.add(span)
            rows.append({"commitment_id": commitment_id, "article_id": m.article_id, "char_start": m.char_start,
                         "char_end": m.char_end, "evidence": m.evidence})
    return rows


def build_commitment_rows(commitments: list[CommitmentMention], mention_to_event: dict[str, str],
                          tables: Tables, entities: Entities, published: dict[str, dt.date | None] | None = None) -> None:
    """Commitments with their event ids, one row per commitment however often it is told (the best
    mention's row, its confidence raised by the other sentences that tell it) and one commitment_mentions
    row per telling; parties, officials and organizations become entities."""
    unique: dict[str, CommitmentMention] = {}
    for c in commitments:
        unique.setdefault(c.commitment_id, c)
    told = {cid: i for i, cid in enumerate(unique)}  # clause order within a sentence
    rows: list[tuple[tuple, dict, list[CommitmentMention]]] = []
    event_of = {cid: mention_to_event.get(c.event_mention_id) if c.event_mention_id else None
                for cid, c in unique.items()}
    for group in cluster_commitments(list(unique.values()), event_of, published):
        c = group[0]
        event_id, due = event_of[c.commitment_id], c
        if len(group) > 1:
            # The best mention's event and due date; when it states none, those another telling gives.
            event_id = event_id or next((event_of[o.commitment_id] for o in group if event_of[o.commitment_id]), None)
            due = c if c.due_date else next((o for o in group if o.due_date), c)
        row = {
            "commitment_id": c.commitment_id,
            "event_id": event_id,
            "parties": sorted(set(c.parties)),
            "actor_text": c.actor_text,
            "modality": c.modality,
            "action": c.action,
            "description": c.description,
            "topic": c.topic,
            "due_date": due.due_date,
            "due_precision": due.due_precision,
            "article_id": c.article_id,
            "evidence": c.evidence,
            "char_start": c.char_start,
            "char_end": c.char_end,
            "confidence": round(min(0.99, c.confidence + 0.02 * (distinct_tellings(group) - 1)), 3),
        }
        if not (row["parties"] or c.actor_people or c.actor_orgs):
            # An organization ("NATO will ...") or an official is an actor without a country party;
            # a subject that is none of these was not understood.
            tables.quarantine.append(quarantine_row(c, c.commitment_id, "commitment subject not resolved to a country, "
                                                 "official or organization", row))
            continue
        for code in row["parties"]:
            entities.add(ParticipantMention("country", code, code, None, code, "participant", None, None))
        for actor in c.actor_people + c.actor_orgs:
            entities.add(actor)
        rows.append(((c.article_id, c.char_start, told[c.commitment_id]), row, group))
    for _, row, group in sorted(rows, key=lambda r: r[0]):
        tables.commitments.append(row)
        tables.commitment_mentions.extend(_commitment_mentions(row["commitment_id"], group))


__all__ = ["authority_key", "build_commitment_rows", "cluster_commitments"]
