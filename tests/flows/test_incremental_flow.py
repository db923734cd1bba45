"""The real Prefect flow (Great Expectations, Parquet) run incrementally, then with --full on the same input.

The first run reads every file; a re-run on unchanged input keeps every table row for row and says
no article is new; after files are added, changed and deleted, the incremental run's tables, its
quarantine and its expectations equal those of a `--full` run (the `eventline run --full` command)
on the same raw folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from eventline.settings import RunSettings, configure_prefect
from flows.store import GENERATION_TABLES, CuratedStore
from tests.flows.test_incremental import ASTANA, OSLO, OSLO_WIRE, rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, prefect_api):
    """Three incremental runs (first, unchanged, after changes) and a --full run of the final input."""
    configure_prefect()
    from flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("incremental")
    raw = root / "raw"
    shutil.copytree(FIXTURES, raw)
    (raw / "oslo.md").write_text(OSLO, encoding="utf-8")
    settings = RunSettings(raw_dir=raw, curated_dir=root / "c", reports_dir=root / "r", workers=2, batch_size=2)
    docs = [run_pipeline(settings)]
    tables = {name: CuratedStore(root / "c").read_table(name) for name in GENERATION_TABLES}
    docs.append(run_pipeline(settings))
    unchanged = {name: CuratedStore(root / "c").read_table(name) for name in GENERATION_TABLES}
    (raw / "oslo-wire.txt").write_text(OSLO_WIRE, encoding="utf-8")
    (raw / "astana.txt").write_text(ASTANA, encoding="utf-8")
    (raw / "broken.txt").unlink()
    with open(raw / "readout-call.md", "a", encoding="utf-8") as fh:
        fh.write("\nThe two presidents agreed to meet again in Santiago.\n")
    docs.append(run_pipeline(settings))
    full = subprocess.run([str(ROOT / ".venv" / "bin" / "eventline"), "run", "--full", "--quiet", "--raw", str(raw),
                           "--curated", str(root / "full" / "c"), "--reports", str(root / "full" / "r")],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ}, timeout=600)
    assert full.returncode == 0, full.stderr
    return root, docs, tables, unchanged


def test_a_rerun_on_unchanged_input_keeps_every_row(runs):
    root, docs, tables, unchanged = runs
    for name in GENERATION_TABLES:
        assert unchanged[name].equals(tables[name]), name
    first, again = docs[0], docs[1]
    assert again["articles_new"] == 0 and first["articles_new"] == first["articles_seen"]
    assert again["articles_seen"] == first["articles_seen"] and again["rows_written"] == first["rows_written"]
    assert again["expectations_passed"] == first["expectations_passed"] and again["success"]
    assert again["rows_quarantined"] == first["rows_quarantined"]


def test_incremental_and_full_give_the_same_tables(runs):
    root, docs, _, _ = runs
    assert docs[2]["articles_new"] == 3  # the wire, Astana, and the changed readout
    for name in GENERATION_TABLES:
        assert rows(root, name) == rows(root / "full", name), name
    full = json.loads((root / "full" / "r" / "latest.json").read_text())
    assert full["expectations_passed"] == docs[2]["expectations_passed"]
    assert full["rows_quarantined"] == docs[2]["rows_quarantined"]
    assert full["articles_new"] == full["articles_seen"]


def test_the_runs_table_records_new_articles(runs):
    root, docs, _, _ = runs
    history = sorted(CuratedStore(root / "c").read_table("runs").to_pylist(), key=lambda r: r["started_at"])
    assert [r["articles_new"] for r in history] == [d["articles_new"] for d in docs]
    assert all(r["status"] == "completed" for r in history)
