"""Where the curated files live: a local folder, or a prefix on object storage (any fsspec URL).

`location(text)` turns a command-line value into a `Path` (a local folder, also for `file://`)
or a URL string (`s3://bucket/prefix`, `gs://...`, `memory://...`). `files_for(location)` gives
the few file operations the curated store needs, with the same names on both:

  LocalFiles   every effect a named step of flows/io.py (fault injection, fsync, atomic renames)
  ObjectFiles  fsspec: a PUT is atomic (readers see the old object or the new one), there are no
               links and no renames, so a generation is committed by writing a pointer object last
               (flows/store.py)

Paths are plain strings joined with "/", relative to nothing: local ones are OS paths, object
ones are the fsspec path without the protocol (`bucket/prefix/events/year=2024/part-run_1-0.parquet`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from flows import io

_URL = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]+)://(?:(?P<userinfo>[^/@]*)@)?")


def location(value: str | Path) -> Path | str:
    """A local folder as a Path (`file://`, `local://` URLs included), any other URL as its normalized text.

    ValueError for a URL that holds a secret (`s3://key:secret@bucket`): it would be shown in logs,
    error messages and Prefect's run parameters."""
    text = os.fspath(value)
    match = _URL.match(text)
    if match is None:
        return Path(text)
    protocol = match.group("protocol").lower()
    if protocol in ("file", "local"):
        return Path(text[len(protocol) + 3:] or "/")
    if ":" in (match.group("userinfo") or ""):
        raise ValueError(f"the {protocol}:// URL holds a password or secret key, which would end up in logs and "
                         "run parameters: give the URL without it and pass it in the environment (for s3:// "
                         f"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; for any fsspec protocol "
                         f"FSSPEC_{protocol.upper()}_<OPTION>, e.g. FSSPEC_{protocol.upper()}_PASSWORD)")
    return text.rstrip("/")


def is_remote(place: Path | str) -> bool:
    """True for a location on object storage (a URL other than file://)."""
    return isinstance(place, str) and _URL.match(place) is not None


def join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *(p.strip("/") for p in parts if p)])


class LocalFiles:
    """A local folder: every effect through flows/io.py (whole or not at all, fsync'ed)."""

    remote = False

    def __init__(self, root: Path):
        self.root = os.fspath(root)

    def make_folder(self, path: str) -> None:
        io.make_folder(Path(path))

    @contextlib.contextmanager
    def open_new(self, path: str):
        """A file written in a folder no reader sees yet; flushed to disk when the block ends."""
        with io.fatal_on_os_error(Path(path)):
            io.write_step("write", Path(path))
            with open(path, "xb") as fh:  # never into an existing file: it may be a hard link of a committed one
                yield fh
                fh.flush()
                os.fsync(fh.fileno())

    def open_read(self, path: str) -> BinaryIO:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it

    def list(self, folder: str) -> list[str]:
        """Names in a folder (sorted); empty when it does not exist."""
        try:
            return sorted(os.listdir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return []

    def exists(self, path: str) -> bool:
        return os.path.lexists(path)

    def read_bytes(self, path: str) -> bytes:
        with open(path, "rb") as fh:
            return fh.read()

    def size(self, path: str) -> int:
        return os.stat(path).st_size

    def remove(self, path: str) -> None:
        io.remove(Path(path))

    def write_whole(self, path: str, data: bytes) -> None:
        """Create or replace a file atomically (temporary name, fsync, rename)."""
        io.write_file(Path(path), lambda tmp: tmp.write_bytes(data))

    def filesystem(self):
        """The filesystem pyarrow should read these paths with (None: the local one)."""
        return None

    def find_parquet(self, folder: str) -> list[str]:
        """The Parquet files under a folder, recursively, as sorted relative paths; hidden ones left out."""
        return _visible(os.path.relpath(os.path.join(top, n), folder) for top, _, names in os.walk(folder)
                        for n in names if n.endswith(".parquet"))

    def link_or_copy(self, source: str, target: str) -> None:
        """A hard link of `source` at `target` (a copy across file systems)."""
        io.make_folder(Path(target).parent)
        with io.fatal_on_os_error(Path(target)):
            io.write_step("write", Path(target))
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)

    def sync_tree(self, folder: str) -> None:
        """Flush a folder's entries, its sub-folders' and its parent's to disk (renames and new files durable)."""
        with io.fatal_on_os_error(Path(folder)):
            for top, _, _ in os.walk(folder):
                io.fsync_path(Path(top))
            io.fsync_path(Path(folder).parent)


class ObjectFiles:
    """A prefix on object storage through fsspec: objects are written whole, there are no folders,
    links or renames. Errors of the store become one-line FatalRunErrors that say what to do."""

    remote = True

    def __init__(self, url: str, **options):
        self.url = url
        try:
            self.fs, self.root = url_filesystem(url, **options)
        except ValueError as exc:
            raise io.FatalRunError(str(exc)) from None
        self.protocol = url.split("://", 1)[0]

    @contextlib.contextmanager
    def _fatal(self, path: str, action: str = "write"):
        try:
            yield
        except (io.FatalRunError, FileNotFoundError):
            raise
        except Exception as exc:  # noqa: BLE001 - botocore and gcsfs raise their own types, not only OSError
            raise store_error(action, f"{self.protocol}://{path}", exc) from exc

    def check_reachable(self, label: str) -> None:
        """Fail in one line when the store does not answer (endpoint, credentials, missing bucket).

        Lists the store's own prefix, never the bucket's root: credentials may allow that prefix only."""
        bucket, _, prefix = self.root.partition("/")
        try:
            with self._fatal(self.root, "list"):
                self.fs.invalidate_cache(self.root)
                if prefix:
                    self.fs.info(self.root)  # one small request inside the prefix, whatever the prefix holds
                else:
                    self.fs.ls(bucket, refresh=True)
        except FileNotFoundError as exc:
            if not prefix or _NO_BUCKET.search(str(exc)):
                raise io.FatalRunError(f"{label} location {self.url}: no bucket {bucket!r} at this endpoint: create "
                                       f"it or pass --{label} with another URL") from None
            # The bucket answered and nothing is under the prefix yet: a first run writes it.

    def make_folder(self, path: str) -> None:
        """Object storage has no folders: a prefix exists once an object is under it."""

    @contextlib.contextmanager
    def open_new(self, path: str):
        """An object written through a local temporary file, uploaded when the block ends without an error:
        a failed write leaves no object at all, never a torn one, and memory holds none of it."""
        io.write_step("write", Path(path))
        with tempfile.TemporaryDirectory(prefix=f"{UPLOADS}{os.getpid()}-") as folder:
            local = os.path.join(folder, "object")
            with open(local, "wb") as fh:
                yield fh
            with self._fatal(path):
                self.fs.put_file(local, path)

    def open_read(self, path: str) -> BinaryIO:
        with self._fatal(path, "read"):
            return self.fs.open(path, "rb")

    def list(self, folder: str) -> list[str]:
        """Names under a prefix, one level (sorted); empty when there is none."""
        try:
            with self._fatal(folder, "list"):
                entries = self.fs.ls(folder, detail=False, refresh=True)
        except FileNotFoundError:
            return []
        return sorted({e.rstrip("/").rsplit("/", 1)[-1] for e in entries if e.rstrip("/") != folder.rstrip("/")})

    def exists(self, path: str) -> bool:
        with self._fatal(path, "read"):
            return self.fs.exists(path)

    def size(self, path: str) -> int:
        with self._fatal(path, "read"):
            return int(self.fs.size(path))

    def remove(self, path: str) -> None:
        io.write_step("delete", Path(path))
        with self._fatal(path, "remove"), contextlib.suppress(FileNotFoundError):
            self.fs.rm(path, recursive=True)

    def last_write(self, folder: str) -> dt.datetime | None:
        """When the newest object under a prefix was written (UTC), None when there is none."""
        with self._fatal(folder, "list"):
            times = [self.fs.modified(p) for p in self.fs.find(folder)]
        return max((t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc) for t in times), default=None)

    def read_bytes(self, path: str) -> bytes:
        """The object's bytes (FileNotFoundError when there is none)."""
        with self._fatal(path, "read"):
            return self.fs.cat_file(path)

    def write_whole(self, path: str, data: bytes) -> None:
        """One PUT: readers see the old object or the new one, never a torn one."""
        io.write_step("write", Path(path))
        with self._fatal(path):
            self.fs.pipe_file(path, data)

    def filesystem(self):
        return self.fs

    def find_parquet(self, folder: str) -> list[str]:
        with self._fatal(folder, "list"):
            found = self.fs.find(folder)
        return _visible(p[len(folder.rstrip("/")) + 1:] for p in found if p.endswith(".parquet"))

    def link_or_copy(self, source: str, target: str) -> None:
        """A copy inside the store (no download)."""
        io.write_step("write", Path(target))
        with self._fatal(target):
            self.fs.copy(source, target)

    def sync_tree(self, folder: str) -> None:
        """Objects are durable once written."""


def _visible(paths) -> list[str]:
    """Relative paths none of whose parts is hidden (`.`, `_`: staging, state), sorted."""
    return sorted(p for p in paths if not any(part.startswith((".", "_")) for part in p.split("/")))


UPLOADS = "eventline-upload-"  # + the writing process's id: local staging of objects being uploaded


def remove_dead_uploads() -> None:
    """Delete the upload staging folders (in the temporary folder) of processes that died (SIGKILL, power loss)."""
    top = Path(tempfile.gettempdir())
    for folder in top.glob(f"{UPLOADS}*"):
        pid = folder.name[len(UPLOADS):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


_NO_BUCKET = re.compile(r"NoSuchBucket|bucket (?:does not exist|not found)", re.IGNORECASE)


def store_error(action: str, url: str, exc: BaseException) -> io.FatalRunError:
    """The one-line error of a failed request to object storage, with what to check for its protocol."""
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else "no detail"
    endpoint = "the endpoint (AWS_ENDPOINT_URL)" if url.lower().startswith(("s3://", "s3a://")) else "the network"
    return io.FatalRunError(f"cannot {action} {url} ({type(exc).__name__}: {detail}): check the bucket, the "
                            f"credentials and {endpoint}, then run again")


def files_for(place: Path | str) -> LocalFiles | ObjectFiles:
    """The file operations of a location."""
    return ObjectFiles(place) if is_remote(place) else LocalFiles(Path(place))


def url_filesystem(url: str, **options):
    """(fsspec filesystem, path without the protocol) of a URL; instances are cached by fsspec.

    ValueError (one line, what to install) when the URL's protocol needs a package that is not installed.
    """
    import fsspec

    try:
        return fsspec.core.url_to_fs(url, **options)
    except ImportError as exc:
        protocol = url.split("://", 1)[0]
        package = _PACKAGES.get(protocol.lower())
        hint = f"pip install {package}" if package else f"install the fsspec package for {protocol}://"
        raise ValueError(f"{protocol}:// needs a package that is not installed ({hint}), then run again") from exc


_PACKAGES = {"gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs", "abfss": "adlfs", "s3": "s3fs",
             "s3a": "s3fs", "hf": "huggingface_hub", "sftp": "paramiko", "ssh": "paramiko"}
