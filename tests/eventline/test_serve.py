"""`eventline serve`: scheduled runs fire and write tables, a run that meets the lock fails with the reason
and the runner goes on, and SIGTERM stops everything the command started.

The command starts its own Prefect server (with its scheduler) and is stopped by the test. The
schedule fires every 10 s (cron's optional sixth field, seconds), so the test waits seconds, not
minutes; the runner polls every second (PREFECT_RUNNER_POLL_FREQUENCY, Prefect's own setting).
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.dataset as ds
from typer.testing import CliRunner

from eventline.cli import app
from eventline.serve import FLOW_NAME, deployment_name
from eventline.settings import PROJECT_ROOT, RunSettings
from flows.store import run_lock
from tests.eventline.test_server import _answers, _gone, _records_of

EVENTLINE = [sys.executable, "-c", "from eventline.cli import main; main()"]  # the console script's entry
ARTICLE = "Talks\n\nNorway and Chile held talks in Oslo on 3 May 2022 and agreed to open a consulate.\n"


def _descendants(pid: int) -> set[int]:
    """Every process below `pid` (children, their children, ...)."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += children - found
            found |= children
    return found


def _flow_runs(api: str, deployment: str) -> list[dict]:
    body = json.dumps({"deployments": {"name": {"any_": [deployment]}}, "flows": {"name": {"any_": [FLOW_NAME]}},
                       "sort": "EXPECTED_START_TIME_ASC", "limit": 100}).encode()
    request = urllib.request.Request(f"{api}/flow_runs/filter", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own server on 127.0.0.1
        return json.loads(response.read())


def _wait_for(what: str, check, serve: subprocess.Popen, within: float = 150.0):
    """Poll `check()` until it returns something; fail (with serve's output) if serve dies or time runs out."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        assert serve.poll() is None, f"serve exited ({serve.returncode}) before {what}: {serve.communicate()}"
        found = check()
        if found:
            return found
        time.sleep(0.5)
    serve.terminate()
    raise AssertionError(f"no {what} within {within:g} s: {serve.communicate(timeout=60)}")


def _start_serve(tmp_path: Path) -> tuple[subprocess.Popen, RunSettings]:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    settings = RunSettings(raw_dir=tmp_path / "raw", curated_dir=tmp_path / "c", reports_dir=tmp_path / "r")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # so that it starts its own server
    env |= {"PREFECT_RUNNER_POLL_FREQUENCY": "1", "PREFECT_LOGGING_LEVEL": "INFO"}
    serve = subprocess.Popen([*EVENTLINE, "serve", "--cron", "* * * * * */10", "--raw", str(settings.raw_dir),
                              "--curated", str(settings.curated_dir), "--reports", str(settings.reports_dir)],
                             cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return serve, settings


def _finished(api: str, name: str, state: str) -> dict | None:
    return next((r for r in _flow_runs(api, name) if r["state_type"] == state), None)


def test_serve_runs_on_schedule_meets_the_lock_and_stops_with_all_it_started(tmp_path):
    serve, settings = _start_serve(tmp_path)
    name = deployment_name(settings)
    with run_lock(settings.curated_dir):  # held by "another run" while the first scheduled runs fire
        record = _wait_for("server pid file", lambda: _records_of(serve.pid), serve)[0]
        info = json.loads(record.read_text())
        api = f"http://127.0.0.1:{info['port']}/api"
        _wait_for("server health", lambda: _answers(info["port"]), serve)
        failed = _wait_for("failed run", lambda: _finished(api, name, "FAILED"), serve)
    assert "holds the lock" in failed["state"]["message"], failed["state"]
    completed = _wait_for("completed run", lambda: _finished(api, name, "COMPLETED"), serve)
    assert completed["auto_scheduled"] and completed["deployment_id"]
    events = ds.dataset(settings.curated_dir / "events", format="parquet").to_table()
    assert events.num_rows >= 1 and "NOR" in events.column("countries").to_pylist()[0]
    runs = ds.dataset(settings.curated_dir / "runs", format="parquet").to_table().to_pylist()
    assert [r["status"] for r in runs].count("completed") >= 1

    # Stop it while a scheduled run is in flight: that run's process goes too.
    _wait_for("run in flight", lambda: _finished(api, name, "RUNNING"), serve)
    started = _descendants(serve.pid)
    assert info["pid"] in started and len(started) >= 2, started  # the server and the run's process
    serve.send_signal(signal.SIGTERM)
    out, err = serve.communicate(timeout=90)
    assert serve.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines()[-1].startswith("eventline: stopped by SIGTERM"), err
    assert f"serving {FLOW_NAME}/{name} on cron '* * * * * */10'" in err
    assert all(_gone(pid) for pid in started), [p for p in started if not _gone(p, 0)]
    assert not _records_of(serve.pid)
    statuses = {r["status"] for r in ds.dataset(settings.curated_dir / "runs", format="parquet").to_table().to_pylist()}
    assert statuses <= {"completed", "failed"}, statuses  # the cancelled run recorded its end


def test_serve_refuses_a_bad_cron_in_one_line(tmp_path, prefect_api):
    (tmp_path / "raw").mkdir()
    result = CliRunner().invoke(app, ["serve", "--cron", "every day", "--raw", str(tmp_path / "raw"),
                                      "--curated", str(tmp_path / "c"), "--reports", str(tmp_path / "r")])
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0 and "--cron 'every day' is not a cron expression" in result.output


def test_serve_takes_the_same_options_as_run():
    def options(command: str) -> set[str]:
        text = CliRunner().invoke(app, [command, "--help"], terminal_width=200).output
        return {word.strip(",") for word in text.split() if word.startswith("--")} - {"--help"}

    assert options("serve") == options("run") | {"--cron"}


def test_runs_missed_while_nobody_served_are_cancelled_not_made_up(tmp_path, prefect_api):
    import datetime as dt

    from prefect.client.orchestration import get_client
    from prefect.deployments.runner import EntrypointType
    from prefect.states import Scheduled

    from eventline.serve import cancel_missed_runs
    from flows.pipeline import eventline_run

    settings = RunSettings(raw_dir=tmp_path / "raw", curated_dir=tmp_path / "c", reports_dir=tmp_path / "r")
    deployment = eventline_run.to_deployment(deployment_name(settings), parameters={"settings": settings},
                                             entrypoint_type=EntrypointType.MODULE_PATH)
    deployment_id = deployment.apply()
    now = dt.datetime.now(dt.timezone.utc)
    with get_client(sync_client=True) as client:
        missed, due = (client.create_flow_run_from_deployment(deployment_id, state=Scheduled(scheduled_time=when))
                       for when in (now - dt.timedelta(hours=1), now + dt.timedelta(hours=1)))
        assert cancel_missed_runs(deployment_id) == 1
        assert client.read_flow_run(missed.id).state.type.value == "CANCELLED"
        assert client.read_flow_run(due.id).state.type.value == "SCHEDULED"
        client.delete_deployment(deployment_id)


def test_settings_come_back_from_a_served_run_s_json_as_they_were(tmp_path):
    """A served run gets its settings as JSON text: local folders are Paths again, URLs stay text."""
    from fastapi.encoders import jsonable_encoder

    from flows.pipeline import eventline_run

    for settings in (RunSettings(raw_dir=tmp_path / "raw", curated_dir=tmp_path / "c", reports_dir=tmp_path / "r"),
                     RunSettings(raw_dir="s3://news/raw", curated_dir="s3://news/curated", workers=1)):
        sent = jsonable_encoder({"settings": settings})
        assert eventline_run.validate_parameters(sent) == {"settings": settings}
    assert deployment_name(RunSettings(curated_dir="s3://news/curated/")).startswith("curated-")
