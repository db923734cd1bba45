"""Why rows do not match: counts of near misses by the one criterion that failed.

The sealed test half may only be looked at in total. Totals of *kinds* of error are still
totals: they say whether the gap between the halves is one of dates, countries, types,
parties or of rows not found at all, without listing a single item. `anatomy` counts, per
half, for every unmatched core gold item the first criterion whose relaxing alone would
have matched it to an unmatched system row of the same document, and for every unmatched
system row whether it duplicates a matched gold item, is such a near miss, or matches
nothing (spurious, counted by type or modality).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

Criteria = dict[str, Callable[[dict, dict], bool]]


def _first_near(g: dict, candidates: list[tuple[int, dict]], criteria: Criteria) -> tuple[str, int] | None:
    """The criterion that alone kept g from one of the candidates (checked in the criteria's order)."""
    for name in criteria:
        others = [c for c in criteria if c != name]
        for si, s in candidates:
            if not criteria[name](g, s) and all(criteria[o](g, s) for o in others):
                return name, si
    return None


def set_difference_kind(gold: set, system: set) -> str:
    """How a system set of countries or parties differs from the gold one."""
    if system < gold:
        return f"missing {len(gold - system)}" + (" (system empty)" if not system else "")
    if system > gold:
        return f"extra {len(system - gold)}"
    return "swapped" if len(system) == len(gold) else "mixed"


def anatomy_of(result, criteria: Criteria, kind_of: Callable[[dict], str],
               gold_kind: Callable[[dict], str], explain: Callable[[str, dict, dict], str] | None = None) -> Counter:
    """Error counts of one document's matching (a scoring.matching.Result)."""
    out: Counter = Counter()
    used = set(result.pairs.values())
    free = [(si, s) for si, s in enumerate(result.system) if si not in used]
    near_sys: set[int] = set()
    for gi, g in enumerate(result.gold):
        if gi in result.pairs or not g.get("core", True):
            continue
        near = _first_near(g, [(si, s) for si, s in free if si not in near_sys], criteria)
        if near:
            why = explain(near[0], g, result.system[near[1]]) if explain else ""
            out[f"miss: only {near[0]} wrong" + (f" ({why})" if why else "")] += 1
            near_sys.add(near[1])
        else:
            out[f"miss: not found ({gold_kind(g)})"] += 1
    ignored = {si for si, gi in result.duplicates.items() if not result.gold[gi].get("core", True)}
    ignored |= {si for gi, si in result.pairs.items() if not result.gold[gi].get("core", True)}
    for si, s in free:
        if si in ignored:
            continue
        if si in near_sys:
            out["fp: near miss (above)"] += 1
        elif si in result.duplicates:
            out["fp: duplicate of a found item"] += 1
        else:
            out[f"fp: spurious ({kind_of(s)})"] += 1
    return out


def print_anatomy(results, sections: dict[str, tuple], out) -> None:
    """Both halves' error counts, section by section (totals only)."""
    for half in ("tune", "test"):
        print(f"\n== error anatomy, {'TUNING' if half == 'tune' else 'SEALED TEST'} half (core, counts only) ==",
              file=out)
        for section, (criteria, kind_of, gold_kind, explain) in sections.items():
            total: Counter = Counter()
            for r in results:
                if r.doc.half == half:
                    total += anatomy_of(r.results[section], criteria, kind_of, gold_kind, explain)
            print(f"  {section}:", file=out)
            for k, v in sorted(total.items(), key=lambda kv: (kv[0][:2], -kv[1], kv[0])):
                print(f"    {v:4d}  {k}", file=out)
