"""Synthetic timeline entries (what `load_timeline` returns) for page tests: many, far-off or hostile."""

from __future__ import annotations

import datetime as dt
import random

from schemas.vocab import EVENT_TYPES

COUNTRIES = ["USA", "CHN", "KAZ", "IND", "JPN", "DEU", "FRA", "GBR", "BRA", "ZAF", "MEX", "UKR", "POL", "TUR",
             "EGY", "NGA", "KEN", "IDN", "VNM", "THA", "KOR", "AUS", "CAN", "ARG", "CHL", "PER", "COL", "SAU"]


def entry(i: int, start: dt.date | None, *, end: dt.date | None = None, precision: str = "day",
          countries: list[str] | None = None, event_type: str = "meeting", status: str = "occurred",
          location: str | None = "Geneva", evidence: str | None = None, title: str | None = None,
          url: str | None = None, people: list[str] | None = None, commitment: str | None = None) -> dict:
    """One entry; a day-precision one-day event unless told otherwise."""
    return {
        "event_id": f"evt_{i}", "event_type": event_type, "plover_type": None, "name": None, "status": status,
        "start_date": start, "end_date": end or start, "date_precision": precision if start else "unknown",
        "location": location, "location_country": None, "countries": countries or ["USA", "KAZ"],
        "article_id": f"art_{i}", "evidence": evidence or f"Event number {i} took place.",
        "char_start": 0, "char_end": 10, "confidence": 0.9, "mention_count": 1,
        "participants": [{"entity_type": "person", "name": p, "name_as_written": p, "title": "Minister",
                          "country": "KAZ", "role": "participant"} for p in (people or [f"Person {i}"])],
        "commitments": [{"modality": "pledge", "parties": ["KAZ"], "actor_text": "Kazakhstan", "topic": "other",
                         "description": commitment, "due_date": None}] if commitment else [],
        "article": {"title": title or f"Article {i}", "url": url, "source_path": f"raw/{i}.md",
                    "published_date": start},
    }


def many(n: int = 1250, seed: int = 7) -> list[dict]:
    """A dev-corpus-sized timeline: n events over 2021-2025 in ~150 lanes (a few busy ones), some spans,
    a 1942 anniversary, a 2030 target and a fifth undated, oldest first like `load_timeline`."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 5 == 0:
            start, precision = None, "unknown"
        else:
            start, precision = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365)), "day"
        busy = rng.random() < 0.4
        countries = (["USA"] if busy and rng.random() < 0.5 else sorted(rng.sample(COUNTRIES, 3)) if busy
                     else sorted(rng.sample(COUNTRIES, 2)))
        end = start
        if start and i % 17 == 0:
            precision, start, end = "month", start.replace(day=1), start.replace(day=28)
        out.append(entry(i, start, end=end, precision=precision, countries=countries,
                         event_type=EVENT_TYPES[i % len(EVENT_TYPES)], location=rng.choice(["Geneva", None, "Astana"]),
                         people=[f"Person {i}", "Antony Blinken"] if i % 9 == 0 else None))
    out.append(entry(n, dt.date(1942, 1, 1), end=dt.date(1942, 12, 31), precision="year", evidence="A 1942 treaty."))
    out.append(entry(n + 1, dt.date(2030, 1, 1), end=dt.date(2030, 12, 31), precision="year",
                     evidence="Net zero by 2030."))
    return sorted(out, key=lambda e: (e["start_date"] is None, e["start_date"] or dt.date.max, e["event_id"]))


HOSTILE = "<img src=x onerror=\"window.__pwned=1\"></script><script>window.__pwned=1</script>'\"&amp;"
