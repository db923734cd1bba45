"""The curated folder: tables committed together in generations, history kept one file per run.

Layout (README "Curated folder"):

    curated/
      .eventline.lock                  one run at a time (an OS lock)
      .generations/
        current -> <generation>        THE commit point: one rename(2) switches every table
        previous -> <generation>       the one before (kept for readers still on it, and rollback)
        <generation>/                  a complete set of tables, written before it is committed
          <table>/part-<generation>-0.parquet    file names unique to the generation
          _state/                      internal state of the pipeline, never a table
          _generation.json             what the generation holds and the run that made it
      <table> -> .generations/current/<table>     stable paths: read `events/**/*.parquet` (partitions too)
      runs/run-<run_id>.parquet        history: one file per run, written whole (temp name + rename)
      quarantine/run-<run_id>.parquet

A run writes a whole new generation, then switches `current` with one rename: readers see the
whole previous generation or the whole new one, at every instant. A kill at any moment leaves
an uncommitted generation or temporary files, which the next run removes.

What builds on it: state an incremental run needs (the raw file manifest, `_state/raw_files`, and
the per-article rows of each batch of files, `_state/<table>/<batch>.parquet`: flows/state.py) is
committed with the tables it describes (`Generation.write_state`, `adopt_state`, `CuratedStore.read_state`);
a table may be several files or hive partitions (`year=2024/part-0.parquet`, read by
eventline.readers, written by flows/parquet.py). Object storage has neither links nor an atomic
rename: there `current` is a small pointer object, written last, that readers resolve
(flows/object_store.py; `open_store` picks the store of a folder or a URL).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import json
import logging
import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from flows import io
from flows.files import LocalFiles, ObjectFiles, is_remote, join
from flows.history import compact_history, finish_compactions
from flows.io import TMP_MARK, FatalRunError
# The lock is its own light module (taken before Prefect starts); the store's API includes it.
from flows.lock import LOCK, holds_lock, run_lock  # noqa: F401
from flows.parquet import TableWriter, compact_folder, data_folders, with_metadata
from eventline.readers import CURRENT, GENERATIONS, INFO, read_table
from schemas.arrow import arrow_schema, enforce_schema
from schemas.tables import CURATED_TABLES, SCHEMA_VERSION, TABLES, Table

log = logging.getLogger(__name__)

PREVIOUS = "previous"
STATE = "_state"
HISTORY_TABLES = tuple(name for name, t in TABLES.items() if t.append_only)
GENERATION_TABLES = tuple(name for name, t in TABLES.items() if not t.append_only)
_OLD_LAYOUT_LEFTOVER = re.compile(r"^\.(?P<table>\w+)\.(?:tmp|old)-")  # staging folders of the old writer


def history_file(run_id: str) -> str:
    return f"run-{run_id}.parquet"


def open_store(place: Path | str) -> "CuratedStore":
    """The curated store at a folder or an object-storage URL (flows/object_store.py)."""
    if is_remote(place):
        from flows.object_store import ObjectCuratedStore

        return ObjectCuratedStore(os.fspath(place))
    return CuratedStore(Path(place))


# ----------------------------------------------------------------------------- reading

class CuratedStore:
    """The curated folder of one pipeline: reading the committed tables, writing and committing generations."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.generations = self.root / GENERATIONS
        self.files = LocalFiles(self.root)

    # ---- what is committed

    def current(self) -> str | None:
        """Name of the committed generation, or None before the first commit."""
        try:
            return os.readlink(self.generations / CURRENT)
        except OSError:
            return None

    def generation_info(self, generation: str | None = None) -> dict | None:
        """The _generation.json of a generation (default: the committed one)."""
        generation = generation or self.current()
        if generation is None:
            return None
        try:
            return json.loads((self.generations / generation / INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def read_table(self, name: str) -> pa.Table:
        """A curated table as last committed (history tables: every readable run file); empty when none."""
        generation = self.current()
        if TABLES[name].append_only or generation is None:
            return read_table(self.root, name)
        return read_table(self.generations / generation, name)  # one generation, whatever commits meanwhile

    def read_state(self, name: str) -> pa.Table | None:
        """Internal state `name` saved with the committed generation (e.g. the raw file inventory)."""
        generation = self.current()
        path = self.generations / generation / STATE / f"{name}.parquet" if generation else None
        if path is None or not path.is_file():
            return None
        try:
            return pq.read_table(path)
        except (pa.ArrowException, OSError) as exc:
            log.warning("cannot read pipeline state %s (%s): treating it as absent", path, exc)
            return None

    # ---- writing

    def begin(self, generation: str) -> "Generation":
        """A new generation to fill; nothing in it is visible until `commit`."""
        folder = self.generations / generation
        if folder.exists():
            io.remove(folder)
        io.make_folder(folder)
        return Generation(self, generation, folder)

    def commit(self, generation: "Generation") -> None:
        """Make `generation` the committed one: table links first, then one rename of `current`."""
        for name in generation.tables:
            if not os.path.lexists(self.root / name):
                io.link(f"{GENERATIONS}/{CURRENT}/{name}", self.root / name)
        old = self.current()
        if old is not None and old != generation.name:
            io.link(old, self.generations / PREVIOUS)
        io.link(generation.name, self.generations / CURRENT)
        log.info("committed generation %s (%s)", generation.name,
                 ", ".join(f"{k}={v}" for k, v in generation.tables.items()))

    def write_history(self, name: str, run_id: str, rows: list[dict]) -> int:
        """This run's rows of a history table (runs, quarantine): one file, replaced whole."""
        arrow = history_arrow(name, run_id, rows)
        folder = self.root / name
        io.make_folder(folder)
        io.write_file(folder / history_file(run_id), lambda tmp: pq.write_table(arrow, tmp, compression="zstd"))
        log.info("wrote %s: %d rows -> %s", name, arrow.num_rows, folder / history_file(run_id))
        return arrow.num_rows

    # ---- recovery and cleaning (under the lock, at the start and end of a run)

    def recover(self) -> list[dict]:
        """Bring the folder to the committed state after any earlier kill; the dead runs' rows, to fix.

        Migrates an old-layout folder, removes uncommitted generations and temporary files, and
        returns the `runs` rows still marked running (their process died: nobody else holds the lock).
        """
        io.make_folder(self.root)
        self._migrate()
        self.clean()
        runs = self.read_table("runs")
        return [r for r in runs.to_pylist() if r["status"] == "running"] if runs is not None else []

    def clean(self) -> None:
        """Remove what no committed state uses: other generations, temporary files and links."""
        keep = {CURRENT, PREVIOUS, self.current(), self._readlink(PREVIOUS)}
        if self.generations.is_dir():
            for entry in sorted(self.generations.iterdir()):
                if entry.name not in keep:
                    io.remove(entry)
        for entry in sorted(self.root.iterdir()):
            if _OLD_LAYOUT_LEFTOVER.match(entry.name):
                io.remove(entry)
        for folder in (self.root, *(self.root / name for name in HISTORY_TABLES)):
            io.remove_leftovers(folder)
        for name in HISTORY_TABLES:
            finish_compactions(self.files, self.history_folder(name))

    def history_folder(self, name: str) -> str:
        """The folder (or prefix) of a history table's files."""
        return str(self.root / name)

    def compact_history(self, run_id: str) -> None:
        """Keep each history table to a bounded number of files (flows/history.py); after the run's commit."""
        for name in HISTORY_TABLES:
            compact_history(self.files, self.history_folder(name), name, history_file(run_id), run_id)

    def _readlink(self, name: str) -> str | None:
        try:
            return os.readlink(self.generations / name)
        except OSError:
            return None

    def _migrate(self) -> None:
        """Turn table folders of the old layout (and of an interrupted migration) into one committed generation.

        The files are hard-linked (no copy) into a new generation, which is committed; then each
        folder is swapped for its link in one atomic exchange (renameat2), so a reader never
        finds a table missing.
        """
        real = [n for n in GENERATION_TABLES if (self.root / n).is_dir() and not (self.root / n).is_symlink()]
        missing = [n for n in GENERATION_TABLES if not os.path.lexists(self.root / n)]
        leftovers = {m.group("table"): self.root / e for e in sorted(os.listdir(self.root))
                     if (m := _OLD_LAYOUT_LEFTOVER.match(e)) and ".old-" in e and (self.root / e).is_dir()}
        if not real and not (missing and set(missing) & set(leftovers)):
            return
        current = self.current()
        if current is not None and not set(missing) & set(leftovers) and all(
                _same_files(self.root / n, self.generations / current / n) for n in real):
            # A migration that died after its commit: only the swaps are left to do.
            for name in real:
                _swap_for_link(self.root / name, f"{GENERATIONS}/{CURRENT}/{name}")
            return
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        generation = self.begin(f"migrated-{stamp}")
        for name in GENERATION_TABLES:
            source = self.root / name
            if name in real:
                pass
            elif name in missing and name in leftovers:  # the old writer died between its renames
                source = leftovers[name]
            elif current is not None:
                source = self.generations / current / name
            else:
                continue
            generation.adopt(name, source)
        generation.finish({"migrated_from": "table folders of eventline before generations"})
        self.commit(generation)
        for name in real:
            _swap_for_link(self.root / name, f"{GENERATIONS}/{CURRENT}/{name}")
        log.warning("moved the curated tables of %s into generation %s (the new layout)", self.root, generation.name)


class Generation:
    """A generation being written: tables, internal state, then its description.

    Paths are strings for `files` (flows/files.py): a local folder, or a prefix on object storage."""

    def __init__(self, store: CuratedStore, name: str, folder: Path | str,
                 files: LocalFiles | ObjectFiles | None = None):
        self.store, self.name, self.folder = store, name, folder
        self.path = os.fspath(folder)
        self.files = files or LocalFiles(Path(folder))
        self.tables: dict[str, int] = {}

    def write_table(self, name: str, arrow: pa.Table, metadata: dict[str, str]) -> None:
        """A whole table (already enforced to its schema), in its partitions (flows/parquet.py)."""
        writer = self.table_writer(name, metadata)
        try:
            writer.write_whole(arrow)
        except BaseException:
            writer.abandon()
            raise
        self.close_table(writer)

    def table_writer(self, name: str, metadata: dict[str, str], prefix: str = "part") -> TableWriter:
        """A writer that takes a table's rows batch by batch (`write`); `close_table` when done.

        Writers of one table with different `prefix`es may add files beside each other. File names
        carry the generation (`part-<generation>-0.parquet`): a reader that listed a table through its
        link before a commit and opens the files after it fails loudly, never mixes two generations."""
        return TableWriter(self.files, join(self.path, name), name, arrow_schema(name), metadata,
                           prefix=f"{prefix}-{self.name}")

    def close_table(self, writer: TableWriter) -> None:
        """Write what a table writer holds; the table counts its rows in `_generation.json`."""
        name = writer.table.name
        rows = writer.close()
        self.tables[name] = self.tables.get(name, 0) + rows
        log.info("wrote %s: %d rows -> %s", name, rows, writer.folder)

    def write_state(self, name: str, arrow: pa.Table) -> None:
        """Internal state committed with the tables (never exposed as a table): `_state/<name>.parquet`
        (`name` may hold folders: `articles/<batch>`)."""
        path = join(self.path, STATE, f"{name}.parquet")
        self.files.make_folder(path.rsplit("/", 1)[0])
        with self.files.open_new(path) as fh:
            pq.write_table(arrow, fh, compression="zstd")

    def adopt_state(self, name: str, source: str) -> None:
        """Take a state file of an earlier generation into this one (a hard link: it never changes)."""
        target = join(self.path, STATE, f"{name}.parquet")
        self.files.make_folder(target.rsplit("/", 1)[0])
        self.files.link_or_copy(source, target)

    def adopt(self, name: str, source: Path | str) -> None:
        """Take a table's existing files (partitions too) into this generation: hard links on a local
        disk (a copy across file systems), a copy inside the store on object storage."""
        self.files.make_folder(join(self.path, name))
        rows = 0
        for rel in self.files.find_parquet(os.fspath(source)):
            target = join(self.path, name, rel)
            self.files.link_or_copy(join(os.fspath(source), rel), target)
            with contextlib.suppress(pa.ArrowException, OSError), self.files.open_read(target) as fh:
                rows += pq.read_metadata(fh).num_rows
        self.tables[name] = self.tables.get(name, 0) + rows

    def compact(self, metadata: dict[str, str]) -> None:
        """Merge the small files (flows/parquet.py `compact_folder`) several writers of one table left side
        by side in a folder of this generation; large files are left as they are."""
        for name in self.tables:
            for folder in data_folders(self.files, join(self.path, name)):
                compact_folder(self.files, folder, name, arrow_schema(name), metadata,
                               prefix=f"compact-{self.name}")

    def finish(self, info: dict) -> None:
        """Describe the generation (_generation.json) and flush its folders to disk: then it may be committed."""
        text = json.dumps({"generation": self.name, "schema_version": SCHEMA_VERSION,
                           "created_at": dt.datetime.now(dt.timezone.utc).isoformat(), "tables": self.tables,
                           **info}, indent=2, default=str)
        with self.files.open_new(join(self.path, INFO)) as fh:
            fh.write(text.encode("utf-8"))
        self.files.sync_tree(self.path)


def _same_files(a: Path, b: Path) -> bool:
    """True when folders a and b hold the same files (hard links of each other)."""
    names = LocalFiles(a).find_parquet(os.fspath(a))
    if names != LocalFiles(b).find_parquet(os.fspath(b)):
        return False
    return all(os.path.samefile(a / n, b / n) for n in names)


def history_arrow(name: str, run_id: str, rows: list[dict]) -> pa.Table:
    """A run's rows of a history table as Arrow, the run id in its metadata; a row that cannot be stored is logged."""
    arrow, bad = to_arrow(rows, TABLES[name])
    for row, reason in bad:
        log.error("dropped a %s row that cannot be stored (%s): %r", name, reason, row)
    return arrow.cast(with_metadata(arrow.schema, {"run_id": run_id}))


def to_arrow(rows: list[dict] | pa.Table, table: Table) -> tuple[pa.Table, list[tuple[dict, str]]]:
    """The rows as an Arrow table of the contract schema; rows that cannot take it come back apart.

    One bad value costs its row (quarantined by the caller), never the table or the run. An Arrow table
    (the articles) is cast as a whole, and gone through row by row only if that fails.
    """
    if isinstance(rows, pa.Table):
        schema = arrow_schema(table)
        try:
            return rows.select(schema.names).cast(schema), []
        except (pa.ArrowException, ValueError, KeyError):
            rows = rows.to_pylist()
    try:
        return enforce_schema(rows, table), []
    except ValueError:
        pass
    good, bad = [], []
    for row in rows:
        try:
            enforce_schema([row], table)
        except ValueError as exc:
            bad.append((row, str(exc)))
        else:
            good.append(row)
    return enforce_schema(good, table), bad


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap_for_link(folder: Path, target: str) -> None:
    """Replace a real folder by a link to `target` in one atomic exchange, then delete the folder."""
    tmp = folder.with_name(f".{folder.name}{TMP_MARK}{os.getpid()}")
    with io.fatal_on_os_error(folder):
        if os.path.lexists(tmp):
            io.remove(tmp)
        io.write_step("link", tmp)
        os.symlink(target, tmp)
        io.write_step("rename", folder)
        if not _exchange(tmp, folder):
            # No renameat2 (not Linux): two renames, the table briefly missing between them.
            os.rename(folder, folder.with_name(f".{folder.name}.old-migrated"))
            os.rename(tmp, folder)
            tmp = folder.with_name(f".{folder.name}.old-migrated")
        io.remove(tmp)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): swap two paths atomically; False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: the file system cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))
