"""docs/CODEBOOK.md is what schemas/ generates; column descriptions reach every reader."""

import json

import duckdb
import polars as pl
import pyarrow.parquet as pq

from schemas import vocab
from schemas.arrow import enforce_schema
from schemas.codebook import CODEBOOK_PATH, VOCABULARIES, render_codebook
from schemas.tables import TABLES


def test_committed_codebook_is_the_generated_one():
    assert CODEBOOK_PATH.read_text(encoding="utf-8") == render_codebook(), \
        "docs/CODEBOOK.md is stale: run `.venv/bin/python -m schemas.codebook`"


def test_codebook_covers_every_table_column_and_term():
    text = render_codebook()
    for table in TABLES.values():
        assert f"### {table.name}" in text
        for f in table.fields:
            assert f.description, f"{table.name}.{f.name} has no description"
            assert f"| `{f.name}` | " in text
    for terms in VOCABULARIES.values():
        for term, definition in terms.items():
            assert definition and f"| `{term}` | {definition} |" in text
    for event_type, plover in vocab.PLOVER_BY_EVENT_TYPE.items():
        assert f"| `{event_type}` | {f'`{plover}`' if plover else 'null'} |" in text
    assert "| \"in May 2023\", \"this month\" | 2023-05-01 | 2023-05-31 | `month` |" in text


def test_vocabulary_tuples_are_the_defined_terms():
    assert vocab.EVENT_TYPES == tuple(vocab.EVENT_TYPE_TERMS)
    assert set(vocab.PLOVER_BY_EVENT_TYPE) == set(vocab.EVENT_TYPES)
    assert {p for p in vocab.PLOVER_BY_EVENT_TYPE.values() if p} == set(vocab.PLOVER_TERMS)


def test_descriptions_reach_pyarrow_duckdb_and_polars(tmp_path):
    path = tmp_path / "entities.parquet"
    pq.write_table(enforce_schema([{"entity_id": "c1", "entity_type": "country", "name": "Kenya", "country": "KEN",
                                    "aliases": ["Kenya"]}], "entities"), path)
    expected = {f.name: f.description for f in TABLES["entities"].fields}
    assert pq.read_schema(path).field("aliases").metadata[b"description"] == expected["aliases"].encode()
    # What each reader actually shows: Polars and DuckDB read the file-level key, not Arrow field metadata.
    assert json.loads(pl.read_parquet_metadata(path)["column_descriptions"]) == expected
    value = duckdb.sql(f"select value from parquet_kv_metadata('{path}') where key = 'column_descriptions'").fetchall()[0]
    assert json.loads(value[0]) == expected


def test_due_precision_terms_describe_the_due_date_not_a_span():
    """A due date is one day (the last of its period): its terms must not speak of start_date/end_date."""
    for term, definition in vocab.DUE_PRECISION_TERMS.items():
        assert "start_date" not in definition and "end_date" not in definition, term
        assert "due_date" in definition, term
    assert set(vocab.DATE_PRECISIONS) <= set(vocab.DUE_PRECISIONS)
    assert "last day of the stated target period" in TABLES["commitments"].field("due_date").description
