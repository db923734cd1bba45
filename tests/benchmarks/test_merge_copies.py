"""benchmarks/merge_copies.py on the test fixtures: copies of a raw folder give the rows of one copy."""

from pathlib import Path

from benchmarks.merge_copies import add_line, main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"


def test_three_copies_give_the_events_of_one(capsys):
    assert main(["--raw", str(FIXTURES), "--copies", "3"]) == 0
    out = capsys.readouterr().out
    assert "(x1.00;" in out
    assert "events not told in every copy: 0;" in out


def test_the_extra_line_lands_in_the_article_text(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<html><body><article><p>Text.</p></article></body></html>", encoding="utf-8")
    add_line(page, "Archived copy 1.")
    assert "<p>Archived copy 1.</p></article>" in page.read_text(encoding="utf-8")
    record = tmp_path / "b.jsonl"
    record.write_text('{"text": "Text."}\n', encoding="utf-8")
    add_line(record, "Archived copy 1.")
    assert "Archived copy 1." in record.read_text(encoding="utf-8")
    broken = tmp_path / "c.jsonl"
    broken.write_text('{"text": "Text."}\n{bad\n', encoding="utf-8")
    add_line(broken, "Archived copy 1.")
    assert broken.read_text(encoding="utf-8").split("\n")[1] == "{bad"
