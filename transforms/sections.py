"""Split a compound article (a post embedding several releases) into datelined sections."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.dates import find_dateline, find_lead_dateline

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
# A heading ends without sentence punctuation and is short enough to be a title.
_HEADING_MAX_WORDS = 30
# Release titles name who did what ("Minister Meets Ambassador of Japan"); shorter Title-Case
# lines are subheadings inside one document ("Electric Vehicle Charging").
_HEADING_MIN_WORDS = 5
_MINOR_WORDS = frozenset("a an and as at by for from in of on or the to with vs via".split())


@dataclass(frozen=True)
class Section:
    """A slice text[start:end], starting at its heading (title) when it has one, with its dateline date."""

    index: int
    start: int
    end: int
    title: str | None
    dateline: dt.date | None


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not _HEADING_MIN_WORDS <= len(words) <= _HEADING_MAX_WORDS or "\n" in line:
        return False
    if line[-1] in ".,;:!?" or not line[0].isupper():
        return False
    content = [w for w in words if w.lower() not in _MINOR_WORDS and w[0].isalpha()]
    capitalized = sum(1 for w in content if w[0].isupper())
    # Title Case: most content words capitalized ("Qin Gang Holds Talks Respectively with ...").
    return bool(content) and capitalized / len(content) >= 0.6


def split_sections(text: str, reference: dt.date | None = None) -> list[Section]:
    """Sections of a normalized text: a Title-Case line followed by a datelined paragraph starts one.

    The text before the first such heading is section 0 (the article's own lead). An
    article without datelined headings is one section covering the whole text.
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    heads: list[tuple[int, int, int, dt.date]] = []  # heading start, body start, heading end, date
    for (h_start, h_end), (b_start, b_end) in zip(paragraphs, paragraphs[1:]):
        heading = text[h_start:h_end]
        if not _looks_like_heading(heading):
            continue
        dateline = find_dateline(text[b_start:b_end], reference)
        if dateline is None or dateline.value is None:
            continue
        heads.append((h_start, b_start, h_end, dateline.value.start))
    if not heads:
        # The dateline opens the first paragraph of prose, after the title and any head lines.
        lead = find_lead_dateline(text, reference)
        date = lead.value.start if lead is not None else None
        return [Section(0, 0, len(text), None, date)]
    sections: list[Section] = []
    if text[: heads[0][0]].strip():
        sections.append(Section(0, 0, heads[0][0], None, None))
    for i, (h_start, b_start, h_end, date) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(len(sections), h_start, end, text[h_start:h_end].strip(), date))
    return [
        Section(s.index, s.start, s.start + len(text[s.start:s.end].rstrip()), s.title, s.dateline)
        for s in sections
    ]
