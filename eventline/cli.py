"""The `eventline` command line: run the pipeline, read its data-quality report, see the timeline.

Every fatal error is one line on stderr and exit 2 (also with --quiet); tracebacks only with
--debug. What would stop a run (folders, the lock, the Prefect server, the Dask scheduler) is
checked before Prefect starts.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import logging
import os
import re
import signal
import socket
import sys
import time
import traceback
from pathlib import Path
from typing import Iterator, Optional

import typer

from eventline.settings import Limits, RunSettings, configure_prefect

# rich_markup_mode=None: plain click help, whose flags carry no "<bool>" type label.
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="eventline: a curated, validated event timeline from news and press releases.")

EXIT_FATAL = 2
EXIT_BLOCKING = 1
_DEFAULTS = RunSettings()
_LIMITS = Limits()
_exit_code: list[int] = []  # set by main(): the process then ends without the interpreter's teardown


def _exit_without_teardown() -> None:
    """The last exit handler: end the process at once, skipping the 1-2 s Python spends freeing Prefect's,
    pandas' and Great Expectations' modules. By then every file is written and closed, the other exit
    handlers (Prefect's queues drained, logging) have run."""
    if _exit_code:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_code[0])


# Registered when the console script imports this module, before Prefect registers its own: runs last.
atexit.register(_exit_without_teardown)


def main() -> None:
    """The `eventline` console script: the command, then a quick exit with its status."""
    try:
        app()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            _exit_code.append(exc.code or 0)
        raise


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
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="print the package version and the contract's schema_version, then exit"),
) -> None:
    """eventline: a curated, validated event timeline from news and press releases."""


class _Signalled(KeyboardInterrupt):
    """SIGTERM (or SIGINT) received: unwind, so that the server is stopped and the run recorded."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_received: list[int] = []  # the signal that stopped this run, whatever exception it surfaced as


def _on_signal(signum: int, _frame) -> None:
    # Once is enough: further signals must not cut the clean-up short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _received.append(signum)
    raise _Signalled(signum)


def _stopping_signal(exc: BaseException) -> int | None:
    """The signal that stopped the run: one our handler received, or one Prefect's own handler turned into a
    TerminationSignal somewhere in `exc`'s chain (while a flow runs, Prefect's SIGTERM handler replaces ours)."""
    if _received:
        return _received[0]
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if type(exc).__name__ == "TerminationSignal" and isinstance(getattr(exc, "signal", None), int):
            return int(exc.signal)
        exc = exc.__cause__ or exc.__context__
    return None


def check_dask_address(address: str, timeout: float = 5.0) -> None:
    """FatalRunError (one line) unless `address` is tcp://HOST:PORT (or tls://) and something listens there."""
    from flows.io import FatalRunError

    m = re.fullmatch(r"(?:(?:tcp|tls)://)?(\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(\d{1,5})/?", address.strip())
    if m is None or not 0 < int(m.group(2)) < 65536:
        raise FatalRunError(f"--dask-address '{address}' is not tcp://HOST:PORT: give the scheduler's address "
                            "(as `dask scheduler` prints it)")
    host, port = m.group(1).strip("[]"), int(m.group(2))
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise FatalRunError(f"cannot reach the Dask scheduler at {address} ({exc.strerror or exc}): start it "
                            "(dask scheduler) or fix --dask-address") from None


class _OneLineErrors(logging.Filter):
    """Without --debug: no tracebacks in logs, and Prefect's own error reports left out (the one line says it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.name.startswith("prefect"):
            return False
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def _quiet_tracebacks() -> None:
    loggers = [logging.getLogger(), *(lg for lg in logging.Logger.manager.loggerDict.values()
                                      if isinstance(lg, logging.Logger))]
    for handler in {h for lg in loggers for h in lg.handlers}:
        handler.addFilter(_OneLineErrors())


def _run(settings: RunSettings, quiet: bool, debug: bool) -> dict:
    """Checks, lock, Prefect API, then the flow: the report document."""
    from eventline.server import prefect_api
    from flows.io import preflight
    from flows.lock import run_lock

    if settings.dask_address:
        check_dask_address(settings.dask_address)
    preflight(settings.raw_dir, settings.curated_dir, settings.reports_dir)
    home = Path(os.environ["PREFECT_HOME"])
    timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
    # The lock before any server: a second run fails here, in milliseconds, and starts nothing.
    with run_lock(settings.curated_dir), prefect_api(home, timeout) as server:
        from flows.runners import workers_started_early  # imports Prefect: after PREFECT_API_URL is set

        with workers_started_early(settings):  # their start-up beside the run's own, from here on
            from flows.pipeline import run_pipeline

            if not debug:
                _quiet_tracebacks()
            from eventline.progress_bar import progress_bar

            if server is not None:
                if not server.answers():  # still starting: use the wait for what validation will import
                    from flows.quality import preload

                    preload()
                server.wait_ready(timeout)
            _raise_if_signalled()
            with progress_bar(enabled=not quiet):
                doc = run_pipeline(settings)
            _raise_if_signalled()
            return doc


def _raise_if_signalled() -> None:
    """Stop if a signal came whose exception was swallowed: raised while Python ran a weakref or import-lock
    callback (as during the imports above), it is printed as "ignored" and the command would go on."""
    if _received:
        raise _Signalled(_received[0])


# The options of a run, declared once: `run` and `serve` take the same ones.
_RAW = typer.Option(str(_DEFAULTS.raw_dir), "--raw",
                    help="folder or URL (s3://, gs://, file://) of raw articles (searched recursively)")
_CURATED = typer.Option(str(_DEFAULTS.curated_dir), "--curated",
                        help="folder or URL (s3://, gs://, file://) where the Parquet tables go")
_REPORTS = typer.Option(_DEFAULTS.reports_dir, "--reports", help="where the data-quality report goes")
_WORKERS = typer.Option(None, "--workers", min=1,
                        help="processes that read and extract the batches (1: one thread in the run's process) "
                             f"[default: {_DEFAULTS.workers}]")
_DASK_ADDRESS = typer.Option(None, "--dask-address", help="run tasks on this Dask scheduler (tcp://HOST:PORT) instead")
_MAX_FILE_MB = typer.Option(_LIMITS.max_file_mb, "--max-file-mb", min=0.001, help="larger raw files are quarantined")
_MAX_ARTICLE_CHARS = typer.Option(_LIMITS.max_article_chars, "--max-article-chars", min=1,
                                  help="articles with more text are quarantined")
_ARTICLE_SECONDS = typer.Option(_LIMITS.article_seconds, "--article-seconds", min=0.01,
                                help="time budget to read one file and to extract one article")
_FULL = typer.Option(False, "--full", help="rebuild from every raw file (default: only new or changed files are read)")
_QUIET = typer.Option(False, "--quiet", help="print only errors and the one-line result (no progress bar)")
_DEBUG = typer.Option(False, "--debug", help="show tracebacks of errors")


def _run_settings(raw: str, curated: str, reports: Path, workers: Optional[int], dask_address: Optional[str],
                  max_file_mb: float, max_article_chars: int, article_seconds: float, full: bool,
                  quiet: bool) -> RunSettings:
    """The settings the run options give, with the project's Prefect environment applied."""
    if dask_address and workers is not None:
        _fail("--workers and --dask-address exclude each other: give one of them")
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    configure_prefect()
    try:
        return RunSettings(raw_dir=raw, curated_dir=curated, reports_dir=reports,  # URLs stay text, folders Paths
                           workers=workers or _DEFAULTS.workers, dask_address=dask_address, full=full,
                           limits=Limits(max_file_mb=max_file_mb, max_article_chars=max_article_chars,
                                         article_seconds=article_seconds))
    except ValueError as exc:  # a secret in a URL (flows.files.location)
        _fail(str(exc))


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGINT unwind the command (see _on_signal); the previous handlers restored on the way out."""
    _received.clear()
    handlers = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    hook, sys.unraisablehook = sys.unraisablehook, _quiet_swallowed_signal
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _quiet_swallowed_signal(unraisable) -> None:
    """Our signal's exception, swallowed where Python cannot raise (a callback): no traceback, since the
    command stops at its next check (_raise_if_signalled) and says so in one line; anything else as usual."""
    if not isinstance(unraisable.exc_value, _Signalled):
        sys.__unraisablehook__(unraisable)


@app.command()
def run(
    raw: str = _RAW, curated: str = _CURATED, reports: Path = _REPORTS, workers: Optional[int] = _WORKERS,
    dask_address: Optional[str] = _DASK_ADDRESS, max_file_mb: float = _MAX_FILE_MB,
    max_article_chars: int = _MAX_ARTICLE_CHARS, article_seconds: float = _ARTICLE_SECONDS, full: bool = _FULL,
    quiet: bool = _QUIET, debug: bool = _DEBUG,
) -> None:
    """One pipeline run (a Prefect flow). Exit 0 when the run completed, even with quarantined records or
    failed expectations (`eventline report` tells); 2 with a one-line reason on a fatal error."""
    settings = _run_settings(raw, curated, reports, workers, dask_address, max_file_mb, max_article_chars,
                             article_seconds, full, quiet)
    with _stopped_by_signals():
        _run_command(settings, quiet, debug)


@contextlib.contextmanager
def _one_line_errors(what: str, debug: bool, stopped: str) -> Iterator[None]:
    """Whatever ends the command early, as one line on stderr and its exit code (tracebacks only with --debug).

    `what` names the command's work ("the run"), `stopped` says what a stop by a signal leaves behind.
    """
    from flows.io import FatalRunError

    try:
        try:
            yield
        except typer.Exit:
            raise
        except BaseException as exc:
            # Prefect's flow engine swaps in its own SIGTERM handler while a flow runs and may report our
            # signal as a crash or cancellation of its own: a run stopped by a signal says so, whatever it became.
            signum = _stopping_signal(exc)
            if signum is not None and not isinstance(exc, _Signalled):
                raise _Signalled(signum) from exc
            raise
    except typer.Exit:
        raise
    except FatalRunError as exc:
        if debug:
            traceback.print_exc()
        _fail(str(exc))
    except _Signalled as exc:
        _fail(f"stopped by {exc}: {stopped}", 128 + exc.signum)
    except KeyboardInterrupt:
        _fail(f"interrupted: {stopped}", 130)
    except OSError as exc:
        if debug:
            traceback.print_exc()
        _fail(f"{exc.strerror or exc} ({exc.filename or 'no file name'}): fix the cause, then run again")
    except Exception as exc:  # noqa: BLE001 - one line, whatever went wrong; --debug shows where
        if debug:
            traceback.print_exc()
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        _fail(f"{what} failed ({type(exc).__name__}: {first}): run again with --debug for the details, "
              "and report it if it persists")


def _run_command(settings: RunSettings, quiet: bool, debug: bool) -> None:
    """The run, its one-line result, or its one-line error and exit code."""
    started = time.perf_counter()
    with _one_line_errors("the run", debug, "nothing of this run was committed unless `runs` says completed; "
                                            "run again to finish"):
        doc = _run(settings, quiet, debug)
    elapsed = time.perf_counter() - started
    rows = ", ".join(f"{k}={v}" for k, v in doc["rows_written"].items() if k != "quarantine")
    typer.echo(f"run {doc['run_id']} completed in {elapsed:.1f}s: {rows}; quarantined={doc['rows_quarantined']}; "
               f"expectations passed={doc['expectations_passed']} failed={doc['expectations_failed']}")
    if not quiet:
        typer.echo(f"report: {settings.reports_dir / 'summary.html'}")


@app.command()
def serve(
    cron: str = typer.Option(..., "--cron", metavar="EXPR",
                             help="when to run: a cron expression (minute hour day month weekday, such as "
                                  "'0 6 * * *'; a sixth field gives seconds)"),
    raw: str = _RAW, curated: str = _CURATED, reports: Path = _REPORTS, workers: Optional[int] = _WORKERS,
    dask_address: Optional[str] = _DASK_ADDRESS, max_file_mb: float = _MAX_FILE_MB,
    max_article_chars: int = _MAX_ARTICLE_CHARS, article_seconds: float = _ARTICLE_SECONDS, full: bool = _FULL,
    quiet: bool = _QUIET, debug: bool = _DEBUG,
) -> None:
    """Serve the same flow on a schedule (a Prefect deployment, against PREFECT_API_URL or a local server it
    starts and stops); runs until stopped by Ctrl-C or SIGTERM."""
    settings = _run_settings(raw, curated, reports, workers, dask_address, max_file_mb, max_article_chars,
                             article_seconds, full, quiet)
    # Runs start in processes of their own, maybe elsewhere: folders as absolute paths.
    settings = dataclasses.replace(settings, raw_dir=_absolute(settings.raw_dir),
                                   curated_dir=_absolute(settings.curated_dir), reports_dir=reports.resolve())
    with _stopped_by_signals(), _one_line_errors(
            "serving", debug, "a run in flight was cancelled (nothing of it committed) and the schedule paused; "
                              "`eventline serve` again resumes it"):
        _serve(settings, cron)
        if _received:  # the runner stopped gracefully on a signal
            raise _Signalled(_received[0])


def _absolute(place: Path | str) -> Path | str:
    return place.resolve() if isinstance(place, Path) else place


def _serve(settings: RunSettings, cron: str) -> None:
    """Checks, the Prefect API (one with a scheduler), then the runner until it is stopped."""
    from eventline import serve as serving
    from eventline.server import prefect_api
    from flows.io import FatalRunError, preflight

    if settings.dask_address:
        check_dask_address(settings.dask_address)
    preflight(settings.raw_dir, settings.curated_dir, settings.reports_dir)
    timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
    with prefect_api(Path(os.environ["PREFECT_HOME"]), timeout, scheduler=True) as server:
        problem = serving.check_cron(cron)  # imports Prefect: after PREFECT_API_URL is set
        if problem:
            raise FatalRunError(f"--cron '{cron}' is not a cron expression ({problem}): give minute hour day "
                                "month weekday, such as '0 6 * * *' for 06:00 every day")
        if server is not None:
            server.wait_ready(timeout)
        name = f"{serving.FLOW_NAME}/{serving.deployment_name(settings)}"
        typer.echo(f"serving {name} on cron '{cron}' against the Prefect API at {os.environ['PREFECT_API_URL']}"
                   f"{' (a temporary server, stopped with this command)' if server is not None else ''}; "
                   "Ctrl-C or SIGTERM stops it", err=True)
        serving.serve(settings, cron, on_signal=_received.append)


# Terminal control characters in a report value (an escape sequence in a file name) are shown, not obeyed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _report_doc(latest: Path) -> dict:
    """latest.json as a dict with a real boolean `success` (a string "false" is a failure)."""
    doc = json.loads(latest.read_text(encoding="utf-8"))  # RecursionError on absurd nesting: caught by the caller
    if not isinstance(doc, dict):
        raise ValueError("the document is not a JSON object")
    return {**doc, "success": doc.get("success") is True and doc.get("status") != "failed"}


@app.command()
def report(
    reports: Path = typer.Option(_DEFAULTS.reports_dir, "--reports", help="folder holding latest.json"),
) -> None:
    """Print the latest data-quality summary; exit 1 when the latest run failed a blocking expectation (or failed)."""
    from flows.report import format_report_text

    latest = reports / "latest.json"
    if not latest.is_file():
        _fail(f"no report at {latest}: run `eventline run` first (or pass --reports DIR)")
    try:
        doc = _report_doc(latest)
        lines = format_report_text(doc)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:200].splitlines()[0]
        _fail(f"cannot read {latest} ({reason}): run `eventline run` again to rewrite it")
    for line in lines:
        typer.echo(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line))
    if doc.get("status") == "failed" and doc.get("error"):
        typer.echo(f"  the run failed: {doc['error']}")
    if not doc["success"]:
        raise typer.Exit(EXIT_BLOCKING)


@app.command()
def timeline(
    curated: str = typer.Option(str(_DEFAULTS.curated_dir), "--curated", metavar="DIR",
                                help="folder or URL (s3://, gs://, file://) of the curated tables"),
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

    from flows.files import is_remote, location

    try:
        curated = location(curated)
    except ValueError as exc:  # a secret in a URL
        _fail(str(exc))
    if not is_remote(curated) and not (curated / "events").exists():
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
