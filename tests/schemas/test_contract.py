"""The registry in schemas/ and the contract (docs/CONTRACT.md, a copy of the shared one) must agree."""

import datetime as dt
import re
from pathlib import Path

import pyarrow as pa
import pytest

from schemas import vocab
from schemas.arrow import arrow_schema, enforce_schema
from schemas.expectations import suite_specs
from schemas.tables import SCHEMA_VERSION, TABLES

CONTRACT = (Path(__file__).resolve().parents[2] / "docs" / "CONTRACT.md").read_text(encoding="utf-8")

CONTRACT_TYPES = {"string": pa.string(), "string, unique": pa.string(), "string?": pa.string(),
                  "date": pa.date32(), "date?": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"),
                  "int32": pa.int32(), "float32": pa.float32(), "list<string>": pa.list_(pa.string())}


def _contract_tables() -> dict[str, dict[str, str | None]]:
    """table -> {column: contract type or None when only named}."""
    out: dict[str, dict[str, str | None]] = {}
    for block in re.split(r"^### ", CONTRACT, flags=re.M)[1:]:
        name = block.split()[0]
        cols: dict[str, str | None] = {}
        for row in re.findall(r"^\| ([a-z0-9_, ]+?) \| ([^|]*) \|", block, flags=re.M):
            for col in row[0].split(","):
                if col.strip() != "column":
                    cols[col.strip()] = row[1].strip() or None
        if not cols:  # tables listed inline: `a`, `b`, ...
            listing = re.sub(r"\([^)]*\)", "", block.split("\n", 1)[1])
            listing = re.split(r"\.\s", listing)[0]
            cols = {c: None for c in re.findall(r"`([a-z_0-9]+)`", listing)}
        out[name] = cols
    return out


@pytest.mark.parametrize("table", sorted(_contract_tables()))
def test_every_contract_column_is_declared_with_its_type(table):
    schema = arrow_schema(table)
    for column, ctype in _contract_tables()[table].items():
        assert column in schema.names, f"{table}.{column} missing from schemas/"
        if ctype in CONTRACT_TYPES:
            assert schema.field(column).type == CONTRACT_TYPES[ctype], (table, column)
            assert schema.field(column).nullable == ctype.endswith("?"), (table, column)


def test_vocabularies_match_contract():
    assert "`" + "`, `".join(vocab.EVENT_TYPES) + "`" in CONTRACT
    for words in (vocab.EVENT_STATUSES, vocab.ROLES, vocab.MODALITIES, vocab.TOPICS, vocab.PUBLISHED_DATE_SOURCES):
        for w in words:
            assert f"`{w}`" in CONTRACT, w


def test_schema_version_in_metadata():
    for name in TABLES:
        assert arrow_schema(name).metadata[b"schema_version"] == SCHEMA_VERSION.encode()


def test_enforce_schema_sorts_lists_and_types_columns():
    row = {"entity_id": "ent_1", "entity_type": "country", "name": "Kenya", "country": "KEN",
           "aliases": ["Kenyan", "Kenya", "Kenyan"]}
    table = enforce_schema([row], "entities")
    assert table.column("aliases").to_pylist() == [["Kenya", "Kenyan"]]
    assert table.schema.field("aliases").type == pa.list_(pa.string())


def test_enforce_schema_names_the_bad_column():
    with pytest.raises(ValueError, match="published_date"):
        enforce_schema([{"article_id": "a", "source_path": "a.txt", "published_date": "not a date"}], "articles")
    with pytest.raises(ValueError, match="null"):
        enforce_schema([{"article_id": None}], "articles")


def test_enforce_schema_keeps_dates_and_timestamps():
    now = dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.timezone.utc)
    row = {"article_id": "a", "source_path": "x.txt", "published_date": dt.date(2024, 1, 2),
           "published_date_source": "metadata", "language": "en", "text": "t", "content_sha256": "h",
           "ingested_at": now}
    table = enforce_schema([row], "articles")
    assert table.column("published_date").to_pylist() == [dt.date(2024, 1, 2)]
    assert table.column("ingested_at").to_pylist() == [now]


def test_every_table_has_a_suite_with_blocking_and_warning_expectations():
    for name in ("articles", "events", "event_mentions", "participants", "commitments", "commitment_mentions",
                 "entities"):
        specs = suite_specs(name)
        assert any(s.blocking for s in specs)
        assert len({s.name for s in specs}) == len(specs), "expectation names must be unique"
    assert any(not s.blocking for s in suite_specs("events"))
    names = {s.name for s in suite_specs("events")}
    assert {"events.event_type.in_vocabulary", "events.end_date_not_before_start",
            "events.countries_iso3_sorted", "events.evidence_matches_span"} <= names
    assert {"commitment_mentions.fk_commitment_id", "commitment_mentions.fk_article_id",
            "commitment_mentions.key_unique", "commitment_mentions.evidence_matches_span"} <= {
        s.name for s in suite_specs("commitment_mentions")}
