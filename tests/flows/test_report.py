"""latest.json document, summary page and the text `eventline report` prints."""

import datetime as dt

from flows.quality import ExpectationResult, ValidationOutcome
from flows.report import build_report, format_report_text, render_summary_html, stamp_quarantine

RUN = {"run_id": "run_1", "status": "completed", "started_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
       "finished_at": dt.datetime(2024, 1, 1, 0, 1, tzinfo=dt.timezone.utc), "articles_seen": 2, "articles_new": 1}


def _outcome(success: bool) -> ValidationOutcome:
    out = ValidationOutcome(tables={})
    out.results["events"] = [ExpectationResult("events.x", "T", "x", success, True, 0 if success else 2, 5),
                             ExpectationResult("events.w", "T", "w", False, False, 1, 5)]
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
    assert doc["tables"]["events"]["expectations"][0] == {
        "name": "events.x", "type": "T", "column": "x", "success": True, "blocking": True,
        "unexpected_count": 0, "element_count": 5}
    kinds = {q["reason"]: q["count"] for q in doc["quarantine_by_reason"]}
    assert kinds == {"line N: invalid JSON": 2, "not UTF-8 text (byte N)": 1}
    assert not build_report(RUN, _outcome(False), [], {})["success"]


def test_summary_is_self_contained_and_escaped():
    page = render_summary_html(build_report(RUN, _outcome(False), QUARANTINE, {"events": 5}), QUARANTINE)
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
