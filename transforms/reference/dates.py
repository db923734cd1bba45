"""Schema of reference/dates/date_words.yaml: the vocabulary and tense cues of transforms.dates."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from transforms.reference.fields import NonEmpty, Strict, Words

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


class Tense(Strict):
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
