"""summary.html: one self-contained page per run (inline CSS and SVG, no script, no outside address).

Top to bottom, in the order a reader decides whether to trust the run: the verdict and what
needs attention, the trend over the last runs, events per month, quarantine by reason,
every expectation, then links to the Data Docs and earlier runs. Every value is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from flows.svg_charts import bar_chart, line_chart

_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem auto;color:#1d1d1f;
max-width:72rem;padding:0 1rem;line-height:1.4}
h1{font-size:1.45rem;margin:.2rem 0}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;
padding-bottom:.2rem}h3{font-size:1rem;margin:.2rem 0}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .45rem;
text-align:left;vertical-align:top;font-size:.86rem}th{background:#f4f4f6}
.verdict{padding:1rem 1.2rem;border-radius:.5rem;margin:.8rem 0;color:#fff}.verdict p{margin:.3rem 0 0}
.v-fail{background:#b00020}.v-warn{background:#9a6700}.v-pass{background:#176f2c}
.item{border:1px solid #ddd;border-left:6px solid #9a6700;border-radius:.35rem;padding:.6rem .9rem;margin:.7rem 0}
.item.blocking{border-left-color:#b00020}.tag{display:inline-block;font-size:.75rem;padding:.05rem .5rem;
border-radius:1rem;color:#fff;background:#9a6700;margin-right:.4rem}.blocking .tag{background:#b00020}
.advice{background:#f6f8fa;padding:.35rem .6rem;border-radius:.3rem}code{font-size:.82rem;word-break:break-all}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{margin:0;border:1px solid #eee;border-radius:.35rem;padding:.3rem}
.chart svg{display:block;max-width:100%;height:auto}.chart .title{font-size:12px;font-weight:600;fill:#333}
.chart .tick{font-size:10px;fill:#666}.chart .axis{stroke:#bbb}figcaption{font-size:.78rem;color:#555}
.key{margin-right:.7rem;white-space:nowrap}.key i{display:inline-block;width:.7rem;height:.7rem;margin-right:.25rem;
border-radius:2px}.muted{color:#666;font-size:.85rem}.ok{color:#176f2c}.fail{color:#b00020;font-weight:600}
.warn{color:#9a6700;font-weight:600}details{margin:.4rem 0}summary{cursor:pointer}
.record{font-family:ui-monospace,monospace;font-size:.78rem;white-space:pre-wrap;word-break:break-all}"""


def render_summary_html(report: dict[str, Any], base: str = "") -> str:
    """The page for one run; `base` leads from the page's folder to the reports folder ("" or "../")."""
    sections = [_verdict(report), _attention(report), _figures(report), _trends(report),
                _events_per_month(report), _quarantine(report), _expectations(report), _links(report, base)]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>eventline data quality: run {escape(report['run_id'])}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(sections)}</body></html>")


def _verdict(report: dict) -> str:
    attention = report.get("attention", [])
    blocking = sum(a["blocking"] for a in attention)
    warnings = len(attention) - blocking
    if report.get("status") == "failed":  # failed or died before its commit: its tables were not switched
        return (f"<p class='muted'>eventline data-quality report · run <code>{escape(report['run_id'])}</code> · "
                f"started {escape(str(report['started_at']))}</p><div class='verdict v-fail'><h1>RUN FAILED</h1>"
                f"<p>{escape(str(report.get('error') or 'the run did not finish'))}</p></div>")
    if blocking:
        css, word = "v-fail", "BLOCKING FAILURES"
    elif warnings:
        css, word = "v-warn", "PASSED WITH WARNINGS"
    else:
        css, word = "v-pass", "PASSED"
    facts = (f"{blocking} blocking expectation{'s' * (blocking != 1)} failed; {warnings} warning"
             f"{'s' * (warnings != 1)} over threshold; {report['rows_quarantined']:,} rows quarantined; "
             f"{report['articles_seen']:,} articles read ({report['articles_new']:,} new).")
    return (f"<p class='muted'>eventline data-quality report · run <code>{escape(report['run_id'])}</code> · "
            f"started {escape(str(report['started_at']))}</p><div class='verdict {css}'><h1>{word}</h1>"
            f"<p>{escape(facts)}</p></div>")


def _attention(report: dict) -> str:
    items = report.get("attention", [])
    if not items:
        return "<h2>Needs attention</h2><p class='ok'>Every expectation passed.</p>"
    parts = ["<h2>Needs attention</h2><p class='muted'>Blocking failures first (their records went to "
             "quarantine), then warnings over their threshold (their records were kept).</p>"]
    for a in items:
        kind = "blocking" if a["blocking"] else "warning"
        parts.append(f"<div class='item {kind}'><h3><span class='tag'>{kind}</span><code>{escape(a['name'])}"
                     f"</code></h3><p>{escape(a['description'])}</p>"
                     f"<p><b>Threshold:</b> {escape(a['threshold'])} · <b>This run:</b> {escape(a['observed'])}</p>"
                     f"<p class='advice'><b>What to do:</b> {escape(a['advice'])}</p>")
        if a.get("examples"):
            parts.append("<table><tr><th>record</th><th>source</th><th>value</th><th>evidence</th></tr>")
            for x in a["examples"]:
                parts.append(f"<tr><td><code>{escape(str(x.get('record_key') or ''))}</code></td>"
                             f"<td>{escape(str(x.get('source_path') or ''))}</td>"
                             f"<td>{escape('' if x.get('value') is None else str(x['value']))}</td>"
                             f"<td>{escape(str(x.get('evidence') or ''))}</td></tr>")
            parts.append("</table>")
        parts.append("</div>")
    return "".join(parts)


def _figures(report: dict) -> str:
    rows = "".join(f"<tr><td>{escape(name)}</td><td>{n:,}</td></tr>" for name, n in report["rows_written"].items())
    return (f"<h2>This run</h2><table><tr><th>table</th><th>rows written</th></tr>{rows}</table>"
            f"<p class='muted'>Finished {escape(str(report['finished_at']))}; expectations passed "
            f"{report['expectations_passed']}, failed {report['expectations_failed']}.</p>")


def _trends(report: dict) -> str:
    runs = report.get("trend", [])
    if not runs:
        return "<h2>Trend over runs</h2><p class='muted'>No completed run recorded yet.</p>"
    labels = [str(r["started_at"])[:16].replace("T", " ") for r in runs]
    if len(set(labels)) < len(labels):  # runs in one minute: the seconds tell them apart
        labels = [str(r["started_at"])[:19].replace("T", " ") for r in runs]
    tables = sorted({t for r in runs for t in r["rows_written"] if t != "quarantine"})
    charts = [
        line_chart("Rows per table", labels, {t: [r["rows_written"].get(t) for r in runs] for t in tables}),
        line_chart("Quarantined rows", labels, {"quarantined": [r["rows_quarantined"] for r in runs]}),
        line_chart("Share of dated events", labels, {"dated": [r["dated_share"] for r in runs]}, percent=True),
        line_chart("Expectations failed", labels, {"failed": [r["expectations_failed"] for r in runs],
                                                   "blocking": [r["expectations_blocking_failed"] for r in runs]}),
    ]
    return (f"<h2>Trend over the last {len(runs)} run{'s' * (len(runs) != 1)}</h2>"
            f"<div class='charts'>{''.join(charts)}</div>")


def _events_per_month(report: dict) -> str:
    per_month = report.get("events_per_month") or {"months": [], "coarser": 0, "undated": 0}
    bars = [(m["month"], m["count"]) for m in per_month["months"]]
    note = (f"{sum(n for _, n in bars):,} events dated to a day, week or month are shown; not shown: "
            f"{per_month.get('outside', 0):,} outside this range, {per_month['coarser']:,} dated less precisely "
            f"(quarter, season, year) and {per_month['undated']:,} undated.")
    chart = bar_chart("Events per month (by start date)", bars) if bars else "<p class='muted'>No dated events.</p>"
    return f"<h2>Events per month</h2>{chart}<p class='muted'>{escape(note)}</p>"


def _quarantine(report: dict) -> str:
    groups = report.get("quarantine_groups", [])
    if not groups:
        return "<h2>Quarantine</h2><p class='ok'>Nothing was quarantined.</p>"
    parts = ["<h2>Quarantine by reason</h2><p class='muted'>The quarantine table keeps every run's rows: "
             "filter on this run's <code>run_id</code> (or use the <code>quarantine_latest</code> view).</p>"]
    for g in groups:
        parts.append(f"<div class='item'><h3>{g['count']:,} × <span class='muted'>[{escape(g['stage'])}]</span> "
                     f"{escape(g['reason'])}</h3><p class='advice'><b>What to do:</b> {escape(g['advice'])}</p>"
                     "<table><tr><th>source</th><th>record</th><th>reason</th></tr>")
        for x in g["examples"]:
            record = (f"<details><summary><code>{escape(str(x.get('record_key') or '(whole file)'))}</code></summary>"
                      f"<div class='record'>{escape(x['record'])}</div></details>" if x.get("record")
                      else f"<code>{escape(str(x.get('record_key') or '(whole file)'))}</code>")
            parts.append(f"<tr><td>{escape(str(x.get('source_path') or ''))}</td><td>{record}</td>"
                         f"<td>{escape(x['reason'])}</td></tr>")
        parts.append("</table>")
        if g["count"] > len(g["examples"]):
            parts.append(f"<p class='muted'>... and {g['count'] - len(g['examples']):,} more.</p>")
        parts.append("</div>")
    return "".join(parts)


def _expectations(report: dict) -> str:
    rows = [(name, x) for name, info in report["tables"].items() for x in info["expectations"]]
    rows.sort(key=lambda r: (r[1]["success"], not r[1]["blocking"]))  # failures first
    body = "".join(
        f"<tr><td>{escape(name)}</td><td><code>{escape(x['name'])}</code><br>{escape(x.get('description', ''))}</td>"
        f"<td>{'blocking' if x['blocking'] else 'warning'}</td><td>{escape(x.get('threshold', ''))}</td>"
        f"<td class='{'ok' if x['success'] else 'fail' if x['blocking'] else 'warn'}'>"
        f"{'pass' if x['success'] else 'FAIL'}</td><td>{x['unexpected_count']:,} / {x['element_count']:,}</td></tr>"
        for name, x in rows)
    return (f"<h2>All expectations</h2><details><summary>{len(rows)} expectations, failures first</summary>"
            "<table><tr><th>table</th><th>expectation</th><th>kind</th><th>threshold</th><th>result</th>"
            f"<th>failing / rows</th></tr>{body}</table></details>")


def _links(report: dict, base: str) -> str:
    links = report.get("links") or {}
    docs = "".join(f"<li><a href='{escape(base + d['path'])}'>{escape(d['suite'])}</a></li>"
                   for d in links.get("data_docs", []))
    runs = "".join(f"<li><a href='{escape(base + r['path'])}'>{escape(r['run_id'])}</a> "
                   f"<span class='muted'>{escape(str(r['started_at']))} · {escape(r['status'])}</span></li>"
                   for r in links.get("earlier_runs", []))
    index = escape(base + links.get("data_docs_index", "docs/index.html"))
    return (f"<h2>Data Docs and earlier runs</h2><p>Great Expectations Data Docs: <a href='{index}'>all runs</a>"
            f"</p><h3>This run's validation pages</h3><ul>{docs or '<li>none built</li>'}</ul>"
            f"<h3>Earlier runs</h3><ul>{runs or '<li>none yet</li>'}</ul>")
