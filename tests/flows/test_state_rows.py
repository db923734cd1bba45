"""Extraction records kept as Arrow rows in the incremental state come back equal."""

import datetime as dt
from pathlib import Path

import pyarrow as pa

from flows import raw, state_rows
from transforms.articles import build_articles_batch
from transforms.extract import CommitmentMention, EventMention, extract_articles
from transforms.extract.records import ParticipantMention

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"


def test_the_fixture_articles_records_round_trip():
    docs = raw.read_raw(raw.discover_raw(FIXTURES)).docs
    articles, _ = build_articles_batch(docs, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    batch = extract_articles(articles)
    assert batch.events and batch.commitments and any(m.participants for m in batch.events)
    for records, cls in ((batch.events, EventMention), (batch.commitments, CommitmentMention)):
        table = state_rows.to_arrow(records, cls)
        assert table.schema == state_rows.record_schema(cls)
        assert state_rows.from_rows(table.to_pylist(), cls) == records


def test_nulls_empty_tuples_and_extra_columns():
    m = EventMention("m", "a", "x.txt", 0, "talks", "unknown", None, None, "unknown", 0, None, None, None, (),
                     0, 4, "Talk", 0.25, (ParticipantMention("country", "NOR", "Norway", None, "NOR", "guest",
                                                             None, None),))
    table = state_rows.to_arrow([m], EventMention, {"file": pa.array(["x.txt"]), "seq": pa.array([7], pa.int32())})
    assert table.column_names[:2] == ["file", "seq"]
    assert state_rows.from_rows(table.to_pylist(), EventMention) == [m]
    assert state_rows.from_rows([], EventMention) == []
    assert state_rows.to_arrow([], EventMention).num_rows == 0


def test_from_table_converts_in_chunks_and_shares_short_strings():
    docs = raw.read_raw(raw.discover_raw(FIXTURES)).docs
    articles, _ = build_articles_batch(docs, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    batch = extract_articles(articles)
    for records, cls in ((batch.events, EventMention), (batch.commitments, CommitmentMention)):
        table = state_rows.to_arrow(records, cls, {"file": pa.array(["f"] * len(records))})
        back = state_rows.from_table(table, cls, chunk_rows=3)  # several chunks
        assert back == records
    events = state_rows.from_table(state_rows.to_arrow(batch.events, EventMention), EventMention, chunk_rows=2)
    types = {}
    for m in events:  # one object per distinct short value, across chunks
        assert types.setdefault(m.event_type, m.event_type) is m.event_type
    long = [e for e in events if len(e.evidence) > state_rows.SHARED_MAX_CHARS]
    assert long and all(isinstance(e.evidence, str) for e in long)


def _mention(mention_id: str, file: str) -> EventMention:
    return EventMention(mention_id, f"a-{file}", file, 0, "talks", "unknown", None, None, "unknown", 0, None, None,
                        None, (), 0, 4, "Talk", 0.5, document=file)


def test_live_records_come_in_raw_folder_order_across_interleaved_batches(tmp_path):
    """Batches of an incremental run hold files from anywhere in the folder: records converted batch by batch
    come back in read_live's order (file, position, seq), from live files only, and share per-article strings."""
    from flows import state
    from flows.store import CuratedStore

    generation = CuratedStore(tmp_path / "c").begin("run_x")
    layout = {"b1": [("c.txt", 0, 0), ("a.txt", 1, 0), ("a.txt", 0, 1), ("a.txt", 0, 0)],
              "b2": [("b.txt", 0, 0), ("d.txt", 0, 0), ("gone.txt", 0, 0)]}
    for batch, keys in layout.items():
        records = [_mention(f"{f}/{p}/{s}", f) for f, p, s in keys]
        generation.write_state(f"event_mentions/{batch}", state_rows.to_arrow(records, EventMention, {
            "file": pa.array([k[0] for k in keys]), "position": pa.array([k[1] for k in keys], pa.int32()),
            "seq": pa.array([k[2] for k in keys], pa.int32())}))
    live = {"b1": ["a.txt", "c.txt"], "b2": ["b.txt", "d.txt"]}
    records = state.read_live_records(generation.files, generation.path, "event_mentions", live, EventMention)
    expected = ["a.txt/0/0", "a.txt/0/1", "a.txt/1/0", "b.txt/0/0", "c.txt/0/0", "d.txt/0/0"]
    assert [m.mention_id for m in records] == expected
    table = state.read_live(generation.files, generation.path, "event_mentions", live)
    assert state_rows.from_table(table, EventMention) == records
    a = [m for m in records if m.source_path == "a.txt"]
    assert a[0].source_path is a[1].source_path and a[0].document is a[2].document  # one object per article
    keep = state.article_keys(["a.txt", "d.txt"], [1, 0])
    kept = state.read_live_records(generation.files, generation.path, "event_mentions", live, EventMention, keep)
    assert [m.mention_id for m in kept] == ["a.txt/1/0", "d.txt/0/0"]
    assert state.read_live_records(generation.files, generation.path, "event_mentions", {}, EventMention) == []
