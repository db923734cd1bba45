"""Background and planned events count; the issuing of a statement does not (ANNOTATION.md).

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import datetime as dt

from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id


def events_of(text: str, title: str | None = None, published: dt.date = dt.date(2023, 9, 21)) -> list[dict]:
    art = {"article_id": make_id("art", "releases/r.txt", "0"), "source_path": "releases/r.txt", "record_key": "0",
           "url": None, "title": title, "published_date": published, "published_date_source": "metadata",
           "text": f"{title}\n\n{text}" if title else text}
    return build_tables([extract_articles([art])])["events"]


def rows(events: list[dict]) -> list[tuple]:
    return sorted((e["event_type"], tuple(e["countries"]), e["status"], e["start_date"], e["end_date"])
                  for e in events)


def test_a_heading_that_names_the_statement_is_no_event():
    title = "Joint Statement on the Third Meeting of the Chile-Peru Border Commission"
    text = ("The text of the following statement was released by the Governments of Chile and Peru.\n\n"
            "Chile and Peru held the third meeting of their Border Commission in Arica on 19 September 2023.")
    assert [e["event_type"] for e in events_of(text, title)] == ["meeting"]


def test_announcing_what_will_be_done_is_a_commitment_not_an_event():
    text = "On 19 September 2023, Foreign Minister Rosa Pinto of Chile announced that Chile will open a consulate in Tacna."
    assert not [e for e in events_of(text) if e["event_type"] == "announcement"]


def test_sessions_of_a_standing_body_past_and_next_take_the_parties_of_the_article():
    text = ("The 4th Session of the Ghana-Togo Joint Commission was held in Accra from 18 to 20 September 2023, "
            "co-chaired by Foreign Minister Ama Owusu of Ghana and Foreign Minister Kodjo Amedzro of Togo.\n\n"
            "The two sides recalled the 3rd Session of the JCC held in Lome in November 2019.\n\n"
            "The two sides agreed that the next session of the Joint Commission will take place in Lome in 2025.")
    assert rows(events_of(text)) == [
        ("meeting", ("GHA", "TGO"), "occurred", dt.date(2019, 11, 1), dt.date(2019, 11, 30)),
        ("meeting", ("GHA", "TGO"), "occurred", dt.date(2023, 9, 18), dt.date(2023, 9, 20)),
        ("meeting", ("GHA", "TGO"), "planned", dt.date(2025, 1, 1), dt.date(2025, 12, 31))]


def test_a_body_to_be_chaired_is_not_a_meeting_but_its_first_meeting_is():
    text = ("On 9 February 2023, Foreign Minister Ama Owusu of Ghana held talks with Foreign Minister Kodjo Amedzro "
            "of Togo. The two Ministers agreed to establish a Joint Working Group on Trade, to be co-chaired by senior "
            "officials, and agreed that the Working Group would hold its first meeting in Accra later this year.")
    assert rows(events_of(text, published=dt.date(2023, 2, 10))) == [
        ("meeting", ("GHA", "TGO"), "planned", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("talks", ("GHA", "TGO"), "occurred", dt.date(2023, 2, 9), dt.date(2023, 2, 9))]


def test_a_named_summit_as_the_setting_of_a_meeting_has_its_parties_not_the_venue():
    text = ("President Rosa Pinto of Chile met with President Luis Vega of Peru at the Andean Summit in Quito, "
            "Ecuador, on 19 September 2023.")
    assert rows(events_of(text)) == [
        ("meeting", ("CHL", "PER"), "occurred", dt.date(2023, 9, 19), dt.date(2023, 9, 19)),
        ("summit", ("CHL", "PER"), "occurred", dt.date(2023, 9, 19), dt.date(2023, 9, 19))]


def test_an_event_told_as_the_subject_of_took_place_and_a_dashed_name():
    text = ("The annual Chile-Peru consultations took place in Lima on 19 September 2023. This morning we held the "
            "Fourth Meeting of the Chile–Peru Binational Commission.")
    got = rows(events_of(text))
    assert ("talks", ("CHL", "PER"), "occurred", dt.date(2023, 9, 19), dt.date(2023, 9, 19)) in got
    assert any(r[0] == "meeting" and r[1] == ("CHL", "PER") for r in got)


def test_a_summit_named_in_lower_case_after_its_name_is_an_event():
    text = "Foreign Minister Rosa Pinto of Chile met President Ana Ruiz of Peru at the Pacific Alliance summit in Lima on 18 September 2023."
    assert ("summit", ("CHL", "PER"), "occurred", dt.date(2023, 9, 18), dt.date(2023, 9, 18)) in rows(events_of(text))


def test_a_bare_lower_case_summit_names_nothing():
    text = "Foreign Minister Rosa Pinto of Chile said on 18 September 2023 that the summit was a success."
    assert not [e for e in events_of(text) if e["event_type"] == "summit"]


def test_a_named_conference_is_a_forum_of_its_hosts_not_of_its_topic():
    text = ("The foreign ministers of Chile and Peru met in Lima on 18 September 2023. They welcomed the Pacific "
            "Recovery Conference to be hosted by Chile and Peru in Santiago in November, and the outcome of the "
            "International Humanitarian Conference for Haiti held in Paris on 1 September 2023.")
    forums = {(tuple(e["countries"]), e["start_date"]) for e in events_of(text) if e["event_type"] == "forum"}
    assert (("CHL", "PER"), dt.date(2023, 11, 1)) in forums
    assert not any("HTI" in c for c, _ in forums)


def test_a_groups_communique_names_its_own_summits_and_meetings():
    text = ("We, the Foreign Ministers of Chile, Peru and Bolivia, met in Lima on 18 September 2023.\n\n"
            "Building on the commitments made by our Leaders at the Andes Summit in May 2023 and on our meeting in "
            "Quito in June, we reaffirm our unity. We look forward to our next meeting, to be held in La Paz in "
            "December.")
    got = rows(events_of(text))
    assert ("summit", ("BOL", "CHL", "PER"), "occurred", dt.date(2023, 5, 1), dt.date(2023, 5, 31)) in got
    assert ("meeting", ("BOL", "CHL", "PER"), "planned", dt.date(2023, 12, 1), dt.date(2023, 12, 31)) in got
