"""GX validation: blocking failures go to quarantine (children follow), warnings keep rows."""

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flows.quality import ExpectationResult, validate_tables
from schemas.expectations import suite_specs
from transforms.text import content_sha256

NOW = dt.datetime(2024, 5, 3, tzinfo=dt.timezone.utc)
TEXT = "Norway and Chile met in Oslo on May 2. They agreed to trade."


def _tables():
    article = {"article_id": "a1", "source_path": "x.txt", "url": None, "title": "t",
               "published_date": dt.date(2024, 5, 3), "published_date_source": "metadata", "language": "en",
               "text": TEXT, "content_sha256": content_sha256(TEXT), "ingested_at": NOW, "record_key": "0"}

    def event(event_id, **kw):
        row = {"event_id": event_id, "event_type": "meeting", "plover_type": "CONSULT", "name": None,
               "status": "occurred", "start_date": dt.date(2024, 5, 2), "end_date": dt.date(2024, 5, 2),
               "date_precision": "day", "location": "Oslo", "location_country": "NOR", "countries": ["CHL", "NOR"],
               "article_id": "a1", "evidence": TEXT[:38], "char_start": 0, "char_end": 38, "confidence": 0.9,
               "mention_count": 1}
        return {**row, **kw}

    def mention(event_id):
        return {"event_id": event_id, "article_id": "a1", "char_start": 0, "char_end": 38, "evidence": TEXT[:38]}

    return {
        "articles": [article],
        "entities": [{"entity_id": "c1", "entity_type": "country", "name": "Norway", "country": "NOR",
                      "aliases": ["Norway"]}],
        "events": [event("e1"), event("e2", event_type="<script>alert(1)</script>", end_date=dt.date(2024, 5, 1)),
                   event("e3", confidence="high"), event("e1"), event("e4", countries=[])],
        "event_mentions": [mention("e1"), mention("e2"), mention("e4")],
        "participants": [{"event_id": "e1", "entity_id": "c1", "entity_type": "country", "name": "Norway",
                          "name_as_written": "Norway", "title": None, "country": "NOR", "role": "participant",
                          "article_id": "a1", "char_start": 0, "char_end": 6}],
        "commitments": [{"commitment_id": "k1", "event_id": "e2", "parties": ["CHL", "NOR"], "actor_text": "They",
                         "modality": "agreement", "action": "trade", "description": "trade",
                         "topic": "economy_trade", "due_date": None, "due_precision": None, "article_id": "a1",
                         "evidence": TEXT[39:], "char_start": 39, "char_end": len(TEXT), "confidence": 0.8}],
    }


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("docs")


@pytest.fixture(scope="module")
def outcome(docs_dir):
    return validate_tables(_tables(), docs_dir, "run_test")


def _reasons(outcome):
    return {q["record_key"]: q["reason"] for q in outcome.quarantine}


def test_blocking_failures_are_quarantined_with_expectation_names(outcome):
    reasons = _reasons(outcome)
    assert "events.event_type.in_vocabulary" in reasons["events:e2"]
    assert "events.end_date_not_before_start" in reasons["events:e2"]
    assert reasons["events:e3"] == "events.row_types"
    assert all(q["stage"] == "validate" and q["source_path"] == "x.txt" for q in outcome.quarantine)
    assert json.loads(next(q["payload"] for q in outcome.quarantine if q["record_key"] == "events:e2"))


def test_duplicate_id_keeps_the_first_copy(outcome):
    kept = outcome.select(_tables())["events"]
    assert [e["event_id"] for e in kept] == ["e1", "e4"]
    assert _reasons(outcome)["events:e1"] == "events.event_id.unique"


def test_children_of_quarantined_rows_follow(outcome):
    kept = outcome.select(_tables())
    assert [m["event_id"] for m in kept["event_mentions"]] == ["e1", "e4"]
    assert kept["commitments"] == []
    assert "commitments.fk_event_id" in _reasons(outcome)["commitments:k1"]


def test_warnings_are_reported_but_keep_rows(outcome):
    events = {r.name: r for r in outcome.results["events"]}
    assert not events["events.countries.not_empty"].success
    assert not events["events.countries.not_empty"].blocking
    assert "e4" in [e["event_id"] for e in outcome.select(_tables())["events"]]
    assert outcome.blocking_failed > 0


def test_failures_carry_threshold_advice_and_example_rows(outcome):
    events = {r.name: r for r in outcome.results["events"]}
    warning = events["events.countries.not_empty"]
    assert warning.threshold == "at least 90% of rows" and "country" in warning.description
    assert warning.examples == [{"record_key": "events:e4", "source_path": "x.txt", "evidence": TEXT[:38],
                                 "value": None}]
    blocking = events["events.event_type.in_vocabulary"]
    assert blocking.threshold == "every row" and blocking.advice
    assert blocking.examples[0]["record_key"] == "events:e2"
    assert blocking.examples[0]["value"] == "<script>alert(1)</script>"


def _docs(docs_dir):
    return list(docs_dir.rglob("*.html"))


def test_data_docs_scripts_are_local_and_data_is_escaped(outcome, docs_dir):
    pages = _docs(docs_dir)
    assert pages
    for page in pages:
        html = page.read_text()
        assert "<script>alert(1)" not in html
        assert "https://" not in html and "cdn" not in html.lower() and "newsletter" not in html
        for src in re.findall(r"<script[^>]*src=\"([^\"]+)\"", html):
            assert (page.parent / src).is_file(), (page, src)
    events_page = next(p for p in pages if "validations" in p.as_posix() and p.name.endswith("eventline.events.html"))
    assert "&lt;script&gt;alert(1)" in events_page.read_text()


def test_derived_checks_read_as_what_they_check(outcome, docs_dir):
    page = next(p for p in _docs(docs_dir) if p.as_posix().endswith("expectations/eventline/events.html"))
    html = page.read_text()
    assert "evidence equals the article&#39;s text between char_start and char_end" in html \
        or "evidence equals the article's text between char_start and char_end" in html
    # GX's own wording remains only for real columns (vocabularies, ISO3 codes), never for _check_ columns.
    plain = [s for s in suite_specs("events") if s.gx_type == "ExpectColumnValuesToBeInSet" and not s.is_derived]
    assert html.count("must belong to this set") == len(plain)


def test_earlier_runs_validation_pages_stay(tmp_path):
    docs = tmp_path / "docs"
    validate_tables(_tables(), docs, "run_one")
    validate_tables(_tables(), docs, "run_two")
    runs = {p.parent.parent.name for p in docs.glob("validations/eventline/events/*/*/*.html")}
    assert runs == {"run_one", "run_two"}
    index = (docs / "index.html").read_text()
    assert "run_one" in index and "run_two" in index


def test_examples_show_null_and_cut_long_evidence_at_a_word():
    from flows.quality import _describe_examples

    long = "The ministers met in Astana to discuss " + "trade and transit " * 30
    rows = [{"event_id": "e1", "article_id": "a1", "start_date": None, "evidence": long},
            {"event_id": "e2", "article_id": "a1", "start_date": None, "evidence": "Short."}]
    real = ExpectationResult("events.start_date.mostly_dated", "T", "start_date", False, False, 2, 2, "d", "t", "a",
                             [{"position": 0}, {"position": 1}])
    derived = ExpectationResult("events.has_countries", "T", "_check_has_countries", False, False, 1, 2, "d", "t",
                                "a", [{"position": 1}])
    _describe_examples("events", [real, derived], rows, [0, 1], {"a1": "x.md"})
    first, second = real.examples
    assert first["value"] == "null" and derived.examples[0]["value"] is None  # a derived check has no value
    assert first["evidence"].endswith("…") and len(first["evidence"]) <= 300
    assert long.startswith(first["evidence"][:-1]) and first["evidence"][-2] != " "
    assert first["evidence"][:-1].split()[-1] in ("trade", "and", "transit")  # a whole word before the cut
    assert second["evidence"] == "Short." and second["source_path"] == "x.md"


def test_data_docs_load_nothing_from_outside_and_every_local_file_exists(outcome, docs_dir):
    """What a browser would fetch: tags' src/href in the pages and url() in pages and style sheets."""
    from urllib.parse import unquote

    loaded = re.compile(r"<(?:link|script|img)\b[^>]*\b(?:src|href)=[\"']([^\"'#]+)|url\(\s*[\"']?([^)\"'#]+)", re.I)
    checked = 0
    for file in [*docs_dir.rglob("*.html"), *docs_dir.rglob("*.css")]:
        for match in loaded.finditer(file.read_text(encoding="utf-8")):
            ref = match.group(1) or match.group(2)
            if ref.startswith("data:"):
                continue
            assert not re.match(r"(?:https?:)?//", ref), (file, ref)
            if ref.endswith(".ttf"):  # Font Awesome's fallback after the shipped .woff2 of the same face
                assert (file.parent / ref.replace(".ttf", ".woff2")).exists(), (file, ref)
                continue
            assert (file.parent / unquote(ref.split("?")[0])).exists(), (file, ref)
            checked += 1
    assert checked > 50
    favicons = [p for p in docs_dir.rglob("*.html") if "favicon.ico" in p.read_text()]
    assert favicons and all((p.parent / re.search(r"href=\"([^\"]*favicon.ico)", p.read_text()).group(1)).is_file()
                            for p in favicons)


def test_great_expectations_loads_without_scipy_stats_which_still_works_on_first_use():
    """scipy.stats (a third of GX's import time, for expectations we do not use) is deferred, not removed."""
    code = ("import sys; from flows.quality import preload; preload(); "
            "assert 'great_expectations' in sys.modules and 'scipy.stats._stats_py' not in sys.modules; "
            "from scipy import stats; assert stats.entropy([0.5, 0.5], [0.5, 0.5]) == 0; "
            "assert 'scipy.stats._stats_py' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_columns_checked_only_for_nulls_reach_great_expectations_as_nullness():
    """A text or evidence column whose expectations look only at nulls is handed over as True/None (no copy of
    every text); the columns an expectation reads keep their (escaped) values."""
    import pandas as pd

    from flows.quality import _for_gx, _value_columns
    from schemas.expectations import suite_specs

    specs = suite_specs("articles")
    values = _value_columns(specs)
    assert "language" in values and "text" not in values and "_check_sha256_matches_text" in values
    frame = pd.DataFrame({"text": ['He said "yes" & left', None], "language": ["en", "<b>"],
                          "_check_sha256_matches_text": [True, False]})
    out = _for_gx(frame, values)
    assert list(out["text"]) == [True, None] and out["text"].isna().tolist() == frame["text"].isna().tolist()
    assert list(out["language"]) == ["en", "&lt;b&gt;"]
    assert list(out["_check_sha256_matches_text"]) == [True, False]
    assert "column_A" in next(s.kwargs for s in suite_specs("events") if s.gx_type.startswith("ExpectColumnPair"))
    assert {"start_date", "end_date"} <= _value_columns(suite_specs("events"))


def _as_arrow_articles(tables: dict) -> dict:
    """The tables as the merge gives them: the articles and the tables of mentions Arrow tables of the
    contract's types."""
    from flows.merging import COMMITMENT_ARROW_TABLES, EVENT_ARROW_TABLES, hand_over
    from schemas.arrow import enforce_schema

    rows = {**tables, "commitment_mentions": tables.get("commitment_mentions", [])}
    arrow = hand_over(rows, EVENT_ARROW_TABLES + COMMITMENT_ARROW_TABLES)
    assert set(arrow) == {"event_mentions", "participants", "commitment_mentions"}
    return {**rows, **arrow, "articles": enforce_schema(tables["articles"], "articles")}


def test_articles_as_arrow_validate_as_rows_do(tmp_path):
    """The merge hands the articles and the mentions over as Arrow (their texts and evidence never Python
    strings): same results, same quarantine, same rows kept; a span past its text and evidence not matching
    it still fail."""
    tables = _tables()
    second = {**tables["articles"][0], "article_id": "a2", "text": "Short.", "content_sha256": "0" * 64}
    tables["articles"].append(second)  # fails sha256_matches_text: quarantined, and its mention follows
    tables["event_mentions"] += [{"event_id": "e1", "article_id": "a2", "char_start": 0, "char_end": 6,
                                  "evidence": "Short."},
                                 {"event_id": "e1", "article_id": "a1", "char_start": 39, "char_end": 45,
                                  "evidence": "wrong!"}]
    rows = validate_tables(tables, tmp_path / "rows", "run_rows")
    arrow_tables = _as_arrow_articles(tables)
    arrow = validate_tables(arrow_tables, tmp_path / "arrow", "run_arrow")
    assert arrow.quarantine == rows.quarantine and arrow.kept == rows.kept
    assert {q["record_key"] for q in rows.quarantine} >= {"articles:a2", "event_mentions:e1/a2/0",
                                                          "event_mentions:e1/a1/39"}
    assert arrow.results == rows.results
    kept = arrow.select(arrow_tables)["articles"]
    assert kept.column("article_id").to_pylist() == ["a1"]
    assert arrow.select(arrow_tables)["event_mentions"].to_pylist() == rows.select(tables)["event_mentions"]
    assert arrow.select(_as_arrow_articles(_tables()))["articles"].num_rows == 1


def test_the_kept_rows_of_an_arrow_table_are_taken_chunk_by_chunk():
    """Selecting the rows that passed keeps an Arrow table's chunks (one per state batch): the rows of a take,
    without joining every chunk into one copy first."""
    import pyarrow as pa

    from flows.quality import ValidationOutcome

    table = pa.Table.from_batches([pa.record_batch({"article_id": [f"a{b}{i}" for i in range(3)]})
                                   for b in range(4)])
    outcome = ValidationOutcome(tables={}, kept={"articles": [0, 2, 4, 5, 11]})
    kept = outcome.select({"articles": table})["articles"]
    assert kept.to_pylist() == table.take([0, 2, 4, 5, 11]).to_pylist()
    assert kept.column("article_id").num_chunks > 1
    assert ValidationOutcome(tables={}, kept={"articles": list(range(12))}).select(
        {"articles": table})["articles"] is table


def _as_state_articles(tables: dict, folder: Path) -> dict:
    """The tables as the merge gives them, the articles with their texts left in the state: one batch file per
    article (and a later copy of the first, which the merge does not keep)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flows import state
    from flows.files import LocalFiles
    from flows.merging import _state_articles
    from schemas.arrow import arrow_schema

    schema = pa.schema([pa.field("file", pa.string()), pa.field("position", pa.int32()), *arrow_schema("articles")])
    live: dict[str, list[str]] = {}
    for i, article in enumerate([*tables["articles"], tables["articles"][0]]):
        path = state.batch_path(folder, "articles", f"b{i}")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist([{"file": f"f{i}.txt", "position": 0, **article}], schema=schema), path)
        live[f"b{i}"] = [f"f{i}.txt"]
    keep = state.article_keys([f"f{i}.txt" for i in range(len(tables["articles"]))], [0] * len(tables["articles"]))
    return {**_as_arrow_articles(tables), "articles": _state_articles(LocalFiles(folder), str(folder), live, keep)}


def test_articles_whose_texts_stay_in_the_state_validate_as_rows_do(tmp_path):
    """The merge hands the articles over without their texts (read from the state's batch files a file at a time,
    in article order): same results, same quarantine (the failing article's row with its text), same rows kept."""
    tables = _tables()
    tables["articles"].append({**tables["articles"][0], "article_id": "a2", "text": "Short.",
                               "content_sha256": "0" * 64})
    tables["event_mentions"] += [{"event_id": "e1", "article_id": "a2", "char_start": 0, "char_end": 6,
                                  "evidence": "Short."},
                                 {"event_id": "e1", "article_id": "a1", "char_start": 39, "char_end": 45,
                                  "evidence": "wrong!"}]
    rows = validate_tables(tables, tmp_path / "rows", "run_rows")
    from_state = _as_state_articles(tables, tmp_path / "state")
    assert len(from_state["articles"]) == 2 and "text" not in from_state["articles"].table.column_names
    assert from_state["articles"].materialize().to_pylist() == _as_arrow_articles(tables)["articles"].to_pylist()
    assert from_state["articles"][1] == _as_arrow_articles(tables)["articles"].to_pylist()[1]
    state = validate_tables(from_state, tmp_path / "state_docs", "run_state")
    assert state.quarantine == rows.quarantine and state.kept == rows.kept and state.results == rows.results
    assert "articles:a2" in {q["record_key"] for q in state.quarantine}
    kept = state.select(from_state)["articles"]
    assert kept.materialize().to_pylist() == [_as_arrow_articles(tables)["articles"].to_pylist()[0]]


def test_articles_whose_texts_stay_in_the_state_are_written_a_batch_file_at_a_time(tmp_path, monkeypatch):
    """Past a few articles, their table is written from the state's batch files, a few years per pass: the rows of
    the whole table, in its partitions, each row group sorted by date and id."""
    import pyarrow.dataset as ds

    from flows import publish
    from flows.store import CuratedStore

    tables = _tables()
    base = tables["articles"][0]
    tables["articles"] = [{**base, "article_id": f"a{i}",
                           "published_date": None if i == 3 else dt.date(2020 + i % 3, 12 - i, 1)} for i in range(7)]
    from_state = _as_state_articles(tables, tmp_path / "state")["articles"]
    monkeypatch.setattr(publish, "WHOLE_CHUNK_ROWS", 2)
    monkeypatch.setattr(publish, "ARTICLE_PASSES", 2)
    generation = CuratedStore(tmp_path / "c").begin("g1")
    quarantine: list[dict] = []
    assert publish._write_state_articles(generation, "articles", from_state, {"run_id": "r"}, quarantine, "r") == 7
    assert generation.tables == {"articles": 7} and quarantine == []
    written = ds.dataset(tmp_path / "c" / ".generations" / "g1" / "articles", format="parquet",
                         partitioning="hive").to_table()
    whole = from_state.materialize()
    assert sorted(written.drop_columns(["year"]).to_pylist(), key=lambda r: r["article_id"]) == sorted(
        whole.to_pylist(), key=lambda r: r["article_id"])
    assert sorted(set(written["year"].to_pylist())) == [0, 2020, 2021, 2022]
