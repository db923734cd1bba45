"""Merging the live incremental state into the curated tables, and reusing a generation whose input is unchanged.

Plain steps (no Prefect) that the flow's tasks wrap and tests/flows/layers.py runs in process.
The merge reads, of each state table, only the live rows of the articles that are kept (the
first copy of each text, in raw-folder order) and in the order a run over every file would see
them, so an incremental run gives the rows of a full run on the same input.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from flows import state, state_rows
from flows.quality import ExpectationResult, ValidationOutcome
from flows.store import CuratedStore, Generation
from transforms.articles import drop_duplicate_articles
from transforms.extract import CommitmentMention, EventMention, canonical_spellings, merge_commitments, merge_events

log = logging.getLogger(__name__)

_COMPACT = ["file", "position", "article_id", "source_path", "record_key", "title", "published_date"]
_QUARANTINE_COLUMNS = ("stage", "source_path", "record_key", "reason", "payload")
# An article row as a reader sees it, but for when its file was read (text: by its content_sha256).
_ROW = ("article_id", "source_path", "url", "title", "published_date", "published_date_source", "language",
        "content_sha256", "record_key")
RUN_QUARANTINE = "run_quarantine"  # state: the run's quarantine rows that a run with unchanged input repeats


@dataclass
class Merged:
    """The curated tables of the live state, the quarantine rows they imply, and how many articles are new."""

    tables: dict[str, list[dict] | pa.Table]  # articles: an Arrow table; the others: rows
    quarantine: list[dict] = field(default_factory=list)
    articles_new: int = 0


def merge_state(generation: Generation, manifest: list[dict], new_batches: set[str],
                previous_rows: set[str]) -> Merged:
    """Events, participants, commitments and entities over every live article; the articles table itself.

    generation: the one holding the state batches; manifest: its rows; new_batches: the batches this
    run wrote (their kept articles whose row digest is not in `previous_rows` are the run's new and
    changed articles).
    """
    live = state.live_files(manifest)
    files, folder = generation.files, generation.path
    kept, copies = drop_duplicate_articles(state.read_live(files, folder, "articles", live,
                                                           columns=_COMPACT).to_pylist())
    keep = state.article_keys([a["file"] for a in kept], [a["position"] for a in kept])
    kept_keys = {(a["file"], a["position"]) for a in kept}
    published = {a["article_id"]: a["published_date"] for a in kept}
    # A copy's extraction rows are not the run's: a run over every file never extracts copies.
    quarantine = [{k: q[k] for k in _QUARANTINE_COLUMNS}
                  for q in state.read_live(files, folder, "quarantine", live).to_pylist()
                  if q["position"] is None or (q["file"], q["position"]) in kept_keys]
    # Event mentions, then commitment mentions: the records of the two are never held at once (what
    # build_tables does in one step; people's spellings are settled first, over both).
    events = state.read_live_records(files, folder, "event_mentions", live, EventMention, keep=keep)
    spelling = canonical_spellings(events, [], _commitment_people(files, folder, live, keep))
    merged = merge_events(events, published, {a["article_id"]: str(a["record_key"] or "") for a in kept}, spelling)
    del events
    commitments = state.read_live_records(files, folder, "commitment_mentions", live, CommitmentMention, keep=keep)
    tables = merge_commitments(commitments, merged, published, spelling)
    del commitments, merged
    # The articles stay Arrow (one copy of the texts; never a Python string per text): validated and written
    # as such (flows/quality.py, flows/publish.py).
    articles = state.read_live(files, folder, "articles", live, keep=keep) if kept else None
    new = _count_new(articles, {r["source_path"]: r["batch"] for r in manifest}, new_batches, previous_rows)
    tables["articles"] = articles.drop_columns(["file", "position"]) if kept else []
    return Merged(tables=tables, quarantine=quarantine + copies + tables.pop("quarantine"), articles_new=new)


def _commitment_people(files, folder: str, live: dict[str, list[str]], keep: pa.Array) -> list[str]:
    """The names of the people among the actors of the live commitment mentions (read from Arrow, no records)."""
    table = state.read_live(files, folder, "commitment_mentions", live, columns=["file", "position", "actor_people"],
                            keep=keep)
    if table.num_rows == 0:
        return []
    people = pc.list_flatten(table["actor_people"])
    return pc.filter(pc.struct_field(people, "name"), pc.equal(pc.struct_field(people, "entity_type"), "person")
                     ).to_pylist()


def _count_new(articles: pa.Table | None, batch_of: dict[str, str], new_batches: set[str],
               previous_rows: set[str]) -> int:
    """The articles of this run's batches whose row the previous generation did not hold (texts not read)."""
    if articles is None:
        return 0
    return sum(batch_of[a["file"]] in new_batches and row_digest(a) not in previous_rows
               for a in state_rows.iter_rows(articles.select(["file", *_ROW])))


def row_digest(article: dict) -> str:
    """What tells an article row from its earlier self: its columns but ingested_at (the text by its hash)."""
    return hashlib.sha256(json.dumps([article[k] for k in _ROW], default=str).encode()).hexdigest()


def article_rows(store: CuratedStore, plan: state.Plan) -> set[str]:
    """The digests of the article rows in the committed generation's state (what the run before had made)."""
    if not plan.committed_files:
        return set()
    table = state.read_live(store.files, state.generation_folder(store, plan.committed), "articles",
                            plan.committed_files, columns=["file", "position", *_ROW])
    return {row_digest(a) for a in state_rows.iter_rows(table)}


def saved_results(results: dict[str, list[ExpectationResult]]) -> dict[str, list[dict]]:
    """Validation results as JSON-ready dicts, kept in the generation for a run whose input is unchanged."""
    return json.loads(json.dumps({name: [dataclasses.asdict(r) for r in rs] for name, rs in results.items()},
                                 default=str))


def reused_outcome(store: CuratedStore) -> ValidationOutcome:
    """The validation results of the committed generation: its tables are the ones this run would validate."""
    info = store.generation_info() or {}
    results = {name: [ExpectationResult(**r) for r in rs] for name, rs in (info.get("validation") or {}).items()}
    return ValidationOutcome(tables={}, results=results)


def reused_quarantine(store: CuratedStore) -> list[dict]:
    """The quarantine rows of the run that made the committed generation (those of its input, not its problems
    of the moment), to be repeated by a run whose input is unchanged."""
    table = store.read_state(RUN_QUARANTINE)
    return [] if table is None else table.to_pylist()

