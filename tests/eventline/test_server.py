"""The temporary Prefect server: stopped on SIGTERM/SIGINT, gone with its parent on SIGKILL, orphans reaped."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from eventline import server
from eventline.settings import PREFECT_HOME, PROJECT_ROOT


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # A zombie (dead, not yet reaped by its new parent) counts as gone.
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


def test_a_child_dies_with_its_parent_even_on_sigkill(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time; sys.path.insert(0, {str(PROJECT_ROOT)!r})
        from pathlib import Path
        from eventline.server import spawn_child
        child = spawn_child([sys.executable, "-c", "import time; time.sleep(120)"], {{}}, Path({str(tmp_path)!r}) / "log")
        print(child.pid, flush=True)
        time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()  # SIGKILL: no handler, no atexit runs in the parent
    parent.wait()
    assert _gone(child), "the child outlived its SIGKILLed parent"


def test_an_orphaned_server_is_reaped_at_the_next_start(tmp_path):
    fake = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", server._APP])
    dead_owner = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_owner.wait()
    (tmp_path / "servers").mkdir()
    (tmp_path / "servers" / f"{fake.pid}.json").write_text(json.dumps(
        {"pid": fake.pid, "owner": dead_owner.pid, "owner_start": "1", "port": 1}))
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", server._APP])
    (tmp_path / "servers" / f"{alive.pid}.json").write_text(json.dumps(
        {"pid": alive.pid, "owner": os.getpid(), "owner_start": server._start_time(os.getpid()), "port": 2}))
    try:
        assert server.reap_orphans(tmp_path) == [fake.pid]
        fake.wait(timeout=10)
        assert alive.poll() is None  # its owner (this process) is alive: not an orphan
        assert [p.name for p in (tmp_path / "servers").iterdir()] == [f"{alive.pid}.json"]
    finally:
        for p in (fake, alive):
            p.kill()
            p.wait()


def _start_run(tmp_path: Path, ready: bool = False) -> tuple[subprocess.Popen, int]:
    """`eventline run` with no PREFECT_API_URL (so it starts its own server); the server's pid once it is
    started (or, with `ready`, once it answers)."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("Talks\n\nNorway and Chile held talks in Oslo on 3 May 2022.")
    home = PREFECT_HOME  # its database is migrated already: the server starts faster
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    run = subprocess.Popen([sys.executable, "-c", "from eventline.cli import app; app()", "run", "--quiet",
                            "--raw", str(tmp_path / "raw"), "--curated", str(tmp_path / "c"),
                            "--reports", str(tmp_path / "r")], cwd=PROJECT_ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        for record in _records_of(run.pid):
            info = json.loads(record.read_text())
            if not ready or _answers(info["port"]):
                return run, info["pid"]
        assert run.poll() is None, run.communicate()
        time.sleep(0.05)
    run.kill()
    raise AssertionError("the run started no server")


def _records_of(owner: int) -> list[Path]:
    """The pid files of the servers `owner` started."""
    folder = PREFECT_HOME / "servers"
    out = []
    for record in folder.glob("*.json") if folder.is_dir() else []:
        try:
            if json.loads(record.read_text())["owner"] == owner:
                out.append(record)
        except (OSError, ValueError, KeyError):
            continue
    return out


def _answers(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def test_sigkill_of_the_run_takes_its_server_along(tmp_path):
    run, pid = _start_run(tmp_path, ready=True)
    run.kill()
    run.wait()
    assert _gone(pid), "the temporary Prefect server outlived the SIGKILLed run"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_ctrl_c_stops_the_server_and_says_so_in_one_line(tmp_path, signum):
    run, pid = _start_run(tmp_path)
    time.sleep(1)
    run.send_signal(signum)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signum, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "stopped by" in lines[0], err
    assert _gone(pid), "the temporary Prefect server outlived the stopped run"
    assert not _records_of(run.pid)


def test_a_signal_prefect_turned_into_its_own_exception_is_still_the_reason():
    from prefect.exceptions import TerminationSignal

    from eventline import cli

    try:
        try:
            raise TerminationSignal(signal.SIGTERM)
        except TerminationSignal as inner:
            raise RuntimeError("flow run crashed") from inner
    except RuntimeError as exc:
        assert cli._stopping_signal(exc) == signal.SIGTERM
    assert cli._stopping_signal(ValueError("no signal here")) is None
