"""The curated store on object storage (s3://, gs://, any fsspec URL): generations committed by a pointer.

Same layout as a local folder (flows/store.py), without links and renames, which object storage
does not have:

    s3://bucket/curated/
      .generations/current             THE commit point: a small object naming the committed generation
      .generations/previous            the generation before (kept for readers still on it)
      .generations/<generation>/events/year=2024/part-<generation>-0.parquet ...   as in a local generation
      runs/run-<run_id>.parquet        history: one object per run
      quarantine/run-<run_id>.parquet

A PUT is atomic (a reader sees the old object or the new one, never a torn one), so a run
writes its whole generation, then `previous`, then `current`, last: readers that resolve
`current` first (eventline.readers does) see one whole generation at every instant. There are no
table paths outside the generations: read through `eventline.readers.read_table`, or resolve
`current` yourself (docs/scaling.md). A run killed before its commit leaves an uncommitted
generation, which a later run deletes once nothing was written to it for an hour (it may be a
live run's, started on another machine), and a commit first reads its generation back.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

import pyarrow as pa
import pyarrow.parquet as pq

from eventline.readers import read_table
from flows.files import ObjectFiles, join, remove_dead_uploads
from flows.history import finish_compactions
from flows.io import FatalRunError
from flows.store import (CURRENT, GENERATIONS, HISTORY_TABLES, INFO, PREVIOUS, STATE, CuratedStore, Generation,
                         history_arrow, history_file)

log = logging.getLogger(__name__)

IN_PROGRESS_SECONDS = 3600  # an uncommitted generation written to more recently may be a live run's


class ObjectCuratedStore(CuratedStore):
    """Curated tables under a prefix on object storage; committed by writing the `current` pointer last.

    Every method that touches storage is its own (paths are strings for ObjectFiles); the local
    store's old-layout migration (`_migrate`, links) has nothing to do here: `recover` does not call it."""

    def __init__(self, url: str):  # not CuratedStore's: its root is a Path
        self.root = url
        self.files = ObjectFiles(url)
        self.generations = join(self.files.root, GENERATIONS)

    def _pointer(self, name: str) -> str | None:
        try:
            text = self.files.read_bytes(join(self.generations, name)).decode("utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def current(self) -> str | None:
        """Name of the committed generation (the `current` object), or None before the first commit."""
        return self._pointer(CURRENT)

    def generation_info(self, generation: str | None = None) -> dict | None:
        generation = generation or self.current()
        if generation is None:
            return None
        try:
            return json.loads(self.files.read_bytes(join(self.generations, generation, INFO)))
        except (FileNotFoundError, ValueError):
            return None

    def read_table(self, name: str) -> pa.Table:
        """A table as last committed (eventline.readers resolves `current`, in one request)."""
        return read_table(self.root, name)

    def read_state(self, name: str) -> pa.Table | None:
        generation = self.current()
        if generation is None:
            return None
        path = join(self.generations, generation, STATE, f"{name}.parquet")
        try:
            with self.files.open_read(path) as fh:
                return pq.read_table(fh)
        except FileNotFoundError:
            return None
        except (pa.ArrowException, OSError) as exc:
            log.warning("cannot read pipeline state %s (%s): treating it as absent", path, exc)
            return None

    def begin(self, generation: str) -> Generation:
        folder = join(self.generations, generation)
        if self.files.exists(folder):
            self.files.remove(folder)
        return Generation(self, generation, folder, self.files)

    def commit(self, generation: Generation) -> None:
        """`previous`, then `current`: the one PUT that makes the generation the committed one.

        First the generation is read back (its `_generation.json`, a file of every table): a run
        started on another machine may have deleted it as a dead run's leftovers, and a pointer to
        it would show every table empty."""
        self._check_whole(generation)
        old = self.current()
        if old is not None and old != generation.name:
            self.files.write_whole(join(self.generations, PREVIOUS), old.encode("utf-8"))
        self.files.write_whole(join(self.generations, CURRENT), generation.name.encode("utf-8"))
        log.info("committed generation %s of %s (%s)", generation.name, self.root,
                 ", ".join(f"{k}={v}" for k, v in generation.tables.items()))

    def _check_whole(self, generation: Generation) -> None:
        info = self.generation_info(generation.name)
        lost = [] if info is not None else [INFO]
        lost += [name for name in generation.tables if not self.files.find_parquet(join(generation.path, name))]
        if lost:
            raise FatalRunError(
                f"generation {generation.name} of {self.root} lost {', '.join(lost)} before its commit (a run started "
                "on another machine deleted it?): nothing was committed; start runs on this store from one "
                "place only (docs/scaling.md), then run again")

    def write_history(self, name: str, run_id: str, rows: list[dict]) -> int:
        """This run's rows of a history table: one object, replaced whole by one PUT."""
        arrow = history_arrow(name, run_id, rows)
        sink = pa.BufferOutputStream()
        pq.write_table(arrow, sink, compression="zstd")
        path = join(self.history_folder(name), history_file(run_id))
        self.files.write_whole(path, sink.getvalue().to_pybytes())
        log.info("wrote %s: %d rows -> %s://%s", name, arrow.num_rows, self.files.protocol, path)
        return arrow.num_rows

    def recover(self) -> list[dict]:
        """Delete what runs that died left (uncommitted generations, local upload staging); the `runs` rows
        still marked running."""
        remove_dead_uploads()
        self.clean()
        runs = self.read_table("runs")
        return [r for r in runs.to_pylist() if r["status"] == "running"]

    def clean(self) -> None:
        """Delete every generation but the committed one, the one before, and any still being written.

        The lock of a store on object storage is per machine: a generation finished after the committed
        one, or written to within IN_PROGRESS_SECONDS, may be a live run's from another machine, so it
        is left for a later run (whose commit reads its generation back: flows/object_store.py `commit`)."""
        committed = self.current()
        keep = {CURRENT, PREVIOUS, committed, self._pointer(PREVIOUS)}
        since = _created_at(self.generation_info(committed)) if committed else None
        now = dt.datetime.now(dt.timezone.utc)
        for name in self.files.list(self.generations):
            if name in keep:
                continue
            folder = join(self.generations, name)
            created = _created_at(self.generation_info(name))
            if since is None or created is None or created > since:
                written = self.files.last_write(folder)
                if written is not None and (now - written).total_seconds() < IN_PROGRESS_SECONDS:
                    log.info("kept uncommitted generation %s of %s: written to %s ago, maybe by a run elsewhere",
                             name, self.root, now - written)
                    continue
            self.files.remove(folder)
        for name in HISTORY_TABLES:
            finish_compactions(self.files, self.history_folder(name))

    def history_folder(self, name: str) -> str:
        return join(self.files.root, name)


def _created_at(info: dict | None) -> dt.datetime | None:
    """When a generation was finished (its `_generation.json`), None when unknown."""
    try:
        return dt.datetime.fromisoformat(info["created_at"])
    except (TypeError, KeyError, ValueError):
        return None
