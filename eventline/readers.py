"""Reading the curated tables: the one reader every tool of this package uses, and a DuckDB helper.

Tables are folders of Parquet files (possibly hive-partitioned, e.g. `year=2024/`, and
possibly a symbolic link into a generation folder); files of older runs may lack columns
added since, which read as nulls.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from flows.files import is_remote, location, url_filesystem
from schemas.arrow import arrow_schema
from schemas.tables import TABLES

log = logging.getLogger(__name__)

GENERATIONS, CURRENT, INFO = ".generations", "current", "_generation.json"  # the layout of flows/store.py
COMPACTS_KEY = b"compacts"  # key-value metadata of a compacted history file: the file names it holds (JSON)


class MissingGenerationError(FileNotFoundError):
    """The commit pointer names a generation that is not there (one line, says what to do)."""


def committed_folder(curated: Path | str) -> Path | str:
    """Where the committed generation's tables are, resolved once: read several tables under it to get
    one generation whatever runs commit meanwhile.

    A local folder's `.generations/current` link resolved (the folder itself when it has none: an old
    layout, or a generation folder); on object storage the generation its `current` object names.
    MissingGenerationError when the pointer names a generation that is gone.
    """
    place = location(curated)
    if is_remote(place):
        fs, root = url_filesystem(place)
        try:
            generation = fs.cat_file(f"{root}/{GENERATIONS}/{CURRENT}").decode("utf-8").strip()
        except FileNotFoundError:
            return place
        folder, there = f"{place}/{GENERATIONS}/{generation}", fs.exists(f"{root}/{GENERATIONS}/{generation}/{INFO}")
    else:
        link = place / GENERATIONS / CURRENT
        if not os.path.lexists(link):
            return place
        generation, folder = os.readlink(link), Path(os.path.realpath(link))
        there = (folder / INFO).is_file()
    if not generation or not there:
        raise MissingGenerationError(
            f"{place}/{GENERATIONS}/{CURRENT} names generation {generation!r}, which is missing (deleted by a run "
            f"started on another machine?): run `eventline run --curated {place}` again to commit a whole one")
    return folder


def read_table(curated: Path | str, name: str, columns: list[str] | None = None) -> pa.Table:
    """A curated table with its contract schema (every file under the table's folder, recursively).

    `curated` is a folder or a URL (`s3://bucket/curated`, `file:///srv/curated`): the committed
    generation is the one its `.generations/current` link or object names (`committed_folder`).
    An absent table reads as empty. Hidden files and folders (`.`, `_`: staging, in-progress
    writes) are skipped by pyarrow's discovery; a file of a history table that cannot be read
    is skipped with a warning.
    """
    schema = arrow_schema(name)
    place = location(curated)
    folder = place if TABLES[name].append_only else committed_folder(place)
    if is_remote(folder):
        fs, path = url_filesystem(folder)
        path = f"{path}/{name}"
    else:
        fs, path = None, os.path.realpath(Path(folder) / name)  # the table folder may be a link
    if not (fs.exists(path) if fs else os.path.exists(path)):
        table = schema.empty_table()
    elif TABLES[name].append_only:
        table = _read_history(fs, path, name, schema)
    else:
        table = ds.dataset(path, filesystem=fs, format="parquet", partitioning="hive", schema=schema).to_table()
    return table.select(columns) if columns else table


def _read_history(fs, folder: str, name: str, schema: pa.Schema) -> pa.Table:
    """A history table (runs, quarantine: one file per run, or a compacted file of many) read file by file.

    eventline writes each file whole (under a temporary name first, or one PUT); a torn or
    foreign file someone else put there is skipped with a warning instead of making all
    history unreadable. A file that a compacted file beside it holds (flows/history.py: a
    compaction interrupted before its deletions) is read once, in the compacted file.
    """
    if fs is None:
        paths = sorted(os.fspath(p) for p in Path(folder).glob("*.parquet"))
    else:
        paths = sorted(p for p in fs.ls(folder, detail=False, refresh=True) if p.endswith(".parquet"))
    read: dict[str, pa.Table] = {}
    held: set[str] = set()
    for path in paths:
        try:
            with fs.open(path, "rb") if fs else open(path, "rb") as fh:
                read[path.rsplit("/", 1)[-1]], holds = read_history_file(fh, schema)
            held.update(holds)
        except (pa.ArrowException, OSError, ValueError) as exc:
            log.warning("skipped %s: not a readable Parquet file of table %s (%s); move it out of %s",
                        path, name, exc, folder)
    parts = [table for file, table in read.items() if file not in held]
    return pa.concat_tables(parts) if parts else schema.empty_table()


def read_history_file(source, schema: pa.Schema) -> tuple[pa.Table, list[str]]:
    """One history file (an open binary file or a path): its rows in the contract's `schema`, and the
    names of the files it holds when it is a compacted file. The one per-file reader of the readers
    here and of compaction (flows/history.py), so both see a file alike."""
    parquet = pq.ParquetFile(source)
    return conform(parquet.read(), schema), held_files(parquet.metadata)


def held_files(metadata: pq.FileMetaData) -> list[str]:
    """The file names a compacted history file holds (its `compacts` metadata); none for a run's own file."""
    meta = metadata.metadata or {}
    return list(json.loads(meta[COMPACTS_KEY])) if COMPACTS_KEY in meta else []


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A file's rows with the contract's columns in its order and types: columns added since the file was
    written read as nulls, columns it no longer has are dropped."""
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
               for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def latest_run_id(curated: Path | str) -> str | None:
    """The run_id of the most recent run, or None before the first."""
    runs = read_table(curated, "runs", ["run_id", "started_at"]).to_pylist()
    return max(runs, key=lambda r: r["started_at"])["run_id"] if runs else None


def quarantine_latest(curated: Path | str) -> pa.Table:
    """Quarantine rows of the latest run only: `quarantine` keeps every run's rows."""
    table = read_table(curated, "quarantine")
    run_id = latest_run_id(curated)
    return table.filter(pa.compute.equal(table["run_id"], run_id)) if run_id else table.slice(0, 0)


def duckdb_connect(curated: Path | str, database: str = ":memory:"):
    """A DuckDB connection holding every curated table (read by `read_table`), `quarantine_latest`,
    and each column's description as its comment (`select column_name, comment from duckdb_columns()`)."""
    import duckdb

    con = duckdb.connect(database)
    generation = committed_folder(curated)  # resolved once: every table of one generation
    for name, table in TABLES.items():
        arrow = read_table(curated if table.append_only else generation, name)  # noqa: F841 - DuckDB finds it by name
        con.execute(f'create or replace table "{name}" as select * from arrow')
        for field in table.fields:
            con.execute(f'comment on column "{name}"."{field.name}" is {_literal(field.description)}')
    con.execute("create or replace view quarantine_latest as select * from quarantine where run_id = "
                "(select run_id from runs order by started_at desc limit 1)")
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
