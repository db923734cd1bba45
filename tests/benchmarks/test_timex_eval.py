"""Gold-value reading and scoring of benchmarks/timex_eval.py on a tiny hand-written file."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks import timex_eval

d = date.fromisoformat


@pytest.mark.parametrize("value,expected", [
    ("1998-02-06", (d("1998-02-06"), d("1998-02-06"), "day")),
    ("1998-02-06TNI", (d("1998-02-06"), d("1998-02-06"), "day")),
    ("1998-02", (d("1998-02-01"), d("1998-02-28"), "month")),
    ("2000-W6", (d("2000-02-07"), d("2000-02-13"), "week")),
    ("2000-W06", (d("2000-02-07"), d("2000-02-13"), "week")),
    ("1990-W32-WE", (d("1990-08-11"), d("1990-08-12"), "week")),
    ("1968-XX", (d("1968-01-01"), d("1968-12-31"), "year")),
    ("1998-10-XX", (d("1998-10-01"), d("1998-10-31"), "month")),
    ("1989-Q3", (d("1989-07-01"), d("1989-09-30"), "quarter")),
    ("199", (d("1990-01-01"), d("1999-12-31"), "decade")),
    ("19", (d("1900-01-01"), d("1999-12-31"), "century")),
    ("XXXX-XX-XX", None),
    ("1998-WXX", None),
    ("PRESENT_REF", None),
    ("P1D", None),
])
def test_gold_values_become_spans(value, expected):
    assert timex_eval.gold_span(value) == expected


def test_scores_a_small_file_with_and_without_sentence_tense(tmp_path, capsys):
    f = tmp_path / "x.tsv"
    f.write_text(
        "# expression, DCT, gold, doc, sentence\n"
        "April 26, 2023\t2023-05-02\t2023-04-26\td1\tThey met on April 26, 2023.\n"
        "now\t2023-05-02\tPRESENT_REF\td1\tIt is now clear.\n"
        # The clause's tense places the month: without it, June 2022 is wrong.
        "March\t2023-05-02\t2024-03\td1\tThe treaty must be ratified by March.\n",
        encoding="utf-8")
    assert timex_eval.main([str(f), "--no-dateparser", "--repeat", "1", "--quiet"]) in (0, None)
    out = capsys.readouterr().out
    assert "eventline span accuracy            = 0.667 (2/3)" in out
    assert "with the clause's tense (5th-column sentence) = 1.000 (3/3)" in out
