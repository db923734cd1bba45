"""History tables stay a bounded number of files after many runs; an interrupted compaction never counts a run twice."""

import datetime as dt

import duckdb
import pytest

from flows import history, io
from flows import store as st
from flows.files import LocalFiles

UTC = dt.timezone.utc


def run_row(i: int) -> dict:
    return {"run_id": f"r{i:03d}", "started_at": dt.datetime(2024, 1, 1, tzinfo=UTC) + dt.timedelta(hours=i),
            "finished_at": None, "status": "completed"}


def quarantine_row(i: int) -> dict:
    return {"run_id": f"r{i:03d}", "stage": "ingest", "source_path": f"{i}.pdf", "record_key": None,
            "reason": "unsupported file type", "payload": "{}",
            "quarantined_at": dt.datetime(2024, 1, 1, tzinfo=UTC)}


def runs(store: st.CuratedStore, count: int, start: int = 0) -> None:
    """`count` runs' history, each compacting after it as a run does after its commit."""
    for i in range(start, start + count):
        store.write_history("runs", f"r{i:03d}", [run_row(i)])
        store.write_history("quarantine", f"r{i:03d}", [quarantine_row(i)])
        store.compact_history(f"r{i:03d}")


def test_many_runs_leave_a_bounded_number_of_history_files_and_every_row(tmp_path):
    store = st.CuratedStore(tmp_path)
    runs(store, 100)
    for name in ("runs", "quarantine"):
        names = sorted(p.name for p in (tmp_path / name).iterdir())
        assert len(names) <= history.HISTORY_FILES_MAX + 1, names
        assert any(n.startswith(history.COMPACTED_PREFIX) for n in names)
        assert "run-r099.parquet" in names  # the latest run's own file stays whole (it may be rewritten)
        ids = store.read_table(name).column("run_id").to_pylist()
        assert sorted(ids) == [f"r{i:03d}" for i in range(100)]
        glob = f"{tmp_path}/{name}/*.parquet"
        assert duckdb.sql(f"select count(*) from read_parquet('{glob}', union_by_name=true)").fetchall() == [(100,)]


def test_on_object_storage_too(tmp_path):
    import fsspec

    fsspec.filesystem("memory").store.clear()
    store = st.open_store("memory://history")
    runs(store, 40)
    names = store.files.list(store.history_folder("runs"))
    assert len(names) <= history.HISTORY_FILES_MAX + 1 and any(n.startswith(history.COMPACTED_PREFIX) for n in names)
    assert sorted(store.read_table("runs").column("run_id").to_pylist()) == [f"r{i:03d}" for i in range(40)]
    fsspec.filesystem("memory").store.clear()


def test_below_the_limit_nothing_is_merged(tmp_path):
    store = st.CuratedStore(tmp_path)
    runs(store, history.HISTORY_FILES_MAX)
    assert not any(p.name.startswith(history.COMPACTED_PREFIX) for p in (tmp_path / "runs").iterdir())


def test_a_compaction_killed_before_its_deletions_counts_each_run_once_and_is_finished_later(tmp_path, monkeypatch):
    store = st.CuratedStore(tmp_path)
    runs(store, history.HISTORY_FILES_MAX)
    store.write_history("runs", "r900", [run_row(900)])

    class Killed(BaseException):
        pass

    def die_at_the_first_deletion(step, path):
        if step == "delete" and "runs" in str(path):
            raise Killed()

    monkeypatch.setattr(io, "write_step", die_at_the_first_deletion)
    with pytest.raises(Killed):
        store.compact_history("r900")
    monkeypatch.undo()
    names = [p.name for p in (tmp_path / "runs").iterdir()]
    assert len(names) == history.HISTORY_FILES_MAX + 2  # every file, and the compacted one beside them
    ids = store.read_table("runs").column("run_id").to_pylist()
    assert len(ids) == len(set(ids)) == history.HISTORY_FILES_MAX + 1  # our reader: each run once
    store.clean()  # the next run's start
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["compacted-r900.parquet", "run-r900.parquet"]
    assert len(store.read_table("runs")) == history.HISTORY_FILES_MAX + 1


def test_a_foreign_file_is_left_alone_and_older_files_get_the_new_columns_as_nulls(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "foreign.parquet").write_bytes(b"not parquet")
    pq.write_table(pa.table({"run_id": ["old"], "status": ["completed"],
                             "started_at": pa.array([dt.datetime(2023, 1, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC"))}),
                   tmp_path / "runs" / "run-old.parquet")
    store = st.CuratedStore(tmp_path)
    runs(store, history.HISTORY_FILES_MAX)
    names = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert "foreign.parquet" in names and "run-old.parquet" not in names
    rows = {r["run_id"]: r for r in store.read_table("runs").to_pylist()}
    assert rows["old"]["finished_at"] is None and len(rows) == history.HISTORY_FILES_MAX + 1


def test_files_of_a_compacted_folder_are_what_it_says(tmp_path):
    files = LocalFiles(tmp_path)
    store = st.CuratedStore(tmp_path)
    runs(store, history.HISTORY_FILES_MAX + 1)
    compacted = next(p for p in (tmp_path / "runs").iterdir() if p.name.startswith(history.COMPACTED_PREFIX))
    held = history._holds(files, str(compacted))
    assert len(held) == history.HISTORY_FILES_MAX and "run-r032.parquet" not in held


def test_an_old_file_reads_alike_before_and_after_it_is_compacted(tmp_path):
    """Readers and compaction read a history file with one reader (eventline.readers.read_history_file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "runs").mkdir()
    pq.write_table(pa.table({"run_id": ["old"], "status": ["completed"], "dropped_since": [1],
                             "started_at": pa.array([dt.datetime(2023, 1, 1, tzinfo=UTC)], pa.timestamp("ms", tz="UTC"))}),
                   tmp_path / "runs" / "run-old.parquet")
    store = st.CuratedStore(tmp_path)
    runs(store, 2)
    before = {r["run_id"]: r for r in store.read_table("runs").to_pylist()}
    runs(store, history.HISTORY_FILES_MAX, start=2)
    after = {r["run_id"]: r for r in store.read_table("runs").to_pylist()}
    assert not (tmp_path / "runs" / "run-old.parquet").exists()
    assert before["old"] == after["old"] and after["old"]["finished_at"] is None
    assert "dropped_since" not in after["old"] and after["old"]["started_at"] == dt.datetime(2023, 1, 1, tzinfo=UTC)
