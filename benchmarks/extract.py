"""Benchmark extraction on a raw folder, and optionally write the curated tables for scoring.

    python benchmarks/extract.py --raw /work/shared/corpus/dev [--out /tmp/curated] [--batch 100] [--repeat 1]

Ingests with the transforms.ingest adapters + build_articles (not timed), then times
extract_articles (per batch) + build_tables in one process and prints articles/s. With
--out it writes <out>/<table>/part-0.parquet for articles and every extracted table, so
that /work/shared/tools/score_titles.py RAW OUT can score them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from transforms.articles import build_articles
from transforms.ingest import ADAPTERS, SIDECAR_SUFFIX, IngestError, RawDocument, apply_sidecar, parse_sidecar


def load_articles(raw: Path) -> list[dict]:
    """Article rows for every readable raw file under `raw`."""
    ingested_at = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    rows: list[dict] = []
    for path in sorted(raw.rglob("*")):
        name = path.name
        if not path.is_file() or name.endswith(SIDECAR_SUFFIX) or name.startswith("."):
            continue
        adapter = ADAPTERS.get(path.suffix.lower())
        if adapter is None:
            continue
        rel = str(path.relative_to(raw))
        try:
            docs = adapter(path.read_text(encoding="utf-8", errors="replace"), rel)
        except IngestError:
            continue
        sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
        meta = None
        if sidecar.exists():
            try:
                meta = parse_sidecar(sidecar.read_text(encoding="utf-8"))
            except IngestError:
                meta = None
        for doc in docs:
            if not isinstance(doc, RawDocument):
                continue
            if meta:
                doc = apply_sidecar(doc, meta)
            rows.extend(build_articles(doc, ingested_at))
    return rows


def write_tables(out: Path, articles: list[dict], tables: dict[str, list[dict]]) -> None:
    """Parquet files in the curated layout, schema-enforced."""
    import pyarrow.parquet as pq

    from schemas.arrow import enforce_schema

    run_id = "benchmark"
    now = dt.datetime.now(dt.timezone.utc)
    quarantine = [{**q, "run_id": run_id, "quarantined_at": now} for q in tables.get("quarantine", [])]
    for table, rows in [("articles", articles), *[(t, r) for t, r in tables.items() if t != "quarantine"],
                        ("quarantine", quarantine)]:
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(enforce_schema(rows, table), folder / "part-0.parquet")
        print(f"wrote {len(rows):6d} rows to {folder / 'part-0.parquet'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", required=True, type=Path)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    from transforms.extract import build_tables, extract_articles

    articles = load_articles(args.raw)
    # Warm-up outside the timing: reference data loads and patterns compile once per process.
    build_tables([extract_articles(articles[:5])])
    best = None
    tables: dict[str, list[dict]] = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        batches = [extract_articles(articles[i:i + args.batch]) for i in range(0, len(articles), args.batch)]
        tables = build_tables(batches)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    counts = ", ".join(f"{k}={len(v)}" for k, v in tables.items())
    print(f"{len(articles)} articles: {counts}")
    print(f"extract_articles + build_tables: {best:.2f}s, {len(articles) / best:.0f} articles/s (1 process)")
    if args.out is not None:
        os.makedirs(args.out, exist_ok=True)
        write_tables(args.out, articles, tables)
    return 0


if __name__ == "__main__":
    sys.exit(main())
