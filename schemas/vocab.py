"""Controlled vocabularies of the data contract (CONTRACT.md), declared once."""

from __future__ import annotations

EVENT_TYPES = (
    "talks", "meeting", "summit", "visit", "phone_call", "signing",
    "press_briefing", "announcement", "forum", "other",
)
EVENT_STATUSES = ("occurred", "planned", "unknown")
DATE_PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "unknown")
# resolve_date() may also answer decade or century; a due date can carry them.
DUE_PRECISIONS = DATE_PRECISIONS + ("decade", "century")
ENTITY_TYPES = ("person", "country", "organization")
ROLES = ("host", "chair", "guest", "participant", "signatory", "speaker")
MODALITIES = ("pledge", "agreement", "support", "proposal", "opposition")
TOPICS = (
    "economy_trade", "security", "culture_people", "connectivity_infrastructure",
    "energy_resources", "health", "technology", "diplomacy_politics", "other",
)
PUBLISHED_DATE_SOURCES = ("metadata", "dateline", "inferred", "unknown")
QUARANTINE_STAGES = ("ingest", "normalize", "extract", "validate")
RUN_STATUSES = ("running", "completed", "failed")

# PLOVER event types (Halterman et al.) for each eventline event type.
PLOVER_BY_EVENT_TYPE = {
    "talks": "CONSULT",
    "meeting": "CONSULT",
    "summit": "CONSULT",
    "visit": "CONSULT",
    "phone_call": "CONSULT",
    "signing": "AGREE",
    "press_briefing": None,
    "announcement": None,
    "forum": "CONSULT",
    "other": None,
}
