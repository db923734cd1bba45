"""The merge's own steps over the state: copies of an article, and the tables of mentions handed over as Arrow."""

import datetime as dt

import pyarrow as pa

from flows.merging import first_copies, hand_over
from schemas.arrow import arrow_schema
from transforms.articles import drop_duplicate_articles


def _articles(ids: list[str]) -> pa.Table:
    """Compact article rows of the state, in raw-folder order: one file per row."""
    return pa.table({"file": [f"f{i}.txt" for i in range(len(ids))], "position": pa.array([0] * len(ids), pa.int32()),
                     "article_id": ids, "source_path": [f"f{i}.txt" for i in range(len(ids))],
                     "record_key": ["0", None, "2", "0", "1"][:len(ids)], "title": [f"t{i}" for i in range(len(ids))],
                     "published_date": pa.array([dt.date(2024, 1, i + 1) for i in range(len(ids))], pa.date32())})


def test_the_first_row_of_each_text_is_kept_and_later_copies_quarantined_as_from_rows():
    table = _articles(["a", "b", "a", "c", "b"])
    kept, copies = first_copies(table)
    rows_kept, rows_copies = drop_duplicate_articles(table.to_pylist())
    assert kept.to_pylist() == rows_kept and copies == rows_copies
    assert kept["file"].to_pylist() == ["f0.txt", "f1.txt", "f3.txt"]
    assert [c["source_path"] for c in copies] == ["f2.txt", "f4.txt"]


def test_no_copies_and_no_articles():
    table = _articles(["a", "b", "c"])
    assert first_copies(table) == (table, [])
    kept, copies = first_copies(table.slice(0, 0))
    assert kept.num_rows == 0 and copies == [] and {"file", "position", "article_id"} <= set(kept.column_names)


def _mention(event_id: str, start) -> dict:
    return {"event_id": event_id, "article_id": "a1", "char_start": start, "char_end": 20,
            "evidence": "Norway met Chile."}


def test_tables_of_mentions_become_arrow_of_the_contract_and_their_rows_are_let_go():
    tables = {"event_mentions": [_mention("e1", 0), _mention("e2", 3)], "participants": [], "events": [{"x": 1}]}
    arrow = hand_over(tables, ("event_mentions", "participants"))
    assert arrow["event_mentions"].schema == arrow_schema("event_mentions")
    assert arrow["event_mentions"].to_pylist() == [_mention("e1", 0), _mention("e2", 3)]
    assert arrow["participants"].num_rows == 0 and arrow["participants"].schema == arrow_schema("participants")
    assert tables == {"event_mentions": [], "participants": [], "events": [{"x": 1}]}


def test_a_table_with_a_row_that_cannot_be_stored_stays_rows_for_validation_to_quarantine():
    rows = [_mention("e1", 0), _mention("e2", "three")]
    tables = {"event_mentions": rows}
    assert hand_over(tables, ("event_mentions",)) == {}
    assert tables["event_mentions"] is rows


def test_a_large_state_is_merged_in_a_process_of_its_own_into_the_same_tables(monkeypatch, caplog):
    """Past APART_FILES live files the merge runs in a spawned process (its records' memory goes back to the system
    when it ends): the same tables, quarantine and counts as merged in this process."""
    import logging
    from pathlib import Path

    from flows import merging
    from flows.state_articles import StateArticles
    from tests.flows import layers

    raw = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
    here = layers.compute(raw, "run_here")
    plain_steps = layers.plain_steps

    def apart_steps(limits, generation):
        steps = plain_steps(limits, generation)
        steps.merge = merging.merge_apart
        return steps

    monkeypatch.setattr(layers, "plain_steps", apart_steps)
    monkeypatch.setattr(merging, "APART_FILES", 0)
    with caplog.at_level(logging.INFO, logger="flows.merging"):
        apart = layers.compute(raw, "run_apart")
    assert any("in a process of its own" in r.getMessage() for r in caplog.records)

    def rows(outputs) -> dict:
        def plain(table):
            table = table.table if isinstance(table, StateArticles) else table
            return table if isinstance(table, list) else table.to_pylist()
        return {name: plain(table) for name, table in outputs.tables.items()}

    def reasons(outputs) -> list:
        return [{k: v for k, v in q.items() if k not in ("run_id", "quarantined_at")} for q in outputs.quarantine]

    assert rows(apart) == rows(here) and rows(here)["events"] and len(rows(here)["articles"]) > 1
    assert reasons(apart) == reasons(here) and apart.articles_new == here.articles_new
