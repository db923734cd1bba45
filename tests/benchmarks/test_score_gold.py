"""The gold is well-formed, its split is fixed, and the gold scorer matches rows as its docstring says."""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from benchmarks.score_gold import (
    GOLD_DIR, build_raw, commitment_pair, event_pair, half_of, load_gold, news_classes, person_pair, run_transforms,
    score_doc, system_docs, totals,
)
from benchmarks.scoring.text import norm_text
from schemas.vocab import MODALITIES, DUE_PRECISIONS, EVENT_STATUSES, EVENT_TYPES, ROLES

DOCS = load_gold()
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
_PRECISIONS = set(DUE_PRECISIONS)


def _codes(value) -> list[str]:
    return [c for c in (value or [])]


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.key)
def test_gold_document_is_well_formed(doc):
    data = doc.data
    ids = {e["id"] for e in data["events"]}
    assert len(ids) == len(data["events"]), "event ids are unique"
    for e in data["events"]:
        assert e["type"] in EVENT_TYPES and set(e.get("type_alt") or []) <= set(EVENT_TYPES)
        assert e.get("status", "unknown") in EVENT_STATUSES
        assert e.get("precision", "unknown") in _PRECISIONS
        assert set(_codes(e.get("countries"))) <= ISO3
        for alt in e.get("countries_alt") or []:
            assert set(alt) <= ISO3
    for p in data["people"]:
        assert p["name"].strip()
        assert set(p.get("events") or []) <= ids
        assert p.get("role", "participant") in ROLES
    for c in data["commitments"]:
        assert c["modality"] in MODALITIES
        assert set(c.get("modality_alt") or []) <= set(MODALITIES)
        assert set(_codes(c.get("parties"))) <= ISO3
        assert c.get("event") in ids | {None}


def _own_text(doc) -> str:
    path = GOLD_DIR / "texts" / doc.raw_path
    if doc.record_id is None:
        text = path.read_text(encoding="utf-8")
        return " ".join(str(v) for v in json.loads(text).values()) if path.suffix == ".json" else text
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if str(record.get("id")) == doc.record_id:
            return " ".join(str(v) for v in record.values())
    raise AssertionError(f"record {doc.record_id} not in {path}")


@pytest.mark.parametrize("doc", [d for d in DOCS if d.part != "dev"], ids=lambda d: d.key)
def test_own_text_exists_and_holds_its_anchors(doc):
    text = norm_text(_own_text(doc))
    for item in doc.data["events"] + doc.data["commitments"]:
        if item.get("anchor"):
            assert norm_text(item["anchor"]) in text, item["anchor"]


def test_split_is_fixed_and_both_halves_hold_every_part():
    assert half_of("releases/x.md") == half_of("releases/x.md")
    for part in ("dev", "releases", "news"):
        halves = {d.half for d in DOCS if d.part == part}
        assert halves == {"tune", "test"}, part


GOLD_EVENT = {"type": "talks", "countries": ["GHA", "KEN"], "start": "2023-03-03", "end": "2023-03-03", "core": True}


@pytest.mark.parametrize("row, ok", [
    ({"event_type": "meeting", "countries": ["GHA", "KEN"], "start_date": "2023-03-03", "end_date": "2023-03-03"}, True),
    ({"event_type": "talks", "countries": ["GHA", "KEN"], "start_date": "2023-03-04", "end_date": "2023-03-04"}, True),
    ({"event_type": "talks", "countries": ["GHA", "KEN"], "start_date": "2023-03-05", "end_date": "2023-03-05"}, False),
    ({"event_type": "talks", "countries": ["GHA", "KEN"], "start_date": None, "end_date": None}, False),
    ({"event_type": "talks", "countries": ["GHA", "KEN", "NGA"], "start_date": "2023-03-03", "end_date": None}, False),
    ({"event_type": "phone_call", "countries": ["GHA", "KEN"], "start_date": "2023-03-03", "end_date": None}, False),
])
def test_event_pair(row, ok):
    assert (event_pair(GOLD_EVENT, row) is not None) is ok


def test_person_pair_is_order_free_and_accent_free():
    gold = {"name": "Yoshimasa Hayashi", "aliases": [], "core": True}
    assert person_pair(gold, {"name": "HAYASHI Yoshimasa"}) is not None
    assert person_pair({"name": "Recep Tayyip Erdogan", "core": True}, {"name": "Recep Tayyip Erdoğan"}) is not None
    assert person_pair(gold, {"name": "Fumio Kishida"}) is None


def test_commitment_pair_needs_parties_modality_and_text():
    gold = {"parties": ["KEN"], "modality": "pledge", "action": "open", "keywords": ["embassy", "Accra"],
            "core": True}
    row = {"parties": ["KEN"], "modality": "pledge", "action": "open", "description": "open an embassy in Accra",
           "evidence": "Kenya will open an embassy in Accra."}
    assert commitment_pair(gold, row) is not None
    assert commitment_pair(gold, {**row, "parties": ["GHA", "KEN"]}) is None
    assert commitment_pair(gold, {**row, "modality": "proposal"}) is None
    assert commitment_pair(gold, {**row, "action": "build", "description": "x", "evidence": "y"}) is None


def test_scores_a_run_of_the_real_transforms(tmp_path: Path):
    gold = tmp_path / "gold"
    (gold / "texts" / "news").mkdir(parents=True)
    (gold / "annotations" / "news").mkdir(parents=True)
    (gold / "texts" / "news" / "wire.jsonl").write_text(json.dumps({
        "id": "a1", "title": "Kenya and Ghana leaders meet",
        "text": "President William Ruto of Kenya held talks with President Nana Akufo-Addo of Ghana in Accra on "
                "3 March 2023.", "date": "2023-03-04"}) + "\n", encoding="utf-8")
    (gold / "annotations" / "news" / "wire.gold.yaml").write_text(
        "docs:\n- doc: news/wire.jsonl#a1\n  classes: [consult]\n  events:\n"
        "  - {id: e1, type: talks, start: 2023-03-03, end: 2023-03-03, countries: [GHA, KEN]}\n"
        "  people:\n  - {name: William Ruto, events: [e1]}\n  - {name: Nana Akufo-Addo, events: [e1]}\n"
        "  commitments: []\n", encoding="utf-8")
    docs = load_gold(gold)
    raw = tmp_path / "raw"
    build_raw(docs, None, gold, raw)
    sysdocs = system_docs(run_transforms(raw), docs, raw)
    results = [score_doc(d, sysdocs[d.key]) for d in docs]
    assert totals(results, "events", True).tp == 1
    assert totals(results, "people", True).tp == 2
    assert news_classes(results)["consult"] == (1, 1)


def test_anatomy_names_the_one_criterion_that_failed():
    from benchmarks.score_gold import EVENT_CRITERIA, _explain_event
    from benchmarks.scoring.anatomy import anatomy_of
    from benchmarks.scoring.matching import greedy

    gold = [GOLD_EVENT, {**GOLD_EVENT, "type": "phone_call", "start": "2023-04-01", "end": "2023-04-01"},
            {**GOLD_EVENT, "type": "summit", "countries": ["GHA", "KEN", "NGA", "TGO"]}]
    rows = [
        {"event_type": "talks", "countries": ["KEN"], "start_date": "2023-03-03", "end_date": None},   # a country short
        {"event_type": "visit", "countries": ["FRA"], "start_date": "2020-01-01", "end_date": None},   # nothing near
        {"event_type": "talks", "countries": ["KEN"], "start_date": "2023-03-03", "end_date": None},   # a duplicate row
    ]
    counts = anatomy_of(greedy(gold, rows, event_pair), EVENT_CRITERIA, lambda s: s["event_type"],
                        lambda g: g["type"], _explain_event)
    assert counts == {"miss: only countries wrong (missing 1)": 1, "miss: not found (phone_call)": 1,
                      "miss: not found (summit)": 1, "fp: near miss (above)": 1, "fp: spurious (visit)": 1,
                      "fp: spurious (talks)": 1}


@pytest.mark.parametrize("gold, system, kind", [
    ({"GHA", "KEN"}, {"KEN"}, "missing 1"), ({"GHA"}, set(), "missing 1 (system empty)"),
    ({"GHA"}, {"GHA", "CHE"}, "extra 1"), ({"GHA"}, {"GIN"}, "swapped"), ({"GHA", "KEN"}, {"GHA", "TGO", "NGA"}, "mixed"),
])
def test_set_difference_kind(gold, system, kind):
    from benchmarks.scoring.anatomy import set_difference_kind
    assert set_difference_kind(gold, system) == kind
