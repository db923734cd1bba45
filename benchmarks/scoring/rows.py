"""When a system row matches a gold item: events (type, countries, dates), people (names and
aliases), commitments (parties, modality, anchor phrase or action). Each ``*_pair_score``
returns None when the pair is incompatible, else a score (higher is a better match)."""

from __future__ import annotations

from benchmarks.scoring.matching import Result, greedy
from benchmarks.scoring.text import as_date, countries, lemma_pattern, norm_name, norm_text

COMPATIBLE_TYPES = {frozenset({"talks", "meeting"}), frozenset({"meeting", "summit"})}
MULTILATERAL_JACCARD = 0.8


def types_compatible(gold: dict, sys_type: str | None) -> bool:
    gt = gold.get("type")
    if sys_type is None:
        return False
    if sys_type == gt or sys_type in (gold.get("type_alt") or []):
        return True
    return frozenset({gt, sys_type}) in COMPATIBLE_TYPES


def countries_match(gold: dict, sys_countries: frozenset[str]) -> tuple[bool, bool]:
    """(match, exact) for gold countries (+ countries_alt) against a system set."""
    options = [countries(gold.get("countries"))] + [countries(c) for c in gold.get("countries_alt") or []]
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
    gs, ge = as_date(gold.get("start")), as_date(gold.get("end"))
    ss, se = as_date(row.get("start_date")), as_date(row.get("end_date"))
    ge = ge or gs
    se = se or ss
    if gs is None or ss is None:
        return True, False
    return (gs <= se and ss <= ge), True


def event_pair_score(gold: dict, row: dict) -> float | None:
    if not types_compatible(gold, row.get("event_type")):
        return None
    ok, exact_c = countries_match(gold, countries(row.get("countries")))
    if not ok:
        return None
    ok, dated = dates_overlap(gold, row)
    if not ok:
        return None
    return (1.0 if row.get("event_type") == gold.get("type") else 0.0) + (1.0 if exact_c else 0.0) \
        + (0.5 if dated else 0.0)


def match_events(gold: list[dict], rows: list[dict]) -> Result:
    return greedy(gold, rows, event_pair_score)


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


def gold_anchors(gold: dict) -> list[str]:
    out = [gold.get("anchor")] + list(gold.get("anchors_alt") or [])
    return [norm_text(a) for a in out if a]


def text_evidence(gold: dict, row: dict) -> float:
    """3 anchor in description, 2 anchor in evidence, 1 action only, 0 nothing."""
    desc, evid = norm_text(row.get("description")), norm_text(row.get("evidence"))
    anchors = gold_anchors(gold)
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
    parties = countries(row.get("parties"))
    main = countries(gold.get("parties"))
    alts = [countries(p) for p in gold.get("parties_alt") or []]
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
