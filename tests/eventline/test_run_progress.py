"""`eventline run` as a user sees it: the progress bar on stderr, and nothing but the result with --quiet."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from eventline.cli import app

RAW = Path(__file__).resolve().parents[1] / "fixtures" / "raw"


def test_run_shows_progress_and_quiet_silences_it(tmp_path):
    shutil.copytree(RAW, tmp_path / "raw")
    args = ["run", "--raw", str(tmp_path / "raw"), "--curated", str(tmp_path / "curated"),
            "--reports", str(tmp_path / "reports"), "--workers", "1"]
    loud = CliRunner().invoke(app, args)
    assert loud.exit_code == 0, loud.output
    for step in ("files read", "articles", "rows written"):
        assert step in loud.stderr, loud.stderr
    assert "report: " in loud.stdout
    quiet = CliRunner().invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == "" and "files read" not in quiet.stdout
    lines = quiet.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("run run_") and " completed in " in lines[0]
