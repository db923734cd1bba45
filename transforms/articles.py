"""Turn raw documents into rows of the articles table (one per section)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

from transforms.dates import copyright_year, dayfirst_hint, find_dates, find_lead_dateline, head_date, text_date
from transforms.ids import make_id
from transforms.ingest import RawDocument, parse_published
from transforms.sections import Section, split_sections
from transforms.text import content_sha256, detect_language, normalize_text

_LANGUAGE = re.compile(r"^[a-z]{2}$")
# How far into the text (title, then the opening of the first paragraph) a dateline or a title's date
# is looked for when an ambiguous numeric metadata date needs one to agree with.
_OPENING_CHARS = 400


def build_articles(doc: RawDocument, ingested_at: dt.datetime) -> list[dict]:
    """Article rows for one raw document: one per section, each with its own normalized text.

    A section's text starts with its title (the document title, or the section heading).

    published_date: metadata when the file has it (a visible "Published ..." line at the head
    of the page counts as metadata); a section's own dateline wins for that section (an
    embedded release carries its own date); a lead section without either is dated by the
    latest dateline after it ('inferred': a post is written after what it quotes); a text
    with none of these by a date in its title, else in its body ('inferred',
    transforms.dates.text_date).
    """
    body = normalize_text(doc.body)
    title = normalize_text(doc.title) if doc.title else None
    # The title is the first paragraph of the text: it states the main event, and an event
    # read from it needs offsets like any other sentence.
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    meta_date, fallback = _document_dates(doc, text, title)
    sections = _dated_sections(text, meta_date, fallback)
    declared = (doc.language or "").lower()[:2]
    language = declared if _LANGUAGE.match(declared) else detect_language(text)
    latest_dateline = max((s.dateline for s in sections if s.dateline), default=None)
    rows = []
    for section in sections:
        body = text[section.start:section.end]
        if section.dateline is not None and (len(sections) > 1 or meta_date is None):
            published, source = section.dateline, "dateline"
        elif meta_date is not None:
            published, source = meta_date, "metadata"
        elif latest_dateline is not None:
            published, source = latest_dateline, "inferred"
        elif fallback is not None:
            published, source = fallback, "inferred"
        else:
            published, source = None, "unknown"
        record_key = doc.record_key if len(sections) == 1 else f"{doc.record_key}#s{section.index}"
        digest = content_sha256(body)
        rows.append({
            # From the text alone: the id survives renaming or moving the file, and two copies of
            # one text get one id (drop_duplicate_articles keeps the first).
            "article_id": make_id("art", digest),
            "source_path": doc.source_path,
            "record_key": record_key,
            "url": doc.url,
            "title": section.title or title,
            "published_date": published,
            "published_date_source": source,
            "language": language,
            "text": body,
            "content_sha256": digest,
            "ingested_at": ingested_at,
        })
    return rows


def _document_dates(doc: RawDocument, text: str, title: str | None) -> tuple[dt.date | None, dt.date | None]:
    """(metadata date, the date the text states in its title or body when metadata gives none)."""
    dayfirst = dayfirst_hint(doc.metadata, doc.language)
    meta_date = _metadata_day(doc.published, dayfirst, text) or head_date(text, dayfirst)
    if meta_date is not None:
        return meta_date, None
    return None, text_date(text, title)[0]


def _metadata_day(value: str | None, dayfirst: bool | None, text: str) -> dt.date | None:
    """The metadata date; an ambiguous numeric one with no locale hint ("07-10-2024 16:55") is read month first
    unless only its day-first reading agrees with a day the text opens with (its dateline "NEW DELHI, Oct 7" or
    a date in its title): the release's own head says which of the two it is."""
    day = parse_published(value, dayfirst)
    if day is None or dayfirst is not None:
        return day
    other = parse_published(value, True)
    if other is None or other == day:
        return day
    told = {(d.value.start.month, d.value.start.day) for d in find_dates(text[:_OPENING_CHARS], day)
            if d.value is not None and d.value.precision == "day"}
    return other if (other.month, other.day) in told and (day.month, day.day) not in told else day


def _dated_sections(text: str, meta_date: dt.date | None, fallback: dt.date | None) -> list[Section]:
    """The sections of the text; a lone section's dateline without a year ("BEIJING, May 5 (Xinhua) --")
    takes it from the metadata, else from the date the title or body gives, else from the one year of the
    text's copyright line ("Amman, Jan. 9 (Petra) -- ... 2024 (c) Jordan News Agency")."""
    sections = split_sections(text, meta_date)
    if meta_date is None and len(sections) == 1 and sections[0].dateline is None:
        year = copyright_year(text) if fallback is None else None
        lead = find_lead_dateline(text, fallback or (dt.date(year, 7, 1) if year else None)) \
            if fallback or year else None
        day = lead.value.start if lead is not None and lead.value is not None else None
        if day is not None and year is not None:
            # The dateline's month and day in the copyright's own year (not the nearest such day to mid-year).
            day = _in_year(day, year)
        if day is not None:
            sections = [replace(sections[0], dateline=day)]
    return sections


def _in_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February of another year
        return None


def build_articles_batch(docs: list[RawDocument], ingested_at: dt.datetime) -> tuple[list[dict], list[dict]]:
    """Article rows for many documents; a document that cannot be normalized becomes a quarantine row."""
    rows: list[dict] = []
    bad: list[dict] = []
    for doc in docs:
        try:
            rows.extend(build_articles(doc, ingested_at))
        except Exception as exc:  # noqa: BLE001 - one bad document must not sink its batch
            bad.append({"stage": "normalize", "source_path": doc.source_path, "record_key": doc.record_key,
                        "reason": f"normalization failed ({type(exc).__name__}: {exc}): "
                                  "report this file to the eventline maintainers",
                        "payload": json.dumps({"title": doc.title, "head": doc.body[:500]}, ensure_ascii=False)})
    return rows, bad


def drop_duplicate_articles(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The first article of each text (rows in raw-folder order); every later copy becomes a quarantine row."""
    first: dict[str, dict] = {}
    kept, copies = [], []
    for row in rows:
        seen = first.setdefault(row["article_id"], row)
        if seen is row:
            kept.append(row)
            continue
        where = seen["source_path"] + (f" [{seen['record_key']}]" if seen["record_key"] not in ("0", None) else "")
        copies.append({"stage": "normalize", "source_path": row["source_path"], "record_key": row["record_key"],
                       "reason": f"duplicate: the same text as {where}, which is kept; remove one of the copies",
                       "payload": json.dumps({"article_id": row["article_id"], "title": row["title"]},
                                             ensure_ascii=False)})
    return kept, copies
