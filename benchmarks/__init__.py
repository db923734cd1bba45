"""Speed and accuracy scripts (each runs as `.venv/bin/python benchmarks/<name>.py --help`).

An importable package: the scorers share benchmarks.scoring, and tests import them as modules
(tests/benchmarks/). Data: seed_gold.yaml (the seed article's gold), name_variants.tsv; the date
corpus is reference/dates/corpus.tsv, shared with tests/transforms/test_dates.py.
"""
