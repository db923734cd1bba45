"""Locations and file operations: local folders and object storage (fsspec's in-memory store stands in for S3 here;
tests/flows/test_past_one_machine.py runs the real flow against an S3 server)."""

from pathlib import Path

import fsspec
import pytest

from eventline.readers import read_table
from flows import files
from flows.io import FatalRunError
from flows.parquet import TableWriter
from schemas.arrow import arrow_schema, enforce_schema


@pytest.mark.parametrize(("text", "expected"), [
    ("data/curated", Path("data/curated")),
    ("file:///srv/curated", Path("/srv/curated")),
    ("s3://bucket/curated/", "s3://bucket/curated"),
    ("gs://bucket/a/b", "gs://bucket/a/b"),
    ("memory://x", "memory://x"),
])
def test_a_location_is_a_local_path_or_a_url(text, expected):
    assert files.location(text) == expected
    assert files.is_remote(files.location(text)) == isinstance(expected, str)


def test_join_uses_slashes_whatever_the_parts():
    assert files.join("bucket/c/", "/events", "year=2024/") == "bucket/c/events/year=2024"


@pytest.fixture
def memory():
    fs = fsspec.filesystem("memory")
    fs.store.clear()
    yield "memory://store"
    fs.store.clear()


def test_object_files_write_whole_list_read_and_remove(memory):
    store = files.files_for(memory)
    assert isinstance(store, files.ObjectFiles) and store.remote
    store.write_whole(files.join(store.root, "a", "x.parquet"), b"one")
    with store.open_new(files.join(store.root, "a", "sub", "y.parquet")) as fh:
        fh.write(b"two")
    assert store.list(files.join(store.root, "a")) == ["sub", "x.parquet"]
    assert store.find_parquet(files.join(store.root, "a")) == ["sub/y.parquet", "x.parquet"]
    assert store.read_bytes(files.join(store.root, "a", "x.parquet")) == b"one"
    store.link_or_copy(files.join(store.root, "a", "x.parquet"), files.join(store.root, "b", "x.parquet"))
    assert store.size(files.join(store.root, "b", "x.parquet")) == 3
    store.remove(files.join(store.root, "a"))
    assert store.list(files.join(store.root, "a")) == [] and not store.exists(files.join(store.root, "a"))


def test_an_object_written_as_a_stream_is_not_left_behind_when_the_writer_fails(memory):
    store = files.files_for(memory)
    path = files.join(store.root, "t", "part-0.parquet")
    with pytest.raises(RuntimeError), store.open_new(path) as fh:
        fh.write(b"half")
        raise RuntimeError("died")
    assert not store.exists(path)


def test_a_partitioned_table_written_to_object_storage_reads_back(memory):
    store = files.files_for(memory)
    rows = [{"article_id": f"a{i}", "source_path": "x.txt", "url": None, "title": None,
             "published_date": None, "published_date_source": "unknown", "language": "en", "text": "t",
             "content_sha256": "h", "ingested_at": None, "record_key": "0"} for i in range(3)]
    import datetime as dt

    rows[0]["published_date"] = dt.date(2022, 3, 1)
    for row in rows:
        row["ingested_at"] = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    writer = TableWriter(store, files.join(store.root, "articles"), "articles", arrow_schema("articles"), {"run_id": "r"})
    writer.write(enforce_schema(rows, "articles"))
    writer.close()
    assert store.find_parquet(files.join(store.root, "articles")) == ["year=0/part-0.parquet", "year=2022/part-0.parquet"]
    assert sorted(read_table(memory, "articles").column("article_id").to_pylist()) == ["a0", "a1", "a2"]


def test_errors_of_the_store_are_one_line_that_says_what_to_do(memory, monkeypatch):
    store = files.files_for(memory)

    def refuse(*args, **kwargs):
        raise PermissionError("Access Denied")

    monkeypatch.setattr(store.fs, "pipe_file", refuse)
    with pytest.raises(FatalRunError, match=r"cannot write memory:///?store/x .*check the bucket, the credentials"):
        store.write_whole(files.join(store.root, "x"), b"1")


def _articles(n: int) -> list[dict]:
    import datetime as dt

    return [{"article_id": f"a{i}", "source_path": "x.txt", "url": None, "title": None,
             "published_date": dt.date(2022, 3, 1), "published_date_source": "metadata", "language": "en", "text": "t",
             "content_sha256": "h", "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), "record_key": "0"}
            for i in range(n)]


@pytest.mark.parametrize("scheme", ["", "file://", "local://"])
def test_readers_and_the_command_line_read_a_location_the_same_way(tmp_path, scheme):
    writer = TableWriter(files.LocalFiles(tmp_path), str(tmp_path / "articles"), "articles", arrow_schema("articles"),
                         {"run_id": "r"})
    writer.write(enforce_schema(_articles(2), "articles"))
    writer.close()
    assert files.location(f"{scheme}{tmp_path}") == tmp_path
    assert read_table(f"{scheme}{tmp_path}", "articles").num_rows == 2


def test_a_protocol_whose_package_is_missing_says_what_to_install(tmp_path):
    from typer.testing import CliRunner

    from eventline.cli import app

    with pytest.raises(FatalRunError, match=r"gs:// needs a package that is not installed \(pip install gcsfs\)"):
        files.ObjectFiles("gs://bucket/curated")
    with pytest.raises(ValueError, match=r"pip install gcsfs"):
        read_table("gs://bucket/curated", "events")
    result = CliRunner().invoke(app, ["timeline", "--curated", "gs://bucket/curated"])
    assert result.exit_code == 2 and "pip install gcsfs" in result.output and "Traceback" not in result.output


def test_errors_of_the_store_name_the_endpoint_variable_only_for_s3():
    many_lines = OSError("Access Denied\n<Error><Code>AccessDenied</Code></Error>")
    s3 = str(files.store_error("list", "s3://b/raw", many_lines))
    gs = str(files.store_error("list", "gs://b/raw", many_lines))
    assert "\n" not in s3 and "AWS_ENDPOINT_URL" in s3 and "Access Denied" in s3
    assert "AWS_ENDPOINT_URL" not in gs and "then run again" in gs


def test_the_reachability_check_lists_only_the_stores_own_prefix(memory, monkeypatch):
    store = files.files_for(f"{memory}/curated")
    store.write_whole(files.join(store.root, "runs", "run-1.parquet"), b"x")

    def denied(path, *args, **kwargs):  # credentials that may list the store's prefix only
        raise PermissionError(f"Access Denied: ListBucket on {path}")

    monkeypatch.setattr(store.fs, "ls", denied)
    store.check_reachable("curated")
    files.files_for(f"{memory}/empty-prefix").check_reachable("curated")  # a first run's empty prefix


def test_upload_staging_of_dead_processes_is_removed(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)
    (tmp_path / f"{files.UPLOADS}{dead}-abc").mkdir()
    (tmp_path / f"{files.UPLOADS}{dead}-abc" / "object").write_bytes(b"half an upload")
    (tmp_path / f"{files.UPLOADS}{os.getpid()}-def").mkdir()  # this process's own, maybe in use
    files.remove_dead_uploads()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{files.UPLOADS}{os.getpid()}-def"]


def test_a_url_holding_a_secret_is_refused_before_it_reaches_logs_or_run_parameters(tmp_path):
    from typer.testing import CliRunner

    from eventline.cli import app

    with pytest.raises(ValueError, match="AWS_SECRET_ACCESS_KEY") as info:
        files.location("s3://AKIAKEY:s3cr3t@bucket/curated")
    assert "s3cr3t" not in str(info.value)
    assert files.location("sftp://user@host/raw") == "sftp://user@host/raw"  # a user name is no secret
    result = CliRunner().invoke(app, ["run", "--raw", str(tmp_path), "--curated", "s3://AKIAKEY:s3cr3t@bucket/c"])
    assert result.exit_code == 2 and "s3cr3t" not in result.output and "FSSPEC_S3_" in result.output
