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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows import allocator, state, state_rows
from flows.apart import run_apart
from flows.quality import ExpectationResult, ValidationOutcome
from flows.state_articles import TEXT, StateArticles
from flows.store import CuratedStore, Generation, to_arrow
from schemas.tables import TABLES
from transforms.articles import drop_duplicate_articles
from transforms.extract import CommitmentMention, EventMention, canonical_spellings, merge_commitments, merge_events

log = logging.getLogger(__name__)

_COMPACT = ["file", "position", "article_id", "source_path", "record_key", "title", "published_date"]
_QUARANTINE_COLUMNS = ("stage", "source_path", "record_key", "reason", "payload")
# An article row as a reader sees it, but for when its file was read (text: by its content_sha256).
_ROW = ("article_id", "source_path", "url", "title", "published_date", "published_date_source", "language",
        "content_sha256", "record_key")
RUN_QUARANTINE = "run_quarantine"  # state: the run's quarantine rows that a run with unchanged input repeats
# Tables held as Arrow from the merge to their Parquet files: those with rows per mention (they grow with the
# corpus), of strings and integers only. (A list column would come out sorted and deduplicated, and
# validation must see such a column as the merge made it.)
EVENT_ARROW_TABLES = ("event_mentions", "participants")
COMMITMENT_ARROW_TABLES = ("commitment_mentions",)


@dataclass
class Merged:
    """The curated tables of the live state, the quarantine rows they imply, and how many articles are new."""

    # articles: StateArticles (texts left in the state); the *_ARROW_TABLES: Arrow tables; the others: rows
    tables: dict[str, list[dict] | pa.Table | StateArticles]
    quarantine: list[dict] = field(default_factory=list)
    articles_new: int = 0


# Past this many live raw files, the merge runs in a process of its own (`merge_apart`).
APART_FILES = 4096


def merge_apart(generation: Generation, manifest: list[dict] | pa.Table, new_batches: set[str],
                previous_rows: set[str]) -> Merged:
    """`merge_state`, in a spawned process of its own when the state has more than APART_FILES live files.

    The merge holds every mention as a Python record while it clusters them: millions of small objects at
    100,000 articles, which, freed, stayed resident in this process through validation and writing (the rows
    the merge keeps are spread over CPython's arenas: 1,225 MB resident after a merge of 97,027 articles here,
    562 MB with it apart; docs/scaling.md). In a process of its own (flows/apart.py) that memory ends with the
    process, and only the merged tables come back. Same function, same rows; a small state is merged here (a
    spawned process costs a few seconds of imports).
    """
    files = sum(map(len, state.live_files(manifest).values()))
    if files <= APART_FILES:
        return merge_state(generation, manifest, new_batches, previous_rows)
    log.info("merging the state of %d raw files in a process of its own", files)
    return run_apart(merge_state, generation, manifest, new_batches, previous_rows)


def merge_state(generation: Generation, manifest: list[dict] | pa.Table, new_batches: set[str],
                previous_rows: set[str]) -> Merged:
    """Events, participants, commitments and entities over every live article; the articles table itself.

    generation: the one holding the state batches; manifest: its rows, or its table; new_batches: the batches this
    run wrote (their kept articles whose row digest is not in `previous_rows` are the run's new and
    changed articles).
    """
    live = state.live_files(manifest)
    files, folder = generation.files, generation.path
    kept, copies = first_copies(state.read_live(files, folder, "articles", live, columns=_COMPACT))
    keep = state.article_keys(kept["file"], kept["position"])
    ids = kept["article_id"].to_pylist()
    published = dict(zip(ids, kept["published_date"].to_pylist()))
    record_keys = {a: str(k or "") for a, k in zip(ids, kept["record_key"].to_pylist())}
    del ids
    quarantine = _live_quarantine(files, folder, live, keep)
    # Event mentions, then commitment mentions: the records of the two are never held at once (what
    # build_tables does in one step; people's spellings are settled first, over both).
    allocator.release()  # after each read of the state: the Arrow buffers it freed, not kept beside the records
    events = state.read_live_records(files, folder, "event_mentions", live, EventMention, keep=keep)
    allocator.release()
    spelling = canonical_spellings(events, [], _commitment_people(files, folder, live, keep))
    merged = merge_events(events, published, record_keys, spelling)
    del events
    # Rows per mention become Arrow as soon as they are made (vars(): the Tables' own attributes, emptied), so
    # that the event rows are not held as Python beside the commitment records.
    arrow = hand_over(vars(merged.tables), EVENT_ARROW_TABLES)
    commitments = state.read_live_records(files, folder, "commitment_mentions", live, CommitmentMention, keep=keep)
    allocator.release()
    tables = merge_commitments(commitments, merged, published, spelling)
    del commitments, merged
    tables.update(arrow)
    tables.update(hand_over(tables, COMMITMENT_ARROW_TABLES))
    # The articles without their texts, which stay in the state's batch files: read a batch file at a time when
    # validated and written (flows/state_articles.py, flows/quality.py, flows/publish.py).
    articles = _state_articles(files, folder, live, keep) if kept.num_rows else None
    new = _count_new(None if articles is None else articles.table, state.batch_of(manifest), new_batches,
                     previous_rows)
    tables["articles"] = articles if articles is not None else []
    return Merged(tables=tables, quarantine=quarantine + copies + tables.pop("quarantine"), articles_new=new)


def _state_articles(files, folder: str, live: dict[str, list[str]], keep: pa.Array) -> StateArticles:
    """The kept articles, every column but the text (with their keys in the state), in raw-folder order."""
    with files.open_read(state.batch_path(folder, "articles", min(live))) as fh:
        schema = pq.read_schema(fh)
    columns = [c for c in schema.names if c not in ("file", "position")]
    table = state.read_live(files, folder, "articles", live, columns=[c for c in schema.names if c != TEXT],
                            keep=keep)
    return StateArticles(table, files, folder, live, columns, schema.field(TEXT))


def first_copies(articles: pa.Table) -> tuple[pa.Table, list[dict]]:
    """The first row of each article id (rows in raw-folder order), and the quarantine rows of the later copies
    (drop_duplicate_articles's: only the rows of ids told more than once become Python rows)."""
    if articles.num_rows == 0:
        return pa.table({"file": pa.array([], pa.string()), "position": pa.array([], pa.int32()),
                         "article_id": pa.array([], pa.string()), "published_date": pa.array([], pa.date32()),
                         "record_key": pa.array([], pa.string())}), []
    codes = pc.dictionary_encode(articles["article_id"]).combine_chunks().indices.to_numpy()
    first = np.zeros(len(codes), dtype=bool)
    first[np.unique(codes, return_index=True)[1]] = True
    repeated = np.isin(codes, codes[~first])
    return articles.filter(first), drop_duplicate_articles(articles.filter(repeated).to_pylist())[1]


def _live_quarantine(files, folder: str, live: dict[str, list[str]], keep: pa.Array) -> list[dict]:
    """The state's quarantine rows of the live files: a file's own, and those of its kept articles (a copy's
    extraction rows are not the run's: a run over every file never extracts copies)."""
    table = state.read_live(files, folder, "quarantine", live)
    if table.num_rows == 0:
        return []
    article = state.article_keys(table["file"], table["position"])
    table = table.filter(pc.or_kleene(pc.is_null(table["position"]), pc.is_in(article, value_set=keep)))
    return table.select(list(_QUARANTINE_COLUMNS)).to_pylist()


def hand_over(tables: dict[str, list[dict]], names: tuple[str, ...]) -> dict[str, pa.Table]:
    """The rows of the tables `names` as Arrow tables of their contract's schema, their Python rows released
    (emptied in `tables`). A table with a row that cannot take the contract's types stays rows: validation
    quarantines that row, as it does in any table given as rows."""
    out = {}
    for name in names:
        arrow, bad = to_arrow(tables[name], TABLES[name])
        if not bad:
            out[name], tables[name] = arrow, []
    return out


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

