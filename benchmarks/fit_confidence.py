"""Fit the confidence of commitments or events on the gold's tuning half; write reference/<table>/confidence.yaml.

    python -m benchmarks.fit_confidence --corpus /work/shared/corpus/dev [--table events] [--l2 1.0] [--dry-run]

Every commitment (or event) row the pipeline's transforms output on the tuning half's documents is a
row: its signals (the evidence its rule had: for a commitment its cue, how its parties were found,
the clause's shape, the article's date source, transforms/extract/commitments/confidence.py; for an
event its type, countries, people, date, status and tellings, transforms/extract/event_confidence.py)
and whether it matches a gold item (benchmarks/score_gold.py's one-to-one matching). A logistic model
with an L2 penalty (the intercept unpenalized) is fitted by Newton's method; the file gets its
intercept and weights, how it was fitted, and the calibration it measured on those rows.
The sealed test half is never read here: score_gold prints both halves' calibration.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.score_gold import GOLD_DIR, build_raw, load_gold, score_doc, system_docs
from transforms.extract.commitments.confidence import probability

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
TABLES = ("commitments", "events")


def tuning_rows(corpus: Path | None, table: str = "commitments") -> list[tuple[tuple[str, ...], bool, str]]:
    """(signals, matches a gold item, document key) of every commitment (or event) row of the tuning half."""
    from benchmarks.extract import load_articles
    from transforms.extract import build_tables, extract_articles

    docs = [d for d in load_gold() if d.half == "tune"]
    event_signals: dict[str, tuple[str, ...]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        build_raw(docs, corpus, GOLD_DIR, raw)
        articles = load_articles(raw)
        batches = [extract_articles(articles[i:i + 100]) for i in range(0, len(articles), 100)]
        tables = {**build_tables(batches, event_signals), "articles": articles}
        sysdocs = system_docs(tables, docs, raw)
    if table == "events":
        signals, key = event_signals, "event_id"
    else:
        signals, key = {c.commitment_id: c.signals for b in batches for c in b.commitments}, "commitment_id"
    rows = []
    for d in docs:
        result = score_doc(d, sysdocs[d.key]).results[table]
        matched = set(result.pairs.values())
        rows += [(signals.get(r[key], ()), i in matched, d.key) for i, r in enumerate(result.system)]
    return rows


def choose_l2(rows, grid=(0.3, 1.0, 3.0, 10.0, 30.0, 100.0), folds: int = 5, tolerance: float = 0.01) -> float:
    """The smallest penalty of the grid whose held-out log-loss, in folds of whole documents (a document's rows
    are never split between fitting and checking), is within `tolerance` of the best: where the loss is flat,
    the model that still tells rows apart, rather than one that gives every row the same confidence."""
    keys = sorted({k for _, _, k in rows})
    fold_of = {k: i % folds for i, k in enumerate(keys)}
    losses = {}
    for l2 in grid:
        loss = 0.0
        for f in range(folds):
            intercept, weights = fit([r for r in rows if fold_of[r[2]] != f], l2)
            for signals, ok, key in rows:
                if fold_of[key] == f:
                    p = min(1 - 1e-6, max(1e-6, probability(signals, intercept, weights)))
                    loss -= np.log(p if ok else 1 - p)
        losses[l2] = loss
    best = min(losses.values())
    return min(l2 for l2, loss in losses.items() if loss <= best * (1 + tolerance))


def fit(rows, l2: float) -> tuple[float, dict[str, float]]:
    """Intercept and weights of an L2-penalized logistic regression (Newton's method)."""
    names = sorted({s for signals, *_ in rows for s in signals})
    index = {n: i + 1 for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, 0] = 1.0
    for r, (signals, *_) in enumerate(rows):
        for s in set(signals):
            x[r, index[s]] = 1.0
    y = np.array([float(ok) for _, ok, *_ in rows])
    penalty = np.full(len(names) + 1, l2)
    penalty[0] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), {n: round(float(w[i]), 4) for n, i in index.items() if abs(w[i]) >= 1e-4}


def calibration(rows, intercept: float, weights: dict[str, float]) -> list[dict]:
    """Rows, share matched and mean confidence per confidence bin, as score_gold bins them."""
    probs = [(probability(s, intercept, weights), ok) for s, ok, *_ in rows]
    out = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(p, ok) for p, ok in probs if lo <= p < hi]
        if inside:
            out.append({"low": lo, "high": min(hi, 1.0), "rows": len(inside),
                        "matched": round(sum(ok for _, ok in inside) / len(inside), 3),
                        "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3)})
    return out


_MODULES = {"commitments": ("transforms.extract.commitments.confidence", "a commitment's", ""),
            "events": ("transforms.extract.event_confidence", "an event's", " --table events")}


def render(intercept: float, weights: dict[str, float], fitted: dict, bins: list[dict],
           table: str = "commitments") -> str:
    """The YAML text of the model file (comments say what it is and how to refit it)."""
    module, whose, option = _MODULES[table]
    lines = [f"# Confidence of {table} ({module}). Version with reference/VERSION.",
             f"# A logistic model over {whose} signals (the evidence its rule had): confidence =",
             "# 1 / (1 + exp(-(intercept + sum of the weights of its signals))); a signal without a weight",
             f"# weighs nothing. Written by benchmarks/fit_confidence.py{option} on the gold's tuning half (never",
             "# the sealed test half); do not edit by hand: refit after changing the rules.",
             f"intercept: {intercept:.4f}", "weights:"]
    lines += [f"  '{name}': {value}" for name, value in sorted(weights.items())]
    lines.append("fitted:")
    lines += [f"  {k}: {v!r}" if isinstance(v, str) else f"  {k}: {v}" for k, v in fitted.items()]
    lines.append("# Measured on the rows it was fitted on: share of rows matching a gold item per confidence bin.")
    lines.append("calibration:")
    lines += [f"  - {{low: {b['low']}, high: {b['high']}, rows: {b['rows']}, matched: {b['matched']}, "
              f"mean_confidence: {b['mean_confidence']}}}" for b in bins]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="the dev corpus folder (../shared/corpus/dev)")
    ap.add_argument("--table", choices=TABLES, default="commitments", help="whose confidence to fit")
    ap.add_argument("--l2", type=float, default=None,
                    help="L2 penalty of the weights (default: chosen by 5-fold cross-validation over documents)")
    ap.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    args = ap.parse_args(argv)
    rows = tuning_rows(args.corpus, args.table)
    l2 = args.l2 if args.l2 is not None else choose_l2(rows)
    intercept, weights = fit(rows, l2)
    bins = calibration(rows, intercept, weights)
    n = sum(b["rows"] for b in bins)
    ece = sum(b["rows"] * abs(b["matched"] - b["mean_confidence"]) for b in bins) / n if n else 0.0
    fitted = {"method": "logistic regression, L2 penalty (unless given: the smallest whose 5-fold held-out "
              "log-loss over documents is within 1% of the best), Newton's method", "l2": l2,
              "data": "gold tuning half (benchmarks/gold, score_gold matching)", "rows": len(rows),
              "matched": sum(ok for _, ok, _ in rows), "ece": round(ece, 3), "date": dt.date.today().isoformat()}
    text = render(intercept, weights, fitted, bins, args.table)
    out = REFERENCE / args.table / "confidence.yaml"
    if args.dry_run:
        print(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({len(rows)} rows, {len(weights)} weights, ECE {ece:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
