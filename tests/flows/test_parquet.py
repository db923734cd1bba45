"""Table files: year partitions, row groups sized for scans, bounded buffers, compaction; every reader reads them."""

import datetime as dt
import os
import re
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventline.readers import read_table
from flows import parquet
from flows.files import LocalFiles
from schemas.arrow import arrow_schema, enforce_schema

README = Path(__file__).resolve().parents[2] / "README.md"


def event(i: int, start: dt.date | None) -> dict:
    return {"event_id": f"ev_{i:05d}", "event_type": "talks", "plover_type": "CONSULT", "name": None,
            "status": "occurred", "start_date": start, "end_date": start, "date_precision": "day" if start else "unknown",
            "location": None, "location_country": None, "countries": ["KAZ"], "article_id": "art_1",
            "evidence": "They met.", "char_start": 0, "char_end": 9, "confidence": 0.5, "mention_count": 1}


def write(folder, name: str, batches: list[list[dict]], **kwargs) -> parquet.TableWriter:
    writer = parquet.TableWriter(LocalFiles(folder), str(folder / name), name, arrow_schema(name),
                                 {"run_id": "r1"}, **kwargs)
    for rows in batches:
        writer.write(enforce_schema(rows, name))
    writer.close()
    return writer


def files_of(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.parquet"))


def test_events_are_partitioned_by_the_year_of_start_date_undated_under_year_0(tmp_path):
    rows = [event(1, dt.date(2023, 5, 1)), event(2, None), event(3, dt.date(2024, 1, 2)), event(4, dt.date(2023, 1, 9))]
    write(tmp_path, "events", [rows[:2], rows[2:]])
    assert files_of(tmp_path / "events") == ["year=0/part-0.parquet", "year=2023/part-0.parquet",
                                             "year=2024/part-0.parquet"]
    # Within a partition, rows are sorted by the date (min/max statistics prune scans), then the id.
    assert pq.read_table(tmp_path / "events" / "year=2023").column("event_id").to_pylist() == ["ev_00004", "ev_00001"]
    glob = f"{tmp_path}/events/**/*.parquet"
    got = duckdb.sql(f"select year, event_id, start_date from read_parquet('{glob}', hive_partitioning=true) "
                     "order by event_id").fetchall()
    assert got == [(2023, "ev_00001", dt.date(2023, 5, 1)), (0, "ev_00002", None), (2024, "ev_00003", dt.date(2024, 1, 2)),
                   (2023, "ev_00004", dt.date(2023, 1, 9))]
    table = read_table(tmp_path, "events")
    assert table.schema.names == arrow_schema("events").names and table.num_rows == 4
    assert sorted(pd.read_parquet(tmp_path / "events")["year"].astype(int).tolist()) == [0, 2023, 2023, 2024]
    assert pl.read_parquet(glob, hive_partitioning=True).height == 4
    meta = pq.read_metadata(tmp_path / "events" / "year=2024" / "part-0.parquet").metadata
    assert meta[b"run_id"] == b"r1" and meta[b"schema_version"]


def test_a_table_without_rows_still_has_one_file_with_its_schema(tmp_path):
    write(tmp_path, "events", [])
    write(tmp_path, "entities", [])
    assert files_of(tmp_path / "events") == ["year=0/part-0.parquet"]
    assert files_of(tmp_path / "entities") == ["part-0.parquet"]
    assert read_table(tmp_path, "events").num_rows == 0
    assert duckdb.sql(f"select count(*) from read_parquet('{tmp_path}/events/**/*.parquet', hive_partitioning=true)"
                      ).fetchall() == [(0,)]


def test_row_groups_aim_at_a_byte_size_within_row_bounds():
    small = enforce_schema([event(i, None) for i in range(10)], "events")
    assert parquet.MIN_GROUP_ROWS <= parquet.group_rows(small) <= parquet.MAX_GROUP_ROWS
    fat = pa.table({"text": ["x" * 1_000_000] * 4})
    assert parquet.group_rows(fat) == parquet.MIN_GROUP_ROWS
    per_row = small.nbytes // small.num_rows
    assert parquet.group_rows(small) == min(parquet.MAX_GROUP_ROWS, parquet.ROW_GROUP_BYTES // per_row)


def test_full_row_groups_are_written_as_batches_come_and_buffers_stay_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "MIN_GROUP_ROWS", 10)
    monkeypatch.setattr(parquet, "ROW_GROUP_BYTES", 1)  # -> MIN_GROUP_ROWS rows per group
    monkeypatch.setattr(parquet, "BUFFER_CAP_BYTES", 4_000)
    batches = [[event(b * 7 + i, dt.date(2020 + i % 3, 1, 1)) for i in range(7)] for b in range(30)]
    writer = parquet.TableWriter(LocalFiles(tmp_path), str(tmp_path / "events"), "events", arrow_schema("events"),
                                 {"run_id": "r1"})
    most = 0
    for rows in batches:
        writer.write(enforce_schema(rows, "events"))
        most = max(most, sum(p.buffered_bytes for p in writer.parts.values()))
    writer.close()
    assert most <= 4_000 + enforce_schema(batches[0], "events").nbytes
    assert read_table(tmp_path, "events").num_rows == 210
    meta = pq.read_metadata(tmp_path / "events" / "year=2020" / "part-0.parquet")
    assert meta.num_row_groups > 1 and all(meta.row_group(g).num_rows <= 10 for g in range(meta.num_row_groups))


def test_row_groups_are_full_but_the_last_of_a_file_whatever_the_batch_sizes(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "MIN_GROUP_ROWS", 10)
    monkeypatch.setattr(parquet, "ROW_GROUP_BYTES", 1)  # -> MIN_GROUP_ROWS rows per group
    write(tmp_path, "entities", [[{"entity_id": f"e{b}_{i}", "entity_type": "country", "name": "X", "country": None,
                                   "aliases": []} for i in range(12)] for b in range(4)])
    meta = pq.read_metadata(tmp_path / "entities" / "part-0.parquet")
    assert [meta.row_group(g).num_rows for g in range(meta.num_row_groups)] == [10, 10, 10, 10, 8]


def test_compaction_merges_the_small_files_of_a_folder_and_keeps_every_row(tmp_path):
    for i in range(6):
        write(tmp_path, "events", [[event(i * 3 + j, dt.date(2024, 1, 1 + j)) for j in range(3)]], prefix=f"run{i}")
    write(tmp_path, "entities", [[{"entity_id": "e1", "entity_type": "country", "name": "Kazakhstan",
                                   "country": "KAZ", "aliases": []}]])
    folders = parquet.data_folders(LocalFiles(tmp_path), str(tmp_path / "events"))
    assert folders == [str(tmp_path / "events" / "year=2024")]
    assert len(files_of(tmp_path / "events")) == 6
    schema = arrow_schema("events")
    assert parquet.compact_folder(LocalFiles(tmp_path), folders[0], "events", schema, {"run_id": "r2"}, "compact")
    assert files_of(tmp_path / "events") == ["year=2024/compact-0.parquet"]
    table = read_table(tmp_path, "events")
    assert sorted(table.column("event_id").to_pylist()) == [f"ev_{i:05d}" for i in range(18)]
    assert pq.read_metadata(tmp_path / "events" / "year=2024" / "compact-0.parquet").metadata[b"run_id"] == b"r2"
    # One file: nothing to do.
    assert not parquet.compact_folder(LocalFiles(tmp_path), folders[0], "events", schema, {"run_id": "r3"}, "c")
    assert not parquet.compact_folder(LocalFiles(tmp_path), str(tmp_path / "entities"), "entities",
                                      arrow_schema("entities"), {"run_id": "r3"}, "c")


def test_compaction_leaves_large_files_alone_however_many(tmp_path, monkeypatch):
    for i in range(6):
        write(tmp_path, "events", [[event(i * 3 + j, dt.date(2024, 1, 1 + j)) for j in range(3)]], prefix=f"run{i}")
    folder = tmp_path / "events" / "year=2024"
    sizes = sorted(p.stat().st_size for p in folder.iterdir())
    monkeypatch.setattr(parquet, "SMALL_FILE_BYTES", sizes[0])  # every file counts as large: full-size files
    before = {p.name: p.stat().st_ino for p in folder.iterdir()}
    assert not parquet.compact_folder(LocalFiles(tmp_path), str(folder), "events", arrow_schema("events"),
                                      {"run_id": "r2"}, "compact")
    assert {p.name: p.stat().st_ino for p in folder.iterdir()} == before
    monkeypatch.setattr(parquet, "SMALL_FILE_BYTES", sizes[2] + 1)  # three or more small ones: only those merge
    small = sorted(p.name for p in folder.iterdir() if p.stat().st_size < sizes[2] + 1)
    assert parquet.compact_folder(LocalFiles(tmp_path), str(folder), "events", arrow_schema("events"),
                                  {"run_id": "r3"}, "compact")
    assert sorted(p.name for p in folder.iterdir()) == sorted([*(set(before) - set(small)), "compact-0.parquet"])
    assert read_table(tmp_path, "events").num_rows == 18


@pytest.mark.parametrize("name", ["articles", "events"])
def test_the_registry_names_the_partition_date_of_the_large_tables(name):
    from schemas.tables import TABLES

    column = TABLES[name].partition_year_of
    assert column in TABLES[name].columns and arrow_schema(name).field(column).type == pa.date32()


def test_compaction_reads_files_written_before_a_column_was_added_with_nulls_in_it(tmp_path):
    folder = tmp_path / "entities"
    folder.mkdir()
    old = enforce_schema([{"entity_id": "e0", "entity_type": "country", "name": "Kazakhstan", "country": "KAZ",
                           "aliases": []}], "entities").drop_columns(["country"])  # a file of an older schema
    for i in range(3):
        pq.write_table(old.set_column(0, "entity_id", pa.array([f"e{i}"])), folder / f"part-old{i}-0.parquet")
    assert parquet.compact_folder(LocalFiles(tmp_path), str(folder), "entities", arrow_schema("entities"),
                                  {"run_id": "r2"}, "compact-r2")
    table = read_table(tmp_path, "entities")
    assert files_of(folder) == ["compact-r2-0.parquet"]
    assert sorted(table.column("entity_id").to_pylist()) == ["e0", "e1", "e2"]
    assert table.column("country").null_count == table.num_rows


def test_a_new_file_is_never_written_into_an_existing_one_such_as_a_hard_link_of_a_committed_file(tmp_path):
    from flows.io import FatalRunError

    committed = tmp_path / "committed.parquet"
    committed.write_bytes(b"PAR1 committed bytes PAR1")
    os.link(committed, tmp_path / "adopted.parquet")
    with pytest.raises(FatalRunError, match="exists"), LocalFiles(tmp_path).open_new(str(tmp_path / "adopted.parquet")) as fh:
        fh.write(b"xx")
    assert committed.read_bytes() == b"PAR1 committed bytes PAR1"


def test_the_year_column_each_reader_adds_has_the_type_the_readme_says(tmp_path):
    write(tmp_path, "events", [[event(1, dt.date(2023, 5, 1)), event(2, None)]])
    glob = f"{tmp_path}/events/**/*.parquet"
    frame = pd.read_parquet(tmp_path / "events")
    assert frame["year"].dtype == "category" and frame["year"].cat.categories.dtype == "int32"
    assert pq.read_table(tmp_path / "events").schema.field("year").type == pa.dictionary(pa.int32(), pa.int32())
    assert duckdb.sql(f"select distinct typeof(year) from read_parquet('{glob}', hive_partitioning=true)"
                      ).fetchall() == [("BIGINT",)]
    assert pl.read_parquet(glob, hive_partitioning=True).schema["year"] == pl.Int64
    assert "year" not in read_table(tmp_path, "events").column_names
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert ("DuckDB and Polars as a 64-bit integer, pyarrow (`pq.read_table`) as `dictionary<int32>`, pandas as a "
            "`category` of integers") in readme


def test_one_glob_reads_every_table_partitioned_or_not_and_the_docs_give_no_other(tmp_path):
    write(tmp_path, "events", [[event(1, dt.date(2023, 5, 1)), event(2, None)]])
    write(tmp_path, "entities", [[{"entity_id": "e1", "entity_type": "country", "name": "Kazakhstan",
                                   "country": "KAZ", "aliases": []}]])
    for name, rows in (("events", 2), ("entities", 1)):
        glob = f"{tmp_path}/{name}/**/*.parquet"
        assert duckdb.sql(f"select count(*) from read_parquet('{glob}', hive_partitioning=true)").fetchall() == [(rows,)]
        assert pl.read_parquet(glob, hive_partitioning=True).height == rows
    docs = [README, *sorted((README.parent / "docs").glob("*.md")), *sorted((README.parent / "flows").glob("*.py")),
            *sorted((README.parent / "eventline").glob("*.py")), *sorted((README.parent / "schemas").glob("*.py"))]
    # Every glob the docs read with must match at any depth: `x/*.parquet` and `x/*/*.parquet` miss one kind of table.
    read = re.compile(r"""(?:read_parquet|scan_parquet)\(\s*f?['"]([^'"]+)['"]|from\s+'([^']+\.parquet)'""")
    globs = [(p.name, g) for p in docs for m in read.finditer(p.read_text(encoding="utf-8")) for g in m.groups() if g]
    assert len(globs) >= 5
    assert [(name, g) for name, g in globs if "*" in g and "/**/*.parquet" not in g] == []


def _layout(folder) -> dict[str, tuple[list[int], list[dict]]]:
    """Each file of a table: its row groups' sizes and its rows, in order."""
    return {str(p.relative_to(folder)): ([pq.read_metadata(p).row_group(g).num_rows
                                          for g in range(pq.read_metadata(p).num_row_groups)],
                                         pq.read_table(p).to_pylist()) for p in sorted(folder.rglob("*.parquet"))}


@pytest.mark.parametrize("chunk", [4, 7, 1000])
def test_a_whole_table_taken_a_chunk_at_a_time_gives_the_files_of_one_write(tmp_path, monkeypatch, chunk):
    """write_whole (a table sorted once, copied a chunk at a time, each partition written out when done) makes
    the files, row groups and row order of one `write` of the table, undated rows and ties included."""
    monkeypatch.setattr(parquet, "MIN_GROUP_ROWS", 5)
    monkeypatch.setattr(parquet, "ROW_GROUP_BYTES", 1)  # -> MIN_GROUP_ROWS rows per group
    monkeypatch.setattr(parquet, "WHOLE_CHUNK_ROWS", chunk)
    days = [dt.date(2020 + i % 3, 1 + i % 5, 1) if i % 4 else None for i in range(43)]
    table = enforce_schema([event(1000 - i * 7 % 43, day) for i, day in enumerate(days)], "events")
    for way in ("write", "write_whole"):
        writer = parquet.TableWriter(LocalFiles(tmp_path), str(tmp_path / way / "events"), "events",
                                     arrow_schema("events"), {"run_id": "r1"})
        getattr(writer, way)(table)
        assert writer.close() == 43
    whole = _layout(tmp_path / "write_whole")
    assert whole == _layout(tmp_path / "write")
    assert {f.split("/")[1] for f in whole} == {"year=0", "year=2020", "year=2021", "year=2022"}
    assert max(len(sizes) for sizes, _ in whole.values()) > 1
