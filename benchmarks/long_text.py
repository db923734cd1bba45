"""Extraction time on one very long article (1, 2, 4, 8 MB): it must grow linearly with the text.

Usage: .venv/bin/python benchmarks/long_text.py [--sizes 1 2 4 8] [--raw DIR]

Each text is built from generated press-release paragraphs (officials and places from
`reference/`, meetings, calls, pledges with dates), or, with --raw DIR, from the articles of
that folder repeated (for example the shared dev corpus). Per size it times normalization
(`build_articles`) and extraction (`extract_articles`) of that one article and prints the
seconds per MB and the growth factor per doubling of the text (2.0 is linear, 4.0 quadratic).
The lexicons are compiled on a small article first, so that no size pays for them.
"""

from __future__ import annotations

import argparse
import math
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.articles import build_articles  # noqa: E402
from transforms.extract import extract_articles  # noqa: E402
from transforms.ingest import ADAPTERS, SIDECAR_SUFFIX, IngestError, RawDocument  # noqa: E402
from transforms.reference import rows  # noqa: E402

MB = 1_000_000
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_SENTENCES = (
    "{office} {person} met with {office2} {person2} in {place} on {month} {day}, {year}.",
    "The two sides agreed to deepen cooperation in trade, energy and connectivity.",
    "{person} held a phone call with {person2} to discuss regional security and the humanitarian situation.",
    "{country} will provide {amount} million dollars for infrastructure projects by {later}.",
    "Both ministers pledged to hold the next round of talks in {place2} next month.",
    "The leaders also exchanged views on international and regional issues of common concern.",
    "{person} said that {country} supports the early conclusion of the free trade agreement.",
)


def _officials() -> list[tuple[str, str, str]]:
    return [(r.person, r.office, r.country) for r in rows("gazetteers/office_holders.csv") if not r.end_date]


def _places() -> list[str]:
    return [r.place for r in rows("gazetteers/places.csv")]


def generated_text(size: int, seed: int = 0) -> str:
    """About `size` characters of press-release paragraphs, the same for the same seed."""
    rng = random.Random(seed)
    officials, places = _officials(), _places()
    parts: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for template in rng.sample(_SENTENCES, rng.randint(3, 5)):
            (person, office, country), (person2, office2, _) = rng.sample(officials, 2)
            year = rng.randint(2015, 2024)
            sentences.append(template.format(
                office=office, person=person, office2=office2, person2=person2, country=country,
                place=rng.choice(places), place2=rng.choice(places), month=rng.choice(_MONTHS),
                day=rng.randint(1, 28), year=year, later=year + rng.randint(1, 6), amount=rng.randint(2, 900)))
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def folder_text(raw: Path, size: int) -> str:
    """About `size` characters: the article bodies of a raw folder, repeated."""
    bodies = []
    for path in sorted(raw.rglob("*")):
        adapter = ADAPTERS.get(path.suffix.lower())
        if adapter is None or not path.is_file() or path.name.endswith(SIDECAR_SUFFIX):
            continue
        try:
            bodies += [d.body for d in adapter(path.read_text(encoding="utf-8", errors="replace"), path.name)
                       if isinstance(d, RawDocument)]
        except IngestError:
            continue
    if not bodies:
        raise SystemExit(f"no readable article under {raw}")
    unit = "\n\n".join(bodies)
    return ((unit + "\n\n") * (size // len(unit) + 1))[:size]


def time_article(body: str) -> tuple[float, float, int, int]:
    """(normalize seconds, extract seconds, events, commitments) of one article with this body."""
    doc = RawDocument("long.txt", "0", "txt", body=body, title="Long record of talks",
                      published="2024-05-01")
    started = time.perf_counter()
    rows = build_articles(doc, dt.datetime(2024, 5, 2, tzinfo=dt.timezone.utc))
    normalized = time.perf_counter()
    batch = extract_articles(rows)
    done = time.perf_counter()
    if batch.quarantine:
        raise SystemExit(f"extraction failed: {batch.quarantine[0]['reason']}")
    return normalized - started, done - normalized, len(batch.events), len(batch.commitments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="text sizes in MB")
    parser.add_argument("--raw", type=Path, help="take the text from this folder's articles instead")
    args = parser.parse_args()
    build = (lambda n: folder_text(args.raw, n)) if args.raw else generated_text
    time_article(build(20_000))  # compiles the lexicons and regexes
    print(f"{'MB':>5} {'normalize s':>12} {'extract s':>10} {'s/MB':>6} {'x per doubling':>15} "
          f"{'events':>7} {'commitments':>12}")
    previous = None
    for size_mb in args.sizes:
        norm, extract, events, commitments = time_article(build(int(size_mb * MB)))
        total = norm + extract
        growth = ""
        if previous is not None:
            # Normalized to a doubling, whatever the step between sizes.
            growth = f"{(total / previous[1]) ** (math.log(2) / math.log(size_mb / previous[0])):.2f}"
        print(f"{size_mb:5g} {norm:12.2f} {extract:10.2f} {total / size_mb:6.2f} {growth:>15} {events:7d} "
              f"{commitments:12d}", flush=True)
        previous = (size_mb, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
