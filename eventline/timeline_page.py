"""`eventline timeline --html FILE`: the timeline as one self-contained page.

Events sit on a time axis, one lane per country or pair of countries (events of three or
more countries share a "multilateral" lane). The SVG is drawn here; a small inline script
shows an event's participants, commitments, evidence sentence and article when it is
clicked. Nothing is loaded from anywhere: styles, drawing, data and script are inline, all
text is escaped (the script only ever sets textContent), and only http(s) article
addresses become links, opened on the reader's click.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Any

from eventline.timeline import TimelineFilter, commitment_label, date_label, event_heading, person_label
from flows.svg_charts import PALETTE
from schemas.vocab import EVENT_TYPES

_LABEL_W, _AXIS_W, _ROW_H, _TOP = 190, 980, 26, 34
_COLOURS = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(EVENT_TYPES)}

_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.2rem;color:#1d1d1f}
h1{font-size:1.35rem;margin:.2rem 0}.muted{color:#666;font-size:.85rem}
svg{display:block;background:#fff;border:1px solid #e5e5e5;border-radius:.4rem}
.lane{font-size:12px;fill:#333}.tick{font-size:10px;fill:#777}.grid{stroke:#eee}.lanesep{stroke:#f2f2f2}
.ev{cursor:pointer}.ev text{font-size:11px;fill:#222}.ev:hover text,.ev.selected text{font-weight:700}
.ev.selected circle,.ev.selected rect{stroke:#000;stroke-width:2}
.legend span{margin-right:.8rem;font-size:.8rem;white-space:nowrap}.legend i{display:inline-block;width:.7rem;
height:.7rem;border-radius:50%;margin-right:.25rem;vertical-align:-1px}
#details{border:1px solid #ddd;border-radius:.4rem;padding:.7rem 1rem;margin-top:1rem;max-width:70rem}
#details h2{font-size:1.05rem;margin:.1rem 0 .4rem}#details h3{font-size:.9rem;margin:.6rem 0 .2rem}
#details ul{margin:.2rem 0;padding-left:1.2rem}blockquote{margin:.4rem 0;padding:.4rem .8rem;background:#f6f8fa;
border-left:4px solid #2563eb}button.undated{margin:.15rem;font-size:.8rem;cursor:pointer}"""

_SCRIPT = """(function(){
const events = JSON.parse(document.getElementById('timeline-data').textContent);
const panel = document.getElementById('details');
function add(parent, tag, text){const el=document.createElement(tag); if(text!==undefined) el.textContent=text;
  parent.appendChild(el); return el;}
function list(title, items){ if(!items.length) return; add(panel,'h3',title); const ul=add(panel,'ul');
  items.forEach(t => add(ul,'li',t)); }
function show(i){
  const e = events[i]; panel.replaceChildren();
  document.querySelectorAll('.ev.selected').forEach(g => g.classList.remove('selected'));
  document.querySelectorAll('.ev[data-id="'+i+'"]').forEach(g => g.classList.add('selected'));
  add(panel,'h2', e.date + ' \\u00b7 ' + e.heading);
  list('Participants', e.participants);
  list('Commitments made there', e.commitments);
  add(panel,'h3','Evidence'); add(panel,'blockquote', e.evidence);
  const p = add(panel,'p'); p.appendChild(document.createTextNode('Article: '));
  if (/^https?:\\/\\//i.test(e.url || '')) { const a = add(p,'a', e.title || e.url); a.href = e.url;
    a.rel = 'noopener noreferrer'; a.target = '_blank'; }
  else { add(p,'span', e.title || e.source); }
  add(p,'span',' (' + e.source + ')').className = 'muted';
}
document.querySelectorAll('[data-id]').forEach(el => {
  el.addEventListener('click', () => show(+el.dataset.id));
  el.addEventListener('keydown', ev => { if (ev.key === 'Enter') show(+el.dataset.id); });
});
})();"""


def render_timeline_html(entries: list[dict[str, Any]], filters: TimelineFilter = TimelineFilter()) -> str:
    """The page for the entries `load_timeline` returned."""
    data = [_entry_data(e) for e in entries]
    dated = [(i, e) for i, e in enumerate(entries) if e["start_date"] is not None]
    undated = [(i, e) for i, e in enumerate(entries) if e["start_date"] is None]
    chart = _chart(dated) if dated else "<p class='muted'>No dated event matches.</p>"
    undated_html = ("<h3>Undated events</h3>" + "".join(
        f"<button class='undated' data-id='{i}'>{escape(event_heading(e))}</button>" for i, e in undated)
        if undated else "")
    legend = "".join(f"<span><i style='background:{_COLOURS[t]}'></i>{escape(t)}</span>"
                     for t in EVENT_TYPES if any(e["event_type"] == t for e in entries))
    # JSON inside <script>: "<", ">" and "&" as escapes, so no text can close the element.
    payload = json.dumps(data, ensure_ascii=False, default=str).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>eventline timeline</title><style>{_CSS}</style></head><body>"
            f"<h1>eventline timeline</h1><p class='muted'>{escape(_describe(filters, len(entries)))}</p>"
            f"<div class='legend'>{legend}</div>{chart}{undated_html}"
            "<section id='details'><p class='muted'>Click an event to see its participants, the commitments made "
            "there and the sentence that states it.</p></section>"
            f"<script type='application/json' id='timeline-data'>{payload}</script><script>{_SCRIPT}</script>"
            "</body></html>")


def _entry_data(e: dict) -> dict[str, Any]:
    article = e.get("article") or {}
    return {"date": date_label(e), "heading": event_heading(e), "evidence": e["evidence"],
            "participants": [person_label(p) for p in e["participants"] if p["entity_type"] != "country"],
            "commitments": [commitment_label(c) for c in e["commitments"]],
            "title": article.get("title"), "url": article.get("url"),
            "source": article.get("source_path") or e["article_id"]}


def _describe(filters: TimelineFilter, n: int) -> str:
    given = [f"{k} {v}" for k, v in (("country", filters.country), ("person", filters.person),
                                     ("type", filters.event_type), ("from", filters.date_from),
                                     ("to", filters.date_to)) if v]
    return f"{n} event{'s' * (n != 1)}" + (f" · {', '.join(given)}" if given else "")


def lane_of(e: dict) -> str:
    """The event's lane: its country, its pair of countries, or "multilateral"."""
    countries = sorted(e["countries"] or [])
    if not countries:
        return "no country named"
    return " – ".join(countries) if len(countries) <= 2 else "multilateral"


def _chart(dated: list[tuple[int, dict]]) -> str:
    first = min(e["start_date"] for _, e in dated)
    last = max(e["end_date"] or e["start_date"] for _, e in dated)
    pad = max((last - first).days * 0.03, 1)
    lo, hi = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = (hi - lo).days

    def x(day: dt.date) -> float:
        return _LABEL_W + (day - lo).days / span * _AXIS_W

    lanes: dict[str, list[tuple[int, dict]]] = {}
    for i, e in dated:
        lanes.setdefault(lane_of(e), []).append((i, e))
    body, y = [], _TOP
    for lane, items in lanes.items():  # lanes in order of their first event (entries come oldest first)
        rows: list[float] = []  # right edge of what each row already holds
        placed = []
        for i, e in items:
            label = " · ".join(x for x in (e["event_type"], e.get("location"), date_label(e)) if x)
            x0 = x(e["start_date"])
            x1 = max(x(e["end_date"] or e["start_date"]), x0 + 8)
            right = x1 + 6 + len(label) * 6.2
            row = next((r for r, edge in enumerate(rows) if edge < x0 - 4), None)
            if row is None:
                rows.append(right)
                row = len(rows) - 1
            else:
                rows[row] = right
            placed.append((i, e, label, x0, x1, row))
        height = max(len(rows), 1) * _ROW_H
        body.append(f"<line x1='0' y1='{y + height}' x2='{_LABEL_W + _AXIS_W + 200}' y2='{y + height}' "
                    f"class='lanesep'/><text x='6' y='{y + 17}' class='lane'>{escape(lane)}</text>")
        for i, e, label, x0, x1, row in placed:
            cy = y + row * _ROW_H + 13
            colour = _COLOURS.get(e["event_type"], PALETTE[-1])
            dash = " stroke-dasharray='3 2' stroke='#333'" if e["status"] == "planned" else ""
            shape = (f"<circle cx='{x0:.1f}' cy='{cy}' r='6' fill='{colour}'{dash}/>" if e["date_precision"] == "day"
                     and (e["end_date"] in (None, e["start_date"])) else
                     f"<rect x='{x0:.1f}' y='{cy - 5}' width='{x1 - x0:.1f}' height='10' rx='4' fill='{colour}' "
                     f"fill-opacity='0.75'{dash}/>")
            body.append(f"<g class='ev' data-id='{i}' tabindex='0'><title>{escape(event_heading(e))}</title>{shape}"
                        f"<text x='{x1 + 6:.1f}' y='{cy + 4}'>{escape(label)}</text></g>")
        y += height
    width = _LABEL_W + _AXIS_W + 200
    ticks = "".join(f"<line x1='{x(d):.1f}' y1='{_TOP - 6}' x2='{x(d):.1f}' y2='{y}' class='grid'/>"
                    f"<text x='{x(d):.1f}' y='{_TOP - 10}' class='tick' text-anchor='middle'>{escape(text)}</text>"
                    for d, text in _ticks(lo, hi))
    return (f"<svg width='{width}' height='{y + 10}' viewBox='0 0 {width} {y + 10}' role='img' "
            f"aria-label='events on a time axis'>{ticks}{''.join(body)}</svg>")


def _ticks(lo: dt.date, hi: dt.date, most: int = 12) -> list[tuple[dt.date, str]]:
    """Axis ticks on the first of a year, month or day, at most about `most` of them."""
    days = (hi - lo).days
    if days > 3 * 365:
        years = list(range(lo.year + 1, hi.year + 1))
        step = max(1, len(years) // most)
        return [(dt.date(y, 1, 1), str(y)) for y in years[::step]]
    if days > 60:
        months, d = [], dt.date(lo.year, lo.month, 1)
        while d <= hi:
            if d >= lo:
                months.append(d)
            d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
        step = max(1, len(months) // most)
        return [(m, f"{m:%Y-%m}") for m in months[::step]]
    step = max(1, days // most)
    return [(lo + dt.timedelta(days=k), f"{lo + dt.timedelta(days=k):%m-%d}") for k in range(1, days, step)]
