"""The confidence of an event row: a probability read from the evidence of its tellings.

An event's signals say what its rows were built from: its type (`type:meeting`), how many countries
and named people take part (`countries:1`, `people:2`: an encounter with one side only is often half
read), how its date was found (`precision:day`, `rank:3`: explicit, relative, inferred or none), its
status, whether it has a name (`named`), was told in the title or as the release's own event
(`told:headline`, `told:frame`), in several different sentences (`tellings:several`), and the
strength of its best telling's rule (`evidence:0.90`, the mention's own confidence in steps of 0.05).
reference/events/confidence.yaml holds a logistic model over them (an intercept and a weight per
signal), fitted on the gold's tuning half by `benchmarks/fit_confidence.py --table events`, with the
calibration it measured; a signal the model has no weight for weighs nothing.
"""

from __future__ import annotations

from functools import lru_cache

from transforms.extract.commitments.confidence import probability
from transforms.extract.records import EventMention
from transforms.reference import load


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, float]]:
    data = load("events/confidence.yaml")
    return data.intercept, dict(data.weights)


def event_signals(ms: list[EventMention], event_type: str, countries: list[str], precision: str | None,
                  status: str, name: str | None, tellings: int) -> tuple[str, ...]:
    """The evidence an event row was built from (the module's docstring lists the signals)."""
    people = {p.name for m in ms for p in m.participants if p.entity_type == "person"}
    best = max(m.confidence for m in ms)
    signals = [f"type:{event_type}", f"countries:{min(len(countries), 3)}", f"people:{min(len(people), 2)}",
               f"precision:{precision or 'none'}", f"rank:{max(m.date_rank for m in ms)}", f"status:{status}",
               f"evidence:{int(best * 20 + 1e-9) / 20:.2f}"]
    if name:
        signals.append("named")
    if any(m.headline for m in ms):
        signals.append("told:headline")
    if any(m.frame for m in ms):
        signals.append("told:frame")
    if tellings > 1:
        signals.append("tellings:several")
    return tuple(signals)


def event_confidence(signals: tuple[str, ...]) -> float:
    """The calibrated probability that an event row with these signals is right (ANNOTATION.md), in [0.01, 0.99]."""
    intercept, weights = _model()
    return round(min(0.99, max(0.01, probability(signals, intercept, weights))), 3)


__all__ = ["event_confidence", "event_signals"]
