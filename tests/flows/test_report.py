"""latest.json document, summary page and the text `eventline report` prints."""

import datetime as dt
import re

from flows.quality import ExpectationResult, ValidationOutcome
from flows.report import build_report, format_report_text, stamp_quarantine
from flows.summary_page import render_summary_html

RUN = {"run_id": "run_1", "status": "completed", "started_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
       "finished_at": dt.datetime(2024, 1, 1, 0, 1, tzinfo=dt.timezone.utc), "articles_seen": 2, "articles_new": 1}


def _outcome(success: bool) -> ValidationOutcome:
    out = ValidationOutcome(tables={})
    out.results["events"] = [
        ExpectationResult("events.w", "T", "w", False, False, 1, 5, "events have a w", "at least 90% of rows",
                          "give them a w", [{"record_key": "events:e9", "source_path": "a.md", "evidence": "They met.",
                                             "value": None}]),
        ExpectationResult("events.x", "T", "x", success, True, 0 if success else 2, 5, "x is fine", "every row",
                          "fix x")]
    return out


QUARANTINE = stamp_quarantine([
    {"stage": "ingest", "source_path": "<script>alert(1)</script>.txt", "record_key": None,
     "reason": "line 2: invalid JSON", "payload": "{}"},
    {"stage": "ingest", "source_path": "b.jsonl", "record_key": None, "reason": "line 9: invalid JSON",
     "payload": "{}"},
    {"stage": "ingest", "source_path": "c.txt", "record_key": None, "reason": "not UTF-8 text (byte 3)",
     "payload": "{}"}], "run_1")


def test_report_counts_and_success():
    doc = build_report(RUN, _outcome(True), QUARANTINE, {"events": 5})
    assert doc["success"] and doc["expectations_passed"] == 1 and doc["expectations_failed"] == 1
    assert doc["tables"]["events"]["expectations"][1] == {
        "name": "events.x", "type": "T", "column": "x", "success": True, "blocking": True,
        "unexpected_count": 0, "element_count": 5, "description": "x is fine", "threshold": "every row"}
    kinds = {q["reason"]: q["count"] for q in doc["quarantine_by_reason"]}
    assert kinds == {"line N: invalid JSON": 2, "not UTF-8 text (byte N)": 1}
    assert not build_report(RUN, _outcome(False), [], {})["success"]


def test_summary_is_self_contained_and_escaped():
    page = render_summary_html(build_report(RUN, _outcome(False), QUARANTINE, {"events": 5}))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "BLOCKING FAILURES" in page


def test_report_text_lists_failures():
    lines = format_report_text(build_report(RUN, _outcome(False), QUARANTINE, {"events": 5}))
    assert lines[0].endswith("FAILED (blocking expectations)")
    assert any("BLOCKING events.x: 2 of 5" in line for line in lines)
    assert any("warning  events.w" in line for line in lines)


def test_stamp_quarantine_sets_run_and_time():
    assert all(q["run_id"] == "run_1" and q["quarantined_at"].tzinfo for q in QUARANTINE)


EVENTS = [{"start_date": dt.date(2023, 4, 26), "date_precision": "day"},
          {"start_date": dt.date(2023, 4, 27), "date_precision": "day"},
          {"start_date": dt.date(2023, 6, 1), "date_precision": "month"},
          {"start_date": dt.date(2023, 1, 1), "date_precision": "year"},
          {"start_date": None, "date_precision": "unknown"}]
HISTORY = [{"run_id": "run_0", "status": "completed", "started_at": dt.datetime(2023, 12, 31, tzinfo=dt.timezone.utc),
            "rows_written": [("events", 4)], "rows_quarantined": 7, "events_dated": 2, "expectations_failed": 3,
            "expectations_blocking_failed": 1},
           {**RUN, "rows_written": {"events": 5}, "rows_quarantined": 3, "events_dated": 4, "expectations_failed": 1,
            "expectations_blocking_failed": 0},
           {"run_id": "run_x", "status": "failed", "started_at": dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)}]


def test_attention_lists_blocking_failures_before_warnings_with_threshold_and_examples():
    doc = build_report(RUN, _outcome(False), QUARANTINE, {"events": 5})
    assert [a["name"] for a in doc["attention"]] == ["events.x", "events.w"]
    warning = doc["attention"][1]
    assert warning["threshold"] == "at least 90% of rows" and warning["observed"].startswith("1 of 5 rows fail (20.0%)")
    assert warning["examples"][0]["evidence"] == "They met." and warning["advice"] == "give them a w"


def test_events_per_month_fills_the_axis_and_counts_the_rest():
    per_month = build_report(RUN, _outcome(True), [], {}, EVENTS)["events_per_month"]
    assert per_month["months"] == [{"month": "2023-04", "count": 2}, {"month": "2023-05", "count": 0},
                                   {"month": "2023-06", "count": 1}]
    assert (per_month["coarser"], per_month["undated"]) == (1, 1)


def test_trend_reads_completed_runs_oldest_first():
    trend = build_report(RUN, _outcome(True), [], {}, history=HISTORY)["trend"]
    assert [t["run_id"] for t in trend] == ["run_0", "run_1"]
    assert [t["dated_share"] for t in trend] == [0.5, 0.8]
    assert trend[0]["rows_written"] == {"events": 4}  # a map read back from Parquet is a list of pairs


def test_quarantine_groups_say_what_to_do_and_show_records():
    groups = build_report(RUN, _outcome(True), QUARANTINE, {})["quarantine_groups"]
    assert [(g["reason"], g["count"]) for g in groups] == [("line N: invalid JSON", 2), ("not UTF-8 text (byte N)", 1)]
    assert groups[0]["examples"][1]["source_path"] == "b.jsonl"
    validate = build_report(RUN, _outcome(True), stamp_quarantine([
        {"stage": "validate", "source_path": "a.md", "record_key": "events:e2", "reason": "events.fk_article_id",
         "payload": '{"event_id": "e2", "evidence": "They met."}'}], "run_1"), {})["quarantine_groups"]
    assert "parent" in validate[0]["advice"] and '"evidence": "They met."' in validate[0]["examples"][0]["record"]


def test_summary_page_order_charts_and_links():
    doc = build_report(RUN, _outcome(False), QUARANTINE, {"events": 5}, EVENTS, HISTORY,
                       {"data_docs_index": "docs/index.html",
                        "data_docs": [{"suite": "eventline.events", "path": "docs/validations/x.html"}],
                        "earlier_runs": [{"run_id": "run_0", "started_at": "2023-12-31", "status": "completed",
                                          "path": "runs/run_0.html"}]})
    page = render_summary_html(doc, base="../")
    order = [page.index(h) for h in ("BLOCKING FAILURES", "Needs attention", "Trend over the last 2 runs",
                                     "Events per month", "Quarantine by reason", "Data Docs and earlier runs")]
    assert order == sorted(order)
    assert page.index("events.x") < page.index("events.w")
    assert page.count("<svg") == 5 and "<script" not in page
    assert "href='../docs/validations/x.html'" in page and "href='../runs/run_0.html'" in page


def test_trend_labels_tell_runs_of_one_minute_apart():
    same_minute = [{**HISTORY[1], "run_id": "run_a", "started_at": dt.datetime(2024, 1, 1, 0, 0, 5, tzinfo=dt.timezone.utc)},
                   {**HISTORY[1], "started_at": dt.datetime(2024, 1, 1, 0, 0, 40, tzinfo=dt.timezone.utc)}]
    page = render_summary_html(build_report(RUN, _outcome(True), [], {"events": 5}, EVENTS, same_minute))
    assert "2024-01-01 00:00:05" in page and "2024-01-01 00:00:40" in page
    page = render_summary_html(build_report(RUN, _outcome(True), [], {"events": 5}, EVENTS, HISTORY))
    assert "2023-12-31 00:00<" in page and "2024-01-01 00:00<" in page  # minutes when they differ


def test_trend_charts_say_the_latest_value_and_its_change():
    page = render_summary_html(build_report(RUN, _outcome(True), [], {"events": 5}, EVENTS, HISTORY))
    assert "latest: 5 (+1)" in page  # rows per table (one table here)
    assert "latest: 3 (-4)" in page and "latest: 80% (+30 pts)" in page
    assert "failed 1 (-2)</span>" in page and "blocking 0 (-1)</span>" in page


def test_one_run_trend_puts_its_label_under_its_point():
    from flows.svg_charts import line_chart

    svg = line_chart("Quarantined rows", ["2024-01-01 00:00"], {"quarantined": [3]})
    point = re.search(r"<circle cx='([\d.]+)'", svg).group(1)
    assert re.search(rf"<text x='{point}' y='\d+' class='tick' text-anchor='middle'>2024-01-01 00:00</text>", svg)
