"""Matching logic of benchmarks/score_seed.py (and benchmarks/scoring/) on tiny synthetic curated tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from benchmarks import score_seed
from benchmarks.scoring import event_pair_score, load_tables

C6 = ["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"]
D26, D27 = dt.date(2023, 4, 26), dt.date(2023, 4, 27)

GOLD = {
    "events": [
        {"id": "E1", "core": True, "type": "talks", "status": "occurred", "start": D26, "end": D26,
         "precision": "day", "countries": ["CHN", "KAZ"], "location": "Xi'an", "anchors": ["held talks"]},
        {"id": "E2", "core": True, "type": "meeting", "status": "occurred", "start": D27, "end": D27,
         "precision": "day", "countries": C6, "location": "Xi'an", "name": "Fourth Meeting"},
        {"id": "E3", "core": False, "type": "forum", "status": "planned", "start": dt.date(2023, 1, 1),
         "end": dt.date(2023, 12, 31), "precision": "year", "countries": ["CHN"]},
    ],
    "people": [
        {"name": "Zheenbek Kulubaev", "country": "KGZ", "core": True},
        {"name": "Kassym-Jomart Tokayev", "country": "KAZ", "core": True},
        {"name": "Volodymyr Zelenskyy", "country": "UKR", "aliases": ["Volodymyr Zelensky"], "core": True},
    ],
    "commitments": [
        {"id": "C1", "core": True, "parties": ["CHN", "KAZ"], "modality": "pledge", "action": "set up",
         "anchor": "set up consulates general"},
        {"id": "C2", "core": True, "parties": C6, "modality": "proposal", "action": "step up",
         "anchor": "step up the fight against terrorism"},
        {"id": "C3", "core": False, "parties": C6, "modality": "agreement", "action": "reach",
         "anchor": "wide range of consensus reached"},
    ],
}


def _event(eid, etype, countries, start, end=None, **kw):
    row = {"event_id": eid, "event_type": etype, "status": "occurred", "countries": sorted(countries),
           "start_date": start, "end_date": end or start, "date_precision": "day" if start else "unknown",
           "name": None, "location": "Xi'an", "evidence": f"{etype} sentence"}
    row.update(kw)
    return row


def _commit(cid, parties, modality, action, text):
    return {"commitment_id": cid, "parties": sorted(parties), "modality": modality, "action": action,
            "actor_text": "x", "description": text, "evidence": f"They said they {text}."}


def _perfect() -> dict[str, list[dict]]:
    return {
        "articles": [{"article_id": "a1", "text": "..."}],
        "events": [
            _event("e1", "talks", ["CHN", "KAZ"], D26),
            _event("e2", "meeting", C6, D27, name="Fourth Meeting"),
            _event("e3", "forum", ["CHN"], dt.date(2023, 1, 1), dt.date(2023, 12, 31), status="planned",
                   date_precision="year", location=None),
        ],
        "entities": [
            {"entity_id": "p1", "entity_type": "person", "name": "Zheenbek Kulubaev", "country": "KGZ"},
            {"entity_id": "p2", "entity_type": "person", "name": "Kassym-Jomart Tokayev", "country": "KAZ"},
            {"entity_id": "p3", "entity_type": "person", "name": "Volodymyr Zelenskyy", "country": "UKR"},
            {"entity_id": "c1", "entity_type": "country", "name": "China", "country": "CHN"},
        ],
        "participants": [
            {"event_id": "e1", "entity_id": "p2", "entity_type": "person", "name": "Kassym-Jomart Tokayev",
             "country": "KAZ"},
        ],
        "commitments": [
            _commit("k1", ["CHN", "KAZ"], "pledge", "set up", "set up consulates general in Xi'an and Aktobe"),
            _commit("k2", C6, "proposal", "step up", "step up the fight against terrorism, separatism"),
            _commit("k3", C6, "agreement", "reach", "a wide range of consensus reached"),
        ],
    }


def _write(tmp_path: Path, tables: dict[str, list[dict]]) -> Path:
    curated = tmp_path / "curated"
    for name, rows in tables.items():
        folder = curated / name
        folder.mkdir(parents=True)
        if rows:
            pq.write_table(pa.Table.from_pylist(rows), folder / "part-0.parquet")
    return curated


def _gold_file(tmp_path: Path, gold: dict = GOLD) -> Path:
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump(gold, sort_keys=False), encoding="utf-8")
    return path


def _run(tmp_path: Path, tables: dict[str, list[dict]], gold: dict = GOLD):
    loaded = load_tables(_write(tmp_path, tables))
    return score_seed.score_all(loaded, score_seed.load_gold(_gold_file(tmp_path, gold)))


@pytest.mark.parametrize("core_only", [True, False])
def test_perfect_match_scores_one(tmp_path, core_only):
    results = _run(tmp_path, _perfect())
    for name in ("events", "people", "commitments"):
        s = results[name].score(core_only)
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), name
        assert s.fp == 0 and s.fn == 0


def test_missing_event_lowers_recall_only(tmp_path):
    tables = _perfect()
    tables["events"] = [r for r in tables["events"] if r["event_id"] != "e1"]
    s = _run(tmp_path, tables)["events"].score(False)
    assert s.tp == 2 and s.fn == 1 and s.fp == 0
    assert s.precision == 1.0 and s.recall == pytest.approx(2 / 3)


def test_wrong_party_commitment_is_false_positive_and_miss(tmp_path):
    tables = _perfect()
    tables["commitments"][0]["parties"] = ["CHN"]         # should be CHN + KAZ
    res = _run(tmp_path, tables)["commitments"]
    s = res.score(False)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert res.false_positives() == [0]
    assert [res.gold[i]["id"] for i in res.missed()] == ["C1"]


def test_wrong_modality_commitment_does_not_match(tmp_path):
    tables = _perfect()
    tables["commitments"][1]["modality"] = "pledge"
    s = _run(tmp_path, tables)["commitments"].score(False)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)


def test_commitment_matches_on_action_lemma_when_anchor_absent(tmp_path):
    tables = _perfect()
    tables["commitments"][1]["description"] = "stepping up joint work against the three forces"
    tables["commitments"][1]["evidence"] = tables["commitments"][1]["description"]
    tables["commitments"][1]["action"] = "do"
    s = _run(tmp_path, tables)["commitments"].score(False)
    assert s.f1 == 1.0


def test_parties_alt_and_modality_alt_are_accepted(tmp_path):
    gold = yaml.safe_load(yaml.safe_dump(GOLD))
    gold["commitments"][0]["parties"] = ["KAZ"]
    gold["commitments"][0]["parties_alt"] = [["CHN", "KAZ"]]
    gold["commitments"][0]["modality"] = "support"
    gold["commitments"][0]["modality_alt"] = ["pledge"]
    s = _run(tmp_path, _perfect(), gold)["commitments"].score(False)
    assert s.f1 == 1.0


def test_restated_commitment_is_a_duplicate_false_positive(tmp_path):
    tables = _perfect()
    tables["commitments"].append(_commit("k4", ["CHN", "KAZ"], "pledge", "set up",
                                         "set up consulates general (restated in the summary)"))
    res = _run(tmp_path, tables)["commitments"]
    s = res.score(False)
    assert (s.tp, s.fp, s.fn) == (3, 1, 0)
    assert res.gold[res.duplicates[3]]["id"] == "C1"
    assert res.score_without_duplicates(False).fp == 0


def test_anchor_in_own_clause_beats_shared_sentence(tmp_path):
    gold = {"events": [], "people": [], "commitments": [
        {"id": "A", "core": True, "parties": ["KAZ"], "modality": "support", "action": "support",
         "anchor": "support the global initiatives"},
        {"id": "B", "core": True, "parties": ["KAZ"], "modality": "support", "action": "support",
         "anchor": "position on the Taiwan question"},
    ]}
    sentence = "Kazakhstan will support the global initiatives, support China's position on the Taiwan question."
    rows = [
        {"commitment_id": "r1", "parties": ["KAZ"], "modality": "support", "action": "support",
         "description": "support China's position on the Taiwan question", "evidence": sentence},
        {"commitment_id": "r2", "parties": ["KAZ"], "modality": "support", "action": "support",
         "description": "support the global initiatives", "evidence": sentence},
    ]
    res = _run(tmp_path, {"commitments": rows}, gold)["commitments"]
    assert res.pairs == {0: 1, 1: 0}


def test_non_core_match_is_ignored_in_core_mode(tmp_path):
    tables = _perfect()
    core = _run(tmp_path, tables)
    assert core["events"].score(True).tp == 2            # forum E3 is non-core: not a TP ...
    assert core["events"].score(True).fp == 0            # ... and not a FP
    assert core["events"].score(False).tp == 3
    tables["events"] = [r for r in tables["events"] if r["event_id"] != "e3"]
    (tmp_path / "again").mkdir()
    res = _run(tmp_path / "again", tables)["events"]
    assert res.score(True).recall == 1.0                 # missing a non-core item costs nothing in core mode
    assert res.score(False).recall == pytest.approx(2 / 3)


def test_event_type_country_and_date_rules():
    gold_bi = GOLD["events"][0]
    gold_multi = GOLD["events"][1]
    # talks ~ meeting compatible, exact type preferred
    assert event_pair_score(gold_bi, _event("x", "meeting", ["CHN", "KAZ"], D26)) is not None
    assert event_pair_score(gold_bi, _event("x", "phone_call", ["CHN", "KAZ"], D26)) is None
    # bilateral: countries must be equal
    assert event_pair_score(gold_bi, _event("x", "talks", ["CHN"], D26)) is None
    assert event_pair_score(gold_bi, _event("x", "talks", ["CHN", "KAZ", "UZB"], D26)) is None
    # multilateral: Jaccard >= 0.8 (5 of 6 = 0.83 ok, 4 of 6 = 0.67 not)
    assert event_pair_score(gold_multi, _event("x", "meeting", C6[:5], D27)) is not None
    assert event_pair_score(gold_multi, _event("x", "meeting", C6[:4], D27)) is None
    # dates must overlap when both are dated; undated system rows are accepted
    assert event_pair_score(gold_bi, _event("x", "talks", ["CHN", "KAZ"], D27)) is None
    assert event_pair_score(gold_bi, _event("x", "talks", ["CHN", "KAZ"], None)) is not None
    assert event_pair_score(
        gold_bi, _event("x", "talks", ["CHN", "KAZ"], dt.date(2023, 4, 1), dt.date(2023, 4, 30))) is not None


def test_duplicate_event_rows_one_to_one(tmp_path):
    tables = _perfect()
    tables["events"].append(_event("e4", "meeting", ["CHN", "KAZ"], D26))   # second row for the talks
    res = _run(tmp_path, tables)["events"]
    s = res.score(False)
    assert (s.tp, s.fp, s.fn) == (3, 1, 0)
    assert res.pairs[0] == 0                             # the exact-type row wins


def test_people_name_normalisation_aliases_and_duplicates(tmp_path):
    tables = _perfect()
    tables["entities"] = [
        {"entity_id": "p1", "entity_type": "person", "name": "ZHEENBEK  KULUBAEV", "country": "KGZ"},
        {"entity_id": "p2", "entity_type": "person", "name": "Kassym Jomart Tokayev", "country": "KAZ"},
        {"entity_id": "p3", "entity_type": "person", "name": "Volodymyr Zelensky", "country": "UKR"},
        {"entity_id": "p4", "entity_type": "person", "name": "Volodymyr Zelenskyy", "country": "UKR"},
        {"entity_id": "p5", "entity_type": "person", "name": "Kulubaev Zheenbek Moldokanovich", "country": "KGZ"},
    ]
    tables["participants"] = []
    res = _run(tmp_path, tables)["people"]
    s = res.score(False)
    assert s.tp == 3 and s.fn == 0
    names = sorted(res.system[i]["name"] for i in res.false_positives())
    assert names == ["Kulubaev Zheenbek Moldokanovich", "Volodymyr Zelensky"]   # exact spelling preferred


def test_missing_tables_and_cli(tmp_path, capsys):
    curated = _write(tmp_path, {"articles": []})
    rc = score_seed.main([str(curated), "--gold", str(_gold_file(tmp_path))])
    out = capsys.readouterr().out
    assert rc == 0
    assert "events" in out and "MISS E1" in out and "F1=0.000" in out
