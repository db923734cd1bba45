"""Incremental state: the raw files a generation was built from, and the per-article rows each one gave.

Inside a generation (flows/store.py), never a table:

    _state/raw_files.parquet                   the manifest: one row per raw file read (path, size,
                                               mtime, sha256, an object's tag, its sidecar, its batch)
    _state/articles/<batch>.parquet            article rows (before duplicates are dropped)
    _state/event_mentions/<batch>.parquet      what extraction found in each article
    _state/commitment_mentions/<batch>.parquet
    _state/quarantine/<batch>.parquet          ingest, normalize and extract rows of those files

Every state row names its raw file (`file`) and its article's place in it (`position`); the
rows of a file are live while the manifest says its rows are in that batch. A run reads only new
or changed files into new batches, links the batches of unchanged files into its own generation
(no copy), and merges over the live rows of all of them: the same rows as a run over every file.
State is written inside the generation and committed with the tables by the same rename, so a
killed run never leaves the two out of step.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import numpy as np

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventline.settings import Limits
from flows import raw, state_rows
from flows.files import LocalFiles, ObjectFiles, join
from flows.store import STATE, CuratedStore, Generation
from schemas.tables import SCHEMA_VERSION

log = logging.getLogger(__name__)

STATE_FORMAT = 2  # bump when the layout or meaning of the state files changes
REPACK_SLACK = 4  # batches beyond twice the full ones that unchanged files' rows may be spread over
MANIFEST = "raw_files"
STATE_TABLES = ("articles", "event_mentions", "commitment_mentions", "quarantine")
MANIFEST_SCHEMA = pa.schema([
    ("source_path", pa.string()), ("size_bytes", pa.int64()), ("modified_at", pa.timestamp("us", tz="UTC")),
    ("sha256", pa.string()), ("etag", pa.string()), ("sidecar_path", pa.string()), ("batch", pa.string())])
QUARANTINE_SCHEMA = pa.schema([("file", pa.string()), ("position", pa.int32()), ("seq", pa.int32()),
                               ("stage", pa.string()),
                               ("source_path", pa.string()), ("record_key", pa.string()), ("reason", pa.string()),
                               ("payload", pa.string())])
# The code whose output the state holds: a change to any of it makes the old rows stale.
_CODE_PACKAGES = ("transforms", "schemas")
_CODE_MODULES = ("flows/raw.py", "flows/state.py", "flows/state_rows.py", "flows/stages.py")


# ----------------------------------------------------------------------------- what made the state

@lru_cache(maxsize=1)
def code_version() -> str:
    """sha256 of the code that reads raw files and extracts rows (its source files), and the package version."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parents[1]
    paths = sorted(p for pkg in _CODE_PACKAGES for p in (root / pkg).rglob("*.py"))
    paths += [root / m for m in _CODE_MODULES]
    digest = hashlib.sha256()
    try:
        digest.update(version("eventline").encode())
    except PackageNotFoundError:
        pass
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def reference_digest() -> str:
    """sha256 of every reference file's name and contents: an edit made without a new reference/VERSION
    changes the rules all the same."""
    from transforms.reference import files

    digest = hashlib.sha256()
    for name in files.all_files():
        digest.update(name.encode() + b"\0" + files.read_bytes(name) + b"\0")
    return digest.hexdigest()[:16]


def state_version(limits: Limits) -> dict:
    """What the rows of the state depend on besides the raw files: compared at the start of each run."""
    from transforms.reference import reference_version

    return {"format": STATE_FORMAT, "schema_version": SCHEMA_VERSION, "reference_version": reference_version(),
            "reference_files": reference_digest(), "code": code_version(), "limits": asdict(limits)}


_WHY = {"format": "the state format changed", "schema_version": "the contract's schema_version changed",
        "reference_version": "the reference data changed (reference/VERSION)",
        "reference_files": "the reference data files changed (their contents; bump reference/VERSION with "
                           "every edit)",
        "code": "the extraction code changed (a new eventline)", "limits": "the limits changed (--max-file-mb, "
        "--max-article-chars or --article-seconds)"}


def full_reason(info: dict | None, version: dict, full: bool) -> str | None:
    """Why this run must rebuild from every raw file, or None when it may reuse the committed state."""
    if full:
        return "--full"
    if info is None:
        return "no committed generation yet"
    old = info.get("state")
    if not isinstance(old, dict):
        return "the committed generation has no incremental state (made by an earlier eventline)"
    for key, why in _WHY.items():
        if old.get(key) != version[key]:
            return f"{why}: rows made by the old rules are rebuilt"
    return None


# ----------------------------------------------------------------------------- what a run must read

@dataclass
class Plan:
    """Which raw entries a run reads, which it keeps from the committed state, and which were deleted."""

    read: list[raw.RawFile] = field(default_factory=list)  # new or changed: read and extracted by this run
    fresh: list[raw.RawFile] = field(default_factory=list)  # no article file (problems, other types): every run
    carried: list[dict] = field(default_factory=list)  # manifest rows of unchanged files (and their sidecars)
    deleted: list[str] = field(default_factory=list)
    previous: str | None = None  # the generation whose state the carried rows are in
    full_reason: str | None = None
    committed: str | None = None  # the committed generation (also when this run rebuilds everything)
    committed_files: dict[str, list[str]] = field(default_factory=dict)  # its live state: batch -> files

    @property
    def unchanged(self) -> bool:
        """Nothing to read and nothing gone: the committed tables are this input's tables."""
        return self.previous is not None and self.full_reason is None and not self.read and not self.deleted


def plan_run(store: CuratedStore, entries: list[raw.RawFile], version: dict, full: bool = False) -> Plan:
    """Compare the raw folder with the committed manifest: the size, then the sha256 (or an object's tag)."""
    info = store.generation_info()
    reason = full_reason(info, version, full)
    committed = {r["source_path"]: r for r in read_manifest(store)}
    complete = _complete(store.files, generation_folder(store, store.current()), committed.values())
    if committed and not complete and not reason:
        reason = "the committed state is incomplete (a state file is missing)"
    manifest = {} if reason else committed
    plan = Plan(previous=store.current() if not reason else None, full_reason=reason, committed=store.current(),
                committed_files=live_files(committed.values()) if complete else {})
    seen: set[str] = set()
    for entry in entries:
        if not raw.is_article_file(entry):
            plan.fresh.append(entry)
            continue
        seen.add(entry.rel)
        row = manifest.get(entry.rel)
        same = row is not None and row["batch"] is not None and row["sidecar_path"] == entry.sidecar_rel
        file_row = _unchanged(entry.path, row) if same else None
        side_row = _unchanged(entry.sidecar, manifest.get(entry.sidecar_rel)) if file_row and entry.sidecar else None
        if file_row is None or (entry.sidecar and side_row is None):
            plan.read.append(entry)
            continue
        plan.carried.append(file_row)
        if side_row is not None:
            seen.add(entry.sidecar_rel)
            plan.carried.append({**side_row, "batch": file_row["batch"]})
    plan.deleted = sorted(p for p in manifest if p not in seen and not p.endswith(raw.SIDECAR_SUFFIX))
    if reason:
        log.info("full rebuild: %s", reason)
    log.info("raw folder: %d new or changed files, %d unchanged, %d deleted, %d other entries",
             len(plan.read), sum(r["batch"] is not None and not r["source_path"].endswith(raw.SIDECAR_SUFFIX)
                                 for r in plan.carried), len(plan.deleted), len(plan.fresh))
    return plan


def _unchanged(path: str | None, row: dict | None) -> dict | None:
    """The manifest row of a file whose content is as recorded (with its new mtime and tag), else None.

    A local file is hashed by every run: an edit that keeps the size and the mtime (a tool restoring
    timestamps, a coarse clock, a write during the last read) is still seen, and hashing is cheap next to
    extraction (the 696-file dev corpus: 0.1 s). An object is hashed only when its store's tag (ETag,
    version id) is not the one recorded, or the store gives none.
    """
    if path is None or row is None or row["sha256"] is None:  # never read whole (too large, unreadable): again
        return None
    try:
        size, modified, tag = raw.file_stamp(path)
        if size != row["size_bytes"]:
            return None
        if tag is not None and tag == row.get("etag"):
            return {**row, "modified_at": modified}
        same = raw.file_sha256(path) == row["sha256"]
    except OSError:  # gone or unreadable since it was listed: read (and quarantined) again
        return None
    return {**row, "modified_at": modified, "etag": tag} if same else None


def _complete(files: LocalFiles | ObjectFiles, folder: str | None, manifest) -> bool:
    """True when every batch the manifest names has its file of every state table in generation `folder`."""
    batches = {r["batch"] for r in manifest if r["batch"]}
    return folder is not None and all(files.exists(batch_path(folder, name, b)) for b in batches
                                      for name in STATE_TABLES)


def generation_folder(store: CuratedStore, generation: str | None) -> str | None:
    """Where a generation's files are, as the store's file operations name them."""
    return join(os.fspath(store.generations), generation) if generation else None


def read_manifest(store: CuratedStore) -> list[dict]:
    """The manifest rows of the committed generation (empty when it has none)."""
    table = store.read_state(MANIFEST)
    if table is None or "batch" not in table.column_names:
        return []
    return table.to_pylist()


# ----------------------------------------------------------------------------- writing and carrying batches

def batch_path(folder: Path | str, table: str, batch: str) -> str:
    return join(os.fspath(folder), STATE, table, f"{batch}.parquet")


def write_batch(generation: Generation, batch: str, tables: dict[str, pa.Table]) -> None:
    """One batch's per-article rows, a file per state table (every table, empty ones too)."""
    for name in STATE_TABLES:
        generation.write_state(f"{name}/{batch}", tables[name])


def carry(store: CuratedStore, generation: Generation, plan: Plan) -> None:
    """Link the batches that hold rows of unchanged files into the new generation (no copy)."""
    batches = sorted({r["batch"] for r in plan.carried if r["batch"]})
    if not batches:
        return
    source = generation_folder(store, plan.previous)
    for name in STATE_TABLES:
        for batch in batches:
            generation.adopt_state(f"{name}/{batch}", batch_path(source, name, batch))


def needs_repacking(carried: list[dict], batch_size: int) -> bool:
    """True when the unchanged files' rows are spread over many more batches than they would fill (after many
    small incremental runs): the merge would read a file per run since the last rebuild."""
    files = sum(1 for r in carried if r["batch"] and not r["source_path"].endswith(raw.SIDECAR_SUFFIX))
    batches = len({r["batch"] for r in carried if r["batch"]})
    return batches > 2 * -(-files // max(1, batch_size)) + REPACK_SLACK


def repack(store: CuratedStore, generation: Generation, plan: Plan, batch_size: int, run_id: str) -> list[dict]:
    """The unchanged files' live rows rewritten into full batches of `generation`; their manifest rows, renamed.

    One new batch at a time: memory holds the rows of `batch_size` files.
    """
    source = generation_folder(store, plan.previous)
    owners = {r["source_path"]: r for r in plan.carried if not r["source_path"].endswith(raw.SIDECAR_SUFFIX)}
    sidecar_of = {r["sidecar_path"]: path for path, r in owners.items() if r["sidecar_path"]}
    files, size = sorted(owners), max(1, batch_size)
    renamed: dict[str, str] = {}
    for start in range(0, len(files), size):
        batch = f"{run_id}-r{start // size:05d}"
        live: dict[str, list[str]] = {}
        for path in files[start:start + size]:
            live.setdefault(owners[path]["batch"], []).append(path)
            renamed[path] = batch
        write_batch(generation, batch, {name: read_live(store.files, source, name, live) for name in STATE_TABLES})
    log.info("repacked the state of %d unchanged files into %d batches", len(files), -(-len(files) // size))
    return [{**r, "batch": renamed.get(r["source_path"]) or renamed.get(sidecar_of.get(r["source_path"]), r["batch"])}
            for r in plan.carried]


def manifest_table(rows: list[dict] | pa.Table) -> pa.Table:
    """The manifest, one row per path (a sidecar read twice, for two articles, once), sorted by path (a table
    made so already: itself)."""
    if isinstance(rows, pa.Table):
        return rows
    unique = {r["source_path"]: r for r in rows}
    return pa.Table.from_pylist([unique[p] for p in sorted(unique)], schema=MANIFEST_SCHEMA)


def _paths_and_batches(manifest: list[dict] | pa.Table) -> Iterator[tuple[str, str | None]]:
    if isinstance(manifest, pa.Table):
        return zip(manifest["source_path"].to_pylist(), manifest["batch"].to_pylist())
    return ((row["source_path"], row["batch"]) for row in manifest)


def live_files(manifest: list[dict] | pa.Table) -> dict[str, list[str]]:
    """batch -> the raw files whose live rows it holds (sidecars have no rows of their own); `manifest`: its rows
    or its table."""
    out: dict[str, list[str]] = {}
    for path, batch in _paths_and_batches(manifest):
        if batch and not path.endswith(raw.SIDECAR_SUFFIX):
            out.setdefault(batch, []).append(path)
    return out


def batch_of(manifest: list[dict] | pa.Table) -> dict[str, str | None]:
    """path -> the batch that holds its rows (None for a file read without any)."""
    return dict(_paths_and_batches(manifest))


def article_keys(files: list[str], positions: list[int]) -> pa.Array:
    """Keys of articles (their file and position in it), as `read_live` matches them."""
    return _keys(pa.array(files, pa.string()), pa.array(positions, pa.int32()))


def _keys(files: pa.Array, positions: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise(files, pc.cast(positions, pa.string()), "\x1f")


def _live_parts(files: LocalFiles | ObjectFiles, folder: Path | str, table: str, live: dict[str, list[str]],
                columns: list[str] | None = None, keep: pa.Array | None = None) -> Iterator[pa.Table]:
    """The live rows of one state table, one batch file at a time (in batch order; each in its file's order)."""
    for batch, paths in sorted(live.items()):
        with files.open_read(batch_path(folder, table, batch)) as fh:
            part = pq.read_table(fh, columns=columns)
        part = part.filter(pc.is_in(part["file"], value_set=pa.array(sorted(paths), pa.string())))
        if keep is not None:
            part = part.filter(pc.is_in(_keys(part["file"], part["position"]), value_set=keep))
        yield part


def _sort_keys(table: pa.Table) -> list[tuple[str, str, str]]:
    """Raw-folder order: file, position, then extraction order (the columns of these the table has)."""
    return [(c, "ascending", "at_start") for c in ("file", "position", "seq") if c in table.column_names]


def read_live(files: LocalFiles | ObjectFiles, folder: Path | str, table: str, live: dict[str, list[str]],
              columns: list[str] | None = None, keep: pa.Array | None = None) -> pa.Table:
    """The live rows of one state table, in raw-folder order (file, position, then extraction order).

    `keep`: keys of articles (`article_keys`); only rows of those articles are returned.
    """
    parts = list(_live_parts(files, folder, table, live, columns, keep))
    if not parts:
        return pa.table({c: pa.array([], pa.null()) for c in columns or ()})
    merged = pa.concat_tables(parts)
    order = pc.sort_indices(merged, sort_keys=_sort_keys(merged))
    # Batches written by one run are already in order: no copy of their rows (texts, for articles) then.
    in_order = pc.all(pc.equal(order, pa.array(np.arange(len(order), dtype=order.type.to_pandas_dtype())))).as_py()
    return merged if in_order is not False else merged.take(order)


def read_live_records(files: LocalFiles | ObjectFiles, folder: Path | str, table: str, live: dict[str, list[str]],
                      cls: type, keep: pa.Array | None = None) -> list:
    """The live rows of one state table as records of `cls` (flows/state_rows.py), in `read_live`'s order.

    Converted one batch file at a time: only one batch's Arrow rows are held beside the records. (Reading the
    whole table first held every mention twice over, and Arrow's allocator kept the pages of the copies.)
    The order is `read_live`'s sort applied to the key columns alone, with each row's batch and place.
    """
    shared: dict[str, str] = {}  # short strings shared by all records, as within one batch
    records: list[list] = []
    keys: list[pa.Table] = []
    for i, part in enumerate(_live_parts(files, folder, table, live, keep=keep)):
        rows = part.num_rows
        keys.append(part.select([k for k, _, _ in _sort_keys(part)])
                    .append_column("_part", pa.array(np.full(rows, i, np.int32)))
                    .append_column("_row", pa.array(np.arange(rows, dtype=np.int32))))
        records.append(state_rows.from_table(part, cls, shared))
        del part
    if not keys:
        return []
    ordered = pa.concat_tables(keys)
    ordered = ordered.take(pc.sort_indices(ordered, sort_keys=_sort_keys(ordered)))
    return [records[p][r] for p, r in zip(ordered["_part"].to_numpy(), ordered["_row"].to_numpy())]
