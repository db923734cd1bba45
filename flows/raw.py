"""Raw files in: discovery under the raw folder, reading with limits, one quarantine row per problem.

Nothing outside the raw folder is ever read: every path is resolved (links included) and must
stay inside it; links to folders are not followed. Every string that leaves this module is
valid UTF-8: a file name that is not is kept with its undecodable bytes written as `\\xNN`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from eventline.settings import Limits
from flows.budget import OverBudget, time_budget
from flows.files import is_remote, store_error, url_filesystem
from flows.io import FatalRunError
from transforms.ingest import (ADAPTERS, SIDECAR_SUFFIX, IngestError, RawDocument, apply_sidecar, clean_record,
                               parse_published, parse_sidecar)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawFile:
    """An entry found under the raw folder: a file (with its sidecar, when one sits beside it),
    or something that cannot be read, with the reason (`problem`)."""

    path: str  # as the OS names it (may hold undecodable bytes, escaped by os.fsdecode)
    rel: str  # relative to the raw folder, valid UTF-8 (undecodable bytes as \xNN)
    sidecar: str | None = None
    sidecar_rel: str | None = None
    problem: str | None = None


@dataclass
class RawRead:
    """What reading a batch of raw files gave: documents, quarantine rows, warnings, file inventory."""

    docs: list[RawDocument] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # one row per file read: source_path, size, mtime, sha256

    def reject(self, rel: str, key: str | None, reason: str, payload: dict | None = None) -> None:
        self.quarantine.append({"stage": "ingest", "source_path": rel, "record_key": key, "reason": reason,
                                "payload": json.dumps(payload or {}, ensure_ascii=False)})

    def read_again(self, rel: str) -> None:
        """The file's rows are not what it gives within its limits (a time budget ran out on a busy machine):
        its manifest row gets no sha256, so that the next run reads it again."""
        self.files = [{**r, "sha256": None} if r["source_path"] == rel else r for r in self.files]

    def warn(self, rel: str, key: str | None, message: str) -> None:
        log.warning("%s%s: %s", rel, f" [{key}]" if key not in (None, "0") else "", message)
        self.warnings.append({"source_path": rel, "record_key": key, "message": message})


def display_path(path: str) -> str:
    """A path as valid UTF-8 text: bytes that are not UTF-8 become `\\xNN` (so the name stays readable)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _link_problem(path: str, root: str) -> str | None:
    """Why an entry that is a link cannot be read, or None when it leads to a regular file in the raw folder."""
    real = os.path.realpath(path)
    target = display_path(os.readlink(path)) if os.path.islink(path) else display_path(real)
    if not _inside(real, root):
        return (f"link leads outside the raw folder (-> {target}): nothing outside the raw folder is read; "
                "copy the file into the raw folder if it is an article")
    return None


def discover_raw(raw_dir: Path, skip: tuple[Path, ...] = ()) -> list[RawFile]:
    """Every entry under raw_dir (recursively, sorted), sidecars attached to the article files they describe.

    Unreadable sub-folders, links that are broken, loop, lead outside the raw folder or to a
    folder, and anything that is not a regular file come back with a `problem`, so they reach
    quarantine instead of vanishing. Folders in `skip` (the curated and reports folders, when
    they sit inside the raw folder) are passed over with a warning.
    """
    if is_remote(raw_dir):
        return _discover_remote(os.fspath(raw_dir), skip)
    raw = os.fspath(raw_dir)
    if not os.path.isdir(raw):
        raise FatalRunError(f"raw folder {raw_dir} does not exist or is not a folder: create it or pass --raw DIR")
    if not os.access(raw, os.R_OK | os.X_OK):
        raise FatalRunError(f"raw folder {raw_dir} is not readable: fix its permissions (chmod u+rx)")
    root = os.path.realpath(raw)
    skipped = {os.path.realpath(p) for p in skip}
    entries: list[RawFile] = []

    def rel(path: str) -> str:
        return display_path(os.path.relpath(path, raw))

    def unreadable(exc: OSError) -> None:
        entries.append(RawFile(exc.filename, rel(exc.filename),
                               problem=f"cannot read folder ({exc.strerror}): fix its permissions"))

    files: list[str] = []
    for folder, dirs, names in os.walk(raw, onerror=unreadable):
        kept = []
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                problem = _link_problem(path, root) or (
                    f"link to a folder (-> {display_path(os.readlink(path))}): links to folders are not "
                    "followed (their files would be read twice); move or copy the folder into the raw folder")
                entries.append(RawFile(path, rel(path), problem=problem))
            elif os.path.realpath(path) in skipped:
                log.warning("skipped %s: it is the curated or reports folder, not raw input", path)
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            if name == ".gitkeep":
                continue
            path = os.path.join(folder, name)
            problem = _link_problem(path, root) if os.path.islink(path) else None
            if problem is None:
                try:
                    mode = os.stat(path).st_mode  # follows links: a broken or looping link fails here
                except OSError as exc:
                    problem = (f"broken or looping link ({exc.strerror}): replace it with the file itself"
                               if os.path.islink(path) else f"cannot read file ({exc.strerror}): check it")
                else:
                    if not stat.S_ISREG(mode):
                        problem = ("not a regular file (a socket, pipe or device): only files are read; "
                                   "move it out of the raw folder")
            if problem is not None:
                entries.append(RawFile(path, rel(path), problem=problem))
            else:
                files.append(path)
    entries += _pair_sidecars(files, rel)
    return sorted(entries, key=lambda f: f.rel)


def _discover_remote(url: str, skip: tuple) -> list[RawFile]:
    """Every object under a prefix on object storage (no links, pipes or folders there to guard against)."""
    fs, root = url_filesystem(url)
    protocol = url.split("://", 1)[0]
    root = root.rstrip("/")
    skipped = tuple(url_filesystem(os.fspath(p))[1].rstrip("/") + "/" for p in skip if is_remote(p))
    try:
        found = fs.find(root, refresh=True) if fs.isdir(root) else None
    except Exception as exc:  # noqa: BLE001 - botocore and gcsfs raise their own types
        raise store_error("list raw objects under", url, exc) from exc
    if found is None:
        raise FatalRunError(f"raw location {url} holds no objects: check the URL or pass --raw DIR")
    paths = [f"{protocol}://{p}" for p in sorted(found)
             if not p.startswith(skipped) and os.path.basename(p) != ".gitkeep"]
    return sorted(_pair_sidecars(paths, lambda path: path[len(protocol) + 3 + len(root) + 1:]), key=lambda f: f.rel)


def file_stamp(path: str) -> tuple[int, dt.datetime, str | None]:
    """(size, modification time, the store's tag of this version) of an object or a local file (tag None)."""
    if is_remote(path):
        fs, key = url_filesystem(path)
        return _remote_stamp(fs.info(key))
    return _local_stamp(os.stat(path))


def _local_stamp(info: os.stat_result) -> tuple[int, dt.datetime, None]:
    return info.st_size, dt.datetime.fromtimestamp(info.st_mtime_ns / 1e9, dt.timezone.utc), None


# What names an object's version in the stores fsspec speaks to (S3, GCS, Azure): a new one with every write.
_TAGS = ("ETag", "etag", "VersionId", "version_id", "generation")


def _remote_stamp(info: dict) -> tuple[int, dt.datetime, str | None]:
    modified = info.get("LastModified") or info.get("mtime") or info.get("updated")
    if isinstance(modified, str):
        modified = dt.datetime.fromisoformat(modified.replace("Z", "+00:00"))
    if not isinstance(modified, dt.datetime):
        modified = dt.datetime.fromtimestamp(float(modified or 0), dt.timezone.utc)
    tag = " ".join(f"{k}={info[k]}" for k in _TAGS if info.get(k) not in (None, "", "null"))
    return int(info["size"]), modified.astimezone(dt.timezone.utc), tag or None


def _open(path: str):
    if is_remote(path):
        fs, key = url_filesystem(path)
        return fs.open(key, "rb")
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def _pair_sidecars(files: list[str], rel) -> list[RawFile]:
    """Article files with the NAME.meta.json beside them; one sidecar applies to every NAME.* file."""
    sidecars = {path[: -len(SIDECAR_SUFFIX)]: path for path in files if path.endswith(SIDECAR_SUFFIX)}
    used: set[str] = set()
    out = []
    for path in files:
        if path.endswith(SIDECAR_SUFFIX):
            continue
        stem = os.path.splitext(path)[0]
        sidecar = sidecars.get(stem)
        if sidecar is not None:
            used.add(sidecar)
        out.append(RawFile(path, rel(path), sidecar, rel(sidecar) if sidecar else None))
    # A sidecar without its article is reported, not ignored.
    for orphan in sorted(set(sidecars.values()) - used):
        out.append(RawFile(orphan, rel(orphan),
                           problem=f"sidecar without an article file: name it like the article "
                                   f"(NAME.md -> NAME{SIDECAR_SUFFIX}) or remove it"))
    return out


def is_article_file(f: RawFile) -> bool:
    """An entry that is read (a regular file of a supported type), as opposed to one quarantined unread."""
    return f.problem is None and os.path.splitext(f.path)[1].lower() in ADAPTERS


def file_sha256(path: str) -> str:
    """sha256 of a file's (or an object's) bytes, read in blocks."""
    digest = hashlib.sha256()
    with _open(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inventory_row(f_rel: str, data: bytes, stamp: tuple, sidecar_rel: str | None = None) -> dict:
    """The manifest row of a file just read (`stamp`: taken before reading): what the next run compares."""
    return {"source_path": f_rel, "size_bytes": len(data), "sidecar_path": sidecar_rel, "modified_at": stamp[1],
            "etag": stamp[2], "sha256": hashlib.sha256(data).hexdigest()}


def _read_bytes(path: str, limit: int) -> bytes:
    return _read_stamped(path, limit)[0]


def _read_stamped(path: str, limit: int) -> tuple[bytes, tuple]:
    """The file's bytes and its stamp, taken before reading (from the open handle of a local file): a change
    made while it is read gives a newer stamp, never the old bytes under the new stamp. IngestError when it
    is larger than `limit` (checked again after reading)."""
    mb = limit / 1_000_000

    def too_large(size: int) -> IngestError:
        return IngestError(f"file is {size / 1_000_000:.1f} MB, more than the limit of {mb:g} MB "
                           f"(--max-file-mb): split it, or raise the limit")

    if is_remote(path):
        stamp = file_stamp(path)
        if stamp[0] > limit:
            raise too_large(stamp[0])
    with _open(path) as fh:
        if not is_remote(path):
            stamp = _local_stamp(os.fstat(fh.fileno()))
            if stamp[0] > limit:
                raise too_large(stamp[0])
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise IngestError(f"file grew past the limit of {mb:g} MB while it was read (--max-file-mb): "
                          "split it, or raise the limit")
    return data, stamp


def _read_sidecar(f: RawFile, limits: Limits, out: RawRead) -> dict | None:
    try:
        return parse_sidecar(_read_bytes(f.sidecar, limits.max_file_bytes).decode("utf-8"))
    except (IngestError, OSError, UnicodeDecodeError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        if isinstance(exc, UnicodeDecodeError):
            reason = "sidecar is not UTF-8 text: re-save it as UTF-8"
        out.reject(f.sidecar_rel, None, f"{reason}; the article was read without it")
        return None


def read_raw(files: list[RawFile], limits: Limits = Limits()) -> RawRead:
    """Parse raw files into documents; everything unreadable comes back as a quarantine row.

    A failure on one record (a record the sidecar cannot be applied to, text over the limit)
    costs that record only; the other records of the file are kept.
    """
    out = RawRead()
    for f in files:
        if f.problem:
            out.reject(f.rel, None, f.problem)
            continue
        adapter = ADAPTERS.get(os.path.splitext(f.path)[1].lower())
        if adapter is None:
            ext = os.path.splitext(f.rel)[1] or "(none)"
            out.reject(f.rel, None, f"unsupported file type '{ext}': convert it to one of "
                                    f"{', '.join(sorted(ADAPTERS))} or move it out of the raw folder")
            continue
        try:
            data, stamp = _read_stamped(f.path, limits.max_file_bytes)
        except IngestError as exc:
            out.reject(f.rel, None, str(exc))
            continue
        except OSError as exc:
            out.reject(f.rel, None, f"cannot read file ({exc.strerror}): check its permissions")
            continue
        out.files.append(_inventory_row(f.rel, data, stamp, f.sidecar_rel))
        if f.sidecar:  # its changes change this file's rows: the manifest compares it too
            with contextlib.suppress(OSError, IngestError):
                out.files.append(_inventory_row(f.sidecar_rel, *_read_stamped(f.sidecar, limits.max_file_bytes)))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            out.reject(f.rel, None, f"not UTF-8 text (byte {exc.start}): re-save the file as UTF-8")
            continue
        try:
            with time_budget(limits.article_seconds):
                records = adapter(text, f.rel)
        except IngestError as exc:
            out.reject(f.rel, None, str(exc), {"head": text[:500]})
            continue
        except OverBudget:
            out.reject(f.rel, None, f"reading the file took more than {limits.article_seconds:g} s "
                                    "(--article-seconds): check it is an article, or raise the limit",
                       {"head": text[:500]})
            out.read_again(f.rel)
            continue
        except Exception as exc:  # noqa: BLE001 - a parser crash (e.g. RecursionError) costs one file, not the run
            out.reject(f.rel, None, f"cannot parse the file ({type(exc).__name__}): check that it is a valid "
                                    f"{os.path.splitext(f.rel)[1].lstrip('.')} file", {"head": text[:500]})
            continue
        meta = _read_sidecar(f, limits, out) if f.sidecar else None
        for record in records:
            _accept(record, f, meta, limits, out)
    return out


def _accept(record: RawDocument | IngestError, f: RawFile, meta: dict | None, limits: Limits, out: RawRead) -> None:
    """One record into `out.docs`, or into quarantine with the reason it cannot be kept."""
    if isinstance(record, IngestError):
        out.reject(f.rel, None, str(record))
        return
    key = record.record_key
    try:
        doc = clean_record(apply_sidecar(record, meta) if meta else record)
    except Exception as exc:  # noqa: BLE001 - one record, not its file or the run
        out.reject(f.rel, key, f"cannot read the record ({type(exc).__name__}: {exc}): fix it in the file")
        return
    if len(doc.body) > limits.max_article_chars:
        out.reject(f.rel, key, f"article text is {len(doc.body):,} characters, more than the limit of "
                               f"{limits.max_article_chars:,} (--max-article-chars): split it, or raise the limit",
                   {"title": doc.title, "head": doc.body[:500]})
        return
    if doc.published and parse_published(doc.published) is None:
        out.warn(f.rel, key, f"metadata date '{doc.published[:80]}' is not a calendar date: the article is kept "
                             "without that date; fix the date")
    out.docs.append(doc)
