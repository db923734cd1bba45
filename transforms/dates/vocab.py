"""Date vocabulary loaded once from reference/dates/date_words.yaml, plus regex fragments built from it."""

from __future__ import annotations

from transforms.reference import load
from transforms.reference.dates import DateWords
from transforms.reference.patterns import phrase_alternation

WORDS: DateWords = load("dates/date_words.yaml")

# word -> number lookups (all lower case)
MONTHS: dict[str, int] = {w: int(n) for n, ws in WORDS.months.items() for w in ws}
WEEKDAYS: dict[str, int] = {w: int(n) for n, ws in WORDS.weekdays.items() for w in ws}
SEASONS: dict[str, tuple[int, int]] = {k: tuple(v) for k, v in WORDS.seasons.items()}
PART_WORDS: dict[str, str] = WORDS.part_words
PART_RANGES: dict[str, dict[str, list]] = WORDS.part_ranges
RELATIVE: dict[str, int] = WORDS.relative_words
ANAPHORIC: dict[str, int] = WORDS.anaphoric_words
DEICTIC_DAYS: dict[str, int] = WORDS.deictic_days
UNITS: dict[str, tuple[str, int]] = {k: (v[0], int(v[1])) for k, v in WORDS.units.items()}


def plural(word: str) -> str:
    """English plural of a unit word: day -> days, century -> centuries."""
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


# Singular and plural unit words -> (canonical unit, multiplier): "fortnights" -> ("week", 2).
UNIT_FORMS: dict[str, tuple[str, int]] = {f: u for w, u in UNITS.items() for f in (w, plural(w))}
NUMBERS: dict[str, int] = WORDS.numbers
ORDINALS: dict[str, int] = WORDS.ordinals
DECADE_WORDS: dict[str, int] = WORDS.decade_words
FUTURE_WEIGHT: float = float(WORDS.future_distance_weight)
PAST_DAY_TOLERANCE: int = int(WORDS.past_day_tolerance)
TWO_DIGIT_WINDOW: int = int(WORDS.two_digit_year_window)
HOLIDAYS_FIXED: dict[str, tuple[int, int]] = {k: tuple(v) for k, v in WORDS.holidays.fixed.items()}
# [month, weekday, n] or [month, weekday, n, days after that weekday].
HOLIDAYS_NTH: dict[str, tuple[int, int, int, int]] = {
    k: (*v, 0)[:4] for k, v in WORDS.holidays.nth_weekday.items()}
HOLIDAYS_EASTER: dict[str, int] = WORDS.holidays.easter
PREPOSITIONS: frozenset[str] = frozenset(WORDS.prepositions)
ORDINAL_FOLLOWERS: frozenset[str] = frozenset(WORDS.ordinal_day_followers)
TENSE = WORDS.tense


def _case_block(body: str, scan: bool) -> str:
    """Wrap a fragment so it is case-sensitive inside an otherwise case-insensitive scan regex."""
    return f"(?-i:{body})" if scan else body


def fragments(scan: bool) -> dict[str, str]:
    """Regex fragments for the grammar; `scan` builds the running-text (case-aware) variant."""
    month_full = [ws[0] for ws in WORDS.months.values()]
    wd_all = [w for ws in WORDS.weekdays.values() for w in ws]
    wd_full = [ws[0] for ws in WORDS.weekdays.values()]
    # An abbreviation may carry its dot ("Apr. 26"); after a full name a dot ends the
    # sentence unless a number follows ("May. 1", as `%b.` writes it).
    month_abbr = [w for ws in WORDS.months.values() for w in ws[1:]]
    mon = _case_block("(?:" + phrase_alternation(month_abbr, scan_case=scan) + r"\b\.?|"
                      + phrase_alternation(month_full, scan_case=scan) + r"\b(?:\.(?=\s*\d))?)", scan)
    monf = _case_block(phrase_alternation(month_full, scan_case=scan) + r"\b", scan) if scan else mon
    holiday_words = list(HOLIDAYS_FIXED) + list(HOLIDAYS_NTH) + list(HOLIDAYS_EASTER)
    rel_words = list(RELATIVE)
    return {
        "MON": mon,
        "MONF": monf,
        "WD": _case_block(phrase_alternation(wd_full, scan_case=scan) + r"\b", scan),
        "WDX": _case_block(phrase_alternation(wd_all, scan_case=scan) + r"\b\.?", scan),
        # A day of month: not part of a decimal, a thousands group, a time or a fraction.
        "DAY": r"(?<![\d.,/:])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![.,:/]\d)",
        "ORDD": r"(?<![\d.,/:])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b",
        # A 4-digit year that is not part of 10,000 / 1.2023 / $2023 / 555-2023.
        "YEAR": r"(?<!\d-)(?<![\d.,/$£€:#])(?:1\d{3}|20\d{2}|21\d{2})\b(?![.,:/]\d)",
        "YEARB": r"(?:1\d{3}|20\d{2}|21\d{2})\b",
        "NUM": r"(?:\d{1,2}|" + phrase_alternation(NUMBERS) + r")\b",
        "UNIT": phrase_alternation(UNIT_FORMS) + r"\b",
        "SEASON": phrase_alternation(SEASONS) + r"\b",
        "HOLIDAY": phrase_alternation(holiday_words) + r"\b",
        "QORD": r"(?:first|second|third|fourth|1st|2nd|3rd|4th)",
        "CORD": r"(?:\d{1,2}(?:st|nd|rd|th)|" + phrase_alternation(ORDINALS) + ")",
        "ORDW": phrase_alternation(ORDINALS) + r"\b",
        "DECW": phrase_alternation(DECADE_WORDS),
        "REL": phrase_alternation(rel_words) + r"\b",
        "DP": phrase_alternation(WORDS.day_parts) + r"\b",
        "TO": r"(?:\s*(?:--|-|–|—|‒)\s*|\s+(?:to|through|thru|until|till|til)\s+)",
    }
