"""The confidence of event rows: a probability read from the evidence of their tellings (ANNOTATION.md)."""

from __future__ import annotations

import datetime as dt

from transforms.extract import build_tables, extract_article, extract_articles
from transforms.extract.event_confidence import event_confidence, event_signals
from transforms.ids import make_id
from transforms.reference import load


def _tables(text: str) -> tuple[dict, dict]:
    art = {"article_id": make_id("art", "news/c.txt", "0"), "source_path": "news/c.txt", "record_key": "0",
           "url": None, "title": None, "published_date": dt.date(2023, 8, 20), "published_date_source": "metadata",
           "text": text}
    signals: dict = {}
    return build_tables([extract_articles([art])], signals), signals


def test_every_event_row_has_the_confidence_of_its_signals():
    tables, signals = _tables("Prime Minister Ana Silva of Chile held talks with Prime Minister Ivo Kral of Peru in "
                              "Lima on 3 August 2023.")
    (talks,) = tables["events"]
    assert {"type:talks", "countries:2", "people:2", "precision:day", "rank:3"} <= set(signals[talks["event_id"]])
    assert talks["confidence"] == event_confidence(signals[talks["event_id"]])


def test_a_dated_encounter_of_two_named_sides_is_surer_than_one_of_a_single_side_without_a_date():
    two = ("type:meeting", "countries:2", "people:2", "precision:day", "rank:3", "status:occurred", "evidence:0.90")
    one = ("type:meeting", "countries:1", "people:0", "precision:none", "rank:0", "status:unknown", "evidence:0.75")
    assert event_confidence(two) > 0.8 > event_confidence(one)


def test_the_model_is_fitted_and_records_its_calibration():
    model = load("events/confidence.yaml")
    assert model.weights and model.fitted["rows"] > 0 and model.calibration


def test_signals_name_the_told_forms():
    tables, signals = _tables("The Presidents of Ghana and Togo met in Accra on 2 August 2023. Ghana's President "
                              "and Togo's President met in Accra on 2 August 2023 to discuss trade.")
    assert any("tellings:several" in s for s in signals.values())


def test_signals_of_a_one_sided_event_without_a_date():
    art = {"article_id": "art_c", "source_path": "news/c.txt", "record_key": "0", "url": None, "title": None,
           "published_date": None, "published_date_source": "unknown",
           "text": "The President of Ghana will meet the Prime Minister of Togo."}
    (mention,), _ = extract_article(art)
    signals = event_signals([mention], "meeting", ["GHA"], None, "planned", None, 1)
    assert {"countries:1", "precision:none", "rank:0", "status:planned"} <= set(signals)
    assert "named" not in signals and "tellings:several" not in signals
