"""The `eventline` command line: run the pipeline, read its data-quality report."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Optional

import typer

from eventline.settings import RunSettings, configure_prefect

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="eventline: a curated, validated event timeline from news and press releases.")

EXIT_FATAL = 2
EXIT_BLOCKING = 1


def _fail(message: str, code: int = EXIT_FATAL) -> None:
    typer.echo(f"eventline: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def run(
    raw: Path = typer.Option(Path("data/raw"), "--raw", help="folder of raw articles (searched recursively)"),
    curated: Path = typer.Option(Path("data/curated"), "--curated", help="where the Parquet tables go"),
    reports: Path = typer.Option(Path("data/reports"), "--reports", help="where the data-quality report goes"),
    workers: int = typer.Option(2, "--workers", min=1, help="threads for the task runner (in-process)"),
    dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                               help="run tasks on this Dask scheduler instead of threads"),
    quiet: bool = typer.Option(False, "--quiet", help="print only errors and the one-line result"),
) -> None:
    """One pipeline run (a Prefect flow). Exit 0 when the run completed, even with quarantined records."""
    if dask_address and workers != 2:
        _fail("--workers and --dask-address exclude each other: give one of them")
    if not raw.is_dir():
        _fail(f"raw folder {raw} not found: create it or pass --raw DIR")
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # GX logs its internals (temporary folders, stores) at INFO: not news for a user.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    configure_prefect()
    from flows.io import FatalRunError
    from flows.pipeline import eventline_run

    settings = RunSettings(raw_dir=raw, curated_dir=curated, reports_dir=reports, workers=workers,
                           dask_address=dask_address)
    started = time.perf_counter()
    try:
        doc = eventline_run(settings)
    except FatalRunError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.strerror or exc} ({exc.filename or ''}): check disk space and permissions, then run again")
    elapsed = time.perf_counter() - started
    rows = ", ".join(f"{k}={v}" for k, v in doc["rows_written"].items() if k != "quarantine")
    typer.echo(f"run {doc['run_id']} completed in {elapsed:.1f}s: {rows}; quarantined={doc['rows_quarantined']}; "
               f"expectations passed={doc['expectations_passed']} failed={doc['expectations_failed']}")
    if not quiet:
        typer.echo(f"report: {reports / 'summary.html'}")


@app.command()
def report(
    reports: Path = typer.Option(Path("data/reports"), "--reports", help="folder holding latest.json"),
) -> None:
    """Print the latest data-quality summary; exit 1 when the latest run failed a blocking expectation."""
    from flows.report import format_report_text

    latest = reports / "latest.json"
    if not latest.is_file():
        _fail(f"no report at {latest}: run `eventline run` first (or pass --reports DIR)")
    try:
        doc = json.loads(latest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _fail(f"cannot read {latest} ({exc}): run `eventline run` again to rewrite it")
    for line in format_report_text(doc):
        typer.echo(line)
    if not doc.get("success", False):
        raise typer.Exit(EXIT_BLOCKING)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
