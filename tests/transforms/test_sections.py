"""Compound articles split into datelined sections; plain articles stay whole."""

import datetime as dt

from transforms.articles import build_articles
from transforms.ingest import RawDocument
from transforms.sections import split_sections

COMPOUND = """Lead paragraph of a blog post that quotes two releases.

Minister Holds Talks with Counterpart from Chile

On March 4, 2024, the Minister of Foreign Affairs of Peru held talks in Lima with his Chilean counterpart.

Minister Meets Ambassador of Japan

On March 5, 2024, the Minister met the Ambassador of Japan in Lima.
"""


def test_compound_article_has_lead_and_two_sections():
    sections = split_sections(COMPOUND.strip())
    assert [s.title for s in sections] == [None, "Minister Holds Talks with Counterpart from Chile",
                                           "Minister Meets Ambassador of Japan"]
    assert [s.dateline for s in sections] == [None, dt.date(2024, 3, 4), dt.date(2024, 3, 5)]
    text = COMPOUND.strip()
    assert text[sections[1].start:sections[1].end].startswith("Minister Holds Talks with Counterpart from Chile\n\nOn March 4")
    assert text[sections[1].start:sections[1].end].endswith("Chilean counterpart.")


def test_title_case_line_without_dateline_is_not_a_section():
    text = "Lead.\n\nA Heading Without Dateline\n\nThe ministers met in Lima."
    assert len(split_sections(text)) == 1


def test_sentence_is_not_a_heading():
    text = "The ministers met in Lima on Monday.\n\nOn March 5, 2024, they met again."
    (only,) = split_sections(text)
    assert only.title is None


def test_single_article_with_leading_dateline():
    (only,) = split_sections("On May 2, 2022, the leaders spoke by phone.")
    assert only.dateline == dt.date(2022, 5, 2)


def test_empty_text():
    (only,) = split_sections("")
    assert (only.start, only.end, only.title) == (0, 0, None)


NOW = dt.datetime(2024, 3, 6, tzinfo=dt.timezone.utc)


def test_build_articles_dates_each_section():
    doc = RawDocument("digest.txt", "0", "txt", body=COMPOUND, title="Digest")
    rows = build_articles(doc, NOW)
    assert [r["title"] for r in rows] == ["Digest", "Minister Holds Talks with Counterpart from Chile",
                                          "Minister Meets Ambassador of Japan"]
    assert [(r["published_date"], r["published_date_source"]) for r in rows] == [
        (dt.date(2024, 3, 5), "inferred"), (dt.date(2024, 3, 4), "dateline"), (dt.date(2024, 3, 5), "dateline")]
    assert len({r["article_id"] for r in rows}) == 3
    assert rows == build_articles(doc, NOW), "ids and rows are deterministic"
    assert rows[0]["text"].startswith("Digest\n\nLead paragraph")
    assert rows[2]["text"] == "Minister Meets Ambassador of Japan\n\nOn March 5, 2024, the Minister met the Ambassador of Japan in Lima."


def test_build_articles_metadata_date_wins_for_single_article():
    doc = RawDocument("a.md", "0", "md", body="On May 2, 2022, they met.", title="T", published="2022-05-03")
    (row,) = build_articles(doc, NOW)
    assert (row["published_date"], row["published_date_source"]) == (dt.date(2022, 5, 3), "metadata")
    assert row["record_key"] == "0" and row["language"] == "en"


def test_build_articles_without_any_date():
    doc = RawDocument("a.txt", "0", "txt", body="No date anywhere here.", title="T")
    (row,) = build_articles(doc, NOW)
    assert (row["published_date"], row["published_date_source"]) == (None, "unknown")
