"""Command line: exit codes, one-line errors (also with --quiet), tracebacks only with --debug.

Fatal errors found before Prefect starts are checked in subprocesses, so the checks include
"nothing else was started" and the real stderr; the full run is covered by tests/flows.
"""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from eventline.cli import app
from eventline.settings import PROJECT_ROOT
from flows.store import run_lock

runner = CliRunner()
EVENTLINE = [sys.executable, "-c", "from eventline.cli import app; app()"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _eventline(args, tmp_path, env=None, timeout=60):
    (tmp_path / "raw").mkdir(exist_ok=True)
    cmd = [*EVENTLINE, *args]
    if args and args[0] == "run" and "--raw" not in args:
        cmd += ["--raw", str(tmp_path / "raw"), "--curated", str(tmp_path / "c"), "--reports", str(tmp_path / "r")]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})})
    return proc, time.perf_counter() - started


def _one_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert proc.stdout == ""
    return lines[0]


def test_run_on_missing_raw_folder_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(app, ["run", "--raw", str(tmp_path / "nope"), "--curated", str(tmp_path / "c"),
                                 "--reports", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "does not exist" in result.output


def test_run_rejects_workers_with_dask_address(tmp_path):
    result = runner.invoke(app, ["run", "--raw", str(tmp_path), "--workers", "2", "--dask-address", "tcp://x:1"])
    assert result.exit_code == 2 and "exclude each other" in result.output


def test_run_with_curated_path_that_is_a_file(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "c").write_text("")
    result = runner.invoke(app, ["run", "--raw", str(tmp_path / "raw"), "--curated", str(tmp_path / "c"),
                                 "--reports", str(tmp_path / "r")])
    assert result.exit_code == 2 and "is a file" in result.output


@pytest.mark.parametrize("address,message", [("not an address", "is not tcp://HOST:PORT"),
                                             ("tcp://127.0.0.1:99999", "is not tcp://HOST:PORT"),
                                             ("tcp://127.0.0.1:{closed}", "cannot reach the Dask scheduler")])
def test_bad_or_unreachable_dask_address_is_one_line_before_prefect(tmp_path, address, message):
    proc, seconds = _eventline(["run", "--quiet", "--dask-address", address.format(closed=_closed_port())],
                               tmp_path)
    assert proc.returncode == 2 and message in _one_line(proc)
    assert seconds < 15


@pytest.mark.parametrize("quiet", [True, False])
def test_dead_prefect_api_url_is_one_line_exit_2(tmp_path, quiet):
    url = f"http://127.0.0.1:{_closed_port()}/api"
    proc, seconds = _eventline(["run", *(["--quiet"] if quiet else [])], tmp_path, {"PREFECT_API_URL": url})
    line = _one_line(proc)
    assert proc.returncode == 2 and "PREFECT_API_URL" in line and "does not answer" in line
    assert seconds < 15


def test_debug_shows_the_traceback(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/api"
    proc, _ = _eventline(["run", "--debug"], tmp_path, {"PREFECT_API_URL": url})
    assert proc.returncode == 2 and "Traceback" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("eventline: the Prefect server")


def test_a_second_run_meets_the_lock_before_starting_anything(tmp_path):
    (tmp_path / "c").mkdir()
    servers = PROJECT_ROOT / ".prefect" / "servers"
    before = set(servers.glob("*.json")) if servers.is_dir() else set()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    with run_lock(tmp_path / "c"):
        (tmp_path / "raw").mkdir()
        started = time.perf_counter()
        proc = subprocess.run([*EVENTLINE, "run", "--quiet", "--raw", str(tmp_path / "raw"), "--curated",
                               str(tmp_path / "c"), "--reports", str(tmp_path / "r")],
                              capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=60)
        seconds = time.perf_counter() - started
    assert proc.returncode == 2 and "holds the lock" in _one_line(proc)
    assert seconds < 10
    assert (set(servers.glob("*.json")) if servers.is_dir() else set()) == before


def _report(tmp_path, doc):
    (tmp_path / "latest.json").write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return runner.invoke(app, ["report", "--reports", str(tmp_path)])


DOC = {"run_id": "r", "status": "completed", "success": True, "articles_seen": 1, "articles_new": 1,
       "rows_quarantined": 0, "expectations_passed": 3, "expectations_failed": 0, "rows_written": {"events": 1},
       "tables": {}, "quarantine_by_reason": []}


def test_report_exit_codes(tmp_path):
    assert _report(tmp_path, DOC).exit_code == 0
    assert _report(tmp_path, {**DOC, "success": False}).exit_code == 1


@pytest.mark.parametrize("success", ["false", "true", 1, None, "False"])
def test_report_success_must_be_the_boolean_true(tmp_path, success):
    result = _report(tmp_path, {**DOC, "success": success})
    assert result.exit_code == 1 and "PASSED" not in result.output


def test_report_of_a_failed_run_is_not_a_pass(tmp_path):
    result = _report(tmp_path, {**DOC, "status": "failed", "error": "cannot write x: disk full"})
    assert result.exit_code == 1 and "disk full" in result.output


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
                                  "[1, 2]", "{}", "not json"])
def test_report_missing_or_malformed_is_one_line(tmp_path, text):
    result = _report(tmp_path, text)
    assert result.exit_code == 2 and "cannot read" in result.output
    assert result.output.strip().count("\n") == 0


def test_report_missing(tmp_path):
    result = runner.invoke(app, ["report", "--reports", str(tmp_path)])
    assert result.exit_code == 2 and "run `eventline run` first" in result.output


def test_report_shows_control_characters_instead_of_obeying_them(tmp_path):
    doc = {**DOC, "quarantine_by_reason": [{"stage": "ingest", "reason": "bad \x1b[2J name", "count": 1}]}
    result = _report(tmp_path, doc)
    assert "\x1b" not in result.output and "\\x1b[2J" in result.output


def test_version_names_package_and_schema_version():
    from schemas.tables import SCHEMA_VERSION

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and f"schema_version {SCHEMA_VERSION}" in result.output
    assert result.output.startswith("eventline 0.")


def test_help_shows_no_bool_labels():
    for command in (["--help"], ["run", "--help"], ["report", "--help"], ["timeline", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and "<bool>" not in result.output, command
    assert "--quiet" in runner.invoke(app, ["run", "--help"]).output


def test_progress_bar_shows_steps_and_quiet_silences_it():
    import io

    from rich.console import Console

    from eventline.progress_bar import progress_bar
    from flows import progress

    out = io.StringIO()
    with progress_bar(console=Console(file=out, force_terminal=True, width=100)):
        progress.report("files read", 3, 4)
        progress.report("files read", 4, 4)
        progress.report("rows written", 120, 120)
    assert "files read" in out.getvalue() and "4/4" in out.getvalue() and "120/120" in out.getvalue()
    with progress_bar(enabled=False):
        progress.report("files read", 1, 1)  # nobody listens: nothing printed, nothing raised


@pytest.mark.parametrize("args, code", [(["--version"], 0), (["report", "--reports", "{tmp}/none"], 2),
                                        (["run", "--raw", "{tmp}/none"], 2)])
def test_the_console_script_ends_quickly_with_the_command_s_status_and_all_its_output(tmp_path, args, code):
    """main() skips the interpreter's teardown (os._exit in the last exit handler): status and output intact."""
    proc = subprocess.run([sys.executable, "-c", "from eventline.cli import main; main()",
                           *(a.format(tmp=tmp_path) for a in args)], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert proc.returncode == code, proc.stderr
    if code == 0:
        assert proc.stdout.startswith("eventline ") and proc.stdout.endswith("\n") and not proc.stderr
    else:
        assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("eventline: "), proc.stderr


def test_a_signal_swallowed_by_a_callback_still_stops_the_command_without_a_traceback(capsys):
    """A signal whose exception is raised inside a weakref or import-lock callback is swallowed by Python
    ("Exception ignored in ..."); the command must still stop at its next check, and print nothing of it."""
    import signal
    import weakref

    from eventline import cli

    class Thing:
        pass

    with cli._stopped_by_signals():
        thing = Thing()
        ref = weakref.ref(thing, lambda _: cli._on_signal(signal.SIGTERM, None))
        del thing  # the callback runs here; its exception cannot propagate
        assert ref() is None and cli._received == [signal.SIGTERM]
        with pytest.raises(cli._Signalled) as stopped:
            cli._raise_if_signalled()
    assert stopped.value.signum == signal.SIGTERM
    assert capsys.readouterr().err == ""
    assert signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN  # the handlers before are back
