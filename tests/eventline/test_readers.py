"""Every curated table reads with the same types in pyarrow, pandas (pyarrow backend), DuckDB and Polars."""

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from eventline.readers import duckdb_connect, latest_run_id, quarantine_latest, read_table
from schemas.arrow import arrow_schema
from schemas.tables import TABLES

# The contract's logical types as each reader names them.
DUCKDB = {"string": "VARCHAR", "date": "DATE", "timestamp": "TIMESTAMP WITH TIME ZONE", "int32": "INTEGER",
          "int64": "BIGINT", "float32": "FLOAT", "list<string>": "VARCHAR[]", "map<string,int64>": "MAP(VARCHAR, BIGINT)"}
POLARS = {"string": pl.String(), "date": pl.Date(), "timestamp": pl.Datetime("us", "UTC"), "int32": pl.Int32(),
          "int64": pl.Int64(), "float32": pl.Float32(), "list<string>": pl.List(pl.String()),
          "map<string,int64>": pl.Map(pl.String(), pl.Int64())}


def _same_arrow(a: pa.DataType, b: pa.DataType) -> bool:
    """Equal up to large/regular string and list offsets, and list item names."""
    if pa.types.is_large_string(a) or pa.types.is_string_view(a):
        a = pa.string()
    if pa.types.is_large_list(a):
        a = pa.list_(a.value_type)
    if pa.types.is_list(a) and pa.types.is_list(b):
        return _same_arrow(a.value_type, b.value_type)
    return a == b


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_reader_sees_the_contract_types(two_runs, name):
    folder = two_runs / "curated" / name
    table = TABLES[name]
    arrow = read_table(two_runs / "curated", name)
    assert arrow.num_rows > 0 and arrow.column_names == table.columns
    frame = pd.read_parquet(folder, dtype_backend="pyarrow")
    glob = (folder / "**" / "*.parquet").as_posix()
    described = duckdb.sql(f"describe select * from read_parquet('{glob}', hive_partitioning = true, "
                           "union_by_name = true)").fetchall()
    duck = {row[0]: row[1] for row in described}
    polars = pl.read_parquet(glob, hive_partitioning=True).schema
    for f in table.fields:
        expected = arrow_schema(name).field(f.name).type
        assert arrow.schema.field(f.name).type == expected, f.name
        assert _same_arrow(frame[f.name].dtype.pyarrow_dtype, expected), (f.name, frame[f.name].dtype)
        assert duck[f.name] == DUCKDB[f.type], (f.name, duck[f.name])
        assert polars[f.name] == POLARS[f.type], (f.name, polars[f.name])
    assert len(frame) == arrow.num_rows == len(pl.read_parquet(glob, hive_partitioning=True))


def test_pandas_default_backend_turns_nullable_ints_into_floats(two_runs):
    """Why the README recommends dtype_backend="pyarrow"."""
    default = pd.read_parquet(two_runs / "curated" / "runs")
    assert default["rows_quarantined"].dtype.kind in "if"
    assert pd.read_parquet(two_runs / "curated" / "runs", dtype_backend="pyarrow")["rows_quarantined"].dtype \
        == pd.ArrowDtype(pa.int64())


def test_reader_follows_links_partitions_and_skips_staging(two_runs, tmp_path):
    events = read_table(two_runs / "curated", "events")
    gen = tmp_path / "generation-1" / "events"
    for year in (2022, 2024):
        part = gen / f"year={year}"
        part.mkdir(parents=True)
        rows = events.filter(pa.compute.equal(pa.compute.year(events["start_date"]), year))
        pa.parquet.write_table(rows, part / "part-0.parquet")
    (gen / ".events.tmp-x").mkdir()
    pa.parquet.write_table(events, gen / ".events.tmp-x" / "part-0.parquet")  # an unfinished write
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "events").symlink_to(gen, target_is_directory=True)
    read = read_table(curated, "events")
    assert read.column_names == TABLES["events"].columns  # the partition column is not added
    dated = events.filter(pa.compute.is_in(pa.compute.year(events["start_date"]), pa.array([2022, 2024])))
    assert sorted(read["event_id"].to_pylist()) == sorted(dated["event_id"].to_pylist())
    assert read_table(curated, "articles").num_rows == 0  # an absent table reads as empty, typed


def test_quarantine_latest_counts_each_record_once(two_runs):
    curated = two_runs / "curated"
    everything = read_table(curated, "quarantine")
    latest = quarantine_latest(curated)
    assert set(latest["run_id"].to_pylist()) == {latest_run_id(curated)}
    assert everything.num_rows == 2 * latest.num_rows  # two runs, the same bad inputs
    con = duckdb_connect(curated)
    assert con.sql("select count(*) from quarantine_latest").fetchall()[0][0] == latest.num_rows
    comments = dict(con.sql("select column_name, comment from duckdb_columns() where table_name = 'events'")
                    .fetchall())
    assert comments["date_precision"] == TABLES["events"].field("date_precision").description
