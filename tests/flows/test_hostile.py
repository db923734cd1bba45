"""Hostile and unlucky inputs: every case of issue 11, run through the real layers of a run.

Each test names the issue's case it replays. Runs go through the readers, normalization,
de-duplication, extraction and the run's effects (tests/flows/layers.py); the real Prefect
flow, the command line and the Prefect server have their own suites (test_flow.py,
tests/eventline/). Common to all: a run either completes with every good record written, or
fails without switching the tables, and `runs` says which.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventline.settings import Limits
from flows import io
from flows.store import CuratedStore
from tests.flows.layers import compute, simulate
from tests.transforms.test_ingest import BILLION_LAUGHS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
GOOD = "Talks in Oslo\n\nNorway and Chile held talks in Oslo on 3 May 2022. They agreed to deepen cooperation."


@lru_cache(maxsize=1)
def _after_a_good_run() -> Path:
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="eventline-hostile-"))
    shutil.copytree(FIXTURES, root / "raw")
    simulate(root, "run_good", raw=root / "raw")
    return root


@pytest.fixture
def root(tmp_path) -> Path:
    """A folder after one good run on the fixture articles: raw/, c/ (curated), r/ (reports)."""
    shutil.copytree(_after_a_good_run(), tmp_path / "case", symlinks=True)
    return tmp_path / "case"


def fresh_raw(root: Path) -> Path:
    shutil.rmtree(root / "raw")
    (root / "raw").mkdir()
    return root / "raw"


def table(root: Path, name: str) -> list[dict]:
    return CuratedStore(root / "c").read_table(name).to_pylist()


def runs(root: Path) -> dict[str, dict]:
    return {r["run_id"]: r for r in table(root, "runs")}


def quarantine_of(root: Path, run_id: str) -> list[dict]:
    return [q for q in table(root, "quarantine") if q["run_id"] == run_id]


def all_utf8(root: Path) -> None:
    """Every string of every table encodes as UTF-8 and DuckDB reads every table."""
    for name in ("articles", "events", "quarantine", "runs"):
        for row in table(root, name):
            for value in row.values():
                if isinstance(value, str):
                    value.encode("utf-8")
        duckdb.sql(f"select * from read_parquet('{root}/c/{name}/**/*.parquet', union_by_name=true)").fetchall()


# ---- 1. Lost data: a raw folder with nothing readable must not wipe the tables

@pytest.mark.parametrize("case", ["only-a-pdf", "only-a-broken-link-to-a-share", "empty", "only-not-utf8",
                                  "only-bad-json"])
def test_1_nothing_readable_keeps_the_tables(root, case):
    raw = fresh_raw(root)
    if case == "only-a-pdf":
        (raw / "scan.pdf").write_bytes(b"%PDF-1.4")
    elif case == "only-a-broken-link-to-a-share":
        (raw / "share").symlink_to("/mnt/share-that-is-down/articles")
    elif case == "only-not-utf8":
        (raw / "a.txt").write_bytes("Caf\xe9".encode("latin-1"))
    elif case == "only-bad-json":
        (raw / "a.json").write_text("{oops")
    before = table(root, "articles")
    with pytest.raises(io.FatalRunError, match="read no article") as info:
        simulate(root, "run_empty", raw=raw)
    assert "\n" not in str(info.value) and "kept" in str(info.value)
    assert table(root, "articles") == before and CuratedStore(root / "c").current() == "run_good"
    assert runs(root)["run_empty"]["status"] == "failed"
    assert "read no article" in runs(root)["run_empty"]["error"]
    if case != "empty":
        assert quarantine_of(root, "run_empty")  # why nothing was read


def test_1_a_first_run_on_an_empty_folder_completes_empty(tmp_path):
    (tmp_path / "raw").mkdir()
    doc = simulate(tmp_path, "run_first", raw=tmp_path / "raw")
    assert doc["status"] == "completed" and doc["rows_written"]["articles"] == 0


# ---- 3. One torn history file must not make all history unreadable

@pytest.mark.parametrize("name,data", [("runs/run-run_torn.parquet", b"PAR1\x15\x00\x15"),
                                       ("quarantine/notes.parquet", b"hello"),
                                       ("runs/empty.parquet", b"")])
def test_3_torn_or_foreign_history_file_is_skipped(root, name, data):
    (root / "c" / name).write_bytes(data)
    simulate(root, "run_next", raw=root / "raw")
    assert runs(root)["run_next"]["status"] == "completed"
    assert {"run_good", "run_next"} <= set(runs(root))
    assert len(quarantine_of(root, "run_next")) == len(quarantine_of(root, "run_good"))


def test_3_history_is_never_written_torn(root, monkeypatch):
    def die_mid_write(step, path):
        if step == "write" and "runs" in str(path):
            Path(path).write_bytes(b"PAR1 half")
            raise KeyboardInterrupt

    monkeypatch.setattr(io, "write_step", die_mid_write)
    with pytest.raises(KeyboardInterrupt):
        simulate(root, "run_killed", raw=root / "raw")
    monkeypatch.undo()
    duckdb.sql(f"select * from read_parquet('{root}/c/runs/*.parquet', union_by_name=true)").fetchall()


# ---- 4. One odd name must not abort the run (nor every later run)

def test_4_names_that_are_not_utf8_and_lone_surrogates(root):
    raw = root / "raw"
    with open(os.fsencode(raw) + b"/windows-caf\xe9-\x81.txt", "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    (raw / "surrogates.json").write_text(
        '[{"title": "Summit \\ud800", "text": "Leaders met in Lima on 2 May 2023 \\udfff.", '
        '"date": "2023-05-02", "\\ud83d": "key"}]', encoding="utf-8")
    for run_id in ("run_odd", "run_odd_again"):  # and again on the next run
        doc = simulate(root, run_id, raw=raw)
        assert doc["status"] == "completed"
    articles = {a["source_path"]: a for a in table(root, "articles")}
    assert "windows-caf\\xe9-\\x81.txt" in articles
    assert "\ufffd" in articles["surrogates.json"]["text"]
    all_utf8(root)


@pytest.mark.parametrize("name", ["new\nline.txt", "-dash.txt", "tab\there.txt", "esc\x1b[2J.txt",
                                  " spaced .txt", "x" * 250 + ".txt", "中文标题.txt", "%s%n.txt"])
def test_4_odd_file_names(root, name):
    (root / "raw" / name).write_text(GOOD, encoding="utf-8")
    simulate(root, "run_name", raw=root / "raw")
    assert name in {a["source_path"] for a in table(root, "articles")}
    all_utf8(root)


# ---- 5. Large input: limits, each a setting with a quarantine row; extraction linear

def test_5_limits_quarantine_only_the_record_past_them(root):
    raw = root / "raw"
    (raw / "big.txt").write_text("Big\n\n" + "word " * 60_000, encoding="utf-8")
    (raw / "mixed.jsonl").write_text(json.dumps({"text": "y " * 3000}) + "\n" + json.dumps({"text": GOOD}) + "\n",
                                     encoding="utf-8")
    simulate(root, "run_limits", raw=raw, limits=Limits(max_file_mb=0.2, max_article_chars=5000))
    reasons = {(q["source_path"], q["record_key"]): q["reason"] for q in quarantine_of(root, "run_limits")}
    assert "--max-file-mb" in reasons[("big.txt", None)]
    assert "--max-article-chars" in reasons[("mixed.jsonl", "line1")]
    assert "mixed.jsonl" in {a["source_path"] for a in table(root, "articles")}


def test_5_an_article_past_its_time_budget_is_kept_without_events(root, monkeypatch):
    import time

    from transforms import extract

    real = extract.extract_article

    def slow_for_one(article):
        if "Zzyzx" in article["text"]:
            while True:
                time.sleep(0.001)
        return real(article)

    monkeypatch.setattr(extract, "extract_article", slow_for_one)
    (root / "raw" / "slow.txt").write_text("Summit in Zzyzx\n\nLeaders met in Zzyzx.", encoding="utf-8")
    simulate(root, "run_slow", raw=root / "raw", limits=Limits(article_seconds=0.3))
    (q,) = [q for q in quarantine_of(root, "run_slow") if q["stage"] == "extract"]
    assert q["source_path"] == "slow.txt" and "--article-seconds" in q["reason"]
    assert "slow.txt" in {a["source_path"] for a in table(root, "articles")}
    assert len(table(root, "events")) > 0  # the other articles' events


def _distinct_people(n: int) -> str:
    import random

    rng = random.Random(1)
    word = lambda k: "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(k)).capitalize()  # noqa: E731
    return "".join(f"Foreign Minister {word(6)} {word(7)} met President {word(7)} {word(6)} in Beijing and they "
                   "agreed to cooperate. " for _ in range(n))


@pytest.mark.parametrize("text", ["the minister met the president and agreed to cooperate " * 4_000,
                                  "President Joe Biden met Prime Minister Rishi Sunak, " * 4_000,
                                  _distinct_people(2_000)], ids=["no-full-stop", "names-one-line", "distinct-people"])
def test_5_long_text_on_one_line_is_read_within_its_budget(root, text):
    (root / "raw" / "long.txt").write_text("Long\n\n" + text, encoding="utf-8")
    simulate(root, "run_long", raw=root / "raw", limits=Limits(article_seconds=60))
    assert not [q for q in quarantine_of(root, "run_long") if q["stage"] == "extract"]


# ---- 6. YAML bombs

@pytest.mark.parametrize("front", [BILLION_LAUGHS, "---\nbase: &b {title: x}\nmeta:\n  <<: *b\n---\nBody.\n",
                                   "---\nt: " + "x" * 300_000 + "\n---\nBody.\n"])
def test_6_yaml_bombs_cost_nothing_and_lose_nothing_else(root, front):
    (root / "raw" / "bomb.md").write_text(front, encoding="utf-8")
    simulate(root, "run_bomb", raw=root / "raw")
    (q,) = [q for q in quarantine_of(root, "run_bomb") if q["source_path"] == "bomb.md"]
    assert "anchor or alias" in q["reason"] or "more than" in q["reason"]
    assert len(table(root, "articles")) == len(_good_articles())


@lru_cache(maxsize=1)
def _good_articles() -> list:
    return table(_after_a_good_run(), "articles")


# ---- 7. Nothing outside the raw folder is read

def test_7_links_leading_out_and_links_to_folders(root, tmp_path):
    raw = root / "raw"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nroot:x:0:0:root:/root:/bin/bash", encoding="utf-8")
    (raw / "passwd.txt").symlink_to("/etc/passwd")
    (raw / "secret.txt").symlink_to(outside / "secret.txt")
    (raw / "out-folder").symlink_to(outside)
    (raw / "in-folder").symlink_to(raw / "nested")
    (raw / "good.txt").write_text(GOOD, encoding="utf-8")
    (raw / "good.meta.json").symlink_to(outside / "secret.txt")
    simulate(root, "run_links", raw=raw)
    texts = " ".join(a["text"] for a in table(root, "articles"))
    assert "root:x" not in texts
    reasons = {q["source_path"]: q["reason"] for q in quarantine_of(root, "run_links")}
    for name in ("passwd.txt", "secret.txt", "out-folder", "good.meta.json"):
        assert "outside the raw folder" in reasons[name], name
    assert "link to a folder" in reasons["in-folder"]
    assert "good.txt" in {a["source_path"] for a in table(root, "articles")}


def test_7_a_raw_folder_that_is_itself_a_link(root, tmp_path):
    (tmp_path / "link-to-raw").symlink_to(root / "raw")
    simulate(root, "run_via_link", raw=tmp_path / "link-to-raw")
    assert len(table(root, "articles")) == len(_good_articles())


# ---- 8. A full disk: the run fails without switching, and says so

@pytest.mark.parametrize("where", ["r/latest.json", "r/runs/", "r/summary.html", "c/.generations/run_full/events",
                                   "c/quarantine/"])
def test_8_a_full_disk_fails_the_run_before_the_switch(root, monkeypatch, where):
    def full(step, path):
        if where in os.path.relpath(path, root).replace(".latest.json", "latest.json") or \
                os.path.relpath(path, root).startswith(where):
            raise OSError(errno.ENOSPC, "No space left on device")

    (root / "raw" / "new.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(io, "write_step", full)
    with pytest.raises(io.FatalRunError, match="disk is full"):
        simulate(root, "run_full", raw=root / "raw")
    monkeypatch.undo()
    assert CuratedStore(root / "c").current() == "run_good"
    assert runs(root)["run_full"]["status"] == "failed" and "disk is full" in runs(root)["run_full"]["error"]
    latest = json.loads((root / "r" / "latest.json").read_text())
    assert latest["run_id"] == "run_good" or latest["status"] == "failed"


# ---- 10. A bad date loses nothing: null date and a warning, in every format

@pytest.mark.parametrize("name,content", [
    ("d.md", "---\ntitle: Talks in Oslo\ndate: 2023-02-30\n---\n\nNorway and Chile held talks in Oslo."),
    ("d.json", '{"title": "Talks in Oslo", "text": "Norway and Chile held talks in Oslo.", "date": "2023-02-30"}'),
    ("d.jsonl", '{"title": "Talks in Oslo", "text": "Norway and Chile held talks.", "published": "2023-02-30"}'),
    ("d.html", "<html><head><title>Talks in Oslo</title><meta property='article:published_time' "
               "content='2023-02-30T10:00:00Z'></head><body><p>Norway and Chile held talks.</p></body></html>"),
    ("d.txt", "Talks in Oslo\n\nNorway and Chile held talks in Oslo."),
])
def test_10_a_bad_date_gives_a_null_date_and_a_warning(root, name, content):
    raw = fresh_raw(root)
    (raw / name).write_text(content, encoding="utf-8")
    if name == "d.txt":
        (raw / "d.meta.json").write_text('{"date": "2023-02-30"}', encoding="utf-8")
    doc = simulate(root, "run_date", raw=raw)
    (article,) = table(root, "articles")
    assert article["source_path"] == name and article["published_date"] is None
    assert not quarantine_of(root, "run_date")
    assert doc["warnings"] and "2023-02-30" in doc["warnings"][0]["message"]
    assert json.loads((root / "r" / "latest.json").read_text())["warnings"]


# ---- 12. Smaller ones

def test_12_curated_and_reports_inside_raw_are_not_ingested(tmp_path):
    root = tmp_path
    shutil.copytree(FIXTURES, root / "raw")
    inside = root / "raw"
    store_root = inside / "out"
    for run_id in ("run_1", "run_2"):
        simulate(store_root, run_id, raw=inside)
    assert not [a for a in CuratedStore(store_root / "c").read_table("articles").to_pylist()
                if a["source_path"].startswith("out/")]
    assert not [q for q in CuratedStore(store_root / "c").read_table("quarantine").to_pylist()
                if (q["source_path"] or "").startswith("out/")]


def test_12_one_sidecar_beside_two_files_applies_to_both(root):
    raw = fresh_raw(root)
    (raw / "NAME.md").write_text("# Talks in Oslo\n\nNorway and Chile held talks in Oslo.", encoding="utf-8")
    (raw / "NAME.txt").write_text("Summit in Lima\n\nLeaders met in Lima.", encoding="utf-8")
    (raw / "NAME.meta.json").write_text('{"date": "2023-05-02", "url": "https://e.org/n"}', encoding="utf-8")
    simulate(root, "run_sidecar", raw=raw)
    got = {(a["source_path"], str(a["published_date"]), a["url"]) for a in table(root, "articles")}
    assert got == {("NAME.md", "2023-05-02", "https://e.org/n"), ("NAME.txt", "2023-05-02", "https://e.org/n")}


def _ids(root: Path) -> dict[str, list]:
    out = {}
    for name, key in (("articles", "article_id"), ("events", "event_id"), ("commitments", "commitment_id"),
                      ("entities", "entity_id")):
        out[name] = sorted(r[key] for r in table(root, name))
    out["event_mentions"] = sorted((r["event_id"], r["article_id"], r["char_start"]) for r in table(root, "event_mentions"))
    out["participants"] = sorted((r["event_id"], r["entity_id"]) for r in table(root, "participants"))
    return out


def test_12_ids_survive_renaming_a_sub_folder(root):
    before = _ids(root)
    (root / "raw" / "nested").rename(root / "raw" / "renamed-folder")
    (root / "raw" / "compound.txt").rename(root / "raw" / "a-new-name.txt")
    simulate(root, "run_renamed", raw=root / "raw")
    assert _ids(root) == before
    assert "renamed-folder/briefs.json" in {a["source_path"] for a in table(root, "articles")}


def test_12_ids_stay_when_one_article_is_added(root):
    before = _ids(root)
    (root / "raw" / "added.txt").write_text("Visit to Astana\n\nThe President visited Astana on 2 June 2023.")
    simulate(root, "run_added", raw=root / "raw")
    after = _ids(root)
    assert all(set(before[name]) <= set(after[name]) for name in before)


def test_12_two_identical_files_are_one_article_and_a_duplicate_row(root):
    raw = fresh_raw(root)
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    (raw / "sub").mkdir()
    (raw / "sub" / "copy.txt").write_text(GOOD, encoding="utf-8")
    simulate(root, "run_dup", raw=raw)
    assert [a["source_path"] for a in table(root, "articles")] == ["a.txt"]
    (q,) = quarantine_of(root, "run_dup")
    assert q["source_path"] == "sub/copy.txt" and "duplicate" in q["reason"] and "a.txt" in q["reason"]


def _rows(root: Path, name: str) -> list[str]:
    return sorted(json.dumps({k: v for k, v in r.items() if k != "ingested_at"}, default=str, sort_keys=True)
                  for r in table(root, name))


def test_12_the_same_input_gives_the_same_tables_on_every_run(root):
    simulate(root, "run_again", raw=root / "raw")
    for name in ("articles", "events", "event_mentions", "participants", "commitments", "entities"):
        assert _rows(root, name) == _rows(_after_a_good_run(), name), name


# ---- Across the board

def test_ingestion_opens_no_socket(root, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("ingestion tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    (root / "raw" / "page.html").write_text(
        "<html><head><link rel='stylesheet' href='https://cdn.example.org/x.css'>"
        "<script src='https://cdn.example.org/x.js'></script><title>Talks</title></head>"
        "<body><img src='https://example.org/i.png'><p>Norway and Chile held talks.</p></body></html>")
    outputs = compute(root / "raw", "run_offline")
    assert "page.html" in outputs.tables["articles"].table["source_path"].to_pylist()


def test_a_record_that_fails_normalization_costs_that_record_only(root, monkeypatch):
    from transforms import articles as articles_mod

    real = articles_mod.build_articles

    def broken_for_one(doc, ingested_at):
        if doc.source_path == "readout-call.md":
            raise ValueError("boom")
        return real(doc, ingested_at)

    monkeypatch.setattr(articles_mod, "build_articles", broken_for_one)
    simulate(root, "run_norm", raw=root / "raw", full=True)  # a changed normalizer: every file read again
    (q,) = [q for q in quarantine_of(root, "run_norm") if q["stage"] == "normalize"]
    assert q["source_path"] == "readout-call.md"
    assert len(table(root, "articles")) == len(_good_articles()) - 1


def test_a_row_that_cannot_be_stored_is_quarantined_not_the_run(root):
    outputs = compute(root / "raw", "run_store")
    outputs.tables["events"][0]["start_date"] = "not a date"
    simulate(root, "run_store", outputs=outputs)
    (q,) = [q for q in quarantine_of(root, "run_store") if "cannot be stored" in q["reason"]]
    assert q["record_key"] == "events" and "start_date" in q["reason"]
    assert runs(root)["run_store"]["status"] == "completed"


def test_a_second_run_meets_the_lock(root):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time; sys.path.insert(0, {os.getcwd()!r})
        from pathlib import Path
        from flows.store import run_lock
        with run_lock(Path({str(root / 'c')!r})):
            print('locked', flush=True)
            time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        from flows.store import run_lock

        with pytest.raises(io.FatalRunError, match="holds the lock"):
            with run_lock(root / "c"):
                pass
    finally:
        holder.kill()
        holder.wait()
    with_table = CuratedStore(root / "c").read_table("articles")
    assert with_table.num_rows == len(_good_articles())


def test_special_and_pathological_files_never_block_or_crash(root):
    raw = root / "raw"
    os.mkfifo(raw / "pipe.txt")
    (raw / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (raw / "deep.html").write_text("<div>" * 100_000)
    (raw / "brackets.md").write_text("[" * 300_000)
    (raw / "zero.txt").write_bytes(b"")
    (raw / "nul.txt").write_bytes(b"Title\x00\n\nBody with \x00 NUL.")
    simulate(root, "run_patho", raw=raw)
    reasons = {q["source_path"]: q["reason"] for q in quarantine_of(root, "run_patho")}
    assert {"pipe.txt", "deep.json", "deep.html", "zero.txt"} <= set(reasons)
    assert runs(root)["run_patho"]["status"] == "completed"
    all_utf8(root)


def test_parquet_metadata_names_the_generation(root):
    meta = pq.read_metadata(next((root / "c" / "events").glob("year=*/part-*.parquet"))).metadata
    assert meta[b"generation"] == b"run_good" and meta[b"schema_version"]


def test_8_reports_of_a_run_killed_before_its_commit_are_marked_failed(root, monkeypatch):
    from flows import publish
    from tests.flows.layers import run_dict

    def killed_at_the_commit(step, path):
        if Path(path).name.startswith(".current"):
            raise KeyboardInterrupt  # stands for SIGKILL: below, nothing of the failure path may write

    (root / "raw" / "new.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(io, "write_step", killed_at_the_commit)
    monkeypatch.setattr(publish, "close_failed_run", lambda *args: None)
    with pytest.raises(KeyboardInterrupt):
        simulate(root, "run_killed", raw=root / "raw")
    monkeypatch.undo()
    latest = json.loads((root / "r" / "latest.json").read_text())
    assert latest["run_id"] == "run_killed" and latest["status"] == "completed"  # what the kill left
    store = CuratedStore(root / "c")
    publish.open_run(store, root / "r", run_dict("run_next"))  # the next run's start settles it
    latest = json.loads((root / "r" / "latest.json").read_text())
    assert latest["status"] == "failed" and "interrupted" in latest["error"]
    page = (root / "r" / "summary.html").read_text()
    assert "run_killed" in page and "RUN FAILED" in page and "interrupted" in page
    assert runs(root)["run_killed"]["status"] == "failed"
