"""Merging mentions into events (within and across articles), ids, entities and quarantine.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from transforms.extract import ArticleBatch, build_tables, extract_articles
from transforms.extract.records import EventMention
from transforms.ids import make_id


def article(text: str, source_path: str, key: str = "0", published: dt.date = dt.date(2023, 10, 11),
            title: str | None = None) -> dict:
    return {"article_id": make_id("art", source_path, key), "source_path": source_path, "record_key": key,
            "url": None, "title": title, "published_date": published, "published_date_source": "dateline",
            "text": text}


LEAD = ("Austria and the Alpine states have agreed to hold the Alpine Summit next month. To prepare, Foreign "
        "Minister Lena Vogt of Austria hosted her counterparts in Innsbruck on October 9-10. The following day, "
        "Lena Vogt chaired the second Alpine Foreign Ministers' Meeting.")
SECTION_1 = ("On October 9, 2023, Foreign Minister Lena Vogt of Austria held talks in Innsbruck respectively with "
             "Foreign Minister Ola Brekke of Norway and Foreign Minister Marco Ricci of Italy. The ministers were in "
             "Austria for the second Alpine Foreign Ministers' Meeting.")
SECTION_2 = ("On October 10, 2023, Foreign Minister Lena Vogt of Austria chaired the second Alpine Foreign "
             "Ministers' Meeting in Innsbruck. Foreign Minister Ola Brekke of Norway and Foreign Minister Marco "
             "Ricci of Italy were present. The Alpine Summit will be held in Innsbruck in November.")


def seed_like() -> list[dict]:
    return [article(LEAD, "blog/alpine.txt", "0#s0"), article(SECTION_1, "blog/alpine.txt", "0#s1", dt.date(2023, 10, 9)),
            article(SECTION_2, "blog/alpine.txt", "0#s2", dt.date(2023, 10, 10))]


def test_one_named_meeting_told_three_times_is_one_event():
    out = build_tables([extract_articles(seed_like())])
    meetings = [e for e in out["events"] if e["name"] == "Second Alpine Foreign Ministers' Meeting"]
    assert len(meetings) == 1
    (meeting,) = meetings
    assert meeting["mention_count"] >= 3
    assert meeting["start_date"] == dt.date(2023, 10, 10)
    assert set(meeting["countries"]) >= {"AUT", "ITA", "NOR"}
    assert meeting["location"] == "Innsbruck" and meeting["status"] == "occurred"
    mentions = [m for m in out["event_mentions"] if m["event_id"] == meeting["event_id"]]
    assert len({m["article_id"] for m in mentions}) == 3


def test_bilateral_talks_on_one_day_stay_apart():
    out = build_tables([extract_articles(seed_like())])
    talks = sorted(tuple(e["countries"]) for e in out["events"] if e["event_type"] == "talks")
    assert talks == [("AUT", "ITA"), ("AUT", "NOR")]


def test_named_summit_told_with_different_date_words_is_one_planned_event():
    out = build_tables([extract_articles(seed_like())])
    (summit,) = [e for e in out["events"] if e["event_type"] == "summit"]
    assert summit["status"] == "planned"
    assert (summit["start_date"], summit["date_precision"]) == (dt.date(2023, 11, 1), "month")


def test_same_call_from_two_publishers_merges_other_days_do_not():
    a = article("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal.",
                "whitehouse/a.md", published=dt.date(2023, 10, 11))
    b = article("On October 11, 2023, President Ines Duarte of Portugal held a phone call with Prime Minister Karl "
                "Moen of Norway.", "news/b.txt", published=dt.date(2023, 10, 12))
    c = article("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal.",
                "whitehouse/c.md", published=dt.date(2023, 11, 20))
    out = build_tables([extract_articles([a, b]), extract_articles([c])])
    calls = [e for e in out["events"] if e["event_type"] == "phone_call"]
    assert len(calls) == 2
    merged = [e for e in calls if e["mention_count"] == 2]
    assert len(merged) == 1 and merged[0]["start_date"] == dt.date(2023, 10, 11)


def test_ids_do_not_depend_on_batching():
    arts = seed_like()
    one = build_tables([extract_articles(arts)])
    split = build_tables([extract_articles(arts[2:]), extract_articles(arts[:1]), extract_articles(arts[1:2])])
    for table in ("events", "event_mentions", "participants", "commitments", "entities"):
        key = {"events": "event_id", "commitments": "commitment_id", "entities": "entity_id"}.get(table)
        rows = lambda t: sorted(json.dumps(r, default=str, sort_keys=True) for r in t[table])  # noqa: E731
        assert rows(one) == rows(split), table
        if key:
            assert len({r[key] for r in one[table]}) == len(one[table])


def test_bad_dates_and_failing_articles_are_quarantined():
    bad = EventMention(
        mention_id="evm_x", article_id="art_x", source_path="news/x.txt", order=0, event_type="meeting",
        status="occurred", start_date=dt.date(2023, 5, 2), end_date=dt.date(2023, 5, 1), date_precision="day",
        date_rank=3, name=None, location=None, location_country=None, countries=("AUT", "ITA"), char_start=0,
        char_end=5, evidence="Hello", confidence=0.9)
    out = build_tables([ArticleBatch(events=[bad])])
    assert out["events"] == []
    (q,) = out["quarantine"]
    assert q["stage"] == "extract" and q["source_path"] == "news/x.txt" and "end_date" in q["reason"]
    assert json.loads(q["payload"])["countries"] == ["AUT", "ITA"]
    broken = article("x", "news/broken.txt")
    broken["text"] = 123
    out = build_tables([extract_articles([broken])])
    assert [q["record_key"] for q in out["quarantine"]] == ["0"]


def test_entities_cover_participants_and_parties():
    out = build_tables([extract_articles(seed_like())])
    ids = {e["entity_id"] for e in out["entities"]}
    assert {p["entity_id"] for p in out["participants"]} <= ids
    people = {e["name"]: e for e in out["entities"] if e["entity_type"] == "person"}
    assert {"Lena Vogt", "Ola Brekke", "Marco Ricci"} <= set(people)
    assert people["Lena Vogt"]["country"] == "AUT"
    countries = {e["country"] for e in out["entities"] if e["entity_type"] == "country"}
    assert {c for row in out["commitments"] for c in row["parties"]} <= countries


# A blog post whose lead retells the commitments of the readout embedded after it.
BLOG_LEAD = ("Austria and Italy have agreed to a joint rail corridor through the Brenner Pass.\n\n"
             "Following the talks, Lena Vogt of Austria and Marco Ricci of Italy reached consensus on two key "
             "points:\n\n"
             "• Adhering to open borders, and expanding tourism cooperation.\n"
             "• Adhering to clean energy, and building new hydropower plants.")
BLOG_READOUT = ("On October 10, 2023, Foreign Minister Lena Vogt of Austria held talks in Innsbruck with Foreign "
                "Minister Marco Ricci of Italy. Lena Vogt said that Austria and Italy have agreed to build a joint "
                "rail corridor through the Brenner Pass.\n\n"
                "First, adhere to open borders, and expand tourism cooperation.\n\n"
                "Second, adhere to clean energy, and build new hydropower plants.\n\n"
                "Austria will not impose new tolls on Italian trucks. Austria will not impose new fees on Italian "
                "buses.")


def blog() -> list[dict]:
    lead = article(BLOG_LEAD, "blog/brenner.txt", "0#s0")
    lead["published_date_source"] = "inferred"
    return [lead, article(BLOG_READOUT, "blog/brenner.txt", "0#s1", dt.date(2023, 10, 10))]


def test_commitment_retold_in_a_lead_is_one_row_from_the_readout():
    lead, readout = blog()
    out = build_tables([extract_articles([lead, readout])])
    rows = out["commitments"]
    corridor = [c for c in rows if "rail corridor" in c["evidence"]]
    assert len(corridor) == 1
    (c,) = corridor
    assert c["article_id"] == readout["article_id"] and c["action"] == "build"
    (talks,) = [e for e in out["events"] if e["event_type"] == "talks"]
    assert c["event_id"] == talks["event_id"]
    points = [c for c in rows if c["action"] == "adhere"]
    assert len(points) == 2 and {c["article_id"] for c in points} == {readout["article_id"]}
    assert all(c["confidence"] > 0.8 for c in points)  # told twice


def test_parallel_clauses_of_one_text_stay_apart():
    rows = build_tables([extract_articles(blog())])["commitments"]
    assert len([c for c in rows if c["action"] == "impose"]) == 2


def test_same_commitment_from_two_publishers_of_one_event_merges():
    a = article("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal. The two "
                "leaders agreed to open a direct ferry line between Bergen and Porto.", "whitehouse/a.md")
    b = article("On October 11, 2023, President Ines Duarte of Portugal held a phone call with Prime Minister Karl "
                "Moen of Norway. The two leaders agreed to open a direct ferry line between Bergen and Porto.",
                "news/b.txt", published=dt.date(2023, 10, 12))
    c = article("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal. The two "
                "leaders agreed to open a direct ferry line between Bergen and Porto.", "whitehouse/c.md",
                published=dt.date(2023, 11, 20))
    out = build_tables([extract_articles([a, b]), extract_articles([c])])
    ferry = [r for r in out["commitments"] if r["action"] == "open"]
    assert len(ferry) == 2  # the October call (told twice) and the November call
    assert len({r["event_id"] for r in ferry}) == 2


def test_merged_commitments_do_not_depend_on_batching():
    arts = blog()
    one = build_tables([extract_articles(arts)])["commitments"]
    split = build_tables([extract_articles(arts[1:]), extract_articles(arts[:1])])["commitments"]
    assert sorted(json.dumps(r, default=str, sort_keys=True) for r in one) == sorted(
        json.dumps(r, default=str, sort_keys=True) for r in split)


def _mention(mid: str, start: dt.date, end: dt.date, precision: str, rank: int) -> EventMention:
    return EventMention(
        mention_id=mid, article_id="art_" + mid, source_path=f"news/{mid}.txt", order=0, event_type="meeting",
        status="occurred", start_date=start, end_date=end, date_precision=precision, date_rank=rank, name=None,
        location="Lisbon", location_country="PRT", countries=("NOR", "PRT"), char_start=0, char_end=5,
        evidence="Hello", confidence=0.9)


D = dt.date
NOV = ("2022-11-01", "2022-11-30", "month", 3)


@pytest.mark.parametrize("tellings,expected", [
    # "met today" in the readout (relative, rank 2) inside "in November 2022" of a later
    # article (explicit, rank 3): the event is that day, not the month.
    ([NOV, ("2022-11-21", "2022-11-21", "day", 2)], ("2022-11-21", "2022-11-21", "day")),
    # A telling that disagrees, a rank-0 guess or an inferred week (rank 1) does not narrow.
    ([NOV, ("2022-12-02", "2022-12-02", "day", 2), ("2022-11-05", "2022-11-05", "day", 0),
      ("2022-11-14", "2022-11-20", "week", 1)], ("2022-11-01", "2022-11-30", "month")),
    # The days of a stated range are parts of the event, not its date.
    ([("2022-02-17", "2022-02-19", "day", 3), ("2022-02-19", "2022-02-19", "day", 2)],
     ("2022-02-17", "2022-02-19", "day")),
    # Tellings of a multi-day event ("opened today", "concluded today") narrow to the days between.
    ([NOV, ("2022-11-21", "2022-11-21", "day", 2), ("2022-11-23", "2022-11-23", "day", 2)],
     ("2022-11-21", "2022-11-23", "day")),
])
def test_agreeing_more_precise_tellings_narrow_the_event_date(tellings, expected):
    from transforms.extract.merge import _event_dates
    ms = [_mention(str(i), D.fromisoformat(s), D.fromisoformat(e), p, r) for i, (s, e, p, r) in enumerate(tellings)]
    start, end, precision = expected
    assert _event_dates(ms) == (D.fromisoformat(start), D.fromisoformat(end), precision)


# ---------------------------------------------------------------------------- documents and tellings

def test_records_of_one_json_lines_file_are_different_documents():
    # Two unrelated wire records of one file: the undated telling of the second never joins the first's meeting.
    first = article("On October 11, 2023, Prime Minister Karl Moen of Norway met President Ines Duarte of Portugal "
                    "in Lisbon.", "wire/feed.jsonl", "line1")
    second = article("Prime Minister Karl Moen of Norway met President Ines Duarte of Portugal in Oslo, a spokesman "
                     "said.", "wire/feed.jsonl", "line2", published=None)
    out = build_tables([extract_articles([first, second])])
    meetings = [e for e in out["events"] if e["event_type"] in ("meeting", "talks")]
    assert len(meetings) == 2
    assert sorted(str(e["start_date"]) for e in meetings) == ["2023-10-11", "None"]


def test_sections_of_one_compound_article_are_one_document():
    from transforms.extract import document_key
    lead, readout = blog()
    assert document_key(lead) == document_key(readout) == "blog/brenner.txt#0"
    assert document_key(article("x", "wire/feed.jsonl", "line2#s1")) == "wire/feed.jsonl#line2"


def test_undated_telling_never_joins_another_documents_event():
    dated = article("On October 10, 2023, the Foreign Ministers of Austria and Italy held the second Alpine "
                    "Dialogue in Innsbruck.", "news/a.txt")
    undated = article("The Foreign Ministers of Austria and Italy held the second Alpine Dialogue.", "news/b.txt",
                      published=None)
    out = build_tables([extract_articles([dated, undated])])
    talks = [e for e in out["events"] if e["event_type"] == "talks"]
    assert len(talks) == 2 and {e["start_date"] for e in talks} == {dt.date(2023, 10, 10), None}


def test_named_event_told_months_apart_in_other_documents_stays_apart():
    spring = article("On April 4, 2023, the Foreign Ministers of Austria and Italy held the Alpine Dialogue in "
                     "Innsbruck.", "news/a.txt", published=dt.date(2023, 4, 5))
    autumn = article("On October 10, 2023, the Foreign Ministers of Austria and Italy held the Alpine Dialogue in "
                     "Bolzano.", "news/b.txt", published=dt.date(2023, 10, 11))
    out = build_tables([extract_articles([spring, autumn])])
    talks = sorted(e["start_date"] for e in out["events"] if e["event_type"] == "talks")
    assert talks == [dt.date(2023, 4, 4), dt.date(2023, 10, 10)]


def _copies(n: int) -> list[dict]:
    text = ("Prime Minister Karl Moen of Norway spoke today with President Ines Duarte of Portugal. The two leaders "
            "agreed to open a direct ferry line between Bergen and Porto.")
    return [article(text + f"\n\nArchived copy {k}.", f"archive/copy{k}.md") for k in range(n)]


def test_identical_tellings_in_different_documents_are_one_event_and_one_commitment():
    one = build_tables([extract_articles(_copies(1))])
    three = build_tables([extract_articles(_copies(3))])
    assert len(three["events"]) == len(one["events"]) and len(three["commitments"]) == len(one["commitments"])
    (ferry,) = [c for c in three["commitments"] if c["action"] == "open"]
    tellings = [m for m in three["commitment_mentions"] if m["commitment_id"] == ferry["commitment_id"]]
    assert len({m["article_id"] for m in tellings}) == 3
    assert all(m["evidence"].startswith("The two leaders agreed") for m in tellings)
    (call,) = [e for e in three["events"] if e["event_type"] == "phone_call"]
    assert call["mention_count"] == 3
    # Copies are one piece of evidence: confidence does not grow with them.
    assert call["confidence"] == next(e for e in one["events"] if e["event_type"] == "phone_call")["confidence"]
    assert ferry["confidence"] == next(c for c in one["commitments"] if c["action"] == "open")["confidence"]


def test_identical_undated_tellings_of_different_days_stay_apart():
    text = "Prime Minister Karl Moen of Norway met President Ines Duarte of Portugal in Lisbon."
    a = article(text, "archive/a.md", published=dt.date(2023, 10, 11))
    b = article(text, "archive/b.md", published=dt.date(2024, 2, 1))
    out = build_tables([extract_articles([a, b])])
    assert len([e for e in out["events"] if e["event_type"] in ("meeting", "talks")]) == 2


def test_every_telling_of_a_merged_commitment_is_a_mention_row():
    lead, readout = blog()
    out = build_tables([extract_articles([lead, readout])])
    (corridor,) = [c for c in out["commitments"] if "rail corridor" in c["evidence"]]
    tellings = [m for m in out["commitment_mentions"] if m["commitment_id"] == corridor["commitment_id"]]
    assert {m["article_id"] for m in tellings} == {lead["article_id"], readout["article_id"]}
    texts = {a["article_id"]: a["text"] for a in (lead, readout)}
    assert all(texts[m["article_id"]][m["char_start"]:m["char_end"]] == m["evidence"] for m in tellings)
    ids = {c["commitment_id"] for c in out["commitments"]}
    assert {m["commitment_id"] for m in out["commitment_mentions"]} == ids


def test_twins_pair_the_nth_telling_of_a_sentence_per_document():
    from transforms.extract.tellings import twins
    items = [("d1", "a"), ("d1", "a"), ("d2", "a"), ("d2", "a"), ("d2", "a"), ("d3", "b"), ("d1", "c")]
    out = twins(items, key=lambda t: t[1], document=lambda t: t[0], order=lambda t: t[0])
    assert out == {2: 0, 3: 1, 4: 1}
    assert twins(items, key=lambda t: None, document=lambda t: t[0], order=lambda t: t[0]) == {}


def test_a_title_does_not_join_an_event_its_body_plans_for_months_later():
    from tests.transforms.test_extract_events import article, tables
    text = ("Chile and Peru hold political consultations\n\nThe parties prepared the eighth meeting of the Chile-Peru "
            "Joint Commission, scheduled to take place in Lima in December.")
    evs = tables(article(text, title="Chile and Peru hold political consultations"))["events"]
    planned = [e for e in evs if e["status"] == "planned"]
    assert [(e["start_date"], len(e["evidence"]) > 60) for e in planned] == [(dt.date(2023, 12, 1), True)]
    assert any(e["evidence"].startswith("Chile and Peru hold") for e in evs)
