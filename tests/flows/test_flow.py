"""The real Prefect flow on fixture articles: Parquet tables, latest.json, quarantine, summary.html."""

import json
import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from eventline.settings import RunSettings, configure_prefect
from schemas.tables import SCHEMA_VERSION, TABLES
from transforms.reference import reference_version

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"


@pytest.fixture(scope="module")
def run(tmp_path_factory, prefect_api):
    configure_prefect()
    from flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("run")
    raw = root / "raw"
    shutil.copytree(FIXTURES, raw)
    settings = RunSettings(raw_dir=raw, curated_dir=root / "curated", reports_dir=root / "reports", workers=2,
                           batch_size=2)
    doc = run_pipeline(settings)
    return settings, doc


def _table(settings, name):
    return ds.dataset(settings.curated_dir / name, format="parquet").to_table()


def test_every_contract_table_is_written_with_its_schema(run):
    settings, _ = run
    for name in TABLES:
        table = _table(settings, name)
        files = list((settings.curated_dir / name).rglob("*.parquet"))
        assert files, name
        assert table.schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode()
        assert table.column_names == TABLES[name].columns


@pytest.mark.parametrize(("name", "column"), [("events", "start_date"), ("articles", "published_date")])
def test_large_tables_are_hive_partitioned_by_year(run, name, column):
    import duckdb

    settings, _ = run
    folders = sorted(p.name for p in (settings.curated_dir / name).iterdir())
    assert folders and all(f.startswith("year=") for f in folders), folders
    glob = f"{settings.curated_dir}/{name}/*/*.parquet"
    rows = duckdb.sql(f"select year, year({column}) from read_parquet('{glob}', hive_partitioning=true)").fetchall()
    assert len(rows) == _table(settings, name).num_rows
    assert all(year == (of or 0) for year, of in rows)


def test_articles_include_sections_of_the_compound_article(run):
    settings, _ = run
    articles = _table(settings, "articles").to_pylist()
    compound = sorted((a for a in articles if a["source_path"] == "compound.txt"), key=lambda a: a["record_key"])
    assert [a["record_key"] for a in compound] == ["0#s0", "0#s1", "0#s2"]
    assert compound[1]["title"] == "Foreign Minister Holds Talks with Counterpart from Kazakhstan"
    assert str(compound[1]["published_date"]) == "2024-03-04"
    assert compound[1]["published_date_source"] == "dateline"
    assert compound[0]["published_date_source"] == "inferred"
    by_path = {a["source_path"] for a in articles}
    assert {"readout-call.md", "nested/briefs.json"} <= by_path


def test_events_have_evidence_offsets_into_article_text(run):
    settings, _ = run
    texts = {a["article_id"]: a["text"] for a in _table(settings, "articles").to_pylist()}
    events = _table(settings, "events").to_pylist()
    assert events
    for e in events:
        assert texts[e["article_id"]][e["char_start"]:e["char_end"]] == e["evidence"]
    call = [e for e in events if e["event_type"] == "phone_call"]
    assert call and {"CHL", "NOR"} <= set(call[0]["countries"])
    assert str(call[0]["start_date"]) == "2022-05-02"


def test_commitments_and_participants_have_rows(run):
    settings, _ = run
    commitments = _table(settings, "commitments").to_pylist()
    assert any(set(c["parties"]) == {"CHL", "NOR"} and c["modality"] == "agreement" for c in commitments)
    participants = _table(settings, "participants").to_pylist()
    names = {p["name"] for p in participants if p["entity_type"] == "person"}
    assert "Gabriel Boric" in names
    # Every commitment has its tellings, each a span of its article's text.
    texts = {a["article_id"]: a["text"] for a in _table(settings, "articles").to_pylist()}
    tellings = _table(settings, "commitment_mentions").to_pylist()
    assert {m["commitment_id"] for m in tellings} == {c["commitment_id"] for c in commitments}
    assert all(texts[m["article_id"]][m["char_start"]:m["char_end"]] == m["evidence"] for m in tellings)


def test_reader_comment_yields_nothing(run):
    settings, _ = run
    articles = {a["article_id"]: a for a in _table(settings, "articles").to_pylist()}
    for c in _table(settings, "commitments").to_pylist():
        assert "we will all benefit" not in c["evidence"]


def test_quarantine_has_every_bad_input_with_a_reason(run):
    settings, _ = run
    rows = _table(settings, "quarantine").to_pylist()
    by_source = {(r["source_path"], r["stage"]): r["reason"] for r in rows}
    assert "UTF-8" in by_source[("broken.txt", "ingest")]
    assert "no text" in by_source[("nested/briefs.json", "ingest")]
    assert all(r["run_id"] for r in rows)


def test_latest_json_and_summary(run):
    settings, doc = run
    latest = json.loads((settings.reports_dir / "latest.json").read_text())
    assert latest["run_id"] == doc["run_id"]
    assert set(latest["tables"]) == {"articles", "entities", "events", "event_mentions", "participants",
                                     "commitments", "commitment_mentions"}
    for table in latest["tables"].values():
        for x in table["expectations"]:
            assert {"name", "success", "unexpected_count"} <= set(x)
    summary = (settings.reports_dir / "summary.html").read_text()
    assert "http://" not in summary and "https://" not in summary
    assert (settings.reports_dir / "runs" / f"{doc['run_id']}.html").exists()
    assert (settings.reports_dir / "docs" / "index.html").exists()
    runs = _table(settings, "runs").to_pylist()
    assert runs[-1]["status"] == "completed" and runs[-1]["articles_seen"] >= 5
    assert runs[-1]["reference_version"] == reference_version()


def test_data_docs_load_nothing_from_outside(run):
    settings, _ = run
    for page in (settings.reports_dir / "docs").rglob("*.html"):
        html = page.read_text()
        assert "cdn" not in html.lower() and "https://" not in html, page


def _copy(run, tmp_path):
    """The module run's folders, copied (links kept), with a fresh raw folder: a next run's starting point."""
    settings, _ = run
    for name in ("curated", "reports"):
        shutil.copytree(getattr(settings, f"{name}_dir"), tmp_path / name, symlinks=True)
    (tmp_path / "raw").mkdir()
    return RunSettings(raw_dir=tmp_path / "raw", curated_dir=tmp_path / "curated", reports_dir=tmp_path / "reports",
                       workers=2, batch_size=2)


def _articles(settings):
    return sorted(a["article_id"] for a in _table(settings, "articles").to_pylist())


def test_a_run_that_reads_no_article_keeps_the_tables(run, tmp_path):
    from flows.io import FatalRunError
    from flows.pipeline import run_pipeline

    settings = _copy(run, tmp_path)
    (settings.raw_dir / "scan.pdf").write_bytes(b"%PDF-1.4")
    before = _articles(settings)
    with pytest.raises(FatalRunError, match="read no article"):
        run_pipeline(settings)
    assert _articles(settings) == before and before
    last = max(_table(settings, "runs").to_pylist(), key=lambda r: r["started_at"])
    assert last["status"] == "failed" and "read no article" in last["error"]


def test_the_command_on_a_full_disk_is_one_line_and_changes_nothing(run, tmp_path, monkeypatch):
    import errno

    from typer.testing import CliRunner

    from eventline.cli import app
    from flows import io

    settings = _copy(run, tmp_path)
    shutil.copytree(FIXTURES, settings.raw_dir, dirs_exist_ok=True)
    (settings.raw_dir / "new.txt").write_text("Talks in Oslo\n\nNorway and Chile held talks in Oslo on 3 May 2022.")
    before = _articles(settings)

    def full_at_the_commit(step, path):
        if path.name == "current":
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(io, "write_step", full_at_the_commit)
    result = CliRunner().invoke(app, ["run", "--quiet", "--raw", str(settings.raw_dir), "--curated",
                                      str(settings.curated_dir), "--reports", str(settings.reports_dir)])
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0 and "disk is full" in result.output
    assert _articles(settings) == before
    latest = json.loads((settings.reports_dir / "latest.json").read_text())
    assert latest["status"] == "failed" and "disk is full" in latest["error"]
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["run", "--quiet", "--raw", str(settings.raw_dir), "--curated",
                                      str(settings.curated_dir), "--reports", str(settings.reports_dir)])
    assert result.exit_code == 0, result.output
    assert len(_articles(settings)) == len(before) + 1
