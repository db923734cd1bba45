"""Article rows from raw documents: sections, dates, ids, title in the text."""

import datetime as dt

from transforms.articles import build_articles, build_articles_batch
from transforms.ingest import RawDocument
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
