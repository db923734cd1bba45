"""Benchmark transforms.dates.resolve_date against dateparser on the date corpus (its `bench` rows).

Usage: .venv/bin/python benchmarks/dates.py [--repeat N] [--verbose] [--long]

Rows: reference/dates/corpus.tsv, the corpus tests/transforms/test_dates.py runs too; the
rows marked `bench` are typical news expressions, read without tense or anchor (dateparser
takes neither).

Scoring
* eventline is correct when start, end and precision all equal the expected values, or,
  for rows marked "none", when it returns None.
* dateparser returns one datetime, so it is scored leniently: for day-precision rows it is
  correct when its date equals the expected start; for coarser rows when its date falls
  within [start, end]; for "none" rows when it returns None. It gets the row's reference
  date as RELATIVE_BASE, which it needs for relative expressions.

Timing
* Both are timed warm in one process (imports and one warm-up pass excluded) over the same
  rows, best of --repeat passes. eventline keeps no result cache; dateparser is timed both
  as specified, dateparser.parse(expr, languages=["en"]), and with RELATIVE_BASE settings.
  The reported ratio uses the first (the specified call); the other ratio is printed too.
* --long also times find_dates on long texts without sentence punctuation (~200 KB each,
  one news phrase repeated): context look-ups are bounded to a window
  around each date, so these must run in time linear in the text (well under a second).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime

from transforms.dates import find_dates, resolve_date
from transforms.reference import rows as reference_rows


def load_rows() -> list[tuple]:
    """(expression, reference, start, end, precision) of the corpus's benchmark rows; None for non-dates."""
    return [(r.expression, r.reference, r.start, r.end, r.precision)
            for r in reference_rows("dates/corpus.tsv") if r.bench]


def score_eventline(row, value) -> bool:
    """Exact match of start, end and precision (or None for non-dates)."""
    _, _, start, end, precision = row
    if precision is None:
        return value is None
    return value is not None and (value.start, value.end, value.precision) == (start, end, precision)


def score_dateparser(row, value) -> bool:
    """Day rows: the date equals start; coarser rows: the date lies in [start, end]."""
    _, _, start, end, precision = row
    if precision is None:
        return value is None
    if value is None:
        return False
    d = value.date()
    return d == start if precision == "day" else start <= d <= end


def _time(fn, rows, repeat: int) -> float:
    """Best-of-repeat seconds per expression."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for row in rows:
            fn(row)
        best = min(best, time.perf_counter() - t0)
    return best / len(rows)


LONG_PHRASES = [
    "the minister said he will visit on Monday ",
    "sales rose 5% from a year ago in March ",
    "troops captured the town by June and ",
    "the company will report the first quarter and ",
    "In June, ",
]


def time_long_texts(size: int = 200_000) -> None:
    """Time find_dates on texts of one phrase repeated with no sentence end."""
    for phrase in LONG_PHRASES:
        text = phrase * (size // len(phrase))
        t0 = time.perf_counter()
        found = find_dates(text, "2023-05-02")
        dt = time.perf_counter() - t0
        print(f"long text {phrase.strip()!r:52} {len(text):7d} chars {len(found):6d} dates {dt:6.2f}s")


def main(argv=None) -> int:
    """Print accuracy of both resolvers, time per expression and the speed ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--verbose", action="store_true", help="list every eventline miss")
    ap.add_argument("--long", action="store_true", help="also time find_dates on long unpunctuated texts")
    args = ap.parse_args(argv)
    if args.long:
        time_long_texts()

    import dateparser  # the baseline only; never used by transforms.dates

    rows = load_rows()
    settings = [{"RELATIVE_BASE": datetime(r[1].year, r[1].month, r[1].day)} for r in rows]

    ours = [resolve_date(r[0], r[1]) for r in rows]
    theirs = [dateparser.parse(r[0], languages=["en"], settings=s) for r, s in zip(rows, settings)]
    ok_ours = [score_eventline(r, v) for r, v in zip(rows, ours)]
    ok_theirs = [score_dateparser(r, v) for r, v in zip(rows, theirs)]

    if args.verbose:
        for r, v, ok in zip(rows, ours, ok_ours):
            if not ok:
                got = f"{v.start}..{v.end} {v.precision}" if v else "None"
                print(f"MISS {r[0]!r} ref={r[1]} expected={r[2]}..{r[3]} {r[4]} got={got}")

    # Timing: eventline without any cache; dateparser as specified and with settings.
    indexed = list(zip(rows, settings))
    t_ours = _time(lambda rs: resolve_date(rs[0][0], rs[0][1]), indexed, args.repeat)
    t_dp = _time(lambda rs: dateparser.parse(rs[0][0], languages=["en"]), indexed, args.repeat)
    t_dp_rel = _time(lambda rs: dateparser.parse(rs[0][0], languages=["en"], settings=rs[1]), indexed,
                     max(1, args.repeat // 2))

    n = len(rows)
    print(f"expressions={n} (non-dates={sum(r[4] is None for r in rows)})")
    print(f"time per expression eventline={t_ours * 1e6:.1f}us dateparser={t_dp * 1e6:.1f}us "
          f"dateparser+RELATIVE_BASE={t_dp_rel * 1e6:.1f}us")
    print(f"speed ratio (with RELATIVE_BASE)={t_dp_rel / t_ours:.1f}x")
    print(f"accuracy eventline={sum(ok_ours) / n:.3f} dateparser={sum(ok_theirs) / n:.3f}")
    print(f"speed ratio={t_dp / t_ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
