"""Score eventline's curated tables for the seed article against the hand-made gold.

    .venv/bin/python benchmarks/score_seed.py CURATED_DIR [--gold benchmarks/seed_gold.yaml] [--no-details]

The matching and the report are shared with other scorers (benchmarks/scoring/).

CURATED_DIR is the `--curated` folder of `eventline run --raw /work/shared/corpus/seed ...`;
the tables events, participants, entities, commitments (and articles, for the count) are
read with pyarrow.dataset.  A missing table counts as empty.  The gold and its annotation
guidelines are in benchmarks/seed_gold.yaml.

Precision / recall / F1 are printed for events, people and commitments twice:

* all gold  -- every gold item counts;
* core only -- only gold items marked `core: true` count; a system row matched to a
  non-core (borderline) gold item, or duplicating one (see below), is neither a true nor
  a false positive.

Matching (one-to-one, greedy: all compatible (gold, system) pairs are scored, then taken
best score first; every pair is decided once, on all gold, and the core-only figures are
derived from that one matching):

events
    A system `events` row matches a gold event when
    * the type is compatible: equal, or one of the pairs talks~meeting, meeting~summit,
      or listed in the gold item's `type_alt`;
    * the countries are equal (gold `countries` or any of `countries_alt`); when the gold
      event is multilateral (3 or more countries) a Jaccard similarity >= 0.8 suffices;
    * the dates overlap, when both sides have dates (gold start..end vs system
      start_date..end_date; a missing end is taken as the start).
    Pair score: +1 exact type, +1 exact countries, +0.5 dates on both sides, +0.1 core.
    Status, precision and location are not matching criteria; mismatches on matched
    pairs are listed as diagnostics.

people
    The distinct person names of the system are the `name` of `entities` rows and of
    `participants` rows whose entity_type is `person` (union; names that normalise to
    the same key are one).  A system name matches a gold person when its normalised form
    equals the normalised gold name or one of the gold `aliases`.  Normalisation:
    NFKD ASCII folding, casefold, hyphens/apostrophes/dots -> space, whitespace
    collapsed.  A second system name matching an already matched gold person (e.g. two
    spellings kept as two entities) is a false positive.

commitments
    A system `commitments` row matches a gold commitment when
    * its parties (as a set) equal the gold `parties` or one of `parties_alt`;
    * its modality equals the gold `modality` or one of `modality_alt`;
    * the gold anchor phrase (`anchor` or one of `anchors_alt`) occurs in the row's
      description or evidence, OR the gold action lemma occurs there (as a word prefix,
      e.g. "support" in "supports", "step up" in "stepping up") or equals the row's
      `action`.  Text comparison is casefolded, ASCII-folded, with typographic quotes
      unified, whitespace collapsed and spaces around hyphens removed.
    Pair score: anchor in description 3, anchor in evidence 2, action only 1; +0.5
    primary parties, +0.5 primary modality, +0.1 core.  So a row whose own clause
    carries the anchor wins over a row that merely shares the sentence.
    A system row left unmatched that would have matched a gold item already taken is
    reported as a "duplicate" false positive (the table is one row per commitment).

Misses (with the nearest system row when there is one) and false positives are printed
after the scores unless --no-details is given; --pairs prints every matched pair.  When
the system emits restatements (e.g. the blog summary repeating a readout) as extra rows,
the scores without those duplicate rows are printed too, for information only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.scoring import Result, load_tables, match_commitments, match_events, match_people, system_people
from benchmarks.scoring.report import (
    fmt_commit_gold, fmt_commit_row, fmt_event_gold, fmt_event_row, nearest_commitment, nearest_event,
    print_event_differences, print_misses_and_fps, print_people, print_scores,
)

DEFAULT_GOLD = Path(__file__).resolve().parent / "seed_gold.yaml"


def load_gold(path: str | Path) -> dict[str, Any]:
    """The seed gold (events, people, commitments), each item with an id and a core flag."""
    with open(path, encoding="utf-8") as fh:
        gold = yaml.safe_load(fh) or {}
    for key in ("events", "people", "commitments"):
        gold.setdefault(key, [])
        for i, item in enumerate(gold[key]):
            item.setdefault("id", f"{key[0].upper()}{i + 1:02d}")
            item.setdefault("core", True)
    return gold


def score_all(tables: dict[str, list[dict]], gold: dict) -> dict[str, Result]:
    """The one-to-one matching of each gold list with its system rows."""
    return {
        "events": match_events(gold["events"], tables.get("events", [])),
        "people": match_people(gold["people"], system_people(tables)),
        "commitments": match_commitments(gold["commitments"], tables.get("commitments", [])),
    }


def report(tables: dict[str, list[dict]], gold: dict, results: dict[str, Result],
           details: bool = True, show_pairs: bool = False, out=None) -> None:
    """Print the counts, the score table and (details) every miss and false positive."""
    out = out or sys.stdout
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p(f"articles={len(tables.get('articles', []))} events={len(tables.get('events', []))} "
      f"commitments={len(tables.get('commitments', []))} "
      f"people(system)={len(results['people'].system)}")
    p(f"gold: events {sum(g.get('core', True) for g in gold['events'])}/{len(gold['events'])}, "
      f"people {sum(g.get('core', True) for g in gold['people'])}/{len(gold['people'])}, "
      f"commitments {sum(g.get('core', True) for g in gold['commitments'])}/"
      f"{len(gold['commitments'])} (core/all)")
    p("")
    print_scores(p, results)
    if show_pairs:
        p("\n== matched pairs")
        for key, fmt_gold, fmt_row in (("events", fmt_event_gold, fmt_event_row),
                                       ("commitments", fmt_commit_gold, fmt_commit_row)):
            res = results[key]
            for gi, si in sorted(res.pairs.items()):
                p(f"  {fmt_gold(res.gold[gi])}\n      = {fmt_row(res.system[si])}")
    if not details:
        return
    print_misses_and_fps(p, "events", results["events"], fmt_event_gold, fmt_event_row, nearest_event)
    print_event_differences(p, results["events"])
    print_people(p, results["people"])
    print_misses_and_fps(p, "commitments", results["commitments"], fmt_commit_gold, fmt_commit_row,
                         nearest_commitment)


def main(argv: list[str] | None = None) -> int:
    """Score a curated folder against the seed gold and print the report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("curated", help="curated folder written by `eventline run` on the seed folder")
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--no-details", action="store_true", help="print the scores only")
    ap.add_argument("--pairs", action="store_true", help="also print every matched gold/system pair")
    args = ap.parse_args(argv)
    if not Path(args.curated).is_dir():
        print(f"not a folder: {args.curated}", file=sys.stderr)
        return 2
    tables = load_tables(args.curated)
    gold = load_gold(args.gold)
    report(tables, gold, score_all(tables, gold), details=not args.no_details,
           show_pairs=args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
