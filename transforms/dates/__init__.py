"""Date normalisation for news text: resolve date expressions to calendar spans.

Public API: ``resolve_date``, ``find_dates`` (dates in running text), ``find_dateline``,
``infer_tense``, ``DateValue``, ``DateMention``; publication dates: ``read_metadata_date``,
``metadata_published``, ``dayfirst_hint``, ``published_line_date`` (metadata values and
fields), ``head_date``, ``find_lead_dateline``, ``text_date`` (the fallbacks from the
text). The conventions (which span "last summer" or "the quarter" is) are in
CONVENTIONS.md beside this file; vocabulary and cue words are data
(reference/dates/date_words.yaml; reference/dates/published.yaml for publication dates). Parts: ``grammar`` (one regex rule per form) with its
``resolvers`` and ``calendar`` arithmetic, ``dispatch`` (first-word rule lookup),
``tense`` (clause tense for placing partial dates), ``resolve`` (one expression),
``scan`` (running text), ``dateline``, ``metadata`` and ``published`` (publication dates).
"""

from __future__ import annotations

from transforms.dates.dateline import find_dateline
from transforms.dates.metadata import copyright_year, dayfirst_hint, metadata_published, published_line_date, read_metadata_date
from transforms.dates.published import find_lead_dateline, head_date, text_date
from transforms.dates.resolve import resolve_date
from transforms.dates.scan import find_dates
from transforms.dates.tense import infer_tense
from transforms.dates.values import DateMention, DateValue

__all__ = ["DateValue", "DateMention", "resolve_date", "find_dates", "find_dateline", "infer_tense",
           "read_metadata_date", "metadata_published", "dayfirst_hint", "published_line_date", "head_date",
           "find_lead_dateline", "text_date", "copyright_year"]
