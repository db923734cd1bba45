"""Scoring shared by the benchmark scorers (score_seed and those to come): reading curated tables,
matching system rows with gold items one to one, precision / recall / F1, and the printed report.

* ``tables``: ``load_tables(curated)``, the curated Parquet tables as rows.
* ``text``: ``norm_text``, ``norm_name``, ``lemma_pattern``: comparison keys.
* ``matching``: ``greedy`` one-to-one matching (best pair first), ``Result``, ``Score``.
* ``rows``: when an events / people / commitments row matches a gold item (``*_pair_score``,
  ``match_*``).
* ``report``: the score table and each table's misses and false positives.
"""

from benchmarks.scoring.matching import Result, Score, greedy
from benchmarks.scoring.rows import (
    commitment_pair_score, countries_match, dates_overlap, event_pair_score, match_commitments, match_events,
    match_people, person_pair_score, system_people, text_evidence, types_compatible,
)
from benchmarks.scoring.tables import load_tables
from benchmarks.scoring.text import lemma_pattern, norm_name, norm_text

__all__ = ["Result", "Score", "commitment_pair_score", "countries_match", "dates_overlap", "event_pair_score",
           "greedy", "lemma_pattern", "load_tables", "match_commitments", "match_events", "match_people",
           "norm_name", "norm_text", "person_pair_score", "system_people", "text_evidence", "types_compatible"]
