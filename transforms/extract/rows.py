"""The curated rows extraction builds, and the entities and quarantine rows both merges share.

Grain: entities = one row per distinct person, country or organization (every alias seen);
quarantine = one row per record that could not be kept, with why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from transforms.extract import _deps
from transforms.extract.records import CommitmentMention, EventMention, ParticipantMention
from transforms.ids import make_id


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """Display name of an ISO3 code."""
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return {"XKX": "Kosovo"}.get(code, code)
    return getattr(c, "common_name", None) or c.name


@lru_cache(maxsize=65536)
def entity_id(entity_type: str, name: str) -> str:
    """Deterministic id of a person, country or organization."""
    if entity_type == "person":
        return make_id("ent", "person", _deps.person_key(name))
    if entity_type == "country":
        return make_id("ent", "country", name)
    return make_id("ent", "organization", re.sub(r"\W+", " ", name.lower()).strip())


@dataclass
class Tables:
    """Every curated table extraction writes, as lists of rows."""

    events: list[dict] = field(default_factory=list)
    event_mentions: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)
    commitment_mentions: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    event_signals: dict[str, tuple[str, ...]] = field(default_factory=dict)  # event_id -> its confidence's evidence


class Entities:
    """The entities rows, one per person, country or organization, built as participants and parties are added."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}

    def add(self, p: ParticipantMention) -> str:
        if p.entity_type == "country":
            key_name = p.country or p.name
            eid = entity_id("country", key_name)
            row = self.rows.setdefault(eid, {"entity_id": eid, "entity_type": "country",
                                             "name": country_name(key_name), "country": key_name, "aliases": set()})
        else:
            eid = entity_id(p.entity_type, p.name)
            row = self.rows.setdefault(eid, {"entity_id": eid, "entity_type": p.entity_type, "name": p.name,
                                             "country": p.country if p.entity_type == "person" else None,
                                             "aliases": set()})
            if row["country"] is None and p.entity_type == "person" and p.country:
                row["country"] = p.country
        if p.name_as_written and not (p.entity_type == "country" and p.name_as_written == p.country):
            row["aliases"].add(p.name_as_written)
        return eid

    def finish(self) -> list[dict]:
        return [{**r, "aliases": sorted(r["aliases"])} for _, r in sorted(self.rows.items())]


def quarantine_row(m: EventMention | CommitmentMention, key: str, reason: str, payload: dict) -> dict:
    """A quarantine row for a record of the extract stage that cannot be kept (the payload is the row as JSON)."""
    return {
        "stage": "extract",
        "source_path": m.source_path,
        "record_key": key,
        "reason": reason,
        "payload": json.dumps(payload, default=str, sort_keys=True),
    }


__all__ = ["Entities", "Tables", "country_name", "entity_id", "quarantine_row"]
