"""Schemas of reference/dates/: the vocabulary and tense cues of transforms.dates (date_words.yaml) and
its corpus of expressions (corpus.tsv)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from schemas import vocab
from transforms.reference.fields import NonEmpty, Strict, Words
from transforms.reference.grammar import GrammarFile

_PART_CODES = ("early", "mid", "late", "h1", "h2", "w1", "w2", "w3", "w4", "wl")
_UNIT = Literal["day", "week", "month", "quarter", "year", "decade", "century"]
Month = Annotated[int, Field(ge=1, le=12)]
Weekday = Annotated[int, Field(ge=0, le=6)]
_Bound = int | Literal["last"]


class Holidays(Strict):
    fixed: dict[NonEmpty, tuple[Month, Annotated[int, Field(ge=1, le=31)]]]
    # [month, weekday, n] or [month, weekday, n, days after that weekday]
    nth_weekday: dict[NonEmpty, tuple[Month, Weekday, int] | tuple[Month, Weekday, int, int]]
    easter: dict[NonEmpty, int]  # days after Easter Sunday


class Tense(GrammarFile):
    future: Words
    past: Words
    future_in_past: Words
    reporting: Words
    deadline_before: Words
    deadline_verbs: Words
    deadline_after: Words
    deadline_nouns_before: Words
    due_words_before: Words
    quarter_results: Words
    full_year_not_results: Words
    irregular_past: Words
    not_past_ed: Words


class DateWords(Strict):
    """dates/date_words.yaml."""

    months: dict[Month, list[NonEmpty]]
    weekdays: dict[Weekday, list[NonEmpty]]
    seasons: dict[NonEmpty, tuple[Month, Month]]
    part_words: dict[NonEmpty, Literal[_PART_CODES]]
    part_ranges: dict[_UNIT, dict[Literal[_PART_CODES], tuple[_Bound, _Bound]]]
    relative_words: dict[NonEmpty, Literal[-1, 0, 1]]
    anaphoric_words: dict[NonEmpty, Literal[-1, 0, 1]]
    deictic_days: dict[NonEmpty, int]
    units: dict[NonEmpty, tuple[_UNIT, Annotated[int, Field(ge=1)]]]
    numbers: dict[NonEmpty, int]
    ordinals: dict[NonEmpty, int]
    decade_words: dict[NonEmpty, int]
    day_parts: Words
    prepositions: Words
    ordinal_day_followers: Words
    holidays: Holidays
    future_distance_weight: float
    past_day_tolerance: Annotated[int, Field(ge=0)]
    two_digit_year_window: Annotated[int, Field(ge=0)]
    tense: Tense

    @field_validator("months", "weekdays")
    @classmethod
    def _complete(cls, value: dict, info):
        want = range(1, 13) if info.field_name == "months" else range(7)
        if sorted(value) != list(want):
            raise ValueError(f"needs exactly the keys {list(want)}")
        return value


class DateExample(Strict):
    """One row of dates/corpus.tsv: an expression, the reference day, what resolve_date must answer
    (None for a non-date) and the options it is read with."""

    section: str
    expression: NonEmpty
    reference: dt.date
    start: dt.date | None
    end: dt.date | None
    precision: Literal[vocab.DUE_PRECISIONS] | None
    tense: Literal["past", "future"] | None = None
    dayfirst: bool = False
    anchor: dt.date | None = None
    bench: bool = False  # also scored by benchmarks/dates.py
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_columns(cls, row: dict) -> dict:
        """The TSV columns (expression reference start end precision options note) as fields."""
        if "options" not in row:
            return row
        out = {k: row[k] for k in ("section", "expression", "reference", "note")}
        none = row["precision"] == "none"
        out["precision"] = None if none else row["precision"]
        for key in ("start", "end"):
            out[key] = None if row[key] == "-" else row[key]
        for option in row["options"].split():
            name, _, value = option.partition("=")
            if name not in ("tense", "dayfirst", "anchor", "bench") or (name in ("tense", "anchor")) != bool(value):
                raise ValueError(f"unknown option {option!r} (tense=past|future, dayfirst, anchor=YYYY-MM-DD, bench)")
            out[name] = value or True
        return out

    @model_validator(mode="after")
    def _consistent(self):
        if (self.precision is None) != (self.start is None) or (self.start is None) != (self.end is None):
            raise ValueError("a date needs start, end and precision; a non-date has none (-, -, none)")
        if self.start is not None and self.start > self.end:
            raise ValueError("start after end")
        return self


_Scalar = str | int | float | bool | dt.date | dt.datetime | None


class MetadataExample(Strict):
    """Metadata the reader must date, and the day it must give."""

    meta: dict[NonEmpty, _Scalar]
    day: dt.date


class MetadataCounter(Strict):
    """Metadata the reader must leave undated."""

    meta: dict[NonEmpty, _Scalar]


class LineExample(Strict):
    """A visible line at the head of a page that states the publication date."""

    text: NonEmpty
    day: dt.date


class CopyrightExample(Strict):
    """A copyright line and the year it gives."""

    text: NonEmpty
    year: int


class Published(Strict):
    """dates/published.yaml: where a release states its own publication date."""

    fields: Words
    locale_fields: Words
    month_first_regions: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]]
    labels: Words
    examples: list[MetadataExample]
    not_: list[MetadataCounter] = Field(alias="not")
    lines: list[LineExample]
    not_lines: list[NonEmpty]
    copyright: NonEmpty
    copyright_examples: list[CopyrightExample]
    copyright_not: list[NonEmpty]
