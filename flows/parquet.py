"""Parquet files of a curated table: year partitions, row groups sized for scans, streaming writes, compaction.

Layout of one table in a generation (README "Partitions"):

    events/year=2023/part-<generation>-0.parquet   events whose start_date is in 2023
    events/year=0/part-<generation>-0.parquet      events without a start_date (0: no year; see below)
    entities/part-<generation>-0.parquet           tables that are not partitioned: one folder of files

File names carry the generation that wrote them (flows/store.py `Generation.table_writer`), so
no name is ever reused for other bytes: a reader that listed a table before a commit and opens
its files after it gets an error, never files of two generations.

Null years are stored under `year=0`, not Hive's `__HIVE_DEFAULT_PARTITION__`: pandas cannot read a
null partition value (pyarrow's "Cannot yet unify dictionaries with nulls"). `year` is not a
contract column and each reader types it its own way (DuckDB and Polars int64, pyarrow
dictionary<int32>, pandas category: README "Reading the tables"). The date column itself stays null.

A `TableWriter` takes batches as they come and keeps, per partition, only the rows of the row
group being filled: memory is bounded by the row-group target (and a cap over all partitions),
never by the table. Row groups aim at ~64 MB of Arrow data (at least 1,024 and at most 1,000,000
rows), the size that column scans and predicate pushdown in DuckDB, Polars and Spark like; only
the last row group of a file is shorter. Rows of a partitioned table are sorted by their date
within each row group, so min/max statistics prune.

`compact_folder` merges the small files of a folder (two or more under SMALL_FILE_BYTES: several
writers' files side by side) and leaves large ones alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from flows.files import LocalFiles, ObjectFiles, join
from schemas.tables import TABLES, Table

log = logging.getLogger(__name__)

ROW_GROUP_BYTES = 64 * 1024 * 1024  # Arrow bytes per row group (uncompressed)
MIN_GROUP_ROWS, MAX_GROUP_ROWS = 1_024, 1_000_000
BUFFER_CAP_BYTES = 256 * 1024 * 1024  # over all partitions: past it, the largest buffer is written early
FILE_BYTES = 1024 * 1024 * 1024  # a file is closed (and a new one begun) past this many Arrow bytes
SMALL_FILE_BYTES = 64 * 1024 * 1024  # Parquet files smaller than this, two or more in a folder, are merged
NO_YEAR = 0  # the partition of rows whose date is null
WHOLE_CHUNK_ROWS = 4096  # rows of a whole table taken (copied) at a time, in the order they are written


def partition_folder(year: int) -> str:
    return f"year={year}"


def group_rows(arrow: pa.Table) -> int:
    """Rows per row group for rows like these: ~ROW_GROUP_BYTES of Arrow data."""
    per_row = max(1, arrow.nbytes // max(1, arrow.num_rows))
    return max(MIN_GROUP_ROWS, min(MAX_GROUP_ROWS, ROW_GROUP_BYTES // per_row))


def with_metadata(schema: pa.Schema, metadata: dict[str, str]) -> pa.Schema:
    return schema.with_metadata({**(schema.metadata or {}), **{k.encode(): v.encode() for k, v in metadata.items()}})


def _years(arrow: pa.Table, column: str) -> pa.Array:
    return pc.fill_null(pc.year(arrow.column(column)), NO_YEAR).combine_chunks()


def _sort_keys(table: Table) -> list[tuple[str, str]]:
    return [(table.partition_year_of, "ascending")] + [(f.name, "ascending") for f in table.fields if f.unique]


def _sorted(arrow: pa.Table, table: Table) -> pa.Table:
    if table.partition_year_of is None or arrow.num_rows < 2:
        return arrow
    return arrow.sort_by(_sort_keys(table))


def _gather(batches: list[pa.RecordBatch], indices: np.ndarray) -> pa.Table:
    """The rows at `indices` (of the batches end to end), in that order, taken batch by batch: pyarrow's take on
    a table of many chunks first joins every chunk into one (a copy of the whole table for each call)."""
    offsets = np.cumsum([0] + [b.num_rows for b in batches])
    which = np.searchsorted(offsets, indices, side="right") - 1
    pieces, places = [], []
    for c in np.unique(which):
        at = np.flatnonzero(which == c)
        pieces.append(batches[c].take(pa.array(indices[at] - offsets[c])))
        places.append(at)
    rows = pa.Table.from_batches(pieces).combine_chunks()
    return rows.take(pa.array(np.argsort(np.concatenate(places), kind="stable")))


class _Abandoned(Exception):
    """Raised into an open file's context when its table writer gives up on it."""


@dataclass
class _Part:
    """One partition (or the whole table) being written: its open file and the rows not yet written."""

    folder: str
    buffer: list[pa.Table] = field(default_factory=list)
    buffered_rows: int = 0
    buffered_bytes: int = 0
    written_bytes: int = 0
    files: int = 0
    writer: pq.ParquetWriter | None = None
    handle: object = None


class TableWriter:
    """Writes one table into a generation folder, batch by batch (`write`), then `close`.

    `prefix` names its files (`<prefix>-0.parquet`, `<prefix>-1.parquet`, ...): writers of one
    table in one generation (a streaming run's batches, an incremental run beside adopted files)
    use different prefixes.
    """

    def __init__(self, files: LocalFiles | ObjectFiles, folder: str, name: str, schema: pa.Schema,
                 metadata: dict[str, str], prefix: str = "part", partitioned: bool = True):
        self.files, self.folder, self.table = files, folder, TABLES[name]
        self.partition_by = self.table.partition_year_of if partitioned else None
        self.schema = with_metadata(schema, metadata)
        self.prefix = prefix
        self.parts: dict[int | None, _Part] = {}
        self.rows = 0
        self.group_rows: int | None = None
        self.in_order = False  # every row so far came in the order it is written in (write_whole): no sorting
        files.make_folder(folder)

    def write(self, arrow: pa.Table) -> None:
        """Add rows (already of the table's schema); full row groups are written at once."""
        if arrow.num_rows == 0:
            return
        arrow = arrow.cast(self.schema)
        self.rows += arrow.num_rows
        self.in_order = False
        if self.group_rows is None:
            self.group_rows = group_rows(arrow)
        if self.partition_by is None:
            self._add(None, arrow)
        else:
            years = _years(arrow, self.partition_by)
            for year in pc.unique(years).to_pylist():
                self._add(year, arrow.filter(pc.equal(years, year)))
        total = sum(p.buffered_bytes for p in self.parts.values())
        while total > BUFFER_CAP_BYTES:
            biggest = max(self.parts.values(), key=lambda p: p.buffered_bytes)
            total -= biggest.buffered_bytes
            self._flush(biggest, whole=True)

    def write_whole(self, arrow: pa.Table) -> None:
        """Add a whole table (already of the table's schema): the rows `write` would write, in the same files
        and row groups, without a copy of the table beside it. Its rows are put in the order they are written
        in (by partition, then date and id) once, taken a chunk at a time, and each partition is written out
        when its last chunk is in: memory holds a chunk and a row group of copies, not the table's."""
        if self.partition_by is None or arrow.num_rows <= WHOLE_CHUNK_ROWS:
            self.write(arrow)
            return
        arrow = arrow.cast(self.schema)
        self.in_order = self.rows == 0
        self.rows += arrow.num_rows
        if self.group_rows is None:
            self.group_rows = group_rows(arrow)
        order = pc.sort_indices(arrow, sort_keys=_sort_keys(self.table)).to_numpy().astype(np.int64)
        years = _years(arrow, self.partition_by).to_numpy()[order]
        batches = arrow.to_batches()
        for start in range(0, arrow.num_rows, WHOLE_CHUNK_ROWS):
            chunk = _gather(batches, order[start:start + WHOLE_CHUNK_ROWS])
            cuts = [0, *(np.flatnonzero(np.diff(years[start:start + chunk.num_rows])) + 1), chunk.num_rows]
            for a, b in zip(cuts, cuts[1:]):
                year = int(years[start + a])
                done = [p for k, p in self.parts.items() if k != year and p.buffer]
                for part in done:  # rows come in partition order: no more rows of these
                    self._flush(part, whole=True)
                self._add(year, chunk.slice(a, b - a))

    def flush_partitions(self, keys) -> None:
        """Write out what the partitions `keys` buffer: no more rows of them will come (their last row group)."""
        for key in keys:
            part = self.parts.get(key)
            if part is not None and part.buffer:
                self._flush(part, whole=True)

    def _add(self, key: int | None, arrow: pa.Table) -> None:
        part = self.parts.get(key)
        if part is None:
            folder = self.folder if key is None else join(self.folder, partition_folder(key))
            part = self.parts[key] = _Part(folder)
        part.buffer.append(arrow)
        part.buffered_rows += arrow.num_rows
        part.buffered_bytes += arrow.nbytes
        if part.buffered_rows >= self.group_rows:
            self._flush(part)

    def _flush(self, part: _Part, whole: bool = False) -> None:
        """Write the buffer's full row groups, keeping the rest for the next ones; all of it when `whole`
        (closing, or memory past its cap): one short row group per file at most, not one per batch."""
        if not part.buffer:
            return
        rows = pa.concat_tables(part.buffer)
        rows = rows if self.in_order else _sorted(rows, self.table)
        step = self.group_rows or max(1, rows.num_rows)
        kept = rows.slice(rows.num_rows - rows.num_rows % step) if not whole else rows.slice(rows.num_rows)
        rows = rows.slice(0, rows.num_rows - kept.num_rows)
        part.buffer = [kept] if kept.num_rows else []
        part.buffered_rows, part.buffered_bytes = kept.num_rows, kept.nbytes
        if rows.num_rows == 0 and not whole:
            return
        if part.writer is not None and part.written_bytes >= FILE_BYTES:
            self._close_file(part)
        if part.writer is None:
            self.files.make_folder(part.folder)
            path = join(part.folder, f"{self.prefix}-{part.files}.parquet")
            handle = self.files.open_new(path)
            sink = handle.__enter__()
            part.handle = handle
            part.writer = pq.ParquetWriter(sink, self.schema, compression="zstd")
            part.files += 1
            part.written_bytes = 0
        for start in range(0, rows.num_rows, step):  # no rows: the file holds the schema alone
            part.writer.write_table(rows.slice(start, step), row_group_size=step)
        part.written_bytes += rows.nbytes

    def _close_file(self, part: _Part) -> None:
        part.writer.close()
        part.writer = None
        handle, part.handle = part.handle, None
        handle.__exit__(None, None, None)

    def close(self) -> int:
        """Write what is buffered and close every file; the rows written.

        A table without rows still gets one empty file (its schema), so that every reader finds it.
        """
        if not self.parts:
            empty_key = None if self.partition_by is None else NO_YEAR
            folder = self.folder if empty_key is None else join(self.folder, partition_folder(empty_key))
            self.parts[empty_key] = _Part(folder, buffer=[self.schema.empty_table()])
        try:
            for part in self.parts.values():
                self._flush(part, whole=True)
                self._close_file(part)
        except BaseException:
            self.abandon()
            raise
        return self.rows

    def abandon(self) -> None:
        """Close the open files after a failure (the generation they are in is never committed)."""
        for part in self.parts.values():
            if part.handle is not None:
                writer, handle = part.writer, part.handle
                part.writer, part.handle, part.buffer = None, None, []
                try:
                    if writer is not None:
                        writer.close()
                except (OSError, ValueError, pa.ArrowException):
                    pass  # the file is abandoned anyway
                finally:
                    # Exited as by an error: the file is closed, not flushed or fsync'ed (nor uploaded).
                    handle.__exit__(_Abandoned, _Abandoned(), None)


def data_folders(files: LocalFiles | ObjectFiles, table_folder: str) -> list[str]:
    """The folders of a table that hold its files: the partitions, or the table folder itself."""
    subs = [join(table_folder, n) for n in files.list(table_folder) if n.startswith("year=")]
    return subs or [table_folder]


def compact_folder(files: LocalFiles | ObjectFiles, folder: str, name: str, schema: pa.Schema,
                   metadata: dict[str, str], prefix: str) -> bool:
    """Merge the small Parquet files of one folder (under SMALL_FILE_BYTES each, two or more of them) into
    row-group-sized files; True when it did. Files already large are left as they are: a folder of big
    files is never rewritten. Only for folders no reader sees (an uncommitted generation)."""
    names = [n for n in files.list(folder) if n.endswith(".parquet") and not n.startswith((".", "_"))]
    small = [p for p in (join(folder, n) for n in names) if files.size(p) < SMALL_FILE_BYTES]
    if len(small) < 2:
        return False
    writer = TableWriter(files, folder, name, schema, metadata, prefix=prefix, partitioned=False)
    # Read with the table's schema, as eventline.readers does: a file written before a column was
    # added gives nulls in it. Batch by batch: memory holds a row group, never the folder.
    for batch in ds.dataset(small, format="parquet", schema=schema, filesystem=files.filesystem()).to_batches():
        writer.write(pa.Table.from_batches([batch], schema=schema))
    writer.close()
    for path in small:
        files.remove(path)
    log.info("compacted %d small files of %s into %d", len(small), folder, sum(p.files for p in writer.parts.values()))
    return True
