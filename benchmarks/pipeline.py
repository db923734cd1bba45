"""Wall time of `eventline run` (Prefect start-up, ingest, extraction, validation, writing) on a raw folder.

Usage: .venv/bin/python benchmarks/pipeline.py [--raw data/raw] [--repeat 2]
Each repeat runs the real command in a fresh process into a temporary curated folder and
prints its wall time and row counts; the first run of a fresh PREFECT_HOME includes the
database migration of Prefect's temporary server.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    times = []
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [str(ROOT / ".venv" / "bin" / "eventline"), "run", "--raw", str(args.raw),
                   "--curated", f"{tmp}/curated", "--reports", f"{tmp}/reports", "--quiet"]
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return proc.returncode
            report = json.loads(Path(tmp, "reports", "latest.json").read_text())
            times.append(elapsed)
            print(f"run {i + 1}: {elapsed:.1f}s wall  articles={report['articles_seen']} "
                  f"rows={report['rows_written']} quarantined={report['rows_quarantined']}")
    print(f"eventline run on {args.raw}: median {statistics.median(times):.1f}s over {len(times)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
