"""`eventline timeline --html FILE`: the timeline as one self-contained page.

Events sit on a time axis, one lane per country or pair of countries (events of three or
more countries share a "multilateral" lane), the busiest lanes first. The axis covers where
the events are: when a few far-off dates (a 1942 anniversary, a 2030 target) would squeeze
everything else into a sliver, those few (at most 2%) are listed beside it instead. Labels are
written where they fit; in a crowded lane an event is a mark with its label as a tooltip.
The date axis stays at the top while the page scrolls; a search box highlights the events
whose text matches; a click shows the event's participants, commitments, evidence sentence
and article in a panel fixed at the bottom of the window.

Nothing is loaded from anywhere: styles, drawing, data and script are inline, all text is
escaped (the script only ever sets textContent), and only http(s) article addresses become
links, opened on the reader's click.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from html import escape
from typing import Any

from eventline.timeline import TimelineFilter, commitment_label, date_label, event_heading, person_label
from schemas.vocab import EVENT_TYPES

_LABEL_W, _AXIS_W, _RIGHT, _AXIS_H = 150, 1000, 20, 30
_ROW_H, _MARK_ROW_H = 22, 15  # rows with labels, rows of marks only
_WIDTH = _LABEL_W + _AXIS_W + _RIGHT
_CHAR_W = 6.5  # width of an 11px label character, a little over the widest average measured (6.3)
_LABELLED_ROWS = 4  # rows of a lane that take labels; past them, crowded events are marks only
_TRIM_FROM, _KEEP = 20, 0.98  # from 20 dated events, the axis may leave up to 2% of them aside
# One colour per event type (ten types, ten colours that tell apart).
_COLOURS = dict(zip(EVENT_TYPES, ("#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777",
                                  "#4b5563", "#65a30d", "#a16207")))

_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 1.2rem 46vh;color:#1d1d1f}
h1{font-size:1.35rem;margin:1rem 0 .2rem}.muted{color:#666;font-size:.85rem}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;margin:.4rem 0}
#find{font-size:.9rem;padding:.25rem .5rem;width:18rem}#found{font-size:.85rem;color:#444}
.axis{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ddd}
svg{display:block;background:#fff}.chart{border:1px solid #e5e5e5;border-top:0}
.lane{font-size:12px;fill:#333}.lane-n{font-size:10px;fill:#888}.tick{font-size:10px;fill:#555}
.grid{stroke:#eee}.lanesep{stroke:#e8e8e8}
.ev{cursor:pointer}.ev text{font-size:11px;fill:#222}.ev:hover text,.ev.selected text{font-weight:700}
.ev:hover circle,.ev:hover rect,.ev.selected circle,.ev.selected rect{stroke:#000;stroke-width:2}
.ev.dim{opacity:.12}.ev:focus{outline:none}.ev:focus circle,.ev:focus rect{stroke:#000;stroke-width:2}
.legend span{margin-right:.8rem;font-size:.8rem;white-space:nowrap}.legend i{display:inline-block;width:.7rem;
height:.7rem;border-radius:50%;margin-right:.25rem;vertical-align:-1px}
details.aside{margin:.6rem 0}details.aside summary{cursor:pointer;font-size:.9rem}
button.ev-button{margin:.15rem;font-size:.8rem;cursor:pointer}button.ev-button.dim{opacity:.3}
#details{position:fixed;left:0;right:0;bottom:0;max-height:42vh;overflow:auto;background:#fff;z-index:3;
border-top:2px solid #2563eb;box-shadow:0 -4px 12px rgba(0,0,0,.12);padding:.5rem 1.4rem .8rem}
#details h2{font-size:1.05rem;margin:.1rem 0 .4rem;padding-right:2rem}#details h3{font-size:.9rem;margin:.6rem 0 .2rem}
#details ul{margin:.2rem 0;padding-left:1.2rem}#close{position:absolute;right:1rem;top:.4rem;cursor:pointer}
blockquote{margin:.4rem 0;padding:.4rem .8rem;background:#f6f8fa;border-left:4px solid #2563eb}"""

_SCRIPT = """(function(){
const events = JSON.parse(document.getElementById('timeline-data').textContent);
const panel = document.getElementById('details');
const hint = panel.innerHTML;
function add(parent, tag, text){const el=document.createElement(tag); if(text!==undefined) el.textContent=text;
  parent.appendChild(el); return el;}
function list(title, items){ if(!items.length) return; add(panel,'h3',title); const ul=add(panel,'ul');
  items.forEach(t => add(ul,'li',t)); }
function marks(i){ return document.querySelectorAll('[data-id="'+i+'"]'); }
function close(){ panel.innerHTML = hint;
  document.querySelectorAll('.selected').forEach(g => g.classList.remove('selected')); }
function show(i){
  const e = events[i]; panel.replaceChildren();
  document.querySelectorAll('.selected').forEach(g => g.classList.remove('selected'));
  marks(i).forEach(g => g.classList.add('selected'));
  add(panel,'h2', e.date + ' \\u00b7 ' + e.heading);
  list('Participants', e.participants);
  list('Commitments made there', e.commitments);
  add(panel,'h3','Evidence'); add(panel,'blockquote', e.evidence);
  const p = add(panel,'p'); p.appendChild(document.createTextNode('Article: '));
  if (/^https?:\\/\\//i.test(e.url || '')) { const a = add(p,'a', e.title || e.url); a.href = e.url;
    a.rel = 'noopener noreferrer'; a.target = '_blank'; }
  else { add(p,'span', e.title || e.source); }
  add(p,'span',' (' + e.source + ')').className = 'muted';
  const x = add(panel,'button','\\u00d7'); x.id = 'close'; x.title = 'close (Esc)';
  x.addEventListener('click', close);
  panel.scrollTop = 0;
}
document.querySelectorAll('[data-id]').forEach(el => {
  el.addEventListener('click', () => show(+el.dataset.id));
  el.addEventListener('keydown', ev => { if (ev.key === 'Enter') show(+el.dataset.id); });
});
document.addEventListener('keydown', ev => { if (ev.key === 'Escape') close(); });
function fold(s){ return s.normalize('NFKD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase(); }
const texts = events.map(e => fold([e.date, e.heading, e.evidence, e.title || '', e.source]
  .concat(e.participants, e.commitments).join(' ')));
const found = document.getElementById('found');
document.getElementById('find').addEventListener('input', ev => {
  const words = fold(ev.target.value).split(/\\s+/).filter(w => w);
  let n = 0, first = null;
  texts.forEach((t, i) => { const hit = words.every(w => t.includes(w)); n += hit;
    marks(i).forEach(g => g.classList.toggle('dim', !hit)); if (hit && first === null) first = i; });
  found.textContent = words.length ? n + ' of ' + events.length + ' events match' : '';
  document.querySelectorAll('details.aside').forEach(d => { if (words.length)
    d.open = [...d.querySelectorAll('[data-id]')].some(b => !b.classList.contains('dim')); });
  if (words.length && first !== null) { const g = marks(first)[0];
    if (g.getBoundingClientRect().height) g.scrollIntoView({block: 'center'}); }
});
})();"""


def render_timeline_html(entries: list[dict[str, Any]], filters: TimelineFilter = TimelineFilter()) -> str:
    """The page for the entries `load_timeline` returned."""
    data = [_entry_data(e) for e in entries]
    dated = [(i, e) for i, e in enumerate(entries) if e["start_date"] is not None]
    undated = [(i, e) for i, e in enumerate(entries) if e["start_date"] is None]
    lo, hi = axis_range([e for _, e in dated])
    on_axis = [(i, e) for i, e in dated if (e["end_date"] or e["start_date"]) >= lo and e["start_date"] <= hi]
    before = [(i, e) for i, e in dated if (e["end_date"] or e["start_date"]) < lo]
    after = [(i, e) for i, e in dated if e["start_date"] > hi]
    chart = _chart(on_axis, lo, hi) if on_axis else "<p class='muted'>No dated event matches.</p>"
    legend = "".join(f"<span><i style='background:{_COLOURS[t]}'></i>{escape(t)}</span>"
                     for t in EVENT_TYPES if any(e["event_type"] == t for e in entries))
    asides = (_aside(f"before {lo.isoformat()} (left off the axis)", before)
              + _aside(f"after {hi.isoformat()} (left off the axis)", after) + _aside("undated", undated))
    # JSON inside <script>: "<", ">" and "&" as escapes, so no text can close the element.
    payload = json.dumps(data, ensure_ascii=False, default=str).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>eventline timeline</title><style>{_CSS}</style></head><body>"
            f"<h1>eventline timeline</h1><p class='muted'>{escape(_describe(filters, len(entries)))}</p>"
            "<div class='bar'><input id='find' type='search' placeholder='Find: a name, place, word...' "
            f"aria-label='find events'><span id='found'></span><div class='legend'>{legend}</div></div>"
            f"{asides}{chart}"
            "<section id='details'><p class='muted'>Click an event (or a mark) to see its participants, the "
            "commitments made there and the sentence that states it.</p></section>"
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
    given = filters.describe()
    return f"{n:,} event{'s' * (n != 1)}" + (f" · {given}" if given else "")


def _aside(what: str, items: list[tuple[int, dict]]) -> str:
    """Events not on the axis, as buttons in a closed section (a click shows them like any other)."""
    if not items:
        return ""
    buttons = "".join(f"<button class='ev-button' data-id='{i}'>{escape(date_label(e))} · "
                      f"{escape(event_heading(e))}</button>" for i, e in items)
    return (f"<details class='aside'><summary>{len(items):,} event{'s' * (len(items) != 1)} {escape(what)}"
            f"</summary>{buttons}</details>")


def axis_range(events: list[dict]) -> tuple[dt.date, dt.date]:
    """First and last day of the time axis, with a little room on both sides: every event, or, when a
    few far-off dates would squeeze the rest into a sliver, the fewest left aside (at most 2%) that
    bring the axis within a quarter of the shortest stretch holding 98% of the events."""
    if not events:
        today = dt.date.today()
        return today, today
    starts = sorted(e["start_date"] for e in events)
    first, last = starts[0], max(e["end_date"] or e["start_date"] for e in events)
    most = len(starts) - math.ceil(len(starts) * _KEEP)  # events that may be left aside
    if len(starts) >= _TRIM_FROM and most:
        def shortest(aside: int) -> tuple[dt.date, dt.date]:
            keep = len(starts) - aside
            i = min(range(aside + 1), key=lambda i: starts[i + keep - 1] - starts[i])
            return starts[i], starts[i + keep - 1]

        tight = shortest(most)
        if (tight[1] - tight[0]) * 2 < last - first:  # far-off dates would take half the axis
            first, last = next(w for w in map(shortest, range(most + 1))
                               if (w[1] - w[0]) <= (tight[1] - tight[0]) * 1.25)
    pad = dt.timedelta(days=max((last - first).days * 0.02, 1))
    return first - pad, last + pad


def lane_of(e: dict) -> str:
    """The event's lane: its country, its pair of countries, or "multilateral"."""
    countries = sorted(e["countries"] or [])
    if not countries:
        return "no country named"
    return " – ".join(countries) if len(countries) <= 2 else "multilateral"


class _Rows:
    """Rows of one lane and the spans of x each already holds."""

    def __init__(self) -> None:
        self.spans: list[list[tuple[float, float]]] = []

    def place(self, options: list[tuple[float, float, str]], rows: int) -> tuple[int, str] | None:
        """The first of the first `rows` rows where one of the options (span, placement) fits, opening a
        row when fewer are open; None when nothing fits there."""
        for row in range(min(rows, len(self.spans) + 1)):
            if row == len(self.spans):
                self.spans.append([])
            for a, b, how in options:
                if all(b < s or a > e for s, e in self.spans[row]):
                    self.spans[row].append((a, b))
                    return row, how
        return None


def _chart(dated: list[tuple[int, dict]], lo: dt.date, hi: dt.date) -> str:
    span = max((hi - lo).days, 1)

    def x(day: dt.date) -> float:
        day = min(max(day, lo), hi)  # a year-long event reaching past the axis is cut at its edge
        return _LABEL_W + (day - lo).days / span * _AXIS_W

    lanes: dict[str, list[tuple[int, dict]]] = {}
    for i, e in dated:
        lanes.setdefault(lane_of(e), []).append((i, e))
    # The busiest lanes first; "no country named" last.
    order = sorted(lanes, key=lambda k: (k == "no country named", -len(lanes[k]), lanes[k][0][1]["start_date"], k))
    body, y = [], 0
    for lane in order:
        rows, placed = _Rows(), []
        for i, e in lanes[lane]:  # oldest first
            label = " · ".join(t for t in (e["event_type"], e.get("location"), date_label(e)) if t)
            x0 = x(e["start_date"])
            x1 = max(x(e["end_date"] or e["start_date"]), x0)
            width = len(label) * _CHAR_W
            mark = (x0 - 7, x1 + 7, "mark")
            labelled = [(x0 - 7, x1 + 8 + width, "right")] if x1 + 8 + width <= _WIDTH - 2 else []
            if x0 - 8 - width >= _LABEL_W + 2:
                labelled.append((x0 - 8 - width, x1 + 7, "left"))
            # A label where one fits in the first rows; else a mark in the first row with room for it.
            spot = rows.place(labelled, _LABELLED_ROWS) or rows.place([mark], len(rows.spans) + 1)
            placed.append((i, e, label, x0, x1, *spot))
        height = _row_top(max(len(rows.spans), 1)) + 4
        n = len(lanes[lane])
        body.append(f"<line x1='0' y1='{y + height}' x2='{_WIDTH}' y2='{y + height}' class='lanesep'/>"
                    f"<text x='6' y='{y + 16}' class='lane'>{escape(lane)}</text>")
        if height > 30:  # room for the lane's count under its name
            body.append(f"<text x='6' y='{y + 29}' class='lane-n'>{n} event{'s' * (n != 1)}</text>")
        for i, e, label, x0, x1, row, how in placed:
            cy = y + 2 + _row_top(row) + (_ROW_H if row < _LABELLED_ROWS else _MARK_ROW_H) / 2
            body.append(_mark(i, e, label, x0, x1, cy, how))
        y += height
    grid = "".join(f"<line x1='{x(d):.1f}' y1='0' x2='{x(d):.1f}' y2='{y}' class='grid'/>" for d, _ in _ticks(lo, hi))
    ticks = "".join(f"<line x1='{x(d):.1f}' y1='{_AXIS_H - 8}' x2='{x(d):.1f}' y2='{_AXIS_H}' stroke='#999'/>"
                    f"<text x='{x(d):.1f}' y='{_AXIS_H - 12}' class='tick' text-anchor='middle'>{escape(text)}</text>"
                    for d, text in _ticks(lo, hi))
    return (f"<div class='axis'><svg width='{_WIDTH}' height='{_AXIS_H}' viewBox='0 0 {_WIDTH} {_AXIS_H}' "
            f"aria-label='time axis'><text x='6' y='{_AXIS_H - 12}' class='tick'>{escape(lo.isoformat())} to "
            f"{escape(hi.isoformat())}</text>{ticks}</svg></div>"
            f"<svg class='chart' width='{_WIDTH}' height='{y}' viewBox='0 0 {_WIDTH} {y}' role='img' "
            f"aria-label='events on a time axis'>{grid}{''.join(body)}</svg>")


def _row_top(row: int) -> int:
    """Top of a lane's row: the label rows first, then the lower rows of marks only."""
    return min(row, _LABELLED_ROWS) * _ROW_H + max(row - _LABELLED_ROWS, 0) * _MARK_ROW_H


def _mark(i: int, e: dict, label: str, x0: float, x1: float, cy: float, how: str) -> str:
    """One event: a dot (a day) or a bar (a span), and its label where it fits."""
    colour = _COLOURS.get(e["event_type"], "#4b5563")
    dash = " stroke-dasharray='3 2' stroke='#333'" if e["status"] == "planned" else ""
    if e["date_precision"] == "day" and e["end_date"] in (None, e["start_date"]):
        shape = f"<circle cx='{x0:.1f}' cy='{cy:.1f}' r='6' fill='{colour}'{dash}/>"
    else:  # a span: the days it covers, at least a dot wide; paler the less precise
        opacity = 0.85 if e["date_precision"] in ("day", "week") else 0.45
        shape = (f"<rect x='{x0 - 4:.1f}' y='{cy - 5:.1f}' width='{x1 - x0 + 8:.1f}' height='10' rx='4' "
                 f"fill='{colour}' fill-opacity='{opacity}'{dash}/>")
    text = ""
    if how == "right":
        text = f"<text x='{x1 + 8:.1f}' y='{cy + 4:.1f}'>{escape(label)}</text>"
    elif how == "left":
        text = f"<text x='{x0 - 8:.1f}' y='{cy + 4:.1f}' text-anchor='end'>{escape(label)}</text>"
    return (f"<g class='ev' data-id='{i}' tabindex='0'><title>{escape(date_label(e))} · {escape(event_heading(e))}"
            f"</title>{shape}{text}</g>")


def _ticks(lo: dt.date, hi: dt.date, most: int = 12) -> list[tuple[dt.date, str]]:
    """Axis ticks on the first of a year, month or day, at round steps, at most about `most` of them."""
    days = (hi - lo).days
    if days > 3 * 365:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if (hi.year - lo.year) / s <= most)
        years = [y for y in range(lo.year + 1, hi.year + 1) if y % step == 0]
        return [(dt.date(y, 1, 1), str(y)) for y in years]
    if days > 60:
        step = next(s for s in (1, 2, 3, 6, 12) if days / 30.4 / s <= most)
        months, d = [], dt.date(lo.year, lo.month, 1)
        while d <= hi:
            if d > lo and (d.month - 1) % step == 0:
                months.append((d, f"{d:%Y}" if d.month == 1 and step == 12 else f"{d:%Y-%m}"))
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return months
    step = next(s for s in (1, 2, 7, 14) if days / s <= most) if days > 0 else 1
    return [(lo + dt.timedelta(days=k), f"{lo + dt.timedelta(days=k):%m-%d}") for k in range(1, days, step)]
