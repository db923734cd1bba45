"""The publication date a text states, for an article whose metadata states none.

The fallback chain of `build_articles` after metadata (CONVENTIONS.md, "Publication dates"):
a visible date line at the head of the page (`head_date`, which counts as metadata), the
dateline (`find_lead_dateline`), a date in the title (`title_date`), then the body's latest
explicit full date before it starts speaking of the future (`body_date`).
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.dates.dateline import find_dateline
from transforms.dates.metadata import published_line_date
from transforms.dates.scan import find_dates
from transforms.dates.tense import infer_tense
from transforms.dates.values import DateMention

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
# The head of a page (title, office, kind of release, date line) ends at the first paragraph of prose.
_HEAD_PARAGRAPHS = 6
_PROSE_WORDS = 20
_YEAR = re.compile(r"\d{4}")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|(?=\n)|$)")


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= _PROSE_WORDS


def _head(text: str) -> list[re.Match]:
    """The paragraphs of the page head, and the first paragraph of prose after it (where a dateline opens)."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        out.append(m)
        if _is_prose(m.group()) or len(out) >= _HEAD_PARAGRAPHS:
            break
    return out


def head_date(text: str, dayfirst: bool | None = None) -> dt.date | None:
    """The day a visible line at the head of the page states ("Published 9 February 2023", "Date: 14.9.2023")."""
    for paragraph in _head(text):
        if _is_prose(paragraph.group()):
            break
        for line in paragraph.group().split("\n"):
            day = published_line_date(line, dayfirst)
            if day is not None:
                return day
    return None


def find_lead_dateline(text: str, reference=None) -> DateMention | None:
    """The dateline that opens the first paragraph of prose, or one of the head's paragraphs before it
    ("MINISTRY OF ...\\n\\nPRESS RELEASE\\n\\nNAIROBI, 7 June 2023 – The ..."); offsets into `text`. An
    opening "On 9 February," counts only with its year ("On 9 February 2023,")."""
    for paragraph in _head(text):
        found = find_dateline(paragraph.group(), reference)
        if found is None or found.value is None:
            continue
        if paragraph.group()[:found.start].strip().lower() == "on" and not _YEAR.search(found.text):
            # "On 9 February, the minister met ...": the first event's day, its year borrowed from the
            # reference; not a statement of when the release was published.
            continue
        start = paragraph.start()
        return DateMention(start + found.start, start + found.end, found.text, found.value, found.kind)
    return None


def _full_days(mentions: list[DateMention]) -> list[DateMention]:
    """Mentions the text dates on its own, to the day ("23 November 2021", "8 to 10 February 2023"): read
    without a reference, and not counted from another date ("two days later")."""
    return [d for d in mentions if d.value is not None and d.value.precision == "day" and d.kind != "anaphoric"]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def title_date(title: str | None, body: str = "") -> dt.date | None:
    """The last day of the latest full date in the title ("Visit to Uzbekistan, 8 to 10 February 2023" ->
    10 February: a release reporting a visit is dated by its last day); None when the title or the body's
    first telling of that date speaks of the future (an announcement is published before it)."""
    if not title or infer_tense(title) == "future":
        return None
    days = _full_days(find_dates(title, None))
    if not days:
        return None
    latest = max(days, key=lambda d: d.value.end)
    for d in _full_days(find_dates(body, None)) if body else ():
        if d.value == latest.value:
            sentence = next((body[a:b] for a, b in _sentences(body) if a <= d.start < b), "")
            if infer_tense(sentence) == "future":
                return None
            break
    return latest.value.end


def body_date(body: str) -> dt.date | None:
    """The latest explicit full date of the body told before the first sentence that dates something in the
    future ("The next round will be held on 5 May 2024"): what follows it may be plans, not the news."""
    if not body:
        return None
    mentions = find_dates(body, None)
    latest = None
    bounds = _sentences(body)
    i = 0
    for d in mentions:
        while i < len(bounds) and bounds[i][1] <= d.start:
            i += 1
        sentence = body[bounds[i][0]:bounds[i][1]] if i < len(bounds) else body[d.start:d.end]
        if infer_tense(sentence) == "future":
            break
        if _full_days([d]):
            latest = d.value.end if latest is None else max(latest, d.value.end)
    return latest


def text_date(text: str, title: str | None = None) -> tuple[dt.date | None, str | None]:
    """(day, 'title' or 'body') for a text with neither metadata nor a dateline; (None, None) when it states none.

    `text` starts with its title when it has one (the articles' text does); the body is what follows it.
    """
    body = text[len(title):] if title and text.startswith(title) else text
    day = title_date(title, body)
    if day is not None:
        return day, "title"
    day = body_date(body)
    return (day, "body") if day is not None else (None, None)


__all__ = ["body_date", "find_lead_dateline", "head_date", "text_date", "title_date"]
