"""Command-line exit codes and one-line errors (the real run is covered by tests/flows/test_flow.py)."""

import json

from typer.testing import CliRunner

from eventline.cli import app

runner = CliRunner()


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


def _report(tmp_path, doc):
    (tmp_path / "latest.json").write_text(json.dumps(doc))
    return runner.invoke(app, ["report", "--reports", str(tmp_path)])


DOC = {"run_id": "r", "status": "completed", "success": True, "articles_seen": 1, "articles_new": 1,
       "rows_quarantined": 0, "expectations_passed": 3, "expectations_failed": 0, "rows_written": {"events": 1},
       "tables": {}, "quarantine_by_reason": []}


def test_report_exit_codes(tmp_path):
    assert _report(tmp_path, DOC).exit_code == 0
    assert _report(tmp_path, {**DOC, "success": False}).exit_code == 1


def test_report_missing_or_malformed(tmp_path):
    result = runner.invoke(app, ["report", "--reports", str(tmp_path)])
    assert result.exit_code == 2 and "run `eventline run` first" in result.output
    result = _report(tmp_path, {})
    assert result.exit_code == 2 and "cannot read" in result.output


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
