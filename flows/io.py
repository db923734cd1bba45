"""File effects of a run: every write, rename, link and delete is one named step, whole or not at all.

Each step is announced to `write_step` before it happens (logged at debug level); the
fault-injection tests replace that function to fail or die at every step in turn. Files that
readers may see are written to a temporary name beside their final one, flushed to disk and
renamed (rename(2) is atomic), so a reader finds the old file or the new one, never a torn one.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

log = logging.getLogger(__name__)

TMP_MARK = ".tmp-"  # in the name of every temporary file or link: leftovers are found by it


class FatalRunError(RuntimeError):
    """A run cannot go on (unreadable folder, lock held, disk full); the message says what to do."""


def write_step(step: str, path: Path) -> None:
    """Called before every file effect of a run: `step` is write, rename, link, mkdir or delete."""
    log.debug("%s %s", step, path)


_DISK_ERRORS = {errno.ENOSPC: "the disk is full: free some space", errno.EDQUOT: "the disk quota is used up: "
                "free some space or raise the quota", errno.EROFS: "the file system is read-only: "
                "remount it writable or choose another folder", errno.EACCES: "permission denied: fix the "
                "folder's permissions", errno.EPERM: "permission denied: fix the folder's permissions",
                errno.EIO: "the disk reported an I/O error: check the disk"}


@contextlib.contextmanager
def fatal_on_os_error(what: Path, action: str = "write") -> Iterator[None]:
    """Turn an OS error while writing `what` into a one-line FatalRunError that says what to do."""
    try:
        yield
    except FatalRunError:
        raise
    except OSError as exc:
        hint = _DISK_ERRORS.get(exc.errno, "fix the cause")
        raise FatalRunError(f"cannot {action} {what} ({exc.strerror or exc}): {hint}, then run again") from exc


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's entries to disk (a rename is durable only once its folder is)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(path: Path) -> None:
    """Remove a temporary file after a failure; if even that fails, the next run's cleanup will."""
    try:
        write_step("delete", path)
        path.unlink(missing_ok=True)
    except (OSError, FatalRunError):
        pass


def write_file(path: Path, write: Callable[[Path], None]) -> None:
    """Create or replace `path` whole: `write(tmp)` fills a temporary file beside it, then one rename."""

    def fill(tmp: Path) -> None:
        write(tmp)
        fsync_path(tmp)

    _replace_whole(path, "write", fill)


def _replace_whole(path: Path, step: str, make: Callable[[Path], None]) -> None:
    """`make(tmp)` builds the new entry under a temporary name beside `path` (step `step`), then one rename
    puts it in place; the temporary entry is discarded on any failure, the folder synced after."""
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    with fatal_on_os_error(path):
        try:
            write_step(step, tmp)
            make(tmp)
            write_step("rename", path)
            os.replace(tmp, path)
        except BaseException:
            _discard(tmp)
            raise
        fsync_path(path.parent)


def write_new_file(path: Path, write: Callable[[Path], None]) -> None:
    """Write a file in a folder no reader sees yet (an uncommitted generation): no temporary name."""
    with fatal_on_os_error(path):
        write_step("write", path)
        write(path)
        fsync_path(path)


def write_text(path: Path, text: str) -> None:
    """Write a text file (a report page) atomically."""
    make_folder(path.parent)
    write_file(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    log.info("wrote %s (%d bytes)", path, len(text))


def make_folder(path: Path) -> None:
    """mkdir -p, as a step."""
    if path.is_dir():
        return
    with fatal_on_os_error(path):
        write_step("mkdir", path)
        path.mkdir(parents=True, exist_ok=True)


def link(target: str, path: Path) -> None:
    """Make `path` a symbolic link to `target`, replacing whatever link was there in one rename."""

    def make_link(tmp: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.symlink(target, tmp)

    _replace_whole(path, "link", make_link)


def remove(path: Path) -> None:
    """Delete a file, link or folder tree (leftovers of earlier runs)."""
    with fatal_on_os_error(path, "remove"):
        write_step("delete", path)
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path)


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files a killed run left in `folder` (not recursive)."""
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            if TMP_MARK in entry.name:
                remove(entry)


def preflight(raw_dir: Path | str, curated: Path | str, reports: Path) -> None:
    """Fail fast, before Prefect starts, on what would stop a run: missing folders, rights, a store
    on object storage that does not answer."""
    from flows.files import ObjectFiles, is_remote

    for label, place in (("raw", raw_dir), ("curated", curated)):
        if is_remote(place):
            ObjectFiles(place).check_reachable(label)
    if is_remote(raw_dir):
        raw_dir = None
    if is_remote(curated):
        curated = None
    _preflight_local(raw_dir, curated, reports)


def _preflight_local(raw_dir: Path | None, curated: Path | None, reports: Path) -> None:
    if raw_dir is not None and not raw_dir.is_dir():
        raise FatalRunError(f"raw folder {raw_dir} does not exist or is not a folder: create it or pass --raw DIR")
    if raw_dir is not None and not os.access(raw_dir, os.R_OK | os.X_OK):
        raise FatalRunError(f"raw folder {raw_dir} is not readable: fix its permissions (chmod u+rx)")
    for label, folder in (("curated", curated), ("reports", reports)):
        if folder is None:
            continue
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
