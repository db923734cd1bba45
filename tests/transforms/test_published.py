"""Publication dates: metadata values and fields (transforms.dates.metadata) and the fallbacks from the text
(transforms.dates.published): head line, dateline after head lines, title, body."""

from __future__ import annotations

import datetime as dt

import pytest

import transforms.dates.metadata as M
import transforms.reference as R
from transforms.dates import (dayfirst_hint, find_dates, find_lead_dateline, head_date, metadata_published,
                              published_line_date, read_metadata_date, text_date)
from transforms.dates.published import body_date, title_date
from tests.transforms.test_reference import _edit, scratch  # noqa: F401 - the fixture

D = dt.date
PUBLISHED = R.load("dates/published.yaml")


@pytest.mark.parametrize("example", PUBLISHED.examples, ids=lambda e: str(e.meta)[:60])
def test_reads_every_metadata_example_of_the_file(example):
    assert metadata_published(example.meta)[1] == example.day


@pytest.mark.parametrize("counter", PUBLISHED.not_, ids=lambda e: str(e.meta)[:60])
def test_leaves_every_counter_example_undated(counter):
    assert metadata_published(counter.meta)[1] is None


@pytest.mark.parametrize("example", PUBLISHED.lines, ids=lambda e: e.text)
def test_reads_every_visible_line_example(example):
    assert published_line_date(example.text) == example.day


@pytest.mark.parametrize("text", PUBLISHED.not_lines)
def test_leaves_every_counter_line_alone(text):
    assert published_line_date(text) is None


@pytest.mark.parametrize("value,expected", [
    ("2023-02-09", D(2023, 2, 9)),
    ("2023-02-09T17:19:00Z", D(2023, 2, 9)),
    ("2023-02-09T23:30:00-05:00", D(2023, 2, 9)),  # dated where published, not in UTC
    ("2023-02-09 17:19:00 UTC", D(2023, 2, 9)),
    ("09 Feb 2023, 17:19", D(2023, 2, 9)),
    ("February 9, 2023 5:19 PM", D(2023, 2, 9)),
    ("February 09, 2023 at 5:19 pm EST", D(2023, 2, 9)),
    ("Thursday, 9 February 2023", D(2023, 2, 9)),
    ("9 February 2023", D(2023, 2, 9)),
    ("9-Feb-2023", D(2023, 2, 9)),
    ("Thu, 09 Feb 2023 17:19:00 +0000", D(2023, 2, 9)),
    ("2023/02/09", D(2023, 2, 9)),
    ("2023.02.09", D(2023, 2, 9)),
    ("2023年2月9日", D(2023, 2, 9)),
    ("20230209", D(2023, 2, 9)),
    ("9.2.2023", D(2023, 2, 9)),
    ("24.02.2025 18:05", D(2025, 2, 24)),
    ("13/02/2023", D(2023, 2, 13)),  # a part > 12 is the day
    ("06/03/2023", D(2023, 6, 3)),  # ambiguous, no hint: month first
    (1675963140, D(2023, 2, 9)),  # epoch seconds, UTC
    (1675963140000, D(2023, 2, 9)),  # epoch milliseconds
    ("1675963140", D(2023, 2, 9)),
    ("1675963140000", D(2023, 2, 9)),
    (1675963140.5, D(2023, 2, 9)),
    (dt.datetime(2023, 2, 9, 17, 19), D(2023, 2, 9)),
    (D(2023, 2, 9), D(2023, 2, 9)),
    ("2023-02-30", None),
    ("February 2023", None),
    ("9 February", None),
    ("someday", None),
    ("12345", None),
    (12345, None),  # a count, not an epoch time
    (float("nan"), None),
    (True, None),
    ("", None),
    (None, None),
    (["2023-02-09"], None),
])
def test_read_metadata_date(value, expected):
    assert read_metadata_date(value) == expected


def test_day_first_only_when_the_source_says_so():
    assert read_metadata_date("06/03/2023", dayfirst=True) == D(2023, 3, 6)
    assert read_metadata_date("06/03/2023", dayfirst=False) == D(2023, 6, 3)
    assert read_metadata_date("9.2.2023", dayfirst=False) == D(2023, 2, 9)  # dotted: always day first


@pytest.mark.parametrize("meta,language,expected", [
    ({"site_locale": "vi-VN"}, None, True),
    ({"og:locale": "en_GB"}, None, True),
    ({"locale": "en-US"}, None, False),
    ({"lang": "en-PH"}, None, False),
    ({}, "de", True),
    ({}, "en", None),
    ({"language": "en"}, None, None),
    ({}, None, None),
    ({"inLanguage": "fr-FR", "lang": "en-US"}, None, True),  # the first locale field with a region
])
def test_dayfirst_hint(meta, language, expected):
    assert dayfirst_hint(meta, language) is expected


def test_metadata_field_order_and_the_value_given_back():
    assert metadata_published({"date": "2023-02-10", "published_time": "2023-02-09"}) == ("2023-02-09", D(2023, 2, 9))
    assert metadata_published({"DC.Date.Issued": "2023-02-09"})[1] == D(2023, 2, 9)
    # No field is a date: the best field's value comes back (so ingest can warn about it), with no day.
    assert metadata_published({"date": "soon", "title": "T"}) == ("soon", None)
    assert metadata_published({"title": "T"}) == (None, None)
    assert metadata_published({"date": "06/03/2023", "lang": "de-DE"})[1] == D(2023, 3, 6)


def test_head_line_is_read_only_at_the_head_of_the_page():
    text = "Title of the release\n\nPress Office\nPublished: 9 February 2023\n\n" + "The ministers met. " * 8
    assert head_date(text) == D(2023, 2, 9)
    prose_first = "Title\n\n" + "The ministers met in the capital and spoke. " * 5 + "\n\nPublished 9 February 2023"
    assert head_date(prose_first) is None


def test_dateline_after_head_lines():
    text = ("CABINET SECRETARY CONCLUDES VISIT\n\nMINISTRY OF FOREIGN AFFAIRS\nPRESS RELEASE\n\n"
            "NAIROBI, 7 June 2023 – The Cabinet Secretary yesterday concluded a three-day official visit to the "
            "Kingdom of Morocco at the invitation of his counterpart.")
    found = find_lead_dateline(text)
    assert found.value.start == D(2023, 6, 7) and text[found.start:found.end] == "7 June 2023"
    assert find_lead_dateline("Talks held\n\nThe ministers met in Nairobi on 7 June 2023.") is None


@pytest.mark.parametrize("title,body,expected", [
    ("Visit by the Minister to the Republic of Uzbekistan, 8 to 10 February 2023",
     "The Minister made an official visit from 8 to 10 February 2023.", D(2023, 2, 10)),
    ("Communiqué of the Foreign Ministers (Capri, 19 April 2024)", "We met on the island.", D(2024, 4, 19)),
    ("Minister to visit Uzbekistan, 8 to 10 February 2023",
     "The Minister will make an official visit from 8 to 10 February 2023.", None),
    ("Statement on the talks of 9 February", "The ministers met.", None),  # no year: not a full date
])
def test_title_date_is_the_last_day(title, body, expected):
    assert title_date(title, body) == expected


def test_body_date_is_the_latest_before_the_first_future_sentence_with_a_date():
    body = ("The ministers met on 4 May 2023 and signed an accord on 5 May 2023. They will continue to talk. "
            "The next round will be held on 5 May 2024. Issued on 7 May 2023.")
    assert body_date(body) == D(2023, 5, 5)
    assert body_date("The accord of 12 March 2019 was recalled when the ministers met on 2 June 2021.") == D(2021, 6, 2)
    assert body_date("They will meet on 5 May 2024.") is None
    assert body_date("They met on Tuesday.") is None


def test_text_date_says_where_it_found_the_date():
    title = "Talks in Tashkent, 9 February 2023"
    assert text_date(f"{title}\n\nThe ministers met on 8 February 2023.", title) == (D(2023, 2, 9), "title")
    assert text_date("Talks\n\nThe ministers met on 8 February 2023.", "Talks") == (D(2023, 2, 8), "body")
    assert text_date("Talks\n\nThe ministers met.", "Talks") == (None, None)


def test_find_dates_without_a_reference_keeps_what_the_text_fixes():
    found = find_dates("They met on 23 November 2021. Two days later they spoke. On 9 February they "
                       "talked, and in 2019 they signed.", None)
    values = [(d.text, d.value.start if d.value else None) for d in found]
    assert values == [("23 November 2021", D(2021, 11, 23)), ("Two days later", D(2021, 11, 25)),
                      ("9 February", None), ("2019", D(2019, 1, 1))]


def test_loader_refuses_examples_the_reader_does_not_read(scratch, monkeypatch):  # noqa: F811
    _edit(scratch / "dates" / "published.yaml", "  - meta: {date: \"09 Feb 2023, 17:19\"}\n    day: 2023-02-09",
          "  - meta: {date: \"09 Feb 2023, 17:19\"}\n    day: 2023-02-10")
    M._read_places.cache_clear()
    M._places.cache_clear()
    try:
        with pytest.raises(R.ReferenceDataError, match="does not read its own examples"):
            M._places()
    finally:
        M._read_places.cache_clear()
        M._places.cache_clear()
