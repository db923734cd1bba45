"""Writing a run's tables: each let go once written, the articles read from the state last."""

from __future__ import annotations

import datetime as dt

import pyarrow.dataset as ds

from flows import publish
from flows.quality import ValidationOutcome
from flows.state_articles import StateArticles
from flows.store import CuratedStore
from schemas.tables import CURATED_TABLES
from tests.flows.test_quality import _as_state_articles, _tables


def test_each_table_is_let_go_once_written_and_the_articles_from_the_state_go_last(tmp_path, monkeypatch):
    tables = _tables()
    base = tables["articles"][0]
    tables["articles"] = [{**base, "article_id": f"a{i}", "published_date": dt.date(2020 + i % 3, 1, 1)}
                          for i in range(5)]
    from_state = _as_state_articles(tables, tmp_path / "state")
    assert isinstance(from_state["articles"], StateArticles)
    monkeypatch.setattr(publish, "WHOLE_CHUNK_ROWS", 2)  # 5 articles: written from the state's batch files
    outputs = publish.RunOutputs(tables=dict(from_state), quarantine=[], outcome=ValidationOutcome(tables={}),
                                 articles_seen=5, articles_new=5)
    held: list[tuple[str, set[str]]] = []  # each table as it is written, and what outputs still holds then
    write_table, write_articles = publish.Generation.write_table, publish._write_state_articles

    def watch_table(self, name, arrow, metadata):
        held.append((name, set(outputs.tables)))
        return write_table(self, name, arrow, metadata)

    def watch_articles(generation, name, *args):
        held.append((name, set(outputs.tables)))
        return write_articles(generation, name, *args)

    monkeypatch.setattr(publish.Generation, "write_table", watch_table)
    monkeypatch.setattr(publish, "_write_state_articles", watch_articles)
    generation = CuratedStore(tmp_path / "c").begin("g1")
    counts, events, quarantine = publish._write_tables(generation, outputs, [], "r")
    written = [name for name, _ in held]
    assert written[-1] == "articles" and set(written) >= set(CURATED_TABLES)
    assert all(name not in still for name, still in held)  # taken out of the outputs before it is written
    assert held[-1][1] == set() and outputs.tables == {}  # nothing else held beside the articles' buffers
    assert list(counts)[:len(CURATED_TABLES)] == list(CURATED_TABLES)  # the report's order, as before
    assert counts["articles"] == 5 and counts["events"] == len(events)  # a row that cannot be stored: quarantined
    assert len(events) + sum(q["record_key"] == "events" for q in quarantine) == len(tables["events"])
    articles = ds.dataset(tmp_path / "c" / ".generations" / "g1" / "articles", format="parquet",
                          partitioning="hive").to_table()
    assert sorted(articles["article_id"].to_pylist()) == [f"a{i}" for i in range(5)]
