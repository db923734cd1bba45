"""eventline timeline on the real flow's tables: filters, order, terminal output and the HTML page."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from eventline.cli import app
from eventline.timeline import TimelineFilter, date_label, load_timeline
from eventline.timeline_page import lane_of, render_timeline_html

runner = CliRunner()


def _kaz(two_runs, **kw):
    return load_timeline(two_runs / "curated", TimelineFilter(country="KAZ", **kw))


def test_country_timeline_is_oldest_first_with_participants_and_commitments(two_runs):
    entries = _kaz(two_runs)
    assert [(e["start_date"], e["location"]) for e in entries][:2] == [(dt.date(2024, 3, 4), "Ulaanbaatar"),
                                                                       (dt.date(2024, 4, 10), "Astana")]
    talks = entries[0]
    assert {"Battsetseg Batmunkh", "Murat Nurtleu"} <= {p["name"] for p in talks["participants"]}
    assert any(c["modality"] == "agreement" for c in talks["commitments"])
    assert talks["article"]["source_path"] == "compound.txt"


@pytest.mark.parametrize("kw, expected", [
    ({"person": "nurtleu"}, 2),
    ({"person": "Boric"}, 0),
    ({"event_type": "talks"}, 2),
    ({"date_from": dt.date(2024, 4, 1)}, 1),
    ({"date_to": dt.date(2024, 3, 31)}, 1),
    ({"date_from": dt.date(2024, 3, 4), "date_to": dt.date(2024, 3, 4)}, 1),
])
def test_filters(two_runs, kw, expected):
    assert len(_kaz(two_runs, **kw)) == expected


def test_country_by_name_and_bad_filters(two_runs):
    assert len(load_timeline(two_runs / "curated", TimelineFilter(country="Kazakhstan"))) == len(_kaz(two_runs))
    with pytest.raises(ValueError, match="use one of"):
        TimelineFilter(event_type="party")
    with pytest.raises(ValueError, match="swap"):
        TimelineFilter(date_from=dt.date(2024, 2, 1), date_to=dt.date(2024, 1, 1))


@pytest.mark.parametrize("start, end, precision, label", [
    (dt.date(2023, 4, 26), dt.date(2023, 4, 26), "day", "2023-04-26"),
    (dt.date(2023, 4, 26), dt.date(2023, 4, 27), "day", "2023-04-26..27"),
    (dt.date(2023, 5, 1), dt.date(2023, 5, 31), "month", "2023-05 (month)"),
    (dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year", "2022 (year)"),
    (None, None, "unknown", "undated"),
])
def test_date_label(start, end, precision, label):
    assert date_label({"start_date": start, "end_date": end, "date_precision": precision}) == label


def test_cli_prints_the_country_timeline_in_order(two_runs):
    result = runner.invoke(app, ["timeline", "--curated", str(two_runs / "curated"), "--country", "KAZ"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("2024-03-04") < out.index("2024-04-10")
    assert "Murat Nurtleu" in out and "agreement by" in out and "commitments" in out


def test_cli_errors_are_one_line(two_runs, tmp_path):
    result = runner.invoke(app, ["timeline", "--curated", str(two_runs / "curated"), "--from", "March 2024"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(app, ["timeline", "--curated", str(tmp_path)])
    assert result.exit_code == 2 and "run `eventline run` first" in result.output


def test_html_page_is_self_contained_and_escaped(two_runs, tmp_path):
    entries = _kaz(two_runs)
    entries[0] = {**entries[0], "evidence": "</script><script>alert(1)</script>"}
    page = render_timeline_html(entries)
    assert "<script>alert(1)" not in page and "src=" not in page and "<link" not in page
    assert page.count("<script") == 2  # the JSON data and the one inline script
    result = runner.invoke(app, ["timeline", "--curated", str(two_runs / "curated"), "--country", "KAZ",
                                 "--html", str(tmp_path / "t.html")])
    assert result.exit_code == 0 and (tmp_path / "t.html").read_text().startswith("<!DOCTYPE html>")


def test_lanes_are_countries_pairs_or_multilateral():
    assert lane_of({"countries": ["MNG", "KAZ"]}) == "KAZ – MNG"
    assert lane_of({"countries": ["KAZ"]}) == "KAZ"
    assert lane_of({"countries": ["CHN", "KAZ", "KGZ"]}) == "multilateral"
