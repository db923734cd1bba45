"""Time budgets: work past its budget is stopped in its own thread; work within it is untouched."""

import threading
import time

import pytest

from flows.budget import OverBudget, time_budget


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_work_past_its_budget_is_stopped():
    started = time.monotonic()
    with pytest.raises(OverBudget):
        with time_budget(0.1):
            _spin(5)
    assert time.monotonic() - started < 4  # stopped long before the 5 s of work, with room for load


def test_work_within_its_budget_finishes_and_leaves_nothing_pending():
    with time_budget(1):
        _spin(0.01)
    _spin(1.2)  # a stale deadline would fire here


def test_a_broad_except_does_not_swallow_it():
    with pytest.raises(OverBudget):
        with time_budget(0.1):
            try:
                _spin(5)
            except Exception:  # noqa: BLE001 - what extraction code does around a rule
                pass
            _spin(5)


def test_budgets_in_other_threads_are_independent():
    results = {}

    def work(name, spin, budget):
        try:
            with time_budget(budget):
                _spin(spin)
            results[name] = "done"
        except OverBudget:
            results[name] = "stopped"

    threads = [threading.Thread(target=work, args=("slow", 5, 0.2)),
               threading.Thread(target=work, args=("fast", 0.05, 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {"slow": "stopped", "fast": "done"}


def test_no_budget_means_none():
    with time_budget(None):
        _spin(0.01)
