"""What an incremental run compares a raw file with: its size and sha256, or an object's tag from its store."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest

from flows import raw, state

UTC = dt.timezone.utc
WHEN = dt.datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


def test_an_objects_stamp_names_its_version():
    info = {"size": 12, "LastModified": WHEN, "ETag": '"abc"', "VersionId": "v7"}
    assert raw._remote_stamp(info) == (12, WHEN, 'ETag="abc" VersionId=v7')
    assert raw._remote_stamp({"size": 3, "mtime": WHEN.timestamp()}) == (3, WHEN, None)
    assert raw._remote_stamp({"size": 3, "updated": "2024-05-01T12:00:00Z", "etag": "x"})[1:] == (WHEN, "etag=x")


@pytest.fixture
def store(monkeypatch):
    """A fake object store: path -> (bytes, tag); counts the objects read to hash them."""
    objects: dict[str, tuple[bytes, str | None]] = {}
    hashed: list[str] = []
    monkeypatch.setattr(raw, "file_stamp", lambda p: (len(objects[p][0]), WHEN, objects[p][1]))

    def sha(path):
        hashed.append(path)
        return hashlib.sha256(objects[path][0]).hexdigest()

    monkeypatch.setattr(raw, "file_sha256", sha)
    return objects, hashed


def recorded(data: bytes, tag: str | None) -> dict:
    return {"source_path": "a.txt", "size_bytes": len(data), "modified_at": WHEN, "etag": tag,
            "sha256": hashlib.sha256(data).hexdigest(), "sidecar_path": None, "batch": "b"}


def test_an_object_with_its_recorded_tag_is_not_downloaded(store):
    objects, hashed = store
    objects["s3://b/a.txt"] = (b"same size", "ETag=1")
    assert state._unchanged("s3://b/a.txt", recorded(b"same size", "ETag=1")) is not None
    assert hashed == []


def test_a_new_tag_is_checked_by_the_contents(store):
    objects, hashed = store
    objects["s3://b/a.txt"] = (b"same size", "ETag=2")  # rewritten with the same bytes
    kept = state._unchanged("s3://b/a.txt", recorded(b"same size", "ETag=1"))
    assert kept is not None and kept["etag"] == "ETag=2" and hashed == ["s3://b/a.txt"]
    objects["s3://b/a.txt"] = (b"same Size", "ETag=3")  # a same-size edit within LastModified's second
    assert state._unchanged("s3://b/a.txt", recorded(b"same size", "ETag=2")) is None


def test_a_file_without_a_tag_is_hashed_every_time(store):
    objects, hashed = store
    objects["/raw/a.txt"] = (b"same Size", None)
    assert state._unchanged("/raw/a.txt", recorded(b"same size", None)) is None
    objects["/raw/a.txt"] = (b"same size", None)
    assert state._unchanged("/raw/a.txt", recorded(b"same size", None)) is not None
    assert hashed == ["/raw/a.txt", "/raw/a.txt"]


def test_the_stamp_of_a_file_read_is_taken_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    os.utime(path, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))
    real_open = raw._open

    class WrittenWhileRead:  # another process writes the file between our open and the end of our read
        def __init__(self, p):
            self.fh = real_open(p)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def fileno(self):
            return self.fh.fileno()

        def read(self, n=-1):
            data = self.fh.read(n)
            path.write_bytes(b"HELLO")
            os.utime(path, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
            return data

    monkeypatch.setattr(raw, "_open", WrittenWhileRead)
    data, stamp = raw._read_stamped(str(path), 100)
    row = raw._inventory_row("a.txt", data, stamp)
    assert data == b"hello" and row["sha256"] == hashlib.sha256(b"hello").hexdigest() and row["etag"] is None
    assert row["modified_at"].timestamp() == 1_600_000_000  # the old bytes with their old time: read again next run
