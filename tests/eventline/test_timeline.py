"""eventline timeline on the real flow's tables: filters, order, terminal output and the HTML page."""

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from eventline.cli import app
from eventline.timeline import (TimelineFilter, _person_matches, date_bound, date_label, fold, load_timeline,
                                no_match_message)
from eventline.timeline_page import _ticks, axis_range, lane_of, render_timeline_html
from schemas.vocab import EVENT_TYPES
from tests.eventline.timeline_entries import entry, many

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


# -- filters as a user types them ------------------------------------------------------------

@pytest.mark.parametrize("typed, code", [("KAZ", "KAZ"), ("kaz", "KAZ"), (" Kazakhstan ", "KAZ"), ("PRC", "CHN"),
                                         ("UAE", "ARE"), ("U.S.", "USA"), ("Türkiye", "TUR")])
def test_country_code_or_name(typed, code):
    assert TimelineFilter(country=typed).country_code == code


@pytest.mark.parametrize("typed", ["XYZ", "Narnia", "EU"])
def test_unknown_country_is_a_clear_error(typed):
    with pytest.raises(ValueError, match=f"'{typed}' is no country code or name known.*such as KAZ"):
        TimelineFilter(country=typed)


@pytest.mark.parametrize("typed", ["mevlut cavusoglu", "Cavusoglu Mevlut", "ÇAVUŞOĞLU", "Mevlüt", "cavus"])
def test_person_matches_without_case_accents_or_word_order(typed):
    person = {"entity_type": "person", "name": "Mevlüt Çavuşoğlu", "name_as_written": "Foreign Minister Çavuşoğlu"}
    assert _person_matches(fold(typed).split(), person)
    assert not _person_matches(fold(typed).split(), {**person, "entity_type": "organization"})


def test_person_in_any_word_order_on_real_tables(two_runs):
    assert len(_kaz(two_runs, person="Batmunkh Battsetseg")) == 2
    assert len(_kaz(two_runs, person="NURTLEU murat")) == 2


def test_unknown_person_names_the_nearest(two_runs):
    with pytest.raises(ValueError, match=r"no participant's name contains 'Nurtlu' \(did you mean Murat Nurtleu\?\)"):
        _kaz(two_runs, person="Nurtlu")
    with pytest.raises(ValueError, match="no participant's name contains 'Zzyzx': check the spelling"):
        _kaz(two_runs, person="Zzyzx")


@pytest.mark.parametrize("typed, wanted", [("Talks", "talks"), ("phone call", "phone_call"),
                                           ("Press-Briefing", "press_briefing")])
def test_event_type_as_typed(typed, wanted):
    assert TimelineFilter(event_type=typed).event_type == wanted


def test_unknown_event_type_suggests_the_nearest():
    with pytest.raises(ValueError, match=r"unknown event type 'talk' \(did you mean talks\?\): use one of"):
        TimelineFilter(event_type="talk")


@pytest.mark.parametrize("typed, end, wanted", [
    ("2024-03-04", False, dt.date(2024, 3, 4)), ("2024-03-04", True, dt.date(2024, 3, 4)),
    ("2024-03", False, dt.date(2024, 3, 1)), ("2024-02", True, dt.date(2024, 2, 29)),
    ("2023", False, dt.date(2023, 1, 1)), ("2023", True, dt.date(2023, 12, 31)), ("2024-12", True, dt.date(2024, 12, 31)),
])
def test_date_bounds_take_a_day_month_or_year(typed, end, wanted):
    assert date_bound(typed, "--from", end=end) == wanted


@pytest.mark.parametrize("typed", ["March 2024", "2024-13", "2024-02-30", "24-03-04", ""])
def test_bad_date_bound(typed):
    with pytest.raises(ValueError, match="is not a date: write it as YYYY-MM-DD"):
        date_bound(typed, "--from")


def test_every_event_oldest_first_undated_last(two_runs):
    entries = load_timeline(two_runs / "curated")
    dated = [e["start_date"] for e in entries if e["start_date"] is not None]
    assert dated == sorted(dated) and dated
    first_undated = next((i for i, e in enumerate(entries) if e["start_date"] is None), len(entries))
    assert all(e["start_date"] is None for e in entries[first_undated:])
    # A date filter keeps only dated events (an undated one cannot be said to fall in the range).
    assert all(e["start_date"] for e in load_timeline(two_runs / "curated", TimelineFilter(date_from=dt.date(1900, 1, 1))))


def test_no_match_message_names_the_filters(two_runs):
    filters = TimelineFilter(country="Kazakhstan", event_type="summit")
    assert load_timeline(two_runs / "curated", filters) == []
    assert no_match_message(filters) == ("No events match country Kazakhstan (KAZ), type summit: loosen the "
                                         "filters (every one must hold), or run `eventline run` first.")


@pytest.mark.parametrize("args, message", [
    (["--country", "XYZ"], "'XYZ' is no country code or name known to eventline"),
    (["--person", "Zzyzx"], "no participant's name contains 'Zzyzx'"),
    (["--type", "party"], "unknown event type 'party'"),
    (["--from", "2024-05-01", "--to", "2024-04-01"], "is after --to 2024-04-01: swap them"),
])
def test_cli_unknown_values_are_one_line_errors(two_runs, args, message):
    result = runner.invoke(app, ["timeline", "--curated", str(two_runs / "curated"), *args])
    assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1


def test_cli_month_bounds_and_combined_filters(two_runs):
    result = runner.invoke(app, ["timeline", "--curated", str(two_runs / "curated"), "--country", "Kazakhstan",
                                 "--person", "batmunkh", "--type", "Talks", "--from", "2024-04", "--to", "2024-04"])
    assert result.exit_code == 0, result.output
    assert "2024-04-10" in result.output and "2024-03-04" not in result.output and "1 event" in result.output
    result = runner.invoke(app, ["timeline", "--curated", str(two_runs / "curated"), "--country", "KAZ",
                                 "--type", "summit"])
    assert result.exit_code == 0 and "No events match country KAZ, type summit" in result.output


# -- the page's layout ------------------------------------------------------------------------

def test_axis_leaves_far_off_dates_aside_on_a_large_timeline():
    entries = many()
    lo, hi = axis_range([e for e in entries if e["start_date"]])
    assert dt.date(2020, 10, 1) <= lo <= dt.date(2021, 1, 1) and dt.date(2025, 12, 1) <= hi <= dt.date(2026, 3, 1)
    page = render_timeline_html(entries)
    assert re.search(r"1 event before 20\d\d-\d\d-\d\d \(left off the axis\)", page)
    assert re.search(r"1 event after 20\d\d-\d\d-\d\d \(left off the axis\)", page)
    undated = sum(e["start_date"] is None for e in entries)
    assert f"{undated} events undated" in page
    # Every event is reachable exactly once: a mark on the axis or a button beside it.
    assert sorted(int(i) for i in re.findall(r"data-id='(\d+)'", page)) == list(range(len(entries)))


def test_small_timeline_keeps_every_date_on_the_axis():
    entries = [entry(0, dt.date(2022, 1, 1), end=dt.date(2022, 12, 31), precision="year"),
               entry(1, dt.date(2023, 4, 26)), entry(2, dt.date(2023, 4, 27))]
    lo, hi = axis_range(entries)
    assert lo < dt.date(2022, 1, 1) and hi > dt.date(2023, 4, 27)
    assert "left off the axis" not in render_timeline_html(entries)


def test_labels_stay_inside_the_drawing():
    """A label that would run past the right edge is written to the left of its mark."""
    entries = [entry(0, dt.date(2022, 1, 1)), entry(1, dt.date(2023, 4, 27), location="Xi'an")]
    page = render_timeline_html(entries)
    width = int(re.search(r"<svg class='chart' width='(\d+)'", page).group(1))
    last = re.search(r"<g class='ev' data-id='1'.*?<text x='([\d.]+)' y='[\d.]+'( text-anchor='end')?>"
                     r"meeting · Xi&#x27;an · 2023-04-27</text>", page)
    assert last and last.group(2) and float(last.group(1)) < width


def test_event_types_have_distinct_colours():
    from eventline.timeline_page import _COLOURS

    assert set(_COLOURS) == set(EVENT_TYPES) and len(set(_COLOURS.values())) == len(EVENT_TYPES)


def test_busiest_lanes_first():
    entries = [entry(0, dt.date(2022, 1, 1), countries=["CHN", "KAZ"]),
               *[entry(i, dt.date(2022, 2, i), countries=["KAZ", "USA"]) for i in range(1, 4)]]
    page = render_timeline_html(entries)
    assert page.index(">KAZ – USA<") < page.index(">CHN – KAZ<")


@pytest.mark.parametrize("lo, hi, first, count", [
    (dt.date(2020, 11, 17), dt.date(2025, 12, 28), "2021", 5),
    (dt.date(1940, 1, 1), dt.date(2031, 1, 1), "1950", 9),
    (dt.date(2021, 12, 22), dt.date(2023, 6, 10), "2022-01", 9),
    (dt.date(2023, 4, 1), dt.date(2023, 5, 1), "04-02", 5),
])
def test_ticks_fall_on_round_steps(lo, hi, first, count):
    ticks = _ticks(lo, hi)
    assert ticks[0][1] == first and len(ticks) == count


def test_terminal_output_shows_text_not_markup_or_control_sequences():
    import io

    from rich.console import Console

    from eventline.timeline import print_timeline

    out = io.StringIO()
    hostile = entry(0, dt.date(2024, 1, 1), evidence="Talks \x1b[2J\x1b]0;owned\x07 [bold]held[/bold].",
                    location="[red]Astana")
    hostile["article"]["source_path"] = "raw/\x1b[31mred.md"
    print_timeline([hostile], console=Console(file=out, width=120))
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text
    assert "[red]Astana" in text and "[bold]held[/bold]" in text and "raw/[31mred.md" in text


def test_timeline_help_names_what_each_option_takes():
    out = runner.invoke(app, ["timeline", "--help"]).output
    for option in ("--curated DIR", "--country ISO3", "--person NAME", "--type TYPE", "--from DATE", "--to DATE",
                   "--html FILE"):
        assert option in out, option
    assert "<str>" not in out and "<path>" not in out and "<bool>" not in out
