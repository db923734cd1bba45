"""Merging across articles: N copies of a raw folder must give about the events of one copy.

    python -m benchmarks.merge_copies --raw /work/shared/corpus/dev [--copies 10]

Each copy gets one extra line per article ("Archived copy K."), so no two copies have the
same text (nor the same hash): they are different articles that tell the same events in the
same sentences. Identical tellings in different articles are the same event (ANNOTATION.md),
so the events of N copies should be those of one copy, each with N times the mentions. The
script lays the copies out in a temporary folder, runs the pipeline's pure transforms (as
benchmarks/extract.py does) on one copy and on all of them, and prints the row counts of
both, the ratio of events, and the merged events whose mentions come from one copy only
(events that did not find their twins) or whose dates span more than two months.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.extract import load_articles
from transforms.extract import build_tables, extract_articles

_BATCH = 100
_LONG = dt.timedelta(days=62)


def _mark_json(obj, line: str):
    if isinstance(obj, dict):
        key = next((k for k in ("text", "content", "body") if isinstance(obj.get(k), str)), None)
        return {**obj, key: obj[key] + "\n\n" + line} if key else obj
    return [_mark_json(o, line) for o in obj] if isinstance(obj, list) else obj


def _mark_json_line(raw: str, line: str) -> str:
    try:
        return json.dumps(_mark_json(json.loads(raw), line), ensure_ascii=False) if raw.strip() else raw
    except ValueError:
        return raw


def add_line(path: Path, line: str) -> None:
    """Add one line to the article text of a raw file, in its own form."""
    suffix = path.suffix.lower()
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix in (".html", ".htm"):
        close = re.search(r"</(?:article|main|body)>", text, re.I)
        at = close.start() if close else len(text)
        text = text[:at] + f"<p>{line}</p>" + text[at:]
    elif suffix == ".json":
        try:
            text = json.dumps(_mark_json(json.loads(text), line), ensure_ascii=False)
        except ValueError:
            return  # unreadable JSON stays as it is: the pipeline quarantines it in every copy alike
    elif suffix == ".jsonl":
        text = "\n".join(_mark_json_line(raw, line) for raw in text.split("\n"))
    else:
        text = text.rstrip("\n") + f"\n\n{line}\n"
    path.write_text(text, encoding="utf-8")


def lay_out_copies(raw: Path, out: Path, copies: int) -> list[Path]:
    """copy_0 .. copy_{N-1} under `out`, each the raw folder with one extra line per article."""
    folders = []
    for k in range(copies):
        folder = out / f"copy_{k}"
        shutil.copytree(raw, folder, ignore=shutil.ignore_patterns(".*"))
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.endswith(".meta.json"):
                add_line(path, f"Archived copy {k}.")
        folders.append(folder)
    return folders


def run(raw: Path) -> tuple[dict[str, list[dict]], list[dict], float]:
    """The merged tables of the articles under `raw`, and the seconds extraction and merging took."""
    articles = load_articles(raw)
    started = time.perf_counter()
    tables = build_tables([extract_articles(articles[i:i + _BATCH]) for i in range(0, len(articles), _BATCH)])
    return tables, articles, time.perf_counter() - started


def report(name: str, tables: dict[str, list[dict]], articles: list[dict], seconds: float) -> None:
    counts = ", ".join(f"{t}={len(tables[t])}" for t in ("events", "event_mentions", "commitments", "participants"))
    print(f"{name}: articles={len(articles)}, {counts} ({seconds:.1f}s)")


def twins_missing(tables: dict[str, list[dict]], articles: list[dict], copies: int) -> tuple[int, int]:
    """(events told in one copy only, events whose dates span more than two months)."""
    # Article ids come from the text: a section the extra line does not reach (the first sections of a
    # compound article) has one id in every copy, and is told in each of them.
    copies_of: dict[str, set[str]] = {}
    for a in articles:
        copies_of.setdefault(a["article_id"], set()).add(a["source_path"].split("/", 1)[0])
    seen: dict[str, set[str]] = {}
    for m in tables["event_mentions"]:
        seen.setdefault(m["event_id"], set()).update(copies_of.get(m["article_id"], {"?"}))
    lonely = sum(1 for s in seen.values() if len(s) < copies)
    long_ = sum(1 for e in tables["events"] if e["start_date"] and e["end_date"] - e["start_date"] > _LONG
                and e["date_precision"] == "day")
    return lonely, long_


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, required=True, help="raw folder to copy (e.g. /work/shared/corpus/dev)")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"{args.raw} is not a folder: pass the raw folder to copy", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="merge_copies_") as tmp:
        out = Path(tmp)
        lay_out_copies(args.raw, out, args.copies)
        one, one_articles, one_s = run(out / "copy_0")
        report("1 copy", one, one_articles, one_s)
        many, many_articles, many_s = run(out)
        report(f"{args.copies} copies", many, many_articles, many_s)
        lonely, long_ = twins_missing(many, many_articles, args.copies)
    ratio = len(many["events"]) / max(1, len(one["events"]))
    print(f"events: {len(many['events'])} from {args.copies} copies vs {len(one['events'])} from one "
          f"(x{ratio:.2f}; 1.00 when every telling finds its twins)")
    print(f"events not told in every copy: {lonely}; day-precision events spanning more than two months: {long_}")
    kinds = Counter(e["event_type"] for e in many["events"])
    print("events by type (all copies): " + ", ".join(f"{k}={v}" for k, v in kinds.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
