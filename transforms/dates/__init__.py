"""Date normalisation for news text: resolve date expressions to calendar spans.

Public API: ``resolve_date``, ``find_dates``, ``find_dateline``, ``infer_tense``,
``DateValue``, ``DateMention``. The conventions (which span "last summer" or "the
quarter" is) are in CONVENTIONS.md beside this file; vocabulary and cue words are data
(reference/dates/date_words.yaml). Parts: ``grammar`` (one regex rule per form) with its
``resolvers`` and ``calendar`` arithmetic, ``dispatch`` (first-word rule lookup),
``tense`` (clause tense for placing partial dates), ``resolve`` (one expression),
``scan`` (running text), ``dateline``.
"""

from __future__ import annotations

from transforms.dates.dateline import find_dateline
from transforms.dates.resolve import resolve_date
from transforms.dates.scan import find_dates
from transforms.dates.tense import infer_tense
from transforms.dates.values import DateMention, DateValue

__all__ = ["DateValue", "DateMention", "resolve_date", "find_dates", "find_dateline", "infer_tense"]
