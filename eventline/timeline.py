"""`eventline timeline`: the events of the curated tables by date, with participants and commitments.

`load_timeline` reads and filters (events joined with their participants, commitments and
article); `print_timeline` draws it in the terminal with rich; `eventline.timeline_page`
writes the same entries as one self-contained HTML page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from eventline.readers import read_table
from schemas.vocab import DATE_PRECISIONS, EVENT_TYPES

_PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}
# On one day, what is signed, briefed or announced at a meeting comes after the meeting itself.
_SAME_DAY_RANK = {t: (1 if t in ("signing", "press_briefing", "announcement", "other") else 0) for t in EVENT_TYPES}


@dataclass(frozen=True)
class TimelineFilter:
    """What to show: every given criterion must hold (a date range keeps the events it overlaps)."""

    country: str | None = None  # ISO3, or a country name
    person: str | None = None  # part of a participant's name, any case
    event_type: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __post_init__(self) -> None:
        if self.event_type is not None and self.event_type not in EVENT_TYPES:
            raise ValueError(f"unknown event type '{self.event_type}': use one of {', '.join(EVENT_TYPES)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"--from {self.date_from} is after --to {self.date_to}: swap them")

    @property
    def country_code(self) -> str | None:
        """The ISO3 code asked for (a name like "Kazakhstan" is looked up)."""
        if self.country is None:
            return None
        text = self.country.strip()
        if len(text) == 3 and text.isalpha():
            return text.upper()
        from transforms.names import country_code

        code = country_code(text)
        if code is None:
            raise ValueError(f"'{self.country}' is no country code or name known to eventline: "
                             "give an ISO 3166-1 alpha-3 code such as KAZ")
        return code


def load_timeline(curated: Path | str, filters: TimelineFilter = TimelineFilter()) -> list[dict[str, Any]]:
    """Events that pass the filters, oldest first (undated last), each with `participants`,
    `commitments` and `article` (title, url, source_path, published_date)."""
    events = read_table(curated, "events").to_pylist()
    participants = _by_event(read_table(curated, "participants").to_pylist())
    commitments = _by_event(read_table(curated, "commitments").to_pylist())
    articles = {a["article_id"]: {k: a[k] for k in ("title", "url", "source_path", "published_date")}
                for a in read_table(curated, "articles", ["article_id", "title", "url", "source_path",
                                                           "published_date"]).to_pylist()}
    country = filters.country_code
    person = filters.person.casefold() if filters.person else None
    out = []
    for e in events:
        people = participants.get(e["event_id"], [])
        if country and country not in (e["countries"] or []):
            continue
        if person and not any(person in (p["name"] or "").casefold() or person in (p["name_as_written"] or "")
                              .casefold() for p in people if p["entity_type"] == "person"):
            continue
        if filters.event_type and e["event_type"] != filters.event_type:
            continue
        if filters.date_from and (e["end_date"] or e["start_date"] or dt.date.min) < filters.date_from:
            continue
        if filters.date_to and (e["start_date"] or dt.date.max) > filters.date_to:
            continue
        out.append({**e, "participants": people, "commitments": commitments.get(e["event_id"], []),
                    "article": articles.get(e["article_id"], {})})
    out.sort(key=_order)
    return out


def _by_event(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("event_id"):
            grouped.setdefault(row["event_id"], []).append(row)
    return grouped


def _order(e: dict) -> tuple:
    """Oldest first; on one day the more precise, meetings before what is signed or briefed there,
    then in the order the article tells them."""
    undated = e["start_date"] is None
    return (undated, e["start_date"] or dt.date.max, _PRECISION_RANK.get(e["date_precision"], 99),
            e["end_date"] or dt.date.max, _SAME_DAY_RANK.get(e["event_type"], 1), e["article_id"], e["char_start"],
            e["event_id"])


def date_label(e: dict) -> str:
    """The event's date as precisely as the text gives it: 2023-04-26, 2023-04-26..27, 2023-05 (month), undated."""
    start, end, precision = e["start_date"], e["end_date"], e["date_precision"]
    if start is None:
        return "undated"
    if precision == "day":
        if end is None or end == start:
            return start.isoformat()
        return f"{start.isoformat()}..{end.isoformat()[8:] if end.strftime('%Y-%m') == start.strftime('%Y-%m') else end}"
    if precision == "month":
        return f"{start:%Y-%m} (month)"
    if precision == "year":
        return f"{start:%Y} (year)"
    return f"{start.isoformat()}..{end.isoformat() if end else '?'} ({precision})"


def person_label(p: dict) -> str:
    """"Murat Nurtleu, Minister of Foreign Affairs (KAZ)"."""
    title = f", {p['title']}" if p.get("title") else ""
    country = f" ({p['country']})" if p.get("country") else ""
    return f"{p['name']}{title}{country}"


def commitment_label(c: dict) -> str:
    """"pledge by CHN, KAZ [economy_trade]: expand trade links (due 2030-12-31)"."""
    due = f" (due {c['due_date']})" if c.get("due_date") else ""
    return f"{c['modality']} by {', '.join(c['parties'] or []) or c['actor_text']} [{c['topic']}]: " \
           f"{c['description']}{due}"


def event_heading(e: dict) -> str:
    """"talks · Fourth ... Meeting · Xi'an · CHN, KAZ · planned"."""
    parts = [e["event_type"], e.get("name"), e.get("location"), ", ".join(e["countries"] or []) or None,
             None if e["status"] == "occurred" else e["status"]]
    return " · ".join(p for p in parts if p)


def print_timeline(entries: list[dict], console: Console | None = None) -> None:
    """The timeline in the terminal: one branch per event under its date, participants and commitments below."""
    console = console or Console()
    if not entries:
        console.print("No events match. Loosen the filters, or run `eventline run` first.")
        return
    for e in entries:
        tree = Tree(f"[bold cyan]{escape(date_label(e))}[/]  [bold]{escape(event_heading(e))}[/]")
        people = [p for p in e["participants"] if p["entity_type"] != "country"]
        if people:
            branch = tree.add("[green]participants[/]")
            for p in people:
                branch.add(escape(person_label(p)))
        if e["commitments"]:
            branch = tree.add("[magenta]commitments[/]")
            for c in e["commitments"]:
                branch.add(escape(commitment_label(c)))
        source = e["article"].get("url") or e["article"].get("source_path") or e["article_id"]
        tree.add(f"[dim]“{escape(e['evidence'])}” — {escape(str(source))}[/]")
        console.print(tree)
    console.print(f"[dim]{len(entries)} event{'s' * (len(entries) != 1)}[/]")
