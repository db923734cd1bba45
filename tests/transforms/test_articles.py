"""Article rows from raw documents: sections, dates, ids, title in the text."""

import datetime as dt

from transforms.articles import build_articles, build_articles_batch
from transforms.ingest import RawDocument, parse_markdown
from tests.transforms.test_sections import COMPOUND

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


def test_batch_quarantines_a_document_that_fails(monkeypatch):
    import transforms.articles as articles

    good = RawDocument("a.txt", "0", "txt", body="Fine.", title="T")
    bad = RawDocument("b.txt", "0", "txt", body="Breaks.", title="T")
    real = articles.build_articles

    def flaky(doc, at):
        if doc.source_path == "b.txt":
            raise ValueError("boom")
        return real(doc, at)

    monkeypatch.setattr(articles, "build_articles", flaky)
    rows, bad_rows = build_articles_batch([good, bad], NOW)
    assert [r["source_path"] for r in rows] == ["a.txt"]
    assert bad_rows[0]["stage"] == "normalize" and "boom" in bad_rows[0]["reason"]


def test_language_from_metadata_or_script():
    (zh,) = build_articles(RawDocument("z.txt", "0", "txt", body="外交部长在西安举行会谈。", title=None), NOW)
    assert zh["language"] == "zh"
    (fr,) = build_articles(RawDocument("f.md", "0", "md", body="Les ministres.", language="fr"), NOW)
    assert fr["language"] == "fr"


def _dated(body: str, title: str | None = "Talks", **kw) -> tuple:
    (row,) = build_articles(RawDocument("a.txt", "0", "txt", body=body, title=title, **kw), NOW)
    return row["published_date"], row["published_date_source"]


def test_metadata_in_any_common_form():
    assert _dated("The ministers met.", published="09 Feb 2023, 17:19") == (dt.date(2023, 2, 9), "metadata")
    assert _dated("The ministers met.", published="1675963140") == (dt.date(2023, 2, 9), "metadata")
    (doc,) = parse_markdown("---\ntitle: Talks\ntimestamp: 1708416000\n---\n\nThey met.\n", "a.md")
    assert build_articles(doc, NOW)[0]["published_date"] == dt.date(2024, 2, 20)


def test_numeric_metadata_is_day_first_when_the_locale_says_so():
    assert _dated("Met.", published="06/03/2023", metadata={"site_locale": "vi-VN"})[0] == dt.date(2023, 3, 6)
    assert _dated("Met.", published="06/03/2023", language="en")[0] == dt.date(2023, 6, 3)
    assert _dated("Met.", published="06/03/2023", language="fr")[0] == dt.date(2023, 3, 6)


def test_ambiguous_numeric_metadata_agrees_with_the_dateline():
    # Neither locale nor region: month first, unless the text's own head tells the other reading.
    assert _dated("MUMBAI, Mar 6 (ANI) The ministers met.", published="06-03-2023 10:15")[0] == dt.date(2023, 3, 6)
    assert _dated("Ministers met on Sunday.", title="Talks in Lima, 5 November 2023",
                  published="05/11/2023")[0] == dt.date(2023, 11, 5)
    # The month-first reading agrees, or nothing is told: month first as before.
    assert _dated("WASHINGTON, June 3 - The ministers met.", published="06/03/2023")[0] == dt.date(2023, 6, 3)
    assert _dated("The ministers met.", published="06/03/2023")[0] == dt.date(2023, 6, 3)


def test_visible_published_line_is_metadata():
    body = "Press Office\nPublished 9 February 2023\n\nThe ministers met on 8 February 2023 in Tashkent."
    assert _dated(body) == (dt.date(2023, 2, 9), "metadata")


def test_dateline_after_head_lines_dates_the_article():
    body = "MINISTRY OF FOREIGN AFFAIRS\nPRESS RELEASE\n\nNAIROBI, 7 June 2023 – The Cabinet Secretary concluded a visit."
    assert _dated(body) == (dt.date(2023, 6, 7), "dateline")


def test_title_then_body_dates_are_inferred():
    title = "Visit of the Minister to Uzbekistan, 8 to 10 February 2023"
    assert _dated("The Minister made an official visit.", title=title) == (dt.date(2023, 2, 10), "inferred")
    assert _dated("The ministers met on 23 November 2021.") == (dt.date(2021, 11, 23), "inferred")


def test_dateline_without_year_takes_it_from_the_body():
    body = "BEIJING, May 5 (Xinhua) -- The ministers met on 4 May 2023 in Beijing."
    assert _dated(body) == (dt.date(2023, 5, 5), "dateline")


def test_dateline_without_year_takes_the_one_year_of_a_copyright_line():
    body = "KAMPALA, Feb. 6 (UNA) -- The ministers met on Tuesday.\n\n2024 (c) Uganda News Agency"
    assert _dated(body) == (dt.date(2024, 2, 6), "dateline")
    body = "LIMA, Dec. 30 (ANP) -- The ministers met.\n\nCopyright © 2023 Andean Press"
    assert _dated(body) == (dt.date(2023, 12, 30), "dateline")
    # A site's range of years dates nothing.
    assert _dated("KAMPALA, Feb. 6 (UNA) -- The ministers met.\n\n© 2015-2024 Uganda News Agency") == (None, "unknown")
