"""Compound articles split into datelined sections; plain articles stay whole."""

import datetime as dt

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
