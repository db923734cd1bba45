"""Controlled vocabularies of the data contract (CONTRACT.md), declared once, each term with its definition.

The tuples (`EVENT_TYPES`, ...) are what code and expectation suites use; the
`*_TERMS` dicts beside them hold the definitions that docs/CODEBOOK.md prints.
"""

from __future__ import annotations

EVENT_TYPE_TERMS = {
    "talks": "two or more sides negotiate or hold talks (\"held talks\", \"negotiations\")",
    "meeting": "officials meet in person without a stated negotiation (\"met with\", \"received\")",
    "summit": "a meeting of heads of state or government, often named (\"China-Central Asia Summit\")",
    "visit": "an official travels to another place (\"state visit\", \"will travel to\")",
    "phone_call": "a call or video call between officials (\"spoke by phone\", \"held a video call\")",
    "signing": "an agreement, memorandum or treaty is signed",
    "press_briefing": "a press conference or briefing (\"briefed the press\")",
    "announcement": "a statement or announcement that is not itself a meeting",
    "forum": "a multilateral forum, dialogue, conference or ministerial meeting",
    "other": "an event that fits none of the types above",
}
EVENT_TYPES = tuple(EVENT_TYPE_TERMS)

EVENT_STATUS_TERMS = {
    "occurred": "the text tells it as having happened",
    "planned": "the text tells it as scheduled or announced for the future",
    "unknown": "the text does not say whether it happened",
}
EVENT_STATUSES = tuple(EVENT_STATUS_TERMS)

DATE_PRECISION_TERMS = {
    "day": "a day or a run of days (\"April 26-27\"): start_date..end_date are those days",
    "week": "a week (\"the week of May 8\"): the seven days",
    "month": "a month (\"in May 2023\"): the first to the last day of the month",
    "quarter": "a quarter (\"the third quarter of 2023\"): its first to its last day",
    "season": "a season or half (\"spring 2023\", \"the first half\"): its first to its last day",
    "year": "a year (\"in 2023\", \"last year\"): January 1 to December 31",
    "decade": "a decade (\"in the 1990s\"): January 1 of its first year to December 31 of its last",
    "unknown": "no date could be read: start_date and end_date are null",
}
DATE_PRECISIONS = tuple(DATE_PRECISION_TERMS)
# A due date is one day, the last of its target period; resolve_date() may also answer century.
DUE_PRECISION_TERMS = {
    "day": "a day (\"by June 30\"): due_date is that day",
    "week": "a week (\"by next week\"): due_date is the week's last day",
    "month": "a month (\"by May 2024\", \"next month\"): due_date is the month's last day",
    "quarter": "a quarter (\"by the third quarter\"): due_date is the quarter's last day",
    "season": "a season or half (\"by the first half of 2025\"): due_date is its last day",
    "year": "a year (\"by 2030\"): due_date is December 31 of that year",
    "unknown": "a target period was stated but not read as a date: due_date is null",
    "decade": "a decade (\"by the end of the decade\"): due_date is the decade's last day",
    "century": "a century (\"by the end of the century\"): due_date is the century's last day",
}
DUE_PRECISIONS = tuple(DUE_PRECISION_TERMS)

ENTITY_TYPE_TERMS = {
    "person": "a named person (canonical name: given name first, no titles, no patronymic)",
    "country": "a country, as an ISO 3166-1 alpha-3 code",
    "organization": "an international or national organization (UN, ASEAN, a ministry)",
}
ENTITY_TYPES = tuple(ENTITY_TYPE_TERMS)

ROLE_TERMS = {
    "host": "receives the others or hosts the event",
    "chair": "chairs or presides over the event",
    "guest": "visits or is received by the host",
    "participant": "takes part without a more specific role",
    "signatory": "signs the agreement signed at the event",
    "speaker": "speaks at a briefing, forum or announcement",
}
ROLES = tuple(ROLE_TERMS)

MODALITY_TERMS = {
    "pledge": "a party commits itself to act (will, shall, commit, pledge)",
    "agreement": "the parties agree or reach consensus (agreed, consensus, signed)",
    "support": "a party backs a position or another party (supports, backs)",
    "proposal": "a party proposes or calls for something (should, call for, propose)",
    "opposition": "a party opposes or rejects something (oppose, reject)",
}
MODALITIES = tuple(MODALITY_TERMS)

TOPIC_TERMS = {
    "economy_trade": "trade, investment, finance, industry, agriculture",
    "security": "defence, terrorism, border security, arms control, law enforcement",
    "culture_people": "culture, education, tourism, people-to-people exchanges",
    "connectivity_infrastructure": "transport, logistics, railways, roads, ports, digital links",
    "energy_resources": "energy, oil and gas, minerals, water, climate and environment",
    "health": "public health, medicine, pandemics",
    "technology": "science, technology, innovation, space, digital economy",
    "diplomacy_politics": "political relations, mutual support, multilateral diplomacy",
    "other": "a commitment whose topic fits none of the above",
}
TOPICS = tuple(TOPIC_TERMS)

PUBLISHED_DATE_SOURCE_TERMS = {
    "metadata": "from the file's metadata (front matter, HTML meta or JSON-LD, JSON field, sidecar) or a "
                "visible \"Published ...\" line at the head of the page",
    "dateline": "from the dateline that opens the text (\"NAIROBI, 7 June 2023 -\")",
    "inferred": "inferred: a compound article's lead by the latest dateline of its sections, else the last day "
                "of a date in the title, else the body's latest full date",
    "unknown": "no document date could be found: published_date is null",
}
PUBLISHED_DATE_SOURCES = tuple(PUBLISHED_DATE_SOURCE_TERMS)

QUARANTINE_STAGE_TERMS = {
    "ingest": "the raw file could not be read or parsed",
    "normalize": "the article could not be normalized (text, date, sections)",
    "extract": "a record could not be extracted completely",
    "validate": "a record failed a blocking expectation (the reason names it)",
}
QUARANTINE_STAGES = tuple(QUARANTINE_STAGE_TERMS)

RUN_STATUS_TERMS = {
    "running": "the run has started and not finished (or died without a trace)",
    "completed": "the run wrote every table and its report",
    "failed": "the run stopped on a fatal error; the tables of the run before it stay",
}
RUN_STATUSES = tuple(RUN_STATUS_TERMS)

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
PLOVER_TERMS = {
    "CONSULT": "consultations: meetings, visits, calls, talks and summits between actors",
    "AGREE": "the actors agree, sign or settle something",
}
