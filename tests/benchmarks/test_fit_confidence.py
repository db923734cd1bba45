"""benchmarks/fit_confidence.py: the logistic fit, the choice of its penalty and the file it writes."""

from __future__ import annotations

import yaml

from benchmarks.fit_confidence import calibration, choose_l2, fit, render
from transforms.extract.commitments.confidence import probability
from transforms.reference.commitments import Confidence


def _rows():
    # A strong signal right 80% of the time, a weak one right 40% of the time, over 20 documents.
    rows = []
    for i in range(200):
        strong = i % 2 == 0
        ok = (i % 10 != 0) if strong else (i % 5 < 2)
        rows.append(((("cue:strong",) if strong else ("cue:weak",)), ok, f"doc{i % 20}"))
    return rows


def test_fit_recovers_the_rates_of_its_signals():
    intercept, weights = fit(_rows(), l2=0.01)
    assert abs(probability(("cue:strong",), intercept, weights) - 0.8) < 0.02
    assert abs(probability(("cue:weak",), intercept, weights) - 0.4) < 0.02


def test_the_penalty_is_chosen_among_the_grid_and_the_file_reads_back():
    rows = _rows()
    l2 = choose_l2(rows, grid=(0.1, 100.0))
    assert l2 == 0.1  # the signals are real: heavy shrinkage loses held-out likelihood
    intercept, weights = fit(rows, l2)
    bins = calibration(rows, intercept, weights)
    text = render(intercept, weights, {"method": "test", "rows": len(rows)}, bins)
    model = Confidence.model_validate(yaml.safe_load(text))
    assert model.weights == weights and sum(b.rows for b in model.calibration) == len(rows)


def test_the_events_model_file_says_how_to_refit_it_and_reads_back():
    rows = _rows()
    intercept, weights = fit(rows, 1.0)
    text = render(intercept, weights, {"method": "test"}, calibration(rows, intercept, weights), "events")
    assert "transforms.extract.event_confidence" in text and "--table events" in text
    assert abs(Confidence.model_validate(yaml.safe_load(text)).intercept - intercept) < 1e-4
