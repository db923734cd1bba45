"""An installed wheel works: it holds the reference data and finds it through the installed package.

The test builds the wheel (`pip wheel --no-deps`, from a copy of the project so that no build
files land in the checkout), installs it with `--no-deps` into a fresh virtual environment in
a temporary folder, lends that environment the project's .venv site-packages for the
dependencies (a .pth line: appended after the environment's own packages, and its editable
hook is not run), and runs `eventline run` from it on the sample articles of data/raw.
Offline: pip builds with the setuptools the project's own editable install uses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from schemas.tables import SCHEMA_VERSION
from transforms.reference import reference_version

ROOT = Path(__file__).resolve().parents[1]
_COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "data", "tests", "build", "*.egg-info", "__pycache__",
                                      ".prefect", ".hypothesis", ".pytest_cache")


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh environment with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=_COPY_IGNORE)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp / "dist"), str(source)])
    (wheel,) = (tmp / "dist").glob("eventline-*.whl")
    env_dir = tmp / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet",
          str(wheel)])
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    Path(site, "eventline_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                              encoding="utf-8")
    return env_dir / "bin"


def test_the_wheel_holds_the_reference_data_and_conventions(installed):
    (wheel,) = (installed.parents[1] / "dist").glob("eventline-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    reference = {p.relative_to(ROOT).as_posix() for p in (ROOT / "reference").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert reference <= names, sorted(reference - names)
    assert {"transforms/dates/CONVENTIONS.md", "transforms/names/CONVENTIONS.md"} <= names


def test_the_installed_package_reads_its_own_files(installed, tmp_path):
    code = ("import transforms, reference, transforms.reference as R; R.load_all(); "
            "print(transforms.__file__); print(reference.__file__); print(R.reference_version())")
    out = _run([str(installed / "python"), "-c", code], cwd=tmp_path).stdout.split()
    assert all(str(installed.parent) in path for path in out[:2]), out  # not the checkout
    assert out[2] == reference_version()


def test_eventline_run_from_the_wheel_writes_the_curated_tables(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PYTHON"))}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PYTHONDONTWRITEBYTECODE="1")
    curated = tmp_path / "curated"
    _run([str(installed / "eventline"), "run", "--raw", str(ROOT / "data" / "raw"), "--curated", str(curated),
          "--reports", str(tmp_path / "reports"), "--quiet"], cwd=tmp_path, env=env)
    tables = {name: ds.dataset(curated / name, format="parquet").to_table()
              for name in ("articles", "events", "participants", "commitments", "runs")}
    assert tables["articles"].num_rows >= 5
    assert tables["events"].num_rows > 0 and tables["participants"].num_rows > 0
    assert tables["commitments"].num_rows > 0
    assert tables["events"].schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode()
    (run,) = tables["runs"].to_pylist()
    assert run["status"] == "completed" and run["reference_version"] == reference_version()
    assert (tmp_path / "reports" / "latest.json").is_file()
