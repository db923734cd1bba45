"""Score eventline's curated tables for the seed article against the hand-made gold.

    .venv/bin/python benchmarks/score_seed.py CURATED_DIR [--gold benchmarks/seed_gold.yaml] [--no-details]

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
import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_GOLD = Path(__file__).resolve().parent / "seed_gold.yaml"
TABLES = ("articles", "events", "participants", "entities", "commitments")
COMPATIBLE_TYPES = {frozenset({"talks", "meeting"}), frozenset({"meeting", "summit"})}
MULTILATERAL_JACCARD = 0.8


# --------------------------------------------------------------------------- loading

def load_tables(curated: str | Path) -> dict[str, list[dict]]:
    """Rows (as dicts) of each curated table; a missing table is an empty list."""
    import pyarrow.dataset as ds

    curated = Path(curated)
    out: dict[str, list[dict]] = {}
    for name in TABLES:
        path = curated / name
        if not path.exists() or not any(p.suffix == ".parquet" for p in path.rglob("*")):
            out[name] = []
            continue
        out[name] = ds.dataset(str(path), format="parquet").to_table().to_pylist()
    return out


def load_gold(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        gold = yaml.safe_load(fh) or {}
    for key in ("events", "people", "commitments"):
        gold.setdefault(key, [])
        for i, item in enumerate(gold[key]):
            item.setdefault("id", f"{key[0].upper()}{i + 1:02d}")
            item.setdefault("core", True)
    return gold


# --------------------------------------------------------------------------- text utils

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2015": "-"})


def norm_text(s: str | None) -> str:
    """Casefolded, ASCII-folded text with unified quotes, no space around hyphens."""
    if not s:
        return ""
    s = s.translate(_QUOTES)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def norm_name(s: str | None) -> str:
    """Key for person-name comparison."""
    s = norm_text(s)
    s = re.sub(r"[-'.,`]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def lemma_pattern(lemma: str) -> re.Pattern:
    """Regex matching an action lemma as word prefixes ("step up" ~ "stepping up")."""
    words = norm_text(lemma).split()
    stems = [w[:-1] if w.endswith("e") and len(w) > 3 else w for w in words]
    return re.compile(r"\b" + r"\w*\s+".join(re.escape(s) for s in stems) + r"\w*")


def _countries(value) -> frozenset[str]:
    return frozenset(str(c).strip().upper() for c in (value or []) if c)


def _date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _short(s: str | None, n: int = 110) -> str:
    s = re.sub(r"\s+", " ", s or "").strip()
    return s if len(s) <= n else s[: n - 3] + "..."


# --------------------------------------------------------------------------- scoring core

@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn})")


@dataclass
class Result:
    """One-to-one matching of a gold list against system rows."""
    gold: list[dict]
    system: list[dict]
    pairs: dict[int, int] = field(default_factory=dict)          # gold index -> system index
    duplicates: dict[int, int] = field(default_factory=dict)     # unmatched system idx -> gold idx

    def score(self, core_only: bool) -> Score:
        s = Score()
        matched_sys = set(self.pairs.values())
        for gi, g in enumerate(self.gold):
            if core_only and not g.get("core", True):
                continue
            if gi in self.pairs:
                s.tp += 1
            else:
                s.fn += 1
        if core_only:
            ignored = {si for gi, si in self.pairs.items() if not self.gold[gi].get("core", True)}
            ignored |= {si for si, gi in self.duplicates.items() if not self.gold[gi].get("core", True)}
        else:
            ignored = set()
        s.fp = sum(1 for si in range(len(self.system)) if si not in matched_sys and si not in ignored)
        return s

    def score_without_duplicates(self, core_only: bool) -> Score:
        """Like score(), but unmatched rows that duplicate a matched gold item are not counted."""
        s = self.score(core_only)
        dups = [si for si, gi in self.duplicates.items()
                if not core_only or self.gold[gi].get("core", True)]
        s.fp -= len(dups)
        return s

    def missed(self) -> list[int]:
        return [gi for gi in range(len(self.gold)) if gi not in self.pairs]

    def false_positives(self) -> list[int]:
        matched = set(self.pairs.values())
        return [si for si in range(len(self.system)) if si not in matched]


def greedy(gold: list[dict], system: list[dict], pair_score) -> Result:
    """Take compatible pairs best-first; pair_score returns None when incompatible."""
    cands = []
    compatible: dict[int, list[int]] = {}
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            sc = pair_score(g, s)
            if sc is None:
                continue
            sc += 0.1 if g.get("core", True) else 0.0
            cands.append((-sc, gi, si))
            compatible.setdefault(si, []).append((-sc, gi))
    cands.sort()
    res = Result(gold, system)
    used_sys: set[int] = set()
    for _, gi, si in cands:
        if gi in res.pairs or si in used_sys:
            continue
        res.pairs[gi] = si
        used_sys.add(si)
    for si, gis in compatible.items():
        if si not in used_sys:
            res.duplicates[si] = min(gis)[1]     # best-scoring gold item it would have matched
    return res


# --------------------------------------------------------------------------- events

def types_compatible(gold: dict, sys_type: str | None) -> bool:
    gt = gold.get("type")
    if sys_type is None:
        return False
    if sys_type == gt or sys_type in (gold.get("type_alt") or []):
        return True
    return frozenset({gt, sys_type}) in COMPATIBLE_TYPES


def countries_match(gold: dict, sys_countries: frozenset[str]) -> tuple[bool, bool]:
    """(match, exact) for gold countries (+ countries_alt) against a system set."""
    options = [_countries(gold.get("countries"))] + [_countries(c) for c in gold.get("countries_alt") or []]
    if sys_countries in options:
        return True, sys_countries == options[0]
    main = options[0]
    if len(main) >= 3 and sys_countries:
        jac = len(main & sys_countries) / len(main | sys_countries)
        if jac >= MULTILATERAL_JACCARD:
            return True, False
    return False, False


def dates_overlap(gold: dict, row: dict) -> tuple[bool, bool]:
    """(compatible, both dated)."""
    gs, ge = _date(gold.get("start")), _date(gold.get("end"))
    ss, se = _date(row.get("start_date")), _date(row.get("end_date"))
    ge = ge or gs
    se = se or ss
    if gs is None or ss is None:
        return True, False
    return (gs <= se and ss <= ge), True


def event_pair_score(gold: dict, row: dict) -> float | None:
    if not types_compatible(gold, row.get("event_type")):
        return None
    ok, exact_c = countries_match(gold, _countries(row.get("countries")))
    if not ok:
        return None
    ok, dated = dates_overlap(gold, row)
    if not ok:
        return None
    return (1.0 if row.get("event_type") == gold.get("type") else 0.0) + (1.0 if exact_c else 0.0) \
        + (0.5 if dated else 0.0)


def match_events(gold: list[dict], rows: list[dict]) -> Result:
    return greedy(gold, rows, event_pair_score)


# --------------------------------------------------------------------------- people

def system_people(tables: dict[str, list[dict]]) -> list[dict]:
    """Distinct person names from entities and participants (first spelling kept)."""
    seen: dict[str, dict] = {}
    for table in ("entities", "participants"):
        for row in tables.get(table, []):
            if row.get("entity_type") != "person" or not row.get("name"):
                continue
            key = norm_name(row["name"])
            if key and key not in seen:
                seen[key] = {"name": row["name"], "country": row.get("country"), "table": table}
    return list(seen.values())


def person_pair_score(gold: dict, row: dict) -> float | None:
    key = norm_name(row.get("name"))
    if key == norm_name(gold.get("name")):
        return 1.0
    if key in {norm_name(a) for a in gold.get("aliases") or []}:
        return 0.5
    return None


def match_people(gold: list[dict], rows: list[dict]) -> Result:
    return greedy(gold, rows, person_pair_score)


# --------------------------------------------------------------------------- commitments

def _anchors(gold: dict) -> list[str]:
    out = [gold.get("anchor")] + list(gold.get("anchors_alt") or [])
    return [norm_text(a) for a in out if a]


def text_evidence(gold: dict, row: dict) -> float:
    """3 anchor in description, 2 anchor in evidence, 1 action only, 0 nothing."""
    desc, evid = norm_text(row.get("description")), norm_text(row.get("evidence"))
    anchors = _anchors(gold)
    if any(a in desc for a in anchors):
        return 3.0
    if any(a in evid for a in anchors):
        return 2.0
    action = gold.get("action")
    if action:
        if norm_text(row.get("action")) == norm_text(action):
            return 1.0
        pat = lemma_pattern(action)
        if pat.search(desc) or pat.search(evid):
            return 1.0
    return 0.0


def commitment_pair_score(gold: dict, row: dict) -> float | None:
    parties = _countries(row.get("parties"))
    main = _countries(gold.get("parties"))
    alts = [_countries(p) for p in gold.get("parties_alt") or []]
    if parties != main and parties not in alts:
        return None
    modality = row.get("modality")
    if modality != gold.get("modality") and modality not in (gold.get("modality_alt") or []):
        return None
    t = text_evidence(gold, row)
    if t == 0.0:
        return None
    return t + (0.5 if parties == main else 0.0) + (0.5 if modality == gold.get("modality") else 0.0)


def match_commitments(gold: list[dict], rows: list[dict]) -> Result:
    return greedy(gold, rows, commitment_pair_score)


# --------------------------------------------------------------------------- report

def score_all(tables: dict[str, list[dict]], gold: dict) -> dict[str, Result]:
    return {
        "events": match_events(gold["events"], tables.get("events", [])),
        "people": match_people(gold["people"], system_people(tables)),
        "commitments": match_commitments(gold["commitments"], tables.get("commitments", [])),
    }


def _fmt_event_gold(g: dict) -> str:
    dates = f"{g.get('start')}..{g.get('end')}" if g.get("start") else "undated"
    return (f"{g['id']}{'' if g.get('core', True) else ' (non-core)'} {g.get('type')} "
            f"{sorted(_countries(g.get('countries')))} {dates} {g.get('status')} "
            f"{g.get('name') or ''} {g.get('anchors', [''])[0]!r}")


def _fmt_event_row(r: dict) -> str:
    return (f"{r.get('event_type')} {sorted(_countries(r.get('countries')))} "
            f"{r.get('start_date')}..{r.get('end_date')} {r.get('status')} "
            f"name={r.get('name')!r} | {_short(r.get('evidence'))}")


def _fmt_commit_gold(g: dict) -> str:
    return (f"{g['id']}{'' if g.get('core', True) else ' (non-core)'} {g.get('modality')} "
            f"{sorted(_countries(g.get('parties')))} {g.get('action')!r} {g.get('anchor')!r}")


def _fmt_commit_row(r: dict) -> str:
    return (f"{r.get('modality')} {sorted(_countries(r.get('parties')))} "
            f"actor={r.get('actor_text')!r} action={r.get('action')!r} | "
            f"{_short(r.get('description') or r.get('evidence'))}")


def _nearest_event(g: dict, rows: list[dict], used: set[int]) -> str | None:
    best, best_sc = None, 0.0
    gc = _countries(g.get("countries"))
    for si, r in enumerate(rows):
        rc = _countries(r.get("countries"))
        sc = (len(gc & rc) / len(gc | rc) if gc | rc else 0.0) + \
             (0.5 if types_compatible(g, r.get("event_type")) else 0.0)
        if sc > best_sc:
            best, best_sc = si, sc
    if best is None or best_sc < 0.5:
        return None
    tag = "taken" if best in used else "free"
    return f"nearest ({tag}): {_fmt_event_row(rows[best])}"


def _nearest_commitment(g: dict, rows: list[dict], used: set[int]) -> str | None:
    anchors = _anchors(g)
    for si, r in enumerate(rows):
        desc, evid = norm_text(r.get("description")), norm_text(r.get("evidence"))
        if any(a in desc or a in evid for a in anchors):
            tag = "taken" if si in used else "free"
            return f"anchor found in row ({tag}): {_fmt_commit_row(r)}"
    return None


def _print_misses_and_fps(p, label: str, res: Result, fmt_gold, fmt_row, nearest) -> None:
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


def report(tables: dict[str, list[dict]], gold: dict, results: dict[str, Result],
           details: bool = True, show_pairs: bool = False, out=None) -> None:
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
    if show_pairs:
        p("\n== matched pairs")
        for key, fmt_gold, fmt_row in (("events", _fmt_event_gold, _fmt_event_row),
                                       ("commitments", _fmt_commit_gold, _fmt_commit_row)):
            res = results[key]
            for gi, si in sorted(res.pairs.items()):
                p(f"  {fmt_gold(res.gold[gi])}\n      = {fmt_row(res.system[si])}")
    if not details:
        return

    ev = results["events"]
    rows = ev.system
    _print_misses_and_fps(p, "events", ev, _fmt_event_gold, _fmt_event_row, _nearest_event)
    p("== events: attribute differences on matched pairs")
    for gi, si in sorted(ev.pairs.items()):
        g, r = ev.gold[gi], rows[si]
        diffs = []
        if r.get("event_type") != g.get("type"):
            diffs.append(f"type {r.get('event_type')}!={g.get('type')}")
        if r.get("status") != g.get("status"):
            diffs.append(f"status {r.get('status')}!={g.get('status')}")
        if _countries(r.get("countries")) != _countries(g.get("countries")):
            diffs.append(f"countries {sorted(_countries(r.get('countries')))}")
        if g.get("start") and (_date(r.get("start_date")), _date(r.get("end_date"))) != \
                (_date(g.get("start")), _date(g.get("end"))):
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

    pe = results["people"]
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

    _print_misses_and_fps(p, "commitments", results["commitments"], _fmt_commit_gold, _fmt_commit_row,
                          _nearest_commitment)


def main(argv: list[str] | None = None) -> int:
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
