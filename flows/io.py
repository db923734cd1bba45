"""All file IO of a run: raw files in, Parquet tables and reports out. Nothing else touches paths."""

from __future__ import annotations

import contextlib
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

from schemas.arrow import arrow_schema, enforce_schema
from schemas.tables import TABLES
from transforms.ingest import ADAPTERS, SIDECAR_SUFFIX, IngestError, RawDocument, apply_sidecar, parse_sidecar

log = logging.getLogger(__name__)


class FatalRunError(RuntimeError):
    """A run cannot go on (unreadable folder, lock held, disk full); the message says what to do."""


@dataclass(frozen=True)
class RawFile:
    """A raw file found under the raw folder, with its sidecar when one sits beside it."""

    path: Path
    rel: str
    sidecar: Path | None


def discover_raw(raw_dir: Path) -> list[RawFile]:
    """Every file under raw_dir (recursively, sorted), sidecars attached to their article file."""
    if not raw_dir.is_dir():
        raise FatalRunError(f"raw folder {raw_dir} does not exist or is not a folder: "
                            "create it or pass --raw DIR")
    try:
        paths = sorted(p for p in raw_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    except OSError as exc:
        raise FatalRunError(f"cannot list raw folder {raw_dir} ({exc.strerror}): check its permissions") from exc
    sidecars = {str(p)[: -len(SIDECAR_SUFFIX)]: p for p in paths if p.name.endswith(SIDECAR_SUFFIX)}
    out = []
    for p in paths:
        if p.name.endswith(SIDECAR_SUFFIX) or p.name == ".gitkeep":
            continue
        stem = str(p.with_suffix("")) if p.suffix else str(p)
        out.append(RawFile(p, p.relative_to(raw_dir).as_posix(), sidecars.pop(stem, None)))
    # A sidecar without its article is reported, not ignored.
    for orphan in sidecars.values():
        out.append(RawFile(orphan, orphan.relative_to(raw_dir).as_posix(), None))
    return out


def read_raw(files: list[RawFile]) -> tuple[list[RawDocument], list[dict]]:
    """Parse raw files into documents; everything unreadable comes back as a quarantine row."""
    docs: list[RawDocument] = []
    bad: list[dict] = []

    def reject(rel: str, key: str | None, reason: str, payload: dict | None = None) -> None:
        bad.append({"stage": "ingest", "source_path": rel, "record_key": key, "reason": reason,
                    "payload": json.dumps(payload or {}, ensure_ascii=False)})

    for f in files:
        if f.path.name.endswith(SIDECAR_SUFFIX):
            reject(f.rel, None, f"sidecar without an article file: name it like the article "
                                f"(NAME.md -> NAME{SIDECAR_SUFFIX}) or remove it")
            continue
        adapter = ADAPTERS.get(f.path.suffix.lower())
        if adapter is None:
            reject(f.rel, None, f"unsupported file type '{f.path.suffix or '(none)'}': convert it to one of "
                                f"{', '.join(sorted(ADAPTERS))} or move it out of the raw folder",
                   {"size": f.path.stat().st_size})
            continue
        try:
            text = f.path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            reject(f.rel, None, f"not UTF-8 text (byte {exc.start}): re-save the file as UTF-8",
                   {"size": f.path.stat().st_size})
            continue
        except OSError as exc:
            reject(f.rel, None, f"cannot read file ({exc.strerror}): check its permissions")
            continue
        try:
            records = adapter(text, f.rel)
        except IngestError as exc:
            reject(f.rel, None, str(exc), {"head": text[:500]})
            continue
        meta = None
        if f.sidecar is not None:
            try:
                meta = parse_sidecar(f.sidecar.read_text(encoding="utf-8"))
            except (IngestError, OSError, UnicodeDecodeError) as exc:
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


def write_tables(curated: Path, tables: dict[str, list[dict]], run_id: str) -> dict[str, int]:
    """Write every table with its contract schema; replaced tables swap in atomically.

    Rewritten tables go to a temporary folder first and replace the old folder only
    when complete, so a reader never sees half a table. History tables (runs,
    quarantine) get one new file per run.
    """
    curated.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in tables.items():
        table = TABLES[name]
        arrow = enforce_schema(rows, table)
        metadata = {"run_id": run_id}
        try:
            if table.append_only:
                folder = curated / name
                folder.mkdir(exist_ok=True)
                _write(arrow, folder / f"run-{run_id}.parquet", metadata)
            else:
                staging = curated / f".{name}.tmp-{run_id}"
                shutil.rmtree(staging, ignore_errors=True)
                staging.mkdir()
                _write(arrow, staging / "part-0.parquet", metadata)
                target = curated / name
                old = curated / f".{name}.old-{run_id}"
                if target.exists():
                    target.rename(old)
                staging.rename(target)
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            raise FatalRunError(f"cannot write {name} to {curated} ({exc.strerror}): "
                                "free disk space or fix permissions, then run again") from exc
        counts[name] = arrow.num_rows
        log.info("wrote %s: %d rows -> %s", name, arrow.num_rows, curated / name)
    return counts


def _write(table: pa.Table, path: Path, metadata: dict[str, str]) -> None:
    schema = table.schema.with_metadata({**(table.schema.metadata or {}),
                                         **{k.encode(): v.encode() for k, v in metadata.items()}})
    pq.write_table(table.cast(schema), path, compression="zstd")


def empty_table(name: str) -> pa.Table:
    """An empty table of the contract schema."""
    return arrow_schema(name).empty_table()


@contextlib.contextmanager
def run_lock(curated: Path) -> Iterator[None]:
    """One run at a time per curated folder; a stale lock (its process gone) is taken over."""
    curated.mkdir(parents=True, exist_ok=True)
    lock = curated / ".eventline.lock"
    me = f"{socket.gethostname()}:{os.getpid()}"
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = lock.read_text(encoding="utf-8").strip() if lock.exists() else ""
        host, _, pid = holder.partition(":")
        if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
            lock.unlink(missing_ok=True)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        else:
            raise FatalRunError(f"another run holds the lock {lock} ({holder}): wait for it to finish, "
                                "or delete the file if no run is active")
    with os.fdopen(fd, "w") as fh:
        fh.write(me)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_text(path: Path, text: str) -> None:
    """Write a report file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    log.info("wrote %s (%d bytes)", path, len(text))
