"""Score eventline against the gold of benchmarks/gold/: tuning half and sealed test half.

    python -m benchmarks.score_gold --corpus /work/shared/corpus/dev [--curated DIR] [--details]

The gold (benchmarks/gold/README.md) holds documents of three parts: a random sample of the
dev corpus (dev/), releases in other house styles (releases/) and wire-news paragraphs
(news/), written and annotated by people who had not seen the rules. Each document falls
in the tuning half or the sealed test half by a hash of its key (`half_of`). Tune on the
first; only ever look at the second's totals.

Without --curated the script lays the gold documents out in a temporary raw folder
(`build_raw`), runs the pipeline's pure transforms on it in this process (ingest ->
articles -> extract -> merge; no Prefect, no validation) and scores the tables. With
--curated DIR it scores the output of a real `eventline run --raw RAW` on a folder laid
out by `--make-raw RAW`.

Matching, per document, one-to-one, best pairs first (see `match`):

events   type compatible (equal, talks~meeting, meeting~summit, or the gold `type_alt`);
         countries equal to the gold set or one of `countries_alt` (Jaccard >= 0.8 when the
         gold set has 3 or more); when the gold event is dated, the system's dates must
         overlap it, allowing one day either side (publication time zones); an undated
         gold event accepts any date. The system events of a document are those with a
         mention in it.
people   person participants of the document's events, canonical names compared
         casefolded, ASCII-folded, punctuation-free and order-free (token sets), against the
         gold name and aliases.
commitments  parties equal (or `parties_alt`), modality equal (or `modality_alt`), and the
         text agrees: the gold anchor occurs in the evidence, or at least half of the gold
         keywords occur in it (as word prefixes), or the action lemma equals the row's.

Scores are given for core gold items (a system row matched to a borderline item counts
neither way) and for all gold items. News paragraphs are also scored by class: the share
of paragraphs reporting a meeting (`consult`) where a meeting-type event was found, the
same for agreements/pledges (`agree`), and false alarms: paragraphs reporting only
threats, protests, attacks, sanctions or other news where a meeting or an
agreement/pledge was output that matches no gold item. Calibration: the system's
confidence in bins against the share of its rows that match a gold item.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from benchmarks.scoring.anatomy import print_anatomy, set_difference_kind
from benchmarks.scoring.matching import Result, Score, greedy
from benchmarks.scoring.text import as_date as _date
from benchmarks.scoring.text import countries as _set
from benchmarks.scoring.text import norm_text

GOLD_DIR = Path(__file__).resolve().parent / "gold"
COMPATIBLE_TYPES = {frozenset({"talks", "meeting"}), frozenset({"meeting", "summit"})}
CONSULT_TYPES = {"talks", "meeting", "summit", "visit", "phone_call"}
AGREE_MODALITIES = {"pledge", "agreement", "support"}
NEGATIVE_CLASSES = {"threat", "protest", "attack", "sanction", "other"}
DATE_SLACK = dt.timedelta(days=1)
PARTS = ("dev", "releases", "news")


def half_of(key: str) -> str:
    """'tune' or 'test': a fixed hash of the document key decides, never the content."""
    return "tune" if int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


# ------------------------------------------------------------------------------ gold

@dataclass
class GoldDoc:
    key: str  # "dev/state/x.html", "releases/x.md", "news/wire-a.jsonl#w001"
    part: str
    half: str
    data: dict[str, Any]

    @property
    def raw_path(self) -> str:
        """Path of the document in the raw folder laid out by build_raw."""
        return self.key.split("#", 1)[0]

    @property
    def record_id(self) -> str | None:
        return self.key.split("#", 1)[1] if "#" in self.key else None


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldDoc]:
    """Every annotated document under gold_dir/annotations (one YAML per document or `docs:` lists)."""
    docs: list[GoldDoc] = []
    for path in sorted((gold_dir / "annotations").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        part = path.relative_to(gold_dir / "annotations").parts[0]
        for item in data.get("docs", [data]):
            key = item["doc"]
            if part == "dev":
                key = f"dev/{key}"
            for section in ("events", "people", "commitments"):
                item[section] = item.get(section) or []
                for g in item[section]:
                    g.setdefault("core", True)
            docs.append(GoldDoc(key, part, half_of(key), item))
    return docs


def build_raw(docs: list[GoldDoc], corpus: Path | None, gold_dir: Path, out: Path) -> None:
    """Lay out every gold document's raw file under `out` as the scorer expects its paths."""
    for path in sorted({d.raw_path for d in docs}):
        if path.startswith("dev/"):
            if corpus is None:
                raise SystemExit("the gold holds dev-corpus documents: pass --corpus /path/to/corpus/dev")
            src = corpus / path[len("dev/"):]
        else:
            src = gold_dir / "texts" / path
        if not src.is_file():
            raise SystemExit(f"gold document {path} not found at {src}")
        dst = out / path
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)


# ------------------------------------------------------------------------------ system tables

def run_transforms(raw: Path) -> dict[str, list[dict]]:
    """The curated tables of the pipeline's pure transforms on `raw` (no Prefect, no validation)."""
    from benchmarks.extract import load_articles
    from transforms.extract import build_tables, extract_articles

    articles = load_articles(raw)
    tables = build_tables([extract_articles(articles[i:i + 100]) for i in range(0, len(articles), 100)])
    return {**tables, "articles": articles}


def read_curated(curated: Path) -> dict[str, list[dict]]:
    """Rows of the curated tables written by a real run."""
    import pyarrow.dataset as ds

    out = {}
    for name in ("articles", "events", "event_mentions", "participants", "commitments", "commitment_mentions"):
        folder = curated / name
        out[name] = (ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()
                     if folder.exists() else [])
    return out


def _records(path: Path) -> dict[str, dict]:
    """id -> record of a JSON Lines gold text."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec.get("id"))] = rec
    return out


@dataclass
class SystemDoc:
    events: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)


def system_docs(tables: dict[str, list[dict]], docs: list[GoldDoc], raw: Path) -> dict[str, SystemDoc]:
    """The system rows that belong to each gold document (by the articles it became)."""
    by_path: dict[str, list[dict]] = defaultdict(list)
    for a in tables["articles"]:
        by_path[a["source_path"]].append(a)
    record_cache: dict[str, dict[str, dict]] = {}
    doc_articles: dict[str, set[str]] = {}
    for d in docs:
        arts = by_path.get(d.raw_path, [])
        if d.record_id is not None:
            recs = record_cache.setdefault(d.raw_path, _records(raw / d.raw_path))
            rec = recs.get(d.record_id, {})
            body = next((rec[k] for k in ("text", "content", "body") if rec.get(k)), "")
            probe = norm_text(body)[:80]
            arts = [a for a in arts if (a.get("record_key") and a["record_key"].split("#")[0] in _record_keys(d, recs))
                    or (probe and probe in norm_text(a["text"]))]
        doc_articles[d.key] = {a["article_id"] for a in arts}
    events = {e["event_id"]: e for e in tables["events"]}
    event_docs: dict[str, set[str]] = defaultdict(set)
    art_doc = {aid: k for k, aids in doc_articles.items() for aid in aids}
    for m in tables.get("event_mentions", []):
        if m["article_id"] in art_doc:
            event_docs[m["event_id"]].add(art_doc[m["article_id"]])
    for e in tables["events"]:
        if e["article_id"] in art_doc:
            event_docs[e["event_id"]].add(art_doc[e["article_id"]])
    out = {d.key: SystemDoc() for d in docs}
    for eid, keys in event_docs.items():
        for k in keys:
            out[k].events.append(events[eid])
    for p in tables["participants"]:
        if p["entity_type"] == "person" and p["article_id"] in art_doc:
            out[art_doc[p["article_id"]]].people.append(p)
    com_docs: dict[str, set[str]] = defaultdict(set)
    for m in tables.get("commitment_mentions", []):
        if m["article_id"] in art_doc:
            com_docs[m["commitment_id"]].add(art_doc[m["article_id"]])
    for c in tables["commitments"]:
        keys = com_docs.get(c["commitment_id"]) or ({art_doc[c["article_id"]]} if c["article_id"] in art_doc else set())
        for k in keys:
            out[k].commitments.append(c)
    return out


def _record_keys(d: GoldDoc, recs: dict[str, dict]) -> set[str]:
    """Positional record keys ("line3") the ingest gives the gold record (1-based lines)."""
    ids = list(recs)
    if d.record_id in ids:
        n = ids.index(d.record_id) + 1
        return {f"line{n}", str(n - 1), str(d.record_id)}
    return set()


# ------------------------------------------------------------------------------ text utils

def name_key(s: str | None) -> frozenset[str]:
    """Order-free token set of a person's name."""
    return frozenset(re.sub(r"[-'.,`()]", " ", norm_text(s)).split())


# ------------------------------------------------------------------------------ matching

def _event_type_ok(g: dict, s: dict) -> bool:
    types = {g["type"], *(g.get("type_alt") or [])}
    return s["event_type"] in types or any(frozenset({s["event_type"], t}) in COMPATIBLE_TYPES for t in types)


def _event_countries_ok(g: dict, s: dict) -> bool:
    sc = _set(s["countries"])
    options = [_set(g.get("countries"))] + [_set(c) for c in g.get("countries_alt") or []]
    return any(sc == o or (len(o) >= 3 and len(sc & o) / len(sc | o) >= 0.8) for o in options)


def _event_date_ok(g: dict, s: dict) -> bool:
    gs, ge = _date(g.get("start")), _date(g.get("end"))
    ss, se = _date(s.get("start_date")), _date(s.get("end_date"))
    if gs is None and ge is not None:
        gs = ge
    if gs is None:
        return True
    ge = ge or gs
    if ss is None:
        return False
    se = se or ss
    return not (ss > ge + DATE_SLACK or se < gs - DATE_SLACK)


EVENT_CRITERIA = {"date": _event_date_ok, "countries": _event_countries_ok, "type": _event_type_ok}


def event_pair(g: dict, s: dict) -> float | None:
    """Score of a (gold, system) event pair, None when they cannot match."""
    if not all(ok(g, s) for ok in EVENT_CRITERIA.values()):
        return None
    exact = _set(s["countries"]) == _set(g.get("countries"))
    dated = g.get("start") is not None or g.get("end") is not None
    return 1.0 + (s["event_type"] == g["type"]) + exact + (0.5 if dated else 0)


def person_pair(g: dict, s: dict) -> float | None:
    key = name_key(s["name"])
    keys = [name_key(g["name"])] + [name_key(a) for a in g.get("aliases") or []]
    if key in keys:
        return 1.0
    written = name_key(s.get("name_as_written"))
    return 0.5 if written and written in keys else None


def _prefix_in(word: str, text: str) -> bool:
    stem = norm_text(str(word))
    stem = stem[:-1] if stem.endswith("e") and len(stem) > 3 else stem
    stem = stem[:6] if len(stem) > 6 else stem
    return re.search(r"\b" + re.escape(stem), text) is not None


def _commitment_parties_ok(g: dict, s: dict) -> bool:
    return _set(s["parties"]) in [_set(g.get("parties"))] + [_set(p) for p in g.get("parties_alt") or []]


def _commitment_modality_ok(g: dict, s: dict) -> bool:
    return s["modality"] in {g["modality"], *(g.get("modality_alt") or [])}


def _commitment_text_score(g: dict, s: dict) -> float:
    """How well the row's text agrees with the gold item: anchor, keywords or action; 0 when not."""
    evidence = norm_text(s.get("evidence"))
    description = norm_text(s.get("description"))
    score = 0.0
    anchor = norm_text(g.get("anchor"))
    if anchor and anchor in description:
        score = 3.0
    elif anchor and anchor in evidence:
        score = 2.0
    keywords = g.get("keywords") or []
    if keywords:
        hits_d = sum(_prefix_in(k, description) for k in keywords)
        hits_e = sum(_prefix_in(k, evidence) for k in keywords)
        if hits_d * 2 >= len(keywords):
            score = max(score, 2.0 + hits_d / len(keywords))
        elif hits_e * 2 >= len(keywords):
            score = max(score, 1.5 + hits_e / len(keywords))
    action = norm_text(g.get("action"))
    if action and norm_text(s.get("action")) == action:
        score = max(score, 1.0) + 0.25
    return score


COMMITMENT_CRITERIA = {"parties": _commitment_parties_ok, "modality": _commitment_modality_ok,
                       "text": lambda g, s: _commitment_text_score(g, s) > 0.0}


def commitment_pair(g: dict, s: dict) -> float | None:
    if not (_commitment_parties_ok(g, s) and _commitment_modality_ok(g, s)):
        return None
    score = _commitment_text_score(g, s)
    if score == 0.0:
        return None
    return score + 0.25 * (_set(s["parties"]) == _set(g.get("parties"))) + 0.25 * (s["modality"] == g["modality"])


def _dedupe_people(people: list[dict]) -> list[dict]:
    seen: dict[frozenset, dict] = {}
    for p in people:
        seen.setdefault(name_key(p["name"]), p)
    return list(seen.values())


@dataclass
class DocResult:
    """The matching of one gold document against the system rows that belong to it."""

    doc: GoldDoc
    sys: SystemDoc
    results: dict[str, Result]


def score_doc(doc: GoldDoc, sysdoc: SystemDoc) -> DocResult:
    """Events, people and commitments of one document, matched one to one."""
    return DocResult(doc, sysdoc, {
        "events": greedy(doc.data["events"], sysdoc.events, event_pair),
        "people": greedy(doc.data["people"], _dedupe_people(sysdoc.people), person_pair),
        "commitments": greedy(doc.data["commitments"], sysdoc.commitments, commitment_pair),
    })


def totals(results: list[DocResult], section: str, core_only: bool) -> Score:
    """Summed counts of one table over documents."""
    out = Score()
    for r in results:
        s = r.results[section].score(core_only)
        out.tp += s.tp
        out.fp += s.fp
        out.fn += s.fn
    return out


def _cells(s: Score) -> str:
    return f"{s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f} ({s.tp:4d}/{s.fp:4d}/{s.fn:4d})"


def news_classes(results: list[DocResult]) -> dict[str, tuple[int, int]]:
    """(hits, paragraphs) for consult and agree recall, and for each false-alarm kind."""
    out = {"consult": [0, 0], "agree": [0, 0], "false consult": [0, 0], "false agree": [0, 0]}
    for r in results:
        if r.doc.part != "news":
            continue
        classes = set(r.doc.data.get("classes") or [])
        consult = [e for e in r.sys.events if e["event_type"] in CONSULT_TYPES]
        agree = [c for c in r.sys.commitments if c["modality"] in AGREE_MODALITIES]
        agree_ev = [e for e in r.sys.events if e["event_type"] == "signing"]
        if "consult" in classes:
            out["consult"][1] += 1
            out["consult"][0] += bool(consult)
        if "agree" in classes:
            out["agree"][1] += 1
            out["agree"][0] += bool(agree or agree_ev)
        if classes and classes <= NEGATIVE_CLASSES:
            matched_ev = {id(r.sys.events[si]) for si in r.results["events"].pairs.values()}
            matched_c = {id(r.sys.commitments[si]) for si in r.results["commitments"].pairs.values()}
            out["false consult"][1] += 1
            out["false consult"][0] += any(id(e) not in matched_ev for e in consult)
            out["false agree"][1] += 1
            out["false agree"][0] += any(id(c) not in matched_c for c in agree) or any(
                id(e) not in matched_ev for e in agree_ev)
    return {k: (v[0], v[1]) for k, v in out.items()}


def calibration(results: list[DocResult], bins=(0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
                sections=("events", "commitments")) -> list[tuple]:
    """(low, high, rows, share matched, mean confidence) per bin over the rows of `sections`."""
    rows = []
    for r in results:
        for section in sections:
            s = r.results[section].system
            matched = set(r.results[section].pairs.values())
            rows += [(float(x.get("confidence") or 0.0), i in matched) for i, x in enumerate(s)]
    out = []
    for lo, hi in zip(bins, bins[1:]):
        inside = [(c, ok) for c, ok in rows if lo <= c < hi]
        if inside:
            out.append((lo, min(hi, 1.0), len(inside), sum(ok for _, ok in inside) / len(inside),
                        sum(c for c, _ in inside) / len(inside)))
    return out


def expected_calibration_error(cal: list[tuple]) -> float:
    n = sum(b[2] for b in cal)
    return sum(b[2] * abs(b[3] - b[4]) for b in cal) / n if n else 0.0


# ------------------------------------------------------------------------------ report

def report(results: list[DocResult], out=sys.stdout) -> dict:
    """Print both halves' figures; return them as a dict (for tests and JSON)."""
    summary: dict = {}
    for half in ("tune", "test"):
        rs = [r for r in results if r.doc.half == half]
        label = "TUNING HALF" if half == "tune" else "SEALED TEST HALF"
        print(f"\n== {label}: {len(rs)} documents ==", file=out)
        print(f"{'':22s} {'events P     R     F1':30s} {'people P     R     F1':30s} {'commitments P R F1':30s}",
              file=out)
        for part in (*PARTS, "all"):
            sub = [r for r in rs if part == "all" or r.doc.part == part]
            if not sub:
                continue
            for core in (True, False):
                cells = [totals(sub, s, core) for s in ("events", "people", "commitments")]
                tag = f"{part} ({len(sub)}) {'core' if core else 'all'}"
                print(f"{tag:22s} " + " ".join(_cells(c) for c in cells), file=out)
                summary[f"{half}/{part}/{'core' if core else 'all'}"] = {
                    s: {"p": c.precision, "r": c.recall, "f1": c.f1} for s, c in zip(("events", "people", "commitments"), cells)}
        classes = news_classes(rs)
        if classes["consult"][1]:
            print("news classes: " + ", ".join(f"{k} {h}/{n}={h / n:.2f}" for k, (h, n) in classes.items() if n),
                  file=out)
            summary[f"{half}/news_classes"] = {k: h / n if n else None for k, (h, n) in classes.items()}
        cal = calibration(rs)
        print("confidence  rows  matched  mean-conf: " + "; ".join(
            f"[{lo:.1f},{hi:.1f}) {n} {share:.2f} {mean:.2f}" for lo, hi, n, share, mean in cal), file=out)
        print(f"expected calibration error: {expected_calibration_error(cal):.3f}", file=out)
        summary[f"{half}/ece"] = expected_calibration_error(cal)
        for section in ("events", "commitments"):
            cal = calibration(rs, sections=(section,))
            print(f"  {section:11s} " + "; ".join(f"[{lo:.1f},{hi:.1f}) {n} {share:.2f} {mean:.2f}"
                                                 for lo, hi, n, share, mean in cal)
                  + f"; ECE {expected_calibration_error(cal):.3f}", file=out)
            summary[f"{half}/ece/{section}"] = expected_calibration_error(cal)
    return summary


def details(results: list[DocResult], out=sys.stdout) -> None:
    """Misses and false positives of the TUNING half only (the test half stays sealed)."""
    for r in results:
        if r.doc.half != "tune":
            continue
        lines = []
        for section, show_g, show_s in (
                ("events", lambda g: f"{g['type']} {g.get('start')} {g.get('countries')} {g.get('why', '')[:70]!r}",
                 lambda s: f"{s['event_type']} {s['start_date']} {list(s['countries'])} {s['evidence'][:90]!r}"),
                ("people", lambda g: f"{g['name']} ({g.get('title')}, {g.get('country')})",
                 lambda s: f"{s['name']} as {s.get('name_as_written')!r}"),
                ("commitments", lambda g: f"{g['modality']} {g.get('parties')} {g.get('action')} {g.get('keywords')}",
                 lambda s: f"{s['modality']} {list(s['parties'])} {s['action']}: {s['evidence'][:90]!r}")):
            g, s = r.results[section].gold, r.results[section].system
            pairs = r.results[section].pairs
            used = set(pairs.values())
            for gi, item in enumerate(g):
                if gi not in pairs and item["core"]:
                    lines.append(f"  MISS {section[:-1] if section != 'people' else 'person'}: {show_g(item)}")
            for si, item in enumerate(s):
                if si not in used:
                    lines.append(f"  FP   {section[:-1] if section != 'people' else 'person'}: {show_s(item)}")
        if lines:
            print(f"\n{r.doc.key}", file=out)
            print("\n".join(lines), file=out)


def _explain_event(criterion: str, g: dict, s: dict) -> str:
    if criterion == "countries":
        return set_difference_kind(_set(g.get("countries")), _set(s["countries"]))
    if criterion == "date":
        return "system undated" if s.get("start_date") is None else ""
    return f"{s['event_type']} for {g['type']}" if criterion == "type" else ""


def _explain_commitment(criterion: str, g: dict, s: dict) -> str:
    if criterion == "parties":
        return set_difference_kind(_set(g.get("parties")), _set(s["parties"]))
    return f"{s['modality']} for {g['modality']}" if criterion == "modality" else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="the dev corpus folder (../shared/corpus/dev)")
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--curated", type=Path, help="score this curated folder (a run on a --make-raw folder)")
    ap.add_argument("--make-raw", type=Path, help="only lay out the gold documents as a raw folder here")
    ap.add_argument("--details", action="store_true", help="list misses and false positives (tuning half only)")
    ap.add_argument("--anatomy", action="store_true",
                    help="count unmatched rows by the one criterion that failed (both halves, totals only)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    docs = load_gold(args.gold)
    if args.make_raw:
        build_raw(docs, args.corpus, args.gold, args.make_raw)
        print(f"laid out {len(docs)} gold documents in {args.make_raw}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        build_raw(docs, args.corpus, args.gold, raw)
        tables = read_curated(args.curated) if args.curated else run_transforms(raw)
        sysdocs = system_docs(tables, docs, raw)
    results = [score_doc(d, sysdocs[d.key]) for d in docs]
    summary = report(results)
    if args.details:
        details(results)
    if args.anatomy:
        print_anatomy(results, {
            "events": (EVENT_CRITERIA, lambda s: s["event_type"], lambda g: g["type"], _explain_event),
            "commitments": (COMMITMENT_CRITERIA, lambda s: s["modality"], lambda g: g["modality"],
                            _explain_commitment)}, sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
