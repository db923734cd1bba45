"""All file IO of a run: raw files in, Parquet tables and reports out. Nothing else touches paths."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.arrow import enforce_schema
from schemas.tables import TABLES
from transforms.ingest import ADAPTERS, SIDECAR_SUFFIX, IngestError, RawDocument, apply_sidecar, parse_sidecar

log = logging.getLogger(__name__)


class FatalRunError(RuntimeError):
    """A run cannot go on (unreadable folder, lock held, disk full); the message says what to do."""


@dataclass(frozen=True)
class RawFile:
    """An entry found under the raw folder: a file (with its sidecar, when one sits beside it),
    or something that cannot be read, with the reason (`problem`)."""

    path: Path
    rel: str
    sidecar: Path | None = None
    problem: str | None = None


def discover_raw(raw_dir: Path) -> list[RawFile]:
    """Every entry under raw_dir (recursively, sorted), sidecars attached to their article file.

    Unreadable sub-folders, broken or looping links and anything that is not a regular
    file come back with a `problem`, so they reach quarantine instead of vanishing.
    """
    if not raw_dir.is_dir():
        raise FatalRunError(f"raw folder {raw_dir} does not exist or is not a folder: "
                            "create it or pass --raw DIR")
    if not os.access(raw_dir, os.R_OK | os.X_OK):
        raise FatalRunError(f"raw folder {raw_dir} is not readable: fix its permissions (chmod u+rx)")
    entries: list[RawFile] = []

    def unreadable(exc: OSError) -> None:
        path = Path(exc.filename)
        entries.append(RawFile(path, path.relative_to(raw_dir).as_posix(),
                               problem=f"cannot read folder ({exc.strerror}): fix its permissions"))

    paths: list[Path] = []
    for folder, dirs, names in os.walk(raw_dir, onerror=unreadable):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if name == ".gitkeep":
                continue
            if not path.is_file():  # follows links: a broken or looping link is not a file
                entries.append(RawFile(path, path.relative_to(raw_dir).as_posix(),
                                       problem="not a regular file (broken or looping link, socket or device): "
                                               "replace it with the file itself"))
                continue
            paths.append(path)
    sidecars = {str(p)[: -len(SIDECAR_SUFFIX)]: p for p in paths if p.name.endswith(SIDECAR_SUFFIX)}
    for p in paths:
        if p.name.endswith(SIDECAR_SUFFIX):
            continue
        stem = str(p.with_suffix("")) if p.suffix else str(p)
        entries.append(RawFile(p, p.relative_to(raw_dir).as_posix(), sidecars.pop(stem, None)))
    # A sidecar without its article is reported, not ignored.
    for orphan in sidecars.values():
        entries.append(RawFile(orphan, orphan.relative_to(raw_dir).as_posix(),
                               problem=f"sidecar without an article file: name it like the article "
                                       f"(NAME.md -> NAME{SIDECAR_SUFFIX}) or remove it"))
    return sorted(entries, key=lambda f: f.rel)


def read_raw(files: list[RawFile]) -> tuple[list[RawDocument], list[dict]]:
    """Parse raw files into documents; everything unreadable comes back as a quarantine row."""
    docs: list[RawDocument] = []
    bad: list[dict] = []

    def reject(rel: str, key: str | None, reason: str, payload: dict | None = None) -> None:
        bad.append({"stage": "ingest", "source_path": rel, "record_key": key, "reason": reason,
                    "payload": json.dumps(payload or {}, ensure_ascii=False)})

    for f in files:
        if f.problem:
            reject(f.rel, None, f.problem)
            continue
        adapter = ADAPTERS.get(f.path.suffix.lower())
        if adapter is None:
            reject(f.rel, None, f"unsupported file type '{f.path.suffix or '(none)'}': convert it to one of "
                                f"{', '.join(sorted(ADAPTERS))} or move it out of the raw folder")
            continue
        try:
            text = f.path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            reject(f.rel, None, f"not UTF-8 text (byte {exc.start}): re-save the file as UTF-8")
            continue
        except OSError as exc:
            reject(f.rel, None, f"cannot read file ({exc.strerror}): check its permissions")
            continue
        try:
            records = adapter(text, f.rel)
        except IngestError as exc:
            reject(f.rel, None, str(exc), {"head": text[:500]})
            continue
        except Exception as exc:  # noqa: BLE001 - a parser crash (e.g. RecursionError) costs one file, not the run
            reject(f.rel, None, f"cannot parse the file ({type(exc).__name__}): check that it is a valid "
                                f"{f.path.suffix.lstrip('.')} file", {"head": text[:500]})
            continue
        meta = None
        if f.sidecar is not None:
            try:
                meta = parse_sidecar(f.sidecar.read_text(encoding="utf-8"))
            except (IngestError, OSError, UnicodeDecodeError, RecursionError) as exc:
                reject((Path(f.rel).parent / f.sidecar.name).as_posix(), None, str(exc))
        for record in records:
            if isinstance(record, IngestError):
                reject(f.rel, None, str(record))
                continue
            docs.append(apply_sidecar(record, meta) if meta else record)
    return docs, bad


def read_table(curated: Path, name: str) -> pa.Table | None:
    """A curated table as written by an earlier run, or None when there is none."""
    folder = curated / name
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return None
    try:
        return ds.dataset(folder, format="parquet").to_table()
    except (pa.ArrowInvalid, OSError) as exc:
        log.warning("cannot read earlier %s table (%s); treating it as empty", name, exc)
        return None


def previous_hashes(curated: Path) -> set[str]:
    """content_sha256 of the articles the last run wrote: what counts as not new."""
    table = read_table(curated, "articles")
    return set(table.column("content_sha256").to_pylist()) if table is not None else set()


def write_tables(curated: Path, tables: dict[str, list[dict]], run_id: str) -> dict[str, int]:
    """Write every table with its contract schema; the replaced tables swap in together at the end.

    Every table is first enforced and written to a staging folder; only when all are
    complete do they replace the old folders (renames, milliseconds apart), so a failure
    never leaves a half-written table. History tables (runs, quarantine) get one new
    file per run.
    """
    curated.mkdir(parents=True, exist_ok=True)
    arrows = {name: enforce_schema(rows, TABLES[name]) for name, rows in tables.items()}
    metadata = {"run_id": run_id}
    staged: list[tuple[Path, Path]] = []
    try:
        for name, arrow in arrows.items():
            if TABLES[name].append_only:
                folder = curated / name
                folder.mkdir(exist_ok=True)
                _write(arrow, folder / f"run-{run_id}.parquet", metadata)
                continue
            staging = curated / f".{name}.tmp-{run_id}"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            _write(arrow, staging / "part-0.parquet", metadata)
            staged.append((staging, curated / name))
        for staging, target in staged:
            old = target.with_name(f".{target.name}.old-{run_id}")
            if target.exists():
                target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        for staging, _ in staged:
            shutil.rmtree(staging, ignore_errors=True)
        raise FatalRunError(f"cannot write to {curated} ({exc.strerror}): "
                            "free disk space or fix permissions, then run again") from exc
    for name, arrow in arrows.items():
        log.info("wrote %s: %d rows -> %s", name, arrow.num_rows, curated / name)
    return {name: arrow.num_rows for name, arrow in arrows.items()}


def _write(table: pa.Table, path: Path, metadata: dict[str, str]) -> None:
    schema = table.schema.with_metadata({**(table.schema.metadata or {}),
                                         **{k.encode(): v.encode() for k, v in metadata.items()}})
    pq.write_table(table.cast(schema), path, compression="zstd")


_LOCK_NAME = ".eventline.lock"


@contextlib.contextmanager
def run_lock(curated: Path) -> Iterator[None]:
    """One run at a time per curated folder (an OS lock: it dies with its process, never goes stale)."""
    curated.mkdir(parents=True, exist_ok=True)
    path = curated / _LOCK_NAME
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            raise FatalRunError(f"another run ({fh.read().strip() or 'unknown process'}) holds the lock on "
                                f"{curated}: wait for it to finish") from None
        fh.truncate(0)
        fh.write(f"{socket.gethostname()}:{os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def preflight(raw_dir: Path, curated: Path, reports: Path) -> None:
    """Fail fast, before Prefect starts, on what would stop a run: missing folders, rights, a held lock."""
    if not raw_dir.is_dir():
        raise FatalRunError(f"raw folder {raw_dir} does not exist or is not a folder: create it or pass --raw DIR")
    if not os.access(raw_dir, os.R_OK | os.X_OK):
        raise FatalRunError(f"raw folder {raw_dir} is not readable: fix its permissions (chmod u+rx)")
    for label, folder in (("curated", curated), ("reports", reports)):
        if folder.exists() and not folder.is_dir():
            raise FatalRunError(f"{label} path {folder} is a file, not a folder: move it or pass --{label} DIR")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FatalRunError(f"cannot create {label} folder {folder} ({exc.strerror}): "
                                f"fix permissions or pass --{label} DIR") from exc
        if not os.access(folder, os.W_OK | os.X_OK):
            raise FatalRunError(f"{label} folder {folder} is not writable: fix its permissions or pass --{label} DIR")
    runs = reports / "runs"
    if runs.exists() and not runs.is_dir():
        raise FatalRunError(f"{runs} is a file, not a folder: move it away, then run again")
    with run_lock(curated):
        pass


def write_text(path: Path, text: str) -> None:
    """Write a report file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    log.info("wrote %s (%d bytes)", path, len(text))
