"""The fixed cost of `eventline run`: one article, start to exit, in the three ways a run meets Prefect.

Usage: .venv/bin/python benchmarks/startup.py [--repeat 5] [--baseline DIR]

1. `running server`: PREFECT_API_URL points at a Prefect server already running (started here).
2. `temporary, warm`: no PREFECT_API_URL; the run starts its own server on the project's
   PREFECT_HOME, whose database is already migrated (one run before the timed ones).
3. `temporary, cold`: the same with a fresh, empty PREFECT_HOME (the first run on a machine).
Each is timed `--repeat` times: wall seconds (median and best) and CPU seconds of the run and its
children (median; less sensitive than wall time to other work on the machine, the load average
is printed). Then where the time goes: Python with the pipeline's imports, Great Expectations'
import. The target (issue 13) is <= 8 s wall on one article.

`--baseline DIR`: an earlier eventline's source (`git archive COMMIT | tar -x -C DIR`), timed
the same way in the same environment, each run alternating with this checkout's: before and
after side by side, under the same load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.prefect_server import EVENTLINE, time_run  # noqa: E402  (applies the project's Prefect settings)

ARTICLE = ("Foreign Ministers Meet in Oslo\n\nOSLO, 3 May 2022 - Foreign Minister of Norway Anniken Huitfeldt held "
           "talks in Oslo with Foreign Minister of Chile Antonia Urrejola. Norway and Chile agreed to open a direct "
           "flight between Oslo and Santiago by 2024.\n")


def _import_seconds(statement: str) -> float:
    """Wall seconds of a fresh Python running `statement` (the interpreter's own start included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True, cwd=ROOT)
    return time.perf_counter() - started


def _line(label: str, runs: list[tuple[float, float]]) -> str:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    return f"{label:<30} {statistics.median(walls):8.1f} {min(walls):8.1f} {statistics.median(cpus):8.1f}"


def _compare(label: str, versions: dict[str, list[str]], raw: Path, api_url: str | None, repeat: int) -> None:
    """Time each version `repeat` times, alternating, and print a line per version."""
    runs: dict[str, list] = {name: [] for name in versions}
    for _ in range(repeat):
        for name, eventline in versions.items():
            runs[name].append(time_run(raw, api_url, eventline))
    for name, timings in runs.items():
        print(_line(f"{label}{f' ({name})' if len(versions) > 1 else ''}", timings), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="an earlier eventline's source folder, timed alongside")
    args = parser.parse_args()
    from eventline.server import TemporaryServer

    versions = {"this": EVENTLINE}
    if args.baseline:
        # The console script's entry point (main: it ends without the interpreter's teardown) when it has one.
        versions = {"baseline": [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(args.baseline)!r}); "
                                                       "import eventline.cli as c; getattr(c, 'main', c.app)()"],
                    **versions}
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        (raw / "oslo.txt").write_text(ARTICLE, encoding="utf-8")
        print(f"eventline run --quiet on one article, {args.repeat} runs each (load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print(f"{'Prefect server':<30} {'wall s':>8} {'best s':>8} {'CPU s':>8}")
        server = TemporaryServer(Path(os.environ["PREFECT_HOME"]))
        url = server.start()
        server.wait_ready(300)
        try:
            for eventline in versions.values():
                time_run(raw, url, eventline)  # warm the file cache
            _compare("running server", versions, raw, url, args.repeat)
        finally:
            server.stop()
        time_run(raw, None)  # the project's database migrated
        _compare("temporary, warm", versions, raw, None, args.repeat)
        home = os.environ["PREFECT_HOME"]
        try:
            for name, eventline in versions.items():  # each in a fresh PREFECT_HOME: its database to create
                os.environ["PREFECT_HOME"] = f"{tmp}/prefect-cold-{name}"
                _compare(f"temporary, cold{f' ({name})' if len(versions) > 1 else ''}", {name: eventline}, raw,
                         None, 1)
        finally:
            os.environ["PREFECT_HOME"] = home
    print(f"load average now {os.getloadavg()[0]:.1f}; where the time goes (fresh Python, wall s):")
    for label, statement in (("python", "pass"), ("eventline.cli", "import eventline.cli"),
                             ("flows.pipeline", "import flows.pipeline"),
                             ("great_expectations", "import pandas, great_expectations")):
        print(f"  import {label:<20} {statistics.median(_import_seconds(statement) for _ in range(3)):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
