"""History tables (runs, quarantine: one file per run) kept to a bounded number of files by compaction.

Past HISTORY_FILES_MAX files, a run that completed merges every history file but its own into
one `compacted-<run_id>.parquet` (written whole: a temporary name and a rename locally, one PUT
on object storage), whose key-value metadata names the files it holds (`compacts`); then it
deletes them. Our readers (eventline.readers) skip a file that a compacted file present beside
it holds, so they count every run once at every instant; a reader that globs the folder itself
(DuckDB `runs/*.parquet`) may see the merged runs twice in the moment between the write and the
deletions. A run killed in that moment leaves both; the next run deletes what a compacted file
holds (`finish_compactions`).
"""

from __future__ import annotations

import json
import logging

import pyarrow as pa
import pyarrow.parquet as pq

from eventline.readers import COMPACTS_KEY, held_files, read_history_file
from flows.files import LocalFiles, ObjectFiles, join
from flows.parquet import with_metadata
from schemas.arrow import arrow_schema

log = logging.getLogger(__name__)

HISTORY_FILES_MAX = 32  # history files per table before they are compacted
COMPACTED_PREFIX = "compacted-"


def _names(files: LocalFiles | ObjectFiles, folder: str) -> list[str]:
    return [n for n in files.list(folder) if n.endswith(".parquet") and not n.startswith((".", "_"))]


def _holds(files: LocalFiles | ObjectFiles, path: str) -> list[str]:
    """The file names a compacted file holds (empty for any other file, or one that cannot be read)."""
    try:
        with files.open_read(path) as fh:
            return held_files(pq.read_metadata(fh))
    except (pa.ArrowException, OSError, ValueError):
        return []


def finish_compactions(files: LocalFiles | ObjectFiles, folder: str) -> None:
    """Delete the files a compacted file holds, left by a run killed between its write and the deletions."""
    names = set(_names(files, folder))
    for name in sorted(n for n in names if n.startswith(COMPACTED_PREFIX)):
        for held in _holds(files, join(folder, name)):
            if held in names and held != name:
                files.remove(join(folder, held))
                names.discard(held)


def compact_history(files: LocalFiles | ObjectFiles, folder: str, table: str, own_file: str, run_id: str) -> bool:
    """Merge the history files of `table` but `own_file` (the run's own, which stays rewritable) into one,
    when there are more than HISTORY_FILES_MAX; True when it did. Unreadable files are left as they are."""
    names = _names(files, folder)
    if len(names) <= HISTORY_FILES_MAX:
        return False
    schema = arrow_schema(table)
    parts, merged = [], []
    for name in names:
        if name == own_file:
            continue
        try:
            with files.open_read(join(folder, name)) as fh:
                arrow, _ = read_history_file(fh, schema)
        except (pa.ArrowException, OSError, ValueError):
            continue  # a foreign or torn file: our readers skip it with a warning; it is not ours to merge
        parts.append(arrow)
        merged.append(name)
    if len(merged) < 2:
        return False
    rows = pa.concat_tables(parts)
    sink = pa.BufferOutputStream()
    pq.write_table(rows.cast(with_metadata(schema, {"run_id": run_id, COMPACTS_KEY.decode(): json.dumps(merged)})),
                   sink, compression="zstd")
    files.write_whole(join(folder, f"{COMPACTED_PREFIX}{run_id}.parquet"), sink.getvalue().to_pybytes())
    for name in merged:
        files.remove(join(folder, name))
    log.info("compacted %d files of %s into %s%s.parquet (%d rows)", len(merged), folder, COMPACTED_PREFIX, run_id,
             rows.num_rows)
    return True
