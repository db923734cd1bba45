"""The confidence of a commitment: a probability read from the evidence its rule had.

Each mention carries its signals: the cue that read it (`cue:will`, `cue:stance_noun`), how its
parties were found (`parties:named`, `parties:group`, `parties:shared`, `parties:speaker`,
`parties:none`, ...), the clause's shape (`shape:split`, `shape:framed`, `shape:modal`,
`shape:list_item`, `shape:due`) and where the article's date came from (`date:metadata`, ...).
reference/commitments/confidence.yaml holds a logistic model over them (an intercept and a
weight per signal), fitted on the gold's tuning half by benchmarks/fit_confidence.py, with the
calibration it measured; a signal the model has no weight for weighs nothing.
"""

from __future__ import annotations

import math
from functools import lru_cache

from transforms.reference import load


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, float]]:
    data = load("commitments/confidence.yaml")
    return data.intercept, dict(data.weights)


def probability(signals: tuple[str, ...] | list[str], intercept: float, weights: dict[str, float]) -> float:
    """The logistic model's probability for a set of signals."""
    z = intercept + sum(weights.get(s, 0.0) for s in set(signals))
    return 1.0 / (1.0 + math.exp(-z))


def confidence(signals: tuple[str, ...]) -> float:
    """The calibrated probability that a commitment with these signals is right (ANNOTATION.md), in [0.01, 0.99]."""
    intercept, weights = _model()
    return round(min(0.99, max(0.01, probability(signals, intercept, weights))), 3)
