"""The data-quality report: latest.json, and a self-contained summary page per run with the trend over runs."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from flows.quality import ExpectationResult, ValidationOutcome
from schemas.expectations import suite_specs, type_spec
from schemas.tables import CURATED_TABLES

TREND_RUNS = 20  # runs shown in the trend charts
_EXAMPLES = 3  # quarantined records shown per reason
# What to do about a quarantined record, per stage, when its reason does not already say.
_STAGE_ADVICE = {
    "ingest": "fix or convert the raw file, then run again",
    "normalize": "check the raw file's text and metadata, then run again",
    "extract": "nothing is lost: the sentence stays in articles.text. If its subject is a real party, add the "
               "name to the gazetteers in reference/ (countries, offices, organizations) and run again",
    "validate": "see the expectation named in the reason",
}


def build_report(run: dict, outcome: ValidationOutcome, quarantine: list[dict], counts: dict[str, int],
                 events: list[dict] | None = None, history: list[dict] | None = None,
                 links: dict[str, Any] | None = None) -> dict[str, Any]:
    """The latest.json document: run facts, what needs attention, per-table expectations, the trend over
    earlier runs (`history`: rows of the runs table), events per month and quarantine grouped by reason."""
    tables = {}
    for name, results in outcome.results.items():
        tables[name] = {
            "rows_written": counts.get(name, 0),
            "expectations": [
                {"name": r.name, "type": r.expectation_type, "column": r.column, "success": r.success,
                 "blocking": r.blocking, "unexpected_count": r.unexpected_count,
                 "element_count": r.element_count, "description": r.description, "threshold": r.threshold}
                for r in results
            ],
        }
    # Group by the reason with its numbers blanked: "line 2: invalid JSON" and "line 9: ..." are one kind.
    reasons = Counter((q["stage"], _reason_kind(q["reason"])) for q in quarantine)
    return {
        "run_id": run["run_id"],
        "status": run["status"],
        "started_at": _iso(run["started_at"]),
        "finished_at": _iso(run["finished_at"]),
        "articles_seen": run["articles_seen"],
        "articles_new": run["articles_new"],
        "rows_written": counts,
        "rows_quarantined": len(quarantine),
        "expectations_passed": outcome.passed,
        "expectations_failed": outcome.failed,
        "blocking_failed": outcome.blocking_failed,
        "success": outcome.blocking_failed == 0,
        "attention": attention(outcome),
        "tables": tables,
        "quarantine_by_reason": [
            {"stage": stage, "reason": reason, "count": n} for (stage, reason), n in reasons.most_common()
        ],
        "quarantine_groups": quarantine_groups(quarantine),
        "events_per_month": events_per_month(events or []),
        "trend": trend(history or []),
        "links": links or {},
    }


def attention(outcome: ValidationOutcome) -> list[dict]:
    """Failed expectations, blocking ones first, then warnings, each the most failing rows first."""
    failed = [r for rs in outcome.results.values() for r in rs if not r.success]
    failed.sort(key=lambda r: (not r.blocking, -r.unexpected_count, r.name))
    return [_attention_item(r) for r in failed]


def _attention_item(r: ExpectationResult) -> dict:
    share = r.unexpected_count / r.element_count if r.element_count else 0.0
    return {"name": r.name, "table": r.name.split(".")[0], "blocking": r.blocking, "description": r.description,
            "threshold": r.threshold, "unexpected_count": r.unexpected_count, "element_count": r.element_count,
            "observed": f"{r.unexpected_count:,} of {r.element_count:,} rows fail ({share:.1%}); "
                        f"{1 - share:.1%} pass",
            "advice": r.advice, "examples": r.examples}


def run_figures(outcome: ValidationOutcome, events: list[dict]) -> dict[str, int]:
    """Run-level figures the runs table keeps for the trend charts."""
    return {"expectations_blocking_failed": outcome.blocking_failed,
            "events_dated": sum(e.get("start_date") is not None for e in events)}


def events_per_month(events: list[dict]) -> dict[str, Any]:
    """Events dated to a day, week or month, counted by the month they start in; the rest counted aside."""
    months: Counter = Counter()
    coarser = undated = 0
    for e in events:
        start = e.get("start_date")
        if start is None:
            undated += 1
        elif e.get("date_precision") in ("day", "week", "month"):
            months[f"{start:%Y-%m}"] += 1
        else:
            coarser += 1
    shown = _month_range(months)
    outside = sum(n for m, n in months.items() if m not in shown)
    return {"months": [{"month": m, "count": months[m]} for m in shown],
            "coarser": coarser, "undated": undated, "outside": outside}


def _month_range(months: Counter, tail: float = 0.01) -> list[str]:
    """Every month from the first to the last with events, empty months included (a time axis); the
    earliest and latest 1% of events (a decade-old anniversary, a 2030 target) are left off the axis."""
    if not months:
        return []
    ordered = sorted(months.elements())
    cut = int(len(ordered) * tail)
    first, last = ordered[cut], ordered[len(ordered) - 1 - cut]
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def trend(history: list[dict]) -> list[dict]:
    """The last runs, oldest first: rows per table, quarantined rows, share of dated events, failures."""
    done = sorted((h for h in history if h.get("status") == "completed"), key=lambda h: h["started_at"])
    out = []
    for h in done[-TREND_RUNS:]:
        rows = dict(h.get("rows_written") or {})
        events = rows.get("events") or 0
        dated = h.get("events_dated")
        out.append({"run_id": h["run_id"], "started_at": _iso(h["started_at"]), "rows_written": rows,
                    "rows_quarantined": h.get("rows_quarantined"),
                    "dated_share": dated / events if dated is not None and events else None,
                    "expectations_failed": h.get("expectations_failed"),
                    "expectations_blocking_failed": h.get("expectations_blocking_failed")})
    return out


def quarantine_groups(quarantine: list[dict]) -> list[dict]:
    """Quarantined records by stage and kind of reason, largest first, with what to do and a few records."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for q in quarantine:
        groups[(q["stage"], _reason_kind(q["reason"]))].append(q)
    out = []
    for (stage, kind), rows in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append({"stage": stage, "reason": kind, "count": len(rows), "advice": _advice(stage, rows[0]["reason"]),
                    "examples": [{"source_path": q.get("source_path"), "record_key": q.get("record_key"),
                                  "reason": q["reason"], "record": _record_excerpt(q.get("payload"))}
                                 for q in rows[:_EXAMPLES]]})
    return out


def _reason_kind(reason: str) -> str:
    return re.sub(r"(?<![\w-])\d+(?![\w-])", "N", reason)[:160]


_ADVICE_BY_EXPECTATION = {s.name: s.advice for t in CURATED_TABLES for s in [*suite_specs(t), type_spec(t)]}


def _advice(stage: str, reason: str) -> str:
    """What a user should do: the expectation's advice, the advice the reason carries, or the stage's."""
    if stage == "validate":
        advice = [_ADVICE_BY_EXPECTATION[n] for n in reason.split("; ") if n in _ADVICE_BY_EXPECTATION]
        if advice:
            return " / ".join(dict.fromkeys(advice))
    if ": " in reason:  # ingest reasons read "what went wrong: what to do"
        return reason.split(": ", 1)[1]
    return _STAGE_ADVICE.get(stage, "")


def _record_excerpt(payload: str | None, limit: int = 600) -> str:
    """The quarantined record as JSON text, shortened for the page."""
    if not payload:
        return ""
    try:
        record = json.loads(payload)
    except ValueError:
        return payload[:limit]
    if isinstance(record, dict):  # the long article text is in articles; the span says where
        record = {k: (v[:200] + "..." if isinstance(v, str) and len(v) > 200 else v) for k, v in record.items()}
    text = json.dumps(record, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


def publish(reports_dir: Path, curated_dir: Path, run: dict, outcome: ValidationOutcome, quarantine: list[dict],
            counts: dict[str, int], events: list[dict], warnings: list[dict] | None = None) -> dict:
    """Write latest.json, runs/<run_id>.json, summary.html and runs/<run_id>.html; returns the document.

    warnings: what ingestion noticed without losing a record (a metadata date that is no date).
    """
    from eventline.readers import read_table
    from flows import io
    from flows.summary_page import render_summary_html

    # The runs table holds this run as still running (its final row is written after the commit).
    history = [h for h in read_table(curated_dir, "runs").to_pylist() if h["run_id"] != run["run_id"]] + [run]
    doc = {**build_report(run, outcome, quarantine, counts, events, history, _links(reports_dir, run, history)),
           "warnings": warnings or []}
    # The run's own pages first, latest.json last: "latest" never points at a run whose pages are missing.
    io.write_text(reports_dir / "runs" / f"{run['run_id']}.json", dumps(doc))
    io.write_text(reports_dir / "runs" / f"{run['run_id']}.html", render_summary_html(doc, base="../"))
    io.write_text(reports_dir / "summary.html", render_summary_html(doc, base=""))
    io.write_text(reports_dir / "latest.json", dumps(doc))
    return doc


def _links(reports_dir: Path, run: dict, history: list[dict]) -> dict[str, Any]:
    """Paths, relative to the reports folder, of this run's Data Docs pages and earlier runs' pages."""
    docs = reports_dir / "docs"
    pages = sorted(docs.glob(f"validations/**/{run['run_id']}/*/*.html"))
    earlier = sorted((h for h in history if h["run_id"] != run["run_id"]), key=lambda h: h["started_at"],
                     reverse=True)
    return {
        "data_docs_index": "docs/index.html",
        "data_docs": [{"suite": ".".join(p.relative_to(docs / "validations").parts[:-3]),
                       "path": p.relative_to(reports_dir).as_posix()} for p in pages],
        "earlier_runs": [{"run_id": h["run_id"], "started_at": _iso(h["started_at"]), "status": h["status"],
                          "path": f"runs/{h['run_id']}.html"}
                         for h in earlier if (reports_dir / "runs" / f"{h['run_id']}.html").is_file()],
    }


def stamp_quarantine(rows: list[dict], run_id: str) -> list[dict]:
    """Quarantine rows of every stage with this run's id and time."""
    now = dt.datetime.now(dt.timezone.utc)
    return [{**row, "run_id": run_id, "quarantined_at": now} for row in rows]


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def format_report_text(report: dict[str, Any]) -> list[str]:
    """The lines `eventline report` prints."""
    lines = [
        f"run {report['run_id']}  status={report['status']}  "
        f"{'PASSED' if report['success'] else 'FAILED (blocking expectations)'}",
        f"articles seen={report['articles_seen']} new={report['articles_new']}  "
        f"quarantined={report['rows_quarantined']}  expectations passed={report['expectations_passed']} "
        f"failed={report['expectations_failed']}",
        "rows written: " + ", ".join(f"{k}={v}" for k, v in report["rows_written"].items()),
    ]
    failed = [x for info in report["tables"].values() for x in info["expectations"] if not x["success"]]
    for x in sorted(failed, key=lambda x: not x["blocking"]):  # blocking failures first
        lines.append(f"  {'BLOCKING' if x['blocking'] else 'warning '} {x['name']}: "
                     f"{x['unexpected_count']} of {x['element_count']} unexpected")
    for q in report.get("quarantine_by_reason", [])[:10]:
        lines.append(f"  quarantine[{q['stage']}] x{q['count']}: {q['reason']}")
    return lines


def dumps(report: dict[str, Any]) -> str:
    """latest.json text."""
    return json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"
