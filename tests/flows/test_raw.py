"""Raw discovery and reading: sidecars, links, limits, odd names; every problem a quarantine row."""

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventline.settings import Limits
from flows import raw as rawio
from flows.io import FatalRunError


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Title A\n\nBody A.", encoding="utf-8")
    (root / "a.meta.json").write_text('{"title": "Sidecar title", "date": "2024-01-02"}', encoding="utf-8")
    (root / "sub" / "b.jsonl").write_text('{"text": "Body B"}\n{"text": \n', encoding="utf-8")
    (root / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (root / "image.png").write_bytes(b"\x89PNG")
    (root / "orphan.meta.json").write_text("{}", encoding="utf-8")
    return root


def _reasons(out) -> dict[str, str]:
    return {q["source_path"]: q["reason"] for q in out.quarantine}


def test_discover_pairs_sidecars_and_sorts(raw):
    files = rawio.discover_raw(raw)
    assert [f.rel for f in files] == ["a.txt", "image.png", "latin1.txt", "orphan.meta.json", "sub/b.jsonl"]
    assert files[0].sidecar_rel == "a.meta.json"


def test_discover_missing_folder_is_fatal(tmp_path):
    with pytest.raises(FatalRunError, match="does not exist"):
        rawio.discover_raw(tmp_path / "nope")


def test_read_raw_quarantines_without_losing_good_records(raw):
    out = rawio.read_raw(rawio.discover_raw(raw))
    assert [(d.source_path, d.title) for d in out.docs] == [("a.txt", "Sidecar title"), ("sub/b.jsonl", None)]
    assert out.docs[0].published == "2024-01-02"
    reasons = _reasons(out)
    assert set(reasons) == {"image.png", "latin1.txt", "sub/b.jsonl", "orphan.meta.json"}
    assert "unsupported file type '.png'" in reasons["image.png"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "line 2" in reasons["sub/b.jsonl"]
    assert all(q["stage"] == "ingest" and json.loads(q["payload"]) is not None for q in out.quarantine)
    # The manifest rows: every file read, and the sidecar that changes a.txt's rows.
    assert {f["source_path"] for f in out.files} == {"a.txt", "a.meta.json", "sub/b.jsonl", "latin1.txt"}
    assert all(len(f["sha256"]) == 64 for f in out.files)
    assert {f["source_path"]: f["sidecar_path"] for f in out.files}["a.txt"] == "a.meta.json"


def test_one_sidecar_beside_two_files_applies_to_both(tmp_path):
    (tmp_path / "NAME.md").write_text("# Markdown title\n\nBody one.", encoding="utf-8")
    (tmp_path / "NAME.txt").write_text("Text title\n\nBody two.", encoding="utf-8")
    (tmp_path / "NAME.meta.json").write_text('{"date": "2024-02-03", "url": "https://e.org/n"}', encoding="utf-8")
    out = rawio.read_raw(rawio.discover_raw(tmp_path))
    assert not out.quarantine
    assert [(d.source_path, d.published, d.url) for d in out.docs] == [
        ("NAME.md", "2024-02-03", "https://e.org/n"), ("NAME.txt", "2024-02-03", "https://e.org/n")]


def test_links_outside_the_raw_folder_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\n\nroot:x:0:0", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text("X\n\nx", encoding="utf-8")
    root = tmp_path / "raw"
    root.mkdir()
    (root / "passwd.txt").symlink_to(secret)
    (root / "dir-out").symlink_to(tmp_path / "outside")
    (root / "inner").mkdir()
    (root / "inner" / "ok.txt").write_text("Inside\n\nKept.", encoding="utf-8")
    (root / "dir-in").symlink_to(root / "inner")
    (root / "meta-out.txt").write_text("Meta\n\nBody.", encoding="utf-8")
    (root / "meta-out.meta.json").symlink_to(secret)
    (root / "alias.txt").symlink_to(root / "inner" / "ok.txt")  # inside: read
    out = rawio.read_raw(rawio.discover_raw(root))
    reasons = _reasons(out)
    assert "outside the raw folder" in reasons["passwd.txt"]
    assert "outside the raw folder" in reasons["dir-out"]
    assert "link to a folder" in reasons["dir-in"]
    assert "outside the raw folder" in reasons["meta-out.meta.json"]
    assert sorted(d.source_path for d in out.docs) == ["alias.txt", "inner/ok.txt", "meta-out.txt"]
    assert not any("root:x" in d.body for d in out.docs)


def test_curated_and_reports_inside_raw_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("A\n\nBody.", encoding="utf-8")
    for folder in ("curated/events", "reports"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "curated" / "events" / "x.json").write_text('{"text": "not an article"}', encoding="utf-8")
    (tmp_path / "reports" / "latest.json").write_text('{"text": "a report"}', encoding="utf-8")
    files = rawio.discover_raw(tmp_path, skip=(tmp_path / "curated", tmp_path / "reports"))
    assert [f.rel for f in files] == ["a.txt"]


def test_limits_quarantine_with_the_setting_named(tmp_path):
    (tmp_path / "big.txt").write_text("Big\n\n" + "word " * 30_000, encoding="utf-8")
    (tmp_path / "long.jsonl").write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}),
                                         encoding="utf-8")
    out = rawio.read_raw(rawio.discover_raw(tmp_path), Limits(max_file_mb=0.1, max_article_chars=1000))
    reasons = {(q["source_path"], q["record_key"]): q["reason"] for q in out.quarantine}
    assert "--max-file-mb" in reasons[("big.txt", None)]
    assert "--max-article-chars" in reasons[("long.jsonl", "line1")]
    assert [d.body for d in out.docs] == ["ok"]


def test_a_name_that_is_not_utf8_is_kept_escaped(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9 \xff.txt"
    with open(name, "wb") as fh:
        fh.write(b"Title\n\nBody.")
    out = rawio.read_raw(rawio.discover_raw(tmp_path))
    assert [d.source_path for d in out.docs] == ["caf\\xe9 \\xff.txt"]
    assert out.docs[0].source_path.encode("utf-8")


def test_lone_surrogates_are_replaced(tmp_path):
    (tmp_path / "s.json").write_text('{"text": "Talks \\ud800 held", "title": "T\\udfff", "x": {"\\ud801": 1}}',
                                     encoding="utf-8")
    out = rawio.read_raw(rawio.discover_raw(tmp_path))
    (doc,) = out.docs
    assert doc.body == "Talks \ufffd held" and doc.title == "T\ufffd"
    assert json.dumps(doc.metadata, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("name,content", [
    ("a.md", "---\ntitle: Talks\ndate: 2023-02-30\n---\n\nLeaders met."),
    ("a.json", '{"text": "Leaders met.", "date": "2023-02-30"}'),
    ("a.html", "<html><head><meta property='article:published_time' content='2023-02-30'></head>"
               "<body><p>Leaders met.</p></body></html>"),
    ("a.txt", "Talks\n\nLeaders met."),
])
def test_a_bad_date_gives_no_date_and_a_warning_not_a_lost_article(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    if name == "a.txt":
        (tmp_path / "a.meta.json").write_text('{"date": "2023-02-30"}', encoding="utf-8")
    out = rawio.read_raw(rawio.discover_raw(tmp_path))
    assert len(out.docs) == 1 and not out.quarantine
    assert out.warnings and "not a calendar date" in out.warnings[0]["message"]


def test_special_files_and_bad_links_are_quarantined(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / ".hidden.txt").write_text("Hidden title\n\nBody.", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    out = rawio.read_raw(rawio.discover_raw(tmp_path))
    assert [d.source_path for d in out.docs] == [".hidden.txt"]
    reasons = _reasons(out)
    assert "looping link" in reasons["loop"] and "broken" in reasons["dangling.txt"]
    assert "not a regular file" in reasons["pipe.txt"]
    assert "nested too deeply" in reasons["deep.json"]


def test_a_file_that_takes_too_long_to_read_is_quarantined(tmp_path, monkeypatch):
    import time

    def slow(text, source_path):
        while True:
            time.sleep(0.001)

    monkeypatch.setitem(rawio.ADAPTERS, ".txt", slow)
    (tmp_path / "slow.txt").write_text("x", encoding="utf-8")
    out = rawio.read_raw(rawio.discover_raw(tmp_path), Limits(article_seconds=0.2))
    assert "--article-seconds" in out.quarantine[0]["reason"]


_EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl", ".meta.json", ".pdf", ""]


@settings(max_examples=120, deadline=None)
@given(files=st.lists(st.tuples(st.sampled_from(["a", "b", "caf\xe9", "x y"]), st.sampled_from(_EXTENSIONS),
                                st.binary(max_size=300)), max_size=5))
def test_fuzz_read_raw_on_any_bytes_never_fails_the_run(files):
    with tempfile.TemporaryDirectory() as tmp:
        for stem, ext, data in files:
            with open(os.path.join(tmp, stem + ext), "wb") as fh:
                fh.write(data)
        out = rawio.read_raw(rawio.discover_raw(Path(tmp)))
        for doc in out.docs:
            for value in (doc.source_path, doc.body, doc.title or "", json.dumps(doc.metadata, ensure_ascii=False)):
                value.encode("utf-8")
        for row in out.quarantine:
            (row["source_path"] + row["reason"] + row["payload"]).encode("utf-8")
        written = {stem + ext for stem, ext, _ in files}
        assert len(out.docs) + len(out.quarantine) >= len({n for n in written if not n.endswith(".meta.json")})
