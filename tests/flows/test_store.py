"""The curated store: generations committed by one rename, readers through the table links, history, migration."""

import datetime as dt
import os
import subprocess
import sys
import textwrap

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from flows import store as st
from flows.io import FatalRunError
from schemas.arrow import enforce_schema
from schemas.tables import SCHEMA_VERSION, TABLES

UTC = dt.timezone.utc


def article(i: int, text: str = "text") -> dict:
    return {"article_id": f"art_{i}", "source_path": f"{i}.txt", "url": None, "title": "t",
            "published_date": dt.date(2024, 1, i), "published_date_source": "metadata", "language": "en",
            "text": text, "content_sha256": "x", "ingested_at": dt.datetime(2024, 1, 1, tzinfo=UTC),
            "record_key": "0"}


def commit(store: st.CuratedStore, name: str, articles: list[dict]) -> None:
    gen = store.begin(name)
    for table in st.GENERATION_TABLES:
        rows = articles if table == "articles" else []
        gen.write_table(table, enforce_schema(rows, table), {"run_id": name})
    gen.finish({"run_id": name})
    store.commit(gen)


def test_readers_see_the_committed_generation_through_the_table_links(tmp_path):
    store = st.CuratedStore(tmp_path)
    commit(store, "g1", [article(1), article(2)])
    commit(store, "g2", [article(3)])
    glob = f"{tmp_path}/articles/*/*.parquet"
    assert duckdb.sql(f"select article_id, year from read_parquet('{glob}', hive_partitioning=true)"
                      ).fetchall() == [("art_3", 2024)]
    assert ds.dataset(tmp_path / "articles", format="parquet").to_table().column("article_id").to_pylist() == ["art_3"]
    assert store.read_table("articles").column("article_id").to_pylist() == ["art_3"]
    meta = pq.read_metadata(tmp_path / "articles" / "year=2024" / "part-g2-0.parquet").metadata
    assert meta[b"schema_version"] == SCHEMA_VERSION.encode() and meta[b"run_id"] == b"g2"
    assert os.readlink(tmp_path / "articles") == ".generations/current/articles"
    assert (store.current(), os.readlink(tmp_path / ".generations" / "previous")) == ("g2", "g1")


def event(i: int, start: dt.date) -> dict:
    return {"event_id": f"ev_{i}", "event_type": "talks", "plover_type": "CONSULT", "name": None,
            "status": "occurred", "start_date": start, "end_date": start, "date_precision": "day",
            "location": None, "location_country": None, "countries": ["KAZ"], "article_id": "art_1",
            "evidence": "They met.", "char_start": 0, "char_end": 9, "confidence": 0.5, "mention_count": 1}


def commit_events(store: st.CuratedStore, name: str, events: list[dict]) -> None:
    gen = store.begin(name)
    gen.write_table("events", enforce_schema(events, "events"), {"run_id": name})
    gen.finish({"run_id": name})
    store.commit(gen)


def test_a_read_through_the_link_that_overlaps_a_commit_gets_one_whole_generation_or_an_error(tmp_path):
    """A reader lists the files through the table link, a run commits, then the reader opens them:
    every generation names its files apart, so the read fails loudly instead of mixing two generations."""
    store = st.CuratedStore(tmp_path)
    commit_events(store, "g1", [event(1, dt.date(2024, 1, 2)), event(2, dt.date(2024, 5, 1))])
    listed = ds.dataset(tmp_path / "events", format="parquet", partitioning="hive")  # lists now, opens later
    commit_events(store, "g2", [event(1, dt.date(2023, 12, 31)), event(2, dt.date(2024, 5, 1))])
    with pytest.raises(FileNotFoundError):
        listed.to_table()
    resolved = os.path.realpath(tmp_path / ".generations" / "current")  # the README's way: resolve once
    assert sorted(ds.dataset(f"{resolved}/events", format="parquet", partitioning="hive").to_table()
                  .column("event_id").to_pylist()) == ["ev_1", "ev_2"]
    names = {p.name for p in (tmp_path / ".generations").rglob("*.parquet")}
    assert names == {"part-g1-0.parquet", "part-g2-0.parquet"}


def test_a_generation_merges_small_files_several_writers_left_before_its_commit(tmp_path):
    store = st.CuratedStore(tmp_path)
    gen = store.begin("g1")
    for prefix, ids in (("a", (1, 2)), ("b", (3,))):
        writer = gen.table_writer("events", {"run_id": "g1"}, prefix=prefix)
        writer.write(enforce_schema([event(i, dt.date(2024, 1, i)) for i in ids], "events"))
        gen.close_table(writer)
    folder = tmp_path / ".generations" / "g1" / "events" / "year=2024"
    assert sorted(p.name for p in folder.iterdir()) == ["a-g1-0.parquet", "b-g1-0.parquet"]
    gen.compact({"run_id": "g1"})
    gen.finish({"run_id": "g1"})
    store.commit(gen)
    assert sorted(p.name for p in folder.iterdir()) == ["compact-g1-0.parquet"]
    assert sorted(store.read_table("events").column("event_id").to_pylist()) == ["ev_1", "ev_2", "ev_3"]
    assert store.generation_info()["tables"]["events"] == 3


def test_clean_keeps_the_current_and_the_previous_generation_only(tmp_path):
    store = st.CuratedStore(tmp_path)
    for name in ("g1", "g2", "g3"):
        commit(store, name, [article(1)])
    store.begin("g4-died")  # an uncommitted generation of a run that was killed
    (tmp_path / ".articles.tmp-99").symlink_to("nowhere")
    store.clean()
    assert sorted(p.name for p in (tmp_path / ".generations").iterdir()) == ["current", "g2", "g3", "previous"]
    assert not (tmp_path / ".articles.tmp-99").is_symlink()


def test_history_files_are_whole_and_a_torn_or_foreign_one_is_skipped(tmp_path):
    store = st.CuratedStore(tmp_path)
    row = {"run_id": "r", "stage": "ingest", "reason": "x", "quarantined_at": dt.datetime.now(UTC)}
    store.write_history("quarantine", "r1", [row])
    store.write_history("quarantine", "r2", [row, row])
    (tmp_path / "quarantine" / "torn.parquet").write_bytes(b"PAR1\x00\x01")
    (tmp_path / "quarantine" / "foreign.parquet").write_bytes(b"not parquet at all")
    assert store.read_table("quarantine").num_rows == 3
    assert sorted(p.name for p in (tmp_path / "quarantine").iterdir()) == [
        "foreign.parquet", "run-r1.parquet", "run-r2.parquet", "torn.parquet"]


def test_history_written_by_an_older_schema_is_read_with_nulls(tmp_path):
    old = pa.table({"run_id": ["r0"], "started_at": pa.array([dt.datetime(2024, 1, 1, tzinfo=UTC)],
                                                             pa.timestamp("us", tz="UTC")),
                    "status": ["completed"]})
    (tmp_path / "runs").mkdir()
    pq.write_table(old, tmp_path / "runs" / "run-r0.parquet")
    runs = st.CuratedStore(tmp_path).read_table("runs").to_pylist()
    assert runs[0]["run_id"] == "r0" and runs[0]["error"] is None


def test_old_layout_is_migrated_without_a_moment_without_tables(tmp_path):
    for table in st.GENERATION_TABLES:
        (tmp_path / table).mkdir()
        rows = [article(1)] if table == "articles" else []
        pq.write_table(enforce_schema(rows, table), tmp_path / table / "part-0.parquet")
    (tmp_path / ".events.old-run_x").mkdir()
    (tmp_path / ".articles.tmp-run_y").mkdir()
    store = st.CuratedStore(tmp_path)
    assert store.recover() == []
    assert all((tmp_path / t).is_symlink() for t in st.GENERATION_TABLES)
    assert store.current().startswith("migrated-")
    assert duckdb.sql(f"select count(*) from '{tmp_path}/articles/*.parquet'").fetchall() == [(1,)]
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".") and p not in (".generations",)]


def test_a_table_lost_between_the_old_writers_renames_is_restored(tmp_path):
    for table in st.GENERATION_TABLES:
        folder = tmp_path / (table if table != "events" else ".events.old-run_x")
        folder.mkdir()
        pq.write_table(enforce_schema([], table), folder / "part-0.parquet")
    st.CuratedStore(tmp_path).recover()
    assert (tmp_path / "events").is_symlink() and (tmp_path / "events" / "part-0.parquet").is_file()


def test_rows_that_cannot_take_the_schema_come_back_apart():
    good, bad = article(1), article(2) | {"published_date": "yesterday"}
    arrow, rejected = st.to_arrow([good, bad], TABLES["articles"])
    assert arrow.column("article_id").to_pylist() == ["art_1"]
    assert rejected[0][0] is bad and "published_date" in rejected[0][1]


def test_state_is_committed_with_the_tables(tmp_path):
    store = st.CuratedStore(tmp_path)
    gen = store.begin("g1")
    gen.write_state("raw_files", pa.table({"source_path": ["a.txt"]}))
    gen.finish({"run_id": "g1"})
    assert store.read_state("raw_files") is None  # not before the commit
    store.commit(gen)
    assert store.read_state("raw_files").column("source_path").to_pylist() == ["a.txt"]
    assert not (tmp_path / "_state").exists()


def test_run_lock_is_reentrant_in_one_process_and_exclusive_across(tmp_path):
    with st.run_lock(tmp_path):
        with st.run_lock(tmp_path):
            assert st.holds_lock(tmp_path)
        other = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
            import sys; sys.path.insert(0, {os.getcwd()!r})
            from flows.store import run_lock
            from flows.io import FatalRunError
            try:
                with run_lock(__import__('pathlib').Path({str(tmp_path)!r})):
                    print('acquired')
            except FatalRunError as exc:
                print(exc)
        """)], capture_output=True, text=True)
        assert "holds the lock" in other.stdout and str(os.getpid()) in other.stdout
    assert not st.holds_lock(tmp_path)
    with st.run_lock(tmp_path):
        pass


def test_lock_file_left_by_a_dead_process_does_not_block(tmp_path):
    (tmp_path / ".eventline.lock").write_text("otherhost:999999999")
    with st.run_lock(tmp_path):
        pass


def test_a_full_disk_is_one_fatal_line(tmp_path, monkeypatch):
    import errno

    def full(step, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("flows.io.write_step", full)
    with pytest.raises(FatalRunError, match="disk is full") as info:
        st.CuratedStore(tmp_path).write_history("runs", "r1", [])
    assert "\n" not in str(info.value)


def test_an_arrow_table_is_cast_to_the_contract_schema_whole():
    from schemas.arrow import enforce_schema

    row = {"article_id": "a1", "source_path": "x.txt", "url": None, "title": "t", "published_date": None,
           "published_date_source": "none", "language": "en", "text": "T", "content_sha256": "0" * 64,
           "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), "record_key": "0"}
    arrow = enforce_schema([row], "articles")
    out, rejected = st.to_arrow(arrow.select(list(reversed(arrow.column_names))), TABLES["articles"])
    assert rejected == [] and out.equals(arrow) and out.schema.metadata == arrow.schema.metadata
