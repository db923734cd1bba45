"""Incremental runs: only new or changed raw files are read, and the tables are those of a full run.

Each run goes through the real layers (tests/flows/layers.py: reading, normalizing, extraction into
the state, the merge, the generation's effects); validation is left out here and run for real in
test_incremental_flow.py. After every change to the raw folder (files added, changed, touched,
deleted, a sidecar added, a copy of a text that now comes first) the incremental run's tables are
compared with a `--full` run's on the same input, table by table, row for row, ids included.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventline.settings import Limits
from flows import io, state
from flows import raw as rawio
from flows.store import GENERATION_TABLES, CuratedStore
from tests.flows.layers import simulate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
OSLO = ("---\ntitle: Norway and Chile hold talks\ndate: 2022-05-04\n---\n\n"
        "Norway and Chile held talks in Oslo on 3 May 2022. Foreign Minister Anniken Huitfeldt met "
        "Foreign Minister Antonia Urrejola. The two countries agreed to deepen cooperation on trade.\n")
# The same event told by another article, published a day earlier: it becomes the event's first mention.
OSLO_WIRE = ("Chile and Norway open talks\n\nOSLO, May 3, 2022 -- Norway and Chile held talks in Oslo on 3 May "
             "2022, the Norwegian foreign ministry said. Chile will support the Arctic research programme.\n")
ASTANA = ("Kazakhstan and Mongolia sign agreement\n\nKazakhstan and Mongolia signed an agreement on transit in "
          "Astana on 12 June 2023. President Kassym-Jomart Tokayev hosted President Ukhnaagiin Khurelsukh.\n")


def rows(root: Path, name: str) -> list[dict]:
    """A table as committed, in its stored order; articles without ingested_at (when a file was first read)."""
    table = CuratedStore(root / "c").read_table(name).to_pylist()
    return [{k: v for k, v in r.items() if k != "ingested_at"} for r in table] if name == "articles" else table


def quarantine(root: Path, run_id: str) -> list[tuple]:
    """A run's quarantine rows without the run's id and time, sorted."""
    table = CuratedStore(root / "c").read_table("quarantine").to_pylist()
    return sorted(tuple(str(r[k]) for k in ("stage", "source_path", "record_key", "reason", "payload"))
                  for r in table if r["run_id"] == run_id)


def assert_same_as_full(root: Path, run_id: str, tmp_path: Path) -> None:
    """The committed tables of `root` equal those of a --full run on the same raw folder, row for row."""
    full = tmp_path / f"full-{run_id}"
    simulate(full, "run_full", raw=root / "raw", full=True, batch_size=2)
    for name in GENERATION_TABLES:
        assert rows(root, name) == rows(full, name), name
    assert quarantine(root, run_id) == quarantine(full, "run_full")


def state_batches(root: Path) -> set[str]:
    generation = CuratedStore(root / "c").current()
    return {p.stem for p in (root / "c" / ".generations" / generation / "_state" / "articles").glob("*.parquet")}


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "raw")
    (tmp_path / "raw" / "oslo.md").write_text(OSLO, encoding="utf-8")
    return tmp_path


def test_adds_changes_deletions_give_the_rows_of_a_full_run(root, tmp_path):
    first = simulate(root, "run_1", raw=root / "raw", batch_size=2)
    assert first["articles_new"] == first["articles_seen"] > 0
    assert_same_as_full(root, "run_1", tmp_path)
    raw = root / "raw"
    (raw / "wire").mkdir()
    (raw / "wire" / "oslo-wire.txt").write_text(OSLO_WIRE, encoding="utf-8")  # joins oslo.md's event
    (raw / "astana.txt").write_text(ASTANA, encoding="utf-8")
    with open(raw / "readout-call.md", "a", encoding="utf-8") as fh:
        fh.write("\nThe leaders agreed to meet again in Santiago next year.\n")
    (raw / "broken.txt").unlink()
    os.utime(raw / "compound.txt", (1_700_000_000, 1_700_000_000))  # touched: same bytes, new mtime
    doc = simulate(root, "run_2", raw=raw, batch_size=2)
    # New: astana, the wire, and the changed readout (its text is new); nothing else was read.
    assert doc["articles_new"] == 3
    assert "run_1-00000" in state_batches(root) and "run_2-00000" in state_batches(root)
    oslo = [e for e in rows(root, "events") if set(e["countries"]) == {"CHL", "NOR"} and e["location"] == "Oslo"]
    assert len(oslo) == 1 and len({m["article_id"] for m in rows(root, "event_mentions")
                                   if m["event_id"] == oslo[0]["event_id"]}) == 2
    assert_same_as_full(root, "run_2", tmp_path)
    # A copy of a text under a path that sorts first becomes the kept one; a sidecar changes a date.
    shutil.copy(raw / "astana.txt", raw / "0-astana-copy.txt")
    (raw / "oslo.meta.json").write_text('{"date": "2022-05-05"}', encoding="utf-8")
    (raw / "wire" / "oslo-wire.txt").unlink()
    simulate(root, "run_3", raw=raw, batch_size=2)
    assert_same_as_full(root, "run_3", tmp_path)
    assert {a["source_path"] for a in rows(root, "articles")} >= {"0-astana-copy.txt", "oslo.md"}
    assert "wire/oslo-wire.txt" not in {a["source_path"] for a in rows(root, "articles")}


def test_a_rerun_on_unchanged_input_writes_nothing_new(root):
    simulate(root, "run_1", raw=root / "raw")
    store = CuratedStore(root / "c")
    before = {name: store.read_table(name) for name in GENERATION_TABLES}
    os.utime(root / "raw" / "oslo.md", (1_700_000_000, 1_700_000_000))  # a touch is no change
    doc = simulate(root, "run_2", raw=root / "raw")
    assert doc["articles_new"] == 0 and doc["rows_written"]["articles"] == before["articles"].num_rows
    for name in GENERATION_TABLES:
        assert store.read_table(name).equals(before[name]), name  # ingested_at included
        old, new = (root / "c" / ".generations" / g / name for g in ("run_1", "run_2"))
        parts = sorted(p.relative_to(old) for p in old.rglob("*.parquet"))
        assert parts and parts == sorted(p.relative_to(new) for p in new.rglob("*.parquet")), name
        assert all(os.path.samefile(old / p, new / p) for p in parts), name  # linked, not written again
    assert quarantine(root, "run_2") == quarantine(root, "run_1")
    manifest = {r["source_path"]: r for r in state.read_manifest(store)}
    assert manifest["oslo.md"]["modified_at"].timestamp() == 1_700_000_000  # the touch is remembered


def test_rules_or_code_changed_rebuild_everything(root, monkeypatch):
    simulate(root, "run_1", raw=root / "raw")
    from transforms import reference

    monkeypatch.setattr(reference, "reference_version", lambda: "2099.01.1")
    store = CuratedStore(root / "c")
    version = state.state_version(Limits())
    todo = state.plan_run(store, [], version)
    assert "reference/VERSION" in todo.full_reason
    simulate(root, "run_2", raw=root / "raw")
    assert state_batches(root) == {"run_2-00000"}  # every file read again by the new rules
    monkeypatch.setattr(state, "code_version", lambda: "another")
    assert "code changed" in state.plan_run(store, [], state.state_version(Limits())).full_reason
    assert state.plan_run(store, [], version, full=True).full_reason == "--full"


def test_a_missing_state_file_means_a_full_rebuild(root, tmp_path):
    simulate(root, "run_1", raw=root / "raw")
    generation = root / "c" / ".generations" / "run_1"
    (generation / "_state" / "event_mentions" / "run_1-00000.parquet").unlink()
    simulate(root, "run_2", raw=root / "raw")
    assert state_batches(root) == {"run_2-00000"}
    assert_same_as_full(root, "run_2", tmp_path)


def test_deleting_every_file_keeps_the_tables(root):
    simulate(root, "run_1", raw=root / "raw")
    articles = rows(root, "articles")
    for path in sorted((root / "raw").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    with pytest.raises(io.FatalRunError, match="read no article"):
        simulate(root, "run_2", raw=root / "raw")
    assert rows(root, "articles") == articles


def test_state_rows_are_kept_with_their_file_and_position(root):
    simulate(root, "run_1", raw=root / "raw", batch_size=2)
    folder = root / "c" / ".generations" / "run_1" / "_state"
    manifest = pq.read_table(folder / "raw_files.parquet").to_pylist()
    assert {r["source_path"] for r in manifest} == {"broken.txt", "compound.txt", "nested/briefs.json",
                                                    "oslo.md", "readout-call.md"}
    assert all(len(r["sha256"]) == 64 and r["batch"].startswith("run_1-") for r in manifest)
    articles = pq.read_table(folder / "articles" / f"{manifest[1]['batch']}.parquet").to_pylist()
    compound = [a for a in articles if a["file"] == "compound.txt"]
    assert [a["position"] for a in compound] == [0, 1, 2]


def test_many_small_runs_are_repacked_into_few_batches(root, tmp_path, monkeypatch):
    monkeypatch.setattr(state, "REPACK_SLACK", 0)
    simulate(root, "run_1", raw=root / "raw", batch_size=5)
    for k in range(2, 7):  # each run adds one file: one more batch of one file each time
        (root / "raw" / f"added-{k}.txt").write_text(ASTANA.replace("12 June", f"{k} June"), encoding="utf-8")
        simulate(root, f"run_{k}", raw=root / "raw", batch_size=5)
    # Run 6 found 5 batches for 9 unchanged files (2 would do): they were rewritten into full ones.
    assert state_batches(root) == {"run_6-r00000", "run_6-r00001", "run_6-00000"}
    assert_same_as_full(root, "run_6", tmp_path)
    (root / "raw" / "oslo.md").unlink()
    simulate(root, "run_7", raw=root / "raw", batch_size=5)
    assert_same_as_full(root, "run_7", tmp_path)


def test_a_same_size_edit_with_its_mtime_restored_is_read(root, tmp_path):
    simulate(root, "run_1", raw=root / "raw")
    path = root / "raw" / "oslo.md"
    before = os.stat(path)
    edited = OSLO.replace("3 May 2022", "4 May 2022")
    assert len(edited) == len(OSLO) != 0 and edited != OSLO
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # a tool that restores timestamps
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns and os.stat(path).st_size == before.st_size
    simulate(root, "run_2", raw=root / "raw")
    assert any(e["location"] == "Oslo" and str(e["start_date"]) == "2022-05-04" for e in rows(root, "events"))
    assert_same_as_full(root, "run_2", tmp_path)


def test_an_edited_reference_file_rebuilds_everything(root, tmp_path, monkeypatch):
    from transforms.reference import files

    simulate(root, "run_1", raw=root / "raw")
    copy = tmp_path / "reference"
    shutil.copytree(Path(str(files._root())), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(files, "_root", lambda: copy)
    store = CuratedStore(root / "c")
    assert state.plan_run(store, [], state.state_version(Limits())).full_reason is None
    name = next(n for n in files.all_files() if n.startswith("gazetteers/"))
    with open(copy / name, "a", encoding="utf-8") as fh:
        fh.write("\n")  # the same reference/VERSION, other contents
    reason = state.plan_run(store, [], state.state_version(Limits())).full_reason
    assert reason and "reference data" in reason and "VERSION" in reason


def test_an_article_out_of_time_is_read_again_next_run(root, tmp_path, monkeypatch):
    from flows import stages
    from flows.budget import OverBudget

    real = stages.extract_articles

    def slow_on_oslo(articles):
        if any("Oslo" in a["text"] for a in articles):
            raise OverBudget  # as a busy machine would: the budget ran out
        return real(articles)

    monkeypatch.setattr(stages, "extract_articles", slow_on_oslo)
    simulate(root, "run_1", raw=root / "raw")
    assert not any(e["location"] == "Oslo" for e in rows(root, "events"))
    manifest = {r["source_path"]: r for r in state.read_manifest(CuratedStore(root / "c"))}
    assert manifest["oslo.md"]["sha256"] is None and manifest["compound.txt"]["sha256"]
    monkeypatch.setattr(stages, "extract_articles", real)
    simulate(root, "run_2", raw=root / "raw")
    assert any(e["location"] == "Oslo" for e in rows(root, "events"))
    assert_same_as_full(root, "run_2", tmp_path)


def test_a_file_read_out_of_time_is_read_again_next_run(root, monkeypatch):
    from flows.budget import OverBudget

    real = rawio.ADAPTERS[".md"]

    def slow(text, rel):
        raise OverBudget

    monkeypatch.setitem(rawio.ADAPTERS, ".md", slow)
    simulate(root, "run_1", raw=root / "raw")
    manifest = {r["source_path"]: r for r in state.read_manifest(CuratedStore(root / "c"))}
    assert manifest["oslo.md"]["sha256"] is None
    monkeypatch.setitem(rawio.ADAPTERS, ".md", real)
    simulate(root, "run_2", raw=root / "raw")
    assert "oslo.md" in {a["source_path"] for a in rows(root, "articles")}


def test_articles_new_counts_an_article_whose_row_changed(root):
    simulate(root, "run_1", raw=root / "raw")
    (root / "raw" / "oslo.meta.json").write_text('{"date": "2022-05-05"}', encoding="utf-8")  # same text
    os.utime(root / "raw" / "compound.txt", (1_700_000_000, 1_700_000_000))  # a touch: no change
    doc = simulate(root, "run_2", raw=root / "raw")
    assert doc["articles_new"] == 1
    assert [str(a["published_date"]) for a in rows(root, "articles") if a["source_path"] == "oslo.md"] == ["2022-05-05"]
    (root / "raw" / "oslo.meta.json").write_text('{"date": "2022-05-05"}\n', encoding="utf-8")  # same rows
    assert simulate(root, "run_3", raw=root / "raw")["articles_new"] == 0


def test_the_manifest_as_its_table_gives_the_live_files_and_batches_of_its_rows():
    """The run holds the manifest as one Arrow table once its batches are read: same answers as its rows."""
    rows = [{"source_path": "b.txt", "size_bytes": 1, "modified_at": None, "sha256": "x", "etag": None,
             "sidecar_path": None, "batch": "r-00001"},
            {"source_path": "a.json", "size_bytes": 1, "modified_at": None, "sha256": "y", "etag": None,
             "sidecar_path": "a.json.meta.json", "batch": "r-00000"},
            {"source_path": "a.json.meta.json", "size_bytes": 1, "modified_at": None, "sha256": "z", "etag": None,
             "sidecar_path": None, "batch": "r-00000"},
            {"source_path": "big.txt", "size_bytes": 9, "modified_at": None, "sha256": None, "etag": None,
             "sidecar_path": None, "batch": None}]
    table = state.manifest_table(rows)
    assert state.manifest_table(table) is table
    assert table["source_path"].to_pylist() == ["a.json", "a.json.meta.json", "b.txt", "big.txt"]
    assert state.live_files(table) == state.live_files(rows) == {"r-00000": ["a.json"], "r-00001": ["b.txt"]}
    assert state.batch_of(table) == state.batch_of(rows) == {r["source_path"]: r["batch"] for r in rows}
