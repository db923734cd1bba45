"""The `eventline` command line: run the pipeline, read its data-quality report, see the timeline."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Optional

import typer

from eventline.settings import RunSettings, configure_prefect

# rich_markup_mode=None: plain click help, whose flags carry no "<bool>" type label.
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="eventline: a curated, validated event timeline from news and press releases.")

EXIT_FATAL = 2
EXIT_BLOCKING = 1
_DEFAULTS = RunSettings()


def _fail(message: str, code: int = EXIT_FATAL) -> None:
    typer.echo(f"eventline: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        from schemas.tables import SCHEMA_VERSION

        typer.echo(f"eventline {version('eventline')} (data contract schema_version {SCHEMA_VERSION})")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="print the package version and the contract's schema_version, then exit"),
) -> None:
    """eventline: a curated, validated event timeline from news and press releases."""


@app.command()
def run(
    raw: Path = typer.Option(_DEFAULTS.raw_dir, "--raw", help="folder of raw articles (searched recursively)"),
    curated: Path = typer.Option(_DEFAULTS.curated_dir, "--curated", help="where the Parquet tables go"),
    reports: Path = typer.Option(_DEFAULTS.reports_dir, "--reports", help="where the data-quality report goes"),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help=f"threads for the in-process task runner [default: {_DEFAULTS.workers}]"),
    dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                               help="run tasks on this Dask scheduler instead of threads"),
    quiet: bool = typer.Option(False, "--quiet", help="print only errors and the one-line result (no progress bar)"),
) -> None:
    """One pipeline run (a Prefect flow). Exit 0 when the run completed, even with quarantined records."""
    if dask_address and workers is not None:
        _fail("--workers and --dask-address exclude each other: give one of them")
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    configure_prefect()
    from flows.io import FatalRunError, preflight

    settings = RunSettings(raw_dir=raw, curated_dir=curated, reports_dir=reports,
                           workers=workers or _DEFAULTS.workers, dask_address=dask_address)
    try:
        # What would stop the run is checked before Prefect's server starts (15 s saved, one-line errors).
        preflight(raw, curated, reports)
    except FatalRunError as exc:
        _fail(str(exc))
    from eventline.progress_bar import progress_bar
    from flows.pipeline import run_pipeline

    started = time.perf_counter()
    try:
        with progress_bar(enabled=not quiet):
            doc = run_pipeline(settings)
    except FatalRunError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.strerror or exc} ({exc.filename or 'no file name'}): fix the cause, then run again")
    elapsed = time.perf_counter() - started
    rows = ", ".join(f"{k}={v}" for k, v in doc["rows_written"].items() if k != "quarantine")
    typer.echo(f"run {doc['run_id']} completed in {elapsed:.1f}s: {rows}; quarantined={doc['rows_quarantined']}; "
               f"expectations passed={doc['expectations_passed']} failed={doc['expectations_failed']}")
    if not quiet:
        typer.echo(f"report: {reports / 'summary.html'}")


@app.command()
def report(
    reports: Path = typer.Option(_DEFAULTS.reports_dir, "--reports", help="folder holding latest.json"),
) -> None:
    """Print the latest data-quality summary; exit 1 when the latest run failed a blocking expectation."""
    from flows.report import format_report_text

    latest = reports / "latest.json"
    if not latest.is_file():
        _fail(f"no report at {latest}: run `eventline run` first (or pass --reports DIR)")
    try:
        doc = json.loads(latest.read_text(encoding="utf-8"))
        lines = format_report_text(doc)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _fail(f"cannot read {latest} ({type(exc).__name__}: {exc}): run `eventline run` again to rewrite it")
    for line in lines:
        typer.echo(line)
    if not doc.get("success", False):
        raise typer.Exit(EXIT_BLOCKING)


@app.command()
def timeline(
    curated: Path = typer.Option(_DEFAULTS.curated_dir, "--curated", metavar="DIR",
                                 help="folder of the curated tables"),
    country: Optional[str] = typer.Option(None, "--country", metavar="ISO3",
                                          help="events a country takes part in (ISO3 code such as KAZ, or a name)"),
    person: Optional[str] = typer.Option(None, "--person", metavar="NAME",
                                         help="events a person takes part in (words of the name; accents optional)"),
    event_type: Optional[str] = typer.Option(None, "--type", metavar="TYPE",
                                             help="one event type (talks, meeting, summit, visit, phone_call, ...)"),
    date_from: Optional[str] = typer.Option(None, "--from", metavar="DATE",
                                            help="events ending on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    date_to: Optional[str] = typer.Option(None, "--to", metavar="DATE",
                                          help="events starting on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    html_file: Optional[Path] = typer.Option(None, "--html", metavar="FILE",
                                             help="write one self-contained HTML page here instead"),
) -> None:
    """The event timeline, oldest first, in the terminal or as one self-contained HTML page."""
    from eventline.timeline import TimelineFilter, date_bound, load_timeline, print_timeline

    if not (curated / "events").exists():
        _fail(f"no events table under {curated}: run `eventline run` first (or pass --curated DIR)")
    try:
        filters = TimelineFilter(country, person, event_type,
                                 None if date_from is None else date_bound(date_from, "--from"),
                                 None if date_to is None else date_bound(date_to, "--to", end=True))
        entries = load_timeline(curated, filters)
    except ValueError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot read {curated} ({exc}): check the folder, or run `eventline run` again")
    if html_file is None:
        print_timeline(entries, filters=filters)
        return
    from eventline.timeline_page import render_timeline_html

    try:
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(render_timeline_html(entries, filters), encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {html_file} ({exc.strerror}): choose another --html FILE")
    typer.echo(f"timeline: {len(entries)} events -> {html_file}")
