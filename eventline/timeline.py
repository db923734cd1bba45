"""`eventline timeline`: the events of the curated tables by date, with participants and commitments.

`load_timeline` reads and filters (events joined with their participants, commitments and
article); `print_timeline` draws it in the terminal with rich; `eventline.timeline_page`
writes the same entries as one self-contained HTML page.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rich.console import Console
from rich.markup import escape as _escape_markup
from rich.tree import Tree

from eventline.readers import read_table
from schemas.vocab import DATE_PRECISIONS, EVENT_TYPES

_PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}
# On one day, what is signed, briefed or announced at a meeting comes after the meeting itself.
_SAME_DAY_RANK = {t: (1 if t in ("signing", "press_briefing", "announcement", "other") else 0) for t in EVENT_TYPES}
# Letters NFKD does not take apart, folded by hand: "Mevlut Cavusoglu" finds "Mevlüt Çavuşoğlu".
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
                          "œ": "oe", "\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2013": "-"})
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def fold(text: str) -> str:
    """Case- and accent-free form, for matching what a user types against names as written."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def date_bound(text: str, option: str, end: bool = False) -> dt.date:
    """A --from or --to date: YYYY-MM-DD, or a whole month (YYYY-MM) or year (YYYY): its first day for
    --from, its last day for --to (end=True)."""
    m = _PARTIAL_DATE.fullmatch(text.strip())
    try:
        if not m:
            raise ValueError(text)
        year, month = int(m.group(1)), int(m.group(2) or (12 if end else 1))
        if m.group(3):
            return dt.date(year, month, int(m.group(3)))
        first = dt.date(year, month, 1)
        if not end:
            return first
        return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    except ValueError:
        raise ValueError(f"{option} {text!r} is not a date: write it as YYYY-MM-DD (or YYYY-MM, YYYY)") from None


def event_type_of(text: str) -> str:
    """The event type a user typed ("Phone call", "press-briefing"), or a ValueError naming the nearest."""
    wanted = re.sub(r"[\s-]+", "_", text.strip().casefold())
    if wanted in EVENT_TYPES:
        return wanted
    close = difflib.get_close_matches(wanted, EVENT_TYPES, n=2)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise ValueError(f"unknown event type '{text}'{hint}: use one of {', '.join(EVENT_TYPES)}")


@dataclass(frozen=True)
class TimelineFilter:
    """What to show: every given criterion must hold (a date range keeps the events it overlaps)."""

    country: str | None = None  # ISO3 in any case, or a country name, short name or abbreviation
    person: str | None = None  # words of a participant's name; case, accents and word order do not matter
    event_type: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __post_init__(self) -> None:
        if self.event_type is not None:
            object.__setattr__(self, "event_type", event_type_of(self.event_type))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"--from {self.date_from} is after --to {self.date_to}: swap them")
        _ = self.country_code  # an unknown country fails here, before any table is read

    @property
    def country_code(self) -> str | None:
        """The ISO3 code asked for: a code ("KAZ", "kaz") or a name ("Kazakhstan", "PRC", "U.S.")."""
        if self.country is None:
            return None
        from schemas.expectations import ISO3_CODES
        from transforms.names import country_code

        text = self.country.strip()
        code = text.upper() if text.upper() in ISO3_CODES else country_code(text)
        if code is None:
            raise ValueError(f"'{self.country}' is no country code or name known to eventline: give an "
                             "ISO 3166-1 alpha-3 code such as KAZ, or a country name such as Kazakhstan")
        return code

    def describe(self) -> str:
        """The filters given, in words: "country Kazakhstan (KAZ), type talks, from 2023-01-01"."""
        country = self.country_code
        if country and self.country.strip().upper() != country:
            country = f"{self.country.strip()} ({country})"
        given = (("country", country), ("person", self.person), ("type", self.event_type),
                 ("from", self.date_from), ("to", self.date_to))
        return ", ".join(f"{k} {v}" for k, v in given if v)


def load_timeline(curated: Path | str, filters: TimelineFilter = TimelineFilter()) -> list[dict[str, Any]]:
    """Events that pass the filters, oldest first (undated last), each with `participants`,
    `commitments` and `article` (title, url, source_path, published_date). A person no participant
    is named like is a ValueError that names the nearest names."""
    events = read_table(curated, "events").to_pylist()
    participants = _by_event(read_table(curated, "participants").to_pylist())
    commitments = _by_event(read_table(curated, "commitments").to_pylist())
    articles = {a["article_id"]: {k: a[k] for k in ("title", "url", "source_path", "published_date")}
                for a in read_table(curated, "articles", ["article_id", "title", "url", "source_path",
                                                           "published_date"]).to_pylist()}
    country = filters.country_code
    words = fold(filters.person).split() if filters.person else []
    if words:
        _known_person(words, filters.person, participants)
    out = []
    for e in events:
        people = participants.get(e["event_id"], [])
        if country and country not in (e["countries"] or []):
            continue
        if words and not any(_person_matches(words, p) for p in people):
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


def _person_matches(words: list[str], p: dict) -> bool:
    """Every word typed is part of the person's canonical name, or of the name as written."""
    if p["entity_type"] != "person":
        return False
    return any(all(w in name for w in words) for name in (fold(p["name"] or ""), fold(p["name_as_written"] or "")))


def _known_person(words: list[str], typed: str, participants: dict[str, list[dict]]) -> None:
    """A ValueError with the nearest names when no participant at all is named like the words typed."""
    everyone = [p for ps in participants.values() for p in ps if p["entity_type"] == "person"]
    if not everyone or any(_person_matches(words, p) for p in everyone):
        return
    scored = sorted({(-_closeness(words, fold(p["name"] or "")), p["name"]) for p in everyone})
    close = [name for score, name in scored[:3] if -score >= 80]
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise ValueError(f"no participant's name contains '{typed}'{hint}: check the spelling (case, accents "
                     "and word order do not matter) or give part of the name")


def _closeness(words: list[str], name: str) -> float:
    """How near the words typed are to a name: each word against the nearest word of the name (0-100)."""
    tokens = name.split() or [""]
    return sum(max(fuzz.ratio(w, t) for t in tokens) for w in words) / len(words)


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


def escape(text: str) -> str:
    """Text for rich markup: its brackets escaped and control characters (a file name's ESC sequence,
    which would drive the terminal) dropped, line breaks and tabs as spaces."""
    plain = "".join(" " if ch in "\t\n\r" else ch for ch in text
                    if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")
    return _escape_markup(plain)


def no_match_message(filters: TimelineFilter) -> str:
    """What to say when no event passes the filters."""
    given = filters.describe()
    if not given:
        return "No events in the curated tables: run `eventline run` first (or pass --curated DIR)."
    return f"No events match {given}: loosen the filters (every one must hold), or run `eventline run` first."


def print_timeline(entries: list[dict], console: Console | None = None,
                   filters: TimelineFilter = TimelineFilter()) -> None:
    """The timeline in the terminal: one branch per event under its date, participants and commitments below."""
    console = console or Console()
    if not entries:
        console.print(no_match_message(filters), markup=False, highlight=False)
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
