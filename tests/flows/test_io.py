"""Raw discovery/reading and the Parquet writer."""

import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

from flows import io
from schemas.tables import SCHEMA_VERSION


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Title A\n\nBody A.", encoding="utf-8")
    (root / "a.meta.json").write_text('{"title": "Sidecar title", "date": "2024-01-02"}', encoding="utf-8")
    (root / "sub" / "b.jsonl").write_text('{"text": "Body B"}\n{"text": \n', encoding="utf-8")
    (root / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (root / "image.png").write_bytes(b"\x89PNG")
    (root / "orphan.meta.json").write_text("{}", encoding="utf-8")
    return root


def test_discover_pairs_sidecars_and_sorts(raw):
    files = io.discover_raw(raw)
    assert [f.rel for f in files] == ["a.txt", "image.png", "latin1.txt", "orphan.meta.json", "sub/b.jsonl"]
    assert files[0].sidecar is not None and files[0].sidecar.name == "a.meta.json"


def test_discover_missing_folder_is_fatal(tmp_path):
    with pytest.raises(io.FatalRunError, match="does not exist"):
        io.discover_raw(tmp_path / "nope")


def test_read_raw_quarantines_without_losing_good_records(raw):
    docs, bad = io.read_raw(io.discover_raw(raw))
    assert [(d.source_path, d.title) for d in docs] == [("a.txt", "Sidecar title"), ("sub/b.jsonl", None)]
    assert docs[0].published == "2024-01-02"
    reasons = {b["source_path"]: b["reason"] for b in bad}
    assert set(reasons) == {"image.png", "latin1.txt", "sub/b.jsonl", "orphan.meta.json"}
    assert "unsupported file type '.png'" in reasons["image.png"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "line 2" in reasons["sub/b.jsonl"]
    assert all(b["stage"] == "ingest" and json.loads(b["payload"]) is not None for b in bad)


def _article(i: int) -> dict:
    return {"article_id": f"art_{i}", "source_path": f"{i}.txt", "url": None, "title": "t",
            "published_date": dt.date(2024, 1, i), "published_date_source": "metadata", "language": "en",
            "text": "text", "content_sha256": "x", "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)}


def test_write_tables_replaces_and_tags_schema_version(tmp_path):
    io.write_tables(tmp_path, {"articles": [_article(1), _article(2)]}, "run_1")
    counts = io.write_tables(tmp_path, {"articles": [_article(3)]}, "run_2")
    assert counts == {"articles": 1}
    files = list((tmp_path / "articles").glob("*.parquet"))
    assert len(files) == 1
    table = pq.read_table(files[0])
    assert table.column("article_id").to_pylist() == ["art_3"]
    meta = pq.read_metadata(files[0]).metadata
    assert meta[b"schema_version"] == SCHEMA_VERSION.encode() and meta[b"run_id"] == b"run_2"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_history_tables_append_one_file_per_run(tmp_path):
    row = {"run_id": "r", "stage": "ingest", "reason": "x", "quarantined_at": dt.datetime.now(dt.timezone.utc)}
    io.write_tables(tmp_path, {"quarantine": [row]}, "r1")
    io.write_tables(tmp_path, {"quarantine": [row]}, "r2")
    assert len(list((tmp_path / "quarantine").glob("*.parquet"))) == 2


def test_write_rejects_rows_that_break_the_schema(tmp_path):
    bad = _article(1) | {"published_date": "yesterday"}
    with pytest.raises(ValueError, match="published_date"):
        io.write_tables(tmp_path, {"articles": [bad]}, "r")


def test_run_lock_is_exclusive_and_released(tmp_path):
    with io.run_lock(tmp_path):
        with pytest.raises(io.FatalRunError, match="lock"):
            with io.run_lock(tmp_path):
                pass
    with io.run_lock(tmp_path):
        pass


def test_lock_file_left_by_a_dead_process_does_not_block(tmp_path):
    (tmp_path / ".eventline.lock").write_text("otherhost:999999999")
    with io.run_lock(tmp_path):
        pass


def test_links_hidden_files_and_parser_crashes_reach_quarantine(tmp_path):
    root = tmp_path / "raw"
    root.mkdir()
    (root / "loop").symlink_to(root / "loop")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / ".hidden.txt").write_text("Hidden title\n\nBody.", encoding="utf-8")
    (root / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    docs, bad = io.read_raw(io.discover_raw(root))
    assert [d.source_path for d in docs] == [".hidden.txt"]
    reasons = {b["source_path"]: b["reason"] for b in bad}
    assert "not a regular file" in reasons["loop"] and "not a regular file" in reasons["dangling.txt"]
    assert "cannot parse" in reasons["deep.json"]


def test_preflight_names_the_problem(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "curated_file").write_text("")
    with pytest.raises(io.FatalRunError, match="is a file"):
        io.preflight(tmp_path / "raw", tmp_path / "curated_file", tmp_path / "reports")
    with pytest.raises(io.FatalRunError, match="does not exist"):
        io.preflight(tmp_path / "nope", tmp_path / "c", tmp_path / "r")
    with io.run_lock(tmp_path / "c"):
        with pytest.raises(io.FatalRunError, match="holds the lock"):
            io.preflight(tmp_path / "raw", tmp_path / "c", tmp_path / "r")
    io.preflight(tmp_path / "raw", tmp_path / "c", tmp_path / "r")
