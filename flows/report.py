"""The data-quality report: latest.json and a self-contained summary.html per run."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from typing import Any

from flows.quality import ValidationOutcome


def build_report(run: dict, outcome: ValidationOutcome, quarantine: list[dict],
                 counts: dict[str, int]) -> dict[str, Any]:
    """The latest.json document: run facts, per-table expectations, quarantine by stage and reason."""
    tables = {}
    for name, results in outcome.results.items():
        tables[name] = {
            "rows_written": counts.get(name, 0),
            "expectations": [
                {"name": r.name, "type": r.expectation_type, "column": r.column, "success": r.success,
                 "blocking": r.blocking, "unexpected_count": r.unexpected_count,
                 "element_count": r.element_count}
                for r in results
            ],
        }
    # Group by the reason with its numbers blanked: "line 2: invalid JSON" and "line 9: ..." are one kind.
    reasons = Counter((q["stage"], re.sub(r"(?<![\w-])\d+(?![\w-])", "N", q["reason"])[:160]) for q in quarantine)
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
        "tables": tables,
        "quarantine_by_reason": [
            {"stage": stage, "reason": reason, "count": n} for (stage, reason), n in reasons.most_common()
        ],
    }


def stamp_quarantine(rows: list[dict], run_id: str) -> list[dict]:
    """Quarantine rows of every stage with this run's id and time."""
    now = dt.datetime.now(dt.timezone.utc)
    return [{**row, "run_id": run_id, "quarantined_at": now} for row in rows]


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


_CSS = """body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1d1d1f;max-width:70rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f4f4f6}.ok{color:#176f2c}.fail{color:#b00020;font-weight:600}.warn{color:#9a6700}
.badge{display:inline-block;padding:.15rem .6rem;border-radius:1rem;color:#fff}.pass{background:#176f2c}
.bad{background:#b00020}code{font-size:.85rem}"""


def render_summary_html(report: dict[str, Any], quarantine: list[dict]) -> str:
    """One self-contained page: no external URL of any kind, every value escaped."""
    e = html.escape
    ok = report["success"]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>eventline run {e(report['run_id'])}</title><style>{_CSS}</style></head><body>",
        f"<h1>eventline data-quality report <span class='badge {'pass' if ok else 'bad'}'>"
        f"{'PASSED' if ok else 'BLOCKING FAILURES'}</span></h1>",
        "<table><tbody>",
    ]
    for label, key in (("Run", "run_id"), ("Status", "status"), ("Started", "started_at"),
                       ("Finished", "finished_at"), ("Articles seen", "articles_seen"),
                       ("Articles new", "articles_new"), ("Rows quarantined", "rows_quarantined"),
                       ("Expectations passed", "expectations_passed"),
                       ("Expectations failed", "expectations_failed")):
        parts.append(f"<tr><th>{e(label)}</th><td>{e(str(report.get(key)))}</td></tr>")
    parts.append("</tbody></table><h2>Rows written</h2><table><tr><th>table</th><th>rows</th></tr>")
    for name, n in report["rows_written"].items():
        parts.append(f"<tr><td>{e(name)}</td><td>{n}</td></tr>")
    parts.append("</table><h2>Expectations</h2><table><tr><th>table</th><th>expectation</th><th>kind</th>"
                 "<th>result</th><th>unexpected</th></tr>")
    for name, info in report["tables"].items():
        for x in info["expectations"]:
            cls = "ok" if x["success"] else ("fail" if x["blocking"] else "warn")
            parts.append(f"<tr><td>{e(name)}</td><td><code>{e(x['name'])}</code></td>"
                         f"<td>{'blocking' if x['blocking'] else 'warning'}</td>"
                         f"<td class='{cls}'>{'pass' if x['success'] else 'FAIL'}</td>"
                         f"<td>{x['unexpected_count']} / {x['element_count']}</td></tr>")
    parts.append("</table><h2>Quarantine</h2>")
    if not quarantine:
        parts.append("<p class='ok'>Nothing was quarantined.</p>")
    else:
        parts.append("<table><tr><th>stage</th><th>source</th><th>record</th><th>reason</th></tr>")
        for q in quarantine[:500]:
            parts.append(f"<tr><td>{e(q['stage'])}</td><td>{e(str(q.get('source_path') or ''))}</td>"
                         f"<td><code>{e(str(q.get('record_key') or ''))}</code></td><td>{e(q['reason'])}</td></tr>")
        parts.append("</table>")
        if len(quarantine) > 500:
            parts.append(f"<p>... and {len(quarantine) - 500} more rows in the quarantine table.</p>")
    parts.append("<p>Data Docs (Great Expectations): docs/index.html beside this page. "
                 "Load the quarantine table for every record that did not make it.</p></body></html>")
    return "".join(parts)


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
    for name, info in report["tables"].items():
        for x in info["expectations"]:
            if not x["success"]:
                lines.append(f"  {'BLOCKING' if x['blocking'] else 'warning '} {x['name']}: "
                             f"{x['unexpected_count']} of {x['element_count']} unexpected")
    for q in report.get("quarantine_by_reason", [])[:10]:
        lines.append(f"  quarantine[{q['stage']}] x{q['count']}: {q['reason']}")
    return lines


def dumps(report: dict[str, Any]) -> str:
    """latest.json text."""
    return json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"
