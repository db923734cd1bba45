"""Turn raw documents into rows of the articles table (one per section)."""

from __future__ import annotations

import datetime as dt
import re

from transforms.ids import make_id
from transforms.ingest import RawDocument, parse_published
from transforms.sections import split_sections
from transforms.text import content_sha256, normalize_text

_LANGUAGE = re.compile(r"^[a-z]{2}$")


def build_articles(doc: RawDocument, ingested_at: dt.datetime) -> list[dict]:
    """Article rows for one raw document: one per section, each with its own normalized text.

    A section's text starts with its title (the document title, or the section heading).

    published_date: metadata when the file has it; a section's own dateline wins for that
    section (an embedded release carries its own date); a lead section without either
    is dated by the latest dateline after it ('inferred': a post is written after what
    it quotes).
    """
    body = normalize_text(doc.body)
    title = normalize_text(doc.title) if doc.title else None
    # The title is the first paragraph of the text: it states the main event, and an event
    # read from it needs offsets like any other sentence.
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    meta_date = parse_published(doc.published)
    sections = split_sections(text, meta_date)
    language = (doc.language or "en").lower()[:2]
    if not _LANGUAGE.match(language):
        language = "en"
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
        else:
            published, source = None, "unknown"
        record_key = doc.record_key if len(sections) == 1 else f"{doc.record_key}#s{section.index}"
        rows.append({
            "article_id": make_id("art", doc.source_path, record_key),
            "source_path": doc.source_path,
            "record_key": record_key,
            "url": doc.url,
            "title": section.title or title,
            "published_date": published,
            "published_date_source": source,
            "language": language,
            "text": body,
            "content_sha256": content_sha256(body),
            "ingested_at": ingested_at,
        })
    return rows
