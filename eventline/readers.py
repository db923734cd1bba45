"""Reading the curated tables: the one reader every tool of this package uses, and a DuckDB helper.

Tables are folders of Parquet files (possibly hive-partitioned, e.g. `year=2024/`, and
possibly a symbolic link into a generation folder); files of older runs may lack columns
added since, which read as nulls.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.arrow import arrow_schema
from schemas.tables import TABLES

log = logging.getLogger(__name__)

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")


def read_table(curated: Path | str, name: str, columns: list[str] | None = None) -> pa.Table:
    """A curated table with its contract schema (every file under the table's folder, recursively).

    `curated` is a folder or an fsspec URL (`s3://bucket/curated`: the committed generation is
    the one its `.generations/current` object names). An absent table reads as empty. Hidden
    files and folders (`.`, `_`: staging, in-progress writes) are skipped by pyarrow's discovery;
    a file of a history table that cannot be read is skipped with a warning.
    """
    schema = arrow_schema(name)
    if _URL.match(os.fspath(curated)) and not os.fspath(curated).startswith("file://"):
        table = _read_remote(os.fspath(curated), name, schema)
        return table.select(columns) if columns else table
    folder = Path(os.fspath(curated).removeprefix("file://")) / name
    if not folder.exists():
        table = schema.empty_table()
    elif TABLES[name].append_only:
        table = _read_history(folder, schema)
    else:
        # resolve(): the table folder may be a link into a generation folder.
        dataset = ds.dataset(folder.resolve(), format="parquet", partitioning="hive", schema=schema)
        table = dataset.to_table()
    return table.select(columns) if columns else table


def _read_history(folder: Path, schema: pa.Schema) -> pa.Table:
    """A history table (runs, quarantine: one file per run) read file by file.

    eventline writes each file whole, under a temporary name first; a torn or foreign file
    someone else put there is skipped with a warning instead of making all history unreadable.
    """
    parts = []
    for path in sorted(folder.glob("*.parquet")):
        try:
            parts.append(ds.dataset(path, format="parquet", schema=schema).to_table())
        except (pa.ArrowException, OSError, ValueError) as exc:
            log.warning("skipped %s: not a readable Parquet file of table %s (%s); move it out of %s",
                        path, folder.name, exc, folder)
    return pa.concat_tables(parts) if parts else schema.empty_table()


def _read_remote(url: str, name: str, schema: pa.Schema) -> pa.Table:
    """A table under a prefix on object storage, read with fsspec (no links there: a pointer object)."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    root = root.rstrip("/")
    folder = f"{root}/{name}"
    if not TABLES[name].append_only:
        try:
            generation = fs.cat_file(f"{root}/.generations/current").decode("utf-8").strip()
        except FileNotFoundError:
            generation = None
        if generation:
            folder = f"{root}/.generations/{generation}/{name}"
    if not fs.exists(folder):
        return schema.empty_table()
    if not TABLES[name].append_only:
        return ds.dataset(folder, filesystem=fs, format="parquet", partitioning="hive", schema=schema).to_table()
    parts = []
    for path in sorted(p for p in fs.ls(folder, detail=False, refresh=True) if p.endswith(".parquet")):
        try:
            with fs.open(path, "rb") as fh:
                parts.append(pq.read_table(fh, schema=schema))
        except (pa.ArrowException, OSError, ValueError) as exc:
            log.warning("skipped %s: not a readable Parquet file of table %s (%s)", path, name, exc)
    return pa.concat_tables(parts) if parts else schema.empty_table()


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
    for name, table in TABLES.items():
        arrow = read_table(curated, name)  # noqa: F841 - DuckDB finds the local variable by name
        con.execute(f'create or replace table "{name}" as select * from arrow')
        for field in table.fields:
            con.execute(f'comment on column "{name}"."{field.name}" is {_literal(field.description)}')
    con.execute("create or replace view quarantine_latest as select * from quarantine where run_id = "
                "(select run_id from runs order by started_at desc limit 1)")
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
