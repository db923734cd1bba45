"""Small inline SVG charts for the summary page: no script, no external file, every label escaped."""

from __future__ import annotations

from html import escape

PALETTE = ("#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#be185d", "#4b5563")


def _fmt(value: float, percent: bool) -> str:
    return f"{value:.0%}" if percent else f"{value:,.0f}"


def line_chart(title: str, labels: list[str], series: dict[str, list[float | None]], *,
               percent: bool = False, width: int = 340, height: int = 150) -> str:
    """One line per series over the labels (runs, oldest first); points carry their value as a tooltip."""
    left, right, top, bottom = 44, 10, 22, 28
    values = [v for vs in series.values() for v in vs if v is not None]
    high = max(values, default=0) or 1
    high = 1.0 if percent and high <= 1 else high
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(len(labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (i * step if len(labels) > 1 else inner_w / 2)
        return round(x, 1), round(top + inner_h - v / high * inner_h, 1)

    parts = [_frame(title, width, height),
             f"<line x1='{left}' y1='{top + inner_h}' x2='{width - right}' y2='{top + inner_h}' class='axis'/>",
             f"<text x='{left - 4}' y='{top + 4}' class='tick' text-anchor='end'>{_fmt(high, percent)}</text>",
             f"<text x='{left - 4}' y='{top + inner_h}' class='tick' text-anchor='end'>0</text>"]
    if len(labels) == 1:  # one run: its point and its label in the middle
        parts.append(f"<text x='{left + inner_w / 2:.1f}' y='{height - 8}' class='tick' text-anchor='middle'>"
                     f"{escape(labels[0])}</text>")
    elif labels:
        parts.append(f"<text x='{left}' y='{height - 8}' class='tick'>{escape(labels[0])}</text>")
        if len(labels) > 1:
            parts.append(f"<text x='{width - right}' y='{height - 8}' class='tick' text-anchor='end'>"
                         f"{escape(labels[-1])}</text>")
    for n, (name, vs) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        points = [(i, v) for i, v in enumerate(vs) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x},{y}" for x, y in (xy(i, v) for i, v in points))
            parts.append(f"<polyline points='{path}' fill='none' stroke='{colour}' stroke-width='2'/>")
        for i, v in points:
            x, y = xy(i, v)
            parts.append(f"<circle cx='{x}' cy='{y}' r='3' fill='{colour}'><title>{escape(name)} "
                         f"{escape(labels[i])}: {_fmt(v, percent)}</title></circle>")
    if len(series) > 1:
        legend = "".join(f"<span class='key'><i style='background:{PALETTE[n % len(PALETTE)]}'></i>"
                         f"{escape(name)} {escape(_latest(vs, percent))}</span>"
                         for n, (name, vs) in enumerate(series.items()))
        return f"<figure class='chart'>{''.join(parts)}</svg><figcaption>{legend}</figcaption></figure>"
    values = next(iter(series.values()), [])
    caption = f"latest: {_latest(values, percent)}" if any(v is not None for v in values) else "no data yet"
    return f"<figure class='chart'>{''.join(parts)}</svg><figcaption>{escape(caption)}</figcaption></figure>"


def _latest(values: list[float | None], percent: bool) -> str:
    """The latest value and its change since the run before: "4,243 (+12)", "78% (-2 pts)", "13 (=)"."""
    known = [v for v in values if v is not None]
    if not known:
        return "-"
    text = _fmt(known[-1], percent)
    if len(known) > 1:
        change = (known[-1] - known[-2]) * (100 if percent else 1)
        text += " (=)" if round(change) == 0 else f" ({change:+,.0f}{' pts' if percent else ''})"
    return text


def bar_chart(title: str, bars: list[tuple[str, int]], *, width: int = 700, height: int = 170) -> str:
    """Vertical bars (events per month); every bar has its label and count as a tooltip."""
    left, right, top, bottom = 44, 10, 22, 30
    inner_w, inner_h = width - left - right, height - top - bottom
    high = max((n for _, n in bars), default=0) or 1
    slot = inner_w / max(len(bars), 1)
    parts = [_frame(title, width, height),
             f"<line x1='{left}' y1='{top + inner_h}' x2='{width - right}' y2='{top + inner_h}' class='axis'/>",
             f"<text x='{left - 4}' y='{top + 4}' class='tick' text-anchor='end'>{high:,}</text>",
             f"<text x='{left - 4}' y='{top + inner_h}' class='tick' text-anchor='end'>0</text>"]
    every = max(1, len(bars) // 8)  # at most about eight labels under the axis
    for i, (label, n) in enumerate(bars):
        h = n / high * inner_h
        x = left + i * slot
        parts.append(f"<rect x='{x + slot * 0.1:.1f}' y='{top + inner_h - h:.1f}' width='{max(slot * 0.8, 1):.1f}' "
                     f"height='{h:.1f}' fill='{PALETTE[0]}'><title>{escape(label)}: {n:,}</title></rect>")
        last = len(bars) - 1
        if i == last or (i % every == 0 and last - i >= every / 2):  # no label crowding the last one
            parts.append(_tick_label(label, x + slot / 2, height - 10, left, width - 2))
    return f"<figure class='chart wide'>{''.join(parts)}</svg></figure>"


def _tick_label(label: str, x: float, y: float, low: float, high: float) -> str:
    """A label centred under x, moved inside [low, high] when it would be cut at the chart's edge."""
    half = len(label) * 3.3  # 10px tick text: about 6.6px a character
    anchor = "middle"
    if x + half > high:
        x, anchor = high, "end"
    elif x - half < low:
        x, anchor = low, "start"
    return f"<text x='{x:.1f}' y='{y}' class='tick' text-anchor='{anchor}'>{escape(label)}</text>"


def _frame(title: str, width: int, height: int) -> str:
    return (f"<svg viewBox='0 0 {width} {height}' width='{width}' "
            f"height='{height}' role='img' aria-label='{escape(title)}'><text x='4' y='14' class='title'>"
            f"{escape(title)}</text>")
