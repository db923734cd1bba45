"""How a scorer prints: the score table, and each table's misses (with the nearest system row) and
false positives."""

from __future__ import annotations

from benchmarks.scoring.matching import Result
from benchmarks.scoring.rows import gold_anchors, types_compatible
from benchmarks.scoring.text import as_date, countries, norm_text, short


def print_scores(p, results: dict[str, Result]) -> None:
    """The P/R/F1 table (core items only, all gold), and the figures without restated duplicates."""
    p(f"{'':12} {'core only':48} all gold")
    for name, res in results.items():
        p(f"{name:12} {res.score(True).line():48} {res.score(False).line()}")
    ndup = {name: len(res.duplicates) for name, res in results.items() if res.duplicates}
    if ndup:
        p("\nrestatements emitted as extra rows (duplicates of a matched gold item): "
          + ", ".join(f"{k}={v}" for k, v in ndup.items()) + "; scores if they were not counted:")
        for name, res in results.items():
            if res.duplicates:
                p(f"{name:12} {res.score_without_duplicates(True).line():48} "
                  f"{res.score_without_duplicates(False).line()}")


def fmt_event_gold(g: dict) -> str:
    dates = f"{g.get('start')}..{g.get('end')}" if g.get("start") else "undated"
    return (f"{g['id']}{'' if g.get('core', True) else ' (non-core)'} {g.get('type')} "
            f"{sorted(countries(g.get('countries')))} {dates} {g.get('status')} "
            f"{g.get('name') or ''} {g.get('anchors', [''])[0]!r}")


def fmt_event_row(r: dict) -> str:
    return (f"{r.get('event_type')} {sorted(countries(r.get('countries')))} "
            f"{r.get('start_date')}..{r.get('end_date')} {r.get('status')} "
            f"name={r.get('name')!r} | {short(r.get('evidence'))}")


def fmt_commit_gold(g: dict) -> str:
    return (f"{g['id']}{'' if g.get('core', True) else ' (non-core)'} {g.get('modality')} "
            f"{sorted(countries(g.get('parties')))} {g.get('action')!r} {g.get('anchor')!r}")


def fmt_commit_row(r: dict) -> str:
    return (f"{r.get('modality')} {sorted(countries(r.get('parties')))} "
            f"actor={r.get('actor_text')!r} action={r.get('action')!r} | "
            f"{short(r.get('description') or r.get('evidence'))}")


def nearest_event(g: dict, rows: list[dict], used: set[int]) -> str | None:
    best, best_sc = None, 0.0
    gc = countries(g.get("countries"))
    for si, r in enumerate(rows):
        rc = countries(r.get("countries"))
        sc = (len(gc & rc) / len(gc | rc) if gc | rc else 0.0) + \
             (0.5 if types_compatible(g, r.get("event_type")) else 0.0)
        if sc > best_sc:
            best, best_sc = si, sc
    if best is None or best_sc < 0.5:
        return None
    tag = "taken" if best in used else "free"
    return f"nearest ({tag}): {fmt_event_row(rows[best])}"


def nearest_commitment(g: dict, rows: list[dict], used: set[int]) -> str | None:
    anchors = gold_anchors(g)
    for si, r in enumerate(rows):
        desc, evid = norm_text(r.get("description")), norm_text(r.get("evidence"))
        if any(a in desc or a in evid for a in anchors):
            tag = "taken" if si in used else "free"
            return f"anchor found in row ({tag}): {fmt_commit_row(r)}"
    return None


def print_misses_and_fps(p, label: str, res: Result, fmt_gold, fmt_row, nearest) -> None:
    """Missed gold items (with the nearest system row) and false positives of one table."""
    used = set(res.pairs.values())
    p(f"\n== {label}: missed gold")
    for gi in res.missed():
        g = res.gold[gi]
        p(f"  MISS {fmt_gold(g)}")
        near = nearest(g, res.system, used)
        if near:
            p(f"       {near}")
    p(f"== {label}: false positives")
    for si in res.false_positives():
        dup = res.duplicates.get(si)
        tag = f" [duplicate of {res.gold[dup]['id']}]" if dup is not None else ""
        p(f"  FP{tag} {fmt_row(res.system[si])}")


def print_event_differences(p, ev: Result) -> None:
    """Attributes of matched event pairs that differ from the gold (type, status, countries, dates, ...)."""
    p("== events: attribute differences on matched pairs")
    for gi, si in sorted(ev.pairs.items()):
        g, r = ev.gold[gi], ev.system[si]
        diffs = []
        if r.get("event_type") != g.get("type"):
            diffs.append(f"type {r.get('event_type')}!={g.get('type')}")
        if r.get("status") != g.get("status"):
            diffs.append(f"status {r.get('status')}!={g.get('status')}")
        if countries(r.get("countries")) != countries(g.get("countries")):
            diffs.append(f"countries {sorted(countries(r.get('countries')))}")
        if g.get("start") and (as_date(r.get("start_date")), as_date(r.get("end_date"))) != \
                (as_date(g.get("start")), as_date(g.get("end"))):
            diffs.append(f"dates {r.get('start_date')}..{r.get('end_date')} != {g.get('start')}..{g.get('end')}")
        if not g.get("start") and r.get("start_date"):
            diffs.append(f"dates {r.get('start_date')}..{r.get('end_date')} (gold undated)")
        if g.get("precision") and r.get("date_precision") != g.get("precision"):
            diffs.append(f"precision {r.get('date_precision')}!={g.get('precision')}")
        if g.get("name") and norm_text(r.get("name")) != norm_text(g.get("name")):
            diffs.append(f"name {r.get('name')!r}")
        if g.get("location") and norm_text(g["location"]) not in norm_text(r.get("location")):
            diffs.append(f"location {r.get('location')!r}!={g['location']!r}")
        if diffs:
            p(f"  {g['id']}: " + "; ".join(diffs))


def print_people(p, pe: Result) -> None:
    """Missed gold people, false positives, and matched people whose country differs."""
    p("\n== people: missed gold")
    for gi in pe.missed():
        p(f"  MISS {pe.gold[gi]['name']} ({pe.gold[gi].get('country')})")
    p("== people: false positives")
    for si in pe.false_positives():
        r = pe.system[si]
        dup = pe.duplicates.get(si)
        tag = f" [duplicate of {pe.gold[dup]['name']}]" if dup is not None else ""
        p(f"  FP{tag} {r['name']!r} country={r.get('country')} ({r['table']})")
    for gi, si in sorted(pe.pairs.items()):
        g, r = pe.gold[gi], pe.system[si]
        if r.get("country") and g.get("country") and r["country"] != g["country"]:
            p(f"  country differs: {g['name']} {r['country']}!={g['country']}")
