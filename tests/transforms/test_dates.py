"""Tests for transforms.dates: resolve_date, find_dates, find_dateline, infer_tense."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms.dates import grammar, resolve, scan
from transforms.dates import DateMention, DateValue, find_dateline, find_dates, infer_tense, resolve_date
from transforms.reference import load, rows

# Hypothesis: no example database written to the repository.
FAST = {"deadline": None, "database": None}

REF = date(2023, 5, 2)  # a Tuesday; ISO week Mon 2023-05-01 .. Sun 2023-05-07
d = date.fromisoformat


def dv(start, end=None, precision="day"):
    return DateValue(d(start), d(end or start), precision)


# --------------------------------------------------------------------------- the date corpus
# Expressions with what resolve_date must read in them live beside the rules, in
# reference/dates/corpus.tsv (one section per convention, the benchmark's rows among them).

CORPUS = rows("dates/corpus.tsv")


@pytest.mark.parametrize("row", CORPUS, ids=lambda r: f"{r.section}: {r.expression}")
def test_the_date_corpus(row):
    expected = None if row.precision is None else DateValue(row.start, row.end, row.precision)
    got = resolve_date(row.expression, row.reference, tense=row.tense, anchor=row.anchor, dayfirst=row.dayfirst)
    assert got == expected, row.note


def test_the_corpus_holds_every_convention_and_the_benchmark_rows():
    sections = {row.section for row in CORPUS}
    assert {"absolute dates", "relative to the reference", "not calendar dates", "anaphora counted from an anchor",
            "partial dates placed by tense"} <= sections
    assert sum(row.bench for row in CORPUS) == 215
    keys = [(r.expression, r.reference, r.tense, r.anchor, r.dayfirst) for r in CORPUS]
    assert len(keys) == len(set(keys)), "a row is in the corpus twice"


# --------------------------------------------------------------------------- absolute


def test_invalid_calendar_dates_are_none():
    assert resolve_date("February 30, 2023", REF) is None
    assert resolve_date("31/04/2023", REF) is None
    assert resolve_date("2023-13-01", REF) is None
    assert resolve_date("Feb. 29, 2023", REF) is None


# --------------------------------------------------------------------------- partial


# --------------------------------------------------------------------------- ranges


def test_day_range_is_not_read_as_a_year():
    # dateparser reads "April 26-27" as 2027-04-26.
    v = resolve_date("April 26-27", REF)
    assert v.start.year == 2023 and v.end == d("2023-04-27")


def test_backwards_ranges_are_none():
    assert resolve_date("April 27-26", REF) is None
    assert resolve_date("2023-2020", REF) is None


def test_iso_year_month():
    assert resolve_date("2023-04", REF) == dv("2023-04-01", "2023-04-30", "month")


# --------------------------------------------------------------------------- relative


def test_winter_seen_from_january_is_the_current_one():
    ref = date(2024, 1, 15)
    assert resolve_date("this winter", ref) == dv("2023-12-01", "2024-02-29", "season")
    assert resolve_date("last winter", ref) == dv("2022-12-01", "2023-02-28", "season")


# --------------------------------------------------------------------------- TimeML conventions
# Conventions taken from TimeBank / TempEval-3 annotations (see benchmarks/timex_eval.py).


# --------------------------------------------------------------------------- anaphora


def test_anaphora_with_range_anchor_counts_forward_from_its_end_and_back_from_its_start():
    anchor = dv("2023-04-26", "2023-04-27")
    assert resolve_date("the following day", REF, anchor=anchor) == dv("2023-04-28")
    assert resolve_date("the day before", REF, anchor=anchor) == dv("2023-04-25")


def test_anaphora_without_anchor_fall_back_to_the_reference():
    assert resolve_date("the following day", REF) == dv("2023-05-03")
    assert resolve_date("two days later", REF) == dv("2023-05-04")


def test_anchor_accepts_datetime_and_iso_string_and_rejects_other_types():
    assert resolve_date("the next day", REF, anchor=datetime(2023, 4, 26, 15, 0)) == dv("2023-04-27")
    assert resolve_date("the next day", REF, anchor="2023-04-26") == dv("2023-04-27")
    with pytest.raises(TypeError):
        resolve_date("the next day", REF, anchor=20230426)


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize("expr", ["", "   ", "\n\t", "'s", "in 's", "on ", None, 2023, b"2023", ["April 26"],
                                  object()])
def test_empty_or_not_a_string(expr):
    assert resolve_date(expr, REF) is None


def test_surrounding_noise_is_ignored():
    assert resolve_date('  "(April 26, 2023)."  ', REF) == dv("2023-04-26")
    assert resolve_date("ON  TUESDAY", REF) == dv("2023-05-02")
    assert resolve_date("as of early May", REF) == dv("2023-05-01", "2023-05-31", "month")
    assert resolve_date("no later than June 30", REF) == dv("2023-06-30")
    assert resolve_date("10 p.m. Tuesday", REF) == dv("2023-05-02")
    assert resolve_date("May 5 at 3:30 pm", REF) == dv("2023-05-05")
    assert resolve_date("Tuesday’s", REF) == dv("2023-05-02")


def test_bad_arguments():
    with pytest.raises(ValueError):
        resolve_date("May", REF, tense="present")
    with pytest.raises(TypeError):
        resolve_date("May", 20230502)
    with pytest.raises(ValueError):
        resolve_date("May", "May 2nd")
    assert resolve_date("today", datetime(2023, 5, 2, 23, 59)) == dv("2023-05-02")
    assert resolve_date("today", "2023-05-02") == dv("2023-05-02")
    assert resolve_date("today", "2023-05-02T23:59:00Z") == dv("2023-05-02")


def test_datevalue_is_frozen():
    v = resolve_date("today", REF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.start = date(2000, 1, 1)
    assert v == DateValue(REF, REF, "day") and hash(v) == hash(DateValue(REF, REF, "day"))


def test_every_result_is_ordered_and_has_a_known_precision():
    known = {"day", "week", "month", "quarter", "season", "year", "unknown", "decade", "century"}
    for row in CORPUS:
        v = resolve_date(row.expression, row.reference, tense=row.tense, anchor=row.anchor, dayfirst=row.dayfirst)
        assert v is None or (v.start <= v.end and v.precision in known), row.expression


# --------------------------------------------------------------------------- infer_tense

@pytest.mark.parametrize("clause,expected", [
    ("The summit will be held in May", "future"),
    ("the talks are expected to resume in May", "future"),
    ("he is going to visit in June", "future"),
    ("the vote is scheduled for Tuesday", "future"),
    ("She'll arrive on Monday", "future"),
    ("The delegation met in May", "past"),
    ("the meeting was held on Tuesday", "past"),
    ("they held talks on Tuesday", "past"),
    ("prices rose sharply in March", "past"),
    ("The company announced on Monday", "past"),
    ("has been delayed since 2020", "past"),
    ("The meeting is in May", None),
    ("United Nations headquarters", None),
    ("a speed limit", None),
    ("", None),
    (None, None),
])
def test_infer_tense(clause, expected):
    assert infer_tense(clause) == expected


# --------------------------------------------------------------------------- find_dates

def mentions(text, ref=REF, **kw):
    found = find_dates(text, ref, **kw)
    for m in found:
        assert isinstance(m, DateMention)
        assert text[m.start:m.end] == m.text
    return found


def summary(text, ref=REF, **kw):
    return [(m.text, m.kind, m.value) for m in mentions(text, ref, **kw)]


def test_find_dates_spans_values_and_kinds():
    text = ("Officials met on April 26, 2023 and again on Tuesday. Talks were held April 26-27 "
            "in Geneva; a summit will be held in May, and elections are expected in 2024.")
    assert summary(text) == [
        ("April 26, 2023", "absolute", dv("2023-04-26")),
        ("Tuesday", "relative", dv("2023-05-02")),
        ("April 26-27", "range", dv("2023-04-26", "2023-04-27")),
        ("May", "partial", dv("2023-05-01", "2023-05-31", "month")),
        ("2024", "absolute", dv("2024-01-01", "2024-12-31", "year")),
    ]


def test_find_dates_tense_from_the_clause():
    ref = date(2023, 3, 15)
    future = summary("The summit will be held in May.", ref)
    past = summary("The two leaders met in May.", ref)
    assert future == [("May", "partial", dv("2023-05-01", "2023-05-31", "month"))]
    assert past == [("May", "partial", dv("2022-05-01", "2022-05-31", "month"))]
    # Two clauses, two tenses: "said on Friday" looks back, "will meet on Friday" forward.
    both = summary("He said on Friday that they will meet on Friday.", ref)
    assert [v for _, _, v in both] == [dv("2023-03-10"), dv("2023-03-17")]


def test_find_dates_passive_future_is_future():
    ref = date(2023, 3, 15)
    assert summary("The conference will be held in April.", ref)[0][2] == dv("2023-04-01", "2023-04-30", "month")
    assert summary("The conference was held in April.", ref)[0][2] == dv("2022-04-01", "2022-04-30", "month")


@pytest.mark.parametrize("text", [
    "Prices have risen over the past 10 years.",
    "The talks lasted for three days.",
    "It is the worst drought in the past 30 years.",
    "The conflict has gone on for decades.",
    "It has been 30 years since the war ended, three decades of peace.",
    "It was the highest level in 30 years.",
    "He sent 2,000 troops and 10,000 rifles.",
    "Resolution 2231 was discussed at the G20 alongside COVID-19 and the 1.5 degrees goal.",
    "The hotline is open 24/7; call 555-1234 or 202-555-0123.",
    "They may meet soon. May I ask a question?",
    "A protest march blocked the road.",
    "March organizers said the route was set.",
    "Prime Minister Theresa May said little.",
    "He told the Sunday Times about it.",
    "She lives on the 26th floor and finished 3rd.",
    "The city was named the Year of Culture.",
    "He was in his forties.",
    "Temperatures were in the 90s.",
    "After the fall of Kabul, the Arab Spring was recalled.",
    "The plant has 2023 employees and a 1.2023 ratio.",
    "",
])
def test_find_dates_ignores_non_dates(text):
    assert mentions(text) == []


def test_find_dates_participles_are_not_past_tense():
    # "followed by" is not a past verb: the sentence looks ahead ("will travel").
    found = summary("The Secretary will travel to Tokyo May 15-17, followed by a stop in Seoul on May 18.",
                    date(2023, 5, 2))
    assert [v for _, _, v in found] == [dv("2023-05-15", "2023-05-17"), dv("2023-05-18")]


def test_find_dates_holidays_need_capitals():
    assert [m.text for m in mentions("May Day rallies were held on Christmas Eve; no christmas.")] == [
        "May Day", "Christmas Eve"]


def test_find_dates_month_and_weekday_need_date_context():
    assert [m.text for m in mentions("In May, the May committee met on Sunday in March.")] == [
        "May", "Sunday", "March"]


def test_find_dates_anaphora_without_anchor_have_no_value():
    found = mentions("Two days later, the team left. The next day it rained.")
    assert [(m.text, m.kind, m.value) for m in found] == [
        ("Two days later", "anaphoric", None), ("The next day", "anaphoric", None)]


def test_find_dates_anaphora_with_anchor_and_chaining():
    found = mentions("Two days later, the team left.", anchor=date(2023, 4, 20))
    assert found[0].value == dv("2023-04-22") and found[0].kind == "anaphoric"
    # The latest day-precision date in the text becomes the anchor for the next anaphor.
    found = mentions("Talks began on April 20, 2023. The following day they broke down; "
                     "two days later they resumed.")
    assert [m.value for m in found] == [dv("2023-04-20"), dv("2023-04-21"), dv("2023-04-23")]


def test_find_dates_in_two_weeks_only_when_looking_ahead():
    assert summary("They will meet again in two weeks.") == [
        ("in two weeks", "relative", dv("2023-05-15", "2023-05-21", "week"))]


def test_find_dates_with_dateline_rebases_the_reference():
    text = "BEIJING, May 5 (Xinhua) -- China said on Thursday it would host talks next week."
    found = mentions(text, date(2023, 5, 8))
    assert [(m.text, m.kind, m.value) for m in found] == [
        ("May 5", "dateline", dv("2023-05-05")),
        ("Thursday", "relative", dv("2023-05-04")),
        ("next week", "relative", dv("2023-05-08", "2023-05-14", "week")),
    ]


def test_find_dates_many_forms_in_running_text():
    text = ("Between March and June 2024, from 3 to 5 May, in mid-2024, by the end of the year, "
            "in fiscal 2024, in the third quarter, in the 1990s, in the 21st century, "
            "last summer, early December, two weeks ago, this weekend, 26/04/2023 and 2023-04-26.")
    assert [m.text for m in mentions(text)] == [
        "Between March and June 2024", "from 3 to 5 May", "mid-2024", "the end of the year",
        "fiscal 2024", "the third quarter", "the 1990s", "the 21st century", "last summer",
        "early December", "two weeks ago", "this weekend", "26/04/2023", "2023-04-26"]


def test_find_dates_prefers_the_longer_reading():
    assert [m.text for m in mentions("Sales rose in the last week of March, late Tuesday.")] == [
        "the last week of March", "late Tuesday"]


def test_find_dates_accepts_all_caps_and_rejects_bad_input():
    assert [m.text for m in mentions("SIGNED ON APRIL 26, 2023.")] == ["APRIL 26, 2023"]
    assert find_dates(None, REF) == [] and find_dates("   ", REF) == []


# --------------------------------------------------------------------------- find_dateline

@pytest.mark.parametrize("text,ref,expected_text,expected", [
    ("On April 27, 2023, State Councilor Qin Gang met ...", None, "April 27, 2023", dv("2023-04-27")),
    ("BEIJING, May 5 (Xinhua) -- China said ...", REF, "May 5", dv("2023-05-05")),
    ("BEIJING, May 5 (Xinhua) -- China said ...", None, "May 5", None),
    ("Washington, D.C., May 2, 2022 — The Secretary ...", None, "May 2, 2022", dv("2022-05-02")),
    ("April 27, 2023 — The ministry ...", None, "April 27, 2023", dv("2023-04-27")),
    ("LONDON, Jan. 5 (Reuters) - Britain ...", date(2023, 1, 9), "Jan. 5", dv("2023-01-05")),
    ("  NEW YORK, Dec. 30, 2022 /PRNewswire/ -- Acme ...", None, "Dec. 30, 2022", dv("2022-12-30")),
    ("GENEVA, 26 April 2023 - The WHO ...", None, "26 April 2023", dv("2023-04-26")),
])
def test_find_dateline(text, ref, expected_text, expected):
    m = find_dateline(text, ref)
    assert m is not None and m.kind == "dateline"
    assert m.text == expected_text == text[m.start:m.end]
    assert m.value == expected


@pytest.mark.parametrize("text", [
    "KYIV, Ukraine (AP) — Russian forces ...",
    "WASHINGTON (Reuters) - The U.S. ...",
    "The talks on April 27, 2023 — which ...",
    "On Tuesday, the minister said ...",
    "In 2023, growth slowed.",
    "",
    None,
])
def test_find_dateline_none(text):
    assert find_dateline(text, REF) is None


# --------------------------------------------------------------------------- properties

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))
REFS = st.dates(min_value=date(1960, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=200, **FAST)
@given(day=DAYS, ref=REFS, fmt=st.sampled_from(
    ["%B %d, %Y", "%d %B %Y", "%Y-%m-%d", "%b. %d, %Y", "%b %d %Y", "%A, %B %d, %Y", "%m/%d/%Y"]))
def test_property_full_dates_round_trip(day, ref, fmt):
    assert resolve_date(day.strftime(fmt), ref) == DateValue(day, day, "day")


@settings(max_examples=100, **FAST)
@given(day=DAYS, ref=REFS)
def test_property_day_first_numeric_round_trip(day, ref):
    if day.day > 12:
        assert resolve_date(day.strftime("%d/%m/%Y"), ref) == DateValue(day, day, "day")
    assert resolve_date(day.strftime("%d/%m/%Y"), ref, dayfirst=True) == DateValue(day, day, "day")


@settings(max_examples=100, **FAST)
@given(day=DAYS, ref=REFS)
def test_property_month_and_year_precision(day, ref):
    month = resolve_date(day.strftime("%B %Y"), ref)
    assert (month.start, month.precision) == (day.replace(day=1), "month")
    assert month.end.month == day.month and (month.end + timedelta(days=1)).day == 1
    year = resolve_date(day.strftime("in %Y"), ref)
    assert year == DateValue(date(day.year, 1, 1), date(day.year, 12, 31), "year")


# dates/CONVENTIONS.md: a past single day may lie up to `past_day_tolerance` days after the reference.
PAST_DAY_TOLERANCE = timedelta(days=load("dates/date_words.yaml").past_day_tolerance)


@settings(max_examples=100, **FAST)
@given(day=DAYS, ref=REFS, tense=st.sampled_from([None, "past", "future"]))
@example(day=date(2000, 1, 2), ref=date(2000, 1, 1), tense="past")  # the day after ref: this year's (tolerance)
@example(day=date(2000, 1, 3), ref=date(2000, 1, 1), tense="past")  # two days after: last year's
@example(day=date(2000, 12, 31), ref=date(2000, 1, 1), tense="future")
def test_property_partial_dates_keep_month_and_day(day, ref, tense):
    if (day.month, day.day) == (2, 29):
        return
    v = resolve_date(day.strftime("%B %d"), ref, tense=tense)
    assert (v.start.month, v.start.day, v.precision) == (day.month, day.day, "day")
    assert abs(v.start.year - ref.year) <= 1
    near = [date(y, day.month, day.day) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "past":
        # The latest occurrence on or before ref, or a single day up to the tolerance after it.
        assert v.start == max(x for x in near if x <= ref + PAST_DAY_TOLERANCE)
    if tense == "future":
        assert v.start == min(x for x in near if x >= ref)


@settings(max_examples=150, **FAST)
@given(day=DAYS, ref=REFS, fmt=st.sampled_from(["%B %d, %Y", "%d %B %Y", "%Y-%m-%d", "%b. %d, %Y"]))
def test_property_find_dates_in_a_sentence(day, ref, fmt):
    text = f"The agreement was signed on {day.strftime(fmt)} in Geneva by 2,000 delegates."
    found = find_dates(text, ref)
    assert [(m.text, m.value) for m in found] == [(day.strftime(fmt), DateValue(day, day, "day"))]


@settings(max_examples=200, **FAST)
@given(text=st.text(max_size=60), ref=REFS)
def test_property_never_raises_on_arbitrary_text(text, ref):
    v = resolve_date(text, ref)
    assert v is None or v.start <= v.end
    for m in find_dates(text, ref):
        assert text[m.start:m.end] == m.text


@settings(max_examples=200, **FAST)
@given(words=st.lists(st.sampled_from(
    ["the", "last", "next", "this", "early", "mid", "late", "end", "of", "in", "on", "May",
     "March", "Tuesday", "week", "year", "month", "quarter", "2023", "26", "26th", "-", "to",
     "and", "between", "from", "summer", "fiscal", "ago", "two", "days", "later", "1990s",
     "century", "21st", "Q3", "weekend", "following", "day", "before", "'s", "fall", "Apr.",
     "fy2024", "h1", "christmas", "a", "weeks", "3q", "'90s", "nineties", "twenty-first", "as",
     "no", "than", "mid-2024", "end-2023", "year-end", "1/2/2023", "2023-04-26", "tonight",
     "night", "earlier", "coming", "past", "first", "half", "second", "third"]),
    min_size=1, max_size=5), ref=REFS)
def test_property_first_word_dispatch_matches_full_grammar(words, ref):
    # The first-word dispatch is a speed-up only: it must pick what the full grammar picks.
    s = " ".join(words).lower()
    fast, full = resolve.whole_match(s), resolve.whole_match(s, dispatch=False)
    assert (fast is None) == (full is None)
    if full is not None:
        (mf, f), (mg, g) = fast, full
        assert (f.lastgroup, f.span(), f.string) == (g.lastgroup, g.span(), g.string)
        assert grammar.read(grammar.RESOLVE, mf, f) == grammar.read(grammar.RESOLVE, mg, g)


SENTENCE_WORDS = st.sampled_from(
    ["The", "talks", "were", "held", "on", "Tuesday", "will", "meet", "in", "May", "may", "March",
     "march", "last", "next", "week", "year", "the", "end", "of", "early", "mid-2024", "2023",
     "April", "26", "26-27", "to", "and", "between", "from", "2,000", "troops", "Sunday", "Times",
     "two", "days", "later", ",", ".", "ago", "fiscal", "Q3", "1990s", "summer", "fall", "Kabul",
     "this", "weekend", "following", "day", "that", "Christmas", "'90s", "on the 26th", "at",
     "FY2024", "third", "quarter", "said", "2023-04-26", "26/04/2023", "since", "Jan.", "5"])


@settings(max_examples=300, **FAST)
@given(words=st.lists(SENTENCE_WORDS, min_size=1, max_size=12), ref=REFS)
def test_property_scan_dispatch_matches_full_grammar(words, ref):
    # In running text, too, the first-word dispatch must find what the full grammar finds.
    text = " ".join(words)
    fast = scan._find_dates(text, ref, None, False, dispatch=True)
    full = scan._find_dates(text, ref, None, False, dispatch=False)
    assert fast == full


# --------------------------------------------------------------------------- less common forms


def test_the_full_year_leaves_a_following_year_to_the_year():
    found = find_dates("Sales for the full year 2022 rose.", REF)
    assert [m.value for m in found] == [dv("2022-01-01", "2022-12-31", "year")]


@pytest.mark.parametrize("text,expected", [
    ("Sales for the full year rose 5%.", dv("2022-01-01", "2022-12-31", "year")),
    ("The company raised its forecast for the full year on Tuesday.", dv("2023-01-01", "2023-12-31", "year")),
    ("Sales for the full year will rise.", dv("2023-01-01", "2023-12-31", "year")),
])
def test_the_full_year_in_a_past_clause_on_results_early_in_the_year_is_the_year_just_ended(text, expected):
    assert find_dates(text, date(2023, 2, 14))[0].value == expected


def test_the_full_year_expects_revenue_to_rise():
    found = find_dates("The company expects revenue for the full year to rise 5%.", REF)
    assert [m.value for m in found] == [dv("2023-01-01", "2023-12-31", "year")]


@pytest.mark.parametrize("text,expected", [
    # A year-ago comparison of a quarter or month named before: that period a year back.
    ("Net income rose to $5 million in the third quarter from $3 million a year earlier.",
     dv("2021-07-01", "2021-09-30", "quarter")),
    ("Exports in March rose 5% from a year ago.", dv("2022-03-01", "2022-03-31", "month")),
    ("Revenue in the first quarter rose. In the year-earlier period, it fell.",
     dv("2022-01-01", "2022-03-31", "quarter")),
    # Without figures compared, "a year ago" counts from the reference.
    ("The ministers met in March. Tensions are higher than a year ago.", dv("2022-01-01", "2022-12-31", "year")),
    # Anaphora with a month or year antecedent.
    ("He fled to Florida in June 1998 and returned to Cuba later that year.", dv("1998-01-01", "1998-12-31", "year")),
    ("Talks began in February. The following month they collapsed.", dv("2023-03-01", "2023-03-31", "month")),
])
def test_anaphora_counts_from_the_latest_period(text, expected):
    assert find_dates(text, REF)[-1].value == expected


def test_a_year_ago_figure_does_not_anchor_the_next_comparison():
    text = ("Revenue in the first quarter rose 4% from a year ago. "
            "In the year-earlier period, costs were lower.")
    values = [m.value for m in find_dates(text, REF)]
    assert values[1:] == [dv("2022-01-01", "2022-03-31", "quarter")] * 2


@pytest.mark.parametrize("text,expected", [
    # "a year ago" takes a period only when it is compared within one sentence.
    ("The central bank raised rates in March. Inflation is now 5%, compared with 8% a year ago.",
     dv("2022-01-01", "2022-12-31", "year")),
    ("More than 40 people were killed in clashes in March, and dozens more died a year ago.",
     dv("2022-01-01", "2022-12-31", "year")),
    ("Officials met in March. Some 200 refugees arrived two months ago.", dv("2023-03-01", "2023-03-31", "month")),
    # A comparison base is not the period the text is about.
    ("Inflation slowed to 5% in March from 6% in February. A year earlier, it was 3%.",
     dv("2022-03-01", "2022-03-31", "month")),
    # A year antecedent: the year before.
    ("Sales for 2022 rose 5%, compared with 3% in the year-earlier period.", dv("2021-01-01", "2021-12-31", "year")),
])
def test_period_anaphora_guards(text, expected):
    assert find_dates(text, REF)[-1].value == expected


def test_due_and_record_dates_are_not_placed_by_the_past_verb():
    text = "The company declared a dividend of five cents, payable Dec. 1 to stock of record Nov. 10."
    values = [m.value for m in find_dates(text, date(1989, 10, 27))]
    assert values == [dv("1989-12-01"), dv("1989-11-10")]


def test_a_past_day_one_day_after_the_reference_is_a_time_zone_not_a_year_back():
    ref = date(2024, 8, 28)
    assert resolve_date("August 29", ref, tense="past") == dv("2024-08-29")
    assert resolve_date("August 30", ref, tense="past") == dv("2023-08-30")
    assert resolve_date("September", date(2024, 8, 31), tense="past") == dv("2023-09-01", "2023-09-30", "month")
    found = find_dates("The adviser met on August 29 with the vice chairman in Beijing.", ref)
    assert found[0].value == dv("2024-08-29")


def test_a_day_after_from_still_anchors_the_next_anaphor():
    text = "Russian troops withdrew from Kherson on November 11. Two days later, the president visited the city."
    assert find_dates(text, date(2022, 11, 20))[-1].value == dv("2022-11-13")
    text = "Sales in March rose 5%, up from $3 million on February 28. Two days later, the firm cut prices."
    assert find_dates(text, REF)[-1].value == dv("2023-03-02")


def test_the_past_day_tolerance_yields_to_a_stated_year_back():
    ref = date(2024, 3, 2)
    assert find_dates("The summit was held on March 3.", ref)[0].value == dv("2024-03-03")
    found = find_dates("Last year, the summit was held on March 3.", ref)
    assert found[-1].value == dv("2023-03-03")


@pytest.mark.parametrize("text,expected", [
    # Only "told" takes a named listener; a name after "said" is the reported clause's subject.
    ("The Kremlin said Putin on Friday would hold talks.", dv("2023-05-05")),
    ("Officials said Kyiv in June will host the meeting.", dv("2023-06-01", "2023-06-30", "month")),
    ('"We will leave," the minister told The New York Times on Monday.', dv("2023-05-01")),
    # A quote-tag verb places a date after it like any past verb.
    ('"Enough," protesters chanted in the capital in June.', dv("2022-06-01", "2022-06-30", "month")),
])
def test_reporting_verbs_and_listeners(text, expected):
    assert find_dates(text, REF)[-1].value == expected


def test_continued_to_until_is_past():
    found = find_dates("Protesters continued to occupy the square until December.", date(2023, 10, 5))
    assert found[-1].value == dv("2022-12-01", "2022-12-31", "month")


def test_spelled_out_day_found_in_running_text():
    found = find_dates("The ministers met on the first of May in Astana.", REF)
    assert [(m.text, m.value) for m in found] == [("the first of May", dv("2023-05-01"))]


def test_a_full_month_name_does_not_take_the_sentence_full_stop():
    found = find_dates("They met on the first of May. Talks resume on 3 June.", REF)
    assert [m.text for m in found] == ["the first of May", "3 June"]
    assert [m.text for m in find_dates("They met on Apr. 26.", REF)] == ["Apr. 26"]


def test_year_ago_inside_a_longer_compound_is_not_a_date():
    assert find_dates("The five-year-ago baseline was lower.", REF) == []


@pytest.mark.parametrize("text,expected", [
    # Inside one clause a cue before the date governs it, even when one follows.
    ("The ceasefire agreed in June is holding.", dv("2022-06-01", "2022-06-30", "month")),
    ("The sanctions imposed in March should be lifted.", dv("2023-03-01", "2023-03-31", "month")),
    ("Member states that signed in June have to ratify the treaty.", dv("2022-06-01", "2022-06-30", "month")),
    # Without one, a cue after it does.
    ("Talks in June will focus on trade.", dv("2023-06-01", "2023-06-30", "month")),
    # "X have to" looks ahead; "X have been" looks back.
    ("The minister would have to resign in July.", dv("2023-07-01", "2023-07-31", "month")),
    ("The bank might have to raise rates again in June.", dv("2023-06-01", "2023-06-30", "month")),
    # A reporting verb places only a date next to it, not one inside what was said.
    ('"The delegation will leave on Thursday," the minister said.', dv("2023-05-04")),
    ("The minister said on Thursday that talks would resume.", dv("2023-04-27")),
    # Future seen from the past may fall on either side of today: no-tense placement.
    ("The talks were scheduled for May 5.", dv("2023-05-05")),
    ("The talks were scheduled for April 20.", dv("2023-04-20")),
    # A past clause sets a deadline; it does not place it.
    ("The ministry extended the offer to May 20.", dv("2023-05-20")),
    ("The government set a May 20 deadline.", dv("2023-05-20")),
    ("The ministers met on April 20.", dv("2023-04-20")),
    ("They decided to meet again in March.", dv("2024-03-01", "2024-03-31", "month")),
    ("The ministry set a May 20 return date.", dv("2023-05-20")),
    # "unspecified" is an adjective, not a past verb: "would" places the month.
    ("It would be paid on a still unspecified date in January.", dv("2024-01-01", "2024-01-31", "month")),
    # Results for the quarter just ended are still to be reported.
    ("The company expects to report first-quarter results.", dv("2023-01-01", "2023-03-31", "quarter")),
    ("The company expects growth in the third quarter.", dv("2023-07-01", "2023-09-30", "quarter")),
    ("The firm expects to complete the project in the first quarter.", dv("2024-01-01", "2024-03-31", "quarter")),
    # A clause that is only an adverbial takes the next verb, a reporting verb included.
    ("In June, the minister said that Kazakhstan would join the talks.", dv("2022-06-01", "2022-06-30", "month")),
    ("On Thursday, the White House said it will send aid.", dv("2023-04-27")),
    ("Speaking to reporters on Thursday, the minister said aid would come.", dv("2023-04-27")),
    # A reporting verb also places a date after its listener or medium.
    ("The company will cut jobs, it said in a statement Thursday.", dv("2023-04-27")),
    ("The army will withdraw, the minister told reporters on Thursday.", dv("2023-04-27")),
    ('"We will win," the President said in remarks Thursday.', dv("2023-04-27")),
    # Verbs that are often not reporting ones keep their past.
    ("Moscow recalled its ambassador in June, and relations will worsen.", dv("2022-06-01", "2022-06-30", "month")),
    # Not deadlines: a possessive, a passive agent, "had", a durative "until".
    ("In response to Sunday's strike, Israel closed the border.", dv("2023-04-30")),
    ("The vote was overshadowed by Sunday's attack.", dv("2023-04-30")),
    ("By June, refugees had fled the city.", dv("2022-06-01", "2022-06-30", "month")),
    ("The talks lasted until Thursday.", dv("2023-04-27")),
    # Deadlines: after a deadline verb, after a deadline noun.
    ("The parliament postponed the vote until June.", dv("2023-06-01", "2023-06-30", "month")),
    ("They agreed a deadline of June 30.", dv("2023-06-30")),
    ("The council reaffirmed Wednesday's deadline for a reply.", dv("2023-05-03")),
    ("Greece missed the deadline on Wednesday.", dv("2023-04-26")),
    ("The treaty required all foreign troops to be removed by June.", dv("2023-06-01", "2023-06-30", "month")),
    ("The ministers, who had met before, agreed to finish the text by June.", dv("2023-06-01", "2023-06-30", "month")),
    ("By Wednesday, the death toll rose to 50.", dv("2023-04-26")),
    ("The troops had left by June.", dv("2022-06-01", "2022-06-30", "month")),
    ("He told the court he stayed in Kyiv until June.", dv("2022-06-01", "2022-06-30", "month")),
    ("The Dow closed at a record Wednesday.", dv("2023-04-26")),
    # An infinitive lasting up to the date: placed as with no tense.
    ("The company said it has chosen three firms for the program to run through June.",
     dv("2023-06-01", "2023-06-30", "month")),
    # A reporting verb before the date does not govern it from outside its clause.
    ("He said that in June, the country will hold a referendum.", dv("2023-06-01", "2023-06-30", "month")),
    ("Officials said that, on Friday, the border will reopen.", dv("2023-05-05")),
    # A quote tag is a reporting verb; a listener may be a name.
    ('"Talks resume in June," the envoy added.', dv("2023-06-01", "2023-06-30", "month")),
    ('"We will leave," the minister told Reuters on Thursday.', dv("2023-04-27")),
    # "was to" + verb: future seen from the past.
    ("The summit was to take place in June.", dv("2023-06-01", "2023-06-30", "month")),
    ("The foreign minister was to travel to Beijing on Wednesday.", dv("2023-05-03")),
    # "was due to" + noun and "was planned in" are plain past.
    ("The delay was due to heavy rains in June.", dv("2022-06-01", "2022-06-30", "month")),
    ("The meeting was planned in March.", dv("2023-03-01", "2023-03-31", "month")),
])
def test_clause_tense_for_partial_dates(text, expected):
    [m] = find_dates(text, REF)
    assert m.value == expected


def test_modal_obligation_points_forward():
    text = "The ministers said the agreement must be ratified by March."
    [m] = find_dates(text, REF)
    assert m.value == dv("2024-03-01", "2024-03-31", "month")


def test_counterfactual_modal_points_back():
    text = "The treaty would have been signed in June."
    [m] = find_dates(text, REF)
    assert m.value == dv("2022-06-01", "2022-06-30", "month")


