"""benchmarks/throughput.py builds N distinct articles from a raw folder (the run itself is measured, not tested)."""

import hashlib
from pathlib import Path

from benchmarks.throughput import build_articles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"


def test_n_distinct_articles_are_built_from_a_few(tmp_path):
    out = tmp_path / "raw"
    assert build_articles(FIXTURES, out, 11) == 11
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) == 11
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in files}) == 11  # no two texts alike
    assert not (tmp_path / "staging").exists()
